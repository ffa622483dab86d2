// Custom data as the page sends it (setData): typed arrays from a message, so hostile input.
// Checked with the core's data-io rules (the same the page applies before sending), so a bad
// message is rejected with the row, the column and the problem, and nothing changes.
import { validateAs } from '../src/core/data-io/validate';
import { DATA_LIMITS, kindOf } from '../src/core/data-io/limits';
import type { Dataset } from '../src/core/index';

/** The points X (N×2 row-major) and labels t (N) as a Dataset of new arrays, or a TypeError/RangeError. */
export function customDataset(X: unknown, t: unknown, classes: unknown): Dataset {
  const fn = 'setData';
  if (!(X instanceof Float64Array))
    throw new TypeError(`${fn}: X must be a Float64Array of N×2 coordinates; got ${kindOf(X)}`);
  if (!(t instanceof Int32Array)) throw new TypeError(`${fn}: t must be an Int32Array of N labels; got ${kindOf(t)}`);
  if (X.length !== 2 * t.length) {
    throw new RangeError(`${fn}: X must hold 2 coordinates per label (${2 * t.length}); got ${X.length}`);
  }
  if (t.length > DATA_LIMITS.maxRows) {
    throw new RangeError(`${fn}: data.X must hold at most ${DATA_LIMITS.maxRows} rows; got ${t.length}`);
  }
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > DATA_LIMITS.maxClasses) {
    throw new RangeError(
      `${fn}: classes must be a whole number from 2 to ${DATA_LIMITS.maxClasses}; got ${kindOf(classes)}`,
    );
  }
  const rows = new Array<Float64Array>(t.length);
  for (let i = 0; i < t.length; i++) rows[i] = X.subarray(2 * i, 2 * i + 2);
  // validateAs copies into new arrays: the run keeps nothing the message could still change.
  return validateAs(fn, { X: rows, t }, { classes });
}

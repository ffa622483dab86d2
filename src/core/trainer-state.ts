// A run's resumable state and the checks both engines share for reading and restoring it
// (its own module, so the engines import it without importing each other).
import { checkInteger, describe } from './errors';

/** A run's resumable state: what `Trainer.restore` takes. */
export interface TrainerState {
  /** updates done */
  iteration: number;
  /** packed P (paramCount(shape) numbers; see packParams) */
  params: Float64Array;
  /** packed V, laid out as P */
  velocities: Float64Array;
}

/** Throws unless `state` fits a run of `count` parameters (shared by both engines). */
export function checkTrainerState(state: TrainerState, count: number): void {
  const fn = 'trainer.restore';
  if (typeof state !== 'object' || state === null) {
    throw new TypeError(`${fn}: state must be an object {iteration, params, velocities}; got ${describe(state)}`);
  }
  checkInteger(fn, 'state.iteration', state.iteration, 0);
  for (const key of ['params', 'velocities'] as const) {
    const value = state[key];
    if (!(value instanceof Float64Array) || value.length !== count) {
      throw new TypeError(`${fn}: state.${key} must be a Float64Array of ${count} numbers; got ${describe(value)}`);
    }
  }
}

/** Copies `count` numbers of `source` into out at offset, with writePacked*'s checks. */
export function writePacked(fn: string, source: Float64Array, out: Float64Array, offset: number): void {
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`${fn}: out must be a Float64Array; got ${describe(out)}`);
  }
  checkInteger(fn, 'offset', offset, 0);
  const count = source.length;
  if (offset + count > out.length) {
    throw new RangeError(
      `${fn}: out must have room for ${count} numbers from offset ${offset} (length ≥ ${offset + count}); got length ${out.length}`,
    );
  }
  out.set(source, offset);
}

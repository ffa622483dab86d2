// Targets as the tutorial's T: one row per sample, a 1 in the column of its class.
import { checkInteger, describe } from '../errors';
import type { Matrix } from '../types';

/** One-hot targets: row n of the N×classes result has a 1 in column t[n], zeros elsewhere. */
export function oneHot(t: Int32Array, classes: number): Matrix {
  if (!(t instanceof Int32Array))
    throw new TypeError(`oneHot: t must be an Int32Array of class indices; got ${describe(t)}`);
  checkInteger('oneHot', 'classes', classes, 1);
  if (t.length === 0) throw new RangeError(`oneHot: t must hold at least 1 class index; got 0`);
  const data = new Float64Array(t.length * classes);
  for (let i = 0; i < t.length; i++) {
    const k = t[i];
    if (k < 0 || k >= classes) {
      throw new RangeError(`oneHot: t[${i}] must be a class index from 0 to ${classes - 1}; got ${k}`);
    }
    data[i * classes + k] = 1;
  }
  return { rows: t.length, cols: classes, data };
}

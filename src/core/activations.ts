// The two activation functions of the tutorial's network.
import { checkData, describe } from './errors';
import { exp } from './exp';
import { softmaxRow } from './kernels';
import type { Matrix } from './types';

/**
 * Tutorial `logistic`: σ(z) = 1 / (1 + e^−z), elementwise. Takes a number or a Matrix (returns
 * a new Matrix of the same shape). Saturates cleanly: σ(−1000) = 0, σ(1000) = 1.
 */
export function logistic(z: number): number;
export function logistic(Z: Matrix): Matrix;
export function logistic(z: number | Matrix): number | Matrix {
  if (typeof z === 'number') {
    if (!Number.isFinite(z)) throw new RangeError(`logistic: z must be a finite number; got ${z}`);
    return 1 / (1 + exp(-z));
  }
  if (typeof z !== 'object' || z === null) {
    throw new TypeError(`logistic: z must be a number or a Matrix; got ${describe(z)}`);
  }
  checkData('logistic', 'Z', z);
  const out = new Float64Array(z.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + exp(-z.data[i]));
  return { rows: z.rows, cols: z.cols, data: out };
}

/**
 * Tutorial `softmax`, per row of Z (N×C logits → N×C probabilities):
 * softmax(z)_c = e^(z_c − max z) / Σ_k e^(z_k − max z). Subtracting the row maximum keeps
 * every exponent ≤ 0, so logits of ±1e3 give finite rows that sum to 1.
 */
export function softmax(Z: Matrix): Matrix {
  checkData('softmax', 'Z', Z);
  const out = Z.data.slice();
  for (let i = 0; i < Z.rows; i++) softmaxRow(out, i * Z.cols, Z.cols, null);
  return { rows: Z.rows, cols: Z.cols, data: out };
}

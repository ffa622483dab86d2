// The four quadrants, opposite ones sharing a class.
import type { RandomState } from '../random';
import { addNoise, checkOptions, checkRng, checkSamplesAndNoise } from './draw';
import type { Dataset } from './types';

/** The square the points are drawn in, before the noise: each coordinate uniform in [−1.8, 1.8). */
export const XOR_BOX = [-1.8, 1.8] as const;

export interface XorOptions {
  /** total points (default 100) */
  nSamples?: number;
  /** standard deviation of the Gaussian noise on each coordinate (default 0; drawn even at 0) */
  noise?: number;
}

/**
 * As numpy would compute it:
 *   X = rng.uniform(−1.8, 1.8, size=(N, 2))
 *   t = (X[:, 0] · X[:, 1] < 0)          class 1 in the second and fourth quadrants
 *   X += rng.normal(0, noise, size=(N, 2))
 * The labels are taken before the noise, so noise blurs the quadrants' edges.
 */
export function makeXor(options: XorOptions, rng: RandomState): Dataset {
  const fn = 'makeXor';
  checkOptions(fn, options);
  const { nSamples = 100, noise = 0 } = options;
  checkSamplesAndNoise(fn, nSamples, noise);
  checkRng(fn, rng);
  const [low, high] = XOR_BOX;
  const X = new Float64Array(nSamples * 2);
  const t = new Int32Array(nSamples);
  for (let k = 0; k < X.length; k++) X[k] = rng.uniform(low, high);
  for (let i = 0; i < nSamples; i++) t[i] = X[2 * i] * X[2 * i + 1] < 0 ? 1 : 0;
  addNoise(X, noise, rng);
  return { X: { rows: nSamples, cols: 2, data: X }, t };
}

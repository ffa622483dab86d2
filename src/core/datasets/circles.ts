// The tutorial's data set. `makeCircles` draws exactly as scikit-learn 1.2's `make_circles` does from a
// numpy RandomState, so the same seed gives the same points as the tutorial's notebook.
import { checkInteger, checkNumber, describe } from '../errors';
import { RandomState } from '../random';
import type { Dataset } from './types';

export interface CirclesOptions {
  /** total points; the outer circle gets ⌊n/2⌋, the inner one the rest (default 100) */
  nSamples?: number;
  /** inner radius relative to the outer one, in [0, 1) (default 0.8, as scikit-learn) */
  factor?: number;
  /**
   * standard deviation of the Gaussian noise added to each coordinate (default 0). As in
   * scikit-learn, any number (0 included) draws 2n Gaussians from the stream; `null` is
   * scikit-learn's `noise=None` and draws nothing.
   */
  noise?: number | null;
  /** shuffle the points (scikit-learn's default, true); the tutorial passes false */
  shuffle?: boolean;
}

/** The circles' points; labels 0 outer circle, 1 inner circle. */
export type CirclesData = Dataset;

/**
 * scikit-learn 1.2 `make_circles(n_samples, shuffle, noise, random_state=rng, factor)`:
 * - angles `linspace(0, 2π, m, endpoint=False)` = i·(2π/m) for each circle's m points;
 *   outer (cos, sin), inner (cos·factor, sin·factor); outer points first, label 0, then inner, 1;
 * - if shuffle: `sklearn.utils.shuffle` → `indices = arange(n); rng.shuffle(indices)`, rows and
 *   labels reordered by `indices` (numpy's legacy Fisher–Yates, see RandomState.shuffle);
 * - then, unless noise is null, `X += rng.normal(scale=noise, size=(n, 2))`, drawn row-major.
 */
export function makeCircles(options: CirclesOptions, rng: RandomState): CirclesData {
  const fn = 'makeCircles';
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
  const { nSamples = 100, factor = 0.8, noise = 0, shuffle = true } = options;
  checkInteger(fn, 'nSamples', nSamples, 1);
  checkNumber(fn, 'factor', factor, { min: 0, max: 1, maxExclusive: true });
  if (noise !== null) checkNumber(fn, 'noise', noise, { min: 0 });
  if (typeof shuffle !== 'boolean')
    throw new TypeError(`${fn}: shuffle must be true or false; got ${describe(shuffle)}`);
  if (!(rng instanceof RandomState)) throw new TypeError(`${fn}: rng must be a RandomState; got ${describe(rng)}`);

  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const points = new Float64Array(nSamples * 2);
  const labels = new Int32Array(nSamples);
  const stepOut = (2 * Math.PI) / nOut;
  const stepIn = (2 * Math.PI) / nIn;
  for (let i = 0; i < nOut; i++) {
    points[2 * i] = Math.cos(i * stepOut);
    points[2 * i + 1] = Math.sin(i * stepOut);
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    points[2 * r] = Math.cos(i * stepIn) * factor;
    points[2 * r + 1] = Math.sin(i * stepIn) * factor;
    labels[r] = 1;
  }

  let X = points;
  let t = labels;
  if (shuffle) {
    const indices = rng.permutation(nSamples);
    X = new Float64Array(nSamples * 2);
    t = new Int32Array(nSamples);
    for (let i = 0; i < nSamples; i++) {
      const j = indices[i];
      X[2 * i] = points[2 * j];
      X[2 * i + 1] = points[2 * j + 1];
      t[i] = labels[j];
    }
  }
  if (noise !== null) {
    for (let k = 0; k < X.length; k++) X[k] += 0 + noise * rng.standardNormal();
  }
  return { X: { rows: nSamples, cols: 2, data: X }, t };
}

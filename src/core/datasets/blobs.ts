// Gaussian blobs, one per class, as scikit-learn 1.2's `make_blobs`.
import { checkInteger } from '../errors';
import type { RandomState } from '../random';
import { checkOptions, checkRng, checkSamplesAndNoise, countPerClass } from './draw';
import type { Dataset } from './types';

/** Where the blobs' centers may fall: each coordinate uniform in [−1.5, 1.5). */
export const BLOBS_CENTER_BOX = [-1.5, 1.5] as const;

export interface BlobsOptions {
  /** total points, dealt to the classes as evenly as possible (default 100) */
  nSamples?: number;
  /** number of blobs C, one class each (default 3, as scikit-learn) */
  classes?: number;
  /** each blob's standard deviation, scikit-learn's `cluster_std` (default 0.1) */
  noise?: number;
}

/**
 * scikit-learn 1.2 `make_blobs(N, n_features=2, centers=C, cluster_std=noise,
 * center_box=(−1.5, 1.5), shuffle=False, random_state=rng)`, in its order of draws:
 *   centers = rng.uniform(−1.5, 1.5, size=(C, 2))                     (row-major, 2C uniforms)
 *   blob c gets n_c = ⌊N/C⌋ points, plus one for c < N mod C
 *   for c in 0..C−1: X[rows of c] = rng.normal(loc=centers[c], scale=noise, size=(n_c, 2))
 * Labels are c, the blobs in order. The Gaussians are drawn even at noise 0.
 */
export function makeBlobs(options: BlobsOptions, rng: RandomState): Dataset {
  const fn = 'makeBlobs';
  checkOptions(fn, options);
  const { nSamples = 100, classes = 3, noise = 0.1 } = options;
  checkSamplesAndNoise(fn, nSamples, noise);
  checkInteger(fn, 'classes', classes, 1);
  checkRng(fn, rng);
  const [low, high] = BLOBS_CENTER_BOX;
  const centers = new Float64Array(classes * 2);
  for (let k = 0; k < centers.length; k++) centers[k] = rng.uniform(low, high);
  const X = new Float64Array(nSamples * 2);
  const t = new Int32Array(nSamples);
  let row = 0;
  for (let c = 0; c < classes; c++) {
    const count = countPerClass(nSamples, classes, c);
    for (let i = 0; i < count; i++, row++) {
      X[2 * row] = centers[2 * c] + noise * rng.standardNormal();
      X[2 * row + 1] = centers[2 * c + 1] + noise * rng.standardNormal();
      t[row] = c;
    }
  }
  return { X: { rows: nSamples, cols: 2, data: X }, t };
}

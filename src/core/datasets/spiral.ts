// Interleaved spiral arms, one per class.
import { checkInteger } from '../errors';
import type { RandomState } from '../random';
import { addNoise, checkOptions, checkRng, checkSamplesAndNoise, countPerClass } from './draw';
import type { Dataset } from './types';

/** Radius of each arm's last point. */
export const SPIRAL_RADIUS = 1.8;

export interface SpiralOptions {
  /** total points, dealt to the arms as evenly as possible (default 100) */
  nSamples?: number;
  /** number of arms C, one class each (default 2) */
  classes?: number;
  /** standard deviation of the Gaussian noise on each coordinate (default 0; drawn even at 0) */
  noise?: number;
}

/**
 * Arm c in 0..C−1 gets m = ⌊N/C⌋ points, plus one for c < N mod C; its point i in 0..m−1 is
 *   r = 1.8·(i + 1)/m,   θ = 3π·i/m + 2π·c/C,   (r cos θ, r sin θ)
 * (one and a half turns, the arms rotated 2π/C apart), arms in class order. Then
 * `X += rng.normal(0, noise, size=(N, 2))`; only the noise draws from the stream.
 */
export function makeSpiral(options: SpiralOptions, rng: RandomState): Dataset {
  const fn = 'makeSpiral';
  checkOptions(fn, options);
  const { nSamples = 100, classes = 2, noise = 0 } = options;
  checkSamplesAndNoise(fn, nSamples, noise);
  checkInteger(fn, 'classes', classes, 1);
  checkRng(fn, rng);
  const X = new Float64Array(nSamples * 2);
  const t = new Int32Array(nSamples);
  let row = 0;
  for (let c = 0; c < classes; c++) {
    const m = countPerClass(nSamples, classes, c);
    for (let i = 0; i < m; i++, row++) {
      // Evaluated left to right as the Python formula is, so the roundings agree.
      const r = (SPIRAL_RADIUS * (i + 1)) / m;
      const theta = (3 * Math.PI * i) / m + (2 * Math.PI * c) / classes;
      X[2 * row] = r * Math.cos(theta);
      X[2 * row + 1] = r * Math.sin(theta);
      t[row] = c;
    }
  }
  addNoise(X, noise, rng);
  return { X: { rows: nSamples, cols: 2, data: X }, t };
}

// Two interleaving half circles, as scikit-learn 1.2's `make_moons(N, shuffle=False, noise)`.
import type { RandomState } from '../random';
import { addNoise, checkOptions, checkRng, checkSamplesAndNoise, linspace } from './draw';
import type { Dataset } from './types';

export interface MoonsOptions {
  /** total points; the upper moon gets ⌊N/2⌋, the lower one the rest (default 100) */
  nSamples?: number;
  /** standard deviation of the Gaussian noise on each coordinate (default 0; drawn even at 0) */
  noise?: number;
}

/**
 * scikit-learn 1.2 `make_moons(N, shuffle=False, noise=noise, random_state=rng)`:
 *   upper moon, label 0, n_out = ⌊N/2⌋ points:  (cos a, sin a),             a = linspace(0, π, n_out)
 *   lower moon, label 1, n_in = N − n_out:      (1 − cos a, 1 − sin a − 0.5), a = linspace(0, π, n_in)
 * then `X += rng.normal(scale=noise, size=(N, 2))`. Only the noise draws from the stream.
 */
export function makeMoons(options: MoonsOptions, rng: RandomState): Dataset {
  const fn = 'makeMoons';
  checkOptions(fn, options);
  const { nSamples = 100, noise = 0 } = options;
  checkSamplesAndNoise(fn, nSamples, noise);
  checkRng(fn, rng);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const X = new Float64Array(nSamples * 2);
  const t = new Int32Array(nSamples);
  const out = linspace(Math.PI, nOut);
  for (let i = 0; i < nOut; i++) {
    X[2 * i] = Math.cos(out[i]);
    X[2 * i + 1] = Math.sin(out[i]);
  }
  const inner = linspace(Math.PI, nIn);
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    X[2 * r] = 1 - Math.cos(inner[i]);
    X[2 * r + 1] = 1 - Math.sin(inner[i]) - 0.5;
    t[r] = 1;
  }
  addNoise(X, noise, rng);
  return { X: { rows: nSamples, cols: 2, data: X }, t };
}

// What the generators share: argument checks and scikit-learn's closing noise step.
import { checkInteger, checkNumber, describe } from '../errors';
import { RandomState } from '../random';

/** Throws unless rng is a RandomState (every draw must come from the run's one stream). */
export function checkRng(fn: string, rng: unknown): asserts rng is RandomState {
  if (!(rng instanceof RandomState)) throw new TypeError(`${fn}: rng must be a RandomState; got ${describe(rng)}`);
}

/** Throws unless options is an object (the generators' first argument). */
export function checkOptions(fn: string, options: unknown): asserts options is object {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
}

/** The sample count and noise every generator takes: N ≥ 1 points, noise a standard deviation ≥ 0. */
export function checkSamplesAndNoise(fn: string, nSamples: unknown, noise: unknown): void {
  checkInteger(fn, 'nSamples', nSamples, 1);
  checkNumber(fn, 'noise', noise, { min: 0 });
}

/**
 * `X += rng.normal(0, noise, size=X.shape)`: one Gaussian per coordinate, drawn row-major
 * (draw k goes to X[k >> 1][k & 1]), as numpy's `loc + scale·g` with loc 0. Drawn even at
 * noise 0, so the stream after the data does not depend on the noise.
 */
export function addNoise(X: Float64Array, noise: number, rng: RandomState): void {
  for (let k = 0; k < X.length; k++) X[k] += 0 + noise * rng.standardNormal();
}

/**
 * numpy's `linspace(0, stop, n)` (endpoint included): i·(stop/(n−1)) + 0, the last point
 * exactly `stop`; `[0]` for n = 1, as numpy computes it.
 */
export function linspace(stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) return out;
  const step = stop / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + 0;
  if (n > 1) out[n - 1] = stop;
  return out;
}

/** Points per class when N points are dealt to C classes: ⌊N/C⌋ each, one more for the first N mod C. */
export function countPerClass(samples: number, classes: number, c: number): number {
  return Math.floor(samples / classes) + (c < samples % classes ? 1 : 0);
}

// The tutorial notebook's setup from one seed, in the notebook's order of random draws, so that
// seed 1 with the defaults reproduces the published figures and any other size still draws
// from the same single stream. A run of the app uses setupRun (setup.ts), which adds the other
// generators, custom data and the test split, and gives the same numbers for these settings.
import { makeCircles, oneHot } from './datasets';
import { checkInteger, checkNumber, describe } from './errors';
import { randomParams } from './params';
import { RandomState } from './random';
import type { Matrix, Params } from './types';

/** Named as the app's config fields (TrainConfig), so a validated config passes straight through. */
export interface NotebookOptions {
  /** points (default 100) */
  samples?: number;
  /** inner circle radius relative to the outer (default 0.3) */
  factor?: number;
  /** Gaussian noise standard deviation (default 0.1) */
  noise?: number;
  /** hidden units H (default 3) */
  hiddenUnits?: number;
  /**
   * output classes C, at least 2 (default 2; the circles only use classes 0 and 1). More
   * outputs than the data's two classes are allowed here, for tests of the general kernels;
   * setupRun, the app's set-up, requires exactly 2 for circles.
   */
  classes?: number;
  /** scale of the training parameters' Gaussians, the notebook's `init_var` (default 0.1) */
  initScale?: number;
}

export interface NotebookSetup {
  /** N×2 inputs */
  X: Matrix;
  /** N class labels (0 outer circle, 1 inner) */
  t: Int32Array;
  /** N×C one-hot targets */
  T: Matrix;
  /** the gradient-check parameters (init_var = 1) */
  checkParams: Params;
  /** the initial training parameters (init_var = initScale) */
  initParams: Params;
}

/**
 * The notebook, from `np.random.seed(seed)` on, one stream:
 *   X, t = make_circles(n_samples=samples, shuffle=False, factor=factor, noise=noise)
 *   gradient-check parameters: bh, Wh, bo, Wo = randn(...) · 1
 *   training parameters:       bh, Wh, bo, Wo = randn(...) · initScale
 * The Gaussian cache carries over between the two draws, as in numpy.
 */
export function notebookSetup(seed: number, options: NotebookOptions = {}): NotebookSetup {
  const fn = 'notebookSetup';
  checkInteger(fn, 'seed', seed, 0, 0xffffffff);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
  const { samples = 100, factor = 0.3, noise = 0.1, hiddenUnits = 3, classes = 2, initScale = 0.1 } = options;
  // Only what the mathematics needs: finite numbers, whole counts, a seed numpy accepts,
  // factor in [0, 1) as make_circles requires, non-negative scales for the Gaussians, two
  // classes for the two circles. The product's caps (10000 samples, 64 hidden units, ...)
  // live in src/protocol/config-schema.ts.
  checkInteger(fn, 'samples', samples, 1);
  checkNumber(fn, 'factor', factor, { min: 0, max: 1, maxExclusive: true });
  checkNumber(fn, 'noise', noise, { min: 0 });
  checkInteger(fn, 'hiddenUnits', hiddenUnits, 1);
  checkInteger(fn, 'classes', classes, 2);
  checkNumber(fn, 'initScale', initScale, { min: 0 });

  const rng = new RandomState(seed);
  const { X, t } = makeCircles({ nSamples: samples, shuffle: false, factor, noise }, rng);
  const shape = { inputs: 2, hidden: hiddenUnits, classes };
  const checkParams = randomParams(shape, 1, rng);
  const initParams = randomParams(shape, initScale, rng);
  return { X, t, T: oneHot(t, classes), checkParams, initParams };
}

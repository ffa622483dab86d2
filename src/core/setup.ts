// A run's set-up from one seed: data, test split, gradient-check and training parameters, all
// from one RandomState stream in the order, so every run can be reproduced in numpy.
import { checkGeneratorClasses, generateData, GENERATOR_NAMES, type GeneratorName } from './datasets/generate';
import { oneHot } from './datasets/one-hot';
import type { Dataset } from './datasets/types';
import { ClassCountError, classRaiseNotice, requiredClasses } from './data-io/limits';
import { checkData, checkInteger, checkNumber, describe } from './errors';
import { randomParams } from './params';
import { RandomState } from './random';
import { splitData } from './split';
import type { Matrix, Params } from './types';

/** A generator, or `custom`: data given by the user instead of drawn. */
export type DataSource = GeneratorName | 'custom';

/** setupRun's options, named as the app's config fields (TrainConfig), plus the custom data. */
export interface RunOptions {
  /** which data (default 'circles'); `custom` needs `data` */
  generator?: DataSource;
  /** points N, for a generator (default 100) */
  samples?: number;
  /** noise standard deviation, for a generator (default 0.1) */
  noise?: number;
  /** circles only: inner radius relative to the outer (default 0.3) */
  factor?: number;
  /** classes C, 2 to 5 (default 2); exactly 2 for circles, moons and xor */
  classes?: number;
  /** fraction f of the rows held out for testing, in [0, 1) (default 0: the tutorial) */
  testFraction?: number;
  /** hidden units H (default 3) */
  hiddenUnits?: number;
  /** scale of the training parameters' Gaussians, the notebook's `init_var` (default 0.1) */
  initScale?: number;
  /** the points and labels when generator is `custom` (labels 0..C−1); ignored otherwise */
  data?: Dataset;
}

/** The rows of one side of the split: inputs, labels and one-hot targets. */
export interface RowSet {
  /** n×2 inputs */
  X: Matrix;
  /** n class indices */
  t: Int32Array;
  /** n×C one-hot targets */
  T: Matrix;
}

export interface RunSetup extends RowSet {
  // X, t, T (from RowSet): the training rows, what the trainer trains on (all rows when f = 0).
  /** every point, in the generator's (or the user's) order: what the map draws */
  data: Dataset;
  /** the test rows, or null when there are none (f = 0, or ⌊f·N⌋ = 0) */
  test: RowSet | null;
  /** indices into `data` of the training rows, in X's order */
  trainRows: Int32Array;
  /** indices into `data` of the test rows, in test.X's order (empty without a test set) */
  testRows: Int32Array;
  /** classes C: the network's outputs */
  classes: number;
  /** the gradient-check parameters (scale 1) */
  checkParams: Params;
  /** the initial training parameters (scale initScale) */
  initParams: Params;
}

function rowSet(data: Dataset, classes: number): RowSet {
  return { X: data.X, t: data.t, T: oneHot(data.t, classes) };
}

/** Throws unless custom data are N×2 finite points with N labels in 0..classes−1. */
function checkCustom(fn: string, data: unknown, classes: number): asserts data is Dataset {
  if (typeof data !== 'object' || data === null) {
    throw new TypeError(
      `${fn}: data must be a Dataset { X: Matrix N×2, t: Int32Array } for generator "custom"; got ${describe(data)}`,
    );
  }
  const { X, t } = data as Record<string, unknown>;
  checkData(fn, 'data.X', X);
  if (X.cols !== 2) throw new RangeError(`${fn}: data.X must have 2 columns; got ${X.rows}×${X.cols}`);
  if (!(t instanceof Int32Array) || t.length !== X.rows) {
    throw new TypeError(`${fn}: data.t must be an Int32Array of ${X.rows} labels; got ${describe(t)}`);
  }
  for (let i = 0; i < t.length; i++) {
    if (t[i] < 0) throw new RangeError(`${fn}: data.t[${i}] must be a class from 0 to ${classes - 1}; got ${t[i]}`);
    if (t[i] >= classes) {
      const required = requiredClasses(t);
      throw new ClassCountError(
        `${fn}: data.t[${i}] must be a class from 0 to ${classes - 1}; got ${t[i]} (${classRaiseNotice(required)})`,
        required,
        classes,
      );
    }
  }
}

/**
 * The run from `np.random.seed(seed)` on, one stream:
 *   1. the data: generateData(generator, ...) (nothing for `custom`: its data are given);
 *   2. if testFraction > 0: perm = permutation(N); test rows perm[:⌊f·N⌋], training the rest;
 *   3. gradient-check parameters: bh (1×H), Wh (2×H), bo (1×C), Wo (H×C) = randn · 1;
 *   4. training parameters, the same shapes = randn · initScale.
 * The Gaussian cache carries over between the draws, as in numpy. For the tutorial's settings
 * (circles, f = 0) this is notebookSetup, number for number.
 */
export function setupRun(seed: number, options: RunOptions = {}): RunSetup {
  const fn = 'setupRun';
  checkInteger(fn, 'seed', seed, 0, 0xffffffff);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
  const { generator = 'circles', samples = 100, noise = 0.1, factor = 0.3, classes = 2 } = options;
  const { testFraction = 0, hiddenUnits = 3, initScale = 0.1 } = options;
  if (generator !== 'custom' && !GENERATOR_NAMES.includes(generator)) {
    const allowed = [...GENERATOR_NAMES, 'custom'].join(', ');
    throw new RangeError(`${fn}: generator must be one of ${allowed}; got ${describe(generator)}`);
  }
  if (generator === 'custom') checkInteger(fn, 'classes', classes, 2, 5);
  else checkGeneratorClasses(fn, generator, classes);
  checkNumber(fn, 'testFraction', testFraction, { min: 0, max: 1, maxExclusive: true });
  checkInteger(fn, 'hiddenUnits', hiddenUnits, 1);
  checkNumber(fn, 'initScale', initScale, { min: 0 });

  const rng = new RandomState(seed);
  let data: Dataset;
  if (generator === 'custom') {
    checkCustom(fn, options.data, classes);
    data = options.data;
  } else {
    data = generateData(generator, { samples, noise, factor, classes }, rng);
  }
  const split = splitData(data, testFraction, rng);
  const shape = { inputs: 2, hidden: hiddenUnits, classes };
  const checkParams = randomParams(shape, 1, rng);
  const initParams = randomParams(shape, initScale, rng);
  return {
    ...rowSet(split.train, classes),
    data,
    test: split.test === null ? null : rowSet(split.test, classes),
    trainRows: split.trainRows,
    testRows: split.testRows,
    classes,
    checkParams,
    initParams,
  };
}

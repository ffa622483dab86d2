// Every bad input gets a RangeError (right kind, wrong value) or TypeError (wrong kind) whose
// message names the function, the argument, what was expected and what was given.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  backpropGradients,
  cost,
  createTrainer,
  fromRows,
  gradientCheck,
  hiddenActivations,
  makeCircles,
  nn,
  nnPredict,
  notebookSetup,
  oneHot,
  outputActivations,
  paramCount,
  randomParams,
  RandomState,
  softmax,
  train,
  unpackParams,
  zeros,
} from './index';
import type { Matrix, Params } from './types';

const { X, T, initParams } = notebookSetup(1);
const hyper = { learningRate: 0.02, momentum: 0.9 };
const m = (rows: number, cols: number): Matrix => zeros(rows, cols);
const withNaN = (src: Matrix, index: number, value = NaN): Matrix => {
  const data = src.data.slice();
  data[index] = value;
  return { ...src, data };
};
const asAny = <T>(value: unknown): T => value as T;
const replace = (p: Params, change: Partial<Params>): Params => ({ ...p, ...change });

type Case = [label: string, call: () => unknown, kind: typeof RangeError | typeof TypeError, message: string | RegExp];

const cases: Case[] = [
  // shapes
  [
    'Wh rows vs X columns',
    () => hiddenActivations(X, m(3, 3), m(1, 3)),
    RangeError,
    "hiddenActivations: Wh must have 2 rows to match X's 2 columns; got 3×3",
  ],
  [
    'bh vs Wh',
    () => hiddenActivations(X, m(2, 3), m(1, 2)),
    RangeError,
    "hiddenActivations: bh must be 1×3 to match Wh's 3 columns; got 1×2",
  ],
  [
    'Wo rows vs H columns',
    () => outputActivations(m(4, 3), m(2, 2), m(1, 2)),
    RangeError,
    "outputActivations: Wo must have 3 rows to match H's 3 columns; got 2×2",
  ],
  [
    'params.Wh vs X',
    () => nn(m(5, 3), initParams),
    RangeError,
    "nn: params.Wh must have 3 rows to match X's 3 columns; got 2×3",
  ],
  [
    'params.Wo vs params.Wh',
    () => nn(X, replace(initParams, { Wo: m(2, 2) })),
    RangeError,
    "nn: params.Wo must have 3 rows to match params.Wh's 3 columns; got 2×2",
  ],
  [
    'params.bo vs params.Wo',
    () => nnPredict(X, replace(initParams, { bo: m(1, 3) })),
    RangeError,
    "nnPredict: params.bo must be 1×2 to match params.Wo's 2 columns; got 1×3",
  ],
  ['T vs Y', () => cost(m(100, 2), m(100, 3)), RangeError, 'cost: T must be 100×2 to match Y; got 100×3'],
  [
    'T rows vs X',
    () => backpropGradients(X, m(99, 2), initParams),
    RangeError,
    "backpropGradients: T must have 100 rows to match X's 100 rows; got 99×2",
  ],
  [
    'T classes',
    () => createTrainer(X, m(100, 3), initParams, hyper),
    RangeError,
    "createTrainer: T must be 100×2 to match X's 100 rows and params.Wo's 2 columns; got 100×3",
  ],
  // non-finite values
  ['NaN in X', () => nn(withNaN(X, 7), initParams), RangeError, 'nn: X must hold finite numbers; got NaN at (3, 1)'],
  [
    'Infinity in Wh',
    () => nn(X, replace(initParams, { Wh: withNaN(initParams.Wh, 4, Infinity) })),
    RangeError,
    'nn: params.Wh must hold finite numbers; got Infinity at (1, 1)',
  ],
  [
    'NaN in logits',
    () => softmax(withNaN(m(2, 2), 0)),
    RangeError,
    'softmax: Z must hold finite numbers; got NaN at (0, 0)',
  ],
  [
    'NaN in T',
    () => createTrainer(X, withNaN(T, 1), initParams, hyper),
    RangeError,
    'createTrainer: T must hold finite numbers; got NaN at (0, 1)',
  ],
  // not matrices
  [
    'array for a matrix',
    () => nn(asAny<Matrix>([[1, 2]]), initParams),
    TypeError,
    'nn: X must be a Matrix {rows, cols, data: Float64Array}; got Array(1)',
  ],
  [
    'plain numbers for data',
    () => nn(asAny<Matrix>({ rows: 1, cols: 2, data: [1, 2] }), initParams),
    TypeError,
    'nn: X must be a Matrix',
  ],
  [
    'missing params',
    () => nn(X, asAny<Params>(undefined)),
    TypeError,
    'nn: params must be an object {Wh, bh, Wo, bo} of matrices; got undefined',
  ],
  [
    'data length',
    () => nn({ rows: 2, cols: 2, data: new Float64Array(3) }, initParams),
    RangeError,
    'nn: X.data must hold rows×cols = 4 numbers for a 2×2 matrix; got 3',
  ],
  // zero, negative and fractional sizes
  [
    'zero samples',
    () => nn({ rows: 0, cols: 2, data: new Float64Array(0) }, initParams),
    RangeError,
    'nn: X must have a positive whole number of rows and columns; got 0×2',
  ],
  ['zeros(0, 2)', () => zeros(0, 2), RangeError, 'zeros: rows must be a whole number ≥ 1; got 0'],
  [
    'zero hidden units',
    () => notebookSetup(1, { hiddenUnits: 0 }),
    RangeError,
    'notebookSetup: hiddenUnits must be a whole number ≥ 1; got 0',
  ],
  [
    'fractional hidden units',
    () => notebookSetup(1, { hiddenUnits: 2.5 }),
    RangeError,
    'notebookSetup: hiddenUnits must be a whole number ≥ 1; got 2.5',
  ],
  [
    'one class',
    () => notebookSetup(1, { classes: 1 }),
    RangeError,
    'notebookSetup: classes must be a whole number ≥ 2; got 1',
  ],
  [
    'zero samples (notebook)',
    () => notebookSetup(1, { samples: 0 }),
    RangeError,
    'notebookSetup: samples must be a whole number ≥ 1; got 0',
  ],
  [
    'negative seed',
    () => notebookSetup(-1),
    RangeError,
    'notebookSetup: seed must be a whole number from 0 to 4294967295; got -1',
  ],
  [
    'string seed',
    () => notebookSetup(asAny<number>('1')),
    TypeError,
    'notebookSetup: seed must be a whole number from 0 to 4294967295; got "1" (string)',
  ],
  [
    'negative samples',
    () => makeCircles({ nSamples: -3 }, new RandomState(0)),
    RangeError,
    'makeCircles: nSamples must be a whole number ≥ 1; got -3',
  ],
  [
    'factor 1',
    () => makeCircles({ factor: 1 }, new RandomState(0)),
    RangeError,
    'makeCircles: factor must be a finite number ≥ 0 and < 1; got 1',
  ],
  [
    'negative noise',
    () => makeCircles({ noise: -0.1 }, new RandomState(0)),
    RangeError,
    'makeCircles: noise must be a finite number ≥ 0; got -0.1',
  ],
  [
    'no rng',
    () => makeCircles({}, asAny<RandomState>(Math)),
    TypeError,
    'makeCircles: rng must be a RandomState; got an object',
  ],
  [
    'fractional shape',
    () => paramCount({ inputs: 2, hidden: 1.5, classes: 2 }),
    RangeError,
    'paramCount: shape.hidden must be a whole number ≥ 1; got 1.5',
  ],
  [
    'negative scale',
    () => randomParams({ inputs: 2, hidden: 3, classes: 2 }, -1, new RandomState(0)),
    RangeError,
    'randomParams: scale must be a finite number ≥ 0; got -1',
  ],
  [
    'class out of range',
    () => oneHot(Int32Array.from([0, 2]), 2),
    RangeError,
    'oneHot: t[1] must be a class index from 0 to 1; got 2',
  ],
  [
    'labels as array',
    () => oneHot(asAny<Int32Array>([0, 1]), 2),
    TypeError,
    'oneHot: t must be an Int32Array of class indices; got Array(2)',
  ],
  [
    'packed length',
    () => unpackParams(new Float64Array(16), { inputs: 2, hidden: 3, classes: 2 }),
    RangeError,
    'unpackParams: buf must hold 17 numbers for shape 2→3→2; got 16',
  ],
  [
    'randn size',
    () => new RandomState(0).randn(2, 0),
    RangeError,
    'RandomState.randn: cols must be a whole number ≥ 1; got 0',
  ],
  [
    'label count',
    () => accuracy(m(3, 2), Int32Array.from([0, 1])),
    RangeError,
    "accuracy: t must hold 3 class indices to match Y's 3 rows; got 2",
  ],
  [
    'label range',
    () => accuracy(m(2, 2), Int32Array.from([0, 2])),
    RangeError,
    'accuracy: t[1] must be a whole number from 0 to 1; got 2',
  ],
  // hyperparameters
  [
    'zero learning rate',
    () => createTrainer(X, T, initParams, { learningRate: 0, momentum: 0.9 }),
    RangeError,
    'createTrainer: learningRate must be a finite number > 0; got 0',
  ],
  [
    'NaN learning rate',
    () => train(X, T, initParams, { learningRate: NaN, momentum: 0.9, iterations: 1 }),
    RangeError,
    'createTrainer: learningRate must be a finite number > 0; got NaN',
  ],
  [
    'momentum 1',
    () => createTrainer(X, T, initParams, { learningRate: 0.1, momentum: 1 }),
    RangeError,
    'createTrainer: momentum must be a finite number ≥ 0 and < 1; got 1',
  ],
  [
    'fractional iterations',
    () => train(X, T, initParams, { ...hyper, iterations: 2.5 }),
    RangeError,
    'train: iterations must be a whole number ≥ 0; got 2.5',
  ],
  [
    'gradient-check eps',
    () => gradientCheck(X, T, initParams, { eps: 0 }),
    RangeError,
    'gradientCheck: eps must be a finite number > 0; got 0',
  ],
  [
    'gradient-check override',
    () => gradientCheck(X, T, initParams, { gradients: asAny(42) }),
    TypeError,
    'gradientCheck: gradients must be a function (X, T, params) => Params; got 42',
  ],
  [
    'gradient shapes',
    () => gradientCheck(X, T, initParams, { gradients: () => replace(initParams, { Wo: m(3, 3) }) }),
    RangeError,
    'gradientCheck: gradients(...).Wo must be 3×2 like the parameter Wo; got 3×3',
  ],
];

describe('argument errors', () => {
  it.each(cases)('%s', (_label, call, kind, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(kind);
    if (typeof message === 'string') expect((thrown as Error).message).toContain(message);
    else expect((thrown as Error).message).toMatch(message);
  });

  it('the trainer checks step, setHyperparameters and writePackedParams arguments', () => {
    const trainer = createTrainer(X, T, initParams, hyper);
    expect(() => trainer.step(-1)).toThrow(new RangeError('trainer.step: k must be a whole number ≥ 0; got -1'));
    expect(() => trainer.step(2.5)).toThrow(/k must be a whole number ≥ 0; got 2\.5/);
    expect(() => trainer.step(asAny<number>('3'))).toThrow(TypeError);
    expect(() => trainer.step(5, new Float64Array(4))).toThrow(
      new RangeError('trainer.step: costsOut must have room for 5 costs from offset 0 (length ≥ 5); got length 4'),
    );
    expect(() => trainer.step(1, new Float64Array(4), 4)).toThrow(/length ≥ 5/);
    expect(() => trainer.setHyperparameters({ momentum: -0.1 })).toThrow(
      new RangeError('trainer.setHyperparameters: momentum must be a finite number ≥ 0 and < 1; got -0.1'),
    );
    expect(() => trainer.writePackedParams(asAny<Float64Array>([]))).toThrow(TypeError);
    // A failed call changes nothing.
    expect(trainer.iteration).toBe(0);
    expect(trainer.momentum).toBe(0.9);
  });

  it('fromRows rejects ragged rows', () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow(
      new RangeError('fromRows: rows[1] must hold 2 numbers like rows[0]; got Array(1)'),
    );
  });
});

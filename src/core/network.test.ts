import { describe, expect, it } from 'vitest';
import { logistic, softmax } from './activations';
import {
  backpropGradients,
  errorHidden,
  errorOutput,
  gradientBiasHidden,
  gradientBiasOut,
  gradientWeightHidden,
  gradientWeightOut,
} from './backprop';
import { oneHot } from './datasets';
import { backwardAny, forwardHiddenAny, forwardOutputAny } from './kernels';
import { backwardD2C2, forwardHiddenD2, forwardOutputC2 } from './kernels-2d';
import { fromRows, toRows } from './matrix';
import { cost, hiddenActivations, nn, nnPredict, outputActivations } from './network';
import { notebookSetup } from './notebook';
import { packParams, randomParams, zeroParams } from './params';
import { RandomState } from './random';
import type { Matrix, Params } from './types';
import { createWorkspace } from './workspace';

describe('activations', () => {
  it('logistic is 1 / (1 + e^−z), saturating without NaN', () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(logistic(-1000)).toBe(0);
    expect(logistic(1000)).toBe(1);
    expect(
      toRows(
        logistic(
          fromRows([
            [0, -1000],
            [1000, 2],
          ]),
        ),
      ),
    ).toEqual([
      [0.5, 0],
      [1, logistic(2)],
    ]);
  });

  it('softmax rows sum to 1 and stay finite for logits of ±1e3', () => {
    const Z = fromRows([
      [1000, -1000, 0],
      [-1000, -1000, -1000],
      [1000, 1000, 999],
      [1, 2, 3],
      [0, 0, 0],
    ]);
    const Y = softmax(Z);
    for (let i = 0; i < Y.rows; i++) {
      const row = Array.from(Y.data.subarray(i * 3, i * 3 + 3));
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    }
    expect(toRows(Y)[0]).toEqual([1, 0, 0]);
    expect(toRows(Y)[1][0]).toBeCloseTo(1 / 3, 15);
    // Shift invariance: softmax(z + c) = softmax(z).
    const shifted = softmax(fromRows([[1001, 1002, 1003]]));
    expect(Array.from(shifted.data)).toEqual(Array.from(Y.data.subarray(9, 12)));
  });
});

describe('cost', () => {
  it('is −Σ T log Y, summed', () => {
    const Y = fromRows([
      [0.25, 0.75],
      [0.5, 0.5],
    ]);
    const T = fromRows([
      [0, 1],
      [1, 0],
    ]);
    expect(cost(Y, T)).toBeCloseTo(-Math.log(0.75) - Math.log(0.5), 15);
  });

  it('stays finite where Y is 0 and T is 0, and is +∞ where the target gets probability 0', () => {
    expect(cost(fromRows([[1, 0]]), fromRows([[1, 0]]))).toBe(0);
    expect(cost(fromRows([[0, 1]]), fromRows([[1, 0]]))).toBe(Infinity);
  });

  it('stays finite for a network with huge logits', () => {
    const { X, T, initParams } = notebookSetup(1);
    const big = { ...initParams, Wo: { ...initParams.Wo, data: initParams.Wo.data.map((v) => v * 1e3) } };
    const Y = nn(X, big);
    expect(Y.data.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(cost(Y, T))).toBe(true);
  });
});

/**
 * Runs the tutorial's steps one by one (forward, errorOutput, errorHidden, the four gradients)
 * and expects each gradient to equal backpropGradients' bit for bit. Returns the output Y.
 */
function expectStepsComposeToBackprop(X: Matrix, T: Matrix, P: Params): Matrix {
  const H = hiddenActivations(X, P.Wh, P.bh);
  const Y = outputActivations(H, P.Wo, P.bo);
  const Eo = errorOutput(Y, T);
  const Eh = errorHidden(H, P.Wo, Eo);
  const J = backpropGradients(X, T, P);
  expect(Array.from(gradientWeightOut(H, Eo).data)).toEqual(Array.from(J.Wo.data));
  expect(Array.from(gradientBiasOut(Eo).data)).toEqual(Array.from(J.bo.data));
  expect(Array.from(gradientWeightHidden(X, Eh).data)).toEqual(Array.from(J.Wh.data));
  expect(Array.from(gradientBiasHidden(Eh).data)).toEqual(Array.from(J.bh.data));
  return Y;
}

describe('backpropagation', () => {
  it('the tutorial’s steps compose to backpropGradients, bit for bit', () => {
    const { X, T, checkParams: P } = notebookSetup(0);
    const Y = expectStepsComposeToBackprop(X, T, P);
    expect(Array.from(Y.data)).toEqual(Array.from(nn(X, P).data));
  });

  it('the general kernels (D ≠ 2 or C ≠ 2) agree with the tutorial’s steps too, bit for bit', () => {
    for (const [inputs, classes] of [
      [2, 3],
      [3, 2],
      [1, 4],
    ] as const) {
      const rng = new RandomState(inputs * 10 + classes);
      const X = rng.randn(13, inputs);
      const t = Int32Array.from({ length: 13 }, (_, i) => i % classes);
      const T = oneHot(t, classes);
      const P = randomParams({ inputs, hidden: 5, classes }, 1, rng);
      expectStepsComposeToBackprop(X, T, P);
    }
  });

  it('the D = 2, C = 2 fast paths give the same bits as the general kernels', () => {
    const { X, T, checkParams: P } = notebookSetup(1);
    const run = (fast: boolean): Float64Array[] => {
      const ws = createWorkspace({ samples: X.rows, inputs: 2, hidden: 3, classes: 2 }, { X: X.data, T: T.data });
      if (fast) {
        forwardHiddenD2(ws, P);
        forwardOutputC2(ws, P);
        backwardD2C2(ws, P);
      } else {
        forwardHiddenAny(ws, P);
        forwardOutputAny(ws, P);
        backwardAny(ws, P);
      }
      return [
        ws.hiddenActivations,
        ws.outputActivations,
        ws.gradientWeightHidden,
        ws.gradientBiasHidden,
        ws.gradientWeightOut,
        ws.gradientBiasOut,
      ];
    };
    const fast = run(true);
    const general = run(false);
    fast.forEach((array, i) => expect(Array.from(array)).toEqual(Array.from(general[i])));
  });

  it('returns gradients shaped like the parameters', () => {
    const { X, T, checkParams } = notebookSetup(1, { hiddenUnits: 5, classes: 3, samples: 9 });
    const J = backpropGradients(X, T, checkParams);
    for (const name of ['Wh', 'bh', 'Wo', 'bo'] as const) {
      expect([J[name].rows, J[name].cols]).toEqual([checkParams[name].rows, checkParams[name].cols]);
    }
  });
});

describe('nnPredict', () => {
  it('is the argmax class, the first one on an exact tie (where np.around gives no class)', () => {
    const params = zeroParams({ inputs: 2, hidden: 3, classes: 2 });
    // All-zero output weights: p = (0.5, 0.5) everywhere. np.around gives (0, 0); argmax gives 0.
    expect(
      Array.from(
        nnPredict(
          fromRows([
            [0, 0],
            [1, -1],
          ]),
          params,
        ),
      ),
    ).toEqual([0, 0]);
    params.bo.data[1] = 1e-12;
    expect(Array.from(nnPredict(fromRows([[0, 0]]), params))).toEqual([1]);
  });

  it('agrees with np.around for two classes away from ties', () => {
    const { X, checkParams } = notebookSetup(1);
    const Y = nn(X, checkParams);
    const predicted = nnPredict(X, checkParams);
    for (let i = 0; i < X.rows; i++) {
      const around0 = Y.data[2 * i] > 0.5 ? 1 : 0;
      expect(predicted[i] === 0).toBe(around0 === 1);
    }
    expect(packParams(checkParams).length).toBe(17);
  });
});

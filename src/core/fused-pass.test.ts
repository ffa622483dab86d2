// The JS trainer's fused pass (D = 2, C = 2) against the reference kernels it replaces: the
// same outputs, cost and gradients, bit for bit, at every H (the padded tail of H < 3, the
// head's pairs and odd unit), over several tiles; its bounds; and training across them.
import { describe, expect, it } from 'vitest';
import { createPassBuffers, fusedPassApplies, trainPassD2C2 } from './fused-pass';
import { backward, crossEntropy, forwardHidden, forwardOutput } from './kernels';
import { updateParams, updateVelocity } from './momentum';
import { cost, nn } from './network';
import { notebookSetup } from './notebook';
import { packParams, randomParams, viewParams } from './params';
import { RandomState } from './random';
import { createTrainer, replaySteps } from './trainer';
import type { Matrix, Params, Shape } from './types';
import { createWorkspace } from './workspace';

/** N points in [−2, 2]² and soft targets (t, 1 − t) with t in {0, 0.3, 1}: both cost terms count. */
function problem(n: number, seed: number): { X: Matrix; T: Matrix } {
  const rng = new RandomState(seed);
  const X = new Float64Array(2 * n);
  const T = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = 4 * rng.randomSample() - 2;
    X[2 * i + 1] = 4 * rng.randomSample() - 2;
    const t = [0, 0.3, 1][i % 3];
    T[2 * i] = t;
    T[2 * i + 1] = 1 - t;
  }
  return { X: { rows: n, cols: 2, data: X }, T: { rows: n, cols: 2, data: T } };
}

/** The reference kernels' pass: Y, cost and packed gradients. */
function referencePass(X: Matrix, T: Matrix, params: Params, hidden: number) {
  const ws = createWorkspace({ samples: X.rows, inputs: 2, hidden, classes: 2 }, { X: X.data, T: T.data });
  forwardHidden(ws, params);
  forwardOutput(ws, params);
  const c = crossEntropy(ws);
  backward(ws, params);
  return { Y: Array.from(ws.outputActivations), cost: c, gradients: Array.from(ws.gradients) };
}

const SIZES: ReadonlyArray<readonly [number, number]> = [
  // [N, H]: a padded tail (H < 3), the tail alone, a head of one, of a pair, of pairs and one;
  // at H = 70 a tile holds 32 samples, so N = 257 is nine tiles, the last of one sample
  [1, 1],
  [7, 2],
  [100, 3],
  [33, 4],
  [100, 5],
  [257, 6],
  [300, 20],
  [257, 70],
];

describe('trainPassD2C2', () => {
  it.each(SIZES)('equals the reference kernels bit for bit (N = %i, H = %i)', (n, hidden) => {
    const { X, T } = problem(n, n + hidden);
    const shape: Shape = { inputs: 2, hidden, classes: 2 };
    for (const scale of [0.1, 3]) {
      const params = randomParams(shape, scale, new RandomState(hidden));
      const p = packParams(params);
      const { buffers, outputs } = createPassBuffers(X.data, T.data, hidden);
      expect(fusedPassApplies(buffers, p)).toBe(true);
      const g = new Float64Array(p.length).fill(NaN);
      const expected = referencePass(X, T, params, hidden);
      expect(trainPassD2C2(buffers, p, g, true)).toBe(expected.cost);
      expect(Array.from(outputs)).toEqual(expected.Y);
      expect(Array.from(g)).toEqual(expected.gradients);
      // without the cost: the same gradients, Y left as it was, and 0 (the cost is finite)
      outputs.fill(-1);
      g.fill(NaN);
      expect(trainPassD2C2(buffers, p, g, false)).toBe(0);
      expect(Array.from(g)).toEqual(expected.gradients);
      expect(outputs.every((y) => y === -1)).toBe(true);
    }
  });

  it('applies only while every exponent is surely inside (−700, 700)', () => {
    const { X, T } = problem(50, 1);
    const shape: Shape = { inputs: 2, hidden: 4, classes: 2 };
    const { buffers } = createPassBuffers(X.data, T.data, 4);
    const p = packParams(randomParams(shape, 1, new RandomState(3)));
    const view = viewParams(p, shape);
    expect(fusedPassApplies(buffers, p)).toBe(true);
    const maxAbsX0 = Math.max(...Array.from({ length: 50 }, (_, i) => Math.abs(X.data[2 * i])));
    // a hidden weight whose logit can reach 700 on the data
    const saved = view.Wh.data[5];
    view.Wh.data[5] = 0; // Wh[1][1]
    view.Wh.data[1] = 700 / maxAbsX0; // Wh[0][1]
    view.bh.data[1] = 1;
    expect(fusedPassApplies(buffers, p)).toBe(false);
    view.Wh.data[1] = 0.5;
    view.Wh.data[5] = saved;
    expect(fusedPassApplies(buffers, p)).toBe(true);
    // output weights whose logits can be 700 apart
    view.Wo.data[6] = 400; // Wo[3][0]
    view.Wo.data[7] = -300;
    expect(fusedPassApplies(buffers, p)).toBe(false);
    view.Wo.data[6] = 1;
    view.Wo.data[7] = 1;
    expect(fusedPassApplies(buffers, p)).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const before = view.bo.data[1];
      view.bo.data[1] = bad;
      expect(fusedPassApplies(buffers, p)).toBe(false);
      view.bo.data[1] = before;
    }
  });
});

describe('the JS trainer at every H', () => {
  it.each([
    [60, 1],
    [60, 2],
    [120, 5],
    [200, 17],
  ])('is the tutorial’s loop bit for bit (N = %i, H = %i), and replays it', (samples, hiddenUnits) => {
    const setup = notebookSetup(4, { samples, hiddenUnits });
    const hyper = { learningRate: 0.05, momentum: 0.9, engine: 'js' as const };
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    let P = setup.initParams;
    let V = viewParams(new Float64Array(packParams(P).length), trainer.shape);
    const costs = new Float64Array(30);
    expect(trainer.step(30, costs)).toBe(30);
    const expected: number[] = [];
    for (let i = 0; i < 30; i++) {
      V = updateVelocity(setup.X, setup.T, P, V, hyper.momentum, hyper.learningRate);
      P = updateParams(P, V);
      expected.push(cost(nn(setup.X, P), setup.T));
    }
    expect(Array.from(costs)).toEqual(expected);
    expect(Array.from(packParams(trainer.params))).toEqual(Array.from(packParams(P)));
    const replayed = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    expect(replaySteps(replayed, 30)).toBe(30);
    expect(replayed.cost).toBe(trainer.cost);
    expect(replayed.accuracy).toBe(trainer.accuracy);
    expect(Array.from(packParams(replayed.params))).toEqual(Array.from(packParams(P)));
  });

  it('crosses the fused pass’s bounds and back without a bit changing', () => {
    // A large learning rate drives the weights past the bounds (a unit saturates), so some
    // iterations take the reference kernels; a smaller one after a restore brings them back.
    const setup = notebookSetup(1);
    const hyper = { learningRate: 2, momentum: 0.9, engine: 'js' as const };
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    const { buffers } = createPassBuffers(setup.X.data, setup.T.data, 3);
    const p = new Float64Array(17);
    const fused: boolean[] = [];
    let P = setup.initParams;
    let V = viewParams(new Float64Array(17), trainer.shape);
    for (let i = 0; i < 40; i++) {
      expect(trainer.step(1)).toBe(1);
      V = updateVelocity(setup.X, setup.T, P, V, hyper.momentum, hyper.learningRate);
      P = updateParams(P, V);
      trainer.writePackedParams(p);
      fused.push(fusedPassApplies(buffers, p));
      expect(Array.from(p)).toEqual(Array.from(packParams(P)));
      expect(trainer.cost).toBe(cost(nn(setup.X, P), setup.T));
    }
    expect(fused).toContain(true);
    expect(fused).toContain(false);
  });
});

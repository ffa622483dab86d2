// The WebAssembly engine against the JS core, the reference: same costs (1e-9 relative, every
// iteration), parameters, velocities and accuracy over random problems; the same divergence
// point and last finite state; the same Trainer contract (chunked steps, hyperparameter changes,
// errors). Random problems come from a seeded RandomState, so every run tests the same ones.
import { describe, expect, it } from 'vitest';
import { mismatch } from '../../../test/fixtures/numpy/load';
import { RandomState, createTrainer, makeCircles, notebookSetup, oneHot, packParams, randomParams } from '../index';
import type { Matrix, Params, Trainer } from '../index';
import { createWasmTrainer } from './wasm-trainer';

const RTOL = 1e-9;
const setup = notebookSetup(1);
const hyper = { learningRate: 0.02, momentum: 0.9 };

interface Problem {
  X: Matrix;
  T: Matrix;
  params: Params;
  learningRate: number;
  momentum: number;
}

/**
 * N points in the plane (two noisy circles, scaled), C classes (one-hot from the circle plus a
 * random shift, or random distributions per row with `soft`), random parameters, μ uniform in
 * [0, 0.9) and ε log-uniform in [0.1, 3]/(N·max(1, H/4)): the cost and its curvature grow with N
 * and H, and larger steps make the run chaotic, where no two float implementations can agree to
 * 1e-9 (there the JS core itself, started 1 ulp away, drifts 1e-7 from its own run within 300
 * iterations; the WebAssembly engine drifts by as much, no more).
 */
function randomProblem(seed: number, n: number, hidden: number, classes: number, soft = false): Problem {
  const rng = new RandomState(seed);
  const { X, t } = makeCircles({ nSamples: n, factor: 0.3 + 0.5 * rng.randomSample(), noise: 0.2, shuffle: true }, rng);
  const scale = 0.5 + 2 * rng.randomSample();
  for (let i = 0; i < X.data.length; i++) X.data[i] *= scale;
  let T: Matrix;
  if (soft) {
    T = { rows: n, cols: classes, data: new Float64Array(n * classes) };
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += T.data[i * classes + k] = rng.randomSample();
      for (let k = 0; k < classes; k++) T.data[i * classes + k] /= sum;
    }
  } else {
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = (t[i] + (rng.randomSample() < 0.2 ? 1 : 0) * i) % classes;
    T = oneHot(labels, classes);
  }
  const params = randomParams({ inputs: 2, hidden, classes }, 0.05 + rng.randomSample(), rng);
  const learningRate = Math.exp(Math.log(0.1) + Math.log(30) * rng.randomSample()) / (n * Math.max(1, hidden / 4));
  return { X, T, params, learningRate, momentum: 0.9 * rng.randomSample() };
}

function expectSameRun(js: Trainer, wasm: Trainer, jsCosts: Float64Array, wasmCosts: Float64Array): void {
  expect(mismatch(wasmCosts, jsCosts, RTOL)).toBeNull();
  expect(wasm.iteration).toBe(js.iteration);
  expect(mismatch([wasm.cost], [js.cost], RTOL)).toBeNull();
  expect(mismatch(packParams(wasm.params), packParams(js.params), RTOL, 1e-12)).toBeNull();
  expect(mismatch(packParams(wasm.velocities), packParams(js.velocities), RTOL, 1e-12)).toBeNull();
  expect(wasm.accuracy).toBe(js.accuracy);
}

describe('createWasmTrainer against the JS core', () => {
  const cases: [number, number, number, number, boolean][] = [
    // seed, N, H, C, soft targets
    [1, 1, 1, 2, false],
    [2, 2, 2, 2, false],
    [3, 3, 3, 3, false],
    [4, 101, 5, 2, false],
    [5, 257, 17, 4, false],
    [6, 999, 1, 5, false],
    [7, 1000, 16, 2, false],
    [8, 777, 31, 3, true],
    [9, 500, 256, 2, false],
    [10, 301, 255, 5, false],
    [11, 2000, 64, 2, true],
    [12, 10000, 16, 2, false],
    [13, 10001, 8, 3, false],
  ];
  it.each(cases)(
    'seed %i: N = %i, H = %i, C = %i (soft targets: %s), 300 iterations',
    (seed, n, hidden, classes, soft) => {
      const p = randomProblem(seed, n, hidden, classes, soft);
      const options = { learningRate: p.learningRate, momentum: p.momentum };
      const js = createTrainer(p.X, p.T, p.params, { ...options, engine: 'js' });
      const wasm = createWasmTrainer(p.X, p.T, p.params, options);
      expect(mismatch([wasm.cost], [js.cost], RTOL)).toBeNull();
      expect(wasm.accuracy).toBe(js.accuracy);
      const jsCosts = new Float64Array(300);
      const wasmCosts = new Float64Array(300);
      expect(js.step(300, jsCosts)).toBe(300);
      expect(wasm.step(300, wasmCosts)).toBe(300);
      expectSameRun(js, wasm, jsCosts, wasmCosts);
      wasm.dispose();
    },
    60_000,
  );

  it('agrees on 40 more random small problems (N ≤ 400, H ≤ 40, C from 2 to 5)', () => {
    const rng = new RandomState(99);
    const draw = (low: number, high: number): number => low + Math.floor(rng.randomSample() * (high - low + 1));
    for (let i = 0; i < 40; i++) {
      const p = randomProblem(100 + i, draw(1, 400), draw(1, 40), draw(2, 5), rng.randomSample() < 0.25);
      const options = { learningRate: p.learningRate, momentum: p.momentum };
      const js = createTrainer(p.X, p.T, p.params, { ...options, engine: 'js' });
      const wasm = createWasmTrainer(p.X, p.T, p.params, options);
      const jsCosts = new Float64Array(300);
      const wasmCosts = new Float64Array(300);
      js.step(300, jsCosts);
      wasm.step(300, wasmCosts);
      expectSameRun(js, wasm, jsCosts, wasmCosts);
      wasm.dispose();
    }
  }, 60_000);

  it('stops at the same iteration and last finite state when an update diverges', () => {
    // learning rate 5 on the notebook's data: update 37 drives a probability to exactly 0 (cost
    // +∞) while the parameters are finite; 1e6 with three classes overflows the parameters.
    for (const [p, expected] of [
      [
        {
          ...randomProblem(20, 100, 3, 2),
          X: setup.X,
          T: setup.T,
          params: setup.initParams,
          learningRate: 5,
          momentum: 0.9,
        },
        37,
      ],
      [{ ...randomProblem(21, 400, 9, 3), learningRate: 1e6 }, undefined],
      [{ ...randomProblem(22, 64, 4, 2), learningRate: 50, momentum: 0.5 }, undefined],
    ] as const) {
      const options = { learningRate: p.learningRate, momentum: p.momentum };
      const js = createTrainer(p.X, p.T, p.params, { ...options, engine: 'js' });
      const wasm = createWasmTrainer(p.X, p.T, p.params, options);
      const jsCosts = new Float64Array(300).fill(-1);
      const wasmCosts = new Float64Array(300).fill(-1);
      const done = js.step(300, jsCosts);
      expect(done).toBeLessThan(300);
      if (expected !== undefined) expect(js.divergedAt).toBe(expected);
      expect(wasm.step(300, wasmCosts)).toBe(done);
      expect(wasm.diverged).toBe(true);
      expect(wasm.divergedAt).toBe(js.divergedAt);
      expectSameRun(js, wasm, jsCosts, wasmCosts);
      expect(packParams(wasm.params).every(Number.isFinite)).toBe(true);
      expect(wasm.step(10)).toBe(0);
      expect(wasm.iteration).toBe(done);
    }
  });

  it('follows setHyperparameters mid-run', () => {
    const p = randomProblem(30, 300, 7, 3);
    const js = createTrainer(p.X, p.T, p.params, { ...hyper, engine: 'js' });
    const wasm = createWasmTrainer(p.X, p.T, p.params, hyper);
    const jsCosts = new Float64Array(300);
    const wasmCosts = new Float64Array(300);
    js.step(100, jsCosts);
    wasm.step(100, wasmCosts);
    js.setHyperparameters({ learningRate: 0.005 });
    wasm.setHyperparameters({ learningRate: 0.005 });
    js.step(100, jsCosts, 100);
    wasm.step(100, wasmCosts, 100);
    js.setHyperparameters({ momentum: 0.5 });
    wasm.setHyperparameters({ momentum: 0.5 });
    expect(wasm.learningRate).toBe(0.005);
    expect(wasm.momentum).toBe(0.5);
    js.step(100, jsCosts, 200);
    wasm.step(100, wasmCosts, 200);
    expectSameRun(js, wasm, jsCosts, wasmCosts);
    expect(() => wasm.setHyperparameters({ learningRate: -1 })).toThrow(/learningRate/);
  });

  it('runs more iterations than one kernel call collects (5000 in one step), in any chunks', () => {
    const js = createTrainer(setup.X, setup.T, setup.initParams, { ...hyper, engine: 'js' });
    const wasm = createWasmTrainer(setup.X, setup.T, setup.initParams, hyper);
    const jsCosts = new Float64Array(5001);
    const wasmCosts = new Float64Array(5001);
    expect(js.step(5000, jsCosts, 1)).toBe(5000);
    expect(wasm.step(1, wasmCosts, 1)).toBe(1);
    expect(wasm.step(0, wasmCosts, 2)).toBe(0);
    expect(wasm.step(4999, wasmCosts, 2)).toBe(4999);
    expectSameRun(js, wasm, jsCosts.subarray(1), wasmCosts.subarray(1));
  });
});

describe('the Trainer contract', () => {
  it('has live params and velocities, and packs them as the JS core does', () => {
    const wasm = createWasmTrainer(setup.X, setup.T, setup.initParams, hyper);
    const { params, velocities } = wasm;
    expect(Array.from(packParams(params))).toEqual(Array.from(packParams(setup.initParams)));
    wasm.step(3);
    expect(wasm.params).toBe(params);
    expect(wasm.velocities).toBe(velocities);
    expect(Array.from(packParams(params))).not.toEqual(Array.from(packParams(setup.initParams)));
    const out = new Float64Array(22).fill(-1);
    wasm.writePackedParams(out, 3);
    expect(Array.from(out.subarray(3, 20))).toEqual(Array.from(packParams(params)));
    expect(out[2]).toBe(-1);
    expect(out[20]).toBe(-1);
    expect(wasm.shape).toEqual({ inputs: 2, hidden: 3, classes: 2 });
  });

  it('never mutates the caller’s parameters', () => {
    const before = Array.from(packParams(setup.initParams));
    const wasm = createWasmTrainer(setup.X, setup.T, setup.initParams, hyper);
    wasm.step(10);
    expect(Array.from(packParams(setup.initParams))).toEqual(before);
  });

  it('rejects what the JS core rejects, with the same messages', () => {
    const js = createTrainer(setup.X, setup.T, setup.initParams, { ...hyper, engine: 'js' });
    const wasm = createWasmTrainer(setup.X, setup.T, setup.initParams, hyper);
    const calls: ((t: Trainer) => unknown)[] = [
      (t) => t.step(-1),
      (t) => t.step(1.5),
      (t) => t.step(5, new Float64Array(4)),
      (t) => t.step(2, [0, 0] as unknown as Float64Array),
      (t) => t.writePackedParams(new Float64Array(3)),
      (t) => t.setHyperparameters({ momentum: 1 }),
    ];
    for (const call of calls) {
      expect(() => call(js)).toThrow();
      expect(() => call(wasm)).toThrow(
        (() => {
          try {
            call(js);
          } catch (error) {
            return (error as Error).message;
          }
          return 'no error';
        })(),
      );
    }
    expect(() => createWasmTrainer(setup.X, setup.T, setup.initParams, { learningRate: 0, momentum: 0.9 })).toThrow(
      /createWasmTrainer: learningRate/,
    );
  });

  it('refuses D ≠ 2 with a RangeError naming D', () => {
    const X = { rows: 4, cols: 3, data: new Float64Array(12).fill(0.5) };
    const T = oneHot(new Int32Array([0, 1, 0, 1]), 2);
    const params = randomParams({ inputs: 3, hidden: 2, classes: 2 }, 0.1, new RandomState(1));
    expect(() => createWasmTrainer(X, T, params, hyper)).toThrow(RangeError);
    expect(() => createWasmTrainer(X, T, params, hyper)).toThrow(/D = 2 inputs .* got D = 3/);
  });
});

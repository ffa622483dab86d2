// Parity with the tutorial's numpy code (test/fixtures/numpy/seed-{1,0}.json). Tolerances
// follow the fixtures' README: uniforms are bit-exact, Gaussians differ by a few ulp (V8's
// Math.log vs glibc's), and everything downstream agrees to ~1e-11 relative; 1e-9 is safe.
// Training runs on both engines, each held to numpy with the same tolerances.
import { describe, expect, it } from 'vitest';
import { fixtures, flat, mat, mismatch, params as fixtureParams } from '../../test/fixtures/numpy/load';
import {
  RandomState,
  accuracy,
  backpropGradients,
  compareGradients,
  cost,
  createTrainer,
  gradientCheck,
  hiddenActivations,
  makeCircles,
  nn,
  nnPredict,
  notebookSetup,
  packParams,
  randomParams,
  train,
} from './index';
import type { Engine } from './engine';
import type { Matrix } from './types';

const RTOL = 1e-9;
const ENGINES: readonly Engine[] = ['js', 'wasm'];

function fixturePacked(p: Record<string, number[][]>, prefix = ''): Float64Array {
  return packParams(fixtureParams(p, prefix));
}

/** linspace(-2, 2, n) as numpy computes it: i·step + start, the last point exactly the stop. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

function pointsOf(probes: { x: number[] }[]): Matrix {
  return mat(probes.map((probe) => probe.x));
}

describe.each(fixtures.map((f) => [f.seed, f] as const))('numpy parity, seed %i', (seed, fx) => {
  const setup = notebookSetup(seed);

  it('draws the same data', () => {
    expect(mismatch(setup.X.data, flat(fx.data.X), RTOL, 1e-15)).toBeNull();
    expect(Array.from(setup.t)).toEqual(fx.data.t);
    expect(Array.from(setup.T.data)).toEqual(flat(fx.data.T));
  });

  it('draws both initial parameter sets', () => {
    expect(mismatch(packParams(setup.checkParams), fixturePacked(fx.gradcheck.params), RTOL)).toBeNull();
    expect(mismatch(packParams(setup.initParams), fixturePacked(fx.training.init), RTOL)).toBeNull();
  });

  it('leaves the random stream where numpy does (rng_checkpoints)', () => {
    const rng = new RandomState(seed);
    const shape = { inputs: 2, hidden: 3, classes: 2 };
    const checkpoints = [
      () => makeCircles({ nSamples: 100, shuffle: false, factor: 0.3, noise: 0.1 }, rng),
      () => randomParams(shape, 1, rng),
      () => randomParams(shape, 0.1, rng),
    ];
    const expected = [
      fx.rng_checkpoints.after_make_circles,
      fx.rng_checkpoints.after_gradcheck_init,
      fx.rng_checkpoints.after_training_init,
    ];
    checkpoints.forEach((draw, k) => {
      draw();
      const state = rng.getState();
      expect(state.pos).toBe(expected[k].pos);
      expect(state.hasGauss).toBe(expected[k].has_gauss === 1);
      expect(state.gauss).toBeCloseTo(expected[k].gauss, 14);
    });
  });

  it('computes the gradient-check cost, backprop gradients and numerical gradients', () => {
    const P = setup.checkParams;
    expect(cost(nn(setup.X, P), setup.T)).toBeCloseTo(fx.gradcheck.cost, 10);
    const J = backpropGradients(setup.X, setup.T, P);
    expect(mismatch(packParams(J), fixturePacked(fx.gradcheck.backprop, 'J'), RTOL, 1e-12)).toBeNull();

    const check = gradientCheck(setup.X, setup.T, P, { eps: fx.gradcheck.eps });
    const numeric = check.entries.map((e) => e.numeric);
    // A central difference of a cost near 100 over 2ε = 2e-4 carries rounding noise of about
    // 1e-14 · 100 / 2e-4 ≈ 1e-8 per ulp of the cost; numpy's and ours round differently.
    expect(mismatch(numeric, fixturePacked(fx.gradcheck.numerical, 'J'), 0, 1e-7)).toBeNull();
    expect(check.entries.map((e) => (e.close ? 1 : 0))).toEqual(Array.from(fixturePacked(fx.gradcheck.isclose, 'J')));
    expect(check.ok).toBe(fx.gradcheck.all_close);
    // Same definitions as the fixture: its own gradients give its own maxima, bit for bit.
    const fromFixture = compareGradients(
      fixtureParams(fx.gradcheck.backprop, 'J'),
      fixtureParams(fx.gradcheck.numerical, 'J'),
    );
    expect(fromFixture.maxAbsDiff).toBe(fx.gradcheck.max_abs_diff);
    expect(fromFixture.maxRelDiff).toBe(fx.gradcheck.max_rel_diff);
    expect(fromFixture.ok).toBe(fx.gradcheck.all_close);
    // Ours are rounding noise of the same size.
    expect(check.maxAbsDiff).toBeLessThan(1e-7);
    expect(check.maxRelDiff).toBeLessThan(1e-7);
  });

  it('gives the gradient-check probes', () => {
    const points = pointsOf(fx.gradcheck.probes);
    const P = setup.checkParams;
    expect(
      mismatch(
        nn(points, P).data,
        fx.gradcheck.probes.flatMap((p) => p.p),
        RTOL,
        1e-15,
      ),
    ).toBeNull();
    expect(
      mismatch(
        hiddenActivations(points, P.Wh, P.bh).data,
        fx.gradcheck.probes.flatMap((p) => p.h),
        RTOL,
        1e-15,
      ),
    ).toBeNull();
  });

  describe.each(ENGINES)('training on the %s engine', (engine) => {
    const run = train(setup.X, setup.T, setup.initParams, {
      learningRate: fx.training.learning_rate,
      momentum: fx.training.momentum_term,
      iterations: fx.training.iterations,
      engine,
    });

    it('runs on that engine', () => {
      expect(run.engine).toBe(engine);
    });

    it('records all 301 costs', () => {
      expect(run.costs.length).toBe(fx.training.costs.length);
      expect(mismatch(run.costs, fx.training.costs, RTOL)).toBeNull();
    });

    it('ends at the same parameters and velocities', () => {
      expect(mismatch(packParams(run.params), fixturePacked(fx.training.final), RTOL, 1e-12)).toBeNull();
      expect(
        mismatch(packParams(run.velocities), fixturePacked(fx.training.final_velocities, 'V'), RTOL, 1e-12),
      ).toBeNull();
    });

    it('reaches the same accuracy, probabilities and hidden activations', () => {
      const Y = nn(setup.X, run.params);
      expect(accuracy(Y, setup.t)).toBe(fx.final_accuracy);
      expect(mismatch(Y.data, flat(fx.final_Y), RTOL, 1e-13)).toBeNull();
      const trainer = createTrainer(setup.X, setup.T, setup.initParams, { learningRate: 0.02, momentum: 0.9, engine });
      trainer.step(300);
      expect(trainer.accuracy).toBe(fx.final_accuracy);
      const H = hiddenActivations(setup.X, run.params.Wh, run.params.bh);
      expect(mismatch(H.data, flat(fx.hidden.H), RTOL, 1e-13)).toBeNull();
    });

    it('gives the final probes', () => {
      const points = pointsOf(fx.probes_final);
      expect(
        mismatch(
          nn(points, run.params).data,
          fx.probes_final.flatMap((p) => p.p),
          RTOL,
          1e-13,
        ),
      ).toBeNull();
      const H = hiddenActivations(points, run.params.Wh, run.params.bh);
      expect(
        mismatch(
          H.data,
          fx.probes_final.flatMap((p) => p.h),
          RTOL,
          1e-13,
        ),
      ).toBeNull();
    });

    it('classifies every cell of the 200×200 plane the same way', () => {
      // Cell (i, j) is x = xs[j], y = xs[i]; the fixture's 1 means P(class 0) > 0.5, i.e.
      // np.around(p0) == 1, which for two classes is argmax == 0 (no exact tie on this grid:
      // the smallest margin is min_abs_p0_minus_half > 0).
      expect(fx.plane.min_abs_p0_minus_half).toBeGreaterThan(0);
      const n = fx.plane.n;
      const xs = linspace(fx.plane.range[0], fx.plane.range[1], n);
      const grid = new Float64Array(n * n * 2);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          grid[2 * (i * n + j)] = xs[j];
          grid[2 * (i * n + j) + 1] = xs[i];
        }
      }
      const predicted = nnPredict({ rows: n * n, cols: 2, data: grid }, run.params);
      const rows: string[] = [];
      for (let i = 0; i < n; i++) {
        let ours = '';
        for (let j = 0; j < n; j++) ours += predicted[i * n + j] === 0 ? '1' : '0';
        rows.push(ours);
      }
      const differing = rows.flatMap((row, i) => (row === fx.plane.rows[i] ? [] : [i]));
      expect(differing).toEqual([]);
    });
  });
});

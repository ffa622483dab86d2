// The WebAssembly engine against the tutorial's numpy code (test/fixtures/numpy/seed-{1,0}.json),
// with the JS core's tolerances (see src/core/parity.test.ts): every one of the 301 costs to
// 1e-9 relative, the final parameters and velocities, the accuracy, and every cell of the
// 200×200 plane classified as numpy classifies it.
import { describe, expect, it } from 'vitest';
import { fixtures, flat, mismatch, params as fixtureParams } from '../../../test/fixtures/numpy/load';
import { accuracy, nn, nnPredict, notebookSetup, packParams } from '../index';
import { createWasmTrainer } from './wasm-trainer';

const RTOL = 1e-9;

/** linspace(-2, 2, n) as numpy computes it: i·step + start, the last point exactly the stop. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

describe.each(fixtures.map((f) => [f.seed, f] as const))('WebAssembly engine, numpy parity, seed %i', (seed, fx) => {
  const setup = notebookSetup(seed);
  const trainer = createWasmTrainer(setup.X, setup.T, setup.initParams, {
    learningRate: fx.training.learning_rate,
    momentum: fx.training.momentum_term,
  });
  const costs = new Float64Array(fx.training.iterations + 1);
  costs[0] = trainer.cost;
  const done = trainer.step(fx.training.iterations, costs, 1);

  it('records all 301 costs', () => {
    expect(done).toBe(fx.training.iterations);
    expect(trainer.engine).toBe('wasm');
    expect(mismatch(costs, fx.training.costs, RTOL)).toBeNull();
  });

  it('ends at the same parameters, velocities and accuracy', () => {
    const final = packParams(fixtureParams(fx.training.final));
    const velocities = packParams(fixtureParams(fx.training.final_velocities, 'V'));
    expect(mismatch(packParams(trainer.params), final, RTOL, 1e-12)).toBeNull();
    expect(mismatch(packParams(trainer.velocities), velocities, RTOL, 1e-12)).toBeNull();
    expect(trainer.accuracy).toBe(fx.final_accuracy);
    expect(accuracy(nn(setup.X, trainer.params), setup.t)).toBe(fx.final_accuracy);
    expect(mismatch(nn(setup.X, trainer.params).data, flat(fx.final_Y), RTOL, 1e-13)).toBeNull();
  });

  it('classifies every cell of the 200×200 plane the same way', () => {
    const n = fx.plane.n;
    const xs = linspace(fx.plane.range[0], fx.plane.range[1], n);
    const grid = new Float64Array(n * n * 2);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        grid[2 * (i * n + j)] = xs[j];
        grid[2 * (i * n + j) + 1] = xs[i];
      }
    }
    const predicted = nnPredict({ rows: n * n, cols: 2, data: grid }, trainer.params);
    const rows: string[] = [];
    for (let i = 0; i < n; i++) {
      let ours = '';
      for (let j = 0; j < n; j++) ours += predicted[i * n + j] === 0 ? '1' : '0';
      rows.push(ours);
    }
    expect(rows.flatMap((row, i) => (row === fx.plane.rows[i] ? [] : [i]))).toEqual([]);
  });
});

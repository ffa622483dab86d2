// Replay in Node on the real core: a run whose history is thinned hard (a tiny budget), sought
// at every kind of iteration, must give the very numbers of training from the start.
import { describe, expect, it } from 'vitest';
import { createTrainer, paramCount, type Engine } from '../src/core/index';
import { notebookSetup } from '../src/core/notebook';
import { DEFAULT_CONFIG, type TrainConfig } from '../src/protocol/config-schema';
import { mismatch } from '../test/fixtures/numpy/load';
import timeline from '../test/fixtures/numpy/timeline.json';
import { HyperparameterLog, MAX_HYPERPARAMETER_CHANGES } from './hyperparameter-log';
import { ReplayInterruptedError, stateAt } from './replay';
import { buildRun, historyBudget, keepSnapshot, type Run } from './run';
import { SnapshotHistory } from './snapshot-history';

const P = 17;

/** The tutorial's run on `engine`, its history holding only `snapshots` snapshots. */
function thinRun(engine: Engine, snapshots: number, config: Partial<TrainConfig> = {}): Run {
  const run = buildRun(1, { ...DEFAULT_CONFIG, engine, ...config });
  const history = new SnapshotHistory(2 * P, snapshots * (2 * P + 1) * 8);
  const thin: Run = { ...run, history };
  keepSnapshot(thin);
  return thin;
}

/** Trains `run` n iterations as the training loop does (one call per kept snapshot). */
function trainOn(run: Run, n: number): void {
  const { trainer, history } = run;
  const end = trainer.iteration + n;
  while (trainer.iteration < end) {
    const wanted = Math.min(end, history.nextWanted(trainer.iteration)) - trainer.iteration;
    expect(trainer.step(wanted)).toBe(wanted);
    keepSnapshot(run);
  }
}

/** A core trainer's packed parameters and velocities after `k` updates of `schedule`. */
function reference(engine: Engine, k: number, change?: { at: number; learningRate: number; momentum: number }) {
  const { X, T, initParams } = notebookSetup(1);
  const trainer = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9, engine });
  if (change && k > change.at) {
    trainer.step(change.at);
    trainer.setHyperparameters(change);
    trainer.step(k - change.at);
  } else {
    trainer.step(k);
  }
  const params = new Float64Array(P);
  const velocities = new Float64Array(P);
  trainer.writePackedParams(params);
  trainer.writePackedVelocities(velocities);
  const result = { params, velocities, cost: trainer.cost, accuracy: trainer.accuracy };
  trainer.dispose();
  return result;
}

const flat = (p: Record<string, number[][]>): number[] => [p.Wh, p.bh, p.Wo, p.bo].flat(2);

describe.each(['js', 'wasm'] as const)('replay on the %s engine', (engine) => {
  it('seeks any iteration exactly, from a history thinned to a 64th', async () => {
    const run = thinRun(engine, 40);
    trainOn(run, 3000);
    expect(run.history.stride).toBeGreaterThanOrEqual(64);
    for (const k of [0, 1, 37, 150, 299, 300, 1023, 2047, 2999, 3000]) {
      const { state, replayed } = await stateAt(run, k, () => true);
      const expected = reference(engine, k);
      expect(state.iteration).toBe(k);
      expect(Array.from(state.params)).toEqual(Array.from(expected.params));
      expect(Array.from(state.velocities)).toEqual(Array.from(expected.velocities));
      expect(state.cost).toBe(expected.cost);
      expect(state.accuracy).toBe(expected.accuracy);
      if (k % run.history.stride !== 0 && k !== 3000) expect(replayed).toBeGreaterThan(0);
    }
    // the run itself is untouched: still at 3000, training on as before
    expect(run.trainer.iteration).toBe(3000);
    expect(run.trainer.cost).toBe(reference(engine, 3000).cost);
    run.trainer.dispose();
  });

  it('agrees with numpy at the fixture’s iterations', async () => {
    const run = thinRun(engine, 8);
    trainOn(run, 300);
    for (const point of timeline.seek) {
      const { state } = await stateAt(run, point.iteration, () => true);
      expect(mismatch(state.params, flat(point.params), 1e-9, 1e-12)).toBeNull();
      expect(mismatch(state.velocities, flat(point.velocities), 1e-9, 1e-12)).toBeNull();
      expect(mismatch([state.cost], [point.cost], 1e-9)).toBeNull();
    }
    run.trainer.dispose();
  });

  it('replays with the hyperparameters each update used', async () => {
    const change = {
      at: timeline.branch.at,
      learningRate: timeline.branch.learning_rate,
      momentum: timeline.branch.momentum_term,
    };
    const run = thinRun(engine, 6);
    trainOn(run, change.at);
    run.trainer.setHyperparameters(change);
    run.config = { ...run.config, ...change };
    run.hyperLog.set(change.at, change);
    trainOn(run, 300 - change.at);
    for (const k of [149, 150, 151, 233, 300]) {
      const { state } = await stateAt(run, k, () => true);
      expect(Array.from(state.params)).toEqual(Array.from(reference(engine, k, change).params));
      expect(mismatch([state.cost], [timeline.branch.costs[k]], 1e-9)).toBeNull();
    }
    const { state } = await stateAt(run, 300, () => true);
    expect(mismatch(state.params, flat(timeline.branch.final), 1e-9, 1e-12)).toBeNull();
    run.trainer.dispose();
  });

  // (its own timeout: some 40 iterations at N = 10,000, H = 64 on the JS engine took 1.7-5 s on
  // a loaded 2-core machine; the code this guards against never ended)
  it('moves on when restoring the run costs more than a slice (N = 10,000, H = 64)', { timeout: 30_000 }, async () => {
    // a restore is a full pass over the data (several ms here, more than SLICE_MS): each slice
    // must still make an update, or the seek would restore and yield forever
    const config = { ...DEFAULT_CONFIG, engine, samples: 10_000, hiddenUnits: 64, iterations: 24 };
    const run = buildRun(1, config);
    const size = 2 * paramCount(run.shape);
    const thin: Run = { ...run, history: new SnapshotHistory(size, 3 * (size + 1) * 8) };
    keepSnapshot(thin);
    trainOn(thin, 24);
    expect(thin.history.at(13)?.iteration).toBeLessThan(12);
    const { state, replayed } = await stateAt(thin, 13, () => true);
    expect(replayed).toBeGreaterThan(1);
    const fresh = buildRun(2, config);
    fresh.trainer.step(13);
    const params = new Float64Array(size / 2);
    fresh.trainer.writePackedParams(params);
    expect(state.iteration).toBe(13);
    expect(Array.from(state.params)).toEqual(Array.from(params));
    expect(state.cost).toBe(fresh.trainer.cost);
    thin.trainer.dispose();
    fresh.trainer.dispose();
  });

  it('gives up when the run is replaced or branched meanwhile', async () => {
    const run = thinRun(engine, 4);
    trainOn(run, 40_000);
    await expect(stateAt(run, 39_999, () => false)).rejects.toBeInstanceOf(ReplayInterruptedError);
    run.trainer.dispose();
  });
});

describe('the run’s memory over any length', () => {
  it('keeps the history within its budget and the hyperparameter log bounded, however long the run', () => {
    const run = buildRun(1, { ...DEFAULT_CONFIG, engine: 'js' });
    const budget = historyBudget(100, run.shape);
    expect(run.history.capacity * (2 * paramCount(run.shape) + 1) * 8).toBeLessThanOrEqual(budget);
    // a million iterations' snapshots (pushed as the loop pushes them) and 50,000 changes
    const packed = new Float64Array(2 * P);
    for (let i = 1; i <= 1_000_000; i++) if (run.history.wants(i)) run.history.push(i, packed);
    expect(run.history.byteLength).toBeLessThanOrEqual(budget);
    expect(run.history.stride).toBeGreaterThan(1);
    const log = new HyperparameterLog({ learningRate: 0.02, momentum: 0.9 });
    for (let i = 1; i <= 50_000; i++) log.set(i, { learningRate: 0.01 + (i % 7) / 100, momentum: 0.9 });
    expect(log.length).toBeLessThanOrEqual(MAX_HYPERPARAMETER_CHANGES);
    expect(log.exactFrom).toBeGreaterThan(0);
    expect(log.at(49_999).learningRate).toBe(0.01 + (49_999 % 7) / 100);
    run.trainer.dispose();
  });
});

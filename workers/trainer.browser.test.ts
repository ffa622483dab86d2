// The training worker, for real: a module Worker in Chromium, driven through TrainerClient.
import { describe, expect, it } from 'vitest';
import { notebookSetup, train } from '../src/core/index';
import { CONFIG_FIELDS, ConfigError, DEFAULT_CONFIG, type TrainConfig } from '../src/protocol/config-schema';
import type { Batch } from '../src/protocol/trainer-api';
import { wrap } from 'comlink';
import { makeClient as makeTestClient } from '../test/helpers/clients';
import type { TrainerClient } from '../src/client/trainer-client';
import { BATCH_PACE_MAX_MS, type ClientEvent } from '../src/client/trainer-client';
import { createTrainerWorker } from '../src/client/worker-factory';
import type { TrainerApi } from '../src/protocol/trainer-api';
import { until, watchTimeouts } from '../test/helpers/browser';
import seed1 from '../test/fixtures/numpy/seed-1.json';
import { BATCH_INTERVAL_MS } from './delivery';
import { replayStride } from './snapshot-history';

/** Waits (polling once a frame) until `predicate` holds for `client`'s run. */
async function runReaches(client: TrainerClient, predicate: () => boolean, what: string, timeout = 20_000) {
  try {
    await until(predicate, what, timeout);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${message}; state ${client.state}, iteration ${client.snapshot.iteration}`, { cause: err });
  }
}

/** The watchdog's ping timeout is short here, so the tests that kill a worker finish fast. */
const makeClient = (): TrainerClient => makeTestClient({ pingTimeout: 600 });

function expectCostsEqual(actual: Float64Array, expected: ArrayLike<number>, rel = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (Math.abs(actual[i] - e) > rel * Math.abs(e)) {
      throw new Error(`cost ${i}: ${actual[i]} ≠ ${e}`);
    }
  }
}

describe('trainer worker', () => {
  it('delivers every cost exactly once across start, pause, step, resume and speed changes', async () => {
    const client = makeClient();
    await client.configure({ speed: 2000, iterations: 600 });
    const seen: Batch[] = [];
    client.on((e) => e.type === 'batch' && seen.push(e.batch));
    await client.start();
    await runReaches(client, () => client.snapshot.iteration >= 40, 'iteration >= 40');
    await client.pause();
    const pausedAt = client.snapshot.iteration;
    await client.step(7);
    expect(client.snapshot.iteration).toBe(pausedAt + 7);
    expect(client.state).toBe('paused');
    await client.step(1);
    await client.configure({ speed: 'max' });
    await client.start();
    await runReaches(client, () => client.snapshot.iteration >= 300, 'iteration >= 300');
    await client.configure({ speed: 500 });
    await runReaches(client, () => client.state === 'done', 'state === done');

    // Batches tile the iterations: each starts where the previous ended, none repeats.
    let next = 1; // iteration 0 came with the run
    for (const b of seen) {
      if (b.costs.length === 0) continue;
      expect(b.firstIteration).toBe(next);
      next += b.costs.length;
    }
    expect(next).toBe(601);

    const { X, T, initParams } = notebookSetup(1);
    const reference = train(X, T, initParams, { learningRate: 0.02, momentum: 0.9, iterations: 600 });
    expectCostsEqual(client.costs.values, reference.costs);
    expectCostsEqual(client.costs.values.subarray(0, 301), seed1.training.costs, 1e-9);
    expect(client.snapshot.accuracy).toBe(1);
  });

  it('streams at max speed and stops at the configured iteration', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', iterations: 5000 });
    await client.start();
    await runReaches(client, () => client.state === 'done', 'state === done');
    expect(client.costs.length).toBe(5001);
    expect(client.snapshot.iteration).toBe(5000);
    // Coalesced: far fewer batches than iterations.
    expect(client.batchesReceived).toBeLessThan(2500);
  });

  it('sends costs alone at most every BATCH_INTERVAL_MS while training freely, and all of them', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', iterations: 20_000, engine: 'js' });
    const arrivals: number[] = [];
    client.on((e) => {
      if (e.type === 'batch' && e.batch.state === 'running' && !e.batch.run && !e.batch.config) {
        arrivals.push(performance.now());
      }
    });
    await client.start();
    await runReaches(client, () => client.state === 'done', 'state === done');
    expect(client.costs.length).toBe(20_001);
    // Sent ≥ 16 ms apart by the worker's clock; the slack covers a first batch delayed on its way.
    // (A batch per 4 ms slice, as before, would be about span / 4.)
    const span = arrivals[arrivals.length - 1] - arrivals[0];
    expect(arrivals.length).toBeGreaterThan(1);
    expect(arrivals.length).toBeLessThanOrEqual(span / (0.75 * BATCH_INTERVAL_MS) + 4);
  });

  it('paceBatches: the next batch waits for the page, carries every cost computed meanwhile, and comes after BATCH_PACE_MAX_MS at the latest', async () => {
    // the page's go-ahead for each batch, released by the test
    const gates: (() => void)[] = [];
    const client = makeTestClient({
      pingTimeout: 600,
      paceBatches: () => new Promise<void>((resolve) => gates.push(resolve)),
    });
    await client.configure({ speed: 'max', iterations: 100_000, engine: 'js' });
    const batches: Batch[] = [];
    const arrivals: number[] = [];
    client.on((e) => {
      if (e.type !== 'batch') return;
      batches.push(e.batch);
      arrivals.push(performance.now());
    });
    await client.start();
    await until(() => batches.length > 0 && batches[batches.length - 1].state === 'running', 'a running batch');
    // held: the worker trains on, and answers calls, but sends no batch (a few round trips,
    // each far shorter than BATCH_PACE_MAX_MS)
    const held = batches.length;
    const first = batches[held - 1];
    for (let k = 0; k < 3; k++) await client.evaluate(new Float64Array([0, 0]));
    expect(batches.length).toBe(held);
    // released: the next carries every cost since, none dropped
    gates.splice(0).forEach((go) => go());
    await until(() => batches.length > held, 'the next batch');
    const next = batches[held];
    expect(next.firstIteration).toBe(first.iteration + 1);
    expect(next.costs.length).toBe(next.iteration - first.iteration);
    expect(next.costs.length).toBeGreaterThan(1);
    // never released: the one after still comes, BATCH_PACE_MAX_MS after it
    await until(() => batches.length > held + 1, 'a batch with the page silent');
    expect(arrivals[held + 1] - arrivals[held]).toBeGreaterThanOrEqual(BATCH_PACE_MAX_MS - 5);
    expect(batches[held + 1].firstIteration).toBe(next.iteration + 1);
    gates.splice(0).forEach((go) => go());
    await client.pause();
  });

  it('lets no batch of an earlier run through after 100 rapid reconfigurations while running', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', iterations: 100_000 });
    await client.start();
    const runIds: number[] = [];
    client.on((e) => e.type === 'batch' && runIds.push(e.batch.runId));
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) calls.push(client.configure({ seed: 1000 + i }));
    const runs = await Promise.all(calls);
    const last = (runs[runs.length - 1] as { runId: number }).runId;
    expect(client.snapshot.runId).toBe(last);
    expect(client.snapshot.config.seed).toBe(1099);
    const count = runIds.length;
    await runReaches(client, () => runIds.length > count + 3, '3 more batches');
    expect(runIds.slice(count).every((id) => id === last)).toBe(true);
    // run ids seen never go backwards
    for (let i = 1; i < runIds.length; i++) expect(runIds[i]).toBeGreaterThanOrEqual(runIds[i - 1]);
    // the store holds the new run from iteration 0 with no gap
    expect(client.costs.length).toBe(client.snapshot.iteration + 1);
    const setup = notebookSetup(1099);
    expect(Array.from(client.snapshot.data!.X.subarray(0, 4))).toEqual(Array.from(setup.X.data.subarray(0, 4)));
  });

  it('keeps the run when only learning rate, momentum, speed or iterations change', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', iterations: 50 });
    await client.start();
    await runReaches(client, () => client.state === 'done', 'state === done');
    const runId = client.snapshot.runId;
    await client.configure({ learningRate: 0.01, momentum: 0.5, speed: 100, iterations: 80 });
    expect(client.snapshot.runId).toBe(runId);
    expect(client.snapshot.config).toMatchObject({ learningRate: 0.01, momentum: 0.5, speed: 100, iterations: 80 });
    expect(client.state).toBe('paused');
    await client.step(10);
    expect(client.snapshot.iteration).toBe(60);
    // a configure during a step ends the step with its run; the new run does not free-run
    const stepping = client.step(10_000);
    await runReaches(client, () => client.snapshot.iteration > 60, 'iteration > 60');
    await client.configure({ hiddenUnits: 4 });
    await stepping;
    expect(client.snapshot.runId).toBeGreaterThan(runId);
    expect(client.snapshot.iteration).toBe(0);
    expect(client.snapshot.shape.hidden).toBe(4);
    expect(client.state).toBe('idle');
  });

  it('resets to the very same data and initial parameters', async () => {
    const client = makeClient();
    await client.configure({});
    const firstParams = client.snapshot.params!.slice();
    const firstX = client.snapshot.data!.X.slice();
    await client.step(25);
    expect(Array.from(client.snapshot.params!)).not.toEqual(Array.from(firstParams));
    await client.reset();
    expect(client.snapshot.iteration).toBe(0);
    expect(client.costs.length).toBe(1);
    expect(Array.from(client.snapshot.params!)).toEqual(Array.from(firstParams));
    expect(Array.from(client.snapshot.data!.X)).toEqual(Array.from(firstX));
    // seed 1's initial parameters are the notebook's
    expect(client.snapshot.params![0]).toBeCloseTo(seed1.training.init.Wh[0][0], 14);
  });

  it('stops in state diverged with the last finite parameters (learning rate 5)', async () => {
    const client = makeClient();
    await client.configure({ learningRate: 5, speed: 'max', iterations: 2000 });
    const states: string[] = [];
    client.on((e: ClientEvent) => e.type === 'state' && states.push(e.state));
    await client.start();
    await runReaches(client, () => client.state === 'diverged', 'state === diverged');
    expect(states).toContain('diverged');
    expect(client.snapshot.divergedAt).toBeGreaterThan(0);
    expect(client.snapshot.iteration).toBe(client.snapshot.divergedAt! - 1);
    expect(client.snapshot.params!.every(Number.isFinite)).toBe(true);
    expect(client.costs.values.every(Number.isFinite)).toBe(true);
    const status = await client.start();
    expect(status.state).toBe('diverged');
  });

  it('rejects an invalid value of every field, naming field, value and range, and keeps the run', async () => {
    const client = makeClient();
    await client.configure({});
    await client.step(5);
    const runId = client.snapshot.runId;
    const bad: Record<keyof TrainConfig, unknown[]> = {
      generator: ['MOONS', 3, 'custom'],
      classes: [1, 6, 2.5, 3],
      testFraction: [-0.1, 0.95, 1],
      samples: [1, 10001, 2.5, Number.NaN],
      noise: [-0.1, 1.5, 'x'],
      factor: [1, -0.5],
      hiddenUnits: [0, 65, 1.5],
      learningRate: [0, -1, Infinity],
      momentum: [1, -0.1],
      iterations: [0, 1.5],
      initScale: [0, -1],
      seed: [-1, 2 ** 32, 0.5],
      speed: [0, 'fast', -5],
      engine: ['WASM', 'webgpu', 2],
    };
    for (const field of CONFIG_FIELDS) {
      for (const value of bad[field.key]) {
        const err = await client.configure({ [field.key]: value } as Partial<TrainConfig>).catch((e: unknown) => e);
        expect(err, `${field.key}=${String(value)}`).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).field).toBe(field.key);
        expect((err as ConfigError).value).toEqual(value);
        expect((err as Error).message).toMatch(new RegExp(`^${field.key}: .* is not allowed; expected `));
      }
    }
    // The worker validates on its own too (hostile input must not rely on the page).
    const status = await client.step(1);
    expect(status.iteration).toBe(6);
    expect(client.snapshot.runId).toBe(runId);
  });

  it('validates configs in the worker too, whatever the page sends', async () => {
    const worker = createTrainerWorker();
    try {
      const remote = wrap<TrainerApi>(worker);
      const first = await remote.configure({ seed: 3 });
      const hostile: unknown[] = [
        { samples: -1 },
        { hiddenUnits: '3' },
        { bogus: 1 },
        { speed: 'fast' },
        { learningRate: Number.NaN },
        null,
        [1, 2],
      ];
      for (const change of hostile) {
        await expect(remote.configure(change as Partial<TrainConfig>)).rejects.toThrow(/is not allowed; expected /);
      }
      const after = await remote.configure({});
      expect(after.runId).toBe(first.runId);
      expect(after.config.seed).toBe(3);
      await expect(remote.step(0)).rejects.toThrow(/step: n must be an integer from 1 to 10000000; got 0/);
    } finally {
      worker.terminate();
    }
  });

  it('tags as fromConfigure only the state changes its own configure made', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', iterations: 10_000_000 });
    const changes: string[] = [];
    client.on((e) => {
      if (e.type === 'state') changes.push(`${e.previous}→${e.state}${e.fromConfigure ? ' (configure)' : ''}`);
    });
    // a configure that starts a new run while a step runs: the step ends with its run
    const stepping = client.step(10_000_000);
    await runReaches(client, () => client.snapshot.iteration > 10, 'iteration > 10');
    await client.configure({ seed: 2 });
    await stepping;
    // a configure that lowers the limit below the current iteration
    await client.start();
    await runReaches(client, () => client.snapshot.iteration > 100, 'iteration > 100');
    await client.configure({ iterations: 50 });
    // training that reaches its limit on its own, no configure pending; paced, so that the
    // page sees the run going before it ends (at max speed 200 iterations can finish while
    // start's batch waits for the page's ack, and arrive coalesced as idle→done)
    await client.reset();
    await client.configure({ iterations: 200, speed: 2000 });
    await client.start();
    await runReaches(client, () => client.state === 'done', 'state === done');
    expect(changes).toEqual([
      'idle→running',
      'running→idle (configure)',
      'idle→running',
      'running→done (configure)',
      'done→idle',
      'idle→running',
      'running→done',
    ]);
  });

  it('runs the gradient check, evaluates points and replays snapshots in the worker', async () => {
    const client = makeClient();
    await client.configure({});
    const report = await client.gradientCheck();
    expect(report.ok).toBe(true);
    expect(report.entries).toHaveLength(17);
    await client.step(300);
    const evaluation = await client.evaluate(new Float64Array([0, 0, 1.5, 0]));
    expect(evaluation.points).toBe(2);
    // centre: the inner class (t = 1); ring: the outer class (t = 0)
    expect(evaluation.probabilities[1]).toBeGreaterThan(0.5);
    expect(evaluation.probabilities[2]).toBeGreaterThan(0.5);
    expect(evaluation.hidden).toHaveLength(6);
    const snap0 = await client.getSnapshot(0);
    expect(snap0!.iteration).toBe(0);
    expect(snap0!.params[0]).toBeCloseTo(seed1.training.init.Wh[0][0], 14);
    // the history keeps every stride-th iteration (replayStride): the nearest kept one
    const stride = replayStride(100, 17, client.snapshot.engine!);
    const kept = 150 - (150 % stride);
    const snap150 = await client.getSnapshot(150);
    expect(snap150!.iteration).toBe(kept);
    expect(Array.from(snap150!.params)).toEqual(Array.from((await client.seek(kept)).params));
    expect((await client.getSnapshot(2 * stride))!.iteration).toBe(2 * stride);
    const snapEnd = await client.getSnapshot(300);
    expect(snapEnd!.params[0]).toBeCloseTo(seed1.training.final.Wh[0][0], 10);
    await expect(client.evaluate(new Float64Array(3))).rejects.toThrow(/points must be a Float64Array of P×2/);
    await expect(client.getSnapshot(-1)).rejects.toThrow(/non-negative integer; got -1/);
  });

  it('reports a terminated worker and recovers with the last configuration, twice', async () => {
    const client = makeClient();
    await client.configure({ seed: 7, hiddenUnits: 5, speed: 'max', iterations: 1_000_000 });
    await client.start();
    const faults: string[] = [];
    client.on((e) => e.type === 'fault' && faults.push(e.message));
    client.workerForTesting!.terminate();
    await runReaches(client, () => client.state === 'error', 'state === error', 10_000);
    expect(faults[0]).toMatch(/stopped responding/);
    await expect(client.pause()).rejects.toThrow(/stopped responding/);
    const run = await client.restart();
    expect(run.config.seed).toBe(7);
    expect(run.config.hiddenUnits).toBe(5);
    expect(client.state).toBe('idle');
    await client.step(3);
    expect(client.snapshot.iteration).toBe(3);
    expect(client.snapshot.shape.hidden).toBe(5);

    // and again: a second restart's worker (whose runs count from 1 again) is heard too
    await client.configure({ learningRate: 0.05 });
    await client.start();
    // the watchdog's ping timeouts (pingTimeout, 600 ms) from here on, the old worker's first
    const pingTimeouts = watchTimeouts((ms) => ms === 600);
    try {
      client.workerForTesting!.terminate();
      await runReaches(client, () => client.state === 'error', 'state === error', 10_000);
      await client.restart();
      expect(client.snapshot.config).toMatchObject({ seed: 7, hiddenUnits: 5, learningRate: 0.05 });
      expect(client.state).toBe('idle');
      await client.step(4);
      expect(client.snapshot.iteration).toBe(4);
      expect(client.costs.length).toBe(5);
      // the fresh worker outlives the old worker's watchdog timeouts
      await pingTimeouts.fired();
      expect(pingTimeouts.count()).toBeGreaterThan(0);
    } finally {
      pingTimeouts.stop();
    }
    expect(client.alive).toBe(true);
  });

  it('builds no run before the page configures: its first run is the configured one; any other command first gets the default run', async () => {
    const client = makeClient();
    const info = await client.configure({ seed: 5 });
    // one run and one batch: no default run was built, sent and replaced first
    expect(info.runId).toBe(1);
    expect(info.sequence).toBe(1);
    expect(info.reset).toBe('data');
    expect(client.snapshot.runId).toBe(1);
    expect(client.snapshot.config.seed).toBe(5);
    expect(client.costs.length).toBe(1);

    const other = makeClient();
    const status = await other.step(2);
    expect(status.runId).toBe(1);
    expect(status.iteration).toBe(2);
    expect(other.snapshot.config).toEqual(DEFAULT_CONFIG);
    expectCostsEqual(other.costs.values, seed1.training.costs.slice(0, 3), 1e-9);
  });

  it('rejects calls after dispose', async () => {
    const client = makeClient();
    await client.configure({});
    client.dispose();
    await expect(client.start()).rejects.toThrow(/disposed/);
  });
});

// The timeline in the real worker: seek and branch through TrainerClient, against the core
// trainer (bit for bit, same engine) and the numpy fixtures (seed 1's tutorial run).
import { describe, expect, it } from 'vitest';
import { accuracy, createTrainer, notebookSetup, nn, paramCount, unpackParams, type Engine } from '../src/core/index';
import type { TrainerClient } from '../src/client/trainer-client';
import { until } from '../test/helpers/browser';
import { makeClient } from '../test/helpers/clients';
import { mismatch } from '../test/fixtures/numpy/load';
import seed1 from '../test/fixtures/numpy/seed-1.json';
import timeline from '../test/fixtures/numpy/timeline.json';
import { replayStride } from './snapshot-history';

const flat = (p: Record<string, number[][]>): number[] => [p.Wh, p.bh, p.Wo, p.bo].flat(2);

/** The core's packed parameters after k updates on `engine` (the tutorial's set-up, seed 1). */
function coreParams(engine: Engine, k: number): number[] {
  const { X, T, initParams } = notebookSetup(1);
  const trainer = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9, engine });
  trainer.step(k);
  const out = new Float64Array(paramCount(trainer.shape));
  trainer.writePackedParams(out);
  trainer.dispose();
  return Array.from(out);
}

async function finished(client: TrainerClient): Promise<void> {
  await until(
    () => client.state === 'done',
    `state done (now ${client.state}, iteration ${client.snapshot.iteration})`,
  );
}

describe('timeline: seek and branch in the worker', () => {
  it('seeks the exact parameters of any iteration, and rejects iterations past the latest', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max' });
    await client.start();
    await finished(client);
    const engine = client.snapshot.engine!;
    // the worker keeps every 64th iteration of this network on WebAssembly (16th on JS): 1, 37,
    // 150 and 299 lie inside gaps
    const stride = replayStride(100, 17, engine);
    expect(stride).toBeGreaterThanOrEqual(16);
    for (const point of timeline.seek) {
      const seen = await client.seek(point.iteration);
      expect(seen.iteration).toBe(point.iteration);
      expect(seen.replayed).toBeLessThan(stride);
      if (point.iteration % stride !== 0 && point.iteration !== 300) expect(seen.replayed).toBeGreaterThan(0);
      expect(Array.from(seen.params)).toEqual(coreParams(engine, point.iteration));
      expect(mismatch(seen.params, flat(point.params), 1e-9, 1e-12)).toBeNull();
      expect(mismatch(seen.velocities, flat(point.velocities), 1e-9, 1e-12)).toBeNull();
      expect(seen.cost).toBe(client.costs.values[point.iteration]);
    }
    await expect(client.seek(301)).rejects.toThrow(
      /seek: iteration must be an integer from 0 to 300 \(the latest\); got 301/,
    );
    await expect(client.seek(1.5)).rejects.toThrow(/got 1\.5/);
  });

  it('a seek carries the test rows’ cost and accuracy of the iteration sought; batches still report the latest', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max', testFraction: 0.3 });
    await client.start();
    await finished(client);
    const data = client.snapshot.data!;
    const rows = Array.from(data.testRows);
    const X = {
      rows: rows.length,
      cols: 2,
      data: Float64Array.from(rows.flatMap((r) => [data.X[2 * r], data.X[2 * r + 1]])),
    };
    const t = Int32Array.from(rows, (r) => data.t[r]);
    const latest = { cost: client.snapshot.testCost, accuracy: client.snapshot.testAccuracy };
    for (const k of [0, 37, 150, 299]) {
      const seen = await client.seek(k);
      expect(seen.testCost).toBe(client.testCostStore.values[k]);
      expect(seen.testAccuracy).toBe(accuracy(nn(X, unpackParams(seen.params, client.snapshot.shape)), t));
    }
    expect((await client.seek(0)).testAccuracy).not.toBe(latest.accuracy);
    // a batch with no training in it (configure settles once the page holds the batch with the
    // change) reports the latest iteration's numbers, not the last seek's
    await client.configure({ learningRate: 0.03 });
    expect(client.snapshot.config.learningRate).toBe(0.03);
    expect(client.snapshot.testCost).toBe(latest.cost);
    expect(client.snapshot.testAccuracy).toBe(latest.accuracy);
    expect(client.snapshot.testCost).toBe(client.testCostStore.values[300]);
  });

  it('branching at 150 and running on reproduces the costs exactly; with new settings it is numpy’s branched run', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max' });
    await client.start();
    await finished(client);
    const original = client.costs.toArray();
    expect(mismatch(original, seed1.training.costs, 1e-9)).toBeNull();

    await client.branch(150);
    expect(client.state).toBe('paused');
    expect(client.snapshot.iteration).toBe(150);
    expect(client.costs.length).toBe(151);
    expect(Array.from(client.snapshot.params!)).toEqual(Array.from((await client.seek(150)).params));
    await client.start();
    await finished(client);
    expect(Array.from(client.costs.values)).toEqual(Array.from(original));

    await client.branch(150);
    const { at, learning_rate: learningRate, momentum_term: momentum } = timeline.branch;
    expect(at).toBe(150);
    await client.configure({ learningRate, momentum });
    await client.start();
    await finished(client);
    expect(Array.from(client.costs.values.subarray(0, 151))).toEqual(Array.from(original.subarray(0, 151)));
    expect(mismatch(client.costs.values, timeline.branch.costs, 1e-9)).toBeNull();
    expect(mismatch(client.snapshot.params!, flat(timeline.branch.final), 1e-9, 1e-12)).toBeNull();
    // seeking back into the branched run replays with the new settings after 150
    const at200 = await client.seek(200);
    expect(at200.cost).toBe(client.costs.values[200]);
  });
});

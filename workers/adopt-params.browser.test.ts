// adoptParams in the real worker: the numpy fixture's trained network becomes iteration 0 of a
// new run on the same data, with zero velocities; hostile messages are refused and the run
// goes on untouched.
import { describe, expect, it } from 'vitest';
import { notebookSetup, packParams, train, unpackParams } from '../src/core/index';
import type { Params } from '../src/core/types';
import { makeClient } from '../test/helpers/clients';
import { until } from '../test/helpers/browser';
import seed1 from '../test/fixtures/numpy/seed-1.json';

const SHAPE = { inputs: 2, hidden: 3, classes: 2 };

function fixtureParams(which: Record<string, number[][]>): Float64Array {
  const m = (rows: number[][]) => ({ rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) });
  return packParams({ Wh: m(which.Wh), bh: m(which.bh), Wo: m(which.Wo), bo: m(which.bo) } as Params);
}

describe('adoptParams', () => {
  it('starts an idle run at iteration 0 from the given network; training and reset go on from it', async () => {
    const client = makeClient();
    await client.configure({ speed: 'max' });
    const trained = fixtureParams(seed1.training.final);
    const info = await client.adoptParams(trained, SHAPE);
    expect(info.reset).toBe('params');
    expect(client.state).toBe('idle');
    expect(client.snapshot.iteration).toBe(0);
    expect(Array.from(client.snapshot.params!)).toEqual(Array.from(trained));
    // The cost of numpy's network after 300 iterations, now iteration 0's.
    expect(client.costs.values[0]).toBeCloseTo(seed1.training.costs[300], 9);

    await client.step(25);
    // The reference: the JS core from those parameters with zero velocities.
    const { X, T } = notebookSetup(1);
    const reference = train(X, T, unpackParams(trained.slice(), SHAPE), {
      learningRate: 0.02,
      momentum: 0.9,
      iterations: 25,
    });
    expect(client.costs.values.length).toBe(26);
    for (let i = 0; i <= 25; i++) expect(client.costs.values[i]).toBeCloseTo(reference.costs[i], 10);

    await client.reset();
    expect(client.snapshot.iteration).toBe(0);
    expect(Array.from(client.snapshot.params!)).toEqual(Array.from(trained));

    // A change that keeps the run keeps the adopted network; one that redraws parameters drops it.
    await client.configure({ learningRate: 0.05 });
    expect(Array.from(client.snapshot.params!)).toEqual(Array.from(trained));
    await client.configure({ initScale: 0.2 });
    expect(client.snapshot.params![0]).not.toBe(trained[0]);
  });

  it('refuses a wrong shape, length, kind or a non-finite number, and the run goes on', async () => {
    const client = makeClient();
    await client.configure({ speed: 200, iterations: 100_000 });
    await client.start();
    await until(() => client.snapshot.iteration > 5, 'training');
    const runId = client.snapshot.runId;
    const good = fixtureParams(seed1.training.init);
    const nan = good.slice();
    nan[4] = Number.NaN;
    const cases: Array<[unknown, unknown, RegExp]> = [
      [good, { inputs: 2, hidden: 4, classes: 2 }, /shape must be the current run's 2→3→2; got 2→4→2/],
      [good, null, /shape must be an object/],
      [good.subarray(0, 5), SHAPE, /params must hold 17 numbers for a 2→3→2 network; got 5/],
      [Array.from(good), SHAPE, /params must be a Float64Array/],
      [new Float32Array(17), SHAPE, /params must be a Float64Array/],
      [nan, SHAPE, /params\[4\] must be finite; got NaN/],
    ];
    for (const [params, shape, message] of cases) {
      await expect(client.adoptParams(params as Float64Array, shape as typeof SHAPE)).rejects.toThrow(message);
    }
    const before = client.snapshot.iteration;
    await until(() => client.snapshot.iteration > before + 5, 'training after the refusals');
    expect(client.snapshot.runId).toBe(runId);
    expect(client.state).toBe('running');
  });
});

// The worker's data (issue 11): every generator, the test split and custom data, for real: a
// module Worker in Chromium driven through TrainerClient, its numbers against numpy's
// (test/fixtures/numpy/make_generators.py: two seeds per generator, odd N, C = 3 and 5).
import { describe, expect, it } from 'vitest';
import { ConfigError, type TrainConfig } from '../src/protocol/config-schema';
import { caseSettings, generatorCases, type GeneratorCase } from '../test/fixtures/numpy/generators';
import { makeClient } from '../test/helpers/clients';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rel = 1e-9): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (!(Math.abs(actual[i] - e) <= rel * Math.max(1, Math.abs(e))))
      throw new Error(`${what}[${i}]: ${actual[i]} ≠ ${e}`);
  }
}

function configOf(c: GeneratorCase): Partial<TrainConfig> {
  return {
    seed: c.seed,
    ...caseSettings(c),
    learningRate: c.training.learning_rate,
    momentum: c.training.momentum_term,
    iterations: c.training.iterations,
    speed: 'max',
  };
}

/** The client's run against one numpy case: data, split, costs and test costs, accuracies. */
function expectCase(client: ReturnType<typeof makeClient>, c: GeneratorCase): void {
  const what = `${c.generator} seed ${c.seed}`;
  const run = client.snapshot;
  expect(run.state, what).toBe('done');
  expectClose(run.data!.X, c.X.flat(), `${what} X`, 1e-15);
  expect(Array.from(run.data!.t), what).toEqual(c.t);
  expect(run.data!.classes, what).toBe(c.classes);
  expect(Array.from(run.data!.testRows), what).toEqual(c.perm ? c.perm.slice(0, c.n_test) : []);
  expectClose(client.costs.values, c.training.costs, `${what} costs`);
  expectClose(client.testCostStore.values, c.training.test_costs, `${what} test costs`);
  expect(run.accuracy, what).toBeCloseTo(c.training.accuracy, 12);
  if (c.training.test_accuracy === null) {
    expect(run.testCost, what).toBeNull();
    expect(run.testAccuracy, what).toBeNull();
  } else {
    expect(run.testCost, what).toBe(client.testCostStore.values[c.training.iterations]);
    expect(run.testAccuracy, what).toBeCloseTo(c.training.test_accuracy, 12);
  }
}

describe('worker data', () => {
  it('trains every generator on its training rows and measures the test rows after each update, as numpy', async () => {
    const client = makeClient();
    const testBatches: number[] = [];
    client.on((e) => {
      if (e.type === 'batch' && e.batch.testCosts) {
        expect(e.batch.testCosts.length).toBe(e.batch.costs.length);
        testBatches.push(e.batch.testCosts.length);
      }
    });
    for (const c of generatorCases) {
      if (c.generator === 'custom') continue;
      // Two-class generators first: classes may only change with a generator that takes them.
      await client.configure({ generator: c.classes === 2 ? c.generator : 'blobs', classes: c.classes });
      await client.configure({ generator: c.generator, ...configOf(c) });
      await client.step(c.training.iterations);
      expectCase(client, c);
    }
    expect(testBatches.length).toBeGreaterThan(0);
  });

  it('takes custom data: the run restarts from the same seed with the data draws skipped', async () => {
    const client = makeClient();
    const c = generatorCases.find((k) => k.generator === 'custom')!;
    await client.configure({ ...configOf(c), generator: 'circles', classes: 2 });
    const info = await client.setData(Float64Array.from(c.X.flat()), Int32Array.from(c.t), c.classes);
    expect(info.config.generator).toBe('custom');
    await client.step(c.training.iterations);
    expectCase(client, c);
    // A reset and a changed setting keep the data.
    await client.configure({ testFraction: 0 });
    expect(Array.from(client.snapshot.data!.t)).toEqual(c.t);
    expect(client.testCostStore.length).toBe(0);
    expect(client.snapshot.testCost).toBeNull();
    // Labels above classes: a ConfigError naming classes, the run unchanged.
    await client.setData(Float64Array.of(0, 0, 1, 1, 2, 2), Int32Array.of(0, 3, 1), 4);
    expect(client.snapshot.shape.classes).toBe(4);
    const runId = client.snapshot.runId;
    const err = await client.configure({ classes: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('classes');
    expect((err as Error).message).toMatch(/expected at least 4 for the custom data/);
    expect(client.snapshot.runId).toBe(runId);
    expect(client.snapshot.config.classes).toBe(4);
  });

  it('rejects hostile data in the worker, naming row and column, and keeps the run', async () => {
    const client = makeClient();
    await client.configure({ generator: 'moons' });
    await client.step(3);
    const runId = client.snapshot.runId;
    const bad: Array<[unknown, unknown, unknown, RegExp]> = [
      [[0, 1], Int32Array.of(0), 2, /X must be a Float64Array/],
      [Float64Array.of(0, 1), [0], 2, /t must be an Int32Array/],
      [Float64Array.of(0, 1, 2), Int32Array.of(0), 2, /2 coordinates per label/],
      [Float64Array.of(0, Number.NaN), Int32Array.of(0), 2, /row 1 \(data\.X\[0\]\), column x2: must be finite/],
      [
        Float64Array.of(0, 0, 2e6, 0),
        Int32Array.of(0, 1),
        2,
        /row 2 \(data\.X\[1\]\), column x1: must be within ±1000000/,
      ],
      [Float64Array.of(0, 0, 1, 1), Int32Array.of(0, 2), 2, /row 2 \(data\.t\[1\]\), column label: 2 is not a class/],
      [Float64Array.of(0, 0), Int32Array.of(-1), 2, /row 1 \(data\.t\[0\]\), column label: must be a whole number/],
      [Float64Array.of(0, 0), Int32Array.of(0), 6, /classes must be a whole number from 2 to 5/],
      [new Float64Array(0), new Int32Array(0), 2, /at least 1 row/],
      [new Float64Array(20002), new Int32Array(10001), 2, /at most 10000 rows/],
    ];
    for (const [X, t, classes, message] of bad) {
      const err = await client.setData(X as Float64Array, t as Int32Array, classes as number).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, String(message)).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(message);
    }
    expect(client.snapshot.runId).toBe(runId);
    expect(client.snapshot.config.generator).toBe('moons');
    // generator 'custom' without data, and the two-class rule, are the worker's ConfigErrors too
    const custom = await client.configure({ generator: 'custom' }).catch((e: unknown) => e);
    expect(custom).toBeInstanceOf(ConfigError);
    expect((custom as ConfigError).field).toBe('generator');
    const rule = await client.configure({ classes: 4 }).catch((e: unknown) => e);
    expect((rule as ConfigError).field).toBe('classes');
    expect((rule as Error).message).toBe(
      'classes: 4 is not allowed; expected 2 for generator "moons" (it has two classes; "blobs", "spiral" and "custom" take 2 to 5).',
    );
    const status = await client.step(1);
    expect(status.iteration).toBe(4);
    expect(client.snapshot.runId).toBe(runId);
  });
});

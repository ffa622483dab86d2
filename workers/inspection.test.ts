import { describe, expect, test } from 'vitest';
import { backpropGradients, gradientCheck, packParams, unpackParams } from '../src/core/index';
import type { Params } from '../src/core/types';
import { DEFAULT_CONFIG } from '../src/protocol/config-schema';
import { mat, mismatch } from '../test/fixtures/numpy/load';
import { networkFixture, type GradientCase } from '../test/fixtures/numpy/network';
import { GradientChecks, gradientsAt } from './inspection';
import { stateAt } from './replay';
import { buildRun, keepSnapshot } from './run';
import { SnapshotHistory } from './snapshot-history';
import seed1 from '../test/fixtures/numpy/seed-1.json';
import timeline from '../test/fixtures/numpy/timeline.json';

/** The tutorial's run (seed 1, 100 circles) with H hidden units, on the JS engine. */
function tutorialRun(hidden: number) {
  return buildRun(1, { ...DEFAULT_CONFIG, hiddenUnits: hidden, engine: 'js' });
}

/** Every entry within 1e-9 of the largest entry's magnitude. */
function expectClose(actual: Float64Array, expected: Float64Array): void {
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  expect(scale).toBeGreaterThan(0);
  expect(mismatch(actual, expected, 0, 1e-9 * scale)).toBeNull();
}

describe('gradientsAt (the viewed parameters’ gradients)', () => {
  test('the run is the fixture’s data', () => {
    const run = tutorialRun(3);
    expect(mismatch(run.X.data, Float64Array.from(seed1.data.X.flat()), 1e-12)).toBeNull();
  });

  for (const c of networkFixture.gradients) {
    test(`equals numpy’s backprop_gradients and the core’s at the ${c.name} parameters`, () => {
      const params: Params = { Wh: mat(c.params.Wh), bh: mat(c.params.bh), Wo: mat(c.params.Wo), bo: mat(c.params.bo) };
      const run = tutorialRun(params.Wh.cols);
      const answer = gradientsAt(run, packParams(params));
      const numpy = Float64Array.from([c.gradients.JWh, c.gradients.Jbh, c.gradients.JWo, c.gradients.Jbo].flat(2));
      expectClose(answer.gradients, numpy);
      expect(answer.gradients).toEqual(packParams(backpropGradients(run.X, run.T, params)));
      expect(answer.shape).toEqual(run.shape);
      expect(answer.update).toBeNull();
    });
  }

  test('with an iteration, the update that led there: the velocities, or P_k − P_{k−1} from history', () => {
    // a history that keeps every iteration (a run's own keeps every 16th of the tutorial's)
    const built = tutorialRun(3);
    const run = { ...built, history: new SnapshotHistory(built.packed.length) };
    run.history.record(0, run.trainer);
    const count = run.packed.length / 2;
    const packed = new Float64Array(count);
    for (let k = 1; k <= 3; k++) {
      run.trainer.step(1);
      run.history.record(k, run.trainer);
    }
    run.trainer.writePackedParams(packed);
    const latest = gradientsAt(run, packed, 3);
    expect(latest.update).toEqual(packParams(run.trainer.velocities));
    const [p1, p2] = [1, 2].map((k) => run.history.at(k)!.params.subarray(0, count));
    const past = gradientsAt(run, p2.slice(), 2);
    // the update V_2 is P_2 − P_1 (to rounding: the trainer adds V to P)
    past.update!.forEach((v, i) => expect(v).toBeCloseTo(p2[i] - p1[i], 14));
    expect(past.update).toEqual(run.history.at(2)!.params.slice(count));
    expect(gradientsAt(run, run.history.at(0)!.params.slice(0, count), 0).update).toBeNull();
  });

  test('between kept snapshots, the update the last seek replayed to; none where nothing holds it', async () => {
    const run = tutorialRun(3);
    const count = run.packed.length / 2;
    const stride = run.history.stride;
    expect(stride).toBeGreaterThan(2);
    run.trainer.step(2 * stride);
    keepSnapshot(run);
    const k = stride + 3;
    expect(gradientsAt(run, new Float64Array(count), k).update).toBeNull();
    const { state } = await stateAt(run, k, () => true);
    const answer = gradientsAt(run, state.params, k);
    expect(answer.update).toEqual(state.velocities);
    // the core trained k updates from the start: the same last update
    const fresh = buildRun(2, { ...DEFAULT_CONFIG, hiddenUnits: 3, engine: 'js' }).trainer;
    fresh.step(k);
    const velocities = new Float64Array(count);
    fresh.writePackedVelocities(velocities);
    expect(answer.update).toEqual(velocities);
    expect(gradientsAt(run, state.params, k - 1).update).toBeNull();
  });

  test('hostile input gets a specific error', () => {
    const run = tutorialRun(3);
    expect(() => gradientsAt(run, new Float64Array(16))).toThrow(
      /params must be a Float64Array of 17 packed parameters \(D = 2, H = 3, C = 2\)/,
    );
    expect(() => gradientsAt(run, [1, 2] as unknown as Float64Array)).toThrow(/must be a Float64Array of 17/);
    const bad = new Float64Array(17);
    bad[4] = Number.NaN;
    expect(() => gradientsAt(run, bad)).toThrow('gradientsAt: params[4] must be finite; got NaN');
    expect(() => gradientsAt(run, new Float64Array(17), -1)).toThrow(
      /iteration must be a non-negative integer; got -1/,
    );
    expect(() => gradientsAt(run, new Float64Array(17), 1.5)).toThrow(/non-negative integer; got 1.5/);
  });
});

describe('GradientChecks at the parameters the page shows (a past iteration)', () => {
  const flat = (p: Record<string, number[][]>, prefix = ''): Float64Array =>
    Float64Array.from(['Wh', 'bh', 'Wo', 'bo'].flatMap((k) => p[prefix + k].flat()));
  /** numpy's backprop_gradients where network.json has them at a timeline iteration */
  const numpyAt: Record<number, GradientCase['name']> = { 0: 'init', 300: 'final' };

  for (const point of timeline.seek.filter((p) => [0, 37, 150, 300].includes(p.iteration))) {
    test(`at numpy’s parameters of iteration ${point.iteration}: the core’s gradientCheck, labelled ${point.iteration}`, async () => {
      const run = tutorialRun(3);
      for (let k = 1; k <= point.iteration; k++) run.trainer.step(1);
      const params = flat(point.params);
      const report = await new GradientChecks().check(run, { params, iteration: point.iteration });
      const expected = gradientCheck(run.X, run.T, unpackParams(params, run.shape));
      expect(report).toEqual({ runId: run.id, iteration: point.iteration, ...expected });
      expect(report.ok).toBe(true);
      const numpyCheck = timeline.gradient_check.find((c) => c.iteration === point.iteration);
      if (numpyCheck) {
        // numpy's check at the same parameters: backprop to rounding, the central differences to
        // their rounding (≈ ulp(ξ)/ε ≈ 1e-10 here), the same verdict per entry
        const numerical = flat(numpyCheck.numerical, 'J');
        expectClose(
          Float64Array.from(report.entries, (e) => e.analytic),
          flat(numpyCheck.backprop, 'J'),
        );
        expect(
          mismatch(
            Float64Array.from(report.entries, (e) => e.numeric),
            numerical,
            0,
            1e-9,
          ),
        ).toBeNull();
        expect(report.entries.map((e) => (e.close ? 1 : 0))).toEqual(Array.from(flat(numpyCheck.isclose, 'J')));
      }
      const name = numpyAt[point.iteration];
      if (name) {
        const c = networkFixture.gradients.find((g) => g.name === name)!;
        // network.json's parameters are seed-1.json's (to rounding), the same iteration's as timeline.json
        expect(mismatch(flat(c.params), params, 1e-9, 1e-12)).toBeNull();
        const numpy = Float64Array.from([c.gradients.JWh, c.gradients.Jbh, c.gradients.JWo, c.gradients.Jbo].flat(2));
        expectClose(
          Float64Array.from(report.entries, (e) => e.analytic),
          numpy,
        );
      }
    });
  }

  test('hostile subjects get a specific error, and the check under way goes on', async () => {
    const run = tutorialRun(3);
    run.trainer.step(5);
    const checks = new GradientChecks();
    const running = checks.check(run);
    const good = flat(timeline.seek[0].params);
    const bad = good.slice();
    bad[2] = Number.POSITIVE_INFINITY;
    const refused = async (at: unknown) => checks.check(run, at as { params: Float64Array; iteration: number });
    await expect(refused(null)).rejects.toThrow('gradientCheck: the subject must be { params, iteration }; got null');
    await expect(refused({ params: good.subarray(1), iteration: 0 })).rejects.toThrow(
      /gradientCheck: params must be a Float64Array of 17 packed parameters \(D = 2, H = 3, C = 2\)/,
    );
    await expect(refused({ params: Array.from(good), iteration: 0 })).rejects.toThrow(/Float64Array of 17/);
    await expect(refused({ params: bad, iteration: 0 })).rejects.toThrow(
      'gradientCheck: params[2] must be finite; got Infinity',
    );
    await expect(refused({ params: good, iteration: 6 })).rejects.toThrow(
      'gradientCheck: iteration must be an integer from 0 to 5 (the latest); got 6',
    );
    await expect(refused({ params: good, iteration: 1.5 })).rejects.toThrow(/from 0 to 5 \(the latest\); got 1\.5/);
    expect(checks.running).toBe(true);
    expect((await running).iteration).toBe(5);
  });

  test('a newer check stops the older one (the latest request wins)', async () => {
    const run = tutorialRun(3);
    run.trainer.step(37);
    const checks = new GradientChecks();
    const older = checks.check(run, { params: flat(timeline.seek[0].params), iteration: 0 });
    const newer = checks.check(run, { params: flat(timeline.seek[2].params), iteration: 37 });
    await expect(older).rejects.toThrow('The gradient check was interrupted by a newer gradient check');
    expect((await newer).iteration).toBe(37);
  });
});

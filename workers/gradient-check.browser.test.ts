// The worker's gradient check, for real: computed in slices between which the worker answers,
// so a pause, a reset, a new run or a newer check stops it, and it equals the core's check.
import { describe, expect, it } from 'vitest';
import { gradientCheck, notebookSetup } from '../src/core/index';
import type { GradientCheckReport } from '../src/protocol/trainer-api';

import { makeClient } from '../test/helpers/clients';

/** The largest network the settings allow: 322 parameters, 644 cost evaluations over 10,000 points. */
const LARGEST = { samples: 10_000, hiddenUnits: 64 } as const;

/** What a check settled with: its report, or the rejection's name and message. */
function outcome(
  check: Promise<GradientCheckReport>,
): Promise<GradientCheckReport | { name: string; message: string }> {
  return check.catch((err: unknown) => {
    const error = err as Error;
    return { name: error.name, message: error.message };
  });
}

const interrupted = (by: string) => ({
  name: 'GradientCheckInterruptedError',
  message: `The gradient check was interrupted by ${by}`,
});

describe('gradient check in the worker', () => {
  it('is the core’s gradientCheck bit for bit', async () => {
    const client = makeClient();
    const run = await client.configure({ samples: 1000, hiddenUnits: 16, seed: 3 });
    const report = await client.gradientCheck();
    const setup = notebookSetup(run.config.seed, run.config);
    const expected = gradientCheck(setup.X, setup.T, setup.initParams);
    expect(report).toEqual({ runId: run.runId, iteration: 0, ...expected });
    expect(report.ok).toBe(true);
  });

  it('answers other calls while it checks the largest network', { timeout: 60_000 }, async () => {
    const client = makeClient();
    await client.configure(LARGEST);
    let checked = false;
    const check = client.gradientCheck().then((report) => {
      checked = true;
      return report;
    });
    await client.getSnapshot(0);
    await client.evaluate(new Float64Array([0, 0]));
    expect(checked).toBe(false);
    const report = await check;
    expect(report.entries).toHaveLength(2 * 64 + 64 + 64 * 2 + 2);
    // (Some entries of a cost summed over 10,000 points differ by more than isclose allows.)
    expect(report.maxAbsDiff).toBeLessThan(1e-5);
  });

  it('is interrupted by a pause, and the next check runs', async () => {
    const client = makeClient();
    await client.configure({ ...LARGEST, speed: 'max', iterations: 1_000_000 });
    await client.start();
    const check = outcome(client.gradientCheck());
    await client.pause();
    expect(await check).toEqual(interrupted('a pause'));
    await client.configure({ samples: 200, hiddenUnits: 4 });
    const report = await client.gradientCheck();
    expect(report.ok).toBe(true);
  });

  it('is interrupted by a reset', async () => {
    const client = makeClient();
    await client.configure(LARGEST);
    await client.step(2);
    const check = outcome(client.gradientCheck());
    const run = await client.reset();
    expect(await check).toEqual(interrupted('a reset'));
    expect(client.snapshot.runId).toBe(run.runId);
    expect(client.snapshot.iteration).toBe(0);
  });

  it('is interrupted by a configuration that makes a new run, not by a new learning rate', async () => {
    const client = makeClient();
    await client.configure(LARGEST);
    const first = outcome(client.gradientCheck());
    await client.configure({ seed: 5 });
    expect(await first).toEqual(interrupted('a new configuration'));

    // Its parameters stay as they are: the check goes on.
    const run = await client.configure({ samples: 1000 });
    const second = client.gradientCheck();
    await client.configure({ learningRate: 0.05, momentum: 0.5 });
    const report = await second;
    expect(report.runId).toBe(run.runId);
    expect(report.ok).toBe(true);
  });

  it('gives way to a newer check', async () => {
    const client = makeClient();
    await client.configure(LARGEST);
    await client.step(1);
    const older = outcome(client.gradientCheck());
    await client.configure({ samples: 100 });
    // A new run interrupted the older check already; a newer check interrupts its predecessor too.
    expect(await older).toEqual(interrupted('a new configuration'));
    const a = outcome(client.gradientCheck());
    const b = client.gradientCheck();
    expect(await a).toEqual(interrupted('a newer gradient check'));
    expect((await b).ok).toBe(true);
  });
});

// The timeline's seek answers kept on the page (TimelineController): a scrubber's next steps are
// asked of the real worker ahead, and a seek to a kept answer is shown in the task that asks,
// with the worker's exact parameters (numpy's, seed 1's tutorial run); a branch drops them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TrainerClient } from '../client/trainer-client';
import timeline from '../../test/fixtures/numpy/timeline.json';
import { until } from '../../test/helpers/browser';
import { placeLab } from '../../test/helpers/lab';
import './backprop-lab';
import type { BackpropLab } from './backprop-lab';

const flat = (p: Record<string, number[][]>): number[] => ['Wh', 'bh', 'Wo', 'bo'].flatMap((k) => p[k].flat());
const numpyParams = (k: number): number[] => flat(timeline.seek.find((p) => p.iteration === k)!.params);
const packed = (lab: BackpropLab): number[] =>
  ['Wh', 'bh', 'Wo', 'bo'].flatMap((k) => Array.from(lab.viewedParams![k as 'Wh'].data));

/** A task queued now: it runs once this task's microtasks are done, before a worker's answer. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

describe('<backprop-lab> seeks kept on the page', () => {
  let lab: BackpropLab;
  const seeks = vi.spyOn(TrainerClient.prototype, 'seek');
  /** the iterations asked of the worker since call `from` */
  const asked = (from = 0): number[] => seeks.mock.calls.slice(from).map(([k]) => k);
  /** every seek asked of the worker so far, answered */
  const answered = () => Promise.allSettled(seeks.mock.results.map((r) => r.value as Promise<unknown>));

  beforeAll(async () => {
    lab = placeLab({ views: 'cost-curve', speed: 'max' });
    await lab.start();
    await lab.whenFinished();
  });

  afterAll(() => {
    seeks.mockRestore();
    lab.remove();
  });

  it('asks the next steps ahead; a kept answer is shown in the task that asks, exact', async () => {
    await lab.seek(39);
    await lab.seek(38);
    // one step down: 37 and 36 are asked ahead
    await until(() => asked().includes(36), 'the seeks asked ahead');
    await answered();
    const before = seeks.mock.calls.length;
    const seeking = lab.seek(37);
    await nextTask();
    expect(lab.viewedIteration).toBe(37);
    await seeking;
    expect(asked(before)).not.toContain(37);
    const params = packed(lab);
    numpyParams(37).forEach((v, i) => expect(Math.abs(params[i] - v)).toBeLessThanOrEqual(1e-9 * Math.abs(v) + 1e-12));
    // a jump far away is asked of the worker, exact too
    await lab.seek(150);
    expect(asked(before)).toContain(150);
    const far = packed(lab);
    numpyParams(150).forEach((v, i) => expect(Math.abs(far[i] - v)).toBeLessThanOrEqual(1e-9 * Math.abs(v) + 1e-12));
  });

  it('a branch drops the kept answers: the iterations after it are trained anew', async () => {
    await answered();
    await lab.seek(150);
    const old150 = packed(lab);
    await lab.seek(100);
    await lab.branch();
    lab.learningRate = 0.05;
    await lab.start();
    await lab.whenFinished();
    const before = seeks.mock.calls.length;
    await lab.seek(150);
    expect(asked(before)).toContain(150);
    expect(lab.viewedIteration).toBe(150);
    expect(packed(lab)).not.toEqual(old150);
  });
});

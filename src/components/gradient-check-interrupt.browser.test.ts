// A gradient check of the largest network that the user stops (Pause, Reset, a new setting):
// the element's method rejects, saying why, and its gradient-check view shows that and is
// ready again, instead of "Checking…" for seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/helpers/browser';
import './backprop-lab';
import type { BackpropLab } from './backprop-lab';

const mounted: HTMLElement[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

async function mountLargest(): Promise<BackpropLab> {
  const lab = document.createElement('backprop-lab');
  for (const [name, value] of Object.entries({
    samples: '10000',
    'hidden-units': '64',
    speed: 'max',
    iterations: '1000000',
    views: 'gradient-check',
  })) {
    lab.setAttribute(name, value);
  }
  lab.style.cssText = 'display: block; width: 640px';
  document.body.append(lab);
  mounted.push(lab);
  await lab.updateComplete;
  return lab;
}

function checkView(lab: BackpropLab): HTMLElementTagNameMap['bp-gradient-check'] {
  return lab.shadowRoot!.querySelector('bp-gradient-check')!;
}

/** Starts a check and waits until the view says it is under way; `outcome` is how it ended. */
async function startCheck(lab: BackpropLab): Promise<{ outcome: Promise<string> }> {
  const outcome = lab.gradientCheck().then(
    () => 'finished',
    (err: Error) => `${err.name}: ${err.message}`,
  );
  await until(() => checkView(lab).busy, 'the view is busy', 10_000);
  return { outcome };
}

async function expectShown(lab: BackpropLab, message: string): Promise<void> {
  await lab.updateComplete;
  const view = checkView(lab);
  await view.updateComplete;
  expect(view.busy).toBe(false);
  expect(view.error).toBe(message);
  expect(view.interrupted).toBe(true);
  expect(view.shadowRoot!.querySelector('[part="error"]')!.textContent!.trim()).toContain(message);
  expect(view.shadowRoot!.querySelector('[part="button"]')!.textContent!.trim()).toBe('Run gradient check');
}

describe('<backprop-lab> gradient check, interrupted', () => {
  it('by pause() while training', async () => {
    const lab = await mountLargest();
    await lab.start();
    const { outcome } = await startCheck(lab);
    await lab.pause();
    expect(await outcome).toBe('GradientCheckInterruptedError: The gradient check was interrupted by a pause');
    await expectShown(lab, 'The gradient check was interrupted by a pause');
  });

  it('by reset()', async () => {
    const lab = await mountLargest();
    await lab.step(3);
    const { outcome } = await startCheck(lab);
    await lab.reset();
    expect(await outcome).toBe('GradientCheckInterruptedError: The gradient check was interrupted by a reset');
    await expectShown(lab, 'The gradient check was interrupted by a reset');
    expect(lab.iteration).toBe(0);
  });

  it('by a setting that makes a new run; the next check of a small network completes', async () => {
    const lab = await mountLargest();
    const { outcome } = await startCheck(lab);
    lab.seed = 4;
    expect(await outcome).toBe(
      'GradientCheckInterruptedError: The gradient check was interrupted by a new configuration',
    );
    await expectShown(lab, 'The gradient check was interrupted by a new configuration');

    lab.samples = 100;
    lab.hiddenUnits = 3;
    const report = await lab.gradientCheck();
    expect(report.ok).toBe(true);
    await lab.updateComplete;
    const view = checkView(lab);
    await view.updateComplete;
    expect([view.busy, view.error]).toEqual([false, '']);
    expect(view.report).toBe(report);
  });
});

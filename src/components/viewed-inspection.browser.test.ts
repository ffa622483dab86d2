// The gradient check and the viewed gradients follow the timeline (issue 13): after a seek or
// while scrubbing, the gradient-check table shows the check at the viewed iteration and the
// network diagram the gradients there, computed in the real worker, equal to the core's at those
// parameters and to numpy's where the fixtures have them (seed 1's tutorial run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backpropGradients, gradientCheck, notebookSetup, packParams } from '../core/index';
import type { Params } from '../core/types';
import { mismatch } from '../../test/fixtures/numpy/load';
import timeline from '../../test/fixtures/numpy/timeline.json';
import { until } from '../../test/helpers/browser';
import { placeLab } from '../../test/helpers/lab';
import './backprop-lab';
import type { BackpropLab } from './backprop-lab';
import { formatValue } from './network-items';

const flat = (p: Record<string, number[][]>, prefix = ''): number[] =>
  ['Wh', 'bh', 'Wo', 'bo'].flatMap((k) => p[prefix + k].flat());
const numpyParams = (k: number): number[] => flat(timeline.seek.find((p) => p.iteration === k)!.params);

describe('<backprop-lab> inspection at the viewed iteration', () => {
  let lab: BackpropLab;
  const { X, T } = notebookSetup(1);
  const table = () => lab.shadowRoot!.querySelector('bp-gradient-check')!;
  const diagram = () => lab.shadowRoot!.querySelector('bp-network')!;

  /** The table's report once it is for iteration k and no check is under way. */
  async function reportFor(k: number) {
    await until(
      () => !table().busy && table().report?.iteration === k,
      `the table's check at iteration ${k} (now ${table().report?.iteration}, busy ${table().busy})`,
      10_000,
    );
    return table().report!;
  }

  /** The diagram's gradients once they are the viewed iteration's. */
  async function diagramGradients(k: number): Promise<Params> {
    await until(
      () => diagram().iteration === k && diagram().gradients !== null,
      `the diagram's gradients at iteration ${k}`,
      10_000,
    );
    return diagram().gradients!;
  }

  // one element for the file (mountLab's are removed after each test)
  beforeAll(async () => {
    lab = placeLab({ views: 'network gradient-check', speed: 'max' });
    await lab.start();
    const result = await lab.whenFinished();
    expect([result.state, result.iteration]).toEqual(['done', 300]);
  });
  afterAll(() => lab.remove());

  it('checks the viewed parameters: the latest, then a past iteration once sought', async () => {
    const latest = await lab.gradientCheck();
    expect(latest.iteration).toBe(300);
    expect(await reportFor(300)).toBe(latest);

    await lab.seek(37);
    const report = await reportFor(37);
    const viewed = lab.viewedParams!;
    // the viewed parameters are numpy's after 37 updates (to rounding) ...
    expect(mismatch(packParams(viewed), numpyParams(37), 1e-9, 1e-12)).toBeNull();
    // ... and the check is the core's at exactly them, and numpy's there (make_timeline.py)
    expect(report).toEqual({ runId: latest.runId, iteration: 37, ...gradientCheck(X, T, viewed) });
    expect(report.ok).toBe(true);
    const numpy = timeline.gradient_check.find((c) => c.iteration === 37)!;
    const column = (key: 'analytic' | 'numeric') => report.entries.map((e) => e[key]);
    expect(mismatch(column('numeric'), flat(numpy.numerical, 'J'), 0, 1e-9)).toBeNull();
    expect(mismatch(column('analytic'), flat(numpy.backprop, 'J'), 1e-9, 1e-12)).toBeNull();
    await table().updateComplete;
    const stats = table().shadowRoot!.querySelector('[part="stats"]')!.textContent!;
    expect(stats.replace(/\s+/g, ' ')).toContain('checked at iteration 37');
  });

  it('the diagram and viewedGradients hold the gradients at the viewed iteration', async () => {
    await lab.seek(150);
    const gradients = await diagramGradients(150);
    const expected = packParams(backpropGradients(X, T, lab.viewedParams!));
    const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(mismatch(packParams(gradients), expected, 0, 1e-9 * scale)).toBeNull();
    expect(packParams(lab.viewedGradients!)).toEqual(packParams(gradients));
    // the update that led there: the history keeps every iteration's velocities on this run
    expect(diagram().lastUpdate).not.toBeNull();
    // the details on focus say the gradient at the viewed iteration (Wh[0,0]: packed entry 0)
    const link = Array.from(diagram().shadowRoot!.querySelectorAll<HTMLElement>('button.item')).find(
      (b) => b.getAttribute('aria-label') === 'Weight x₁ → h₁',
    )!;
    link.focus();
    await diagram().updateComplete;
    expect(diagram().shadowRoot!.querySelector('.details')!.textContent).toContain(
      `gradient ∂ξ/∂w = ${formatValue(gradients.Wh.data[0])} at iteration 150;`,
    );
    // and the table followed
    expect((await reportFor(150)).entries.map((e) => e.analytic)).toEqual(
      gradientCheck(X, T, lab.viewedParams!).entries.map((e) => e.analytic),
    );
  });

  it('scrubbing: the latest request wins; back to live checks the latest again', async () => {
    // seeks asked faster than they are drawn, as the scrubber's keys do
    const seeks = [10, 20, 30, 40, 50, 60, 70, 80, 90, 299].map((k) => lab.seek(k));
    await Promise.all(seeks);
    const report = await reportFor(299);
    expect(report).toEqual({ runId: report.runId, iteration: 299, ...gradientCheck(X, T, lab.viewedParams!) });
    expect(mismatch(packParams(lab.viewedParams!), numpyParams(299), 1e-9, 1e-12)).toBeNull();
    await diagramGradients(299);
    // nothing older lands afterwards
    await lab.seek(299);
    expect(table().report).toBe(report);

    await lab.seek(300);
    expect((await reportFor(300)).iteration).toBe(300);
    expect(lab.viewedIteration).toBe(300);
    // the last update, −ε·J + μ·V, is numpy's P_300 − P_299 (to rounding)
    await diagramGradients(300);
    await until(() => diagram().lastUpdate !== null, 'the last update at 300');
    const step = numpyParams(300).map((v, i) => v - numpyParams(299)[i]);
    expect(mismatch(packParams(diagram().lastUpdate!), step, 1e-6, 1e-12)).toBeNull();
  });
});

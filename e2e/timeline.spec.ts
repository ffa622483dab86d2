// The timeline on the demo page: seek, the scrubber by keyboard and pointer, branch, pinned runs
// and loadState of a shared network, with the numbers checked against numpy
// (test/fixtures/numpy/timeline.json: seed 1's tutorial run and its branch at 150). One page
// for the file: each test goes on from the last.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import timeline from '../test/fixtures/numpy/timeline.json' with { type: 'json' };
import { call, lab, prop, waitForState } from './support/lab';

test.describe.configure({ mode: 'serial' });

type Rows = number[][];
const flat = (p: { Wh: Rows; bh: Rows; Wo: Rows; bo: Rows }): number[] => [p.Wh, p.bh, p.Wo, p.bo].flat(2);

/** `viewedParams` packed (Wh, bh, Wo, bo). */
function viewedParams(page: Page): Promise<number[]> {
  return page.evaluate((selector) => {
    const p = (document.querySelector(selector) as unknown as { viewedParams: Record<string, { data: Float64Array }> })
      .viewedParams;
    return ['Wh', 'bh', 'Wo', 'bo'].flatMap((k) => Array.from(p[k].data));
  }, lab);
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]) + 1e-12));
}

async function expectNumpyAt(page: Page, iteration: number): Promise<void> {
  const point = timeline.seek.find((s) => s.iteration === iteration)!;
  expect(await prop<number>(page, 'viewedIteration')).toBe(iteration);
  expectClose(await viewedParams(page), flat(point.params));
}

let page: Page;

test.beforeAll(async ({ browser }) => {
  // a context of its own: axe needs one that Playwright made (not browser.newPage's)
  const context = await browser.newContext();
  page = await context.newPage();
  await page.goto('/');
  await waitForState(page, 'done');
});

test.afterAll(async () => {
  await page.context().close();
});

test('seek(k) shows the exact parameters of iteration k; seek(latest) returns to live', async () => {
  for (const k of [37, 1, 150, 0]) {
    await call(page, 'seek', k);
    await expectNumpyAt(page, k);
  }
  const readout = page.locator(lab).locator('[part="readout"]');
  await expect(readout).toContainText('iteration 0 ·');
  await call(page, 'seek', 300);
  await expectNumpyAt(page, 300);
  await expect(readout).toContainText('iteration 300 ·');
  await expect(page.locator(lab).getByRole('slider', { name: 'Iteration shown' })).toHaveAttribute(
    'aria-valuetext',
    'iteration 300 of 300 (latest)',
  );
  const error = await page.evaluate(
    (selector) =>
      (document.querySelector(selector) as unknown as { seek(k: number): Promise<void> }).seek(301).then(
        () => '',
        (e: Error) => e.message,
      ),
    lab,
  );
  expect(error).toBe('seek: iteration must be an integer from 0 to 300 (the latest); got 301');
});

test('the scrubber: keys and a pointer show iteration k everywhere', async () => {
  const slider = page.locator(lab).getByRole('slider', { name: 'Iteration shown' });
  await slider.focus();
  await slider.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  await expectNumpyAt(page, 0);
  await slider.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '1');
  await expectNumpyAt(page, 1);
  await slider.press('PageUp');
  await expect(slider).toHaveAttribute('aria-valuenow', '31');
  await slider.press('PageDown');
  await slider.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  await slider.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', '300');
  // the middle of the track is iteration 150
  const track = await page.locator(lab).locator('bp-timeline .track').boundingBox();
  await page.mouse.click(track!.x + track!.width / 2, track!.y + track!.height / 2);
  await expect(slider).toHaveAttribute('aria-valuenow', '150');
  await expect(page.locator(lab).locator('[part="readout"]')).toContainText('iteration 150 ·');
  await expectNumpyAt(page, 150);
  // dragging to the right end goes back to live
  await page.mouse.move(track!.x + track!.width / 2, track!.y + track!.height / 2);
  await page.mouse.down();
  await page.mouse.move(track!.x + track!.width + 4, track!.y + track!.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(slider).toHaveAttribute('aria-valuetext', 'iteration 300 of 300 (latest)');
});

test('branch at 150 keeps the dropped future pinned; new settings from there give numpy’s branched run', async () => {
  await call(page, 'seek', 150);
  await call(page, 'branch');
  expect(await prop<number>(page, 'iteration')).toBe(150);
  expect(await prop<string>(page, 'state')).toBe('paused');
  expect(await prop<number[]>(page, 'costs')).toHaveLength(151);
  const pinned = await prop<Array<{ label: string; costs: Float64Array }>>(page, 'pinnedRuns');
  expect(pinned).toHaveLength(1);
  expect(pinned[0].label).toBe('Before the branch at 150 (to 300)');
  await page.evaluate((selector) => {
    const el = document.querySelector(selector) as unknown as { learningRate: number; momentum: number };
    el.learningRate = 0.05;
    el.momentum = 0.5;
  }, lab);
  await call(page, 'start');
  await waitForState(page, 'done');
  const costs = await prop<number[]>(page, 'costs');
  expectClose(costs, timeline.branch.costs);
  expectClose(await viewedParams(page), flat(timeline.branch.final));
});

test('pinned runs: a legend on the cost curve, removable from the keyboard', async () => {
  expect((await call<{ label: string }>(page, 'pinRun', 'momentum 0.5 from 150')).label).toBe('momentum 0.5 from 150');
  const legend = page.locator(lab).locator('[part="legend"]');
  await expect(legend.getByRole('listitem')).toHaveText([
    /This run/,
    /Before the branch at 150/,
    /momentum 0\.5 from 150/,
  ]);
  const results = await new AxeBuilder({ page }).include(lab).analyze();
  expect(results.violations).toEqual([]);
  const remove = legend.getByRole('button', { name: 'Remove pinned run Before the branch at 150 (to 300)' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(legend.getByRole('listitem')).toHaveCount(2);
  const labels = await page.evaluate(
    (selector) =>
      (document.querySelector(selector) as unknown as { pinnedRuns: Array<{ label: string }> }).pinnedRuns.map(
        (p) => p.label,
      ),
    lab,
  );
  expect(labels).toEqual(['momentum 0.5 from 150']);
  await expect(page.locator(lab).getByRole('status').filter({ hasText: 'Removed the pinned run' })).toHaveCount(1);
});

test('loadState: a shared network of iteration 150 loads as numpy’s parameters of iteration 150', async () => {
  // the branched run's iteration 150 is the original run's (the branch only changed what came after)
  await call(page, 'seek', 150);
  await expectNumpyAt(page, 150);
  const text = await call<string>(page, 'shareState', { params: true });
  await call(page, 'seek', 0);
  await call(page, 'loadState', text);
  // a new run from those parameters, at iteration 0, with the shared settings
  expect(await prop<number>(page, 'iteration')).toBe(0);
  expect(await prop<number>(page, 'viewedIteration')).toBe(0);
  expect(await prop<string>(page, 'state')).toBe('idle');
  expectClose(await viewedParams(page), flat(timeline.seek.find((s) => s.iteration === 150)!.params));
  expect(await prop<number>(page, 'momentum')).toBe(0.5);
});

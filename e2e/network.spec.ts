// The network diagram inside <backprop-lab> (views="network …"): one step's gradients from the
// worker, the diagram's keyboard reach and its link to the hidden space, and axe with it shown.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { backpropGradients, notebookSetup, packParams } from '../src/core/index';
import type { Params } from '../src/core/types';
import { DEFAULT_CONFIG } from '../src/protocol/config-schema';
import { call, columnPage, lab, labsRendered } from './support/lab';

type Rows = { rows: number; cols: number; data: number[] };
type PlainParams = Record<keyof Params, Rows>;

/** The lab's `params` and `viewedGradients` as plain arrays (null until answered). */
function readViewed(page: Page) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector) as HTMLElementTagNameMap['backprop-lab'];
    const plain = (p: Params | null) =>
      p
        ? (Object.fromEntries(
            (['Wh', 'bh', 'Wo', 'bo'] as const).map((k) => [k, { ...p[k], data: Array.from(p[k].data) }]),
          ) as Record<keyof Params, { rows: number; cols: number; data: number[] }>)
        : null;
    return { params: plain(el.params), gradients: plain(el.viewedGradients), iteration: el.iteration };
  }, lab);
}

const toParams = (p: PlainParams): Params =>
  Object.fromEntries(Object.entries(p).map(([k, m]) => [k, { ...m, data: Float64Array.from(m.data) }])) as Params;

test('step(1): viewedGradients are backprop’s at the shown parameters; keyboard, hidden-space link, axe', async ({
  page,
}) => {
  await page.goto(columnPage(700, { views: 'network hidden-space' }));
  await labsRendered(page);
  await call(page, 'step', 1);
  await expect.poll(async () => (await readViewed(page)).gradients !== null).toBe(true);
  const viewed = await readViewed(page);
  expect(viewed.iteration).toBe(1);

  // the core's backpropGradients on the run's data (seed 1, the tutorial's circles) at those params
  const { X, T } = notebookSetup(DEFAULT_CONFIG.seed, DEFAULT_CONFIG);
  const expected = packParams(backpropGradients(X, T, toParams(viewed.params!)));
  const actual = packParams(toParams(viewed.gradients!));
  const scale = Math.max(...expected.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(1e-9 * scale);

  // the diagram got them: the details of a link say its gradient at iteration 1 and its last update
  const diagram = page.locator(lab).locator('bp-network');
  const link = diagram.getByRole('button', { name: 'Weight x₁ → h₁' });
  await link.focus();
  await expect(diagram.locator('.details')).toContainText(
    /gradient ∂ξ\/∂w = .+ at iteration 1; last update −ε·J \+ μ·V = /,
  );

  // the keyboard walks every item from the one tab stop; a hidden unit lights its axis
  await diagram.getByRole('button', { name: 'Input x₁' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(diagram.getByRole('button', { name: 'Hidden unit h₁' })).toBeFocused();
  const highlighted = () =>
    page.evaluate(
      (selector) =>
        (
          document.querySelector(selector)!.shadowRoot!.querySelector('bp-hidden-space') as unknown as {
            highlightedUnit?: number | null;
          }
        ).highlightedUnit,
      lab,
    );
  await expect.poll(highlighted).toBe(0);
  await page.keyboard.press('End');
  await expect(diagram.getByRole('button', { name: 'Bias of class 1' })).toBeFocused();
  await expect.poll(highlighted).toBeNull();
  await expect(diagram.locator('button.item')).toHaveCount(24);

  // a unit focused (its enlarged map shown) and the update marks drawn: no axe violations
  await diagram.getByRole('button', { name: 'Hidden unit h₂' }).focus();
  const results = await new AxeBuilder({ page }).include(lab).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // the public toDataURL reaches a unit's map
  const png = await call<string>(page, 'toDataURL', 'unit-1');
  expect(png.startsWith('data:image/png;base64,')).toBe(true);
});

// The demo page as a visitor sees it: <backprop-lab autoplay> with the tutorial's settings.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import seed1 from '../test/fixtures/numpy/seed-1.json' with { type: 'json' };
import { call, longTasks, prop, waitForState, watchLongTasks } from './support/lab';

test.describe('dashboard', () => {
  test('trains the tutorial network to 100% accuracy and matches numpy at iteration 300', async ({ page }) => {
    await page.goto('/');
    await waitForState(page, 'done');
    expect(await prop<number>(page, 'iteration')).toBe(300);
    expect(await prop<number>(page, 'accuracy')).toBe(1);
    const costs = await prop<number[]>(page, 'costs');
    expect(costs).toHaveLength(301);
    const expected = seed1.training.costs;
    for (const i of [0, 1, 150, 300]) {
      expect(Math.abs(costs[i] - expected[i])).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]));
    }
    const status = page.locator('backprop-lab').locator('[part="status"]');
    await expect(status).toContainText('Done');
    await expect(status).toContainText('100%');
    await expect(
      page.locator('backprop-lab').getByRole('status').filter({ hasText: 'Done at iteration 300' }),
    ).toHaveCount(1);
  });

  test('pause, step and reset', async ({ page }) => {
    await page.goto('/');
    await call(page, 'pause');
    await waitForState(page, 'paused');
    const at = await prop<number>(page, 'iteration');
    await call(page, 'step', 5);
    expect(await prop<number>(page, 'iteration')).toBe(at + 5);
    expect(await prop<string>(page, 'state')).toBe('paused');
    // the Step button steps one iteration
    await page.locator('backprop-lab').getByRole('button', { name: /^step/i }).click();
    await expect.poll(() => prop<number>(page, 'iteration')).toBe(at + 6);
    await page.locator('backprop-lab').getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => prop<number>(page, 'iteration')).toBe(0);
    expect(await prop<string>(page, 'state')).toBe('idle');
    expect((await prop<number[]>(page, 'costs')).length).toBe(1);
  });

  test('controls change the configuration and an invalid value shows its error', async ({ page }) => {
    await page.goto('/');
    await call(page, 'pause');
    const lab = page.locator('backprop-lab');
    const hidden = lab.getByLabel('Hidden units', { exact: true });
    await hidden.fill('5');
    await hidden.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('backprop-lab')!.config.hiddenUnits)).toBe(5);
    expect((await prop<{ Wh: { cols: number } }>(page, 'params')).Wh.cols).toBe(5);

    const lr = lab.getByLabel('Learning rate', { exact: true });
    await lr.fill('-1');
    await lr.press('Enter');
    await expect(lab.locator('[part~="error"]', { hasText: 'learningRate: -1 is not allowed' })).toBeVisible();
    await expect(lr).toHaveAttribute('aria-invalid', 'true');
    // the last good configuration is kept and still trains
    expect(await page.evaluate(() => document.querySelector('backprop-lab')!.config.learningRate)).toBe(0.02);
    await call(page, 'step', 3);
    expect(await prop<number>(page, 'iteration')).toBeGreaterThanOrEqual(3);

    // attributes go through the same schema
    await page.evaluate(() => document.querySelector('backprop-lab')!.setAttribute('momentum', 'lots'));
    await expect(lab.locator('[part~="error"]', { hasText: 'momentum: "lots" is not allowed' })).toBeVisible();
  });

  test('the gradient check finds no errors', async ({ page }) => {
    await page.goto('/');
    await waitForState(page, 'done');
    const lab = page.locator('backprop-lab');
    await lab.getByRole('button', { name: /run gradient check/i }).click();
    await expect(lab.getByText('No gradient errors found')).toBeVisible();
    await expect(lab.locator('[part="gradient-check"]').getByRole('row')).toHaveCount(18); // header + 17 entries
  });

  test('stays responsive while training at max speed', async ({ page }) => {
    await page.goto('/');
    await call(page, 'pause');
    // Start-up is not what this measures: creating a WebGL context and compiling shaders takes
    // one long task per view on software GL. Wait until both views have drawn, then watch.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const root = document.querySelector('backprop-lab')!.shadowRoot!;
          const views = [root.querySelector('bp-decision-map')!, root.querySelector('bp-hidden-space')!];
          return views.every((v) => v.backend === 'webgl' && v.drawCount > 0);
        }),
      )
      .toBe(true);
    await page.waitForTimeout(300);
    await watchLongTasks(page);
    await page.evaluate(async () => {
      const lab = document.querySelector('backprop-lab')!;
      lab.speed = 'max';
      lab.iterations = 20_000;
      await lab.start();
    });
    await waitForState(page, 'done', 60_000);
    const tasks = await longTasks(page);
    expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(50);
  });

  test('has no axe violations', async ({ page }) => {
    await page.goto('/');
    await waitForState(page, 'done');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('every control is reachable and labelled for keyboard users', async ({ page }) => {
    await page.goto('/');
    const lab = page.locator('backprop-lab');
    for (const label of [
      'Samples',
      'Noise',
      'Factor',
      'Hidden units',
      'Learning rate',
      'Momentum',
      'Iterations',
      'Init scale',
      'Seed',
    ]) {
      await expect(lab.getByLabel(label, { exact: true })).toBeVisible();
    }
    // Tab moves focus into the element's controls
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    expect(focused).toBe('backprop-lab');
  });
});

// The demo page as a visitor sees it: <backprop-lab autoplay> with the tutorial's settings.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import seed1 from '../test/fixtures/numpy/seed-1.json' with { type: 'json' };
import { call, lab, longTasksTrainingAtMaxSpeed, prop, waitForState } from './support/lab';

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
    const { tasks, frames } = await longTasksTrainingAtMaxSpeed(page);
    expect(Math.max(0, ...tasks), frames.join('\n')).toBeLessThanOrEqual(50);
  });

  test('has no axe violations', async ({ page }) => {
    await page.goto('/');
    await waitForState(page, 'done');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('every control is reachable and labelled for keyboard users', async ({ page }) => {
    await page.goto('/');
    // paused, the controls keep still: Play is not renamed Pause under the keyboard
    await call(page, 'pause');
    await waitForState(page, 'paused');
    const element = page.locator(lab);
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
      await expect(element.getByLabel(label, { exact: true })).toBeVisible();
    }

    // The settings come from the page's own labels (one per schema field, and the Max speed
    // toggle), so a new setting joins the walk without a test edit.
    const settings = await element.locator('[part~="field"] label').evaluateAll((labels) =>
      labels.map((label) => {
        const control = (label as HTMLLabelElement).control;
        const type = control instanceof HTMLInputElement ? control.type : control?.tagName.toLowerCase();
        return {
          role: type === 'select' ? 'combobox' : type === 'checkbox' ? 'checkbox' : 'textbox',
          name: label.textContent!.trim(),
        };
      }),
    );
    // today's eleven settings and the Max speed toggle; a new setting only adds to them
    expect(settings.length).toBeGreaterThanOrEqual(12);
    expect(settings.map((s) => s.name)).toEqual(expect.arrayContaining(['Data', 'Seed', 'Speed', 'Max speed']));
    type Stop = {
      role: 'button' | 'textbox' | 'combobox' | 'checkbox' | 'application' | 'group' | 'radio' | 'slider';
      name: string | RegExp;
    };
    const stops: Stop[] = [
      { role: 'button', name: 'Play' },
      { role: 'button', name: 'Step' },
      { role: 'button', name: 'Reset' },
      { role: 'button', name: 'Share' },
      ...(settings as Stop[]),
      { role: 'button', name: 'Import data…' },
      { role: 'button', name: 'Download CSV' },
      { role: 'button', name: 'Download JSON' },
      { role: 'application', name: /^Samples on the decision map/ },
      // the decision map's point editor and its class picker (one stop; Undo, Redo disabled)
      { role: 'application', name: 'Edit the data points' },
      { role: 'radio', name: 'class 0' },
      { role: 'application', name: /^Hidden layer:/ },
      { role: 'checkbox', name: 'Plane' },
      { role: 'checkbox', name: 'Grid' },
      { role: 'button', name: 'Reset view' },
      { role: 'button', name: 'Log scale' },
      { role: 'button', name: 'Per sample' },
      { role: 'group', name: /^Cost per iteration/ },
      { role: 'button', name: 'Run gradient check' },
      // the timeline under the views
      { role: 'slider', name: 'Iteration shown' },
      { role: 'button', name: 'Play back' },
      { role: 'combobox', name: 'Play-back speed, iterations a frame' },
      { role: 'button', name: 'Branch here' },
      { role: 'button', name: 'Pin run' },
    ];
    const at = (k: number) => element.getByRole(stops[k].role, { name: stops[k].name, exact: true });

    // Tab from the top of the page moves focus into the element's controls (nothing in it comes
    // before Play), then through each one in order
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    expect(focused).toBe('backprop-lab');
    for (let k = 0; k < stops.length; k++) {
      if (k > 0) await page.keyboard.press('Tab');
      await expect(
        at(k),
        `Tab stop ${k + 1} of ${stops.length}: ${stops[k].role} ${String(stops[k].name)}`,
      ).toBeFocused();
    }
    // the last control was the last stop: one more Tab leaves the element
    await page.keyboard.press('Tab');
    await expect(element).not.toBeFocused();

    // Shift+Tab walks back through the same stops, to Play
    for (let k = stops.length - 1; k >= 0; k--) {
      await page.keyboard.press('Shift+Tab');
      await expect(
        at(k),
        `Shift+Tab stop ${k + 1} of ${stops.length}: ${stops[k].role} ${String(stops[k].name)}`,
      ).toBeFocused();
    }
  });
});

// Sharing on the demo page (which has url-state): the state restored from the URL on load and
// kept there after a change, a link to a trained network copied from the Share menu and opened
// in a new page (loadState through the hash), a file downloaded, a bad link refused.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { call, lab, prop, waitForState } from './support/lab';

const config = (page: Page) => page.evaluate(() => document.querySelector('backprop-lab')!.config);

test.describe('sharing', () => {
  test('restores the URL state on load, keeps it after a change, and opens a copied link to a network', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/#lab=v1~h_5~lr_0.05~i_150');
    await waitForState(page, 'done');
    expect(await config(page)).toMatchObject({ hiddenUnits: 5, learningRate: 0.05, iterations: 150 });
    expect(await prop<number>(page, 'iteration')).toBe(150);

    // A change through the controls reaches the hash (replaced, no history entry).
    const el = page.locator(lab);
    const entries = await page.evaluate(() => history.length);
    const hidden = el.getByLabel('Hidden units', { exact: true });
    await hidden.fill('4');
    await hidden.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#lab=v1~h_4~lr_0.05~i_150');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await call(page, 'start');
    await waitForState(page, 'done');

    // Share → Copy link with this network, then open the link in a new page.
    await el.getByRole('button', { name: 'Share' }).click();
    expect((await new AxeBuilder({ page }).include(lab).analyze()).violations).toEqual([]);
    await el.getByRole('button', { name: 'Copy link with this network' }).click();
    await expect(el.getByRole('status').filter({ hasText: 'copied' })).toHaveCount(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#lab=v1~h_4~lr_0\.05~i_150~P_[A-Za-z0-9_-]+$/);
    const params = await call<string>(page, 'exportParams');

    const other = await context.newPage();
    await other.goto(link);
    // The page loads the link's state after its own start-up: wait for the very same network.
    const shown = () =>
      other.evaluate(() => {
        const el = document.querySelector('backprop-lab');
        return el?.params ? el.exportParams() : null;
      });
    await expect.poll(shown).toBe(params);
    expect(await prop<number>(other, 'iteration')).toBe(0);
    expect(await prop<string>(other, 'state')).toBe('idle');
    expect(await config(other)).toMatchObject({ hiddenUnits: 4, learningRate: 0.05, iterations: 150 });
    await other.close();

    // Share → Costs (CSV) downloads the costs.
    await el.getByRole('button', { name: 'Share' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      el.getByRole('button', { name: 'Costs (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('backprop-lab-costs.csv');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('iteration,cost');
    expect(lines).toHaveLength(152);
  });

  test('a link the page cannot load is reported, and the element trains its own settings', async ({ page }) => {
    const errors: string[] = [];
    await page.exposeFunction('__bpError', (message: string) => errors.push(message));
    await page.addInitScript(() => {
      document.addEventListener('bp-error', (e) => {
        (window as unknown as { __bpError: (m: string) => void }).__bpError(
          (e as CustomEvent<{ message: string }>).detail.message,
        );
      });
    });
    await page.goto('/#lab=v1~h_999');
    await waitForState(page, 'done');
    expect(await prop<number>(page, 'iteration')).toBe(300);
    expect(errors).toEqual([
      'The state in the URL was not loaded: shared state, hiddenUnits: "999" is not allowed; expected an integer from 1 to 64',
    ]);
  });
});

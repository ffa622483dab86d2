// Worker lifecycle as the browser sees it: Playwright lists the page's live workers.
import { expect, test } from '@playwright/test';

test('creating and disposing 50 clients leaves no worker behind', async ({ page }) => {
  await page.goto('/e2e/fixtures/clients.html');
  await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  await page.evaluate(async () => {
    const clients = Array.from({ length: 50 }, () => new window.TrainerClient());
    (window as unknown as { clients: unknown[] }).clients = clients;
    await Promise.all(clients.map((c, i) => c.configure({ seed: i })));
  });
  await expect.poll(() => page.workers().length).toBe(50);
  await page.evaluate(() => {
    for (const c of (window as unknown as { clients: Array<{ dispose(): void }> }).clients) c.dispose();
  });
  await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
});

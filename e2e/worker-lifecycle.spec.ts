// Worker lifecycle as the browser sees it: Playwright lists the page's live workers.
import { expect, test, type Page } from '@playwright/test';
import { call, prop } from './support/lab';

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

/** The page's workers, as the browser would end a crashed one: `terminate()` (before any script). */
function recordWorkers(): void {
  const Real = window.Worker;
  const record = window as unknown as { workers: Worker[]; sent: string[] };
  record.workers = [];
  record.sent = [];
  window.Worker = class extends Real {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      record.workers.push(this);
    }

    // Comlink's calls, by method name, so a test knows a call has left for the worker.
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const path = (message as { path?: unknown } | null)?.path;
      if (Array.isArray(path)) record.sent.push(path.join('.'));
      super.postMessage(message, transfer as Transferable[]);
    }
  };
}

/**
 * The largest network the settings allow, training at full speed. The learning rate is the
 * tutorial's 0.02 per 100 points scaled to 10,000 (the cost is summed over the points): at 0.02
 * itself this run (seed 1) diverges at iteration 77, about a second in, and the test would race
 * that divergence instead of watching a worker that keeps training.
 */
async function trainLargest(page: Page): Promise<void> {
  await page.addInitScript(recordWorkers);
  await page.goto('/');
  await page.evaluate(async () => {
    const el = document.querySelector('backprop-lab')!;
    Object.assign(el, { samples: 10_000, hiddenUnits: 64, learningRate: 0.0002, speed: 'max', iterations: 10_000_000 });
    await el.start();
  });
  await expect.poll(() => prop<number>(page, 'iteration')).toBeGreaterThan(0);
  expect(await prop<string>(page, 'state')).toBe('running');
}

/**
 * Terminates the element's worker and waits, at most 3 s from that call, for the element to
 * say so: `bp-state-change` to `error` and `bp-error`. Returns what it heard and how long after.
 */
function terminateAndWatch(page: Page) {
  return page.evaluate(async () => {
    const el = document.querySelector('backprop-lab')!;
    const record = window as unknown as { workers: Worker[] };
    let message = '';
    el.addEventListener('bp-error', (e) => (message = e.detail.message), { once: true });
    const errorState = new Promise<number>((resolve) =>
      el.addEventListener('bp-state-change', (e) => {
        if (e.detail.state === 'error') resolve(performance.now());
      }),
    );
    const start = performance.now();
    record.workers.at(-1)!.terminate();
    const at = await Promise.race([errorState, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]);
    return { noticedAfterMs: at === null ? null : at - start, message, state: el.state };
  });
}

/** The element trains again on a fresh worker after `reset()` and `start()`. */
async function expectRecovery(page: Page): Promise<void> {
  const workersBefore = await page.evaluate(() => (window as unknown as { workers: Worker[] }).workers.length);
  await call(page, 'reset');
  expect(await prop<string>(page, 'state')).toBe('idle');
  expect(await prop<number>(page, 'iteration')).toBe(0);
  await call(page, 'start');
  await expect.poll(() => prop<number>(page, 'iteration')).toBeGreaterThan(0);
  expect(await prop<string>(page, 'state')).toBe('running');
  expect(await page.evaluate(() => (window as unknown as { workers: Worker[] }).workers.length)).toBe(
    workersBefore + 1,
  );
  expect(await prop<{ hiddenUnits: number; samples: number }>(page, 'config')).toMatchObject({
    hiddenUnits: 64,
    samples: 10_000,
  });
}

test.describe('a terminated worker at the largest network', () => {
  test('is noticed within 3 s mid-run, and reset() and start() recover', async ({ page }) => {
    await trainLargest(page);
    const seen = await terminateAndWatch(page);
    expect(seen.noticedAfterMs, 'bp-state-change to error within 3 s of terminate()').not.toBeNull();
    expect(seen).toMatchObject({ state: 'error', message: expect.stringMatching(/stopped responding/) });
    await expectRecovery(page);
  });

  test('is noticed within 3 s mid-gradient-check, and reset() and start() recover', async ({ page }) => {
    await trainLargest(page);
    await page.evaluate(() => {
      const el = document.querySelector('backprop-lab')!;
      const w = window as unknown as { check: Promise<string> };
      w.check = el.gradientCheck().then(
        () => 'finished',
        (err: Error) => err.message,
      );
    });
    // The check has left for the worker and training went on since: the worker is at it (a
    // check of this network takes seconds, in slices between the training's).
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { sent: string[] }).sent.includes('gradientCheck')))
      .toBe(true);
    const iteration = await prop<number>(page, 'iteration');
    await expect.poll(() => prop<number>(page, 'iteration')).toBeGreaterThan(iteration);

    const seen = await terminateAndWatch(page);
    expect(seen.noticedAfterMs, 'bp-state-change to error within 3 s of terminate()').not.toBeNull();
    expect(seen).toMatchObject({ state: 'error', message: expect.stringMatching(/stopped responding/) });
    expect(await page.evaluate(() => (window as unknown as { check: Promise<string> }).check)).toMatch(
      /stopped responding/,
    );
    await expectRecovery(page);
  });
});

// The built library as embedders use it: plain HTML with no bundler, from another origin,
// under a strict CSP, several instances, frameworks, and the README's snippets.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { prop, waitForState } from './support/lab';

const SITE = 'http://127.0.0.1:4180';
const CDN = 'http://127.0.0.1:4181';

type Lab = HTMLElementTagNameMap['backprop-lab'];

/** The README's plain-HTML snippet, served by the static server with its CDN pointed at `bundleOrigin`. */
const snippetUrl = (bundleOrigin: string): string =>
  `${SITE}/__snippet/plain.html?bundle=${encodeURIComponent(bundleOrigin)}`;

test.describe('library build', () => {
  test('a plain HTML page loads the bundle from its own origin and trains', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.goto(snippetUrl(SITE));
    await waitForState(page, 'done');
    expect(await prop<number>(page, 'accuracy')).toBe(1);
    expect(logs).toContain('done at iteration 300: accuracy 1');
  });

  test('the bundle served from another origin (a CDN) works', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.goto(snippetUrl(CDN));
    await waitForState(page, 'done');
    expect(logs).toContain('done at iteration 300: accuracy 1');
  });

  test('a strict CSP (no eval, no inline, no blob:) works with the same-origin worker', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await page.goto(`${SITE}/e2e/fixtures/csp-strict.html`);
    await waitForState(page, 'done');
    expect(await prop<number>(page, 'accuracy')).toBe(1);
    // every view still shows the run (drawn on the CPU where WebGL code generation is blocked)
    for (const view of ['decision-map', 'hidden-space', 'cost-curve'] as const) {
      const url = await page.evaluate((v) => document.querySelector('backprop-lab')!.toDataURL(v), view);
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      expect(url.length).toBeGreaterThan(2000);
    }
    expect(violations.filter((v) => /Content Security Policy/i.test(v) && !/unsafe-eval/.test(v))).toEqual([]);
  });

  test('from a CDN under CSP with the documented worker-src blob:', async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/csp-cdn.html`);
    await waitForState(page, 'done');
  });

  test('worker-url: a self-hosted worker copy works; another origin is refused with a clear error', async ({
    page,
  }) => {
    await page.goto(`${SITE}/e2e/fixtures/two.html`);
    const result = await page.evaluate(async (cdn) => {
      const own = document.createElement('backprop-lab');
      own.setAttribute('worker-url', '/dist/trainer.worker.js'); // a copy on the page's origin
      own.setAttribute('speed', 'max');
      document.body.append(own);
      await own.start();
      const ownResult = await own.whenFinished();

      const foreign = document.createElement('backprop-lab');
      foreign.setAttribute('worker-url', `${cdn}/dist/cdn/trainer.worker.js`);
      const errors: string[] = [];
      foreign.addEventListener('bp-error', (e) => errors.push(e.detail.message));
      document.body.append(foreign);
      const foreignResult = await foreign.whenFinished();
      return { own: ownResult.state, foreign: foreignResult.state, message: foreignResult.error, errors };
    }, CDN);
    expect(result.own).toBe('done');
    expect(result.foreign).toBe('error');
    expect(result.message).toMatch(/worker-url: must be on this page's origin \(http:\/\/127\.0\.0\.1:4180\)/);
    expect(result.errors).toHaveLength(1);
    await expect(page.getByRole('alert').filter({ hasText: 'worker-url' })).toBeVisible();
  });

  test('the built demo site works from a static path', async ({ page }) => {
    await page.goto(`${SITE}/dist-demo/`);
    await waitForState(page, 'done');
    expect(await prop<number>(page, 'accuracy')).toBe(1);
  });

  test('the page bundles compile eagerly and make no Intl format at load (start-up)', async ({ page, request }) => {
    // V8's compile hint leads every page chunk of the demo and the CDN bundle (vite.config.ts);
    // uPlot's Intl formats wait for a first use that never comes (the chart writes its own ticks)
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script' && !response.url().includes('worker')) {
        scripts.push(response.url());
      }
    });
    await page.addInitScript(() => {
      for (const name of ['NumberFormat', 'DateTimeFormat'] as const) {
        const Made = Intl[name];
        Object.defineProperty(Intl, name, {
          configurable: true,
          value: new Proxy(Made, {
            construct(target, args: unknown[]) {
              (globalThis as unknown as { intlMade?: string[] }).intlMade ??= [];
              (globalThis as unknown as { intlMade: string[] }).intlMade.push(name);
              return Reflect.construct(target, args) as object;
            },
          }),
        });
      }
    });
    await page.goto(`${SITE}/dist-demo/`);
    await waitForState(page, 'done');
    await page.evaluate(() => document.querySelector('backprop-lab')!.updateComplete);
    expect(await page.evaluate(() => (globalThis as unknown as { intlMade?: string[] }).intlMade ?? [])).toEqual([]);
    expect(scripts.some((url) => /uplot-cost-plot/.test(url))).toBe(true);
    for (const url of [...scripts, `${CDN}/dist/cdn/backprop-lab.js`]) {
      expect((await (await request.get(url)).text()).startsWith('//# allFunctionsCalledOnLoad\n'), url).toBe(true);
    }
  });

  test('two instances with different settings train independently', async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/two.html`);
    await page.evaluate(async () => {
      const [a, b] = Array.from(document.querySelectorAll('backprop-lab'));
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.whenFinished(), b.whenFinished()]);
    });
    const summary = await page.evaluate(() =>
      Array.from(document.querySelectorAll('backprop-lab')).map((el) => ({
        iteration: el.iteration,
        hidden: el.params!.Wh.cols,
        seed: el.config.seed,
        cost: el.cost,
      })),
    );
    expect(summary[0]).toMatchObject({ iteration: 300, hidden: 3, seed: 1 });
    expect(summary[1]).toMatchObject({ iteration: 500, hidden: 5, seed: 0 });
    expect(summary[0].cost).not.toBe(summary[1].cost);
    expect(page.workers()).toHaveLength(2);
  });

  test('removing an element ends its worker after a delay; moving it keeps the run; re-adding works', async ({
    page,
  }) => {
    await page.goto(`${SITE}/e2e/fixtures/two.html`);
    await expect.poll(() => page.workers().length).toBe(2);
    // #a's shown iterations, recorded from before the move on
    const progressOfA = () => page.evaluate(() => (window as unknown as { progressA: number[] }).progressA);
    // move #a within the DOM while it trains: same run, not restarted
    const { before, shown } = await page.evaluate(async () => {
      const a = document.querySelector<Lab>('#a')!;
      const seen: number[] = [];
      (window as unknown as { progressA: number[] }).progressA = seen;
      a.addEventListener('bp-progress', (e) => seen.push(e.detail.iteration));
      a.iterations = 100_000;
      a.speed = 200;
      await a.start();
      // well under way: a run started afresh would show fewer iterations than this for a while
      await new Promise<void>((resolve) => {
        const onProgress = (e: CustomEvent<{ iteration: number }>): void => {
          if (e.detail.iteration < 50) return;
          a.removeEventListener('bp-progress', onProgress);
          resolve();
        };
        a.addEventListener('bp-progress', onProgress);
      });
      const iteration = a.iteration;
      document.getElementById('right')!.append(a);
      return { before: iteration, shown: seen.length };
    });
    // a later batch goes beyond where it was moved
    await expect.poll(async () => (await progressOfA()).at(-1)).toBeGreaterThan(before);
    const moved = await page.evaluate(() => document.querySelector<Lab>('#a')!.iteration);
    expect(moved).toBeGreaterThan(before);
    expect(page.workers()).toHaveLength(2);
    // remove #b: its worker ends after the grace period
    await page.evaluate(() => {
      const b = document.querySelector<Lab>('#b')!;
      (window as unknown as { removedB: Lab }).removedB = b;
      b.remove();
    });
    await expect.poll(() => page.workers().length, { timeout: 5000 }).toBe(1);
    // #b was removed after #a moved and has the same grace period: had the move armed #a's
    // disposal, #a's worker would have ended by now. #a's run goes on: a new batch, further on.
    const shownBeforeGrace = (await progressOfA()).length;
    await expect.poll(async () => (await progressOfA()).length).toBeGreaterThan(shownBeforeGrace);
    // one run throughout: the iterations #a showed, before and since the move, never went back
    const progress = await progressOfA();
    expect(progress.length).toBeGreaterThan(shown);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBeGreaterThan(moved);
    // add the very same element back, after its worker has gone: it keeps its settings
    const readded = await page.evaluate(async () => {
      const b = document.querySelector<Lab>('#b') ?? (window as unknown as { removedB: Lab }).removedB;
      document.getElementById('left')!.append(b);
      await b.start();
      const result = await b.whenFinished();
      return { state: result.state, iteration: b.iteration, hidden: b.params!.Wh.cols, seed: b.config.seed };
    });
    expect(readded).toEqual({ state: 'done', iteration: 500, hidden: 5, seed: 0 });
    expect(page.workers()).toHaveLength(2);
    // and a new element works too
    await page.evaluate(async () => {
      const el = document.createElement('backprop-lab');
      el.id = 'c';
      el.setAttribute('speed', 'max');
      el.setAttribute('iterations', '50');
      document.body.append(el);
      await el.start();
      await el.whenFinished();
    });
    expect(await page.evaluate(() => document.querySelector<Lab>('#c')!.iteration)).toBe(50);
  });

  test('fires the bp-* events with the documented details', async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/two.html`);
    const events = await page.evaluate(async () => {
      const a = document.querySelector<Lab>('#a')!;
      const seen: Array<{ type: string; detail: unknown; composed: boolean; bubbles: boolean }> = [];
      for (const type of ['bp-progress', 'bp-state-change', 'bp-done', 'bp-diverged', 'bp-error']) {
        // listen on the document: the events bubble out of the shadow root
        document.addEventListener(type, (e) => {
          if (e.target !== a) return;
          const { detail, composed, bubbles } = e as CustomEvent;
          seen.push({ type, detail, composed, bubbles });
        });
      }
      await a.start();
      await a.whenFinished();
      // the host changing a setting fires nothing back at it (done → paused happens silently)
      a.iterations = 400;
      await a.pause(); // settles once the change is applied; paused → paused changes nothing
      if (a.state !== 'paused') throw new Error(`expected paused, got ${a.state}`);
      a.learningRate = 5;
      a.iterations = 1000;
      await a.reset();
      await a.start();
      await a.whenFinished();
      return seen;
    });
    const progress = events.filter((e) => e.type === 'bp-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].detail).toEqual({
      iteration: expect.any(Number),
      cost: expect.any(Number),
      accuracy: expect.any(Number),
    });
    expect(events.every((e) => e.composed && e.bubbles)).toBe(true);
    const done = events.find((e) => e.type === 'bp-done')!;
    expect(done.detail).toMatchObject({ iteration: 300, accuracy: 1 });
    const states = events.filter((e) => e.type === 'bp-state-change').map((e) => (e.detail as { state: string }).state);
    expect(states).toEqual(expect.arrayContaining(['running', 'done', 'idle', 'diverged']));
    expect(states).not.toContain('paused');
    const diverged = events.find((e) => e.type === 'bp-diverged')!;
    expect((diverged.detail as { iteration: number }).iteration).toBeGreaterThan(0);
  });

  test('toDataURL returns a PNG of each view', async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/two.html`);
    const sizes = await page.evaluate(async () => {
      const a = document.querySelector<Lab>('#a')!;
      await a.start();
      await a.whenFinished();
      const out: number[] = [];
      for (const view of ['decision-map', 'hidden-space', 'cost-curve'] as const)
        out.push((await a.toDataURL(view)).length);
      return out;
    });
    for (const size of sizes) expect(size).toBeGreaterThan(2000);
  });

  test("the README's React snippet works", async ({ page }) => {
    await page.goto('/e2e/fixtures/react.html');
    await expect(page.getByText('Accuracy: 100%')).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => document.querySelector('backprop-lab')!.params!.Wh.cols)).toBe(4);
  });

  test("the README's Vue snippet works", async ({ page }) => {
    await page.goto('/e2e/fixtures/vue.html');
    await expect(page.getByText('Accuracy: 100%')).toBeVisible({ timeout: 30_000 });
  });

  test('TypeScript apps get typed elements, events and ./core (nodenext resolution)', () => {
    // throws with the compiler's messages if the published declarations do not type-check
    execFileSync('npx', ['tsc', '-p', 'e2e/fixtures/consumer'], { encoding: 'utf8', stdio: 'pipe' });
  });

  test("the README's ./core example runs in Node through the package's exports", () => {
    const out = execFileSync('node', ['e2e/fixtures/snippets/core.mjs'], { encoding: 'utf8' });
    expect(out).toContain('No gradient errors found');
    expect(out).toMatch(/cost 69\.47 → 0\.38\d\d, accuracy 1/);
  });
});

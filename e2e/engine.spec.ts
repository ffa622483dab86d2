// The training engine under Content-Security-Policies, as deployments set them. WebAssembly
// compiles where the worker's policy allows 'wasm-unsafe-eval' (or has no policy). Which policy
// is the worker's: a blob: worker (the bundle from a CDN) inherits the page's; a same-origin
// worker script runs under the CSP header its own response carries (a page's <meta> policy never
// reaches it). `auto` falls back to JS and says why; an explicit `engine="wasm"` is a rejected
// setting, and the last good run goes on.
import { expect, test, type Page } from '@playwright/test';
import { call, prop, waitForState } from './support/lab';

const SITE = 'http://127.0.0.1:4180';
/** csp-strict.html's policy */
const STRICT =
  "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

type Lab = HTMLElementTagNameMap['backprop-lab'];

interface EngineReport {
  active: Lab['activeEngine'];
  /** the status line's engine item, as read (visible text and the screen-reader text) */
  text: string;
  title: string;
  live: string | null;
}

/** Serves every file of the page's origin with `policy` as its Content-Security-Policy header. */
async function serveWithCsp(page: Page, policy: string): Promise<void> {
  await page.context().route(`${SITE}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
}

/** Waits for the worker's first run, trains it to the end and reads what the element says of its engine. */
async function trainAndReport(page: Page): Promise<EngineReport> {
  await expect.poll(() => prop<string | null>(page, 'activeEngine')).not.toBeNull();
  await call(page, 'start');
  await waitForState(page, 'done');
  expect(await prop<number>(page, 'accuracy')).toBe(1);
  return page.evaluate(() => {
    const lab = document.querySelector('backprop-lab')!;
    const item = lab.shadowRoot!.querySelector<HTMLElement>('[part~="status"] .engine')!;
    return {
      active: lab.activeEngine,
      text: item.textContent!.replace(/\s+/g, ' ').trim(),
      title: item.title,
      live: item.getAttribute('aria-live'),
    };
  });
}

const BLOCKED = /WebAssembly compilation was refused \(a Content-Security-Policy without 'wasm-unsafe-eval'/;

test.describe('training engine under CSP', () => {
  test("from a CDN (blob: worker) without 'wasm-unsafe-eval': auto falls back to JS and says why", async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/csp-cdn-no-wasm.html`);
    const report = await trainAndReport(page);
    expect(report.active).toBe('js');
    expect(report.text).toMatch(/^JS \(fallback\): /);
    expect(report.text).toMatch(BLOCKED);
    expect(report.title).toMatch(BLOCKED);
    expect(report.live).toBe('polite');
    // a fallback is no error
    expect(await prop<Record<string, string>>(page, 'configErrors')).toEqual({});
  });

  test('engine="wasm" where it is blocked: a named error for the setting, and the run goes on in JS', async ({
    page,
  }) => {
    await page.goto(`${SITE}/e2e/fixtures/csp-cdn-no-wasm.html`);
    await expect.poll(() => prop<string | null>(page, 'activeEngine')).toBe('js');
    // as a reader would: the Engine control (generated from the schema row)
    await page.locator('backprop-lab #field-engine').selectOption('wasm');
    await expect
      .poll(async () => (await prop<Record<string, string>>(page, 'configErrors')).engine)
      .toMatch(/^engine: "wasm" is not allowed; expected "auto" or "js" \(the WebAssembly engine cannot run here: /);
    const message = (await prop<Record<string, string>>(page, 'configErrors')).engine;
    expect(message).toMatch(BLOCKED);
    // beside its field, as any rejected setting
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.locator('backprop-lab #field-engine')).toHaveAttribute('aria-invalid', 'true');
    const report = await trainAndReport(page);
    expect(report.active).toBe('js');
  });

  test("from a CDN with 'wasm-unsafe-eval': auto takes WebAssembly", async ({ page }) => {
    await page.goto(`${SITE}/e2e/fixtures/csp-cdn-wasm.html`);
    const report = await trainAndReport(page);
    expect(report.active).toBe('wasm');
    expect(report.text).toBe('WebAssembly');
    expect(report.title).toBe('');
  });

  test('same-origin worker: the CSP header on its script decides, with or without wasm-unsafe-eval', async ({
    page,
  }) => {
    await serveWithCsp(page, STRICT);
    await page.goto(`${SITE}/e2e/fixtures/csp-header.html`);
    const blocked = await trainAndReport(page);
    expect(blocked.active).toBe('js');
    expect(blocked.title).toMatch(BLOCKED);

    await page.context().unrouteAll({ behavior: 'wait' });
    await serveWithCsp(page, STRICT.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"));
    await page.reload();
    const allowed = await trainAndReport(page);
    expect(allowed.active).toBe('wasm');
  });

  test("a page's <meta> policy does not reach a same-origin worker: csp-strict.html trains on WebAssembly", async ({
    page,
  }) => {
    // Served with no header, as the static server does; the page's own policy lacks 'wasm-unsafe-eval'.
    await page.goto(`${SITE}/e2e/fixtures/csp-strict.html`);
    await waitForState(page, 'done');
    expect(await prop<string>(page, 'activeEngine')).toBe('wasm');
  });
});

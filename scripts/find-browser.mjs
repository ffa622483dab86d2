// Finds the Chromium that every browser suite drives (Vitest browser mode, Playwright Test, benches).
// Order: $CHROMIUM_PATH, then a Chromium that `npx playwright install chromium` put in
// Playwright's cache, then Debian's /usr/bin/chromium. Nothing is ever downloaded.
// `node scripts/find-browser.mjs --check` exits non-zero with the fix when none is found, so
// `npm test` fails loudly instead of silently skipping the browser suites.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

const FIX =
  'No Chromium found for the browser tests. Install one of:\n' +
  '  - Debian/Ubuntu: apt-get install -y chromium   (used as /usr/bin/chromium)\n' +
  '  - anywhere:      npx playwright install chromium\n' +
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.';

/** @returns {string | undefined} an executable path, or undefined for "Playwright's own browser" */
export function findBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.\n${FIX}`);
    return fromEnv;
  }
  let bundled;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return bundled;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(p)) return p;
  }
  throw new Error(FIX);
}

/** Flags for a root user in a container with no network (see README, "How the tests find a browser"). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
];

/**
 * With chromiumArgs, headless Chromium composites the page on SwiftShader too: 38–44 ms of GPU
 * process for every frame that changes (bench/diag), whatever the page draws, so no frame
 * budget can be met and the frame figures measure the compositor. With this flag it composites
 * in software, as Chromium does on a machine without a usable GPU: the frame interval is then
 * the page's own, but a WebGL view's copy onto its 2-D canvas waits for its raster on the main
 * thread (which GPU compositing does not; the views then show their training frames once the
 * GPU has run them, src/render/canvas/deferred-present.ts). The benches whose figures are frame intervals run
 * in both (scripts/bench.mjs); the tests run with chromiumArgs alone, but for the Playwright
 * project `software-compositing` (playwright.config.ts), which adds this flag.
 */
export const SOFTWARE_COMPOSITING = '--disable-gpu-compositing';

if (process.argv.includes('--check')) {
  try {
    console.log(`browser: ${findBrowser()}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

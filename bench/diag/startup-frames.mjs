// Prints the start-up bench's long animation frames (bench/startup.browser.ts keeps them on
// window.__startupFrames) with their scripts, for finding what a long frame holds:
//   flock /tmp/browser.lock node bench/diag/startup-frames.mjs [minScriptMs=20]
// The built page (as `npm run bench` loads it); DEV=1: the dev server's (unbundled, regl's debug build).
// ARGS_EXTRA=--disable-gpu-compositing: composited in software (the bench's second mode).
// BROWSERS=n: n fresh browsers one after another (n cold loads), then each load's longest frame
// script time (ms), cold loads and reloads apart, sorted. NO_BUILD=1: the page built already.
import { buildBenchPages, startBenchServer } from '../../scripts/served-as-built.mjs';
import { chromium } from 'playwright';
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';

const min = Number(process.argv[2] ?? 20);
const dev = Boolean(process.env.DEV);
const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
const browsers = Number(process.env.BROWSERS ?? 1);
if (!dev && !process.env.NO_BUILD) await buildBenchPages();
const { server, port } = await startBenchServer();
const longest = { cold: [], reload: [] };
try {
  for (let b = 0; b < browsers; b++) {
    const browser = await chromium.launch({ executablePath: findBrowser(), args: [...chromiumArgs, ...extra] });
    try {
      await onePage(browser);
    } finally {
      await browser.close();
    }
  }
  if (browsers > 1) {
    const sorted = (list) =>
      list
        .sort((a, b) => a - b)
        .map((ms) => ms.toFixed(0))
        .join(' ');
    console.log(`\nlongest frame script, cold loads (ms): ${sorted(longest.cold)}`);
    console.log(`longest frame script, reloads (ms): ${sorted(longest.reload)}`);
  }
} finally {
  await server.close();
}

async function onePage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  await page.goto(
    `http://127.0.0.1:${port}/bench/index.html?only=startup${dev ? '' : '&startup=/dist-bench/bench/startup.html'}`,
  );
  await page.waitForFunction(() => globalThis.__benchResults || globalThis.__benchError, null, { timeout: 300_000 });
  const error = await page.evaluate(() => globalThis.__benchError);
  if (error) throw new Error(error);
  const loads = await page.evaluate(() => globalThis.__startupFrames);
  const results = await page.evaluate(() => globalThis.__benchResults.startup);
  loads.forEach((frames, k) => {
    (k === 0 ? longest.cold : longest.reload).push(Math.max(0, ...frames.map((f) => f.script)));
    console.log(`\nload ${k}`);
    const t0 = frames[0]?.start ?? 0;
    for (const f of frames) {
      if (f.script < min) continue;
      console.log(
        `  +${(f.start - t0).toFixed(0)} ms (at ${f.start.toFixed(0)}): frame ${f.duration.toFixed(0)} ms, script ${f.script.toFixed(0)} ms`,
      );
      for (const s of f.scripts) console.log(`      ${s}`);
    }
  });
  if (browsers === 1) console.table(results);
}

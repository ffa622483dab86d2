// `npm run bench`: the core benchmark in Node, then the browser benchmarks (streaming,
// rendering, cost curve) in headless Chromium. Prints tables; writes bench/results/*.json.
// A benchmark, not a test: it asserts nothing and never runs in CI's test command.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, findBrowser } from './find-browser.mjs';

const only = process.argv
  .slice(2)
  .find((a) => a.startsWith('--only='))
  ?.slice(7);
mkdirSync('bench/results', { recursive: true });

if (!only || only.split(',').includes('core')) {
  const core = spawnSync('npx', ['tsx', 'bench/core.ts'], { stdio: 'inherit' });
  if (core.status !== 0) process.exit(core.status ?? 1);
}

const browserSuites = only
  ? only
      .split(',')
      .filter((s) => s !== 'core')
      .join(',')
  : '';
if (only && !browserSuites) process.exit(0);

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const address = server.httpServer.address();
const url = `http://127.0.0.1:${address.port}/bench/index.html${browserSuites ? `?only=${browserSuites}` : ''}`;
const browser = await chromium.launch({ executablePath: findBrowser(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (msg) => msg.type() === 'error' && console.error(`[page] ${msg.text()}`));
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__benchResults || globalThis.__benchError, null, { timeout: 900_000 });
  const error = await page.evaluate(() => globalThis.__benchError);
  if (error) throw new Error(error);
  const results = await page.evaluate(() => globalThis.__benchResults);
  for (const [suite, table] of Object.entries(results)) {
    console.log(`\n${suite} (headless Chromium, ${new Date().toISOString().slice(0, 10)})`);
    console.table(table);
    writeFileSync(`bench/results/${suite}.json`, JSON.stringify(table, null, 2) + '\n');
  }
} finally {
  await browser.close();
  await server.close();
}

// `npm run bench`: the core benchmark in Node, the bundle sizes, then the browser benchmarks
// (start-up, streaming, rendering, cost curve, dashboard, timeline, worker memory) in headless Chromium, and Lighthouse on the built
// demo and embedding gallery. `--only=core,render`
// picks suites. Prints tables; writes bench/results/*.json. The frame suites (dashboard,
// timeline) run twice: with the page composited on SwiftShader (the tests' flags) and in
// software (`*-software-compositing.json`; see SOFTWARE_COMPOSITING in find-browser.mjs).
// A benchmark, not a test: it never runs in CI's test command; it exits non-zero only when the
// memory suite measures the worker over its bound.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumArgs, findBrowser, SOFTWARE_COMPOSITING } from './find-browser.mjs';
import { buildBenchPages, startBenchServer } from './served-as-built.mjs';
import { workerMemoryProbe } from './worker-memory.mjs';

const only = process.argv
  .slice(2)
  .find((a) => a.startsWith('--only='))
  ?.slice(7);
mkdirSync('bench/results', { recursive: true });

if (!only || only.split(',').includes('core')) {
  const core = spawnSync('npx', ['tsx', 'bench/core.ts'], { stdio: 'inherit' });
  if (core.status !== 0) process.exit(core.status ?? 1);
}

if (!only || only.split(',').includes('bundle')) {
  // What a page downloads: the built files, raw and gzip-compressed (level 9).
  const build = spawnSync('npm', ['run', '--silent', 'build:lib'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const files = {
    'npm entry (Lit, regl, Comlink, uPlot external)': 'dist/backprop-lab.js',
    'npm shared chunk (forward pass, also in ./core)': `dist/${readdirSync('dist').find((f) => /^network-.*\.js$/.test(f))}`,
    'npm chart chunk (the cost curve with uPlot, loaded after the first render)': `dist/${readdirSync('dist').find((f) => /^uplot-cost-plot-.*\.js$/.test(f))}`,
    'npm worker': 'dist/trainer.worker.js',
    './core': 'dist/core.js',
    'CDN bundle (self-contained, minified)': 'dist/cdn/backprop-lab.js',
    'CDN worker (minified)': 'dist/cdn/trainer.worker.js',
  };
  const table = {};
  for (const [name, path] of Object.entries(files)) {
    const bytes = readFileSync(path);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    table[name] = { file: path, 'raw kB': +(bytes.length / 1024).toFixed(1), 'gzip kB': +(gzip / 1024).toFixed(1) };
  }
  console.log('\nbundle sizes');
  console.table(table);
  writeFileSync('bench/results/bundle.json', JSON.stringify(table, null, 2) + '\n');
}

if (!only || only.split(',').includes('lighthouse')) {
  // Lighthouse on the built demo and embedding gallery, desktop and mobile (bench/lighthouse.mjs).
  const lh = spawnSync('node', ['bench/lighthouse.mjs'], { stdio: 'inherit' });
  if (lh.status !== 0) process.exit(lh.status ?? 1);
}

const SKIP = new Set(['core', 'bundle', 'lighthouse']);
const browserSuites = only
  ? only
      .split(',')
      .filter((s) => !SKIP.has(s))
      .join(',')
  : '';
if (only && !browserSuites) process.exit(0);

/**
 * Suites whose figures are frame intervals or frame script times: run again with the page
 * composited in software (find-browser.mjs). Start-up: composited on SwiftShader, a set-up
 * piece's synchronous GL call also waits for the GPU process's compositing of the last frame.
 */
const FRAME_SUITES = ['startup', 'dashboard', 'timeline'];
const selected = browserSuites ? browserSuites.split(',') : null;
const softwareSuites = FRAME_SUITES.filter((s) => !selected || selected.includes(s));

// The start-up suite measures what a visitor gets: its page built as the demo is (one bundle,
// regl's production build; vite.config.ts), served as plain files from dist-bench/ by the same
// origin as the bench page (Chromium reports only a same-origin iframe's frames to the parent).
if (!selected || selected.includes('startup')) await buildBenchPages();
const { server, port } = await startBenchServer();
try {
  await runSuites(chromiumArgs, browserSuites, '');
  if (softwareSuites.length > 0) {
    await runSuites([...chromiumArgs, SOFTWARE_COMPOSITING], softwareSuites.join(','), ', software compositing');
  }
} finally {
  await server.close();
}

/** Runs `suites` (comma-separated; '' for all) in a browser of its own with `args`; `mode` names the run. */
async function runSuites(args, suites, mode) {
  const startup = !suites || suites.split(',').includes('startup');
  const query = [...(suites ? [`only=${suites}`] : []), ...(startup ? ['startup=/dist-bench/bench/startup.html'] : [])];
  const url = `http://127.0.0.1:${port}/bench/index.html${query.length ? `?${query.join('&')}` : ''}`;
  const browser = await chromium.launch({ executablePath: findBrowser(), args });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (msg) => msg.type() === 'error' && console.error(`[page] ${msg.text()}`));
    // The memory suite reads the training worker's memory over CDP (scripts/worker-memory.mjs).
    await page.exposeFunction('__benchWorkerMemory', await workerMemoryProbe(page));
    // The timeline suite drags the scrubber with real pointer input (page.mouse).
    await page.exposeFunction('__benchMouse', async (type, x, y) => {
      if (type === 'down') {
        await page.mouse.move(x, y);
        await page.mouse.down();
      } else if (type === 'up') await page.mouse.up();
      else await page.mouse.move(x, y);
    });
    await page.goto(url);
    await page.waitForFunction(() => globalThis.__benchResults || globalThis.__benchError, null, { timeout: 900_000 });
    const error = await page.evaluate(() => globalThis.__benchError);
    if (error) throw new Error(error);
    const results = await page.evaluate(() => globalThis.__benchResults);
    const compositing = mode ? mode.slice(2) : 'compositing on SwiftShader';
    for (const [suite, table] of Object.entries(results)) {
      console.log(`\n${suite} (headless Chromium, ${compositing}, ${new Date().toISOString().slice(0, 10)})`);
      console.table(table);
      const file = mode ? `${suite}-software-compositing` : suite;
      writeFileSync(`bench/results/${file}.json`, JSON.stringify(table, null, 2) + '\n');
    }
    // Issue 12's bound: every total the memory suite measured, against its bound.
    const memory = results.memory;
    if (memory) {
      const over = Object.entries(memory).filter(
        ([name, mb]) => name.endsWith('total (MB)') && mb > memory['bound (MB)'],
      );
      for (const [name, mb] of over)
        console.error(`memory: OVER BUDGET: ${name} = ${mb} MB > ${memory['bound (MB)']} MB`);
      if (over.length > 0) process.exitCode = 1;
      else console.log(`memory: every total within the ${memory['bound (MB)']} MB bound`);
    }
  } finally {
    await browser.close();
  }
}

// `npm run bench -- --only=lighthouse`: builds the demo site (dist-demo/), serves it as static
// files, and runs Lighthouse on the demo (index.html) and the embedding gallery (embed.html) in
// its desktop and mobile presets. Prints performance score, total blocking time, cumulative
// layout shift, accessibility, best practices and SEO against the project's targets, and writes
// bench/results/lighthouse.json. A benchmark, not a test: it asserts nothing. `--pick=embed-mobile`
// runs only the runs named; `--tasks` prints the long tasks and each script's time; `--shifts` the layout shifts.
// Chromium: CHROME_PATH, else the one scripts/find-browser.mjs finds. Software GL here, so
// performance and TBT are this machine's, not a user's; CLS and the category scores carry over.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumArgs, findBrowser } from '../scripts/find-browser.mjs';
import { sendStaticFile } from '../scripts/served-as-built.mjs';

const PAGES = { demo: '/index.html', embed: '/embed.html' };
// --pick=embed-mobile,demo-desktop: only those runs
const pick = process.argv
  .find((a) => a.startsWith('--pick='))
  ?.slice(7)
  .split(',');
const TARGETS = { accessibility: 1, 'best-practices': 1, seo: 0.9, cls: 0.02 };

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

// dist-demo/ as a plain static host would serve it (compression off: what Lighthouse sees is
// the files as built, as a static host without gzip would send them).
const root = resolve('dist-demo');
const server = createServer((req, res) =>
  sendStaticFile(res, root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), {
    'Cache-Control': 'max-age=3600',
  }),
);
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || findBrowser(),
  chromeFlags: ['--headless=new', ...chromiumArgs],
});
const rows = {};
const report = {};
try {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const preset of ['desktop', 'mobile']) {
      if (pick && !pick.includes(`${name}-${preset}`)) continue;
      const result = await lighthouse(
        origin + path,
        { port: chrome.port, output: 'json', logLevel: 'error' },
        preset === 'desktop' ? desktopConfig : undefined,
      );
      const { categories, audits } = result.lhr;
      // --shifts: which elements moved, with their scores (to find the cause of a CLS above target)
      if (process.argv.includes('--shifts')) {
        for (const item of audits['layout-shifts']?.details?.items ?? []) {
          console.log(
            `${name} ${preset}: shift ${item.score.toFixed(4)} ${item.node?.selector ?? ''} ${item.node?.snippet ?? ''}`,
          );
          for (const sub of item.subItems?.items ?? []) console.log(`    cause: ${sub.cause}`);
        }
      }
      // --tasks: the long tasks Lighthouse saw (what total blocking time is made of)
      if (process.argv.includes('--tasks')) {
        for (const item of audits['long-tasks']?.details?.items ?? []) {
          console.log(
            `${name} ${preset}: long task at ${Math.round(item.startTime)} ms, ${Math.round(item.duration)} ms, ${item.url}`,
          );
        }
        for (const item of audits['bootup-time']?.details?.items ?? []) {
          console.log(
            `${name} ${preset}: script ${item.url}: ${Math.round(item.scripting)} ms scripting, ${Math.round(item.scriptParseCompile)} ms parse/compile`,
          );
        }
      }
      const cls = audits['cumulative-layout-shift'].numericValue;
      const row = {
        performance: categories.performance.score,
        'TBT ms': Math.round(audits['total-blocking-time'].numericValue),
        CLS: +cls.toFixed(3),
        accessibility: categories.accessibility.score,
        'best practices': categories['best-practices'].score,
        SEO: categories.seo.score,
      };
      const misses = [];
      if (cls > TARGETS.cls) misses.push(`CLS > ${TARGETS.cls}`);
      for (const key of ['accessibility', 'best-practices', 'seo']) {
        if (categories[key].score < TARGETS[key]) {
          const failed = Object.values(audits)
            .filter(
              (a) =>
                a.score !== null && a.score < 1 && categories[key].auditRefs.some((r) => r.id === a.id && r.weight > 0),
            )
            .map((a) => a.id);
          misses.push(`${key} < ${TARGETS[key]} (${failed.join(', ')})`);
        }
      }
      row.targets = misses.length ? misses.join('; ') : 'met';
      rows[`${name} ${preset}`] = row;
      report[`${name} ${preset}`] = row;
    }
  }
} finally {
  chrome.kill();
  server.close();
}
console.log(
  `\nlighthouse (${new Date().toISOString().slice(0, 10)}; targets: accessibility 1, best practices 1, SEO ≥ 0.9, CLS ≤ 0.02)`,
);
console.table(rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/lighthouse.json', JSON.stringify(report, null, 2) + '\n');

/* global setTimeout */
// A CPU profile of the start-up page's cold load (bench/startup.html as built for the start-up
// bench), in a fresh browser each time: the longest stretch of main-thread work (samples with no
// idle between them, e.g. the task that evaluates the modules and renders the element first),
// summed by function, self and inclusive time, the heaviest first.
//   flock /tmp/browser.lock node bench/diag/startup-profile.mjs [loads=3]
// ARGS_EXTRA=--disable-gpu-compositing: composited in software. NO_BUILD=1: reuse dist-bench/.
// UNMINIFIED=1: built without minifying (readable function names; timings a little off).
// FOCUS=<function name>: the stretch that runs that function (e.g. createTrainerWorker), not the first.
// Then the stretch's JS is also listed in order: each run of samples under the same call below
// the event loop's entry (a module's body, a microtask's Lit update, a callback), with its time.
import { resolve } from 'node:path';
import { chromium } from 'playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'vite';
import { buildBenchPages, startBenchServer } from '../../scripts/served-as-built.mjs';
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';
import { printTables, timeByName } from './profile-tables.mjs';

const LOADS = Number(process.argv[2] ?? 3);
const PROFILE_MS = 1500;
const TOP = Number(process.env.TOP ?? 30);

const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
if (process.env.UNMINIFIED)
  await build({
    logLevel: 'error',
    build: {
      outDir: 'dist-bench',
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { input: { startup: resolve('bench/startup.html') } },
    },
  });
else if (!process.env.NO_BUILD) await buildBenchPages();
const modules = process.env.UNMINIFIED ? moduleLines() : null;
const { server, port } = await startBenchServer();
try {
  for (let k = 0; k < LOADS; k++) {
    const browser = await chromium.launch({ executablePath: findBrowser(), args: [...chromiumArgs, ...extra] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(`http://127.0.0.1:${port}/dist-bench/bench/startup.html`, { waitUntil: 'commit' });
      await new Promise((done) => setTimeout(done, PROFILE_MS));
      const { profile } = await cdp.send('Profiler.stop');
      console.log(`\n=== cold load ${k}`);
      report(profile);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}

/** For an unminified build: the source module of each line of each built chunk (its `// path` markers). */
function moduleLines() {
  const out = new Map();
  for (const file of readdirSync('dist-bench/assets').filter((f) => f.endsWith('.js'))) {
    const marks = [];
    readFileSync(`dist-bench/assets/${file}`, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /^\/\/ ((?:src|node_modules|demo|bench)\/\S+)$/.exec(line);
        if (m) marks.push([i, m[1].replace(/^node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*$/, '$1')]);
      });
    out.set(file, marks);
  }
  return out;
}

function report(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fname = (id) => nodes.get(id).callFrame.functionName;
  const name = (id) => {
    const f = nodes.get(id).callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  // busy stretches: consecutive samples that are not (idle)/(program) gaps of more than 1 ms
  const stretches = [];
  let cur = null;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    t += dt * 1000;
    const idle = fname(id) === '(idle)';
    if (idle) {
      if (cur) stretches.push(cur);
      cur = null;
      return;
    }
    cur ??= { start: t, samples: [] };
    cur.samples.push([id, (profile.timeDeltas[i + 1] ?? 0) / 1000]);
    cur.end = t;
  });
  if (cur) stretches.push(cur);
  const byLength = stretches.map((s) => ({ ...s, ms: (s.end - s.start) / 1000 })).sort((a, b) => b.ms - a.ms);
  console.log(
    `busy stretches > 10 ms: ${byLength
      .filter((s) => s.ms > 10)
      .map((s) => `${s.ms.toFixed(0)} ms at +${((s.start - profile.startTime) / 1000).toFixed(0)}`)
      .join(', ')}`,
  );
  // the stretch that evaluates the page's main chunk (its module body: line 1), else the longest
  const isBody = (id) => {
    const f = nodes.get(id).callFrame;
    return f.lineNumber === 0 && f.columnNumber === 0 && /\/main-[^/]*\.js$/.test(f.url);
  };
  const withBody = (s) =>
    s.samples.some(([id]) => {
      for (let c = id; c !== undefined; c = parent.get(c)) if (isBody(c)) return true;
      return false;
    });
  // FOCUS=name: the stretch that runs a function of that name instead
  const focus = process.env.FOCUS;
  const stretchRuns = (s, test) =>
    s.samples.some(([id]) => {
      for (let c = id; c !== undefined; c = parent.get(c)) if (test(c)) return true;
      return false;
    });
  const longest = focus
    ? (byLength.find((s) => stretchRuns(s, (c) => fname(c) === focus)) ?? byLength[0])
    : (byLength.find(withBody) ?? byLength[0]);
  if (!longest) return;
  const { self, inclusive, total } = timeByName(longest.samples, parent, name);
  console.log(`the main chunk's first stretch (or the longest): ${total.toFixed(0)} ms sampled`);
  // in order: consecutive samples with the same label (the first named component render or
  // callback on the stack, else the entry below root)
  const label = (id) => {
    const chain = [];
    for (let c = id; c !== undefined; c = parent.get(c)) chain.unshift(c);
    const named = chain.findLast(
      (c) =>
        /^(render|firstUpdated|connectedCallback|willUpdate|updated)$/.test(fname(c)) &&
        !/lit|reactive-element/.test(nodes.get(c).callFrame.url),
    );
    return name(named ?? chain[1] ?? id);
  };
  const runs = [];
  for (const [id, ms] of longest.samples) {
    const l = label(id);
    if (runs.at(-1)?.l === l) runs.at(-1).ms += ms;
    else runs.push({ l, ms });
  }
  const merged = new Map();
  for (const r of runs) merged.set(r.l, (merged.get(r.l) ?? 0) + r.ms);
  if (modules) {
    // self time by source module: a native frame counts for the nearest script frame's module
    const moduleOf = (id) => {
      for (let c = id; c !== undefined; c = parent.get(c)) {
        const f = nodes.get(c).callFrame;
        const marks = modules.get(f.url.split('/').at(-1));
        if (!marks) continue;
        let m = '(chunk head)';
        for (const [line, mod] of marks) if (line <= f.lineNumber) m = mod;
        return m;
      }
      return fname(id) || '(native)';
    };
    const byModule = new Map();
    for (const [id, ms] of longest.samples) byModule.set(moduleOf(id), (byModule.get(moduleOf(id)) ?? 0) + ms);
    printTables([['self by source module', byModule]], TOP);
  }
  printTables(
    [
      ['by entry / component hook', merged],
      ['self', self],
      ['inclusive', inclusive],
    ],
    TOP,
  );
}

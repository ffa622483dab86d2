/* global document */
// Frame diagnostics (bench/diag/diag.ts): each argument is one case's query string, run on its
// own page in the benches' headless Chromium (scripts/find-browser.mjs chromiumArgs), e.g.
//   flock /tmp/browser.lock node bench/diag/run.mjs case=empty case=text 'case=lab&train=0&ticker=1' \
//     'case=lab&speed=1000&off=bp-cost-curve' 'case=copies&n=3&size=400&buf=512&mode=bitmap'
// (bench/diag/profile.mjs takes a CPU profile of the main thread in one of these cases.)
// Cases: empty, text (a word changed per frame), webglSmall, canvas2d, copies (n, size, buf, pdb,
// mode=drawImage|readPixels|bitmap|bitmapDraw|none), lab (any attribute; train=0, off=<tags> to stop views
// drawing, nocopy=1, mut=1 to count DOM mutations, promote=<css>, ticker=1, fencelat=1 for how long
// deferred draw phases' fences take to signal), viewgpu (each view's GPU time per draw, parts=1,
// lat=<ms>&v=plain|copy|fb|copyfb: see diag.ts; FULL=1 to print them); wrf=1 on any case makes every
// 2-D context a software one (willReadFrequently).
// Prints the rAF intervals and the CPU time per frame by process:thread ("gpuProcMsPerFrame": the
// GPU process, SwiftShader's threads included; robust to a busy machine where the intervals are not).
// Env: ARGS_EXTRA / ARGS_DROP (comma-separated flags to add / remove), TRACE=1 (Chromium trace
// to /tmp, TRACE_CATS), LAYERS=1 (the compositing layers), FULL=1 (everything the page returned).
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { writeFileSync, readFileSync, readdirSync } from 'node:fs';
const HZ = 100;
function procs() {
  const out = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      out.push({ pid, type });
    } catch {
      // a process or thread that ended meanwhile
    }
  }
  return out;
}
function cpu() {
  const by = {};
  for (const { pid, type } of procs()) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const comm = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        const ms = ((+f[11] + +f[12]) * 1000) / HZ;
        const key = `${type}:${comm.replace(/[0-9]+$/, '#')}`;
        by[key] = (by[key] ?? 0) + ms;
      }
    } catch {
      // a process or thread that ended meanwhile
    }
  }
  return by;
}
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';

const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
const drop = (process.env.ARGS_DROP ?? '').split(',').filter(Boolean);
const args = [...chromiumArgs.filter((a) => !drop.includes(a)), ...extra];
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const port = server.httpServer.address().port;
const browser = await chromium.launch({ executablePath: findBrowser(), args });
try {
  for (const q of process.argv.slice(2)) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let before = null;
    let used = null;
    await page.exposeFunction('__cpu', (phase) => {
      if (phase === 'start') before = cpu();
      else {
        const after = cpu();
        used = {};
        for (const [k, v] of Object.entries(after)) {
          const d = v - (before[k] ?? 0);
          if (d >= 20) used[k] = d;
        }
      }
    });
    page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
    if (process.env.TRACE)
      await browser.startTracing(page, {
        categories: (
          process.env.TRACE_CATS ?? 'gpu,viz,cc,benchmark,disabled-by-default-devtools.timeline.frame,toplevel'
        ).split(','),
      });
    await page.goto(`http://127.0.0.1:${port}/bench/diag/diag.html?${q}`);
    await page.waitForFunction(() => globalThis.__diag, null, { timeout: 120000 });
    const r = await page.evaluate(() => globalThis.__diag);
    if (process.env.TRACE) {
      const buf = await browser.stopTracing();
      const f = `/tmp/frames-trace-${q.replace(/[^a-z0-9]+/gi, '_')}.json`;
      writeFileSync(f, buf);
      r.trace = f;
    }
    if (process.env.LAYERS) {
      const cdp = await page.context().newCDPSession(page);
      const got = new Promise((res) => cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers && res(e.layers)));
      await cdp.send('LayerTree.enable');
      await page.evaluate(() => {
        document.body.style.outline = '1px solid transparent';
      });
      const layers = await got;
      let area = 0;
      for (const l of layers) {
        if (l.drawsContent) area += l.width * l.height;
        console.log(
          `  layer ${l.layerId} parent ${l.parentLayerId ?? '-'} ${Math.round(l.offsetX)},${Math.round(l.offsetY)} ${Math.round(l.width)}x${Math.round(l.height)} draws=${l.drawsContent} node=${l.backendNodeId ?? ''} paints=${l.paintCount}`,
        );
      }
      console.log('  content area', area, 'layers', layers.length);
    }
    if (used) {
      const frames = r.frame?.n || 1;
      r.cpuPerFrame = Object.fromEntries(
        Object.entries(used)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, +(v / frames).toFixed(1)]),
      );
      const gpu = Object.entries(used)
        .filter(([k]) => k.startsWith('gpu-process'))
        .reduce((a, [, v]) => a + v, 0);
      r.gpuProcMsPerFrame = +(gpu / frames).toFixed(1);
    }
    const { frame, gpuProcMsPerFrame, cpuPerFrame, drawMs, itPerS, shared, canvases, mutations } = r;
    console.log(
      q,
      JSON.stringify(
        process.env.FULL ? r : { frame, gpuProcMsPerFrame, drawMs, itPerS, shared, canvases, mutations, cpuPerFrame },
      ),
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

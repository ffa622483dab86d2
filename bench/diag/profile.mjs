/* global setTimeout */
// A CPU profile of the page's main thread in one frame diagnostics case (bench/diag/diag.ts),
// summed by function: self time and inclusive time, the heaviest first. E.g.
//   flock /tmp/browser.lock node bench/diag/profile.mjs 'case=lab'
//   ARGS_EXTRA=--disable-gpu-compositing node bench/diag/profile.mjs 'case=lab&hidden-units=16'
// The profile starts WARM_MS after the page loads (the lab is set up and training by then) and
// lasts PROFILE_MS. A native wait shows as its own frame (e.g. transferToImageBitmap waiting for
// a view's raster with software compositing).
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';
import { printTables, timeByName } from './profile-tables.mjs';

const WARM_MS = 2500;
const PROFILE_MS = 3000;
const TOP = 40;

const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const port = server.httpServer.address().port;
const browser = await chromium.launch({ executablePath: findBrowser(), args: [...chromiumArgs, ...extra] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.goto(`http://127.0.0.1:${port}/bench/diag/diag.html?${process.argv[2] ?? 'case=lab'}`);
  await new Promise((resolve) => setTimeout(resolve, WARM_MS));
  await cdp.send('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, PROFILE_MS));
  const { profile } = await cdp.send('Profiler.stop');
  report(profile);
} finally {
  await browser.close();
  await server.close();
}

function report(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id) => {
    const f = nodes.get(id).callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  };
  // sampled time (ms) per node
  const time = new Map();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const { self, inclusive, total } = timeByName(time, parent, name);
  console.log(`main thread, ${total.toFixed(0)} ms sampled`);
  printTables(
    [
      ['self', self],
      ['inclusive', inclusive],
    ],
    TOP,
  );
}

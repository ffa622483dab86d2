/* global setTimeout, performance, customElements, requestAnimationFrame */
// Where the start-up page's first task goes, by element: each custom element's connection and
// updates (its own time, its children's apart) until the first animation frame, and the main
// module's evaluation around them, on cold loads (a fresh browser each), timed in the page
// (performance.now() around each defined class's constructor, connectedCallback,
// attributeChangedCallback and performUpdate, wrapped by an init script before any module runs).
//   flock /tmp/browser.lock node bench/diag/startup-elements.mjs [loads=5]
// ARGS_EXTRA=--disable-gpu-compositing: composited in software. NO_BUILD=1: reuse dist-bench/.
import { chromium } from 'playwright';
import { buildBenchPages, startBenchServer } from '../../scripts/served-as-built.mjs';
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';

const LOADS = Number(process.argv[2] ?? 5);
const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
if (!process.env.NO_BUILD) await buildBenchPages();
const { server, port } = await startBenchServer();

/** In the page, before any of its scripts. */
function instrument() {
  const own = new Map();
  const stack = [];
  const timed = (key, fn) =>
    function (...args) {
      const t0 = performance.now();
      stack.push(0);
      try {
        return fn.apply(this, args);
      } finally {
        const total = performance.now() - t0;
        const inner = stack.pop();
        own.set(key, (own.get(key) ?? 0) + total - inner);
        if (stack.length) stack[stack.length - 1] += total;
      }
    };
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    for (const method of ['connectedCallback', 'attributeChangedCallback', 'performUpdate']) {
      const fn = ctor.prototype[method];
      if (typeof fn === 'function') {
        Object.defineProperty(ctor.prototype, method, {
          value: timed(`${name} ${method}`, fn),
          configurable: true,
          writable: true,
        });
      }
    }
    // the constructor, timed by a subclass defined in its place (what an upgrade constructs)
    const timedCtor = {
      [ctor.name]: class extends ctor {
        constructor() {
          const t0 = performance.now();
          stack.push(0);
          try {
            super();
          } finally {
            const total = performance.now() - t0;
            const inner = stack.pop();
            own.set(`${name} constructor`, (own.get(`${name} constructor`) ?? 0) + total - inner);
            if (stack.length) stack[stack.length - 1] += total;
          }
        }
      },
    }[ctor.name];
    // Lit's finalize (properties, styles) runs on the first read of observedAttributes
    const tf = performance.now();
    void ctor.observedAttributes;
    own.set(`${name} finalize`, performance.now() - tf);
    const t0 = performance.now();
    const result = define(name, timedCtor, options);
    own.set(`${name} define (upgrades)`, performance.now() - t0);
    return result;
  };
  // the first frame after the lab is defined: the task that built the page is over
  globalThis.__firstTask = customElements
    .whenDefined('backprop-lab')
    .then(() => new Promise((done) => requestAnimationFrame(done)))
    .then(() => Object.fromEntries([...own].map(([k, v]) => [k, +v.toFixed(1)])));
}

const rows = [];
try {
  for (let k = 0; k < LOADS; k++) {
    const browser = await chromium.launch({ executablePath: findBrowser(), args: [...chromiumArgs, ...extra] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(instrument);
      await page.goto(`http://127.0.0.1:${port}/dist-bench/bench/startup.html`);
      rows.push(await page.evaluate(() => globalThis.__firstTask));
      await new Promise((done) => setTimeout(done, 100));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const table = {};
for (const key of keys) {
  const values = rows.map((r) => r[key] ?? 0).sort((a, b) => a - b);
  table[key] = { median: values[Math.floor(values.length / 2)], all: values.join(' ') };
}
const totals = rows.map((r) => Object.values(r).reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
console.table(Object.fromEntries(Object.entries(table).sort((a, b) => b[1].median - a[1].median)));
console.log(`own times summed per load (ms): ${totals.map((t) => t.toFixed(1)).join(' ')}`);

// The start-up benchmark's page (bench/startup.html, loaded in an iframe by startup.browser.ts):
// the dashboard from a cold load through a 20,000-iteration run at max speed, watched with
// `long-animation-frame` entries by the parent page: Chromium reports a same-origin iframe's
// frames to the top-level document. Posts when set-up and the run ended to the parent window.
// It loads the element as the demo does (demo/main.ts, its own script) and imports nothing of
// the element's: it reads what it needs from the elements, so the built page (scripts/bench.mjs
// builds it with the demo) ships the demo's own chunks.

export interface StartupTimes {
  /** when every canvas view had drawn its first WebGL frame (ms, performance.timeOrigin based: epoch) */
  setupEnd: number;
  /** when the run reported done (ms since the epoch) */
  runEnd: number;
  /**
   * when the run was done and no set-up work waited any more (the map's full-quality program is
   * built in idle time, possibly after the run; ms since the epoch)
   */
  settled: number;
  iterations: number;
}

/** What this page reads of a view element (bp-decision-map, bp-hidden-space). */
interface ViewElement extends HTMLElement {
  readonly backend: 'webgl' | 'cpu' | 'none';
  readonly drawCount: number;
  readonly setupComplete: boolean;
}

/** What this page reads of <backprop-lab>. */
interface Lab extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
  readonly iteration: number;
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

async function run(): Promise<StartupTimes> {
  const lab = document.querySelector<Lab>('backprop-lab');
  if (!lab) throw new Error('no <backprop-lab> on the page');
  const done = new Promise<void>((resolve) => lab.addEventListener('bp-done', () => resolve(), { once: true }));
  await customElements.whenDefined('backprop-lab');
  await lab.updateComplete;
  const root = lab.shadowRoot;
  const views = ['bp-decision-map', 'bp-hidden-space'].map((tag) => root?.querySelector<ViewElement>(tag) ?? null);
  let setupEnd: number;
  for (;;) {
    const now = await nextFrame();
    if (views.every((v) => v && v.backend === 'webgl' && v.drawCount > 0)) {
      setupEnd = performance.timeOrigin + now;
      break;
    }
  }
  await done;
  const runEnd = performance.timeOrigin + performance.now();
  let settled = runEnd;
  while (!views.every((v) => v?.setupComplete)) settled = performance.timeOrigin + (await nextFrame());
  return { setupEnd, runEnd, settled, iterations: lab.iteration };
}

run().then(
  (report) => parent.postMessage({ startup: report }, location.origin),
  (err: unknown) => parent.postMessage({ startupError: String(err) }, location.origin),
);

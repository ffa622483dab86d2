// The start-up benchmark's page (bench/startup.html, loaded in an iframe by startup.browser.ts):
// the dashboard from a cold load through a 20,000-iteration run at max speed, watched with
// `long-animation-frame` entries by the parent page: Chromium reports a same-origin iframe's
// frames to the top-level document. Posts when set-up and the run ended to the parent window.
import '../src/index';
import { frameScheduler } from '../src/render/canvas/frame-scheduler';

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

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

async function run(): Promise<StartupTimes> {
  const lab = document.querySelector('backprop-lab');
  if (!lab) throw new Error('no <backprop-lab> on the page');
  const done = new Promise<void>((resolve) => lab.addEventListener('bp-done', () => resolve(), { once: true }));
  await customElements.whenDefined('backprop-lab');
  await lab.updateComplete;
  const root = lab.shadowRoot;
  const views = [root?.querySelector('bp-decision-map'), root?.querySelector('bp-hidden-space')];
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
  while (frameScheduler.pendingSetup > 0) settled = performance.timeOrigin + (await nextFrame());
  return { setupEnd, runEnd, settled, iterations: lab.iteration };
}

run().then(
  (report) => parent.postMessage({ startup: report }, location.origin),
  (err: unknown) => parent.postMessage({ startupError: String(err) }, location.origin),
);

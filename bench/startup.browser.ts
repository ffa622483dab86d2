// Start-up benchmark (browser): the dashboard from page load to the end of a 20,000-iteration
// run at max speed (bench/startup.html: the demo's element with `autoplay speed="max"
// iterations="20000"`), loaded in a 1280×900 iframe. From `long-animation-frame` entries it
// reports the longest frame's script time and the frames with more than 50 ms of script, over
// the whole run and over set-up only (load until both canvas views have drawn their first
// WebGL frame). The whole run lasts until the run is done and no set-up work (the map's
// full-quality program, built in idle time) waits any more. A frame's script time is the sum of its script entries (Chromium lists scripts
// of 5 ms or more; a view's set-up, waiting on the GPU process included, is one of them).
// Chromium reports an iframe's frames to the top-level document, so this page observes them.
//
// The first load runs with a cold GPU program cache (a first visit); the later loads of the
// same page, in the same browser, may link programs from the cache (a reload).
//
// Usage: `npm run bench -- --only=startup` (under the browser lock on shared machines): the
// page as built for a visitor (scripts/bench.mjs builds it into dist-bench/ and serves it as
// plain files). The frames of each load stay on `window.__startupFrames` for a closer look
// (bench/diag/startup-frames.mjs prints them).
import type { StartupTimes } from './startup-page';

const LOADS = 3;
/**
 * The page loaded: the built one when scripts/bench.mjs built it (`?startup=` its path: one
 * bundle and regl's production build, what a visitor gets), else the dev server's (unbundled
 * modules, regl's debug build: slower, for a look at the source).
 */
const STARTUP_PAGE = new URLSearchParams(location.search).get('startup') ?? './startup.html';
const SCRIPT_BUDGET_MS = 50;

/** The part of a PerformanceLongAnimationFrameTiming read here (not in TypeScript's DOM lib yet). */
interface LongAnimationFrame extends PerformanceEntry {
  readonly scripts: readonly (PerformanceEntry & {
    /** when the script's own work began, after its compilation (ms, like startTime) */
    executionStart: number;
    /** style and layout the script forced (ms), e.g. a getComputedStyle after DOM changes */
    forcedStyleAndLayoutDuration: number;
    invoker: string;
    sourceURL: string;
    sourceFunctionName: string;
    sourceCharPosition: number;
  })[];
}

/** One long animation frame: start (ms since the epoch), duration and script time (ms), its scripts. */
interface FrameRecord {
  start: number;
  duration: number;
  script: number;
  scripts: string[];
}

function record(entry: LongAnimationFrame): FrameRecord {
  return {
    start: performance.timeOrigin + entry.startTime,
    duration: entry.duration,
    script: entry.scripts.reduce((sum, s) => sum + s.duration, 0),
    scripts: entry.scripts.map(
      (s) =>
        `${s.duration.toFixed(0)} ms ${s.invoker} ${s.sourceFunctionName} ` +
        `${s.sourceURL.replace(/^.*\/\/[^/]+/, '')}:${s.sourceCharPosition}` +
        ` (compile ${(s.executionStart - s.startTime).toFixed(0)} ms, forced style/layout ${s.forcedStyleAndLayoutDuration.toFixed(0)} ms)`,
    ),
  };
}

interface Load {
  times: StartupTimes;
  frames: FrameRecord[];
  longestTask: number;
  start: number;
}

function loadOnce(): Promise<Load> {
  const frames: FrameRecord[] = [];
  let longestTask = 0;
  const loaf = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) frames.push(record(entry as LongAnimationFrame));
  });
  loaf.observe({ type: 'long-animation-frame' });
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  tasks.observe({ type: 'longtask' });
  const start = performance.timeOrigin + performance.now();
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position: fixed; left: 0; top: 0; width: 1280px; height: 900px; border: 0; background: #fff';
    const onMessage = (event: MessageEvent<{ startup?: StartupTimes; startupError?: string }>): void => {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      const { startup, startupError } = event.data;
      // the last frames' entries are queued after those frames end
      setTimeout(() => {
        loaf.disconnect();
        tasks.disconnect();
        frame.remove();
        if (startup) resolve({ times: startup, frames, longestTask, start });
        else reject(new Error(startupError ?? 'the start-up page failed'));
      }, 200);
    };
    window.addEventListener('message', onMessage);
    // a fresh URL each time: a new document, not a cached one
    frame.src = `${STARTUP_PAGE}?load=${Date.now()}`;
    document.body.append(frame);
  });
}

function summarize(frames: readonly FrameRecord[]): { longest: number; over: number } {
  let longest = 0;
  let over = 0;
  for (const f of frames) {
    longest = Math.max(longest, f.script);
    if (f.script > SCRIPT_BUDGET_MS) over++;
  }
  return { longest: Number(longest.toFixed(1)), over };
}

export async function runStartupBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let k = 0; k < LOADS; k++) {
    const { times, frames, longestTask, start } = await loadOnce();
    if (times.iterations !== 20_000) throw new Error(`the run stopped at ${times.iterations} iterations`);
    const label = k === 0 ? 'cold load' : `reload ${k}`;
    // from the iframe's creation (the previous load's teardown, and this page's own start, are
    // not this one's); a frame that began before set-up ended belongs to set-up
    const ours = frames.filter((f) => f.start >= start);
    (window as unknown as { __startupFrames: FrameRecord[][] }).__startupFrames ??= [];
    (window as unknown as { __startupFrames: FrameRecord[][] }).__startupFrames.push(ours);
    const setup = summarize(ours.filter((f) => f.start < times.setupEnd));
    const all = summarize(ours.filter((f) => f.start < Math.max(times.runEnd, times.settled)));
    out[`${label}: set-up, longest frame script (ms)`] = setup.longest;
    out[`${label}: set-up, frames > ${SCRIPT_BUDGET_MS} ms script`] = setup.over;
    out[`${label}: load → run + set-up done, longest frame script (ms)`] = all.longest;
    out[`${label}: load → run + set-up done, frames > ${SCRIPT_BUDGET_MS} ms script`] = all.over;
    out[`${label}: longest long task (ms)`] = Number(longestTask.toFixed(1));
    out[`${label}: set-up done after (ms)`] = Math.round(times.setupEnd - start);
    out[`${label}: run done after (ms)`] = Math.round(times.runEnd - start);
    out[`${label}: idle set-up done after (ms)`] = Math.round(times.settled - start);
  }
  return out;
}

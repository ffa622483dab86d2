// Timeline benchmark (browser): the two budgets of issue 12.
// 1. Seeking a replayed range of 10,000 iterations takes < 100 ms in the worker: a real worker
//    (bench/seek.worker.ts: the TrainerService of workers/trainer.worker.ts, on the engine
//    asked for) trains the tutorial's run with its history thinned to every GAP-th iteration
//    (a real run of this size never has gaps that long), then seeks GAP + 10,000 from nothing
//    else queued: the worker times its own seek (the replay, its yields and the answer's
//    copies), the page the round trip (plus Comlink's messages and the transfer). Each timed
//    seek follows a seek to GAP, so it starts from the kept snapshot, not from the last replay.
//    Also the round trip of a real worker's seek to a kept snapshot.
// 2. Scrubbing redraws within one frame at the tutorial's size: a <backprop-lab> (1100 px wide)
//    whose views are set up (a reader presses Train on the page they see), after its 300
//    iterations, sought every third iteration down to 0 as the scrubber's keys do; each seek's
//    time from the call to every shown view drawn with that iteration (lab.seek settles then),
//    and the draw phases that took (1 = all drawn in the next frame), the first seek after the
//    run's end is shown apart; and the frame interval meanwhile, which is what a one-frame seek's
//    time to drawn comes to. Apart too, each on a lab of its own: the first seek called as the
//    run ends (at max speed the run takes milliseconds: the views draw its end in the seek's
//    frames), and the first seek after a run started as the page loads (its views still being
//    set up, their first draws compiling SwiftShader's routines). And the share of seeks whose
//    iteration was shown in the task that asked (kept or prefetched on the page): a pointer move
//    comes at the start of a frame, so a worker's answer to it is drawn a frame later.
import { wrap } from 'comlink';
import '../src/index';
import { TrainerClient } from '../src/client/trainer-client';
import { frameScheduler } from '../src/render/canvas/frame-scheduler';
import type { SeekBenchService } from './seek.worker';
import { median, quantileSorted } from './stats';

const GAP = 16_384;
const REPLAYED = 10_000;

async function replayBench(engine: 'js' | 'wasm'): Promise<Record<string, number>> {
  const worker = new Worker(new URL('./seek.worker.ts', import.meta.url), { type: 'module' });
  try {
    const service = wrap<SeekBenchService>(worker);
    await service.configure({ engine, speed: 'max', iterations: 2 * GAP });
    await service.thinHistory(GAP);
    await service.step(2 * GAP);
    const inWorker: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < 7; i++) {
      await service.seek(GAP);
      const t0 = performance.now();
      const { ms, replayed } = await service.timedSeek(GAP + REPLAYED);
      roundTrip.push(performance.now() - t0);
      inWorker.push(ms);
      if (replayed !== REPLAYED) throw new Error(`replayed ${replayed}, not ${REPLAYED}`);
    }
    return {
      [`seek, 10,000 replayed iterations, ${engine} engine: median in the worker (ms)`]: Number(
        median(inWorker).toFixed(1),
      ),
      [`seek, 10,000 replayed iterations, ${engine} engine: max in the worker (ms)`]: Number(
        Math.max(...inWorker).toFixed(1),
      ),
      [`seek, 10,000 replayed iterations, ${engine} engine: median round trip (ms)`]: Number(
        median(roundTrip).toFixed(1),
      ),
    };
  } finally {
    worker.terminate();
  }
}

async function workerSeekBench(): Promise<Record<string, number>> {
  const client = new TrainerClient();
  await client.configure({ speed: 'max', iterations: 20_000 });
  await client.start();
  while (client.state !== 'done') await new Promise((r) => setTimeout(r, 20));
  const times: number[] = [];
  for (let k = 1000; k < 20_000; k += 1000) {
    const t0 = performance.now();
    await client.seek(k);
    times.push(performance.now() - t0);
  }
  client.dispose();
  return { 'worker seek round trip, kept snapshot: median (ms)': Number(median(times).toFixed(2)) };
}

interface ViewPart {
  readonly setupComplete?: boolean;
  readonly drawComplete: Promise<void>;
}

/** The lab's views (the tutorial's: the map, the hidden space, the cost curve). */
function labViews(lab: HTMLElement): ViewPart[] {
  const root = lab.shadowRoot as ShadowRoot;
  return ['decision-map', 'hidden-space', 'cost-curve'].map(
    (name) => root.querySelector(`[part~="${name}"]`) as unknown as ViewPart,
  );
}

/** A tutorial-size lab (1100 px wide), trained 300 iterations at max speed; `setUpFirst`: trained once its views are set up. */
async function trainedLab(setUpFirst: boolean): Promise<SeekingLab> {
  const lab = document.createElement('backprop-lab');
  lab.setAttribute('speed', 'max');
  lab.style.display = 'block';
  lab.style.width = '1100px';
  document.body.append(lab);
  if (setUpFirst) {
    // as a reader who presses Train on the page they see: every set-up piece built, the idle ones too
    await lab.updateComplete;
    const views = labViews(lab);
    while (!views.every((view) => view.setupComplete ?? true)) await frameScheduler.afterDraw();
  }
  await lab.start();
  await lab.whenFinished();
  return lab;
}

type SeekingLab = HTMLElement & { seek(k: number): Promise<void>; readonly viewedIteration: number };

/** A task queued now: it runs once this task's microtasks are done, before a worker's answer. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/**
 * Draw phases and milliseconds from seek(k) to every view drawn with k; `onPage`: k was the
 * viewed iteration within the task that asked (an answer kept on the page, no worker round trip).
 */
async function timedSeek(lab: SeekingLab, k: number): Promise<{ frames: number; ms: number; onPage: boolean }> {
  const f0 = frameScheduler.frames;
  const t0 = performance.now();
  const seeking = lab.seek(k);
  await nextTask();
  const onPage = lab.viewedIteration === k;
  await seeking;
  return { frames: frameScheduler.frames - f0, ms: performance.now() - t0, onPage };
}

async function scrubBench(): Promise<Record<string, number>> {
  // The first seek as a run started with the page ends: the views' set-up (the shared
  // context, each program, the first draws that compile SwiftShader's routines) is still
  // going on then, so this counts start-up work as much as the seek's.
  const early = await trainedLab(false);
  const onLoad = await timedSeek(early, 299);
  early.remove();
  // The first seek as the run ends (at max speed the tutorial's run takes a few milliseconds:
  // the views have not drawn its end yet, and do so in the same frames as the seek).
  const ending = await trainedLab(true);
  const asItEnds = await timedSeek(ending, 299);
  ending.remove();
  // The first seek once the run's end is shown: the frame after the run is drawn.
  const lab = await trainedLab(true);
  await Promise.all(labViews(lab).map((view) => view.drawComplete));
  await frameScheduler.afterDraw();
  // The page's frame interval while scrubbing (rAF to rAF): a seek drawn in one frame takes
  // about one interval from the call to drawn, whatever the interval is on this machine.
  const frameTimes: number[] = [];
  let scrubbing = true;
  const tick = (t: number): void => {
    frameTimes.push(t);
    if (scrubbing) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const seeks: { frames: number; ms: number; onPage: boolean }[] = [];
  for (let k = 299; k >= 0; k -= 3) seeks.push(await timedSeek(lab, k));
  scrubbing = false;
  lab.remove();
  const [first, ...later] = seeks;
  const laterTimes = later.map((seek) => seek.ms).sort((a, b) => a - b);
  const laterFrames = later.map((seek) => seek.frames).sort((a, b) => a - b);
  const intervals = frameTimes.slice(1).map((t, i) => t - frameTimes[i]);
  const inOne = laterFrames.filter((frames) => frames <= 1).length / laterFrames.length;
  const onPage = later.filter((seek) => seek.onPage).length / later.length;
  return {
    'scrub, tutorial size: first seek after the run ends, frames to drawn': first.frames,
    'scrub, tutorial size: first seek after the run ends, to drawn (ms)': Number(first.ms.toFixed(1)),
    'scrub, tutorial size: later seeks, median seek to drawn (ms)': Number(median(laterTimes).toFixed(1)),
    'scrub, tutorial size: later seeks, p95 seek to drawn (ms)': Number(quantileSorted(laterTimes, 0.95).toFixed(1)),
    'scrub, tutorial size: later seeks, median frames to drawn': median(laterFrames),
    'scrub, tutorial size: later seeks, max frames to drawn': laterFrames[laterFrames.length - 1],
    'scrub, tutorial size: later seeks drawn in the next frame (%)': Math.round(100 * inOne),
    'scrub, tutorial size: later seeks shown from answers kept on the page, no worker round trip (%)': Math.round(
      100 * onPage,
    ),
    'scrub, tutorial size: median frame interval while scrubbing (ms)': Number(median(intervals).toFixed(1)),
    'scrub, tutorial size: first seek as the run ends, frames to drawn': asItEnds.frames,
    'scrub, tutorial size: first seek as the run ends, to drawn (ms)': Number(asItEnds.ms.toFixed(1)),
    'scrub, tutorial size: first seek after a run started as the page loads, frames to drawn': onLoad.frames,
    'scrub, tutorial size: first seek after a run started as the page loads, to drawn (ms)': Number(
      onLoad.ms.toFixed(1),
    ),
  };
}

/** scripts/bench.mjs: real mouse input through Playwright (page coordinates). */
declare const __benchMouse: (type: 'down' | 'move' | 'up', x?: number, y?: number) => Promise<void>;

/**
 * The scrubber dragged with a real pointer across the track, one step of STEP iterations per
 * move, waiting for each step to be drawn: draw phases from the pointer move (its event, which
 * comes at the start of a frame) to every view drawn with that iteration.
 */
async function dragBench(): Promise<Record<string, number>> {
  const lab = await trainedLab(true);
  await Promise.all(labViews(lab).map((view) => view.drawComplete));
  const slider = (lab.shadowRoot as ShadowRoot).querySelector('bp-timeline') as HTMLElement;
  const track = (slider.shadowRoot as ShadowRoot).querySelector('.track') as HTMLElement;
  track.scrollIntoView({ block: 'center' });
  const box = track.getBoundingClientRect();
  const y = box.top + box.height / 2;
  const latest = lab.viewedIteration;
  // the scrubber shows round(fraction of the track × latest)
  const xAt = (k: number): number => box.left + (k / latest) * box.width;
  let moved = { frame: 0, k: -1 };
  slider.addEventListener('pointermove', () => (moved = { frame: frameScheduler.frames, k: moved.k }), {
    capture: true,
  });
  const STEP = 3;
  const frames: number[] = [];
  await __benchMouse('down', xAt(latest - 1), y);
  while (lab.viewedIteration !== latest - 1) await frameScheduler.afterDraw();
  await Promise.all(labViews(lab).map((view) => view.drawComplete));
  for (let k = latest - 1 - STEP; k > 0; k -= STEP) {
    moved = { frame: -1, k };
    await __benchMouse('move', xAt(k), y);
    while (moved.frame < 0 || lab.viewedIteration !== k) await frameScheduler.afterDraw();
    await Promise.all(labViews(lab).map((view) => view.drawComplete));
    frames.push(frameScheduler.frames - moved.frame);
  }
  await __benchMouse('up');
  lab.remove();
  frames.sort((a, b) => a - b);
  return {
    'drag, tutorial size: pointer move to every view drawn, median frames': median(frames),
    'drag, tutorial size: pointer move to every view drawn, max frames': frames[frames.length - 1],
    'drag, tutorial size: steps drawn in the frame of their pointer move (%)': Math.round(
      (100 * frames.filter((f) => f <= 1).length) / frames.length,
    ),
  };
}

export async function runTimelineBench(): Promise<Record<string, number>> {
  return {
    ...(await replayBench('wasm')),
    ...(await replayBench('js')),
    ...(await workerSeekBench()),
    ...(await scrubBench()),
    ...(await dragBench()),
  };
}

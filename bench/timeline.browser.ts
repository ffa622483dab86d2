// Timeline benchmark (browser): the two budgets of issue 12.
// 1. Seeking a replayed range of 10,000 iterations takes < 100 ms in the worker: the worker's
//    own replay code (workers/replay.ts) on the engine the worker picks here, on the tutorial's
//    run with a history thinned so that the nearest kept snapshot is 10,000 iterations back
//    (a real worker keeps every iteration of the tutorial run up to ~120,000 iterations, so its
//    gaps are never that long at this size). Also the round trip of a real worker's seek.
// 2. Scrubbing redraws within one frame at the tutorial's size: a <backprop-lab> (1100 px wide)
//    after its 300 iterations, sought one iteration after another as the scrubber does; each
//    seek's time to drawn, and the animation frames it took (1 = drawn in the next frame).
import '../src/index';
import { TrainerClient } from '../src/client/trainer-client';
import { DEFAULT_CONFIG } from '../src/protocol/config-schema';
import { frameScheduler } from '../src/render/canvas/frame-scheduler';
import { stateAt } from '../workers/replay';
import { buildRun, keepSnapshot, type Run } from '../workers/run';
import { SnapshotHistory } from '../workers/snapshot-history';
import { median, quantileSorted } from './stats';

const GAP = 16_384;

/** The tutorial run trained to 2·GAP iterations, its history keeping every GAP-th only. */
function thinRun(engine: 'js' | 'wasm'): Run {
  const built = buildRun(1, { ...DEFAULT_CONFIG, engine, iterations: 10_000_000 });
  const size = built.packed.length;
  const run: Run = { ...built, history: new SnapshotHistory(size, 3 * (size + 1) * 8) };
  run.history.stride = GAP;
  keepSnapshot(run);
  while (run.trainer.iteration < 2 * GAP) {
    run.trainer.step(run.history.nextWanted(run.trainer.iteration) - run.trainer.iteration);
    keepSnapshot(run);
  }
  return run;
}

async function replayBench(engine: 'js' | 'wasm'): Promise<Record<string, number>> {
  const run = thinRun(engine);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    run.cursor = undefined;
    const t0 = performance.now();
    const { replayed } = await stateAt(run, GAP + 10_000, () => true);
    times.push(performance.now() - t0);
    if (replayed !== 10_000) throw new Error(`replayed ${replayed}, not 10,000`);
  }
  run.trainer.dispose();
  return { [`seek, 10,000 replayed iterations, ${engine} engine: median (ms)`]: Number(median(times).toFixed(1)) };
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

async function scrubBench(): Promise<Record<string, number>> {
  const lab = document.createElement('backprop-lab');
  lab.setAttribute('speed', 'max');
  lab.style.display = 'block';
  lab.style.width = '1100px';
  document.body.append(lab);
  await lab.start();
  await lab.whenFinished();
  const times: number[] = [];
  const frames: number[] = [];
  for (let k = 299; k >= 0; k -= 3) {
    const f0 = frameScheduler.frames;
    const t0 = performance.now();
    await lab.seek(k);
    times.push(performance.now() - t0);
    frames.push(frameScheduler.frames - f0);
  }
  lab.remove();
  times.sort((a, b) => a - b);
  frames.sort((a, b) => a - b);
  return {
    'scrub, tutorial size: median seek to drawn (ms)': Number(median(times).toFixed(1)),
    'scrub, tutorial size: p95 seek to drawn (ms)': Number(quantileSorted(times, 0.95).toFixed(1)),
    'scrub, tutorial size: median frames to drawn': median(frames),
    'scrub, tutorial size: max frames to drawn': frames[frames.length - 1],
  };
}

export async function runTimelineBench(): Promise<Record<string, number>> {
  return {
    ...(await replayBench('wasm')),
    ...(await replayBench('js')),
    ...(await workerSeekBench()),
    ...(await scrubBench()),
  };
}

// Streaming benchmark (browser), per engine: iterations per second delivered to the page at max
// speed for the tutorial network, timed over 200,000 iterations after the first 20,000, against
// the engine's own rate in Node (bench/results/core.json, written by the core bench of the same
// `npm run bench` run; same network, data size, learning rate and momentum; target ≥ 90%) and
// in this browser's page thread, and the main thread's longest task meanwhile (target: none over
// 50 ms). Then the pause latency at max speed: from the call to the page holding the paused
// state, median and max of PAUSES pauses (a pause waits for the worker's slice under way).
import { createTrainer, notebookSetup, type Engine } from '../src/core/index';
import { TrainerClient } from '../src/client/trainer-client';
import { median } from './stats';

/** Iterations timed (the page-thread rate times as many in one call). */
const ITERATIONS = 200_000;
/** Iterations the worker trains before the delivered rate is timed. */
const WARM_UP = 20_000;
/** Pauses timed at max speed. */
const PAUSES = 7;
const ENGINES: readonly Engine[] = ['js', 'wasm'];

/** The engine alone, on this thread: iterations per second of trainer.step. */
function pageRate(engine: Engine): number {
  const { X, T, initParams } = notebookSetup(1);
  const hyper = { learningRate: 0.02, momentum: 0.9, engine };
  const costs = new Float64Array(ITERATIONS);
  const warm = createTrainer(X, T, initParams, hyper);
  warm.step(2000, costs);
  warm.dispose();
  const fresh = createTrainer(X, T, initParams, hyper);
  const t0 = performance.now();
  fresh.step(ITERATIONS, costs);
  const rate = ITERATIONS / ((performance.now() - t0) / 1000);
  fresh.dispose();
  return rate;
}

interface CoreRow {
  samples: number;
  hidden: number;
  js: { medianMicros: number };
  wasm: { medianMicros: number };
}

/** Each engine's Node rate at the tutorial's size (N = 100, H = 3) from the core bench's results, if any. */
async function nodeRates(): Promise<{ rates: Partial<Record<Engine, number>>; date?: string }> {
  try {
    const response = await fetch('/bench/results/core.json', { cache: 'no-store' });
    if (!response.ok) return { rates: {} };
    const core = (await response.json()) as { date: string; results: CoreRow[] };
    const row = core.results.find((r) => r.samples === 100 && r.hidden === 3);
    if (!row?.js || !row.wasm) return { rates: {} };
    return { rates: { js: 1e6 / row.js.medianMicros, wasm: 1e6 / row.wasm.medianMicros }, date: core.date };
  } catch {
    return { rates: {} };
  }
}

async function streamedRate(
  engine: Engine,
): Promise<{ rate: number; longestTask: number; batches: number; pauseMs: number[]; active?: Engine }> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const client = new TrainerClient();
  const run = await client.configure({ speed: 'max', iterations: WARM_UP + ITERATIONS, engine });
  // The rate is timed from the first batch past WARM_UP iterations to the end, as the Node
  // rate is timed after a warm-up: the worker's engine runs unoptimised code at first
  // (WebAssembly tiers up from its baseline compiler while it runs).
  let t0 = 0;
  let from = 0;
  const done = new Promise<void>((resolve) => {
    const off = client.on((e) => {
      if (e.type === 'batch' && t0 === 0 && e.batch.iteration >= WARM_UP) {
        t0 = performance.now();
        from = e.batch.iteration;
      }
      if (e.type === 'state' && e.state === 'done') {
        off();
        resolve();
      }
    });
  });
  await client.start();
  await done;
  const seconds = (performance.now() - t0) / 1000;
  const delivered = client.costs.length - 1 - from;
  const batches = client.batchesReceived;

  // Pause latency at max speed: from the call to the page holding the paused state. Each pause
  // comes at a time unrelated to the worker's slices (after 100–300 ms of training).
  await client.configure({ iterations: 10_000_000 });
  const pauseMs: number[] = [];
  for (let i = 0; i < PAUSES; i++) {
    await client.start();
    await new Promise((r) => setTimeout(r, 100 + (200 * i) / PAUSES));
    const p0 = performance.now();
    await client.pause();
    pauseMs.push(performance.now() - p0);
  }

  client.dispose();
  observer.disconnect();
  return { rate: delivered / seconds, longestTask: Math.max(0, ...longTasks), batches, pauseMs, active: run.engine };
}

/**
 * One row per engine and measure ("wasm: delivered / Node"). The Node rows are missing when the
 * core bench has not written its results.
 */
export async function runStreamingBench(): Promise<Record<string, number>> {
  const node = await nodeRates();
  const table: Record<string, number> = {};
  for (const engine of ENGINES) {
    const page = pageRate(engine);
    // pageRate is itself one long task on this thread: let it end before watching for long tasks
    await new Promise((r) => setTimeout(r, 100));
    const streamed = await streamedRate(engine);
    if (streamed.active !== engine)
      throw new Error(`streaming bench: the worker trained on ${streamed.active}, not ${engine}`);
    const nodeRate = node.rates[engine];
    const row = (name: string, value: number): void => {
      table[`${engine}: ${name}`] = value;
    };
    if (nodeRate !== undefined) row('Node iterations/s (core bench)', Math.round(nodeRate));
    row('page-thread iterations/s', Math.round(page));
    row('delivered iterations/s (worker, max speed)', Math.round(streamed.rate));
    if (nodeRate !== undefined) row('delivered / Node', Number((streamed.rate / nodeRate).toFixed(3)));
    row('delivered / page thread', Number((streamed.rate / page).toFixed(3)));
    row('batches (220,000 iterations)', streamed.batches);
    row('longest main-thread task (ms)', Math.round(streamed.longestTask));
    row('pause latency at max speed: median (ms)', Number(median(streamed.pauseMs).toFixed(1)));
    row('pause latency at max speed: max (ms)', Number(Math.max(...streamed.pauseMs).toFixed(1)));
  }
  return table;
}

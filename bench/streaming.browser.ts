// Streaming benchmark (browser), per engine: iterations per second delivered to the page at max
// speed for the tutorial network over 100,000 iterations (timed after the first 20,000), against the engine's own rate in Node
// (bench/results/core.json, written by the core bench of the same `npm run bench` run; target
// ≥ 90%) and in this browser's page thread, and the main thread's longest task meanwhile
// (target: none over 50 ms).
import { createTrainer, notebookSetup, type Engine } from '../src/core/index';
import { TrainerClient } from '../src/client/trainer-client';

const ITERATIONS = 100_000;
/** Iterations the worker trains before the delivered rate is timed. */
const WARM_UP = 20_000;
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
): Promise<{ rate: number; longestTask: number; batches: number; pauseMs: number; active?: Engine }> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const client = new TrainerClient();
  const run = await client.configure({ speed: 'max', iterations: ITERATIONS, engine });
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

  // Pause latency at max speed: from the call to the page holding the paused state.
  await client.configure({ iterations: 10_000_000 });
  await client.start();
  await new Promise((r) => setTimeout(r, 300));
  const p0 = performance.now();
  await client.pause();
  const pauseMs = performance.now() - p0;

  const batches = client.batchesReceived;
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
    row('batches for 100k iterations', streamed.batches);
    row('longest main-thread task (ms)', Math.round(streamed.longestTask));
    row('pause latency at max speed (ms)', Number(streamed.pauseMs.toFixed(1)));
  }
  return table;
}

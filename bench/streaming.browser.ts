// Streaming benchmark (browser): iterations per second delivered to the page at max speed for
// the tutorial network over 100,000 iterations, next to the core's own rate in the same
// browser, and the main thread's longest task meanwhile.
import { createTrainer, notebookSetup } from '../src/core/index';
import { TrainerClient } from '../src/client/trainer-client';

const ITERATIONS = 100_000;

/** The core alone, on this thread: iterations per second of trainer.step. */
function coreRate(): number {
  const { X, T, initParams } = notebookSetup(1);
  const trainer = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9 });
  const costs = new Float64Array(ITERATIONS);
  trainer.step(2000, costs); // warm-up
  const fresh = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9 });
  const t0 = performance.now();
  fresh.step(ITERATIONS, costs);
  return ITERATIONS / ((performance.now() - t0) / 1000);
}

async function streamedRate(): Promise<{ rate: number; longestTask: number; batches: number; pauseMs: number }> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const client = new TrainerClient();
  await client.configure({ speed: 'max', iterations: ITERATIONS });
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    const off = client.on((e) => {
      if (e.type === 'state' && e.state === 'done') {
        off();
        resolve();
      }
    });
  });
  await client.start();
  await done;
  const seconds = (performance.now() - t0) / 1000;
  const delivered = client.costs.length - 1;

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
  return { rate: delivered / seconds, longestTask: Math.max(0, ...longTasks), batches, pauseMs };
}

export async function runStreamingBench(): Promise<Record<string, number>> {
  const core = coreRate();
  // coreRate is itself one long task on this thread: let it end before watching for long tasks
  await new Promise((r) => setTimeout(r, 100));
  const streamed = await streamedRate();
  return {
    'core iterations/s (page thread)': Math.round(core),
    'delivered iterations/s (worker, max speed)': Math.round(streamed.rate),
    'delivered / core': Number((streamed.rate / core).toFixed(3)),
    'batches for 100k iterations': streamed.batches,
    'longest main-thread task (ms)': Math.round(streamed.longestTask),
    'pause latency at max speed (ms)': Number(streamed.pauseMs.toFixed(1)),
  };
}

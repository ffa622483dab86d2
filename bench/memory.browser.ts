// Worker memory benchmark (browser), issue 12's budget: the training worker's memory stays within
// 64 MB (64 MiB, as workers/run.ts sizes its buffers) for runs of any length. The real worker
// (TrainerClient's, workers/trainer.worker.ts) trains at max speed; scripts/bench.mjs reads its
// memory from Chromium through the DevTools protocol (window.__benchWorkerMemory): V8's heap
// (Runtime.getHeapUsage: used, after a full GC (HeapProfiler.collectGarbage) where it says so),
// the ArrayBuffers' backing stores (typed arrays: the history, costs, data; outside V8's heap),
// Blink's heap in the worker, and the WebAssembly memories alive (the kernel's linear memory,
// also outside both: Runtime.queryObjects of WebAssembly.Memory). Total = the four.
// Each case: during the run (sampled every 200 ms, no forced GC: garbage counts), after it (GC),
// then after seeks across the run, a branch half way and training on to the end (GC).
// scripts/bench.mjs fails (exit code 1, an "over budget" line) when a total passes the bound.
import { TrainerClient } from '../src/client/trainer-client';
import type { TrainConfig } from '../src/protocol/config-schema';

/** The bound of issue 12, bytes. */
export const WORKER_MEMORY_BOUND = 64 * 1024 * 1024;

/** What scripts/bench.mjs reads from the newest training worker, bytes. */
export interface WorkerMemory {
  heapUsed: number;
  heapTotal: number;
  arrayBuffers: number;
  embedder: number;
  /** null unless asked for (`gc`): finding the memories walks the heap */
  wasm: number | null;
}

type Probe = (gc: boolean) => Promise<WorkerMemory | null>;

interface Case {
  name: string;
  config: Partial<TrainConfig>;
}

/**
 * The tutorial's network on each engine (the history keeps every 64th iteration on WebAssembly,
 * every 16th on JS), a larger one whose history fills its budget after ~25,000 iterations
 * (every iteration kept at first), so the run thins it three times, and the largest.
 */
const CASES: Case[] = [
  { name: 'tutorial (N=100, H=3), wasm, 300,000 iterations', config: { engine: 'wasm', iterations: 300_000 } },
  { name: 'tutorial (N=100, H=3), js, 300,000 iterations', config: { engine: 'js', iterations: 300_000 } },
  {
    name: 'N=1000, H=16, wasm, 200,000 iterations',
    config: { engine: 'wasm', samples: 1000, hiddenUnits: 16, learningRate: 0.002, iterations: 200_000 },
  },
  // The largest data and network the settings allow: the history's budget fills after ~6,000
  // iterations.
  {
    name: 'N=10000, H=64, wasm, 8,000 iterations',
    config: { engine: 'wasm', samples: 10_000, hiddenUnits: 64, learningRate: 0.0002, iterations: 8000 },
  },
];

const MB = 1024 * 1024;
const mb = (bytes: number): number => Number((bytes / MB).toFixed(1));

function probe(): Probe {
  const fn = (window as unknown as { __benchWorkerMemory?: Probe }).__benchWorkerMemory;
  if (!fn) throw new Error('memory bench: run it through scripts/bench.mjs (it reads the worker over CDP)');
  return fn;
}

async function read(gc: boolean): Promise<WorkerMemory> {
  const memory = await probe()(gc);
  if (!memory) throw new Error('memory bench: no training worker attached');
  return memory;
}

const jsSide = (m: WorkerMemory): number => m.heapUsed + m.arrayBuffers + m.embedder;

/** Trains until the run stops, sampling the worker's memory every 200 ms; the largest sample. */
async function trainSampling(client: TrainerClient): Promise<WorkerMemory> {
  let peak: WorkerMemory | null = null;
  const done = new Promise<void>((resolve) => {
    const off = client.on((e) => {
      if (e.type === 'state' && e.state !== 'running') {
        off();
        resolve();
      }
    });
  });
  let finished = false;
  void done.then(() => (finished = true));
  await client.start();
  while (!finished) {
    await Promise.race([done, new Promise((r) => setTimeout(r, 200))]);
    if (finished) break;
    const m = await read(false);
    if (!peak || jsSide(m) > jsSide(peak)) peak = m;
  }
  if (client.state !== 'done') throw new Error(`memory bench: the run ended ${client.state}`);
  return peak ?? (await read(false));
}

async function runCase(c: Case, table: Record<string, number>): Promise<void> {
  const client = new TrainerClient();
  try {
    const iterations = c.config.iterations ?? 0;
    await client.configure({ ...c.config, speed: 'max' });
    const fresh = await read(true);
    const during = await trainSampling(client);
    const after = await read(true);
    const wasm = after.wasm ?? 0;
    const row = (name: string, value: number): void => {
      table[`${c.name}: ${name}`] = value;
    };
    row('fresh run, after GC: total (MB)', mb(jsSide(fresh) + (fresh.wasm ?? 0)));
    row('during the run, largest sample: V8 heap used (MB)', mb(during.heapUsed));
    row('during the run, largest sample: array buffers (MB)', mb(during.arrayBuffers));
    row('during the run, largest sample: total (MB)', mb(jsSide(during) + wasm));
    row('after the run, after GC: V8 heap used (MB)', mb(after.heapUsed));
    row('after the run, after GC: array buffers (MB)', mb(after.arrayBuffers));
    row('after the run, after GC: Blink heap (MB)', mb(after.embedder));
    row('after the run, after GC: WebAssembly memory (MB)', mb(wasm));
    row('after the run, after GC: total (MB)', mb(jsSide(after) + wasm));
    // Seeks across the run (replays from kept snapshots), a branch half way, and on to the end.
    for (let k = 1; k <= 20; k++) await client.seek(Math.round((k * iterations) / 21) + 1);
    await client.branch(Math.round(iterations / 2) + 1);
    const duringBranch = await trainSampling(client);
    const afterBranch = await read(true);
    row('after seeks, a branch and training on: largest sample, total (MB)', mb(jsSide(duringBranch) + wasm));
    row(
      'after seeks, a branch and training on: after GC, total (MB)',
      mb(jsSide(afterBranch) + (afterBranch.wasm ?? 0)),
    );
  } finally {
    client.dispose();
  }
}

/** One row per case and measure; bench.mjs checks every "total (MB)" against `bound (MB)`. */
export async function runMemoryBench(): Promise<Record<string, number>> {
  const table: Record<string, number> = { 'bound (MB)': mb(WORKER_MEMORY_BOUND) };
  // The probe's first call attaches to the workers alive now (other suites' leftovers), so that
  // each case's worker, attached after them, is the newest.
  await probe()(false);
  for (const c of CASES) await runCase(c, table);
  return table;
}

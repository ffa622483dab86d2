// Core throughput: numpy, the JS engine and the WebAssembly engine, all timed in the same run on
// the same machine: median microseconds per full-batch training iteration at each size, with
// the ratios. Not a test: `npx tsx bench/core.ts` prints a table and writes
// bench/results/core.json (`npm run bench -- --only=core` runs it).
//
// - Ours: the loop the worker runs through `trainer.step(k)` on each engine (backprop from the
//   cached forward pass, momentum update, forward pass + cost of the new parameters).
//   `runCoreBench()` has no Node dependency, so a browser bench can import it and time the
//   same loop.
// - numpy: the tutorial's own vectorized code (bench/numpy_tutorial.py, the one copy) under
//   /usr/bin/python3 (Debian's python3-numpy, OpenBLAS) with OPENBLAS_NUM_THREADS=1, one
//   iteration being the notebook's loop body: update_velocity (whose backprop_gradients runs
//   the forward pass), update_params, cost(nn(X, params), T). It computes the same costs as
//   ours, but runs the forward pass twice per iteration where ours caches it; that is the
//   tutorial's code as written, which is what the comparison is about. Without a python3 that
//   imports numpy and scikit-learn, the table gives our absolute times and says numpy was not
//   measured.
// Same data and start on every side: np.random.seed(seed), make_circles(N, shuffle=False,
// factor=0.3, noise=0.1), then bh, Wh, bo, Wo = randn · 0.1 in the notebook's order (our
// RandomState draws numpy's stream), learning rate 0.02·100/N, momentum 0.9. Every side warms
// up, picks k iterations per timed sample (≥ 20 ms), and reports the median of 15 samples,
// taken in five rounds that alternate the sides, so that a shared machine's load falls on all
// alike. Times are CPU time of the process (Node's process.cpuUsage, Python's
// time.process_time), which other work on a shared machine inflates far less than wall-clock
// time; on an idle machine they agree.
//
// Where the JS engine's time goes (measured on a 2-core container): one iteration is the
// momentum update and one fused pass over the samples (src/core/fused-pass.ts), whose time is
// mostly the exponentials (the table-driven exp of src/core/exp.ts, one per hidden unit and
// sample plus one per sample for the softmax), the divisions of the logistic and softmax and,
// when the cost is reported, one Math.log per sample. The pass keeps the tutorial's H = 3 in
// registers and overlaps consecutive samples (their dependency chains are longer than the
// CPU's reorder window); larger H go through L1-sized tiles two units at a time. The
// WebAssembly kernel (assembly/) does two samples per f64x2 lane pair with the same exp.
import { createTrainer, makeCircles, oneHot, randomParams, RandomState } from '../src/core/index';
import type { Engine, Trainer } from '../src/core/index';
import type { spawn as spawnType, spawnSync as spawnSyncType } from 'node:child_process';
import type { createInterface as createInterfaceType } from 'node:readline';
import { median } from './stats';

export interface CoreBenchCase {
  samples: number;
  hidden: number;
}

/** One side's timing at one size. */
export interface Timing {
  /** median over the timed samples of (sample time / iterations in it), µs */
  medianMicros: number;
  minMicros: number;
  maxMicros: number;
  timedSamples: number;
  iterationsPerSample: number;
}

export interface CoreBenchResult extends Timing {
  engine: Engine;
  samples: number;
  hidden: number;
  classes: number;
}

export interface CoreBenchOptions {
  cases?: CoreBenchCase[];
  /** the engine to time (default 'js') */
  engine?: Engine;
  /** minimum duration of one timed sample, ms */
  minSampleMs?: number;
  /** number of timed samples per case */
  timedSamples?: number;
  /** warm-up time per case before timing, ms */
  warmupMs?: number;
  seed?: number;
  /** the clock, ms (default performance.now; main() uses the process's CPU time) */
  now?: () => number;
}

/** The sizes of the issue: the notebook's (100, 3), then (1000, 16) and (10000, 64). */
export const DEFAULT_CASES: CoreBenchCase[] = [
  { samples: 100, hidden: 3 },
  { samples: 1000, hidden: 16 },
  { samples: 10000, hidden: 64 },
];

const CLASSES = 2;
const DEFAULTS = { minSampleMs: 20, timedSamples: 15, warmupMs: 300, seed: 1 };

/**
 * The cost is summed over samples, so its gradient grows with N: scale the tutorial's
 * learning rate (0.02 at N = 100) to keep the step per sample, and the run stable.
 */
function learningRateFor(samples: number): number {
  return (0.02 * 100) / samples;
}

function makeTrainer(samples: number, hidden: number, seed: number, engine: Engine): Trainer {
  const rng = new RandomState(seed);
  const { X, t } = makeCircles({ nSamples: samples, factor: 0.3, noise: 0.1, shuffle: false }, rng);
  const params = randomParams({ inputs: 2, hidden, classes: CLASSES }, 0.1, rng);
  const options = { learningRate: learningRateFor(samples), momentum: 0.9, engine };
  return createTrainer(X, oneHot(t, CLASSES), params, options);
}

/** One side of the comparison at one size, warmed up, with k iterations per timed sample. */
export interface Sampler {
  /** iterations per timed sample */
  readonly iterationsPerSample: number;
  /** Times `count` samples; returns µs per iteration for each. */
  sample(count: number): number[];
  /** Frees the trainer (a WebAssembly instance's memory). */
  dispose(): void;
}

/** Warms our training loop up (JIT tiers) at one size and finds how many iterations fill one sample. */
export function createCoreSampler(c: CoreBenchCase, options: CoreBenchOptions = {}): Sampler {
  const { now = () => performance.now(), engine = 'js', ...rest } = options;
  const { minSampleMs, warmupMs, seed } = { ...DEFAULTS, ...rest };
  const { samples, hidden } = c;
  let trainer = makeTrainer(samples, hidden, seed, engine);
  let costs = new Float64Array(1);
  // Runs k iterations into a preallocated buffer; starts over if the run ever diverges.
  const run = (k: number): void => {
    if (costs.length < k) costs = new Float64Array(k);
    if (trainer.step(k, costs) < k) {
      trainer.dispose();
      trainer = makeTrainer(samples, hidden, seed, engine);
    }
  };
  let k = 1;
  const warmEnd = now() + warmupMs;
  for (;;) {
    const start = now();
    run(k);
    const elapsed = now() - start;
    if (elapsed >= minSampleMs && now() >= warmEnd) break;
    if (elapsed < minSampleMs) k *= 2;
  }
  return {
    iterationsPerSample: k,
    sample(count: number): number[] {
      const perIteration: number[] = [];
      for (let s = 0; s < count; s++) {
        const start = now();
        run(k);
        perIteration.push(((now() - start) * 1000) / k);
      }
      return perIteration;
    },
    dispose: () => trainer.dispose(),
  };
}

/** Summarises one side's per-iteration times. */
export function timing(perIteration: number[], iterationsPerSample: number): Timing {
  return {
    medianMicros: median(perIteration),
    minMicros: Math.min(...perIteration),
    maxMicros: Math.max(...perIteration),
    timedSamples: perIteration.length,
    iterationsPerSample,
  };
}

/** Times our training loop at each size; synchronous (a browser bench should run it in a worker). */
export function runCoreBench(options: CoreBenchOptions = {}): CoreBenchResult[] {
  const { cases = DEFAULT_CASES, timedSamples = DEFAULTS.timedSamples, engine = 'js' } = options;
  return cases.map((c) => {
    const sampler = createCoreSampler(c, options);
    const result = timing(sampler.sample(timedSamples), sampler.iterationsPerSample);
    sampler.dispose();
    return { engine, samples: c.samples, hidden: c.hidden, classes: CLASSES, ...result };
  });
}

const PYTHON = '/usr/bin/python3';
const INSTALL_HINT = 'apt-get install -y python3-numpy python3-sklearn';

type SpawnSync = typeof spawnSyncType;
type Spawn = typeof spawnType;
type CreateInterface = typeof createInterfaceType;

/** The numpy side at one size: a warm /usr/bin/python3 with one OpenBLAS thread, timing on request. */
interface NumpySampler {
  readonly iterationsPerSample: number;
  readonly version: string;
  sample(count: number): Promise<number[]>;
  close(): void;
}

async function startNumpy(
  spawn: Spawn,
  createInterface: CreateInterface,
  script: string,
  c: CoreBenchCase,
): Promise<NumpySampler> {
  const input = {
    ...c,
    ...DEFAULTS,
    classes: CLASSES,
    learningRate: learningRateFor(c.samples),
    momentum: 0.9,
    clock: 'cpu',
  };
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  const child = spawn(PYTHON, [script, JSON.stringify(input)], { env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done === true) {
      throw new Error(`bench/core: numpy run stopped at N=${c.samples}, H=${c.hidden}: ${stderr}`);
    }
    return JSON.parse(line.value);
  };
  const ready = (await next()) as { iterationsPerSample: number; numpy: string };
  return {
    iterationsPerSample: ready.iterationsPerSample,
    version: ready.numpy,
    async sample(count: number): Promise<number[]> {
      child.stdin.write(`${count}\n`);
      return (await next()) as number[];
    },
    close: () => child.stdin.end(),
  };
}

/** Why numpy cannot be measured here (no /usr/bin/python3 with numpy and scikit-learn), or null. */
function pythonProblem(spawnSync: SpawnSync): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, sklearn'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return null;
  const why = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
  return `needs ${PYTHON} with numpy and scikit-learn (${why}); install them with: ${INSTALL_HINT}`;
}

interface Row {
  samples: number;
  hidden: number;
  js: Timing;
  wasm: Timing;
  numpy: Timing | null;
}

const micros = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;

function formatTable(rows: Row[], withNumpy: boolean): string {
  const header = withNumpy
    ? ['N', 'H', 'numpy', 'JS', 'numpy ÷ JS', 'WASM', 'numpy ÷ WASM', 'JS ÷ WASM']
    : ['N', 'H', 'JS', 'WASM', 'JS ÷ WASM'];
  const cells = rows.map(({ samples, hidden, js, wasm, numpy }) => {
    const ours = [micros(js.medianMicros), micros(wasm.medianMicros)];
    const jsOverWasm = ratio(js.medianMicros, wasm.medianMicros);
    if (!withNumpy || numpy === null) return [String(samples), String(hidden), ...ours, jsOverWasm];
    const np = numpy.medianMicros;
    return [
      String(samples),
      String(hidden),
      micros(np),
      ours[0],
      ratio(np, js.medianMicros),
      ours[1],
      ratio(np, wasm.medianMicros),
      jsOverWasm,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]): string => row.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const [{ spawn, spawnSync }, { createInterface }, { mkdir, writeFile }, os, path, url] = await Promise.all([
    import('node:child_process'),
    import('node:readline'),
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
    import('node:url'),
  ]);
  const here = path.dirname(url.fileURLToPath(import.meta.url));
  const script = path.join(here, 'numpy_tutorial.py');
  const noNumpy = pythonProblem(spawnSync);
  // CPU time of this process, ms
  const cpuNow = (): number => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  // Size by size, the sides' samples in alternating rounds, so that a change in the machine's
  // load falls on all alike.
  const rows: Row[] = [];
  let numpyVersion = '';
  const rounds = 5;
  const perRound = DEFAULTS.timedSamples / rounds;
  for (const c of DEFAULT_CASES) {
    const js = createCoreSampler(c, { engine: 'js', now: cpuNow });
    const wasm = createCoreSampler(c, { engine: 'wasm', now: cpuNow });
    const numpy = noNumpy === null ? await startNumpy(spawn, createInterface, script, c) : null;
    if (numpy) numpyVersion = numpy.version;
    const times = { js: [] as number[], wasm: [] as number[], numpy: [] as number[] };
    try {
      for (let r = 0; r < rounds; r++) {
        times.js.push(...js.sample(perRound));
        times.wasm.push(...wasm.sample(perRound));
        if (numpy) times.numpy.push(...(await numpy.sample(perRound)));
      }
    } finally {
      numpy?.close();
      js.dispose();
      wasm.dispose();
    }
    rows.push({
      samples: c.samples,
      hidden: c.hidden,
      js: timing(times.js, js.iterationsPerSample),
      wasm: timing(times.wasm, wasm.iterationsPerSample),
      numpy: numpy ? timing(times.numpy, numpy.iterationsPerSample) : null,
    });
  }
  console.log(
    `core: median CPU time per iteration, C = 2, ${DEFAULTS.timedSamples} samples per side in ${rounds} alternating rounds`,
  );
  console.log(formatTable(rows, noNumpy === null));
  if (noNumpy === null) {
    console.log(`numpy ${numpyVersion} (${PYTHON}, OPENBLAS_NUM_THREADS=1), Node ${process.version}`);
  } else {
    console.log(`numpy was not measured: bench/core ${noNumpy}. Node ${process.version}`);
  }
  const dir = path.join(here, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'core.json');
  const environment = {
    node: process.version,
    python: PYTHON,
    numpy: noNumpy === null ? numpyVersion : `not measured: ${noNumpy}`,
    openblasThreads: 1,
    clock: 'process CPU time',
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    platform: process.platform,
  };
  const results = rows.map((row) => ({
    ...row,
    numpyOverJs: row.numpy ? row.numpy.medianMicros / row.js.medianMicros : null,
    numpyOverWasm: row.numpy ? row.numpy.medianMicros / row.wasm.medianMicros : null,
    jsOverWasm: row.js.medianMicros / row.wasm.medianMicros,
  }));
  await writeFile(file, JSON.stringify({ date: new Date().toISOString(), environment, results }, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

// Run only when invoked directly (`npx tsx bench/core.ts`), not when imported.
const entry = typeof process !== 'undefined' && Array.isArray(process.argv) ? process.argv[1] : undefined;
if (entry !== undefined && /bench[\\/]core\.ts$/.test(entry) && import.meta.url.endsWith('/bench/core.ts')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

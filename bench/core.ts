// Core throughput against numpy, both timed in the same run on the same machine: median
// microseconds per full-batch training iteration at each size. Not a test: `npx tsx
// bench/core.ts` prints a table and writes bench/results/core.json.
//
// - Ours: the loop the worker runs through `trainer.step(k)` (backprop from the cached forward
//   pass, momentum update, forward pass + cost of the new parameters). `runCoreBench()` has
//   no Node dependency, so a browser bench can import it and time the same loop.
// - numpy: the tutorial's own vectorized code (NUMPY_TUTORIAL below) under /usr/bin/python3
//   (Debian's python3-numpy, OpenBLAS) with OPENBLAS_NUM_THREADS=1, one iteration being the
//   notebook's loop body: update_velocity (whose backprop_gradients runs the forward pass),
//   update_params, cost(nn(X, params), T). It computes the same costs as ours, but runs the
//   forward pass twice per iteration where ours caches it; that is the tutorial's code as
//   written, which is what the comparison is about.
// Same data and start on both sides: np.random.seed(seed), make_circles(N, shuffle=False,
// factor=0.3, noise=0.1), then bh, Wh, bo, Wo = randn · 0.1 in the notebook's order (our
// RandomState draws numpy's stream), learning rate 0.02·100/N, momentum 0.9. Both sides warm
// up, pick k iterations per timed sample (≥ 20 ms), and report the median of 15 samples, taken
// in five alternating groups of three so that a shared machine's load falls on both alike.
//
// Where our time goes (measured earlier on a 2-core container): at N = 100, H = 3 mostly the
// ~500 Math.exp/log calls and loop overhead; at the larger sizes about 2/3 is the hidden
// logistic (one Math.exp and one division per N×H entry), the rest the fused backward sweep
// (unrolled for D = C = 2 in src/core/kernels-2d.ts), the H·Wo sweep and the cost.
import { createTrainer, makeCircles, oneHot, randomParams, RandomState } from '../src/core/index';
import type { Trainer } from '../src/core/index';
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
  samples: number;
  hidden: number;
  classes: number;
}

export interface CoreBenchOptions {
  cases?: CoreBenchCase[];
  /** minimum duration of one timed sample, ms */
  minSampleMs?: number;
  /** number of timed samples per case */
  timedSamples?: number;
  /** warm-up time per case before timing, ms */
  warmupMs?: number;
  seed?: number;
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

function makeTrainer(samples: number, hidden: number, seed: number): Trainer {
  const rng = new RandomState(seed);
  const { X, t } = makeCircles({ nSamples: samples, factor: 0.3, noise: 0.1, shuffle: false }, rng);
  const params = randomParams({ inputs: 2, hidden, classes: CLASSES }, 0.1, rng);
  return createTrainer(X, oneHot(t, CLASSES), params, { learningRate: learningRateFor(samples), momentum: 0.9 });
}

/** One side of the comparison at one size, warmed up, with k iterations per timed sample. */
export interface Sampler {
  /** iterations per timed sample */
  readonly iterationsPerSample: number;
  /** Times `count` samples; returns µs per iteration for each. */
  sample(count: number): number[];
}

/** Warms our training loop up (JIT tiers) at one size and finds how many iterations fill one sample. */
export function createCoreSampler(c: CoreBenchCase, options: CoreBenchOptions = {}): Sampler {
  const { now = () => performance.now(), ...rest } = options;
  const { minSampleMs, warmupMs, seed } = { ...DEFAULTS, ...rest };
  const { samples, hidden } = c;
  let trainer = makeTrainer(samples, hidden, seed);
  let costs = new Float64Array(1);
  // Runs k iterations into a preallocated buffer; starts over if the run ever diverges.
  const run = (k: number): void => {
    if (costs.length < k) costs = new Float64Array(k);
    if (trainer.step(k, costs) < k) trainer = makeTrainer(samples, hidden, seed);
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
  const { cases = DEFAULT_CASES, timedSamples = DEFAULTS.timedSamples } = options;
  return cases.map((c) => {
    const sampler = createCoreSampler(c, options);
    const result = timing(sampler.sample(timedSamples), sampler.iterationsPerSample);
    return { samples: c.samples, hidden: c.hidden, classes: CLASSES, ...result };
  });
}

/**
 * The tutorial's numpy code ("How to implement a neural network, part 4: vectorization"), its
 * notebook's setup, and the same warm-up and sample size as createCoreSampler. Reads one JSON
 * case from argv[1]; prints {iterationsPerSample, numpy} once warm, then answers each stdin
 * line (a count) with that many samples' µs per iteration, as one JSON array per line.
 */
const NUMPY_TUTORIAL = String.raw`
import json, sys, time
import numpy as np
from sklearn.datasets import make_circles

def logistic(z):
    return 1. / (1. + np.exp(-z))

def softmax(z):
    return np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)

def hidden_activations(X, Wh, bh):
    return logistic((X @ Wh) + bh)

def output_activations(H, Wo, bo):
    return softmax((H @ Wo) + bo)

def nn(X, Wh, bh, Wo, bo):
    return output_activations(hidden_activations(X, Wh, bh), Wo, bo)

def cost(Y, T):
    return - np.sum(np.multiply(T, np.log(Y)))

def error_output(Y, T):
    return Y - T

def gradient_weight_out(H, Eo):
    return H.T @ Eo

def gradient_bias_out(Eo):
    return np.sum(Eo, axis=0, keepdims=True)

def error_hidden(H, Wo, Eo):
    return np.multiply(np.multiply(H, (1 - H)), (Eo @ Wo.T))

def gradient_weight_hidden(X, Eh):
    return X.T @ Eh

def gradient_bias_hidden(Eh):
    return np.sum(Eh, axis=0, keepdims=True)

def backprop_gradients(X, T, Wh, bh, Wo, bo):
    H = hidden_activations(X, Wh, bh)
    Y = output_activations(H, Wo, bo)
    Eo = error_output(Y, T)
    JWo = gradient_weight_out(H, Eo)
    Jbo = gradient_bias_out(Eo)
    Eh = error_hidden(H, Wo, Eo)
    JWh = gradient_weight_hidden(X, Eh)
    Jbh = gradient_bias_hidden(Eh)
    return [JWh, Jbh, JWo, Jbo]

def update_velocity(X, T, ls_of_params, Vs, momentum_term, learning_rate):
    Js = backprop_gradients(X, T, *ls_of_params)
    return [momentum_term * V - learning_rate * J for V, J in zip(Vs, Js)]

def update_params(ls_of_params, Vs):
    return [P + V for P, V in zip(ls_of_params, Vs)]

case = json.loads(sys.argv[1])
N, H_units, C = case["samples"], case["hidden"], case["classes"]
np.random.seed(case["seed"])
X, t = make_circles(n_samples=N, shuffle=False, factor=0.3, noise=0.1)
T = np.zeros((N, C))
T[np.arange(N), t] = 1
init_var = 0.1
bh = np.random.randn(1, H_units) * init_var
Wh = np.random.randn(2, H_units) * init_var
bo = np.random.randn(1, C) * init_var
Wo = np.random.randn(H_units, C) * init_var
start_params = [Wh, bh, Wo, bo]
learning_rate, momentum_term = case["learningRate"], case["momentum"]
np.seterr(all="ignore")  # a divergent run restarts below, as ours does

state = {"params": start_params, "Vs": [np.zeros_like(P) for P in start_params]}

def run(k):
    params, Vs = state["params"], state["Vs"]
    for _ in range(k):
        Vs = update_velocity(X, T, params, Vs, momentum_term, learning_rate)
        params = update_params(params, Vs)
        last = cost(nn(X, *params), T)
    if not np.isfinite(last):
        params, Vs = start_params, [np.zeros_like(P) for P in start_params]
    state["params"], state["Vs"] = params, Vs

min_sample = case["minSampleMs"] / 1000
k = 1
warm_end = time.perf_counter() + case["warmupMs"] / 1000
while True:
    start = time.perf_counter()
    run(k)
    elapsed = time.perf_counter() - start
    if elapsed >= min_sample and time.perf_counter() >= warm_end:
        break
    if elapsed < min_sample:
        k *= 2

print(json.dumps({"iterationsPerSample": k, "numpy": np.__version__}), flush=True)
for line in sys.stdin:  # one line per request: how many samples to time
    per_iteration = []
    for _ in range(int(line)):
        start = time.perf_counter()
        run(k)
        per_iteration.append((time.perf_counter() - start) * 1e6 / k)
    print(json.dumps(per_iteration), flush=True)
`;

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

async function startNumpy(spawn: Spawn, createInterface: CreateInterface, c: CoreBenchCase): Promise<NumpySampler> {
  const input = { ...c, ...DEFAULTS, classes: CLASSES, learningRate: learningRateFor(c.samples), momentum: 0.9 };
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  const child = spawn(PYTHON, ['-c', NUMPY_TUTORIAL, JSON.stringify(input)], { env });
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

/** Fails with the install command unless /usr/bin/python3 can import numpy and scikit-learn. */
function checkPython(spawnSync: SpawnSync): void {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, sklearn'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
    throw new Error(
      `bench/core: the numpy comparison needs ${PYTHON} with numpy and scikit-learn (${why}). ` +
        `Install them with: ${INSTALL_HINT}`,
    );
  }
}

interface Row {
  ours: CoreBenchResult;
  numpy: Timing;
}

function formatTable(rows: Row[]): string {
  const header = ['N', 'H', 'C', 'ours µs/iter', 'min', 'max', 'numpy µs/iter', 'min', 'max', 'numpy / ours'];
  const cells = rows.map(({ ours, numpy }) => [
    String(ours.samples),
    String(ours.hidden),
    String(ours.classes),
    ours.medianMicros.toFixed(2),
    ours.minMicros.toFixed(2),
    ours.maxMicros.toFixed(2),
    numpy.medianMicros.toFixed(2),
    numpy.minMicros.toFixed(2),
    numpy.maxMicros.toFixed(2),
    `${(numpy.medianMicros / ours.medianMicros).toFixed(2)}×`,
  ]);
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
  checkPython(spawnSync);
  // Size by size, our samples and numpy's in alternating groups, so that a change in the
  // machine's load falls on both sides alike.
  const rows: Row[] = [];
  let numpyVersion = '';
  const groups = 5;
  const perGroup = DEFAULTS.timedSamples / groups;
  for (const c of DEFAULT_CASES) {
    const ours = createCoreSampler(c);
    const numpy = await startNumpy(spawn, createInterface, c);
    numpyVersion = numpy.version;
    const oursTimes: number[] = [];
    const numpyTimes: number[] = [];
    try {
      for (let g = 0; g < groups; g++) {
        oursTimes.push(...ours.sample(perGroup));
        numpyTimes.push(...(await numpy.sample(perGroup)));
      }
    } finally {
      numpy.close();
    }
    rows.push({
      ours: { samples: c.samples, hidden: c.hidden, classes: CLASSES, ...timing(oursTimes, ours.iterationsPerSample) },
      numpy: timing(numpyTimes, numpy.iterationsPerSample),
    });
  }
  console.log(formatTable(rows));
  const dir = path.join(path.dirname(url.fileURLToPath(import.meta.url)), 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'core.json');
  const environment = {
    node: process.version,
    python: PYTHON,
    numpy: numpyVersion,
    openblasThreads: 1,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    platform: process.platform,
  };
  const results = rows.map(({ ours, numpy }) => ({
    ...ours,
    numpy,
    numpyOverOurs: numpy.medianMicros / ours.medianMicros,
  }));
  await writeFile(file, JSON.stringify({ date: new Date().toISOString(), environment, results }, null, 2) + '\n');
  console.log(`\nnumpy ${numpyVersion} (${PYTHON}, OPENBLAS_NUM_THREADS=1), Node ${process.version}`);
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

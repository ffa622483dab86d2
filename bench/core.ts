// Core throughput: median microseconds per full-batch training iteration (backprop from the
// cached forward pass, momentum update, forward pass + cost of the new parameters), the loop
// the worker runs through `trainer.step(k)`. Not a test: `npx tsx bench/core.ts` prints a table
// and writes bench/results/core.json. `runCoreBench()` has no Node dependency, so a browser
// bench can import it and time the same loop.
//
// Where the time goes (Node 20, 2-core AMD EPYC container; per full iteration):
// - N=100, H=3 (~9 µs): ~500 Math.exp/log calls (300 exp in the hidden logistic, 100 in the
//   two-class softmax, 100 log in the cost) plus loop overhead; the arithmetic itself is tiny.
// - N=1000, H=16 (~370 µs) and N=10000, H=64 (~13.5 ms): about 2/3 is the hidden logistic
//   σ(z) = 1/(1 + e^−z), one Math.exp (6-9 ns, more once training spreads the logits) and one
//   division per N×H entry. The rest: the backward sweep (~5 ns per N×H entry: Eo·Woᵀ, JWo, JWh,
//   all unrolled for D = C = 2 in kernels-2d.ts), the H·Wo sweep (~2 ns per entry), the cost
//   (~0.5 µs per 100 samples). Every sweep walks row-major arrays contiguously; the N×H
//   activations (5 MB at N=10000, H=64) are written once and read once per iteration.
// - For reference, the tutorial's numpy code (numpy 2.4.6) on the same container took about
//   54 µs, 500 µs and 19.6 ms per iteration at these sizes; the table's numpy column is the
//   issue's reference machine (64-75 µs, 365 µs, 18-22 ms).
import { createTrainer, makeCircles, oneHot, randomParams, RandomState } from '../src/core/index';
import type { Trainer } from '../src/core/index';
import { median } from './stats';

export interface CoreBenchCase {
  samples: number;
  hidden: number;
  /** numpy's time per iteration for the tutorial's code at this size, µs (reference machine) */
  numpyMicros: number;
}

export interface CoreBenchResult {
  samples: number;
  hidden: number;
  classes: number;
  /** median over the timed samples of (sample time / iterations in it), µs */
  medianMicros: number;
  minMicros: number;
  maxMicros: number;
  timedSamples: number;
  iterationsPerSample: number;
  numpyMicros: number;
  /** numpy's time / ours: how many times faster */
  speedupVsNumpy: number;
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

/** The sizes of the issue: numpy took 64-75 µs, 365 µs and 18-22 ms per iteration. */
export const DEFAULT_CASES: CoreBenchCase[] = [
  { samples: 100, hidden: 3, numpyMicros: 70 },
  { samples: 1000, hidden: 16, numpyMicros: 365 },
  { samples: 10000, hidden: 64, numpyMicros: 20000 },
];

const CLASSES = 2;

function makeTrainer(samples: number, hidden: number, seed: number): Trainer {
  const rng = new RandomState(seed);
  const { X, t } = makeCircles({ nSamples: samples, factor: 0.3, noise: 0.1, shuffle: false }, rng);
  const params = randomParams({ inputs: 2, hidden, classes: CLASSES }, 0.1, rng);
  // The cost is summed over samples, so its gradient grows with N: scale the tutorial's
  // learning rate (0.02 at N = 100) to keep the step per sample, and the run stable.
  return createTrainer(X, oneHot(t, CLASSES), params, { learningRate: (0.02 * 100) / samples, momentum: 0.9 });
}

/** Times the training loop at each size; synchronous (a browser bench should run it in a worker). */
export function runCoreBench(options: CoreBenchOptions = {}): CoreBenchResult[] {
  const {
    cases = DEFAULT_CASES,
    minSampleMs = 20,
    timedSamples = 15,
    warmupMs = 300,
    seed = 1,
    now = () => performance.now(),
  } = options;
  return cases.map(({ samples, hidden, numpyMicros }) => {
    let trainer = makeTrainer(samples, hidden, seed);
    let costs = new Float64Array(1);
    // Runs k iterations into a preallocated buffer; starts over if the run ever diverges.
    const run = (k: number): void => {
      if (costs.length < k) costs = new Float64Array(k);
      if (trainer.step(k, costs) < k) trainer = makeTrainer(samples, hidden, seed);
    };

    // Warm up (JIT tiers) and find how many iterations fill one sample.
    let k = 1;
    const warmEnd = now() + warmupMs;
    for (;;) {
      const start = now();
      run(k);
      const elapsed = now() - start;
      if (elapsed >= minSampleMs && now() >= warmEnd) break;
      if (elapsed < minSampleMs) k *= 2;
    }

    const perIteration: number[] = [];
    for (let s = 0; s < timedSamples; s++) {
      const start = now();
      run(k);
      perIteration.push(((now() - start) * 1000) / k);
    }
    const medianMicros = median(perIteration);
    return {
      samples,
      hidden,
      classes: CLASSES,
      medianMicros,
      minMicros: Math.min(...perIteration),
      maxMicros: Math.max(...perIteration),
      timedSamples,
      iterationsPerSample: k,
      numpyMicros,
      speedupVsNumpy: numpyMicros / medianMicros,
    };
  });
}

function formatTable(results: CoreBenchResult[]): string {
  const header = ['N', 'H', 'C', 'median µs/iter', 'min', 'max', 'iters/sample', 'numpy µs', 'speed-up'];
  const rows = results.map((r) => [
    String(r.samples),
    String(r.hidden),
    String(r.classes),
    r.medianMicros.toFixed(2),
    r.minMicros.toFixed(2),
    r.maxMicros.toFixed(2),
    String(r.iterationsPerSample),
    String(r.numpyMicros),
    `${r.speedupVsNumpy.toFixed(1)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const [{ mkdir, writeFile }, os, path, url] = await Promise.all([
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
    import('node:url'),
  ]);
  const results = runCoreBench();
  console.log(formatTable(results));
  const dir = path.join(path.dirname(url.fileURLToPath(import.meta.url)), 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'core.json');
  const environment = {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    platform: process.platform,
  };
  await writeFile(file, JSON.stringify({ date: new Date().toISOString(), environment, results }, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

// Run only when invoked directly (`npx tsx bench/core.ts`), not when imported.
const entry = typeof process !== 'undefined' && Array.isArray(process.argv) ? process.argv[1] : undefined;
if (entry !== undefined && /bench[\\/]core\.ts$/.test(entry) && import.meta.url.endsWith('/bench/core.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

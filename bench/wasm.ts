// The two training engines side by side with numpy: median microseconds per full-batch
// iteration (backprop, momentum update, forward pass and cost) for the JS core
// (createTrainer), the WebAssembly engine (createWasmTrainer) and the tutorial's vectorized
// numpy loop (/usr/bin/python3, one OpenBLAS thread), all timed in one run, in rounds that
// alternate the three so a busy machine slows each alike. Times are CPU time of the process
// (user + system; Node's process.cpuUsage, Python's time.process_time), which a machine shared
// with other work inflates far less than wall-clock time; on an idle machine they agree.
// Not a test: `npx tsx bench/wasm.ts` prints the table and writes bench/results/wasm.json;
// `--rounds=R` (default 3).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createTrainer, makeCircles, oneHot, randomParams, RandomState } from '../src/core/index';
import type { Matrix, Params, Trainer } from '../src/core/index';
import { createWasmTrainer } from '../src/core/wasm/wasm-trainer';
import { median } from './stats';

const CASES = [
  { samples: 100, hidden: 3 },
  { samples: 1000, hidden: 16 },
  { samples: 10000, hidden: 64 },
];
/** timed samples per engine per round, and the least time one sample takes, ms */
const SAMPLES = 7;
const MIN_SAMPLE_MS = 30;

// The tutorial's code ("How to implement a neural network, part 4"), its training loop timed.
const NUMPY = String.raw`
import json, sys, time
import numpy as np
def logistic(z): return 1 / (1 + np.exp(-z))
def softmax(z): return np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
def hidden_activations(X, Wh, bh): return logistic((X @ Wh) + bh)
def output_activations(H, Wo, bo): return softmax((H @ Wo) + bo)
def nn(X, Wh, bh, Wo, bo): return output_activations(hidden_activations(X, Wh, bh), Wo, bo)
def cost(Y, T): return - np.sum(np.multiply(T, np.log(Y)))
def error_output(Y, T): return Y - T
def gradient_weight_out(H, Eo): return H.T @ Eo
def gradient_bias_out(Eo): return np.sum(Eo, axis=0, keepdims=True)
def error_hidden(H, Wo, Eo): return np.multiply(np.multiply(H, (1 - H)), (Eo @ Wo.T))
def gradient_weight_hidden(X, Eh): return X.T @ Eh
def gradient_bias_hidden(Eh): return np.sum(Eh, axis=0, keepdims=True)
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
job = json.load(sys.stdin)
X, T = np.array(job['X']), np.array(job['T'])
initial = [np.array(job['P'][name]) for name in ('Wh', 'bh', 'Wo', 'bo')]
def run(k):
    params = initial
    Vs = [np.zeros_like(P) for P in params]
    ls_costs = [cost(nn(X, *params), T)]
    for i in range(k):
        Vs = update_velocity(X, T, params, Vs, job['momentum'], job['learning_rate'])
        params = update_params(params, Vs)
        ls_costs.append(cost(nn(X, *params), T))
k = 1
while True:
    start = time.process_time(); run(k); elapsed = time.process_time() - start
    if elapsed >= job['min_sample_ms'] / 1000: break
    k *= 2
per = []
for s in range(job['samples']):
    start = time.process_time(); run(k); per.append((time.process_time() - start) * 1e6 / k)
print(json.dumps({'perIteration': per, 'numpy': np.__version__}))
`;

interface Problem {
  X: Matrix;
  T: Matrix;
  params: Params;
  learningRate: number;
  momentum: number;
}

function problem(samples: number, hidden: number): Problem {
  const rng = new RandomState(1);
  const { X, t } = makeCircles({ nSamples: samples, factor: 0.3, noise: 0.1, shuffle: false }, rng);
  const params = randomParams({ inputs: 2, hidden, classes: 2 }, 0.1, rng);
  // as bench/core.ts: the tutorial's ε = 0.02 at N = 100, scaled with N (the cost is a sum)
  return { X, T: oneHot(t, 2), params, learningRate: (0.02 * 100) / samples, momentum: 0.9 };
}

/**
 * CPU µs per iteration of `SAMPLES` timed samples, after a warm-up that also sizes them.
 * Each sample trains a new run from the initial parameters, as the numpy loop does; only
 * `step` is timed.
 */
function timeEngine(make: () => Trainer & { dispose?: () => void }): number[] {
  let costs = new Float64Array(1);
  const run = (k: number): number => {
    if (costs.length < k) costs = new Float64Array(k);
    const trainer = make();
    const start = process.cpuUsage();
    trainer.step(k, costs);
    const used = process.cpuUsage(start);
    trainer.dispose?.();
    return (used.user + used.system) / 1000;
  };
  let k = 1;
  const warmEnd = performance.now() + 300;
  for (;;) {
    const elapsed = run(k);
    if (elapsed >= MIN_SAMPLE_MS && performance.now() >= warmEnd) break;
    if (elapsed < MIN_SAMPLE_MS) k *= 2;
  }
  const per: number[] = [];
  for (let s = 0; s < SAMPLES; s++) per.push((run(k) * 1000) / k);
  return per;
}

function timeNumpy(p: Problem): { perIteration: number[]; numpy: string } {
  const rows = (m: Matrix): number[][] =>
    Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  const job = {
    X: rows(p.X),
    T: rows(p.T),
    P: { Wh: rows(p.params.Wh), bh: rows(p.params.bh), Wo: rows(p.params.Wo), bo: rows(p.params.bo) },
    learning_rate: p.learningRate,
    momentum: p.momentum,
    samples: SAMPLES,
    min_sample_ms: MIN_SAMPLE_MS,
  };
  const result = spawnSync('/usr/bin/python3', ['-c', NUMPY], {
    input: JSON.stringify(job),
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`numpy bench failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { perIteration: number[]; numpy: string };
}

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
let numpyVersion = '?';
const results = CASES.map(({ samples, hidden }) => {
  const p = problem(samples, hidden);
  const hyper = { learningRate: p.learningRate, momentum: p.momentum };
  const js: number[] = [];
  const wasm: number[] = [];
  const numpy: number[] = [];
  for (let r = 0; r < rounds; r++) {
    js.push(...timeEngine(() => createTrainer(p.X, p.T, p.params, hyper)));
    wasm.push(...timeEngine(() => createWasmTrainer(p.X, p.T, p.params, hyper)));
    const np = timeNumpy(p);
    numpy.push(...np.perIteration);
    numpyVersion = np.numpy;
  }
  const row = { samples, hidden, numpy: median(numpy), js: median(js), wasm: median(wasm) };
  return { ...row, jsVsNumpy: row.numpy / row.js, wasmVsNumpy: row.numpy / row.wasm, wasmVsJs: row.js / row.wasm };
});

const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);
const header = ['N', 'H', 'numpy', 'JS core', 'JS ÷ numpy', 'WASM', 'WASM ÷ numpy', 'WASM ÷ JS'];
const lines = results.map((r) => [
  String(r.samples),
  String(r.hidden),
  fmt(r.numpy),
  fmt(r.js),
  `${r.jsVsNumpy.toFixed(1)}×`,
  fmt(r.wasm),
  `${r.wasmVsNumpy.toFixed(1)}×`,
  `${r.wasmVsJs.toFixed(1)}×`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(
  `median per iteration, C = 2, ${rounds} rounds × ${SAMPLES} samples per engine (speed-ups: numpy's time ÷ ours)`,
);
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n'));
mkdirSync('bench/results', { recursive: true });
const environment = {
  node: process.version,
  numpy: numpyVersion,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
};
writeFileSync(
  'bench/results/wasm.json',
  JSON.stringify({ date: new Date().toISOString(), environment, results }, null, 2) + '\n',
);
console.log('\nwrote bench/results/wasm.json');

// dispose() lets the WebAssembly memory go: trainers kept after dispose (as a careless caller
// might keep them) hold none of it. Measured in a child Node with --expose-gc, by the resident
// memory after many create/step/dispose cycles, against a control that keeps trainers undisposed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const trainerModule = fileURLToPath(new URL('./wasm-trainer.ts', import.meta.url));

// 50 000 samples, H = 8: about 2.5 MB of linear memory per trainer.
const CHILD = `
import { createWasmTrainer } from ${JSON.stringify(trainerModule)};
const n = 50000, hidden = 8;
const X = { rows: n, cols: 2, data: new Float64Array(2 * n).map((_, i) => Math.sin(i)) };
const T = { rows: n, cols: 2, data: new Float64Array(2 * n).map((_, i) => (i + (i >> 1)) % 2) };
const small = (rows, cols) => ({ rows, cols, data: new Float64Array(rows * cols).map((_, i) => 0.1 * Math.cos(i)) });
const params = { Wh: small(2, hidden), bh: small(1, hidden), Wo: small(hidden, 2), bo: small(1, 2) };
const hyper = { learningRate: 1e-5, momentum: 0.9 };
const rss = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().rss / 2 ** 20; };
const first = createWasmTrainer(X, T, params, hyper);
first.step(2);
const firstCost = first.cost;
first.dispose();
const start = rss();
const kept = [];
for (let i = 0; i < 60; i++) {
  const trainer = createWasmTrainer(X, T, params, hyper);
  trainer.step(2);
  trainer.dispose();
  kept.push(trainer);
  if (i % 10 === 9) globalThis.gc();
}
const afterDisposed = rss();
const again = createWasmTrainer(X, T, params, hyper);
again.step(2);
const sameCost = again.cost === firstCost;
again.dispose();
const undisposed = [];
for (let i = 0; i < 16; i++) {
  const trainer = createWasmTrainer(X, T, params, hyper);
  trainer.step(2);
  undisposed.push(trainer);
}
const afterUndisposed = rss();
console.log(JSON.stringify({ disposedGrowth: afterDisposed - start, undisposedGrowth: afterUndisposed - afterDisposed, kept: kept.length + undisposed.length, sameCost }));
`;

describe('dispose', () => {
  it('frees the memory: 60 create/step/dispose cycles keep nothing, 16 undisposed trainers keep ~40 MB', () => {
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as {
      disposedGrowth: number;
      undisposedGrowth: number;
      kept: number;
      sameCost: boolean;
    };
    expect(out.kept).toBe(76);
    expect(out.sameCost).toBe(true);
    // leaked, the 60 disposed trainers would hold ~150 MB
    expect(out.disposedGrowth, JSON.stringify(out)).toBeLessThan(15);
    expect(out.undisposedGrowth, JSON.stringify(out)).toBeGreaterThan(25);
  }, 60_000);

  it('keeps the last state readable, and refuses to step', async () => {
    const { notebookSetup, packParams } = await import('../index');
    const { createWasmTrainer } = await import('./wasm-trainer');
    const setup = notebookSetup(1);
    const trainer = createWasmTrainer(setup.X, setup.T, setup.initParams, { learningRate: 0.02, momentum: 0.9 });
    trainer.step(10);
    const state = [
      trainer.cost,
      trainer.accuracy,
      trainer.iteration,
      ...packParams(trainer.params),
      ...packParams(trainer.velocities),
    ];
    trainer.dispose();
    trainer.dispose();
    expect([
      trainer.cost,
      trainer.accuracy,
      trainer.iteration,
      ...packParams(trainer.params),
      ...packParams(trainer.velocities),
    ]).toEqual(state);
    const out = new Float64Array(17);
    trainer.writePackedParams(out);
    expect(Array.from(out)).toEqual(state.slice(3, 20));
    trainer.writePackedVelocities(out);
    expect(Array.from(out)).toEqual(state.slice(20, 37));
    expect(() => trainer.step(1)).toThrow(/disposed/);
  });
});

// The WebAssembly engine in real Chromium, on the main thread and in a module worker: the
// bundled bytes compile synchronously in both, SIMD is there, and the run agrees with the JS
// core as in Node.
import { describe, expect, it } from 'vitest';
import { mismatch } from '../../../test/fixtures/numpy/load';
import { createTrainer, notebookSetup, packParams } from '../index';
import { wasmEngineSupport, wasmSimdAvailable } from './support';
import { createWasmTrainer } from './wasm-trainer';

const hyper = { learningRate: 0.02, momentum: 0.9 };

describe('WebAssembly engine in Chromium', () => {
  it('is available on the main thread and trains as the JS core does', () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(wasmEngineSupport()).toEqual({ available: true });
    const setup = notebookSetup(1, { samples: 1000, hiddenUnits: 16 });
    const js = createTrainer(setup.X, setup.T, setup.initParams, { ...hyper, learningRate: 0.002, engine: 'js' });
    const wasm = createWasmTrainer(setup.X, setup.T, setup.initParams, { ...hyper, learningRate: 0.002 });
    const jsCosts = new Float64Array(300);
    const wasmCosts = new Float64Array(300);
    js.step(300, jsCosts);
    wasm.step(300, wasmCosts);
    expect(mismatch(wasmCosts, jsCosts, 1e-9)).toBeNull();
    expect(mismatch(packParams(wasm.params), packParams(js.params), 1e-9, 1e-12)).toBeNull();
    wasm.dispose();
  });

  it('compiles and trains in a module worker', async () => {
    const source = `
      import { notebookSetup } from ${JSON.stringify(new URL('../index.ts', import.meta.url).href)};
      import { createWasmTrainer } from ${JSON.stringify(new URL('./wasm-trainer.ts', import.meta.url).href)};
      const setup = notebookSetup(1);
      const trainer = createWasmTrainer(setup.X, setup.T, setup.initParams, { learningRate: 0.02, momentum: 0.9 });
      const costs = new Float64Array(300);
      trainer.step(300, costs);
      postMessage({ last: costs[299], engine: trainer.engine });
    `;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    const reply = await new Promise<{ last: number; engine: string }>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ last: number; engine: string }>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
    });
    worker.terminate();
    URL.revokeObjectURL(url);
    const setup = notebookSetup(1);
    const js = createTrainer(setup.X, setup.T, setup.initParams, { ...hyper, engine: 'js' });
    js.step(300);
    expect(reply.engine).toBe('wasm');
    expect(mismatch([reply.last], [js.cost], 1e-9)).toBeNull();
  });
});

// Both training engines in the real worker (a module Worker in Chromium, driven through
// TrainerClient): the same config gives the same costs on each, to 1e-9 relative, and switching
// engines restarts the run on the same data and initial parameters.
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../src/protocol/config-schema';

import { makeClient } from '../test/helpers/clients';

/** The index and relative difference of the first cost further than `rtol` from the other's, or null. */
function firstMismatch(a: Float64Array, b: Float64Array, rtol: number): string | null {
  if (a.length !== b.length) return `lengths ${a.length} ≠ ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= rtol * Math.abs(b[i]))) return `cost ${i}: ${a[i]} vs ${b[i]}`;
  }
  return null;
}

describe('training engines in the worker', () => {
  const configs: [string, Partial<TrainConfig>, number][] = [
    ['the tutorial (N = 100, H = 3)', {}, 300],
    ['N = 1000, H = 16', { samples: 1000, hiddenUnits: 16, learningRate: 0.002 }, 500],
    ['N = 4000, H = 64, noisy', { samples: 4000, hiddenUnits: 64, noise: 0.3, learningRate: 0.0002, seed: 7 }, 300],
  ];

  it.each(configs)('%s: every cost agrees to 1e-9 relative', async (_name, config, iterations) => {
    const client = makeClient();
    const js = await client.configure({ ...config, iterations, engine: 'js', speed: 'max' });
    expect(js.engine).toBe('js');
    expect(js.engineFallback).toBeUndefined();
    await client.step(iterations);
    const jsCosts = client.costs.values.slice();
    const jsData = client.snapshot.data!;
    expect(jsCosts.length).toBe(iterations + 1);

    const wasm = await client.configure({ engine: 'wasm' });
    expect(wasm.engine).toBe('wasm');
    expect(wasm.reset).toBe('restart');
    expect(client.snapshot.engine).toBe('wasm');
    expect(client.snapshot.iteration).toBe(0);
    // the same data, sent again with the restarted run
    expect(client.snapshot.data).not.toBe(jsData);
    expect(Array.from(client.snapshot.data!.X)).toEqual(Array.from(jsData.X));
    await client.step(iterations);
    const wasmCosts = client.costs.values.slice();
    expect(firstMismatch(wasmCosts, jsCosts, 1e-9)).toBeNull();
    // and `auto` takes WebAssembly here (Chromium has SIMD; this page sets no CSP)
    const auto = await client.configure({ engine: 'auto' });
    expect(auto.engine).toBe('wasm');
    expect(auto.engineFallback).toBeUndefined();
  });

  it('an engine switch keeps a free run running, from iteration 0 on the same initial parameters', async () => {
    const client = makeClient();
    await client.configure({ engine: 'wasm', speed: 'max', iterations: 100_000 });
    const initial = client.snapshot.params!.slice();
    await client.start();
    await client.configure({ engine: 'js' });
    expect(client.snapshot.engine).toBe('js');
    expect(client.snapshot.state).toBe('running');
    await client.pause();
    const restarted = await client.getSnapshot(0);
    expect(Array.from(restarted!.params)).toEqual(Array.from(initial));
  });
});

// Rendering benchmark (browser): median milliseconds per draw of the two WebGL views, timed
// from the draw call to a one-pixel readPixels (which waits for the GPU to finish the frame).
// Cases: the decision map at 400² with H = 3, at 800² with H = 16 and H = 64 (full quality,
// per pixel, in one frame; plus the coarse `fast` quality at 800² H = 64, and the exact map at
// 800² H = 16 drawn over several frames as a paused view does on software GL), and the hidden space with 10,000
// and 100,000 points, and the network diagram at 400² with H = 16 (every unit's map, the
// links and the update marks). Each draw gets a new parameters object, as a snapshot would.
//
// It drives the renderer classes the elements use, on canvases attached to the page but
// placed off-screen, so the canvas sizes are exact (no devicePixelRatio, no layout) and the
// elements' visibility gating does not skip the work.
//
// Usage: add `{ name: 'render', run: runRenderBench }` to the suites in bench/main.ts; then
// `npm run bench -- --only=render`. In a page of your own: `console.table(await runRenderBench())`.
import type { Params } from '../src/core/types';
import type { DatasetMessage } from '../src/protocol/trainer-api';
import { createRegl } from '../src/render/gl/create-regl';
import { GlMapRenderer } from '../src/render/map/gl-map-renderer';
import { GlHiddenSpaceRenderer } from '../src/render/hidden-space/gl-hidden-space-renderer';
import { readTheme } from '../src/render/gl/theme';
import { GlNetworkRenderer } from '../src/render/network/gl-network-renderer';
import { layoutNetwork } from '../src/render/network/network-layout';
import { buildScene } from '../src/render/network/network-scene';
import { readNetworkColors } from '../src/render/network/network-theme';
import { packParams } from '../src/core/params';
import { median } from './stats';

const WARMUP = 3;

/** A deterministic pseudo-random stream in [−1, 1). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

function randomParams(H: number, seed: number): Params {
  const rand = stream(seed);
  const m = (rows: number, cols: number, scale: number) => ({
    rows,
    cols,
    data: Float64Array.from({ length: rows * cols }, () => rand() * scale),
  });
  return { Wh: m(2, H, 6), bh: m(1, H, 3), Wo: m(H, 2, 6), bo: m(1, 2, 1) };
}

/** A new object per snapshot, as the trainer delivers them; the numbers drift a little. */
function snapshot(params: Params, k: number): Params {
  const scaled = (m: Params['Wh']) => ({ ...m, data: m.data.map((v) => v * (1 + 1e-3 * Math.sin(k))) });
  return { Wh: scaled(params.Wh), bh: scaled(params.bh), Wo: scaled(params.Wo), bo: scaled(params.bo) };
}

function randomData(N: number, seed: number): DatasetMessage {
  const rand = stream(seed);
  const X = Float64Array.from({ length: 2 * N }, () => 2 * rand());
  const t = Int32Array.from({ length: N }, (_, i) => i % 2);
  return { X, t, samples: N, inputs: 2, classes: 2, testRows: new Int32Array(0) };
}

function offscreenCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.style.cssText = `position: fixed; left: -${width + 100}px; top: 0; width: ${width}px; height: ${height}px`;
  document.body.append(canvas);
  return canvas;
}

/** Median ms of `draw(k)` followed by a one-pixel read-back, after a warm-up. */
async function time(gl: WebGLRenderingContext, runs: number, draw: (k: number) => void): Promise<number> {
  const pixel = new Uint8Array(4);
  const times: number[] = [];
  for (let k = 0; k < WARMUP + runs; k++) {
    const start = performance.now();
    draw(k);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    if (k >= WARMUP) times.push(performance.now() - start);
    // let the page breathe between draws
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return median(times);
}

async function benchMap(size: number, H: number, quality: 'fast' | 'full', runs: number): Promise<number> {
  const canvas = offscreenCanvas(size, size);
  const regl = createRegl(canvas);
  // the exact map in one frame (a view draws it over several on software GL: benchMapSteps)
  const renderer = new GlMapRenderer(regl, 'fast', Infinity);
  try {
    renderer.resize(size, size, 1);
    renderer.setTheme(readTheme(document.body));
    renderer.setData(randomData(100, 7));
    const params = randomParams(H, H);
    return await time(regl._gl as WebGLRenderingContext, runs, (k) => {
      renderer.setParams(snapshot(params, k));
      renderer.draw(quality);
    });
  } finally {
    renderer.destroy();
    canvas.remove();
  }
}

/**
 * The exact map as a paused view draws it on software GL, over several frames: median ms per
 * step (the first one, which also draws the coarse map, included) and the number of steps.
 */
async function benchMapSteps(size: number, H: number): Promise<{ step: number; steps: number }> {
  const canvas = offscreenCanvas(size, size);
  const regl = createRegl(canvas);
  const renderer = new GlMapRenderer(regl);
  try {
    renderer.resize(size, size, 1);
    while (renderer.prepare('first') || renderer.prepare('idle'));
    renderer.setTheme(readTheme(document.body));
    renderer.setData(randomData(100, 7));
    const params = randomParams(H, H);
    const gl = regl._gl as WebGLRenderingContext;
    const pixel = new Uint8Array(4);
    const times: number[] = [];
    for (let k = 0; k < 2; k++) {
      renderer.setParams(snapshot(params, k));
      times.length = 0;
      do {
        const start = performance.now();
        renderer.draw('full');
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        times.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 0));
      } while (renderer.refining);
    }
    return { step: median(times), steps: times.length };
  } finally {
    renderer.destroy();
    canvas.remove();
  }
}

async function benchHidden(
  points: number,
  runs: number,
  H = 3,
  overlays = { plane: true, grid: true },
): Promise<number> {
  const size = 600;
  const canvas = offscreenCanvas(size, size);
  const regl = createRegl(canvas);
  const renderer = new GlHiddenSpaceRenderer(regl);
  try {
    renderer.resize(size, size, 1);
    renderer.setTheme(readTheme(document.body));
    renderer.setData(randomData(points, 11));
    renderer.setOverlays(overlays);
    const params = randomParams(H, 3);
    return await time(regl._gl as WebGLRenderingContext, runs, (k) => {
      renderer.setParams(snapshot(params, k));
      renderer.setCamera({ elevation: 30, azimuth: -20 + k });
      renderer.draw();
    });
  } finally {
    renderer.destroy();
    canvas.remove();
  }
}

async function benchNetwork(size: number, H: number, runs: number): Promise<number> {
  const canvas = offscreenCanvas(size, size);
  const regl = createRegl(canvas);
  const renderer = new GlNetworkRenderer(regl);
  try {
    renderer.resize(size, size, 1);
    renderer.setColors(readNetworkColors(document.body));
    const params = randomParams(H, H);
    const layout = layoutNetwork({ inputs: 2, hidden: H, classes: 2 }, size);
    const colors = readNetworkColors(document.body);
    return await time(regl._gl as WebGLRenderingContext, runs, (k) => {
      const shown = snapshot(params, k);
      renderer.setParams(shown);
      const packed = packParams(shown);
      renderer.draw(buildScene({ layout, params: packed, gradients: packed, focus: null, colors }));
    });
  } finally {
    renderer.destroy();
    canvas.remove();
  }
}

export async function runRenderBench(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const record = (name: string, ms: number): void => {
    results[name] = Math.round(ms * 100) / 100;
  };
  record('map 400² H=3 full (ms/draw)', await benchMap(400, 3, 'full', 30));
  record('map 800² H=16 full (ms/draw)', await benchMap(800, 16, 'full', 15));
  record('map 800² H=64 full (ms/draw)', await benchMap(800, 64, 'full', 9));
  record('map 800² H=64 fast (ms/draw)', await benchMap(800, 64, 'fast', 15));
  // what a paused view draws a frame instead of the one-frame exact map
  const steps = await benchMapSteps(800, 16);
  record('map 800² H=16 full over several frames (ms/frame)', steps.step);
  record('map 800² H=16 full over several frames (frames)', steps.steps);
  record('hidden 10,000 points (ms/draw)', await benchHidden(10_000, 20));
  record('hidden 100,000 points (ms/draw)', await benchHidden(100_000, 10));
  // the overlays: the plane's mesh per snapshot (H = 16: the data means over ≤ 1,024 samples) and the grid's lines
  record(
    'hidden 10,000 points, no plane or grid (ms/draw)',
    await benchHidden(10_000, 20, 3, { plane: false, grid: false }),
  );
  record('hidden 10,000 points H=16, plane and grid (ms/draw)', await benchHidden(10_000, 20, 16));
  record('network diagram 400² H=16 (ms/draw)', await benchNetwork(400, 16, 30));
  return results;
}

// Cost-curve benchmark (browser): milliseconds per frame to take 100 new costs into
// <bp-cost-curve> (append to the store, Lit update, incremental decimation, one uPlot setData
// and its canvas draw) on top of histories of 1e3, 1e5 and 1e6 costs. The decimator reads only
// the new costs and uPlot draws O(width) points, so the time per frame should not grow with
// the history. Canvas raster may finish later in the compositor; this times the main thread.
import '../src/components/bp-cost-curve';
import type { BpCostCurve } from '../src/components/bp-cost-curve';
import { CostStore } from '../src/client/cost-store';
import { frameScheduler } from '../src/render/canvas/frame-scheduler';
import { quantileSorted } from './stats';

const PER_FRAME = 100;
const WARMUP_FRAMES = 10;
const FRAMES = 120;
const HISTORIES = [1e3, 1e5, 1e6] as const;

/** A deterministic, cost-like curve: decaying, with some wiggle. */
function costs(from: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    out[k] = (0.7 / (1 + i / 500)) * (1 + 0.05 * Math.sin(i * 0.37));
  }
  return out;
}

interface CurveRun {
  median: number;
  p95: number;
  points: number;
  readPerFrame: number;
}

async function measure(history: number): Promise<CurveRun> {
  const el = document.createElement('bp-cost-curve') as BpCostCurve;
  el.style.display = 'block';
  el.style.width = '800px';
  document.body.append(el);
  const store = new CostStore();
  store.append(0, costs(0, history));
  el.iterations = history + PER_FRAME * (WARMUP_FRAMES + FRAMES);
  el.costs = store.values;
  el.revision = store.version;
  await el.updateComplete;
  el.flush(); // takes in the whole history once (not timed)

  const times: number[] = [];
  const read0 = el.processedCount;
  for (let f = 0; f < WARMUP_FRAMES + FRAMES; f++) {
    // one batch per animation frame, taken after the page's draw phase (test/helpers' nextFrame
    // would bring vitest into the benchmark page)
    await frameScheduler.afterDraw();
    const batch = costs(store.length, PER_FRAME); // the worker's batch, made outside the timing
    const t0 = performance.now();
    store.append(store.length, batch);
    el.costs = store.values;
    el.revision = store.version;
    await el.updateComplete;
    el.flush();
    const dt = performance.now() - t0;
    if (f >= WARMUP_FRAMES) times.push(dt);
  }
  const readPerFrame = (el.processedCount - read0) / (WARMUP_FRAMES + FRAMES);
  const points = el.renderedPointCount;
  el.remove();
  times.sort((a, b) => a - b);
  return { median: quantileSorted(times, 0.5), p95: quantileSorted(times, 0.95), points, readPerFrame };
}

const round3 = (x: number): number => Number(x.toFixed(3));

export async function runCurveBench(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const medians: number[] = [];
  for (const history of HISTORIES) {
    const run = await measure(history);
    const name = history.toExponential(0).replace('+', '');
    medians.push(run.median);
    results[`median ms/frame, +${PER_FRAME} on ${name}`] = round3(run.median);
    results[`p95 ms/frame, +${PER_FRAME} on ${name}`] = round3(run.p95);
    results[`points drawn, ${name}`] = run.points;
    results[`costs read per frame, ${name}`] = run.readPerFrame;
  }
  results['median ratio 1e6 / 1e3'] = round3(medians[medians.length - 1] / medians[0]);
  return results;
}

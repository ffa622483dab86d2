// Unit maps on the CPU: the fallback's pictures and the reference the shader is tested
// against. h_k is the core's hiddenActivations, y_c its nn (display only; no training code).
import { hiddenActivations, nn } from '../../core/network';
import type { Params } from '../../core/types';
import type { Rgba } from '../gl/theme';
import { gridPoints } from '../map/probability-grid';
import type { UnitRef } from './network-layout';
import { UNIT_RANGE } from './network-renderer';

/** The centres of n cells over [lo, hi], ascending. */
export function cellCentres(n: number, lo = UNIT_RANGE.lo, hi = UNIT_RANGE.hi): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / n);
}

/**
 * Every hidden unit's and every class's value at the centres of an n×n grid, row 0 at the top
 * (y = hi): `hidden` is n²×H, `outputs` n²×C, row-major by cell. Null for non-finite output.
 */
export function unitGrids(params: Params, n: number): { hidden: Float64Array; outputs: Float64Array } {
  const xs = cellCentres(n);
  const ys = cellCentres(n).reverse();
  const points = gridPoints(xs, ys);
  return { hidden: hiddenActivations(points, params.Wh, params.bh).data, outputs: nn(points, params).data };
}

/** One unit's values out of unitGrids(), n² long. */
export function unitValuesOf(
  grids: { hidden: Float64Array; outputs: Float64Array },
  params: Params,
  unit: UnitRef,
): Float32Array {
  const source = unit.layer === 'hidden' ? grids.hidden : grids.outputs;
  const width = unit.layer === 'hidden' ? params.Wh.cols : params.Wo.cols;
  const cells = source.length / width;
  const out = new Float32Array(cells);
  for (let k = 0; k < cells; k++) out[k] = source[k * width + unit.index];
  return out;
}

/**
 * The diverging scale as straight-alpha bytes into `out` at `o`: the low colour below 0.5 and
 * the high colour above, opaque at 0 and 1, transparent at 0.5 (the background is the neutral).
 */
export function divergingInto(v: number, low: Rgba, high: Rgba, out: Uint8ClampedArray, o: number): void {
  const d = Math.max(-1, Math.min(1, 2 * v - 1));
  const c = d < 0 ? low : high;
  out[o] = c[0] * 255;
  out[o + 1] = c[1] * 255;
  out[o + 2] = c[2] * 255;
  out[o + 3] = Math.abs(d) * 255;
}

/** The values as an n×n image on the diverging scale. */
export function divergingImage(values: Float32Array, n: number, low: Rgba, high: Rgba): ImageData {
  const image = new ImageData(n, n);
  for (let k = 0; k < n * n; k++) divergingInto(values[k], low, high, image.data, 4 * k);
  return image;
}

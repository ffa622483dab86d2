// Which hidden units the hidden space puts on its three axes, and the weights that make each
// axis's coordinate.
import type { Params } from '../../core/types';

/** A unit number (1-based, as labelled: h1 … hH) per axis, or null for an axis padded with 0. */
export type AxisUnits = readonly [number | null, number | null, number | null];

export const DEFAULT_UNITS: readonly [number, number, number] = [1, 2, 3];

/**
 * Resolves the requested units (1-based) for a network with H hidden units. H ≥ 3: a request
 * out of 1…H is replaced by the smallest unit not shown yet. H < 3: units 1…H on the first
 * axes, the remaining axes padded with 0 (every point sits on that axis's 0 plane).
 */
export function resolveUnits(requested: readonly number[], H: number): AxisUnits {
  if (H < 3) return [H >= 1 ? 1 : null, H >= 2 ? 2 : null, null];
  const out: number[] = [];
  for (let axis = 0; axis < 3; axis++) {
    const u = requested[axis];
    out.push(Number.isInteger(u) && u >= 1 && u <= H ? u : 0);
  }
  for (let axis = 0; axis < 3; axis++) {
    if (out[axis] !== 0) continue;
    let free = 1;
    while (out.includes(free)) free++;
    out[axis] = free;
  }
  return [out[0], out[1], out[2]];
}

/** Axis titles: "h2", or "0" for a padded axis. */
export function axisTitles(units: AxisUnits): [string, string, string] {
  const title = (u: number | null): string => (u === null ? '0' : `h${u}`);
  return [title(units[0]), title(units[1]), title(units[2])];
}

/**
 * Per axis, the weights that make its coordinate: (Wh[0][u], Wh[1][u], bh[u], 1) for unit u
 * (1-based in `units`), so h = w · σ(x·(Wh[0][u], Wh[1][u]) + bh[u]); zeros for a padded axis
 * or without parameters (h = 0).
 */
export function axisWeights(params: Params | null, units: AxisUnits, out: Float32Array[]): void {
  for (let axis = 0; axis < 3; axis++) {
    const w = out[axis];
    const u = units[axis];
    w.fill(0);
    if (!params || u === null || u > params.Wh.cols || params.Wh.rows < 2) continue;
    const H = params.Wh.cols;
    w[0] = params.Wh.data[u - 1];
    w[1] = params.Wh.data[H + u - 1];
    w[2] = params.bh.data[u - 1];
    w[3] = 1;
  }
}

// The output layer's decision plane in the hidden space, clipped to the unit cube. DOM-free, so
// Node tests check it against the output layer itself.
//
// Between classes a < b the output layer prefers b where z_b > z_a, z = h·Wo + bo, i.e. where
//   (Wo[:, b] − Wo[:, a]) · h + (bo_b − bo_a) > 0,
// a hyperplane in the H-dimensional hidden space (for two classes, the tutorial's boundary
// p = 0.5). The view shows three units, so what it draws is that hyperplane's section in their
// coordinates, the other H − 3 units held at their mean over the data: their terms fold into
// the offset. An axis padded with 0 (H < 3) has no unit, so the normal has no component there.
//
// Which two classes, for C > 2: the two with the largest mean probability over the data (the
// lower index first on a tie). One plane for the whole cube, and a stable one: a per-region
// choice would draw pieces of several planes that jump as training moves the regions.
import { hiddenActivations, outputActivations } from '../../core/network';
import type { Params } from '../../core/types';
import type { AxisUnits } from './hidden-units';

/** Samples used for the means: a strided subset beyond this, so a snapshot's cost stays bounded. */
export const SUMMARY_SAMPLES = 1024;

/** What the plane needs from the data, recomputed per snapshot (only when H > 3 or C > 2). */
export interface HiddenSummary {
  /** mean of each hidden unit's activation over the (subset of the) data, length H */
  meanHidden: Float64Array;
  /** mean of each class's probability over it, length C */
  meanProbability: Float64Array;
}

export interface OutputPlane {
  /** the two classes: points with normal·h + offset > 0 go to classes[1], < 0 to classes[0] */
  classes: readonly [number, number];
  /** in the three shown coordinates (0 on a padded axis) */
  normal: [number, number, number];
  offset: number;
  /** plane ∩ [0, 1]³: vertices (x, y, z) in order around a convex polygon; empty if it misses the cube */
  polygon: Float64Array;
}

/** The data's mean hidden activations and class probabilities over a strided subset of ≤ `limit` samples. */
export function hiddenSummary(
  params: Params,
  X: Float64Array,
  samples: number,
  limit = SUMMARY_SAMPLES,
): HiddenSummary {
  const D = params.Wh.rows;
  const stride = Math.max(1, Math.ceil(samples / limit));
  const n = Math.ceil(samples / stride);
  const sub = new Float64Array(n * D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) sub[i * D + d] = X[i * stride * D + d];
  const H = hiddenActivations({ rows: n, cols: D, data: sub }, params.Wh, params.bh);
  const Y = outputActivations(H, params.Wo, params.bo);
  return { meanHidden: columnMeans(H.data, n, H.cols), meanProbability: columnMeans(Y.data, n, Y.cols) };
}

function columnMeans(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += data[i * cols + j];
  if (rows > 0) for (let j = 0; j < cols; j++) out[j] /= rows;
  return out;
}

/** The two classes the plane lies between: [0, 1] for C = 2, else the two most probable on average (ascending). */
export function planeClasses(C: number, meanProbability: Float64Array | null): [number, number] {
  if (C <= 2 || !meanProbability) return [0, 1];
  let first = 0;
  let second = 1;
  if (meanProbability[1] > meanProbability[0]) [first, second] = [1, 0];
  for (let k = 2; k < C; k++) {
    if (meanProbability[k] > meanProbability[first]) [first, second] = [k, first];
    else if (meanProbability[k] > meanProbability[second]) second = k;
  }
  return first < second ? [first, second] : [second, first];
}

/**
 * The plane between `classes` in the shown units' coordinates (1-based `units`), the others at
 * `meanHidden` (needed when H > 3; a missing mean holds them at 0.5), clipped to the cube.
 */
export function outputPlane(
  params: Params,
  units: AxisUnits,
  classes: readonly [number, number],
  meanHidden: Float64Array | null,
): OutputPlane {
  const H = params.Wo.rows;
  const C = params.Wo.cols;
  const [a, b] = classes;
  const wo = params.Wo.data;
  const weight = (k: number): number => wo[k * C + b] - wo[k * C + a];
  let offset = params.bo.data[b] - params.bo.data[a];
  const normal: [number, number, number] = [0, 0, 0];
  const shown = new Set<number>();
  units.forEach((u, axis) => {
    if (u === null || u > H) return;
    normal[axis] = weight(u - 1);
    shown.add(u - 1);
  });
  for (let k = 0; k < H; k++) if (!shown.has(k)) offset += weight(k) * (meanHidden?.[k] ?? 0.5);
  return { classes: [a, b], normal, offset, polygon: clipPlaneToCube(normal, offset) };
}

/** The cube's 12 edges as corner pairs (corner bits: x = 1, y = 2, z = 4). */
const EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [2, 3], [4, 5], [6, 7], // along x
  [0, 2], [1, 3], [4, 6], [5, 7], // along y
  [0, 4], [1, 5], [2, 6], [3, 7], // along z
]; // prettier-ignore

const corner = (c: number): [number, number, number] => [c & 1, (c >> 1) & 1, (c >> 2) & 1];

/**
 * {h ∈ [0, 1]³ : normal·h + offset = 0} as a convex polygon: where the plane crosses the cube's
 * edges, ordered by angle about their centroid. Empty when it misses the cube, or only touches
 * it at a corner or an edge, or when the normal is 0.
 */
export function clipPlaneToCube(normal: readonly [number, number, number], offset: number): Float64Array {
  const [nx, ny, nz] = normal;
  const scale = Math.hypot(nx, ny, nz);
  if (!(scale > 0) || !Number.isFinite(offset)) return new Float64Array(0);
  const f = (p: readonly number[]): number => (nx * p[0] + ny * p[1] + nz * p[2] + offset) / scale;
  const points: [number, number, number][] = [];
  const add = (p: [number, number, number]): void => {
    if (!points.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 1e-9)) points.push(p);
  };
  for (const [i, j] of EDGES) {
    const p = corner(i);
    const q = corner(j);
    const fp = f(p);
    const fq = f(q);
    if (fp === 0) add(p);
    if (fq === 0) add(q);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      add([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])]);
    }
  }
  if (points.length < 3) return new Float64Array(0);
  // an orthonormal basis (u, v) of the plane, to order the points by angle
  const n = [nx / scale, ny / scale, nz / scale];
  const helper = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = normalize(cross(n, helper));
  const v = cross(n, u);
  const centre = [0, 1, 2].map((k) => points.reduce((s, p) => s + p[k], 0) / points.length);
  const angle = (p: readonly number[]): number => {
    const d = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
    return Math.atan2(dot(d, v), dot(d, u));
  };
  points.sort((p, q) => angle(p) - angle(q));
  return Float64Array.from(points.flat());
}

function cross(a: readonly number[], b: readonly number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function normalize(a: number[]): number[] {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
}

/**
 * The polygon as triangles (a fan) then its outline as segments, (x, y, z) floats into `out`
 * (room for 12 + 12 vertices); returns the two vertex counts.
 */
export function planeMesh(polygon: Float64Array, out: Float32Array): { fill: number; outline: number } {
  const n = polygon.length / 3;
  if (n < 3) return { fill: 0, outline: 0 };
  let w = 0;
  const put = (k: number): void => {
    out[w++] = polygon[3 * k];
    out[w++] = polygon[3 * k + 1];
    out[w++] = polygon[3 * k + 2];
  };
  for (let k = 1; k < n - 1; k++) {
    put(0);
    put(k);
    put(k + 1);
  }
  for (let k = 0; k < n; k++) {
    put(k);
    put((k + 1) % n);
  }
  return { fill: 3 * (n - 2), outline: 2 * n };
}

/** Floats planeMesh() needs at most: a hexagon's 4 triangles and 6 edges. */
export const PLANE_MESH_FLOATS = (12 + 12) * 3;

/**
 * The plane for the renderers, recomputed only when the parameters, the data or the units
 * change (the same objects again: the last plane). The data's means are computed only when
 * needed: H > 3 (the units not shown) or C > 2 (which two classes).
 */
export class OutputPlaneCache {
  private params: Params | null = null;
  private X: Float64Array | null = null;
  private units: AxisUnits = [null, null, null];
  private plane: OutputPlane | null = null;

  get(params: Params | null, data: { X: Float64Array; samples: number } | null, units: AxisUnits): OutputPlane | null {
    const X = data?.X ?? null;
    if (params === this.params && X === this.X && units.every((u, k) => u === this.units[k])) return this.plane;
    this.params = params;
    this.X = X;
    this.units = units;
    this.plane = null;
    if (!params || params.Wo.cols < 2) return null;
    const needsData = params.Wo.rows > 3 || params.Wo.cols > 2;
    let summary: HiddenSummary | null = null;
    try {
      if (needsData && data && data.samples > 0) summary = hiddenSummary(params, data.X, data.samples);
    } catch {
      // data and parameters of different runs meet for a frame: hold at 0.5 until they agree
    }
    const classes = planeClasses(params.Wo.cols, summary?.meanProbability ?? null);
    this.plane = outputPlane(params, units, classes, summary?.meanHidden ?? null);
    return this.plane;
  }
}

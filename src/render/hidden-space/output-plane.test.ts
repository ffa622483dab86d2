import { describe, expect, test } from 'vitest';
import { hiddenActivations, outputActivations } from '../../core/network';
import { RandomState } from '../../core/random';
import type { Params } from '../../core/types';
import {
  clipPlaneToCube,
  hiddenSummary,
  outputPlane,
  planeClasses,
  planeMesh,
  PLANE_MESH_FLOATS,
} from './output-plane';
import type { AxisUnits } from './hidden-units';

/** A 2→H→C network with weights from numpy's normal stream (seeded), scaled. */
function network(H: number, C: number, seed: number, scale = 3): Params {
  const rng = new RandomState(seed);
  const m = (rows: number, cols: number) => ({
    rows,
    cols,
    data: Float64Array.from({ length: rows * cols }, () => scale * rng.normal()),
  });
  return { Wh: m(2, H), bh: m(1, H), Wo: m(H, C), bo: m(1, C) };
}

type V3 = [number, number, number];

/** The output layer's own verdict at hidden activations h (length H): does it prefer b over a? */
function prefersB(params: Params, h: Float64Array, a: number, b: number): boolean {
  const Y = outputActivations({ rows: 1, cols: h.length, data: h }, params.Wo, params.bo).data;
  return Y[b] > Y[a];
}

/** Whether segment p→q crosses the polygon (plane through its vertices, then inside the convex polygon). */
function crossesPolygon(polygon: Float64Array, p: V3, q: V3): boolean {
  const n = polygon.length / 3;
  const P = (k: number): V3 => [polygon[3 * k], polygon[3 * k + 1], polygon[3 * k + 2]];
  const sub = (x: V3, y: V3): V3 => [x[0] - y[0], x[1] - y[1], x[2] - y[2]];
  const cross = (x: V3, y: V3): V3 => [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
  const dot = (x: V3, y: V3): number => x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  const normal = cross(sub(P(1), P(0)), sub(P(2), P(0)));
  const fp = dot(normal, sub(p, P(0)));
  const fq = dot(normal, sub(q, P(0)));
  if (fp * fq > 0) return false;
  const t = fp / (fp - fq);
  const x: V3 = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])];
  // inside: on the same side of every edge (the vertices go round in one sense)
  let sign = 0;
  for (let k = 0; k < n; k++) {
    const s = dot(normal, cross(sub(P((k + 1) % n), P(k)), sub(x, P(k))));
    if (s === 0) continue;
    if (sign === 0) sign = Math.sign(s);
    else if (Math.sign(s) !== sign) return false;
  }
  return true;
}

/** Points in the cube for the separation check, from a seeded stream. */
function cubePoints(count: number, seed: number): V3[] {
  const rng = new RandomState(seed);
  return Array.from({ length: count }, () => [rng.uniform(), rng.uniform(), rng.uniform()] as V3);
}

describe('the output plane', () => {
  test('lies on the plane, inside the cube, and separates the classes as the output layer does (H = 3, C = 2)', () => {
    let drawn = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const params = network(3, 2, seed);
      const plane = outputPlane(params, [1, 2, 3], [0, 1], null);
      // the formula, straight from the parameters
      const Wo = params.Wo.data;
      expect(plane.normal).toEqual([Wo[1] - Wo[0], Wo[3] - Wo[2], Wo[5] - Wo[4]]);
      expect(plane.offset).toBe(params.bo.data[1] - params.bo.data[0]);
      const n = plane.polygon.length / 3;
      const points = cubePoints(60, 100 + seed);
      const sides = points.map((h) => prefersB(params, Float64Array.from(h), 0, 1));
      if (n === 0) {
        // it misses the cube: then the output layer gives every point of it one class
        expect(new Set(sides).size).toBe(1);
        continue;
      }
      drawn++;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      const scale = Math.hypot(...plane.normal);
      for (let k = 0; k < n; k++) {
        const v = [plane.polygon[3 * k], plane.polygon[3 * k + 1], plane.polygon[3 * k + 2]];
        for (const c of v) {
          expect(c).toBeGreaterThanOrEqual(-1e-12);
          expect(c).toBeLessThanOrEqual(1 + 1e-12);
        }
        const distance =
          (plane.normal[0] * v[0] + plane.normal[1] * v[1] + plane.normal[2] * v[2] + plane.offset) / scale;
        expect(Math.abs(distance)).toBeLessThan(1e-12);
      }
      // a segment between two points crosses the drawn polygon exactly when the output layer
      // puts its ends in different classes
      for (let i = 0; i < points.length; i += 2) {
        const [p, q] = [points[i], points[i + 1]];
        expect(crossesPolygon(plane.polygon, p, q), `seed ${seed}, pair ${i}`).toBe(sides[i] !== sides[i + 1]);
        // and the sign of the plane's equation is the output layer's class
        const f = (h: V3) => plane.normal[0] * h[0] + plane.normal[1] * h[1] + plane.normal[2] * h[2] + plane.offset;
        expect(f(p) > 0).toBe(sides[i]);
      }
    }
    // the seeds give both cases; most planes cross the cube
    expect(drawn).toBeGreaterThan(20);
  });

  test('H = 5: the section through the shown units, the others at the data mean', () => {
    const params = network(5, 2, 8, 1.5);
    const rng = new RandomState(3);
    const N = 300;
    const X = Float64Array.from({ length: 2 * N }, () => 2 * rng.normal());
    const summary = hiddenSummary(params, X, N);
    const Hall = hiddenActivations({ rows: N, cols: 2, data: X }, params.Wh, params.bh).data;
    for (let k = 0; k < 5; k++) {
      let s = 0;
      for (let i = 0; i < N; i++) s += Hall[i * 5 + k];
      expect(summary.meanHidden[k]).toBeCloseTo(s / N, 12);
    }
    const units: AxisUnits = [4, 1, 5];
    const plane = outputPlane(params, units, [0, 1], summary.meanHidden);
    expect(plane.polygon.length).toBeGreaterThan(0);
    for (const [i, h] of cubePoints(80, 9).entries()) {
      // the full hidden vector: the shown units from h, units 2 and 3 at their means
      const full = Float64Array.from(summary.meanHidden);
      units.forEach((u, axis) => (full[u! - 1] = h[axis]));
      const f = plane.normal[0] * h[0] + plane.normal[1] * h[1] + plane.normal[2] * h[2] + plane.offset;
      expect(f > 0, `point ${i}`).toBe(prefersB(params, full, 0, 1));
    }
  });

  test('C = 4: between the two classes most probable on average, and separating those two', () => {
    const params = network(3, 4, 21, 2);
    const rng = new RandomState(4);
    const N = 200;
    const X = Float64Array.from({ length: 2 * N }, () => 2 * rng.normal());
    const { meanProbability } = hiddenSummary(params, X, N);
    const ranked = [0, 1, 2, 3].sort((i, j) => meanProbability[j] - meanProbability[i]);
    const classes = planeClasses(4, meanProbability);
    expect(classes).toEqual([Math.min(ranked[0], ranked[1]), Math.max(ranked[0], ranked[1])]);
    expect(planeClasses(2, meanProbability)).toEqual([0, 1]);
    expect(planeClasses(3, Float64Array.from([0.2, 0.3, 0.5]))).toEqual([1, 2]);
    expect(planeClasses(3, Float64Array.from([0.5, 0.2, 0.3]))).toEqual([0, 2]);
    const plane = outputPlane(params, [1, 2, 3], classes, null);
    const [a, b] = classes;
    const points = cubePoints(80, 5);
    for (let i = 0; i < points.length; i += 2) {
      const sides = [points[i], points[i + 1]].map((h) => prefersB(params, Float64Array.from(h), a, b));
      if (plane.polygon.length) {
        expect(crossesPolygon(plane.polygon, points[i], points[i + 1])).toBe(sides[0] !== sides[1]);
      } else {
        expect(sides[0]).toBe(sides[1]);
      }
    }
  });

  test('H = 2: the padded axis has no normal component, so the plane stands on the h1–h2 floor', () => {
    const params = network(2, 2, 5, 1);
    const plane = outputPlane(params, [1, 2, null], [0, 1], null);
    expect(plane.normal[2]).toBe(0);
    const Wo = params.Wo.data;
    expect(plane.normal.slice(0, 2)).toEqual([Wo[1] - Wo[0], Wo[3] - Wo[2]]);
  });

  test('clipping: known sections of the cube', () => {
    // x = 0.5: a square
    const square = clipPlaneToCube([1, 0, 0], -0.5);
    expect(square.length / 3).toBe(4);
    // x + y + z = 1.5: the regular hexagon
    expect(clipPlaneToCube([1, 1, 1], -1.5).length / 3).toBe(6);
    // x + y + z = 0.5: a triangle at the origin corner
    expect(clipPlaneToCube([1, 1, 1], -0.5).length / 3).toBe(3);
    // misses the cube, touches a corner only, or has no normal: nothing
    expect(clipPlaneToCube([1, 1, 1], 1).length).toBe(0);
    expect(clipPlaneToCube([1, 1, 1], 0).length).toBe(0);
    expect(clipPlaneToCube([0, 0, 0], 1).length).toBe(0);
    // the face x = 1 itself
    expect(clipPlaneToCube([1, 0, 0], -1).length / 3).toBe(4);
    // the mesh: a fan of n − 2 triangles and n outline segments
    const out = new Float32Array(PLANE_MESH_FLOATS);
    expect(planeMesh(clipPlaneToCube([1, 1, 1], -1.5), out)).toEqual({ fill: 12, outline: 12 });
  });
});

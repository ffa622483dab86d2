// Markers in both point views, WebGL and CPU: a colour (and shape) per class for C = 5, and the
// run's test rows (DatasetMessage.testRows) hollow. Ten points on a lattice, so that no two
// markers touch: classes 0–4 training, then 0–4 test.
import { afterEach, describe, expect, test } from 'vitest';
import {
  CLASS_RGB_5,
  type Rgb,
  nearestColor,
  randomParams,
  readPixel,
  releaseCanvases,
  rendererOnPage,
} from '../../../test/helpers/browser';
import { hiddenActivations } from '../../core/network';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { CpuHiddenSpaceRenderer } from '../hidden-space/cpu-hidden-space-renderer';
import { GlHiddenSpaceRenderer } from '../hidden-space/gl-hidden-space-renderer';
import { HIDDEN_SIZES } from '../hidden-space/hidden-space-renderer';
import { projectToViewport } from '../hidden-space/mat4';
import { worldToClip } from '../hidden-space/orbit-camera';
import { CpuMapRenderer } from '../map/cpu-map-renderer';
import { GlMapRenderer } from '../map/gl-map-renderer';
import { MAP_RANGE, MAP_SIZES } from '../map/map-renderer';
import { HOLLOW_SCALE } from './test-rows';
import { readTheme } from './theme';

const SIZE = 240;
const CAMERA = { elevation: 30, azimuth: -20 };

afterEach(releaseCanvases);

/** Ten points at x = (xs[i % 5], i < 5 ? ys[0] : ys[1]). */
function lattice(xs: readonly number[], ys: readonly number[]): DatasetMessage {
  const X = new Float64Array(20);
  for (let i = 0; i < 10; i++) {
    X[2 * i] = xs[i % 5];
    X[2 * i + 1] = i < 5 ? ys[0] : ys[1];
  }
  const t = Int32Array.from({ length: 10 }, (_, i) => i % 5);
  return { X, t, samples: 10, inputs: 2, classes: 5, testRows: Int32Array.from([5, 6, 7, 8, 9]) };
}

interface Renderer {
  setData(d: DatasetMessage | null): void;
  resize(w: number, h: number, r: number): void;
  setTheme(t: ReturnType<typeof readTheme>): void;
  destroy(): void;
}

function on2dCanvas<R extends Renderer>(
  create: (canvas: HTMLCanvasElement) => R,
  size = SIZE,
): { renderer: R; canvas: HTMLCanvasElement } {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  document.body.append(canvas);
  const renderer = create(canvas);
  renderer.resize(size, size, 1);
  renderer.setTheme(readTheme(document.body));
  return { renderer, canvas };
}

/** Rows whose marker no other marker comes within `gap` px of. */
function isolated(points: { x: number; y: number }[], gap: number): number[] {
  return points
    .map((_, i) => i)
    .filter((i) => points.every((q, j) => j === i || Math.hypot(q.x - points[i].x, q.y - points[i].y) > gap))
    .filter((i) => points[i].x > gap && points[i].y > gap);
}

/** A pixel's colour without premultiplied alpha (a WebGL canvas stores sprites premultiplied). */
function straight(canvas: HTMLCanvasElement, x: number, y: number): [number, number, number, number] {
  const p = readPixel(canvas, x, y);
  if (!canvas.getContext('webgl') || p[3] === 0) return p;
  return [(p[0] * 255) / p[3], (p[1] * 255) / p[3], (p[2] * 255) / p[3], p[3]];
}

/** The markers' outline: the page's text colour (test/helpers' default page). */
const OUTLINE: Rgb = [0, 0, 0];

/**
 * Checks each isolated marker: a training row is filled with its class colour at its centre; a
 * test row has a hole at the centre of its shape and its class colour in a band around it.
 */
function expectMarkers(
  canvas: HTMLCanvasElement,
  data: DatasetMessage,
  points: { x: number; y: number }[],
  radius: number,
): void {
  const test = new Set(data.testRows);
  const rows = isolated(points, 3 * radius * HOLLOW_SCALE);
  const kinds = new Set<string>();
  for (const i of rows) {
    const { x, y } = points[i];
    const k = data.t[i];
    const hollow = test.has(i);
    // the star's centre sits 0.06 radius below the point (marker-glsl.ts, marker-paths.ts)
    const centre = readPixel(canvas, x, y + (k === 0 ? 0.06 * radius * (hollow ? HOLLOW_SCALE : 1) : 0));
    let band = false;
    const r = Math.ceil(radius * HOLLOW_SCALE);
    for (let dy = -r; dy <= r && !band; dy++) {
      for (let dx = -r; dx <= r && !band; dx++) {
        const p = straight(canvas, x + dx, y + dy);
        band = p[3] >= 100 && nearestColor(p, [...CLASS_RGB_5, OUTLINE]) === k;
      }
    }
    if (hollow) {
      expect(centre[3], `test row ${i} (class ${k}) has a hole`).toBeLessThan(128);
      expect(band, `test row ${i} (class ${k}) has its colour around the hole`).toBe(true);
    } else {
      expect(centre[3], `training row ${i}`).toBe(255);
      expect(nearestColor(centre, CLASS_RGB_5), `training row ${i}`).toBe(k);
    }
    kinds.add(`${k}${hollow ? 'test' : 'train'}`);
  }
  // every class, filled and hollow
  expect(kinds.size, [...kinds].join(' ')).toBe(10);
}

describe('markers', () => {
  const data = lattice([-1.5, -0.75, 0, 0.75, 1.5], [0.8, -0.8]);
  const span = MAP_RANGE.hi - MAP_RANGE.lo;
  const mapPoints = Array.from({ length: data.samples }, (_, i) => ({
    x: ((data.X[2 * i] - MAP_RANGE.lo) / span) * SIZE,
    y: ((MAP_RANGE.hi - data.X[2 * i + 1]) / span) * SIZE,
  }));

  test('decision map, WebGL: class colours, test rows hollow', () => {
    const { renderer, canvas } = rendererOnPage((regl) => new GlMapRenderer(regl, 'full'), SIZE);
    renderer.setData(data);
    renderer.draw('full');
    expectMarkers(canvas, data, mapPoints, MAP_SIZES.markerRadius);
    renderer.destroy();
  });

  test('decision map, CPU: the same', () => {
    const { renderer, canvas } = on2dCanvas((c) => new CpuMapRenderer(c));
    renderer.setData(data);
    renderer.draw('full');
    expectMarkers(canvas, data, mapPoints, MAP_SIZES.markerRadius);
    renderer.destroy();
  });

  // h = (σ(x₁), σ(x₂), ½) at the logits of 0.1 … 0.9: a lattice in the hidden space, on a
  // canvas large enough that its markers do not touch
  const logit = (p: number): number => Math.log(p / (1 - p));
  const hiddenData = lattice([0.1, 0.3, 0.5, 0.7, 0.9].map(logit), [0.15, 0.85].map(logit));
  const params = randomParams(3, 5, 7, 3);
  params.Wh.data.set([1, 0, 0, 0, 1, 0]);
  params.bh.data.fill(0);
  const H = hiddenActivations({ rows: 10, cols: 2, data: hiddenData.X }, params.Wh, params.bh).data;
  const m = worldToClip(CAMERA, 1);
  const hiddenPoints = Array.from({ length: 10 }, (_, i) =>
    projectToViewport(m, [H[3 * i], H[3 * i + 1], H[3 * i + 2]], 2 * SIZE, 2 * SIZE),
  );

  for (const kind of ['webgl', 'cpu'] as const) {
    test(`hidden space, ${kind}: class colours, test rows hollow`, () => {
      const { renderer, canvas } =
        kind === 'webgl'
          ? rendererOnPage((regl) => new GlHiddenSpaceRenderer(regl), 2 * SIZE)
          : on2dCanvas((c) => new CpuHiddenSpaceRenderer(c), 2 * SIZE);
      renderer.setCamera(CAMERA);
      renderer.setUnits([1, 2, 3]);
      renderer.setParams(params);
      renderer.setData(hiddenData);
      renderer.draw();
      expectMarkers(canvas, hiddenData, hiddenPoints, HIDDEN_SIZES.markerRadius);
      renderer.destroy();
    });
  }
});

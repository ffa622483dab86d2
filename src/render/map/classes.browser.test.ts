// The decision map with C = 3 and C = 5 classes against numpy: the argmax class at the
// read-back grid's samples and at the canvas's pixel centres (planes.json, make_planes.py),
// and the shading, a blend of the class colours by probability.
import { afterEach, describe, expect, test } from 'vitest';
import { CLASS_RGB_5, nearestColor, releaseCanvases, rendererOnPage } from '../../../test/helpers/browser';
import { decodePlane, numpyPlanes, planeParams } from '../../../test/fixtures/numpy/planes';
import { nn } from '../../core/network';
import { CpuMapRenderer } from './cpu-map-renderer';
import { GlMapRenderer } from './gl-map-renderer';
import { MAP_ALPHA } from './map-renderer';
import type { MapRenderer } from './map-renderer';
import { gridPoints } from './probability-grid';
import { readTheme } from '../gl/theme';

const SIZE = 200;

afterEach(releaseCanvases);

/** A renderer on a SIZE×SIZE canvas: WebGL, or the 2-D fallback. */
function makeRenderer(kind: 'webgl' | 'cpu'): { renderer: MapRenderer; canvas: HTMLCanvasElement } {
  if (kind === 'webgl') return rendererOnPage((regl) => new GlMapRenderer(regl, 'full'), SIZE);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  document.body.append(canvas);
  const renderer = new CpuMapRenderer(canvas);
  renderer.resize(SIZE, SIZE, 1);
  renderer.setTheme(readTheme(document.body));
  return { renderer, canvas };
}

/** The canvas's pixels, row 0 at the top, RGBA. */
function pixelsOf(canvas: HTMLCanvasElement): Uint8Array {
  const gl = canvas.getContext('webgl');
  if (!gl) return new Uint8Array(canvas.getContext('2d')!.getImageData(0, 0, SIZE, SIZE).data.buffer);
  const bottomUp = new Uint8Array(4 * SIZE * SIZE);
  gl.readPixels(0, 0, SIZE, SIZE, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
  const out = new Uint8Array(bottomUp.length);
  for (let i = 0; i < SIZE; i++)
    out.set(bottomUp.subarray(4 * SIZE * (SIZE - 1 - i), 4 * SIZE * (SIZE - i)), 4 * SIZE * i);
  return out;
}

/** Whether every cell within `r` cells of (i, j) has the same argmax (away from any boundary line). */
function inside(argmax: Uint8Array, n: number, i: number, j: number, r: number): boolean {
  if (i < r || j < r || i >= n - r || j >= n - r) return false;
  const k = argmax[i * n + j];
  for (let di = -r; di <= r; di++)
    for (let dj = -r; dj <= r; dj++) if (argmax[(i + di) * n + j + dj] !== k) return false;
  return true;
}

for (const plane of numpyPlanes) {
  const name = `${plane.generator} C=${plane.classes} H=${plane.hidden_units}`;

  describe(`decision map, ${name}`, () => {
    for (const kind of ['webgl', 'cpu'] as const) {
      test(`${kind}: the read-back grid's argmax agrees with numpy’s (≥ 99.5%)`, () => {
        const { renderer } = makeRenderer(kind);
        renderer.setParams(planeParams(plane));
        const grid = renderer.renderProbabilityGrid(SIZE)!;
        const { argmax } = decodePlane(plane.linspace);
        let agree = 0;
        for (let k = 0; k < argmax.length; k++) if (grid.predicted[k] === argmax[k]) agree++;
        expect(agree / argmax.length).toBeGreaterThanOrEqual(0.995);
        // every class numpy shows, the map shows
        expect(new Set(grid.predicted).size).toBe(new Set(argmax).size);
        renderer.destroy();
      });

      test(`${kind}: pixels away from the boundaries show numpy’s argmax class at their centres (≥ 99.5%)`, () => {
        const { renderer, canvas } = makeRenderer(kind);
        renderer.setParams(planeParams(plane));
        renderer.draw('full');
        const pixels = pixelsOf(canvas);
        const { argmax, confident } = decodePlane(plane.pixels);
        let checked = 0;
        let agree = 0;
        const seen = new Set<number>();
        for (let i = 0; i < SIZE; i++) {
          for (let j = 0; j < SIZE; j++) {
            // sure cells (max p ≥ 0.75), 3 px from a boundary: the blend there is the argmax's hue
            if (!confident[i * SIZE + j] || !inside(argmax, SIZE, i, j, 3)) continue;
            const o = 4 * (i * SIZE + j);
            checked++;
            const k = nearestColor([pixels[o], pixels[o + 1], pixels[o + 2]], CLASS_RGB_5.slice(0, plane.classes));
            if (k === argmax[i * SIZE + j]) agree++;
            seen.add(k);
          }
        }
        expect(checked).toBeGreaterThan(0.2 * SIZE * SIZE);
        expect(agree / checked).toBeGreaterThanOrEqual(0.995);
        expect(seen.size).toBe(plane.classes);
        renderer.destroy();
      });
    }

    test('webgl: the shading is Σ p_k · colour_k, alpha from chance to certainty', () => {
      const { renderer, canvas } = makeRenderer('webgl');
      const params = planeParams(plane);
      renderer.setParams(params);
      renderer.draw('full');
      const pixels = pixelsOf(canvas);
      const { argmax } = decodePlane(plane.pixels);
      const C = plane.classes;
      // every 7th pixel centre away from the boundary lines
      const cells: number[] = [];
      for (let c = 0; c < SIZE * SIZE; c += 7)
        if (inside(argmax, SIZE, Math.floor(c / SIZE), c % SIZE, 3)) cells.push(c);
      const xs = Float64Array.from(cells, (c) => -2 + (4 * ((c % SIZE) + 0.5)) / SIZE);
      const ys = Float64Array.from(cells, (c) => 2 - (4 * (Math.floor(c / SIZE) + 0.5)) / SIZE);
      const points = gridPoints(xs, Float64Array.of(0));
      for (let k = 0; k < cells.length; k++) points.data[2 * k + 1] = ys[k];
      const Y = nn(points, params).data;
      let worst = 0;
      cells.forEach((c, k) => {
        const p = Y.subarray(k * C, k * C + C);
        const top = Math.max(...p);
        const alpha = MAP_ALPHA[0] + (MAP_ALPHA[1] - MAP_ALPHA[0]) * ((top - 1 / C) / (1 - 1 / C));
        for (let ch = 0; ch < 3; ch++) {
          const expected = p.reduce((s, pk, j) => s + pk * CLASS_RGB_5[j][ch], 0);
          worst = Math.max(worst, Math.abs(pixels[4 * c + ch] - expected));
        }
        worst = Math.max(worst, Math.abs(pixels[4 * c + 3] - 255 * alpha));
      });
      expect(cells.length).toBeGreaterThan(2000);
      expect(worst).toBeLessThanOrEqual(2);
      renderer.destroy();
    });
  });
}

import { afterEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { hiddenActivations } from '../core/network';
import type { Params } from '../core/types';
import type { DatasetMessage } from '../protocol/trainer-api';
import {
  canvasOf,
  CLASS_RGB,
  cleanUpPage,
  fakeTimeouts,
  frames,
  intersection,
  loseContext,
  mountView,
  nearestColor,
  randomParams,
  readAllPixels,
  readPixel,
  settlesWithin,
  statusOf,
  until,
} from '../../test/helpers/browser';
import { seed1Data, seed1Hidden, seed1Params } from '../render/__fixtures__/seed-1';
import { RELEASE_AFTER_MS, RESTORE_TIMEOUT_MS } from '../render/canvas/canvas-view';
import { sharedGl } from '../render/gl/shared-context';
import { projectToViewport } from '../render/hidden-space/mat4';
import type { Vec3 } from '../render/hidden-space/mat4';
import { cubeAxes } from '../render/hidden-space/cube-axes';
import { outputPlane } from '../render/hidden-space/output-plane';
import { worldToClip } from '../render/hidden-space/orbit-camera';
import { gridLineInputs } from '../render/hidden-space/warped-grid';
import type { PointHoverDetail } from '../events';
import './bp-hidden-space';
import type { BpHiddenSpace } from './bp-hidden-space';

function mount(setup: (el: BpHiddenSpace) => void): Promise<BpHiddenSpace> {
  const el = document.createElement('bp-hidden-space');
  el.style.width = '240px';
  return mountView(el, setup);
}

const plotOf = (el: BpHiddenSpace): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('.plot')!;

/** Samples `rows` of the tutorial's data set. */
function subset(rows: number[]): DatasetMessage {
  const all = seed1Data();
  return {
    X: Float64Array.from(rows.flatMap((i) => [all.X[2 * i], all.X[2 * i + 1]])),
    t: Int32Array.from(rows.map((i) => all.t[i])),
    samples: rows.length,
    inputs: 2,
    classes: 2,
    testRows: new Int32Array(0),
  };
}

/**
 * Centroid (device px, y down) of the pixels near `expected` that show class `k`'s opaque fill,
 * or null when there are none.
 */
function markerCentroid(
  canvas: HTMLCanvasElement,
  expected: { x: number; y: number },
  k: number,
): { x: number; y: number } | null {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let dy = -10; dy <= 10; dy++) {
    for (let dx = -10; dx <= 10; dx++) {
      const px = Math.floor(expected.x) + dx;
      const py = Math.floor(expected.y) + dy;
      if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) continue;
      const rgba = readPixel(canvas, px, py);
      const fill = CLASS_RGB[k];
      const close = Math.abs(rgba[0] - fill[0]) + Math.abs(rgba[1] - fill[1]) + Math.abs(rgba[2] - fill[2]) < 40;
      if (rgba[3] === 255 && close) {
        sx += px + 0.5;
        sy += py + 0.5;
        n++;
      }
    }
  }
  return n ? { x: sx / n, y: sy / n } : null;
}

/** Where hidden point h lands on the element's canvas for its current camera. */
function projected(el: BpHiddenSpace, h: Vec3): { x: number; y: number } {
  const canvas = canvasOf(el);
  const m = worldToClip({ elevation: el.elevation, azimuth: el.azimuth }, canvas.width / canvas.height);
  return projectToViewport(m, h, canvas.width, canvas.height);
}

/** A random 2→H→2 network, weights in [−3, 3). */
const hiddenParams = (H: number, seed: number): Params => randomParams(H, 2, seed, 3);

/** The pixel centroid of sample 0 of `data` (class `k`) is where its hidden activations project. */
function expectMarkerAt(el: BpHiddenSpace, data: DatasetMessage, params: Params): void {
  const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, params.Wh, params.bh).data;
  const expected = projected(el, [H[0], H[1], H[2]]);
  const found = markerCentroid(canvasOf(el), expected, data.t[0]);
  expect(found).not.toBeNull();
  expect(Math.hypot(found!.x - expected.x, found!.y - expected.y)).toBeLessThan(1);
}

afterEach(cleanUpPage);

describe('<bp-hidden-space>', () => {
  test('places each sample at its hidden activations (core and numpy agree)', async () => {
    const params = seed1Params();
    const rows = [0, 75];
    const data = subset(rows);
    const H = hiddenActivations({ rows: 2, cols: 2, data: data.X }, params.Wh, params.bh);
    rows.forEach((i, r) => {
      for (let u = 0; u < 3; u++) expect(H.data[r * 3 + u]).toBeCloseTo(seed1Hidden[i][u], 12);
    });
    const el = await mount((e) => {
      e.params = params;
      e.data = data;
    });
    expect(el.backend).toBe('webgl');
    const canvas = canvasOf(el);
    rows.forEach((_, r) => {
      const h: Vec3 = [H.data[r * 3], H.data[r * 3 + 1], H.data[r * 3 + 2]];
      const expected = projected(el, h);
      const found = markerCentroid(canvas, expected, data.t[r]);
      expect(found, `sample ${rows[r]}`).not.toBeNull();
      expect(Math.hypot(found!.x - expected.x, found!.y - expected.y), `sample ${rows[r]}`).toBeLessThan(1);
    });
  });

  test('labels the axes with the shown units and ticks', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const texts = [...el.shadowRoot!.querySelectorAll('.label')].map((l) => l.textContent);
    expect(texts).toEqual(expect.arrayContaining(['h1', 'h2', 'h3', '0', '0.5', '1']));
    expect(el.shadowRoot!.querySelectorAll('select')).toHaveLength(0);
  });

  test('dragging orbits the camera and moves the points', async () => {
    const data = subset([75]);
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = data;
    });
    const plot = plotOf(el);
    const box = plot.getBoundingClientRect();
    const drawn = el.drawCount;
    const at = (type: string, x: number, y: number): void => {
      plot.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          pointerId: 7,
          pointerType: 'mouse',
          isPrimary: true,
          button: 0,
          buttons: 1,
          clientX: box.left + x,
          clientY: box.top + y,
        }),
      );
    };
    at('pointerdown', 100, 100);
    at('pointermove', 130, 100);
    at('pointermove', 160, 120);
    at('pointerup', 160, 120);
    await el.drawComplete;
    const perPixel = 180 / box.width;
    expect(el.azimuth).toBeCloseTo(-20 - 60 * perPixel, 6);
    expect(el.elevation).toBeCloseTo(30 + 20 * perPixel, 6);
    expect(el.drawCount).toBeGreaterThan(drawn);
    const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, el.params!.Wh, el.params!.bh).data;
    const expected = projected(el, [H[0], H[1], H[2]]);
    const found = markerCentroid(canvasOf(el), expected, 1);
    expect(found).not.toBeNull();
    expect(Math.hypot(found!.x - expected.x, found!.y - expected.y)).toBeLessThan(1);
  });

  test('arrow keys rotate when focused; Home and the button reset', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    plotOf(el).focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(el.azimuth).toBe(-15);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(el.elevation).toBe(40);
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(el.azimuth).toBe(-30);
    await userEvent.keyboard('{Home}');
    expect([el.elevation, el.azimuth]).toEqual([30, -20]);
    el.azimuth = 100;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    expect([el.elevation, el.azimuth]).toEqual([30, -20]);
  });

  test('H = 5: the selects choose the drawn units; H shrinking clamps them', async () => {
    const params = hiddenParams(5, 11);
    const data = subset([75]);
    const el = await mount((e) => {
      e.params = params;
      e.data = data;
    });
    const selects = el.shadowRoot!.querySelectorAll('select');
    expect(selects).toHaveLength(3);
    expect(selects[2].options).toHaveLength(5);
    const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, params.Wh, params.bh).data;
    const before = projected(el, [H[0], H[1], H[2]]);
    expect(markerCentroid(canvasOf(el), before, 1)).not.toBeNull();
    selects[2].value = '5';
    selects[2].dispatchEvent(new Event('change'));
    await el.drawComplete;
    expect(el.units).toEqual([1, 2, 5]);
    const after = projected(el, [H[0], H[1], H[4]]);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(15);
    const found = markerCentroid(canvasOf(el), after, 1);
    expect(found).not.toBeNull();
    expect(Math.hypot(found!.x - after.x, found!.y - after.y)).toBeLessThan(1);
    expect(markerCentroid(canvasOf(el), before, 1)).toBeNull();
    expect([...el.shadowRoot!.querySelectorAll('.label.title')].map((l) => l.textContent)).toEqual(['h1', 'h2', 'h5']);

    el.params = hiddenParams(4, 12);
    await el.drawComplete;
    expect(el.units).toEqual([1, 2, 3]);
    el.params = hiddenParams(2, 13);
    await el.drawComplete;
    expect(el.shownUnits).toEqual([1, 2, null]);
    expect(el.shadowRoot!.querySelector('.note')!.textContent).toMatch(/z axis is 0/);
    expect(el.shadowRoot!.querySelectorAll('select')).toHaveLength(0);
  });

  test('survives a lost and restored WebGL context', async () => {
    const data = subset([0]);
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = data;
    });
    const canvas = canvasOf(el);
    const ext = await loseContext();
    expect(el.backend).toBe('none');
    const drawn = el.drawCount;
    ext.restoreContext();
    await until(() => el.drawCount > drawn, 'a frame after the restore');
    expect(el.backend).toBe('webgl');
    const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, el.params!.Wh, el.params!.bh).data;
    expect(markerCentroid(canvas, projected(el, [H[0], H[1], H[2]]), 0)).not.toBeNull();
  });

  test('no-webgl draws the same view on a 2-D canvas', async () => {
    const data = subset([75]);
    const el = await mount((e) => {
      e.noWebgl = true;
      e.params = seed1Params();
      e.data = data;
    });
    expect(el.backend).toBe('cpu');
    expect(statusOf(el)).toMatch(/WebGL unavailable/);
    const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, el.params!.Wh, el.params!.bh).data;
    const expected = projected(el, [H[0], H[1], H[2]]);
    expect(nearestColor(readPixel(canvasOf(el), expected.x, expected.y), CLASS_RGB)).toBe(1);
  });

  test('hidden (display: none) for 2 s, it gives its renderer back; shown again, it redraws', async () => {
    fakeTimeouts();
    const data = subset([75]);
    const box = document.createElement('div');
    document.body.append(box);
    const el = document.createElement('bp-hidden-space');
    el.style.width = '240px';
    el.params = seed1Params();
    el.data = data;
    box.append(el);
    await until(() => el.drawCount > 0, 'the first frame');
    box.style.display = 'none';
    await intersection(el, false);
    vi.advanceTimersByTime(RELEASE_AFTER_MS);
    expect(el.backend).toBe('none');
    expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
    expect(sharedGl.userCount).toBe(0);
    // waiting for a frame while hidden does not hang
    el.elevation = 45;
    expect(await settlesWithin(el.drawComplete, 5)).toBe(true);
    const drawn = el.drawCount;
    box.style.display = '';
    await until(() => el.drawCount > drawn, 'a frame once shown');
    expect(el.backend).toBe('webgl');
    expectMarkerAt(el, data, el.params!);
  });

  test('falls back to a CPU-drawn view when a lost context is not restored within 3 s', async () => {
    fakeTimeouts();
    const data = subset([75]);
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = data;
    });
    await loseContext();
    const drawn = el.drawCount;
    vi.advanceTimersByTime(RESTORE_TIMEOUT_MS);
    expect(el.backend).toBe('cpu');
    await until(() => el.drawCount > drawn, 'the CPU frame');
    await el.updateComplete;
    expect(statusOf(el)).toBe('Graphics context lost and not restored: showing a CPU-drawn view');
    const H = hiddenActivations({ rows: 1, cols: 2, data: data.X }, el.params!.Wh, el.params!.bh).data;
    const expected = projected(el, [H[0], H[1], H[2]]);
    expect(nearestColor(readPixel(canvasOf(el), expected.x, expected.y), CLASS_RGB)).toBe(1);
  });

  test('a new snapshot reads no style and leaves the axis labels alone', async () => {
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = subset([75]);
    });
    const styleReads = vi.spyOn(window, 'getComputedStyle');
    const styleWrites = vi.spyOn(CSSStyleDeclaration.prototype, 'setProperty');
    const before = el.drawCount;
    for (let k = 0; k < 4; k++) {
      el.params = hiddenParams(3, 20 + k);
      await el.drawComplete;
    }
    expect(el.drawCount).toBe(before + 4);
    expect(styleReads).not.toHaveBeenCalled();
    expect(styleWrites).not.toHaveBeenCalled();
    // turning the camera does move them
    el.azimuth = 40;
    await el.drawComplete;
    expect(styleWrites).toHaveBeenCalled();
    expect(styleReads).not.toHaveBeenCalled();
  });

  test('skips a snapshot with non-finite weights and keeps the last good frame', async () => {
    const data = subset([75]);
    const good = seed1Params();
    const el = await mount((e) => {
      e.params = good;
      e.data = data;
    });
    const image = el.toDataURL();
    const drawn = el.drawCount;
    const bad = seed1Params();
    bad.Wh.data[0] = Number.NaN;
    bad.bh.data[2] = Number.NEGATIVE_INFINITY;
    el.params = bad;
    await el.updateComplete;
    await frames(2);
    expect(el.drawCount).toBe(drawn);
    expect(el.toDataURL()).toBe(image);
    // turning the camera redraws the last good parameters
    el.azimuth = 10;
    await el.drawComplete;
    expect(el.drawCount).toBe(drawn + 1);
    expectMarkerAt(el, data, good);
  });
});

/** Pixels (x, y, device px) whose RGBA differs between two read-backs of the same canvas. */
function changedPixels(a: Uint8Array, b: Uint8Array, width: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < a.length; p += 4) {
    const d =
      Math.abs(a[p] - b[p]) +
      Math.abs(a[p + 1] - b[p + 1]) +
      Math.abs(a[p + 2] - b[p + 2]) +
      Math.abs(a[p + 3] - b[p + 3]);
    if (d > 4) out.push([(p / 4) % width, Math.floor(p / 4 / width)]);
  }
  return out;
}

/** Distance from (x, y) to segment a–b. */
function segmentDistance(x: number, y: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - a.x - t * dx, y - a.y - t * dy);
}

/** Signed distance to a convex polygon's boundary: positive inside. */
function insideBy(poly: { x: number; y: number }[], x: number, y: number): number {
  let inside = true;
  let sign = 0;
  for (let k = 0; k < poly.length; k++) {
    const a = poly[k];
    const b = poly[(k + 1) % poly.length];
    const s = Math.sign((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x));
    if (s === 0) continue;
    if (sign === 0) sign = s;
    else if (s !== sign) inside = false;
  }
  const d = Math.min(...poly.map((a, k) => segmentDistance(x, y, a, poly[(k + 1) % poly.length])));
  return inside ? d : -d;
}

const toggleOf = (el: BpHiddenSpace, which: 'plane' | 'grid'): HTMLInputElement =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-overlay=${which}]`)!;

describe('<bp-hidden-space> overlays and highlights', () => {
  test.each(['webgl', 'cpu'] as const)(
    '%s: the output plane fills exactly its projected polygon; its toggle hides and shows it',
    async (backend) => {
      // a network whose plane cuts the cube in a hexagon
      const params = hiddenParams(3, 10);
      const el = await mount((e) => {
        e.noWebgl = backend === 'cpu';
        e.noGrid = true;
        e.params = params;
      });
      expect(el.backend).toBe(backend);
      const canvas = canvasOf(el);
      const on = readAllPixels(canvas);
      const toggle = toggleOf(el, 'plane');
      expect(toggle.checked).toBe(true);
      toggle.click();
      await el.drawComplete;
      expect(el.noPlane).toBe(true);
      const off = readAllPixels(canvas);
      const plane = outputPlane(params, [1, 2, 3], [0, 1], null);
      const n = plane.polygon.length / 3;
      expect(n).toBe(6);
      const poly = Array.from({ length: n }, (_, k) =>
        projected(el, [plane.polygon[3 * k], plane.polygon[3 * k + 1], plane.polygon[3 * k + 2]]),
      );
      const changed = new Set(changedPixels(on, off, canvas.width).map(([x, y]) => y * canvas.width + x));
      // the cube's lines, whose antialiasing a 2-D canvas may redo differently after a read-back
      const m = worldToClip({ elevation: el.elevation, azimuth: el.azimuth }, canvas.width / canvas.height);
      const { lines } = cubeAxes({ elevation: el.elevation, azimuth: el.azimuth }, m, ['', '', '']);
      const cubeLines: { x: number; y: number }[] = [];
      for (let v = 0; v < lines.length / 3; v++)
        cubeLines.push(projected(el, [lines[3 * v], lines[3 * v + 1], lines[3 * v + 2]]));
      const onCubeLine = (x: number, y: number): boolean =>
        cubeLines.some((a, v) => v % 2 === 0 && segmentDistance(x, y, a, cubeLines[v + 1]) < 2);
      let inside = 0;
      let insideChanged = 0;
      const outside: string[] = [];
      for (let y = 0; y < canvas.height; y++) {
        for (let x = 0; x < canvas.width; x++) {
          const d = insideBy(poly, x + 0.5, y + 0.5);
          const hit = changed.has(y * canvas.width + x);
          if (d < -2 && hit && !onCubeLine(x + 0.5, y + 0.5)) outside.push(`(${x}, ${y})`);
          if (d > 2) {
            inside++;
            if (hit) insideChanged++;
          }
        }
      }
      expect(outside, 'changed pixels outside the plane').toEqual([]);
      expect(inside).toBeGreaterThan(2000);
      // all but where a cube edge in front of the plane covers it
      expect(insideChanged / inside).toBeGreaterThan(0.97);
      toggle.click();
      await el.drawComplete;
      // shown again: the plane's inside is as it was
      const back = changedPixels(readAllPixels(canvas), on, canvas.width).filter(
        ([x, y]) => insideBy(poly, x + 0.5, y + 0.5) > 2 && !onCubeLine(x + 0.5, y + 0.5),
      );
      expect(back).toEqual([]);
    },
  );

  test.each(['webgl', 'cpu'] as const)(
    '%s: the warped grid follows h(x) of the input grid lines; its toggle hides it',
    async (backend) => {
      const params = hiddenParams(3, 5);
      const el = await mount((e) => {
        e.noWebgl = backend === 'cpu';
        e.noPlane = true;
        e.params = params;
      });
      const canvas = canvasOf(el);
      const on = readAllPixels(canvas);
      toggleOf(el, 'grid').click();
      await el.drawComplete;
      expect(el.noGrid).toBe(true);
      const off = readAllPixels(canvas);
      const inputs = Float64Array.from(gridLineInputs());
      const H = hiddenActivations({ rows: inputs.length / 2, cols: 2, data: inputs }, params.Wh, params.bh).data;
      const vertices = Array.from({ length: inputs.length / 2 }, (_, i) =>
        projected(el, [H[3 * i], H[3 * i + 1], H[3 * i + 2]]),
      );
      const changed = changedPixels(on, off, canvas.width);
      expect(changed.length).toBeGreaterThan(200);
      // every changed pixel is on a curve ...
      const offCurve: string[] = [];
      for (const [x, y] of changed) {
        let d = Infinity;
        for (let v = 0; v < vertices.length && d > 2; v += 2)
          d = Math.min(d, segmentDistance(x + 0.5, y + 0.5, vertices[v], vertices[v + 1]));
        if (d > 2) offCurve.push(`(${x}, ${y})`);
      }
      expect(offCurve, 'changed pixels off the curves').toEqual([]);
      // ... and the curves are drawn: a changed pixel within 1.5 px of nearly every segment's middle
      const near = new Set(changed.map(([x, y]) => y * canvas.width + x));
      let drawn = 0;
      for (let v = 0; v < vertices.length; v += 2) {
        const mx = (vertices[v].x + vertices[v + 1].x) / 2;
        const my = (vertices[v].y + vertices[v + 1].y) / 2;
        let found = false;
        for (let dy = -1; dy <= 1 && !found; dy++)
          for (let dx = -1; dx <= 1 && !found; dx++)
            found = near.has((Math.floor(my) + dy) * canvas.width + Math.floor(mx) + dx);
        if (found) drawn++;
      }
      expect(drawn / (vertices.length / 2)).toBeGreaterThan(0.9);
    },
  );

  test('hovering a point rings its image and reports it; leaving clears it', async () => {
    const data = subset([0, 75]);
    const params = seed1Params();
    const el = await mount((e) => {
      e.params = params;
      e.data = data;
    });
    const plot = plotOf(el);
    const box = plot.getBoundingClientRect();
    const canvas = canvasOf(el);
    const H = hiddenActivations({ rows: 2, cols: 2, data: data.X }, params.Wh, params.bh).data;
    const at = projected(el, [H[3], H[4], H[5]]);
    const css = { x: (at.x * box.width) / canvas.width, y: (at.y * box.height) / canvas.height };
    const reports: (number | null)[] = [];
    el.addEventListener('bp-point-hover', (e) => reports.push((e as CustomEvent<PointHoverDetail>).detail.index));
    const move = (x: number, y: number) =>
      plot.dispatchEvent(
        new PointerEvent('pointermove', { bubbles: true, clientX: box.left + x, clientY: box.top + y, buttons: 0 }),
      );
    move(css.x + 3, css.y - 2);
    await el.updateComplete;
    expect(reports).toEqual([1]);
    expect(el.highlightedPoint).toBe(1);
    const ring = el.shadowRoot!.querySelector<HTMLElement>('.ring')!;
    expect(ring.dataset.index).toBe('1');
    const r = ring.getBoundingClientRect();
    expect(Math.hypot(r.left + r.width / 2 - box.left - css.x, r.top + r.height / 2 - box.top - css.y)).toBeLessThan(1);
    move(2, 2);
    await el.updateComplete;
    expect(reports).toEqual([1, null]);
    expect(el.shadowRoot!.querySelector('.ring')).toBeNull();
  });

  test("highlightedUnit highlights that unit's axis, and nothing for a unit not shown", async () => {
    const el = await mount((e) => (e.params = hiddenParams(5, 3)));
    el.highlightedUnit = 4;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.label.title.highlighted')).toBeNull();
    expect(el.shadowRoot!.querySelector('.axis-highlight')).toBeNull();
    el.units = [1, 5, 3];
    el.highlightedUnit = 4; // h5, now on the y axis
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.label.title.highlighted')!.textContent).toBe('h5');
    const line = el.shadowRoot!.querySelector('.axis-highlight line')!;
    const box = plotOf(el).getBoundingClientRect();
    const m = worldToClip({ elevation: el.elevation, azimuth: el.azimuth }, box.width / box.height);
    const [a, b] = cubeAxes({ elevation: el.elevation, azimuth: el.azimuth }, m, ['', '', '']).axisEnds[1];
    const p = projectToViewport(m, a, box.width, box.height);
    const q = projectToViewport(m, b, box.width, box.height);
    const ends = ['x1', 'y1', 'x2', 'y2'].map((k) => Number(line.getAttribute(k)));
    [p.x, p.y, q.x, q.y].forEach((v, k) => expect(ends[k]).toBeCloseTo(v, 3));
    el.highlightedUnit = null;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.axis-highlight')).toBeNull();
  });
});

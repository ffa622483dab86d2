import { afterEach, describe, expect, test, vi } from 'vitest';
import { nnPredict } from '../core/network';
import type { Params } from '../core/types';
import {
  canvasOf,
  canvasPixels,
  CLASS_RGB,
  cleanUpPage,
  fakeTimeouts,
  frames,
  intersection,
  loseContext,
  mountView,
  nearestColor,
  nextEvent,
  readPixel,
  settlesWithin,
  sharedContextCanvas,
  statusOf,
  until,
} from '../../test/helpers/browser';
import { seed1Data, seed1Params, seed1Plane } from '../render/__fixtures__/seed-1';
import { RELEASE_AFTER_MS, RESTORE_TIMEOUT_MS } from '../render/canvas/canvas-view';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import { CONTEXT_RELEASE_MS, sharedGl } from '../render/gl/shared-context';
import { gridPoints, linspace } from '../render/map/probability-grid';
import { fastMapCells } from '../render/map/gl-map-renderer';
import './bp-decision-map';
import type { BpDecisionMap } from './bp-decision-map';

const SIZE = 200;

function mount(setup?: (el: BpDecisionMap) => void): Promise<BpDecisionMap> {
  const el = document.createElement('bp-decision-map');
  el.style.width = `${SIZE}px`;
  el.style.padding = '0';
  return mountView(el, setup);
}

/** The device pixel showing input point (x, y): x to the right, y up. */
function pixelAt(canvas: HTMLCanvasElement, x: number, y: number): [number, number, number, number] {
  return readPixel(canvas, ((x + 2) / 4) * canvas.width, ((2 - y) / 4) * canvas.height);
}

function planeAgreement(predicted: Uint8Array): number {
  const { n, rows } = seed1Plane;
  let agree = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if ((rows[i][j] === '1') === (predicted[i * n + j] === 0)) agree++;
  return agree / (n * n);
}

/**
 * The map's pixels against the core's nnPredict at their centres: pixels farther than `margin`
 * px from the boundary (where the line is drawn, and a coarse map's cells straddle it) are
 * checked, and `agree` of them show the predicted class's colour.
 */
function classAgreement(
  canvas: HTMLCanvasElement,
  params: Params,
  margin: number,
): { checked: number; agree: number; pixels: number } {
  const n = canvas.width;
  expect(canvas.height).toBe(n);
  // pixel centres, rows from the top (y = +2) down
  const xs = Float64Array.from({ length: n }, (_, j) => -2 + (4 * (j + 0.5)) / n);
  const ys = Float64Array.from({ length: n }, (_, i) => 2 - (4 * (i + 0.5)) / n);
  const expected = nnPredict(gridPoints(xs, ys), params);
  // a pixel of another class within `margin` px along the row (then, below, along the column:
  // a square around each checked pixel)
  const near = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const k = expected[i * n + j];
      for (let d = -margin; d <= margin; d++) {
        const jj = j + d;
        if (jj >= 0 && jj < n && expected[i * n + jj] !== k) near[i * n + j] = 1;
      }
    }
  const pixels = canvasPixels(canvas);
  let checked = 0;
  let agree = 0;
  for (let i = margin; i < n - margin; i++) {
    for (let j = margin; j < n - margin; j++) {
      let uniform = true;
      const k = expected[i * n + j];
      for (let di = -margin; di <= margin && uniform; di++) {
        const o = (i + di) * n + j;
        if (near[o] || expected[o] !== k) uniform = false;
      }
      if (!uniform) continue;
      const o = 4 * ((n - 1 - i) * n + j);
      checked++;
      if (nearestColor([pixels[o], pixels[o + 1], pixels[o + 2]], CLASS_RGB) === k) agree++;
    }
  }
  return { checked, agree, pixels: n * n };
}

/** The same network with its two output classes swapped: the inner disc becomes class 0. */
function swapClasses(p: Params): Params {
  const Wo = new Float64Array(p.Wo.data.length);
  for (let j = 0; j < p.Wo.rows; j++) {
    Wo[2 * j] = p.Wo.data[2 * j + 1];
    Wo[2 * j + 1] = p.Wo.data[2 * j];
  }
  return { ...p, Wo: { ...p.Wo, data: Wo }, bo: { ...p.bo, data: Float64Array.from([p.bo.data[1], p.bo.data[0]]) } };
}

/** The map's centre is class 1 (the inner disc) and its ring class 0, as seed 1 trained it. */
function expectSeed1Map(canvas: HTMLCanvasElement): void {
  expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(1);
  expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(0);
}

afterEach(cleanUpPage);

describe('<bp-decision-map>', () => {
  test('the shader agrees with numpy’s decision plane on the 200×200 grid', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    expect(el.backend).toBe('webgl');
    const grid = await el.renderProbabilityGrid(200);
    expect(grid).not.toBeNull();
    expect(planeAgreement(grid!.predicted)).toBeGreaterThanOrEqual(0.999);
  });

  test('the shader agrees with the core’s nnPredict on the 200×200 grid', async () => {
    const params = seed1Params();
    const el = await mount((e) => (e.params = params));
    const axis = linspace(-2, 2, 200);
    const expected = nnPredict(gridPoints(axis, axis), params);
    const { predicted } = (await el.renderProbabilityGrid(200))!;
    let agree = 0;
    for (let k = 0; k < expected.length; k++) if (expected[k] === predicted[k]) agree++;
    expect(agree / expected.length).toBeGreaterThanOrEqual(0.999);
  });

  test('every pixel away from the boundary line shows nnPredict’s class', async () => {
    const params = seed1Params();
    const el = await mount((e) => (e.params = params));
    const { checked, agree, pixels } = classAgreement(canvasOf(el), params, 3);
    expect(checked).toBeGreaterThan(0.85 * pixels);
    expect(agree).toBe(checked);
  });

  test('fast quality (the coarse grid while training): every pixel a cell away from the boundary shows nnPredict’s class', async () => {
    const params = seed1Params();
    const el = await mount((e) => {
      e.style.width = '400px';
      e.quality = 'fast';
      e.params = params;
    });
    const canvas = canvasOf(el);
    const cells = fastMapCells(params.Wh.cols);
    // the coarse path is the one drawn: fewer cells than pixels
    expect(cells).toBeLessThan(canvas.width);
    // a cell's width in pixels, plus the line's 3 px
    const margin = Math.ceil(canvas.width / cells) + 3;
    const { checked, agree, pixels } = classAgreement(canvas, params, margin);
    expect(checked).toBeGreaterThan(0.75 * pixels);
    expect(agree).toBe(checked);
  });

  test('inner disc is class 1 (blue), the ring class 0 (red), y up', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(1);
    expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(0);
    expect(nearestColor(pixelAt(canvas, 0, 1.5), CLASS_RGB)).toBe(0);
    // light shading: confident regions at the top of the alpha range, never opaque
    const [, , , alpha] = pixelAt(canvas, 1.9, 1.9);
    expect(alpha).toBeGreaterThan(0.3 * 255);
    expect(alpha).toBeLessThan(0.5 * 255);
  });

  test('canvas is the plot box × devicePixelRatio', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    const plot = el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
    expect(canvas.width).toBe(Math.round(plot.clientWidth * devicePixelRatio));
    expect(canvas.height).toBe(Math.round(plot.clientHeight * devicePixelRatio));
    expect(el.toDataURL()).toMatch(/^data:image\/png;base64,/);
  });

  test('data points are drawn on top as opaque markers', async () => {
    const data = seed1Data();
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = data;
    });
    const canvas = canvasOf(el);
    for (const i of [0, 10, 60, 90]) {
      const pixel = pixelAt(canvas, data.X[2 * i], data.X[2 * i + 1]);
      expect(pixel[3], `sample ${i}`).toBe(255);
      expect(nearestColor(pixel, CLASS_RGB), `sample ${i}`).toBe(data.t[i]);
    }
  });

  test('redraws once per new params object, not for the same one', async () => {
    const params = seed1Params();
    const el = await mount((e) => (e.params = params));
    const canvas = canvasOf(el);
    const before = el.drawCount;
    el.params = params;
    await frames(3);
    expect(el.drawCount).toBe(before);
    // three snapshots in one frame: coalesced into one draw of the latest
    el.params = seed1Params();
    el.params = seed1Params();
    el.params = swapClasses(params);
    await el.drawComplete;
    await frames(2);
    expect(el.drawCount).toBe(before + 1);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(0);
    expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(1);
  });

  test('params set before a frame are drawn in that frame', async () => {
    const params = seed1Params();
    const el = await mount((e) => (e.params = params));
    const canvas = canvasOf(el);
    const frame = frameScheduler.frames;
    const draws = el.drawCount;
    el.params = swapClasses(params);
    // resolves after the next draw phase, with everything drawn in it
    await frameScheduler.afterDraw();
    expect(frameScheduler.frames).toBe(frame + 1);
    expect(el.drawCount).toBe(draws + 1);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(0);
  });

  test('fast quality: coarse network, same classes away from the boundary', async () => {
    const el = await mount((e) => {
      e.style.width = '400px';
      e.quality = 'fast';
      e.params = seed1Params();
    });
    const canvas = canvasOf(el);
    expect(canvas.width).toBeGreaterThan(200);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(1);
    expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(0);
    const fast = el.toDataURL();
    el.quality = 'full';
    await el.drawComplete;
    expect(el.toDataURL()).not.toBe(fast);
  });

  test('draws nothing while off-screen, catches up when shown', async () => {
    const el = document.createElement('bp-decision-map');
    el.style.cssText = `position: fixed; top: 5000px; width: ${SIZE}px`;
    el.params = seed1Params();
    document.body.append(el);
    await frames(5);
    expect(el.drawCount).toBe(0);
    el.params = seed1Params();
    await frames(3);
    expect(el.drawCount).toBe(0);
    el.style.top = '0px';
    await until(() => el.drawCount === 1, 'the catch-up frame');
    await frames(3);
    expect(el.drawCount).toBe(1);
  });

  test('survives a lost and restored WebGL context', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    const ext = await loseContext();
    expect(el.backend).toBe('none');
    expect(statusOf(el)).toMatch(/lost/);
    const drawn = el.drawCount;
    const restored = nextEvent(sharedContextCanvas(), 'webglcontextrestored');
    ext.restoreContext();
    await restored;
    await until(() => el.drawCount > drawn, 'a frame after the restore');
    expect(el.backend).toBe('webgl');
    expect(canvasOf(el)).toBe(canvas);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(1);
    expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(0);
    expect(planeAgreement((await el.renderProbabilityGrid(200))!.predicted)).toBeGreaterThanOrEqual(0.999);
    expect(statusOf(el)).toBe('');
  });

  test('falls back to a CPU-drawn map when WebGL is unavailable', async () => {
    // no WebGL anywhere: neither a view's canvas nor the page's shared OffscreenCanvas
    for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
      const original = proto.getContext as (this: object, type: string, options?: unknown) => unknown;
      vi.spyOn(proto as { getContext(type: string, options?: unknown): unknown }, 'getContext').mockImplementation(
        function (this: object, type: string, options?: unknown) {
          if (type === 'webgl' || type === 'experimental-webgl' || type === 'webgl2') return null;
          return original.call(this, type, options);
        },
      );
    }
    const el = await mount((e) => {
      e.params = seed1Params();
      e.data = seed1Data();
    });
    expect(el.backend).toBe('cpu');
    const status = el.shadowRoot!.querySelector('[role=status]')!;
    expect(status.textContent).toBe('WebGL unavailable: showing a CPU-drawn map');
    expect(status.checkVisibility()).toBe(true);
    const canvas = canvasOf(el);
    expect(nearestColor(pixelAt(canvas, 0.05, 0.7), CLASS_RGB)).toBe(0);
    expect(nearestColor(pixelAt(canvas, 1.7, -1.7), CLASS_RGB)).toBe(0);
    expect(planeAgreement((await el.renderProbabilityGrid(200))!.predicted)).toBe(1);
  });

  test('no-webgl forces the fallback; clearing it returns to WebGL', async () => {
    const el = await mount((e) => {
      e.setAttribute('no-webgl', '');
      e.params = seed1Params();
    });
    expect(el.backend).toBe('cpu');
    expect(nearestColor(pixelAt(canvasOf(el), 0, 0), CLASS_RGB)).toBe(1);
    el.noWebgl = false;
    await el.updateComplete;
    await until(() => el.backend === 'webgl', 'WebGL again');
    await el.drawComplete;
    expect(nearestColor(pixelAt(canvasOf(el), 0, 0), CLASS_RGB)).toBe(1);
  });

  test('releases its renderer on disconnect (the shared context soon after) and draws again on reconnect', async () => {
    fakeTimeouts();
    const el = await mount((e) => (e.params = seed1Params()));
    const first = canvasOf(el);
    const gl = sharedGl.context!;
    el.remove();
    expect(sharedGl.userCount).toBe(0);
    expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
    vi.advanceTimersByTime(CONTEXT_RELEASE_MS);
    expect(gl.isContextLost()).toBe(true);
    const drawn = el.drawCount;
    document.body.append(el);
    await until(() => el.drawCount > drawn, 'a frame after reconnecting');
    const second = canvasOf(el);
    expect(second).not.toBe(first);
    expect(nearestColor(pixelAt(second, 0, 0), CLASS_RGB)).toBe(1);
  });

  test('class colours come from --bp-class-N-color', async () => {
    const el = await mount((e) => {
      e.style.setProperty('--bp-class-0-color', 'rgb(0, 200, 0)');
      e.params = seed1Params();
    });
    const [r, g, b] = pixelAt(canvasOf(el), 1.5, 0);
    expect(g).toBeGreaterThan(150);
    expect(r).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });

  test('gives its renderer back after 2 s off-screen, and draws again on return', async () => {
    fakeTimeouts();
    const el = await mount((e) => (e.params = seed1Params()));
    const first = canvasOf(el);
    el.style.position = 'fixed';
    el.style.top = '5000px';
    await intersection(el, false);
    vi.advanceTimersByTime(RELEASE_AFTER_MS - 100);
    expect(el.backend).toBe('webgl');
    expect(sharedGl.userCount).toBe(1);
    vi.advanceTimersByTime(100);
    expect(el.backend).toBe('none');
    expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
    expect(sharedGl.userCount).toBe(0);
    await el.updateComplete;
    expect(statusOf(el)).toBe('');
    // a snapshot while away is drawn on return, on a new canvas and context
    el.params = swapClasses(seed1Params());
    await frames(2);
    const drawn = el.drawCount;
    el.style.top = '0px';
    await until(() => el.drawCount > drawn, 'a frame after returning');
    const second = canvasOf(el);
    expect(second).not.toBe(first);
    expect(el.backend).toBe('webgl');
    expect(nearestColor(pixelAt(second, 0, 0), CLASS_RGB)).toBe(0);
    expect(nearestColor(pixelAt(second, 1.5, 0), CLASS_RGB)).toBe(1);
  });

  test('back on-screen within the grace period, it keeps its context (no redraw)', async () => {
    fakeTimeouts();
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    const drawn = el.drawCount;
    el.style.position = 'fixed';
    el.style.top = '5000px';
    await intersection(el, false);
    vi.advanceTimersByTime(RELEASE_AFTER_MS / 2);
    el.style.top = '0px';
    await intersection(el, true);
    vi.advanceTimersByTime(RELEASE_AFTER_MS);
    await frames(2);
    expect(canvasOf(el)).toBe(canvas);
    expect(el.backend).toBe('webgl');
    expect(el.drawCount).toBe(drawn);
    expectSeed1Map(canvas);
  });

  test('is not given a context until it is first on-screen', async () => {
    const el = document.createElement('bp-decision-map');
    el.style.cssText = `position: fixed; top: 5000px; width: ${SIZE}px`;
    el.params = seed1Params();
    document.body.append(el);
    await intersection(el, false);
    await frames(2);
    expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
    expect(el.backend).toBe('none');
    // a snapshot is drawn anyway when asked for one, on a context made for it
    expect(el.toDataURL()).toMatch(/^data:image\/png;base64,/);
    expect(el.backend).toBe('webgl');
    expectSeed1Map(canvasOf(el));
  });

  test('12 maps on-screen beside 15 contexts of the host page: all draw on one shared context, none lost', async () => {
    const params = seed1Params();
    // the host page's own contexts, made first: one more than ours would make Chromium lose its oldest
    const host = Array.from({ length: 15 }, () => document.createElement('canvas').getContext('webgl'));
    const made = sharedGl.created;
    const maps = Array.from({ length: 12 }, (_, k) => {
      const el = document.createElement('bp-decision-map');
      el.style.cssText = `position: fixed; left: ${64 * (k % 6)}px; top: ${64 * Math.floor(k / 6)}px; width: 60px; padding: 0`;
      el.params = params;
      document.body.append(el);
      return el;
    });
    await until(() => maps.every((el) => el.drawCount > 0), 'every map to draw');
    for (const el of maps) {
      await el.drawComplete;
      expect(el.backend).toBe('webgl');
      expectSeed1Map(canvasOf(el));
    }
    expect(sharedGl.created - made).toBe(1);
    expect(sharedGl.context!.isContextLost()).toBe(false);
    expect(host.every((gl) => gl && !gl.isContextLost())).toBe(true);
    for (const gl of host) gl?.getExtension('WEBGL_lose_context')?.loseContext();
  });

  test('falls back to the CPU map when a lost context is not restored within 3 s', async () => {
    fakeTimeouts();
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    await loseContext();
    expect(el.backend).toBe('none');
    // nothing waits for a frame that a lost context cannot draw
    el.params = swapClasses(seed1Params());
    expect(await settlesWithin(el.drawComplete, 10)).toBe(true);
    const drawn = el.drawCount;
    vi.advanceTimersByTime(RESTORE_TIMEOUT_MS - 1);
    expect(el.backend).toBe('none');
    vi.advanceTimersByTime(1);
    expect(el.backend).toBe('cpu');
    await until(() => el.drawCount > drawn, 'the CPU frame');
    await el.updateComplete;
    expect(statusOf(el)).toBe('Graphics context lost and not restored: showing a CPU-drawn map');
    const fallback = canvasOf(el);
    expect(fallback).not.toBe(canvas);
    expect(nearestColor(pixelAt(fallback, 0, 0), CLASS_RGB)).toBe(0);
    expect(nearestColor(pixelAt(fallback, 1.5, 0), CLASS_RGB)).toBe(1);
  });

  test('falls back to the CPU map at once when the restored context cannot be used', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const ext = await loseContext();
    // the restored context answers no queries: regl cannot be made on it
    vi.spyOn(WebGLRenderingContext.prototype, 'getParameter').mockImplementation(() => {
      throw new Error('broken context');
    });
    const restored = nextEvent(sharedContextCanvas(), 'webglcontextrestored');
    ext.restoreContext();
    await restored;
    expect(el.backend).toBe('cpu');
    await el.drawComplete;
    await el.updateComplete;
    expect(statusOf(el)).toMatch(/^Graphics context lost and not restored/);
    expectSeed1Map(canvasOf(el));
  });

  test('drawComplete does not wait while off-screen', async () => {
    const el = document.createElement('bp-decision-map');
    el.style.cssText = `position: fixed; top: 5000px; width: ${SIZE}px`;
    document.body.append(el);
    await intersection(el, false);
    el.params = seed1Params();
    expect(await settlesWithin(el.drawComplete, 5)).toBe(true);
    expect(el.drawCount).toBe(0);
  });

  test('reads its colours on connect and in refreshColors(), never per frame', async () => {
    const params = seed1Params();
    const el = await mount((e) => (e.params = params));
    const styleReads = vi.spyOn(window, 'getComputedStyle');
    const before = el.drawCount;
    for (let k = 0; k < 4; k++) {
      el.params = k % 2 ? seed1Params() : swapClasses(params);
      await el.drawComplete;
    }
    expect(el.drawCount).toBe(before + 4);
    expect(styleReads).not.toHaveBeenCalled();
    el.style.setProperty('--bp-class-0-color', 'rgb(0, 200, 0)');
    el.refreshColors();
    await el.drawComplete;
    expect(styleReads).toHaveBeenCalled();
    const [r, g, b] = pixelAt(canvasOf(el), 1.5, 0);
    expect(g).toBeGreaterThan(150);
    expect(r).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });

  test('skips a snapshot with non-finite weights and keeps the last good frame', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const canvas = canvasOf(el);
    const image = el.toDataURL();
    const drawn = el.drawCount;
    const nan = seed1Params();
    nan.Wo.data[0] = Number.NaN;
    const infinite = seed1Params();
    infinite.bh.data[1] = Number.POSITIVE_INFINITY;
    const huge = seed1Params();
    huge.Wh.data[2] = 1e39; // finite in float64, Infinity in the shader's float32
    for (const bad of [nan, infinite, huge]) {
      el.params = bad;
      await el.updateComplete;
      await frames(2);
      expect(el.drawCount).toBe(drawn);
      expect(el.toDataURL()).toBe(image);
    }
    // a redraw for another reason draws the last good parameters, not the bad ones
    el.style.width = `${SIZE + 40}px`;
    await until(() => el.drawCount > drawn, 'the resized frame');
    expectSeed1Map(canvas);
    expect(planeAgreement((await el.renderProbabilityGrid(200))!.predicted)).toBeGreaterThanOrEqual(0.999);
    el.params = swapClasses(seed1Params());
    await el.drawComplete;
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(0);
  });
});

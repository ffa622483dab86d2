import { afterEach, describe, expect, test, vi } from 'vitest';
import { nnPredict } from '../core/network';
import type { Params } from '../core/types';
import { CLASS_RGB, frames, nearestColor, nextEvent, readPixel, until } from '../render/__fixtures__/browser-helpers';
import { seed1Data, seed1Params, seed1Plane } from '../render/__fixtures__/seed-1';
import { gridPoints, linspace } from '../render/probability-grid';
import './bp-decision-map';
import type { BpDecisionMap } from './bp-decision-map';

const SIZE = 200;

async function mount(setup: (el: BpDecisionMap) => void = () => {}): Promise<BpDecisionMap> {
  const el = document.createElement('bp-decision-map');
  el.style.width = `${SIZE}px`;
  el.style.padding = '0';
  setup(el);
  document.body.append(el);
  await until(() => el.drawCount > 0, 'the first frame');
  await el.drawComplete;
  return el;
}

function canvasOf(el: BpDecisionMap): HTMLCanvasElement {
  const canvas = el.shadowRoot?.querySelector('canvas');
  if (!canvas) throw new Error('no canvas');
  return canvas;
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

/** The same network with its two output classes swapped: the inner disc becomes class 0. */
function swapClasses(p: Params): Params {
  const Wo = new Float64Array(p.Wo.data.length);
  for (let j = 0; j < p.Wo.rows; j++) {
    Wo[2 * j] = p.Wo.data[2 * j + 1];
    Wo[2 * j + 1] = p.Wo.data[2 * j];
  }
  return { ...p, Wo: { ...p.Wo, data: Wo }, bo: { ...p.bo, data: Float64Array.from([p.bo.data[1], p.bo.data[0]]) } };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

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
    const canvas = canvasOf(el);
    const n = canvas.width;
    expect(canvas.height).toBe(n);
    // pixel centres, rows from the top (y = +2) down
    const xs = Float64Array.from({ length: n }, (_, j) => -2 + (4 * (j + 0.5)) / n);
    const ys = Float64Array.from({ length: n }, (_, i) => 2 - (4 * (i + 0.5)) / n);
    const expected = nnPredict(gridPoints(xs, ys), params);
    const gl = canvas.getContext('webgl')!;
    const pixels = new Uint8Array(4 * n * n);
    gl.readPixels(0, 0, n, n, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
    let checked = 0;
    let agree = 0;
    for (let i = 3; i < n - 3; i++) {
      for (let j = 3; j < n - 3; j++) {
        const k = expected[i * n + j];
        // skip pixels within 3 px of the boundary, where the line is drawn
        let uniform = true;
        for (let di = -3; di <= 3 && uniform; di++)
          for (let dj = -3; dj <= 3; dj++) if (expected[(i + di) * n + j + dj] !== k) uniform = false;
        if (!uniform) continue;
        const o = 4 * ((n - 1 - i) * n + j);
        checked++;
        if (nearestColor([pixels[o], pixels[o + 1], pixels[o + 2]], CLASS_RGB) === k) agree++;
      }
    }
    expect(checked).toBeGreaterThan(0.85 * n * n);
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
    const gl = canvas.getContext('webgl')!;
    const ext = gl.getExtension('WEBGL_lose_context')!;
    const lost = nextEvent(canvas, 'webglcontextlost');
    ext.loseContext();
    await lost;
    // Chrome allows restoreContext only once the lost event's dispatch has finished
    await frames(1);
    expect(el.backend).toBe('none');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).toMatch(/lost/);
    const drawn = el.drawCount;
    const restored = nextEvent(canvas, 'webglcontextrestored');
    ext.restoreContext();
    await restored;
    await until(() => el.drawCount > drawn, 'a frame after the restore');
    expect(el.backend).toBe('webgl');
    expect(canvasOf(el)).toBe(canvas);
    expect(nearestColor(pixelAt(canvas, 0, 0), CLASS_RGB)).toBe(1);
    expect(nearestColor(pixelAt(canvas, 1.5, 0), CLASS_RGB)).toBe(0);
    expect(planeAgreement((await el.renderProbabilityGrid(200))!.predicted)).toBeGreaterThanOrEqual(0.999);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).toBe('');
  });

  test('falls back to a CPU-drawn map when WebGL is unavailable', async () => {
    const original = HTMLCanvasElement.prototype.getContext;
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
      this: HTMLCanvasElement,
      type: string,
      options?: unknown,
    ) {
      if (type === 'webgl' || type === 'experimental-webgl' || type === 'webgl2') return null;
      return original.call(this, type, options) as RenderingContext;
    } as typeof original);
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

  test('releases its context on disconnect and draws again on reconnect', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const first = canvasOf(el);
    const gl = first.getContext('webgl')!;
    el.remove();
    expect(gl.isContextLost()).toBe(true);
    expect(el.shadowRoot!.querySelector('canvas')).toBeNull();
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
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hiddenActivations, nn } from '../core/network';
import type { Params } from '../core/types';
import {
  canvasOf,
  canvasPixels,
  frames,
  mountView,
  nearestColor,
  nextEvent,
  type Rgb,
} from '../../test/helpers/browser';
import { networkFixture, type UnitSides } from '../../test/fixtures/numpy/network';
import { seed1Params } from '../render/__fixtures__/seed-1';
import { gridPoints } from '../render/map/probability-grid';
import type { UnitRef } from '../render/network/network-layout';
import { cellCentres } from '../render/network/unit-values';
import { DEFAULT_HIGH_COLOR, DEFAULT_LOW_COLOR } from '../render/network/network-theme';
import './bp-network';
import type { BpNetwork } from './bp-network';
import { formatValue } from './network-items';

const SIZE = 400;
/** the default low and high colours as bytes */
const SCALE_RGB: readonly Rgb[] = [DEFAULT_LOW_COLOR, DEFAULT_HIGH_COLOR].map(
  (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as unknown as Rgb,
);

function mount(setup: (el: BpNetwork) => void, noWebgl = false): Promise<BpNetwork> {
  const el = document.createElement('bp-network');
  el.style.width = `${SIZE}px`;
  el.noWebgl = noWebgl;
  return mountView(el, setup);
}

/** Share of cells whose value is on numpy's side of 0.5. */
function agreement(values: Float32Array, sides: UnitSides): number {
  const n = sides.rows.length;
  let agree = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (values[i * n + j] > 0.5 === (sides.rows[i][j] === '1')) agree++;
  return agree / (n * n);
}

/** Random parameters of H hidden units (a fixed LCG: deterministic). */
function wideParams(H: number, C = 2): Params {
  let s = 12345;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
  const m = (rows: number, cols: number) => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, r) });
  return { Wh: m(2, H), bh: m(1, H), Wo: m(H, C), bo: m(1, C) };
}

async function decodePng(url: string): Promise<ImageData> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height);
}

describe('<bp-network> with the tutorial’s trained network', () => {
  let el: BpNetwork;
  const units: UnitRef[] = [0, 1, 2].map((index) => ({ layer: 'hidden', index }));
  const outputs: UnitRef[] = [0, 1].map((index) => ({ layer: 'output', index }));

  beforeAll(async () => {
    el = await mount((e) => (e.params = seed1Params()));
  });
  afterAll(() => el.remove());

  test('the shader’s unit maps agree with numpy’s h_k and y_c at the pixel centres (≥ 99.5%)', async () => {
    expect(el.backend).toBe('webgl');
    const { n, hidden, outputs: classes } = networkFixture.units;
    for (const [k, unit] of units.entries()) {
      expect(agreement((await el.unitValues(unit, n))!, hidden[k])).toBeGreaterThanOrEqual(0.995);
    }
    for (const [c, unit] of outputs.entries()) {
      expect(agreement((await el.unitValues(unit, n))!, classes[c])).toBeGreaterThanOrEqual(0.995);
    }
  });

  test('every hidden unit’s box on the canvas shows the side of 0.5 of h_k at each pixel centre', async () => {
    // a fresh frame: regl binds the canvas's own framebuffer again (read-back left its target bound)
    el.params = seed1Params();
    await el.drawComplete;
    const canvas = canvasOf(el);
    const ratio = canvas.width / SIZE;
    // rows from the bottom, as gl.readPixels gives them (the view's canvas is 2-D: its frame is
    // copied there from the page's shared context)
    const all = canvasPixels(canvas);
    const params = seed1Params();
    for (const unit of units) {
      const box = el.unitBox(unit)!;
      const x0 = Math.round(box.x * ratio);
      const top = Math.round(box.y * ratio);
      const side = Math.round((box.x + box.size) * ratio) - x0;
      const pixels = new Uint8Array(4 * side * side);
      const y0 = canvas.height - top - side;
      for (let r = 0; r < side; r++) {
        const from = 4 * ((y0 + r) * canvas.width + x0);
        pixels.set(all.subarray(from, from + 4 * side), 4 * r * side);
      }
      const xs = cellCentres(side);
      const ys = cellCentres(side).reverse();
      const h = hiddenActivations(gridPoints(xs, ys), params.Wh, params.bh).data;
      let agree = 0;
      for (let i = 0; i < side; i++) {
        for (let j = 0; j < side; j++) {
          const o = 4 * ((side - 1 - i) * side + j);
          const expected = h[(i * side + j) * 3 + unit.index] > 0.5 ? 1 : 0;
          if (nearestColor([pixels[o], pixels[o + 1], pixels[o + 2]], SCALE_RGB) === expected) agree++;
        }
      }
      expect(agree / (side * side)).toBeGreaterThanOrEqual(0.995);
    }
  });

  test('toDataURL("unit-K") is unit K’s map as a PNG; "output-C" class C’s', async () => {
    const params = seed1Params();
    for (const name of ['unit-0', 'unit-2', 'output-1']) {
      const url = el.toDataURL(name);
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      const image = await decodePng(url);
      const n = image.width;
      expect(n).toBe(200);
      const points = gridPoints(cellCentres(n), cellCentres(n).reverse());
      const index = Number(name.split('-')[1]);
      const values = name.startsWith('unit')
        ? hiddenActivations(points, params.Wh, params.bh).data
        : nn(points, params).data;
      const stride = name.startsWith('unit') ? 3 : 2;
      let agree = 0;
      let checked = 0;
      for (let k = 0; k < n * n; k++) {
        const v = values[k * stride + index];
        // a PNG keeps straight alpha; nearly transparent pixels (v ≈ 0.5) carry no colour to test
        if (Math.abs(v - 0.5) < 0.05) continue;
        checked++;
        const o = 4 * k;
        if (nearestColor([image.data[o], image.data[o + 1], image.data[o + 2]], SCALE_RGB) === (v > 0.5 ? 1 : 0))
          agree++;
      }
      expect(checked).toBeGreaterThan(0.5 * n * n);
      expect(agree / checked).toBeGreaterThanOrEqual(0.995);
    }
    expect(el.toDataURL('unit-0')).not.toBe(el.toDataURL('unit-1'));
  });

  test('every unit, link and bias is reachable by the arrow keys, named, and shows its details', async () => {
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.item')];
    // 2 inputs + 3 hidden + 2 classes, 12 links, 5 biases
    expect(buttons).toHaveLength(24);
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    buttons[0].focus();
    const names = new Set<string>();
    const highlighted: (number | null)[] = [];
    el.addEventListener('bp-highlight-unit', (e) =>
      highlighted.push((e as CustomEvent<{ unit: number | null }>).detail.unit),
    );
    for (let k = 0; k < buttons.length; k++) {
      const active = el.shadowRoot!.activeElement as HTMLButtonElement;
      expect(active.getAttribute('aria-label')).toBeTruthy();
      names.add(active.getAttribute('aria-label')!);
      await el.updateComplete;
      const details = el.shadowRoot!.querySelector('.details')!.textContent!;
      if (active.classList.contains('link'))
        expect(details).toMatch(/^Weight .+ = −?\d.*; gradient shown when training pauses; last update not known\.$/);
      active.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      await el.updateComplete;
    }
    expect(names.size).toBe(24);
    expect(highlighted).toEqual([0, 1, 2, null]);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).toBe('Bias of class 1');
  });

  test('gradients draw one mark per link and bias, and their numbers in the details', async () => {
    const before = el.drawCount;
    const g = seed1Params();
    el.gradients = g;
    el.lastUpdate = g;
    el.iteration = 7;
    await el.drawComplete;
    expect(el.drawCount).toBeGreaterThan(before);
    const link = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-item="link-0"]')!;
    link.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.details')!.textContent).toBe(
      `Weight x₁ → h₁ = ${formatValue(g.Wh.data[0])}; gradient ∂ξ/∂w = ${formatValue(g.Wh.data[0])} at iteration 7; last update −ε·J + μ·V = ${formatValue(g.Wh.data[0])}.`,
    );
    link.blur();
  });
});

describe('<bp-network> sizes and fallback', () => {
  test('H = 16 is a diagram with links; H = 17 a grid of unit maps without links', async () => {
    const el = await mount((e) => (e.params = wideParams(16)));
    expect(el.layoutMode).toBe('diagram');
    expect(el.shadowRoot!.querySelectorAll('button.link')).toHaveLength(2 * 16 + 16 * 2);
    const boxes = Array.from({ length: 16 }, (_, index) => el.unitBox({ layer: 'hidden', index })!);
    for (const b of boxes) expect(b.size).toBeGreaterThanOrEqual(16);
    el.params = wideParams(17);
    await el.drawComplete;
    expect(el.layoutMode).toBe('grid');
    expect(el.shadowRoot!.querySelectorAll('button.link')).toHaveLength(0);
    expect(el.shadowRoot!.querySelectorAll('button.unit')).toHaveLength(17 + 2);
    const values = await el.unitValues({ layer: 'hidden', index: 16 }, 8);
    const p = wideParams(17);
    const h = hiddenActivations(gridPoints(cellCentres(8), cellCentres(8).reverse()), p.Wh, p.bh).data;
    for (let k = 0; k < 64; k++) expect(values![k]).toBeCloseTo(h[k * 17 + 16], 3);
    el.remove();
  });

  test('without WebGL the maps are CPU-drawn, exactly numpy’s sides', async () => {
    const el = await mount((e) => (e.params = seed1Params()), true);
    expect(el.backend).toBe('cpu');
    const { n, hidden } = networkFixture.units;
    for (let k = 0; k < 3; k++) {
      expect(agreement((await el.unitValues({ layer: 'hidden', index: k }, n))!, hidden[k])).toBe(1);
    }
    expect(el.toDataURL('unit-1').startsWith('data:image/png;base64,')).toBe(true);
    await frames(1);
    el.remove();
  });

  test('focusing a hidden unit asks the host to highlight it; leaving clears it', async () => {
    const el = await mount((e) => (e.params = seed1Params()));
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-item="hidden-1"]')!;
    const focused = nextEvent(el, 'bp-highlight-unit');
    button.focus();
    expect(((await focused) as CustomEvent<{ unit: number | null }>).detail.unit).toBe(1);
    const left = nextEvent(el, 'bp-highlight-unit');
    button.blur();
    expect(((await left) as CustomEvent<{ unit: number | null }>).detail.unit).toBeNull();
    el.remove();
  });
});

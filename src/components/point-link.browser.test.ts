// Linked hover through the whole element: a sample hovered on the decision map is ringed in the
// hidden space and read out, and the reverse; the map's keyboard cursor does the same. One lab
// for the file, with its real worker and data.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { hiddenActivations, outputActivations } from '../core/network';
import { stepSample } from '../render/map/point-pick';
import { projectToViewport } from '../render/hidden-space/mat4';
import { worldToClip } from '../render/hidden-space/orbit-camera';
import { until } from '../../test/helpers/browser';
import { placeLab } from '../../test/helpers/lab';
import './backprop-lab';
import type { BackpropLab } from './backprop-lab';
import type { BpDecisionMap } from './bp-decision-map';
import type { BpHiddenSpace } from './bp-hidden-space';

let lab: BackpropLab;
let map: BpDecisionMap;
let space: BpHiddenSpace;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const plot = (el: Element): HTMLElement => shadow(el).querySelector<HTMLElement>('.plot')!;
const readout = (): string => shadow(lab).querySelector('[part=point-readout]')?.textContent ?? '';
const ringOf = (el: Element): HTMLElement | null => shadow(el).querySelector<HTMLElement>('.ring');

function hover(el: Element, x: number, y: number): void {
  const box = plot(el).getBoundingClientRect();
  plot(el).dispatchEvent(
    new PointerEvent('pointermove', { bubbles: true, clientX: box.left + x, clientY: box.top + y, buttons: 0 }),
  );
}

/** Where sample i sits on the map, CSS px from the plot's top left. */
function onMap(i: number): { x: number; y: number } {
  const box = plot(map).getBoundingClientRect();
  const X = map.data!.X;
  return { x: ((X[2 * i] + 2) / 4) * box.width, y: ((2 - X[2 * i + 1]) / 4) * box.height };
}

/** Where sample i's image (its hidden activations) sits in the hidden space, CSS px from the plot's top left. */
function onSpace(i: number): { x: number; y: number } {
  const params = lab.params!;
  const H = hiddenActivations(
    { rows: 1, cols: 2, data: map.data!.X.slice(2 * i, 2 * i + 2) },
    params.Wh,
    params.bh,
  ).data;
  const box = plot(space).getBoundingClientRect();
  const m = worldToClip({ elevation: space.elevation, azimuth: space.azimuth }, box.width / box.height);
  return projectToViewport(m, [H[0], H[1], H[2]], box.width, box.height);
}

const centre = (el: HTMLElement) => {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
};

/** x, h(x), p(x) of sample i from the core, formatted as the readout does. */
function expectedReadout(i: number): string[] {
  const params = lab.params!;
  const X = Float64Array.from(map.data!.X.subarray(2 * i, 2 * i + 2));
  const H = hiddenActivations({ rows: 1, cols: 2, data: X }, params.Wh, params.bh);
  const P = outputActivations(H, params.Wo, params.bo).data;
  const f = (v: ArrayLike<number>) => `(${Array.from(v, (n) => n.toFixed(2).replace('-', '−')).join(', ')})`;
  return [`x = ${f(X)}`, `h(x) = ${f(H.data)}`, `p(x) = ${f(P)}`, `class ${map.data!.t[i]}`];
}

beforeAll(async () => {
  lab = placeLab({ views: 'decision-map hidden-space', 'no-controls': '' });
  await lab.step(20);
  map = shadow(lab).querySelector('bp-decision-map')!;
  space = shadow(lab).querySelector('bp-hidden-space')!;
  await until(() => map.drawCount > 0 && space.drawCount > 0 && map.data !== null, 'both views drawn');
});

afterAll(() => lab.remove());

describe('linked hover', () => {
  test('hovering a sample on the map rings its image in the hidden space and reads it out', async () => {
    const i = 10;
    const at = onMap(i);
    hover(map, at.x + 2, at.y - 1);
    await lab.updateComplete;
    await space.updateComplete;
    expect(map.highlightedPoint).toBe(i);
    expect(space.highlightedPoint).toBe(i);
    expect(ringOf(space)!.dataset.index).toBe(String(i));
    // the ring sits where sample i's hidden activations project
    const box = plot(space).getBoundingClientRect();
    const p = onSpace(i);
    const c = centre(ringOf(space)!);
    expect(Math.hypot(c.x - box.left - p.x, c.y - box.top - p.y)).toBeLessThan(1);
    for (const part of expectedReadout(i)) expect(readout()).toContain(part);
    expect(readout()).toContain(`Sample ${i + 1} of ${map.data!.samples}`);
    // leaving the map clears all of it
    plot(map).dispatchEvent(new PointerEvent('pointerleave'));
    await lab.updateComplete;
    expect(space.highlightedPoint).toBeNull();
    expect(ringOf(space)).toBeNull();
    expect(shadow(lab).querySelector('[part=point-readout]')).toBeNull();
  });

  test('hovering an image in the hidden space rings the sample on the map', async () => {
    const p = onSpace(map.data!.samples - 5);
    hover(space, p.x, p.y);
    await lab.updateComplete;
    await map.updateComplete;
    // another sample's image may lie on the same spot: whichever is picked, both views agree
    const picked = space.highlightedPoint!;
    expect(picked).not.toBeNull();
    expect(map.highlightedPoint).toBe(picked);
    const at = onMap(picked);
    const mapBox = plot(map).getBoundingClientRect();
    const c = centre(ringOf(map)!);
    expect(Math.hypot(c.x - mapBox.left - at.x, c.y - mapBox.top - at.y)).toBeLessThan(1);
    for (const part of expectedReadout(picked)) expect(readout()).toContain(part);
    plot(space).dispatchEvent(new PointerEvent('pointerleave'));
    await lab.updateComplete;
    expect(map.highlightedPoint).toBeNull();
  });

  test('the keyboard: focusing the map puts a cursor on a sample, arrows move it, both views follow', async () => {
    plot(map).focus();
    await lab.updateComplete;
    expect(map.highlightedPoint).toBe(0);
    expect(space.highlightedPoint).toBe(0);
    const data = map.data!;
    // sample 0 may lie at the far right: then step left
    const right = stepSample(data, 0, 'right') !== 0;
    const next = stepSample(data, 0, right ? 'right' : 'left');
    expect(next).not.toBe(0);
    expect(Math.sign(data.X[2 * next] - data.X[0])).toBe(right ? 1 : -1);
    await userEvent.keyboard(right ? '{ArrowRight}' : '{ArrowLeft}');
    await lab.updateComplete;
    expect(map.highlightedPoint).toBe(next);
    expect(space.highlightedPoint).toBe(next);
    // said in the live region too
    const live = shadow(lab).querySelector('[aria-live=polite]')!.textContent!;
    expect(live).toContain(`Sample ${next + 1} of ${data.samples}`);
    await userEvent.keyboard('{Escape}');
    await lab.updateComplete;
    expect(space.highlightedPoint).toBeNull();
    expect(readout()).toBe('');
  });
});

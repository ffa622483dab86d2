// What one frame of the network diagram shows, as plain primitives (CSS px) and unit-map
// placements in drawing order, so the WebGL and the CPU renderers draw the same picture:
//   layer 0: the focus halo of a link, the links (width ∝ |w|, colour by sign), the bias discs
//            and the update marks, then every unit's map;
//   layer 1: the boxes' frames, the focus ring and the inset's background, then the focused
//            unit's map enlarged in the inset;
//   layer 2: the inset's frame.
import type { Rgba } from '../gl/theme';
import { insetBox, type Box, type NetworkLayout, type UnitRef } from './network-layout';

export type Primitive =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgba }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: Rgba }
  | { kind: 'frame'; x: number; y: number; w: number; h: number; width: number; color: Rgba }
  | { kind: 'disc'; x: number; y: number; r: number; color: Rgba }
  | { kind: 'triangle'; points: [number, number, number, number, number, number]; color: Rgba };

export interface MapPlacement {
  unit: UnitRef;
  box: Box;
}

export interface SceneLayer {
  shapes: Primitive[];
  maps: MapPlacement[];
}

/** What is focused or hovered in the diagram. */
export type DiagramFocus =
  | { kind: 'input'; index: number }
  | { kind: 'unit'; unit: UnitRef }
  | { kind: 'link'; index: number }
  | { kind: 'bias'; index: number };

/** The diagram's colours (see network-theme.ts). */
export interface NetworkColors {
  /** h = 0 and h = 1 of the diverging scale (neutral, the page's background, at 0.5) */
  low: Rgba;
  high: Rgba;
  /** links and biases by sign */
  negative: Rgba;
  positive: Rgba;
  /** frames, focus, update marks */
  text: Rgba;
  /** behind the inset's map */
  background: Rgba;
}

export interface SceneInput {
  layout: NetworkLayout;
  /** packed parameters (Wh, bh, Wo, bo), or null: frames only */
  params: Float64Array | null;
  /** packed gradients J at `params`, or null: no update marks */
  gradients: Float64Array | null;
  focus: DiagramFocus | null;
  colors: NetworkColors;
}

/** Widest link (CSS px) for a plot of `size`: the largest |w| gets it, the others in proportion. */
function maxLinkWidth(size: number): number {
  return Math.max(2, 0.018 * size);
}

function withAlpha(c: Rgba, a: number): Rgba {
  return [c[0], c[1], c[2], a];
}

/** A triangle centred at (x, y) pointing along (dx, dy) (normalised here), of side about s. */
function arrow(x: number, y: number, dx: number, dy: number, s: number, color: Rgba): Primitive {
  const n = Math.hypot(dx, dy) || 1;
  const ux = dx / n;
  const uy = dy / n;
  const h = s * 0.9;
  return {
    kind: 'triangle',
    points: [
      x + ux * h * 0.6,
      y + uy * h * 0.6,
      x - ux * h * 0.4 - uy * s * 0.5,
      y - uy * h * 0.4 + ux * s * 0.5,
      x - ux * h * 0.4 + uy * s * 0.5,
      y - uy * h * 0.4 - ux * s * 0.5,
    ],
    color,
  };
}

function frameAround(box: Box, pad: number, width: number, color: Rgba): Primitive {
  return { kind: 'frame', x: box.x - pad, y: box.y - pad, w: box.size + 2 * pad, h: box.size + 2 * pad, width, color };
}

/** The largest |v| over `values` at `offsets`. */
function largest(values: Float64Array, offsets: Iterable<number>): number {
  let m = 0;
  for (const k of offsets) m = Math.max(m, Math.abs(values[k]));
  return m;
}

export function buildScene(input: SceneInput): SceneLayer[] {
  const { layout, params, gradients, focus, colors } = input;
  const under: SceneLayer = { shapes: [], maps: [] };
  const over: SceneLayer = { shapes: [], maps: [] };
  const top: SceneLayer = { shapes: [], maps: [] };
  const frameColor = withAlpha(colors.text, 0.45);
  const markColor = withAlpha(colors.text, 0.95);

  if (params && layout.mode === 'diagram') {
    const wide = maxLinkWidth(layout.size);
    const scale = largest(
      params,
      layout.links.map((l) => l.offset),
    );
    const biasScale = Math.max(
      scale,
      largest(
        params,
        layout.biases.map((b) => b.offset),
      ),
    );
    if (focus?.kind === 'link') {
      const l = layout.links[focus.index];
      if (l) under.shapes.push({ ...l, kind: 'line', width: wide + 6, color: withAlpha(colors.text, 0.35) });
    }
    for (const l of layout.links) {
      const w = params[l.offset];
      const width = scale > 0 ? Math.max(0.5, (wide * Math.abs(w)) / scale) : 0.5;
      under.shapes.push({
        ...l,
        kind: 'line',
        width,
        color: w < 0 ? colors.negative : colors.positive,
      });
    }
    for (const b of layout.biases) {
      const v = params[b.offset];
      const r = biasScale > 0 ? Math.max(1.5, b.radius * Math.sqrt(Math.abs(v) / biasScale)) : 1.5;
      under.shapes.push({ kind: 'disc', x: b.x, y: b.y, r, color: v < 0 ? colors.negative : colors.positive });
    }
    if (gradients) {
      // the descent direction −J on each weight and bias, its size relative to the largest
      const all = [...layout.links.map((l) => l.offset), ...layout.biases.map((b) => b.offset)];
      const gmax = largest(gradients, all);
      if (gmax > 0) {
        const mark = Math.max(6, 0.03 * layout.size);
        for (const l of layout.links) {
          const d = -gradients[l.offset];
          const rel = Math.abs(d) / gmax;
          const sign = d >= 0 ? 1 : -1;
          under.shapes.push(
            arrow(
              (l.x1 + l.x2) / 2,
              (l.y1 + l.y2) / 2,
              sign * (l.x2 - l.x1),
              sign * (l.y2 - l.y1),
              Math.max(1.5, mark * rel),
              markColor,
            ),
          );
        }
        for (const b of layout.biases) {
          const d = -gradients[b.offset];
          const rel = Math.abs(d) / gmax;
          under.shapes.push(arrow(b.x - b.radius * 2.2, b.y, 0, d >= 0 ? -1 : 1, Math.max(1.5, mark * rel), markColor));
        }
      }
    }
  }

  for (const box of layout.inputs) over.shapes.push(frameAround(box, 0, 1, frameColor));
  layout.hidden.forEach((box, index) => {
    if (params) under.maps.push({ unit: { layer: 'hidden', index }, box });
    over.shapes.push(frameAround(box, 0, 1, frameColor));
  });
  layout.outputs.forEach((box, index) => {
    if (params) under.maps.push({ unit: { layer: 'output', index }, box });
    over.shapes.push(frameAround(box, 0, 1, frameColor));
  });

  if (focus?.kind === 'input') {
    const box = layout.inputs[focus.index];
    if (box) over.shapes.push(frameAround(box, 3, 2, markColor));
  } else if (focus?.kind === 'bias') {
    const b = layout.biases[focus.index];
    if (b)
      over.shapes.push({
        kind: 'frame',
        x: b.x - b.radius - 3,
        y: b.y - b.radius - 3,
        w: 2 * b.radius + 6,
        h: 2 * b.radius + 6,
        width: 2,
        color: markColor,
      });
  } else if (focus?.kind === 'unit') {
    const box = (focus.unit.layer === 'hidden' ? layout.hidden : layout.outputs)[focus.unit.index];
    if (box) {
      over.shapes.push(frameAround(box, 3, 2, markColor));
      if (params) {
        const inset = insetBox(layout, focus.unit);
        over.shapes.push({
          kind: 'rect',
          x: inset.x,
          y: inset.y,
          w: inset.size,
          h: inset.size,
          color: withAlpha(colors.background, 1),
        });
        over.maps.push({ unit: focus.unit, box: inset });
        top.shapes.push(frameAround(inset, 0, 1.5, markColor));
      }
    }
  }
  return [under, over, top];
}

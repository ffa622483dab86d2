// Where the network diagram puts things, in CSS pixels of its square plot (origin top-left):
// the input nodes x₁ … x_D, the H hidden units and the C output classes as square boxes in
// three columns, the links between them (from a box's right edge to the next one's left edge),
// a bias disc under each unit, and the inset where a focused unit's map is shown enlarged.
// Above DIAGRAM_MAX_HIDDEN hidden units the links would be an unreadable thicket: the hidden
// units are laid out as a grid of maps instead, with the outputs beside it and no links.
// Pure and DOM-free (the element positions its focusable overlay from the same numbers).
import type { Shape } from '../../core/types';

/** The most hidden units drawn as a diagram with links; more are shown as a grid of maps. */
export const DIAGRAM_MAX_HIDDEN = 16;

/** A square box: top-left corner and side, CSS px. */
export interface Box {
  x: number;
  y: number;
  size: number;
}

/** A unit whose map a box shows: hidden unit k (h_k) or output class c (y_c). */
export interface UnitRef {
  layer: 'hidden' | 'output';
  index: number;
}

/** One weight: from input i to hidden unit j (Wh[i][j]) or from hidden unit j to class c (Wo[j][c]). */
export interface LinkLayout {
  layer: 'hidden' | 'output';
  from: number;
  to: number;
  /** its index in the packed parameters (Wh, bh, Wo, bo row-major) */
  offset: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One bias (bh[j] or bo[c]): a disc under its unit's box. */
export interface BiasLayout {
  layer: 'hidden' | 'output';
  unit: number;
  offset: number;
  x: number;
  y: number;
  radius: number;
}

export interface NetworkLayout {
  mode: 'diagram' | 'grid';
  size: number;
  shape: Shape;
  /** empty in grid mode */
  inputs: Box[];
  hidden: Box[];
  outputs: Box[];
  /** empty in grid mode */
  links: LinkLayout[];
  /** empty in grid mode */
  biases: BiasLayout[];
}

/** Offsets of each parameter block in the packed vector (see packParams). */
export function packedOffsets(shape: Shape): { Wh: number; bh: number; Wo: number; bo: number } {
  const { inputs: D, hidden: H, classes: C } = shape;
  return { Wh: 0, bh: D * H, Wo: D * H + H, bo: D * H + H + H * C };
}

/** A column of n boxes of side at most `max`, centred at x, spread over the plot's height. */
function column(n: number, cx: number, size: number, max: number): Box[] {
  const margin = 0.04 * size;
  const pitch = (size - 2 * margin) / Math.max(1, n);
  const side = Math.min(max, 0.78 * pitch);
  return Array.from({ length: n }, (_, k) => ({
    x: cx - side / 2,
    y: margin + (k + 0.5) * pitch - side / 2,
    size: side,
  }));
}

/** The layout of a network of `shape` on a `size`×`size` plot (CSS px). */
export function layoutNetwork(shape: Shape, size: number): NetworkLayout {
  const { inputs: D, hidden: H, classes: C } = shape;
  const outputs = column(C, 0.86 * size, size, 0.2 * size);
  if (H > DIAGRAM_MAX_HIDDEN) {
    // a grid of hidden maps in the left three quarters, the outputs beside it
    const cols = Math.ceil(Math.sqrt(H));
    const rows = Math.ceil(H / cols);
    const area = 0.72 * size;
    const margin = 0.04 * size;
    const pitch = area / Math.max(cols, rows);
    const side = 0.86 * pitch;
    const hidden = Array.from({ length: H }, (_, k) => ({
      x: margin + (k % cols) * pitch + (pitch - side) / 2,
      y: margin + Math.floor(k / cols) * pitch + (pitch - side) / 2 + (size - 2 * margin - rows * pitch) / 2,
      size: side,
    }));
    return { mode: 'grid', size, shape, inputs: [], hidden, outputs, links: [], biases: [] };
  }
  // the inputs in the middle third, so the left column's top and bottom are free for the inset
  const inputPitch = Math.min((0.92 * size) / Math.max(1, D), 0.15 * size);
  const inputSide = Math.min(0.1 * size, 0.78 * inputPitch);
  const inputs = Array.from({ length: D }, (_, i) => ({
    x: 0.1 * size - inputSide / 2,
    y: size / 2 + (i - (D - 1) / 2) * inputPitch - inputSide / 2,
    size: inputSide,
  }));
  const hidden = column(H, 0.5 * size, size, 0.2 * size);
  const offsets = packedOffsets(shape);
  const links: LinkLayout[] = [];
  const edge = (a: Box, b: Box, layer: LinkLayout['layer'], from: number, to: number, offset: number) =>
    links.push({ layer, from, to, offset, x1: a.x + a.size, y1: a.y + a.size / 2, x2: b.x, y2: b.y + b.size / 2 });
  inputs.forEach((a, i) => hidden.forEach((b, j) => edge(a, b, 'hidden', i, j, offsets.Wh + i * H + j)));
  hidden.forEach((a, j) => outputs.forEach((b, c) => edge(a, b, 'output', j, c, offsets.Wo + j * C + c)));
  const biases: BiasLayout[] = [];
  const bias = (box: Box, layer: BiasLayout['layer'], unit: number, offset: number) => {
    const radius = Math.max(2.5, Math.min(7, 0.09 * box.size));
    biases.push({ layer, unit, offset, x: box.x - radius * 1.4, y: box.y + box.size - radius, radius });
  };
  hidden.forEach((box, j) => bias(box, 'hidden', j, offsets.bh + j));
  outputs.forEach((box, c) => bias(box, 'output', c, offsets.bo + c));
  return { mode: 'diagram', size, shape, inputs, hidden, outputs, links, biases };
}

/** The box of unit `unit` in `layout`. */
export function unitBox(layout: NetworkLayout, unit: UnitRef): Box | undefined {
  return (unit.layer === 'hidden' ? layout.hidden : layout.outputs)[unit.index];
}

/**
 * Where a focused unit's map is shown enlarged: a box of 0.3 of the plot at its left edge, in
 * the bottom corner when the unit sits in the upper half and in the top corner otherwise, so it
 * covers neither the unit nor the inputs (in the middle third).
 */
export function insetBox(layout: NetworkLayout, unit: UnitRef): Box {
  const { size } = layout;
  const box = unitBox(layout, unit);
  const side = 0.3 * size;
  const margin = 0.03 * size;
  const upper = box ? box.y + box.size / 2 < size / 2 : true;
  return { x: margin, y: upper ? size - margin - side : margin, size: side };
}

/** Distance (px) from (px, py) to the segment (x1, y1)–(x2, y2). */
function segmentDistance(px: number, py: number, l: { x1: number; y1: number; x2: number; y2: number }): number {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  const t = Math.max(0, Math.min(1, ((px - l.x1) * dx + (py - l.y1) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
  return Math.hypot(px - (l.x1 + t * dx), py - (l.y1 + t * dy));
}

/** The index of the link within `tolerance` px of (x, y), the nearest one; -1 if none. */
export function linkAt(layout: NetworkLayout, x: number, y: number, tolerance = 4): number {
  let best = -1;
  let bestDistance = tolerance;
  layout.links.forEach((link, k) => {
    const d = segmentDistance(x, y, link);
    if (d <= bestDistance) {
      best = k;
      bestDistance = d;
    }
  });
  return best;
}

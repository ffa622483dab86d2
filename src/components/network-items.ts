// The network diagram's focusable items (inputs, units, links, biases), placed over the canvas
// from the same layout the renderer draws, with their accessible names and their details.
import type { NetworkLayout } from '../render/network/network-layout';
import type { DiagramFocus } from '../render/network/network-scene';

export interface DiagramItem {
  /** stable across redraws: `input-0`, `hidden-2`, `output-1`, `link-5`, `bias-3` */
  key: string;
  /** accessible name */
  name: string;
  /** the label drawn on an input node */
  short: string;
  focus: DiagramFocus;
  /** the packed parameter a link or bias stands for */
  offset?: number;
  /** the button's box over the plot, CSS px */
  x: number;
  y: number;
  w: number;
  h: number;
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** 12 → '₁₂' */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
}

/** hidden unit k (from 0) is h₁, h₂, … as in the hidden-space axes; input i is x₁, x₂ */
const hiddenName = (k: number): string => `h${subscript(k + 1)}`;
const inputName = (i: number): string => `x${subscript(i + 1)}`;
const className = (c: number): string => `class ${c}`;

/** The items in keyboard order: inputs, hidden units, classes, then links, then biases. */
export function diagramItems(layout: NetworkLayout): DiagramItem[] {
  const items: DiagramItem[] = [];
  const box = (b: { x: number; y: number; size: number }) => ({ x: b.x, y: b.y, w: b.size, h: b.size });
  layout.inputs.forEach((b, i) =>
    items.push({
      key: `input-${i}`,
      name: `Input ${inputName(i)}`,
      short: inputName(i),
      focus: { kind: 'input', index: i },
      ...box(b),
    }),
  );
  layout.hidden.forEach((b, k) =>
    items.push({
      key: `hidden-${k}`,
      name: `Hidden unit ${hiddenName(k)}`,
      short: hiddenName(k),
      focus: { kind: 'unit', unit: { layer: 'hidden', index: k } },
      ...box(b),
    }),
  );
  layout.outputs.forEach((b, c) =>
    items.push({
      key: `output-${c}`,
      name: `Output, ${className(c)}`,
      short: `y${subscript(c)}`,
      focus: { kind: 'unit', unit: { layer: 'output', index: c } },
      ...box(b),
    }),
  );
  const hit = 16;
  layout.links.forEach((l, k) => {
    const from = l.layer === 'hidden' ? inputName(l.from) : hiddenName(l.from);
    const to = l.layer === 'hidden' ? hiddenName(l.to) : className(l.to);
    items.push({
      key: `link-${k}`,
      name: `Weight ${from} → ${to}`,
      short: '',
      focus: { kind: 'link', index: k },
      offset: l.offset,
      x: (l.x1 + l.x2) / 2 - hit / 2,
      y: (l.y1 + l.y2) / 2 - hit / 2,
      w: hit,
      h: hit,
    });
  });
  layout.biases.forEach((b, k) => {
    const of = b.layer === 'hidden' ? hiddenName(b.unit) : className(b.unit);
    const side = Math.max(hit, 2 * b.radius + 4);
    items.push({
      key: `bias-${k}`,
      name: `Bias of ${of}`,
      short: '',
      focus: { kind: 'bias', index: k },
      offset: b.offset,
      x: b.x - side / 2,
      y: b.y - side / 2,
      w: side,
      h: side,
    });
  });
  return items;
}

/** A number for reading: 4 significant digits, a true minus sign, exponent form when tiny or huge. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const text = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return text.replace('-', '−');
}

export interface ItemValues {
  /** packed parameters, gradients at them and the last update (each may be unknown) */
  params: Float64Array | null;
  gradients: Float64Array | null;
  update: Float64Array | null;
  iteration: number;
}

/** The details line of an item: what it is and, for a weight or bias, its numbers. */
export function describeItem(item: DiagramItem, values: ItemValues): string {
  const { params, gradients, update, iteration } = values;
  const focus = item.focus;
  if (focus.kind === 'input') {
    return `${item.short}: input ${focus.index + 1}. Every map spans x₁ from −2 (left) to 2 (right) and x₂ from −2 (bottom) to 2 (top).`;
  }
  if (focus.kind === 'unit') {
    return focus.unit.layer === 'hidden'
      ? `${item.short}(x) = σ(x·Wh[:, ${focus.unit.index}] + bh[${focus.unit.index}]) over [−2, 2]²: low colour 0, background 0.5, high colour 1.`
      : `P(${className(focus.unit.index)} | x), the softmax output over [−2, 2]²: low colour 0, background 0.5, high colour 1.`;
  }
  const k = item.offset ?? -1;
  const value = params ? formatValue(params[k]) : '—';
  const gradient = gradients
    ? `gradient ∂ξ/∂w = ${formatValue(gradients[k])} at iteration ${iteration}`
    : 'gradient shown when training pauses';
  const last = update ? `last update −ε·J + μ·V = ${formatValue(update[k])}` : 'last update not known';
  return `${item.name} = ${value}; ${gradient}; ${last}.`;
}

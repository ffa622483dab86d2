import { describe, expect, test } from 'vitest';
import { DIAGRAM_MAX_HIDDEN, insetBox, layoutNetwork, linkAt, packedOffsets, type Box } from './network-layout';
import { buildScene, type NetworkColors } from './network-scene';
import { shapeTriangles, VERTEX_FLOATS } from './shape-triangles';

const colors: NetworkColors = {
  low: [1, 0.5, 0, 1],
  high: [0, 0.4, 0.8, 1],
  negative: [1, 0.5, 0, 1],
  positive: [0, 0.4, 0.8, 1],
  text: [0.1, 0.1, 0.1, 1],
  background: [1, 1, 1, 1],
};

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.size && b.x < a.x + a.size && a.y < b.y + b.size && b.y < a.y + a.size;
}

function inside(b: Box, size: number): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.size <= size && b.y + b.size <= size;
}

describe('network layout', () => {
  test('the tutorial network: 2 inputs, 3 hidden, 2 classes, 12 links, 5 biases, packed offsets', () => {
    const layout = layoutNetwork({ inputs: 2, hidden: 3, classes: 2 }, 400);
    expect(layout.mode).toBe('diagram');
    expect([layout.inputs.length, layout.hidden.length, layout.outputs.length]).toEqual([2, 3, 2]);
    expect(layout.links).toHaveLength(2 * 3 + 3 * 2);
    expect(layout.biases).toHaveLength(5);
    // Wh[1][2] is packed at 1·H + 2; Wo[2][1] at D·H + H + 2·C + 1; bo[1] last
    expect(layout.links.find((l) => l.layer === 'hidden' && l.from === 1 && l.to === 2)?.offset).toBe(5);
    expect(layout.links.find((l) => l.layer === 'output' && l.from === 2 && l.to === 1)?.offset).toBe(6 + 3 + 5);
    expect(layout.biases.at(-1)?.offset).toBe(16);
    expect(packedOffsets({ inputs: 2, hidden: 3, classes: 2 })).toEqual({ Wh: 0, bh: 6, Wo: 9, bo: 15 });
  });

  test(`readable up to H = ${DIAGRAM_MAX_HIDDEN}: boxes inside the plot, apart, at least 16 px at 400 px`, () => {
    for (const hidden of [1, 3, 8, DIAGRAM_MAX_HIDDEN]) {
      const layout = layoutNetwork({ inputs: 2, hidden, classes: 5 }, 400);
      expect(layout.mode).toBe('diagram');
      const boxes = [...layout.inputs, ...layout.hidden, ...layout.outputs];
      for (const [k, a] of boxes.entries()) {
        expect(inside(a, 400)).toBe(true);
        expect(a.size).toBeGreaterThanOrEqual(16);
        for (const b of boxes.slice(k + 1)) expect(overlap(a, b)).toBe(false);
      }
      // links run left to right between the columns
      for (const l of layout.links) expect(l.x2).toBeGreaterThan(l.x1);
    }
  });

  test(`above H = ${DIAGRAM_MAX_HIDDEN}: a grid of unit maps, no links, no inputs`, () => {
    const layout = layoutNetwork({ inputs: 2, hidden: 64, classes: 2 }, 400);
    expect(layout.mode).toBe('grid');
    expect(layout.links).toEqual([]);
    expect(layout.inputs).toEqual([]);
    expect(layout.hidden).toHaveLength(64);
    const boxes = [...layout.hidden, ...layout.outputs];
    for (const [k, a] of boxes.entries()) {
      expect(inside(a, 400)).toBe(true);
      for (const b of boxes.slice(k + 1)) expect(overlap(a, b)).toBe(false);
    }
  });

  test('the inset covers neither its unit nor the inputs; linkAt finds the link under the pointer', () => {
    const layout = layoutNetwork({ inputs: 2, hidden: 5, classes: 2 }, 300);
    for (const [index, box] of [...layout.hidden.entries(), ...layout.outputs.entries()]) {
      const inset = insetBox(layout, { layer: box.x > 0.7 * 300 ? 'output' : 'hidden', index });
      expect(overlap(inset, box)).toBe(false);
      for (const input of layout.inputs) expect(overlap(inset, input)).toBe(false);
    }
    const l = layout.links[7];
    expect(linkAt(layout, (l.x1 + l.x2) / 2, (l.y1 + l.y2) / 2)).toBe(7);
    expect(linkAt(layout, 1, 1)).toBe(-1);
  });
});

describe('network scene', () => {
  const layout = layoutNetwork({ inputs: 2, hidden: 3, classes: 2 }, 400);
  const params = Float64Array.from({ length: 17 }, (_, k) => (k % 2 === 0 ? 1 : -0.5) * (k + 1));

  test('links as wide as |w| relative to the largest, coloured by sign; every unit gets its map', () => {
    const [under] = buildScene({ layout, params, gradients: null, focus: null, colors });
    const lines = under.shapes.filter((s) => s.kind === 'line');
    expect(lines).toHaveLength(12);
    const widths = lines.map((s) => (s.kind === 'line' ? s.width : 0));
    const values = layout.links.map((l) => Math.abs(params[l.offset]));
    const k = values.indexOf(Math.max(...values));
    layout.links.forEach((_, j) =>
      expect(widths[j] / widths[k]).toBeCloseTo(Math.max(values[j] / values[k], 0.5 / widths[k]), 6),
    );
    layout.links.forEach((l, j) =>
      expect(lines[j].color).toBe(params[l.offset] < 0 ? colors.negative : colors.positive),
    );
    expect(under.maps).toHaveLength(5);
    expect(under.shapes.some((s) => s.kind === 'triangle')).toBe(false);
  });

  test('with gradients: one mark per link and bias, pointing the descent way', () => {
    const gradients = Float64Array.from({ length: 17 }, (_, k) => (k === 0 ? 2 : -0.1));
    const [under] = buildScene({ layout, params, gradients, focus: null, colors });
    const marks = under.shapes.filter((s) => s.kind === 'triangle');
    expect(marks).toHaveLength(12 + 5);
    // link 0 (Wh[0][0], J = 2 > 0): −J < 0, so its mark points back toward the input
    const l = layout.links[0];
    const tip = marks[0].kind === 'triangle' ? marks[0].points : [];
    expect(tip[0]).toBeLessThan((l.x1 + l.x2) / 2);
  });

  test('focusing a unit adds its enlarged map in the inset, framed', () => {
    const layers = buildScene({
      layout,
      params,
      gradients: null,
      focus: { kind: 'unit', unit: { layer: 'hidden', index: 1 } },
      colors,
    });
    expect(layers[1].maps).toEqual([
      { unit: { layer: 'hidden', index: 1 }, box: insetBox(layout, { layer: 'hidden', index: 1 }) },
    ]);
    expect(layers[2].shapes).toHaveLength(1);
    const { count, vertices } = shapeTriangles(layers[0].shapes, 2, new Float32Array(6));
    expect(vertices.length).toBeGreaterThanOrEqual(count * VERTEX_FLOATS);
    expect(count % 3).toBe(0);
  });
});

// One WebGL context for all the page's views (issue 13): Chromium keeps 16 contexts per page
// and silently loses the oldest, so eight labs with a decision map and a hidden space each (16
// views) must draw, every one of them right, on one context, with none lost; and eight network
// diagrams, a map per unit each.
import { expect, test, type Page } from '@playwright/test';
import { hiddenActivations, nn, unpackParams } from '../src/core/index';
import { gridPoints } from '../src/render/map/probability-grid';
import { DEFAULT_HIGH_COLOR, DEFAULT_LOW_COLOR } from '../src/render/network/network-theme';
import { cellCentres } from '../src/render/network/unit-values';
import { nearestColor, type Rgb } from '../test/helpers/colors';
import type { Params } from '../src/core/types';
import { projectToViewport } from '../src/render/hidden-space/mat4';
import { worldToClip } from '../src/render/hidden-space/orbit-camera';
import { countWebglContexts, nearestClass, waitForState, webglContextCount, webglContextsLost } from './support/lab';

const LABS = 8;

interface LabView {
  params: Params;
  X: number[][];
  t: number[];
  map: { width: number; height: number; backend: string };
  space: { width: number; height: number; backend: string; elevation: number; azimuth: number };
}

/** Lab k's parameters, data, and its two views' canvas sizes, backends and camera, once both have drawn. */
async function labView(page: Page, k: number): Promise<LabView> {
  const { packed, shape, X, t, map, space } = await page.evaluate(async (id) => {
    const lab = document.getElementById(id) as HTMLElementTagNameMap['backprop-lab'];
    const m = lab.shadowRoot!.querySelector('bp-decision-map')!;
    const s = lab.shadowRoot!.querySelector('bp-hidden-space')!;
    await lab.updateComplete;
    await Promise.all([m.drawComplete, s.drawComplete]);
    const p = lab.params!;
    const data = s.data!;
    const mc = m.shadowRoot!.querySelector('canvas')!;
    const sc = s.shadowRoot!.querySelector('canvas')!;
    return {
      packed: [...p.Wh.data, ...p.bh.data, ...p.Wo.data, ...p.bo.data],
      shape: { inputs: p.Wh.rows, hidden: p.Wh.cols, classes: p.Wo.cols },
      X: Array.from({ length: data.samples }, (_, i) => [data.X[2 * i], data.X[2 * i + 1]]),
      t: Array.from(data.t),
      map: { width: mc.width, height: mc.height, backend: m.backend },
      space: { width: sc.width, height: sc.height, backend: s.backend, elevation: s.elevation, azimuth: s.azimuth },
    };
  }, `lab-${k}`);
  return { params: unpackParams(Float64Array.from(packed), shape), X, t, map, space };
}

/** RGBA of device pixels (x right, y down) of lab k's view canvas. */
function pixels(page: Page, k: number, view: string, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    ([id, tag, pts]) => {
      const el = document.getElementById(id)!.shadowRoot!.querySelector(tag)!;
      const ctx = el.shadowRoot!.querySelector('canvas')!.getContext('2d')!;
      return pts.map(([x, y]) => Array.from(ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data));
    },
    [`lab-${k}`, view, points] as const,
  );
}

type Point = { x: number; y: number };

/** The unit cube's 12 edges (the hidden space's frame) projected to device pixels. */
function cubeEdges(m: Float32Array, width: number, height: number): Array<[Point, Point]> {
  const edges: Array<[Point, Point]> = [];
  for (let axis = 0; axis < 3; axis++) {
    const [u, v] = [0, 1, 2].filter((c) => c !== axis);
    for (const a of [0, 1]) {
      for (const b of [0, 1]) {
        const from: [number, number, number] = [0, 0, 0];
        from[u] = a;
        from[v] = b;
        const to: [number, number, number] = [...from];
        to[axis] = 1;
        edges.push([projectToViewport(m, from, width, height), projectToViewport(m, to, width, height)]);
      }
    }
  }
  return edges;
}

/** Distance (px) from `p` to the segment from `a` to `b`. */
function segmentDistance(p: Point, [a, b]: [Point, Point]): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

test('eight labs on one page: all sixteen views draw right on one WebGL context, none lost', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1700 });
  await countWebglContexts(page);
  await page.goto('/e2e/fixtures/eight.html');
  for (let k = 0; k < LABS; k++) await waitForState(page, 'done', 30_000, `#lab-${k}`);
  let checked = 0;
  for (let k = 0; k < LABS; k++) {
    const { params, X, t, map, space } = await labView(page, k);
    expect(map.backend).toBe('webgl');
    expect(space.backend).toBe('webgl');

    // the map: the network's class at grid points where the network is sure (p0 off 0.5 by 0.1),
    // 6 px or more from the boundary line and from every marker
    const px = 4 / map.width;
    const grid: Array<[number, number]> = [];
    for (let i = 0; i < 25; i++) for (let j = 0; j < 25; j++) grid.push([-1.8 + (3.6 * j) / 24, -1.8 + (3.6 * i) / 24]);
    const around = grid.flatMap(([x, y]) =>
      [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [x + 6 * px * dx, y + 6 * px * dy])),
    );
    const p = nn({ rows: around.length, cols: 2, data: Float64Array.from(around.flat()) }, params).data;
    const side = (n: number): boolean => p[2 * n] > 0.5;
    const clear = grid
      .map((point, n) => ({ point, p0: p[2 * (9 * n + 4)], n }))
      .filter(({ p0 }) => Math.abs(p0 - 0.5) > 0.1)
      .filter(({ n }) => [...Array(9).keys()].every((d) => side(9 * n + d) === side(9 * n + 4)))
      .filter(({ point: [x, y] }) => X.every(([a, b]) => Math.hypot(a - x, b - y) > 12 * px));
    expect(clear.length).toBeGreaterThan(5);
    const seen = await pixels(
      page,
      k,
      'bp-decision-map',
      clear.map(({ point: [x, y] }) => [((x + 2) / 4) * map.width, ((2 - y) / 4) * map.height]),
    );
    expect(
      clear.filter(({ p0 }, n) => nearestClass(seen[n]) !== (p0 > 0.5 ? 0 : 1)),
      `lab ${k}`,
    ).toEqual([]);

    // the hidden space: samples nearer the camera than every other within 10 px (so no other
    // marker covers their centre) and off the cube's edges (lines in front may cross a marker),
    // opaque in their class colour where their hidden activations project
    const H = hiddenActivations({ rows: X.length, cols: 2, data: Float64Array.from(X.flat()) }, params.Wh, params.bh);
    const m = worldToClip({ elevation: space.elevation, azimuth: space.azimuth }, space.width / space.height);
    const at = X.map((_, i) => {
      const h = H.data.subarray(3 * i, 3 * i + 3);
      return projectToViewport(m, [h[0], h[1], h[2]], space.width, space.height);
    });
    const edges = cubeEdges(m, space.width, space.height);
    const front = at
      .map((q, i) => ({ q, i }))
      .filter(({ q, i }) =>
        at.every((o, j) => j === i || Math.hypot(o.x - q.x, o.y - q.y) > 10 || o.depth > q.depth + 1e-6),
      )
      .filter(({ q }) => edges.every((edge) => segmentDistance(q, edge) > 4));
    expect(front.length).toBeGreaterThan(0);
    checked += front.length;
    const marks = await pixels(
      page,
      k,
      'bp-hidden-space',
      front.map(({ q }) => [q.x, q.y]),
    );
    expect(
      front
        .map(({ i, q }, n) => ({ i, q, class: t[i], rgba: marks[n] }))
        .filter(({ i, rgba }) => rgba[3] !== 255 || nearestClass(rgba) !== t[i]),
      `lab ${k}`,
    ).toEqual([]);
  }
  // markers checked in all (trained points crowd the cube's corners and edges)
  expect(checked).toBeGreaterThanOrEqual(2 * LABS);
  expect(await webglContextCount(page)).toBe(1);
  expect(await webglContextsLost(page)).toBe(0);
});

/** The network diagram's low and high colours (h = 0 and 1) as bytes. */
const SCALE_RGB: readonly Rgb[] = [DEFAULT_LOW_COLOR, DEFAULT_HIGH_COLOR].map(
  (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as unknown as Rgb,
);

test('eight labs with the network diagram: every hidden unit’s map draws right on one WebGL context', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1700 });
  await countWebglContexts(page);
  await page.goto('/e2e/fixtures/eight.html?views=network');
  for (let k = 0; k < LABS; k++) await waitForState(page, 'done', 30_000, `#lab-${k}`);
  for (let k = 0; k < LABS; k++) {
    // each hidden unit's box of the diagram's canvas (2-D: copied from the shared context)
    const { packed, shape, backend, boxes } = await page.evaluate(async (id) => {
      const lab = document.getElementById(id) as HTMLElementTagNameMap['backprop-lab'];
      const net = lab.shadowRoot!.querySelector('bp-network')!;
      await lab.updateComplete;
      await net.drawComplete;
      const p = lab.params!;
      const canvas = net.shadowRoot!.querySelector('canvas')!;
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d')!;
      return {
        packed: [...p.Wh.data, ...p.bh.data, ...p.Wo.data, ...p.bo.data],
        shape: { inputs: p.Wh.rows, hidden: p.Wh.cols, classes: p.Wo.cols },
        backend: net.backend,
        boxes: [0, 1, 2].map((index) => {
          const box = net.unitBox({ layer: 'hidden', index })!;
          const x0 = Math.round(box.x * ratio);
          const y0 = Math.round(box.y * ratio);
          const side = Math.round((box.x + box.size) * ratio) - x0;
          return { side, rgba: Array.from(ctx.getImageData(x0, y0, side, side).data) };
        }),
      };
    }, `lab-${k}`);
    expect(backend).toBe('webgl');
    const params = unpackParams(Float64Array.from(packed), shape);
    boxes.forEach(({ side, rgba }, unit) => {
      expect(side).toBeGreaterThan(20);
      const h = hiddenActivations(
        gridPoints(cellCentres(side), cellCentres(side).reverse()),
        params.Wh,
        params.bh,
      ).data;
      let agree = 0;
      for (let i = 0; i < side * side; i++) {
        const seen = nearestColor(rgba.slice(4 * i, 4 * i + 3), SCALE_RGB);
        if (seen === (h[3 * i + unit] > 0.5 ? 1 : 0)) agree++;
      }
      expect(agree / (side * side), `lab ${k}, unit h${unit + 1}`).toBeGreaterThanOrEqual(0.995);
    });
  }
  expect(await webglContextCount(page)).toBe(1);
  expect(await webglContextsLost(page)).toBe(0);
});

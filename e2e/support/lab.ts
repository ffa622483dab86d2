// Helpers the Playwright specs share for driving <backprop-lab> through its public surface:
// properties, methods, states, the views' completion signals (drawComplete, drawCount), long
// tasks and the decision map's pixels.
import { expect, type Page } from '@playwright/test';
import { nn, unpackParams } from '../../src/core/index';
import type { Params } from '../../src/core/types';
import { CLASS_RGB, nearestColor } from '../../test/helpers/colors';

export const lab = 'backprop-lab';

/** The views that draw one canvas and say when a frame is on it. */
export type ViewPart = 'decision-map' | 'hidden-space';

export interface ViewStatus {
  drawCount: number;
  backend: 'webgl' | 'cpu' | 'none';
}

/** Reads a public property of the first element matching `selector` (a <backprop-lab>). */
export function prop<T>(page: Page, name: string, selector = lab): Promise<T> {
  return page.evaluate(
    ([sel, key]) => {
      const el = document.querySelector(sel) as unknown as Record<string, unknown>;
      const value = el[key];
      return (value instanceof Float64Array ? Array.from(value) : value) as never;
    },
    [selector, name] as const,
  );
}

/** Calls a public method of the first <backprop-lab> and awaits it. */
export function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([selector, key, rest]) => {
      const el = document.querySelector(selector) as unknown as Record<string, (...a: unknown[]) => unknown>;
      return (await el[key](...(rest as unknown[]))) as never;
    },
    [lab, name, args] as const,
  );
}

export async function waitForState(page: Page, state: string, timeout = 30_000, selector = lab): Promise<void> {
  await expect.poll(() => prop<string>(page, 'state', selector), { timeout }).toBe(state);
}

/** How many frames the view has drawn and which renderer draws it. */
export function viewStatus(page: Page, part: ViewPart): Promise<ViewStatus> {
  return page.evaluate(
    ([selector, p]) => {
      const view = document
        .querySelector(selector)!
        .shadowRoot!.querySelector(`[part~="${p}"]`) as HTMLElementTagNameMap['bp-decision-map' | 'bp-hidden-space'];
      return { drawCount: view.drawCount, backend: view.backend };
    },
    [lab, part] as const,
  );
}

/**
 * Resolves once the view is on-screen (it waits for that: scroll it into view first if it may
 * not be), the element has rendered its latest state into it and the frame that state asked for
 * is on the canvas (the view's `drawComplete`).
 */
export function viewDrawn(page: Page, part: ViewPart): Promise<ViewStatus> {
  return page.evaluate(
    async ([selector, p]) => {
      const host = document.querySelector<HTMLElementTagNameMap['backprop-lab']>(selector)!;
      const view = host.shadowRoot!.querySelector(`[part~="${p}"]`) as HTMLElementTagNameMap[
        'bp-decision-map' | 'bp-hidden-space'];
      // An observer's first report says the view intersects; the view's own observer (which
      // lets it draw) is told in the same task, so one frame later it knows too, and the frame
      // scheduler has committed the element's latest state.
      await new Promise<void>((resolve) => {
        const observer = new IntersectionObserver((entries) => {
          if (!entries[entries.length - 1]?.isIntersecting) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve());
        });
        observer.observe(view);
      });
      await host.updateComplete;
      await view.drawComplete;
      return { drawCount: view.drawCount, backend: view.backend };
    },
    [lab, part] as const,
  );
}

/**
 * Collects long tasks (> 50 ms) on the main thread from now on, and the long animation frames
 * (> 50 ms) with their scripts, so that a failing budget names what ran.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longFrames: string[] };
    w.__longTasks = [];
    w.__longFrames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const frame = entry as PerformanceEntry & {
          scripts?: Array<{ invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }>;
        };
        const scripts = (frame.scripts ?? []).map(
          (s) => `${s.invoker} ${s.sourceURL.split('/').pop()}:${s.sourceFunctionName} ${Math.round(s.duration)} ms`,
        );
        w.__longFrames.push(`${Math.round(frame.duration)} ms frame: ${scripts.join('; ') || 'no script'}`);
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  });
}

export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** The long animation frames seen since `watchLongTasks`, each with its scripts (for failure messages). */
export function longFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __longFrames: string[] }).__longFrames);
}

/** The class whose default colour is nearest to `rgba`'s colour (alpha ignored). */
export function nearestClass(rgba: readonly number[]): number {
  return nearestColor(rgba, CLASS_RGB);
}

/**
 * Reads the decision map's pixels at world points (x, y) ∈ [-2, 2]², as RGBA (from its 2-D
 * canvas: a WebGL frame is copied there from the page's shared context).
 */
export function mapPixels(page: Page, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    ([selector, pts]) => {
      const map = document.querySelector(selector)!.shadowRoot!.querySelector('bp-decision-map')!;
      const canvas = map.shadowRoot!.querySelector('canvas')!;
      const ctx = canvas.getContext('2d')!;
      return pts.map(([x, y]) => {
        const px = Math.floor(((x + 2) / 4) * canvas.width);
        const py = Math.floor(((2 - y) / 4) * canvas.height);
        return Array.from(ctx.getImageData(px, py, 1, 1).data);
      });
    },
    [lab, points] as const,
  );
}

/**
 * The demo, paused once every WebGL view has drawn with all its set-up pieces (start-up is not
 * what this measures: issue 9's start-up figures are in `npm run bench -- --only=startup`),
 * trains 20,000 iterations at max speed; resolves with the long tasks (> 50 ms) seen meanwhile
 * and the long animation frames (for a failure's message).
 */
export async function longTasksTrainingAtMaxSpeed(page: Page): Promise<{ tasks: number[]; frames: string[] }> {
  await page.goto('/');
  await call(page, 'pause');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.querySelector('backprop-lab')!.shadowRoot!;
        const views = [
          ...root.querySelectorAll<HTMLElementTagNameMap['bp-decision-map']>(
            'bp-decision-map, bp-hidden-space, bp-network',
          ),
        ];
        return views.length >= 2 && views.every((v) => v.backend === 'webgl' && v.drawCount > 0 && v.setupComplete);
      }),
    )
    .toBe(true);
  // ...and until the frames the pause asked for (the map at full quality) are on the canvas
  for (const part of ['decision-map', 'hidden-space'] as const) {
    expect((await viewDrawn(page, part)).drawCount).toBeGreaterThan(0);
  }
  await watchLongTasks(page);
  await page.evaluate(async () => {
    const element = document.querySelector('backprop-lab')!;
    element.speed = 'max';
    element.iterations = 20_000;
    await element.start();
  });
  await waitForState(page, 'done', 60_000);
  return { tasks: await longTasks(page), frames: await longFrames(page) };
}

/**
 * The element's current parameters and samples, read from the page (the map shows these once
 * drawn).
 */
export async function currentParams(page: Page): Promise<{ params: Params; X: number[][] }> {
  const { packed, shape, X } = await page.evaluate(() => {
    const element = document.querySelector('backprop-lab')!;
    const p = element.params!;
    const packed = [...p.Wh.data, ...p.bh.data, ...p.Wo.data, ...p.bo.data];
    const shape = { inputs: p.Wh.rows, hidden: p.Wh.cols, classes: p.Wo.cols };
    const map = element.shadowRoot!.querySelector('bp-decision-map')!;
    const data = map.data!;
    const X = Array.from({ length: data.samples }, (_, i) => [data.X[2 * i], data.X[2 * i + 1]]);
    return { packed, shape, X };
  });
  return { params: unpackParams(Float64Array.from(packed), shape), X };
}

/**
 * The decision map's pixels on a 15×15 grid of points whose colour is not the class the network
 * gives them: [] when the map shows the element's current parameters. Points near a data
 * marker or the boundary line are left out: the network's class must be the same within
 * BOUNDARY_MARGIN around the point (after a long run the boundary is sharp, and a point with
 * p = 0.4 can lie on the line).
 */
/** How far (world units) around a sampled point the network's class must not change: 3–7 px of a map. */
const BOUNDARY_MARGIN = 0.06;

export async function mapDisagreements(page: Page): Promise<Array<[number, number]>> {
  const { params, X } = await currentParams(page);
  const candidates: Array<[number, number]> = [];
  for (let i = 0; i < 15; i++)
    for (let j = 0; j < 15; j++) candidates.push([-1.9 + (3.8 * j) / 14, -1.9 + (3.8 * i) / 14]);
  const classOf = (points: Array<[number, number]>): number[] => {
    const p = nn({ rows: points.length, cols: 2, data: Float64Array.from(points.flat()) }, params).data;
    return points.map((_, k) => (p[2 * k] > 0.5 ? 0 : 1));
  };
  const m = BOUNDARY_MARGIN;
  const offsets = [-m, 0, m].flatMap((dx) => [-m, 0, m].map((dy) => [dx, dy] as const));
  const around = classOf(candidates.flatMap(([x, y]) => offsets.map(([dx, dy]): [number, number] => [x + dx, y + dy])));
  const sampled = candidates
    .map((point, k) => ({ point, classes: around.slice(k * offsets.length, (k + 1) * offsets.length) }))
    .filter(
      ({ point: [x, y], classes }) =>
        classes.every((c) => c === classes[0]) && X.every(([a, b]) => Math.hypot(a - x, b - y) > 0.1),
    )
    .map(({ point, classes }) => ({ point, expected: classes[0] }));
  expect(sampled.length).toBeGreaterThan(150);
  const pixels = await mapPixels(
    page,
    sampled.map((s) => s.point),
  );
  return sampled.filter((s, k) => nearestClass(pixels[k]) !== s.expected).map((s) => s.point);
}

/** A box in CSS pixels, relative to the viewport. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The boxes of the first <backprop-lab> and of parts in its shadow root (`[part~=name]`, every
 * match, in document order). Missing parts give an empty list.
 */
export function partBoxes(
  page: Page,
  parts: string[],
  selector = lab,
): Promise<{ host: Box; parts: Record<string, Box[]> }> {
  return page.evaluate(
    ([sel, names]) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const host = document.querySelector(sel)!;
      const out: Record<string, Box[]> = {};
      for (const name of names) out[name] = Array.from(host.shadowRoot!.querySelectorAll(`[part~="${name}"]`), box);
      return { host: box(host), parts: out };
    },
    [selector, parts] as const,
  );
}

/** The decision map's square plot (the canvas's frame), or null when the map is not shown. */
export function mapPlotBox(page: Page, selector = lab): Promise<Box | null> {
  return page.evaluate((sel) => {
    const map = document.querySelector(sel)!.shadowRoot!.querySelector('bp-decision-map');
    const plot = map?.shadowRoot?.querySelector('.plot');
    if (!plot) return null;
    const r = plot.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
}

/**
 * Counts the WebGL contexts the page creates from now on (call before `goto`), and the
 * `webglcontextlost` events they fire: wraps `getContext` of `HTMLCanvasElement` and of
 * `OffscreenCanvas` (the page's shared context lives on one) and watches each canvas that got
 * one; read with `webglContextCount`, `webglContextsLost`, and `window.__webglCanvases` (to lose
 * one on purpose).
 */
export async function countWebglContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
    const w = window as unknown as { __webglCanvases: Set<AnyCanvas>; __webglLost: number };
    const canvases = new Set<AnyCanvas>();
    w.__webglCanvases = canvases;
    w.__webglLost = 0;
    for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
      const original = proto.getContext as (this: AnyCanvas, ...a: unknown[]) => unknown;
      (proto as { getContext: unknown }).getContext = function (this: AnyCanvas, type: string, ...rest: unknown[]) {
        const context = original.call(this, type, ...rest);
        if (context && /^(webgl|webgl2|experimental-webgl)$/.test(type) && !canvases.has(this)) {
          canvases.add(this);
          this.addEventListener('webglcontextlost', () => w.__webglLost++);
        }
        return context;
      };
    }
  });
}

export function webglContextCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __webglCanvases: Set<unknown> }).__webglCanvases.size);
}

/** How many `webglcontextlost` events the page's contexts fired (after countWebglContexts). */
export function webglContextsLost(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __webglLost: number }).__webglLost);
}

/** Resolves once every <backprop-lab> on the page has rendered, and its views too. */
export async function labsRendered(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await customElements.whenDefined('backprop-lab');
    for (const el of document.querySelectorAll('backprop-lab')) {
      await el.updateComplete;
      const views = el.shadowRoot!.querySelectorAll('.figures > figure > :first-child');
      await Promise.all(
        Array.from(views, (v) => (v as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
      );
    }
  });
}

/** The URL of the layout fixture: one element in a column `width` px wide, with these attributes. */
export function columnPage(width: number, attributes: Record<string, string | true> = {}): string {
  const query = new URLSearchParams({ width: String(width) });
  for (const [name, value] of Object.entries(attributes)) query.set(name, value === true ? '' : value);
  return `/e2e/fixtures/layout.html?${query}`;
}

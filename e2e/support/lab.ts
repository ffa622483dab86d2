// Helpers the Playwright specs share for driving <backprop-lab> through its public surface:
// properties, methods, states, the views' completion signals (drawComplete, drawCount), long
// tasks and the decision map's pixels.
import { expect, type Page } from '@playwright/test';
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

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

/** Collects long tasks (> 50 ms) on the main thread from now on. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** The class whose default colour is nearest to `rgba`'s colour (alpha ignored). */
export function nearestClass(rgba: readonly number[]): number {
  return nearestColor(rgba, CLASS_RGB);
}

/** Reads the decision map's WebGL pixels at world points (x, y) ∈ [-2, 2]², as RGBA. */
export function mapPixels(page: Page, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    ([selector, pts]) => {
      const map = document.querySelector(selector)!.shadowRoot!.querySelector('bp-decision-map')!;
      const canvas = map.shadowRoot!.querySelector('canvas')!;
      const gl = canvas.getContext('webgl')!;
      return pts.map(([x, y]) => {
        const px = Math.floor(((x + 2) / 4) * canvas.width);
        const py = Math.floor(((2 - y) / 4) * canvas.height);
        const out = new Uint8Array(4);
        gl.readPixels(px, canvas.height - 1 - py, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
        return Array.from(out);
      });
    },
    [lab, points] as const,
  );
}

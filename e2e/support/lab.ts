// Helpers for driving <backprop-lab> from Playwright: everything goes through its public API.
import { expect, type Page } from '@playwright/test';

export const lab = 'backprop-lab';

/** Reads a public property of the first <backprop-lab>. */
export function prop<T>(page: Page, name: string): Promise<T> {
  return page.evaluate(
    ([selector, key]) => {
      const el = document.querySelector(selector) as unknown as Record<string, unknown>;
      const value = el[key];
      return (value instanceof Float64Array ? Array.from(value) : value) as never;
    },
    [lab, name] as const,
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

export async function waitForState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => prop<string>(page, 'state'), { timeout }).toBe(state);
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

// Waiting on the browser's own signals: animation frames, events, a condition checked once per
// frame. No test framework here, so the benchmarks share these with the tests.

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export async function frames(n: number): Promise<void> {
  for (let k = 0; k < n; k++) await nextFrame();
}

/** Polls `check` once per frame until it is true (or throws after `timeoutMs`). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await nextFrame();
  }
}

/** Resolves on the next `type` event at `target`. */
export function nextEvent(target: EventTarget, type: string): Promise<Event> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}

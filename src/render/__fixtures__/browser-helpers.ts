// Small helpers the browser tests share: waiting for frames, reading pixels back.

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

/**
 * RGBA of the device pixel (column px, row py counted from the top) of a WebGL or 2-D canvas,
 * as stored (straight alpha).
 */
export function readPixel(canvas: HTMLCanvasElement, px: number, py: number): [number, number, number, number] {
  const gl = canvas.getContext('webgl');
  if (gl) {
    const out = new Uint8Array(4);
    gl.readPixels(Math.floor(px), canvas.height - 1 - Math.floor(py), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return [out[0], out[1], out[2], out[3]];
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas has no context');
  const [r, g, b, a] = ctx.getImageData(Math.floor(px), Math.floor(py), 1, 1).data;
  return [r, g, b, a];
}

export type Rgb = readonly [number, number, number];

/** Index of the palette colour nearest to `rgba`'s colour (alpha ignored). */
export function nearestColor(rgba: readonly number[], palette: readonly Rgb[]): number {
  let best = -1;
  let bestDistance = Infinity;
  palette.forEach((c, k) => {
    const d = (rgba[0] - c[0]) ** 2 + (rgba[1] - c[1]) ** 2 + (rgba[2] - c[2]) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  });
  return best;
}

/** The default class colours, #d62728 and #1f77b4, as bytes. */
export const CLASS_RGB: readonly Rgb[] = [
  [0xd6, 0x27, 0x28],
  [0x1f, 0x77, 0xb4],
];

/**
 * Resolves once an IntersectionObserver reports `el` (not) intersecting the viewport, and a
 * frame later: observers are notified in no set order, so the element's own may come after
 * this one (in the same task, before the next frame).
 */
export function intersection(el: Element, intersecting: boolean): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      if (entries[entries.length - 1]?.isIntersecting !== intersecting) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve());
    });
    observer.observe(el);
  });
}

/** Whether `promise` settles within `n` animation frames. */
export async function settlesWithin(promise: Promise<unknown>, n: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let k = 0; k < n && !settled; k++) await nextFrame();
  return settled;
}

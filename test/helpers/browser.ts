// Small helpers the browser tests share: waiting for frames, reading pixels back, mounting a
// view element and losing its context, renderers on throwaway canvases, random networks.
import type REGL from 'regl';
import { vi } from 'vitest';
import type { Params } from '../../src/core/types';
import { createRegl, releaseContext } from '../../src/render/gl/create-regl';
import { sharedGl } from '../../src/render/gl/shared-context';
import { readTheme } from '../../src/render/gl/theme';
import type { ViewTheme } from '../../src/render/gl/theme';

import { frames, nextEvent, nextFrame, until } from './frames';

export { frames, nextEvent, nextFrame, until } from './frames';
export { CLASS_RGB, CLASS_RGB_5, nearestColor, type Rgb } from './colors';

/**
 * RGBA of the device pixel (column px, row py counted from the top) of a WebGL or 2-D canvas
 * (a view's canvas is 2-D: its frame is copied there from the page's shared context), as
 * stored (straight alpha).
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

/** Every pixel of a WebGL or 2-D canvas as straight RGBA bytes, row 0 at the top (one read-back). */
export function readAllPixels(canvas: HTMLCanvasElement): Uint8Array {
  const { width, height } = canvas;
  const gl = canvas.getContext('webgl');
  if (gl) {
    const bottomUp = new Uint8Array(width * height * 4);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
    const out = new Uint8Array(bottomUp.length);
    for (let y = 0; y < height; y++)
      out.set(bottomUp.subarray((height - 1 - y) * width * 4, (height - y) * width * 4), y * width * 4);
    return out;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas has no context');
  return new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer);
}

/** Every pixel of a WebGL or 2-D canvas: RGBA, rows from the bottom (as gl.readPixels gives them). */
export function canvasPixels(canvas: HTMLCanvasElement): Uint8Array {
  const { width, height } = canvas;
  const out = new Uint8Array(4 * width * height);
  const gl = canvas.getContext('webgl');
  if (gl) {
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return out;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas has no context');
  const data = ctx.getImageData(0, 0, width, height).data;
  const row = 4 * width;
  for (let y = 0; y < height; y++) out.set(data.subarray((height - 1 - y) * row, (height - y) * row), y * row);
  return out;
}

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

/** What the view elements (`<bp-decision-map>`, `<bp-hidden-space>`) show their tests. */
export interface DrawnView extends HTMLElement {
  readonly drawCount: number;
  readonly drawComplete: Promise<void>;
}

/** Runs `setup`, puts `el` on the page and resolves once its first frame is drawn. */
export async function mountView<E extends DrawnView>(el: E, setup: (el: E) => void = () => {}): Promise<E> {
  setup(el);
  document.body.append(el);
  await until(() => el.drawCount > 0, 'the first frame');
  await el.drawComplete;
  return el;
}

/** The view's canvas (throws when it has none). */
export function canvasOf(el: Element): HTMLCanvasElement {
  const canvas = el.shadowRoot?.querySelector('canvas');
  if (!canvas) throw new Error('no canvas');
  return canvas;
}

/** The text of the view's status notice. */
export function statusOf(el: Element): string {
  return el.shadowRoot!.querySelector('[role=status]')!.textContent!;
}

/** The canvas of the page's shared WebGL context (its `webglcontextlost`/`restored` events). */
export function sharedContextCanvas(): OffscreenCanvas {
  const canvas = sharedGl.target;
  if (!canvas) throw new Error('no shared WebGL context');
  return canvas;
}

/**
 * Loses the page's shared WebGL context (every view's) and resolves a frame after the lost
 * event (Chrome allows restoreContext only once that event's dispatch has finished). Returns
 * the extension.
 */
export async function loseContext(): Promise<WEBGL_lose_context> {
  const canvas = sharedContextCanvas();
  const ext = sharedGl.context!.getExtension('WEBGL_lose_context')!;
  const lost = nextEvent(canvas, 'webglcontextlost');
  ext.loseContext();
  await lost;
  await frames(1);
  return ext;
}

/** Only setTimeout is faked: frames, observers and Lit run for real. */
export function fakeTimeouts(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
}

/**
 * afterEach of the element tests: real timers, no mocks, an empty page, and no shared WebGL
 * context (the next test makes its own, e.g. with getContext mocked to fail).
 */
export function cleanUpPage(): void {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  if (sharedGl.userCount === 0) sharedGl.release();
}

const pageCanvases: HTMLCanvasElement[] = [];

/**
 * A renderer on a fresh size×size canvas on the page, sized (pixel ratio 1) and themed from the
 * page. Free its context with releaseCanvases() in afterEach.
 */
export function rendererOnPage<
  R extends { resize(w: number, h: number, r: number): void; setTheme(t: ViewTheme): void },
>(create: (regl: REGL.Regl) => R, size = 64): { renderer: R; canvas: HTMLCanvasElement } {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  document.body.append(canvas);
  pageCanvases.push(canvas);
  const renderer = create(createRegl(canvas));
  renderer.resize(size, size, 1);
  renderer.setTheme(readTheme(document.body));
  return { renderer, canvas };
}

/** Frees rendererOnPage()'s contexts now: the page keeps only 16, and later tests count on them. */
export function releaseCanvases(): void {
  for (const c of pageCanvases.splice(0)) {
    releaseContext(c);
    c.remove();
  }
}

/** A random 2→H→C network, weights uniform in [−amplitude, amplitude) from an LCG seeded with `seed`. */
export function randomParams(H: number, C: number, seed: number, amplitude: number): Params {
  let s = seed;
  const rand = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32) * (2 * amplitude) - amplitude;
  };
  const m = (rows: number, cols: number) => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, rand) });
  return { Wh: m(2, H), bh: m(1, H), Wo: m(H, C), bo: m(1, C) };
}

/**
 * Watches the timeouts set from now on whose delay `which` accepts: `fired()` resolves once
 * each has run (and a task later, so what its callback started has happened) or was cleared;
 * `count()` says how many were set. `stop()` puts the real setTimeout and clearTimeout back.
 */
export function watchTimeouts(which: (delayMs: number) => boolean = () => true): {
  fired(): Promise<void>;
  count(): number;
  stop(): void;
} {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const open = new Set<unknown>();
  let set = 0;
  let wakers: Array<() => void> = [];
  const close = (id: unknown): void => {
    if (!open.delete(id) || open.size > 0) return;
    const waiting = wakers;
    wakers = [];
    realSet(() => waiting.forEach((wake) => wake()), 0);
  };
  const watchedSet = (handler: TimerHandler, delayMs = 0, ...args: unknown[]): unknown => {
    if (typeof handler !== 'function' || !which(delayMs)) return realSet(handler, delayMs, ...args);
    const callback = handler as (...a: unknown[]) => void;
    const id = realSet(() => {
      try {
        callback(...args);
      } finally {
        close(id);
      }
    }, delayMs);
    open.add(id);
    set += 1;
    return id;
  };
  const watchedClear = (id?: Parameters<typeof clearTimeout>[0]): void => {
    close(id);
    realClear(id);
  };
  globalThis.setTimeout = watchedSet as unknown as typeof setTimeout;
  globalThis.clearTimeout = watchedClear as typeof clearTimeout;
  return {
    fired: () => (open.size === 0 ? Promise.resolve() : new Promise((resolve) => wakers.push(resolve))),
    count: () => set,
    stop: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

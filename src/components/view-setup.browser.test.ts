// The canvas views' WebGL set-up is spread out (CanvasView's set-up tasks, one per frame page-wide;
// the map's exact program asked for in idle time, built in a set-up turn of its own) and the
// map's fast frames build nothing. These tests
// count what the browser is asked to build, and in which frame of the page's scheduler, never time.
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  canvasOf,
  canvasPixels,
  cleanUpPage,
  frames,
  randomParams,
  settlesWithin,
  until,
} from '../../test/helpers/browser';
import { seed1Data, seed1Params } from '../render/__fixtures__/seed-1';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import './bp-decision-map';
import './bp-hidden-space';
import type { BpDecisionMap } from './bp-decision-map';
import type { BpHiddenSpace } from './bp-hidden-space';

type View = BpDecisionMap | BpHiddenSpace;

/**
 * Where each program link and each new WebGL context happened: the scheduler's frame, or idle
 * time; and the frames in which idle callbacks ran.
 */
interface BuildLog {
  links: { frame: number; idle: boolean; frag: string }[];
  contexts: number[];
  idleFrames: number[];
}

/** Watches (does not change) the browser's WebGL entry points and idle callbacks. */
function watchBuilds(): BuildLog {
  const log: BuildLog = { links: [], contexts: [], idleFrames: [] };
  let idle = false;
  const realIdle = window.requestIdleCallback.bind(window);
  vi.spyOn(window, 'requestIdleCallback').mockImplementation((callback, options) =>
    realIdle((deadline) => {
      idle = true;
      log.idleFrames.push(frameScheduler.frames);
      try {
        callback(deadline);
      } finally {
        idle = false;
      }
    }, options),
  );
  const sources = new WeakMap<WebGLShader, string>();
  const shaderSource = WebGLRenderingContext.prototype.shaderSource;
  vi.spyOn(WebGLRenderingContext.prototype, 'shaderSource').mockImplementation(function (
    this: WebGLRenderingContext,
    shader,
    source,
  ) {
    sources.set(shader, source);
    shaderSource.call(this, shader, source);
  });
  const linkProgram = WebGLRenderingContext.prototype.linkProgram;
  vi.spyOn(WebGLRenderingContext.prototype, 'linkProgram').mockImplementation(function (
    this: WebGLRenderingContext,
    program,
  ) {
    const frag = (this.getAttachedShaders(program) ?? []).map((s) => sources.get(s) ?? '').join('\n');
    log.links.push({ frame: frameScheduler.frames, idle, frag });
    linkProgram.call(this, program);
  });
  // the page's shared context lives on an OffscreenCanvas; a view's own canvas is 2-D
  const seen = new WeakSet<object>();
  for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
    const getContext = proto.getContext as (this: object, type: string, options?: unknown) => unknown;
    vi.spyOn(proto as { getContext(type: string, options?: unknown): unknown }, 'getContext').mockImplementation(
      function (this: object, type: string, options?: unknown) {
        if (type === 'webgl' && !seen.has(this)) {
          seen.add(this);
          log.contexts.push(frameScheduler.frames);
        }
        return getContext.call(this, type, options);
      },
    );
  }
  return log;
}

/** How many times each value occurs. */
function counts(values: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

/** The map's exact program: the network and the shading in one fragment shader. */
const isExactMap = (frag: string): boolean =>
  frag.includes('networkProbabilities(x,') && frag.includes('gl_FragColor = shadeProbabilities(p, p4)');

/** Puts `el` on-screen in cell k of a 2-column grid of 160 px cells, with seed 1's network and data. */
function place<E extends View>(el: E, k: number): E {
  if ('quality' in el) el.quality = 'fast'; // as while training: the exact program can wait
  el.style.cssText = `position: fixed; left: ${170 * (k % 2)}px; top: ${170 * Math.floor(k / 2)}px; width: 160px; padding: 0`;
  el.params = seed1Params();
  el.data = seed1Data();
  document.body.append(el);
  return el;
}

/** The scheduler's idle callbacks from now on wait until released. */
function holdIdle(): { release(): void } {
  const held: IdleRequestCallback[] = [];
  vi.spyOn(window, 'requestIdleCallback').mockImplementation((callback) => {
    held.push(callback);
    return held.length;
  });
  return {
    release: () => {
      const deadline = { didTimeout: false, timeRemaining: () => 50 };
      while (held.length) held.shift()!(deadline);
    },
  };
}

afterEach(cleanUpPage);

describe('view set-up', () => {
  test('four views shown at once while training: one shared context, one set-up piece per frame, the exact map program after idle time', async () => {
    // an idle callback asked for by an earlier test runs before this one's are watched
    await new Promise((resolve) => requestIdleCallback(resolve));
    const log = watchBuilds();
    const first = frameScheduler.frames;
    const views: View[] = [
      place(document.createElement('bp-decision-map'), 0),
      place(document.createElement('bp-decision-map'), 1),
      place(document.createElement('bp-hidden-space'), 2),
      place(document.createElement('bp-decision-map'), 3),
    ];
    await until(() => views.every((v) => v.backend === 'webgl' && v.drawCount > 0), 'every view to draw');
    await Promise.all(views.map((v) => v.drawComplete));
    // every view drew, none in the same animation frame as it built anything more than one piece;
    // all four on the page's one context
    expect(log.contexts.length).toBe(1);
    const inFrames = log.links.filter((l) => !l.idle);
    expect(Math.max(...counts(inFrames.map((l) => l.frame)).values())).toBe(1);
    // a frame made a context or linked a program, not both
    for (const frame of log.contexts) expect(inFrames.some((l) => l.frame === frame)).toBe(false);
    // 3 maps × 3 programs before the first frame (markers, coarse network, upscale) + 3 for the
    // hidden space (cube lines, which its output plane shares; points; warped grid)
    expect(inFrames.length).toBe(12);
    expect(inFrames.some((l) => isExactMap(l.frag))).toBe(false);
    // the exact program, once per map, asked for in an idle callback and built in a set-up turn:
    // at the start of a frame, never in one that built anything else
    await until(() => frameScheduler.pendingSetup === 0, 'the idle set-up');
    const exact = log.links.filter((l) => isExactMap(l.frag));
    expect(exact.length).toBe(3);
    expect(exact.every((l) => !l.idle && log.idleFrames.some((f) => f <= l.frame))).toBe(true);
    expect(Math.max(...counts(log.links.map((l) => l.frame)).values())).toBe(1);
    expect(frameScheduler.frames - first).toBeGreaterThanOrEqual(4 + 12 + 3);
  });

  test('a map set up for training builds its exact program in idle time, drawn by the coarse path until then', async () => {
    await new Promise((resolve) => requestIdleCallback(resolve));
    const idle = holdIdle();
    const map = place(document.createElement('bp-decision-map'), 0);
    map.style.width = '400px';
    map.quality = 'fast';
    await until(() => map.drawCount > 0, 'the first frame');
    await map.drawComplete;
    // paused: the coarse path stands in, and the frame is provisional
    map.quality = 'full';
    await until(() => map.drawCount > 1, 'the paused frame');
    const provisional = map.drawCount;
    // drawComplete waits for the exact frame, which waits for idle time
    expect(await settlesWithin(map.drawComplete, 5)).toBe(false);
    expect(map.drawCount).toBe(provisional);
    const coarse = canvasPixels(canvasOf(map));
    idle.release();
    await map.drawComplete;
    // on software GL the exact map of this size is drawn over a few frames (gl-map-renderer.ts)
    const exact = map.drawCount;
    expect(exact).toBeGreaterThan(provisional);
    // the exact map differs from the coarse one (at least along the boundary)
    expect(canvasPixels(canvasOf(map))).not.toEqual(coarse);
    await frames(2);
    expect(map.drawCount).toBe(exact);
  });

  test('training fast after a full-quality frame builds nothing: no program, no render target', async () => {
    const map = place(document.createElement('bp-decision-map'), 0);
    map.style.width = '400px';
    await until(() => map.drawCount > 0, 'the first frame');
    await map.drawComplete;
    // the fast path is built in idle time: the frames then build nothing more
    await until(() => frameScheduler.pendingSetup === 0, 'the idle set-up');
    const builds = { links: 0, framebuffers: 0, textures: 0 };
    const proto = WebGLRenderingContext.prototype;
    const link = proto.linkProgram;
    const status = proto.checkFramebufferStatus;
    const texImage = proto.texImage2D;
    vi.spyOn(proto, 'linkProgram').mockImplementation(function (this: WebGLRenderingContext, p) {
      builds.links++;
      link.call(this, p);
    });
    vi.spyOn(proto, 'checkFramebufferStatus').mockImplementation(function (this: WebGLRenderingContext, target) {
      builds.framebuffers++;
      return status.call(this, target);
    });
    vi.spyOn(proto, 'texImage2D').mockImplementation(function (this: WebGLRenderingContext, ...args: unknown[]) {
      builds.textures++;
      return (texImage as (...a: unknown[]) => void).apply(this, args);
    });
    const drawn = map.drawCount;
    map.quality = 'fast';
    for (let k = 0; k < 5; k++) {
      map.params = randomParams(3, 2, k + 1, 3);
      await map.drawComplete;
    }
    expect(map.drawCount).toBe(drawn + 5);
    expect(builds).toEqual({ links: 0, framebuffers: 0, textures: 0 });
  });
});

describe('the first size', () => {
  test('reaches the view after the frame that first laid it out is painted: no axis labels laid out in that frame', async () => {
    const el = place(document.createElement('bp-hidden-space'), 0) as BpHiddenSpace;
    await el.updateComplete;
    const labels = (): number => el.shadowRoot!.querySelectorAll('.label').length;
    // made after the view's own observer, so in the frame that first lays the view out it runs
    // after the view's (and after the update that the view's would have asked for)
    const inLayoutFrame = await new Promise<number>((resolve) => {
      const observer = new ResizeObserver(() => {
        observer.disconnect();
        resolve(labels());
      });
      observer.observe(el.shadowRoot!.querySelector('.surface')!);
    });
    expect(inLayoutFrame).toBe(0);
    await until(() => labels() > 0, 'the axis labels');
  });
});

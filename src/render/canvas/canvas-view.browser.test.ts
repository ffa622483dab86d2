import { afterEach, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { frames, readPixel, settlesWithin, until } from '../../../test/helpers/browser';
import { CONTEXT_RELEASE_MS, sharedGl } from '../gl/shared-context';
import { CanvasView, presents, RELEASE_AFTER_MS, RESTORE_TIMEOUT_MS, viewsShown } from './canvas-view';
import { frameScheduler } from './frame-scheduler';
import type { SurfaceRenderer } from './view-renderer';

/** A renderer that only counts; it gets a real regl on the page's shared context, as a view's would. */
const renderers: StubRenderer[] = [];

class StubRenderer implements SurfaceRenderer {
  destroyed = false;
  constructor() {
    renderers.push(this);
  }
  resize(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

function makeView(
  webgl: () => boolean = () => true,
  draw: () => void = () => {},
): { view: CanvasView<StubRenderer>; container: HTMLElement } {
  const container = document.createElement('div');
  container.style.cssText = 'position: fixed; left: 0; top: 0; width: 40px; height: 40px';
  document.body.append(container);
  const view = new CanvasView<StubRenderer>({
    container,
    createWebgl: () => {
      if (!webgl()) throw new Error('no WebGL');
      return new StubRenderer();
    },
    createFallback: () => new StubRenderer(),
    draw,
    // as the elements' styles place it: the canvas never sizes its container
    decorate: (canvas) => (canvas.style.cssText = 'position: absolute; inset: 0; width: 100%; height: 100%'),
  });
  return { view, container };
}

/**
 * Queues a lot of GPU work (a costly fragment shader over a 1024² target, a few times), leaving
 * the bindings as they were (the stub renderers draw without regl).
 */
function busyGpu(gl: WebGLRenderingContext): void {
  const shader = (type: number, text: string): WebGLShader => {
    const s = gl.createShader(type) as WebGLShader;
    gl.shaderSource(s, text);
    gl.compileShader(s);
    return s;
  };
  const program = gl.createProgram() as WebGLProgram;
  gl.attachShader(program, shader(gl.VERTEX_SHADER, 'attribute vec2 p; void main() { gl_Position = vec4(p, 0, 1); }'));
  gl.attachShader(
    program,
    shader(
      gl.FRAGMENT_SHADER,
      `precision highp float;
      void main() {
        float v = gl_FragCoord.x;
        for (int k = 0; k < 60; k++) v = sin(v * 1.0001 + float(k));
        gl_FragColor = vec4(v, 0, 0, 1);
      }`,
    ),
  );
  gl.bindAttribLocation(program, 0, 'p');
  gl.linkProgram(program);
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1024, 1024, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  const framebuffer = gl.createFramebuffer();
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const buffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  gl.useProgram(program);
  gl.viewport(0, 0, 1024, 1024);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
  gl.disableVertexAttribArray(0);
  gl.useProgram(null);
  gl.bindBuffer(gl.ARRAY_BUFFER, null);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.bindTexture(gl.TEXTURE_2D, null);
  for (const made of [buffer, framebuffer, texture, program]) {
    if (made instanceof WebGLBuffer) gl.deleteBuffer(made);
    else if (made instanceof WebGLFramebuffer) gl.deleteFramebuffer(made);
    else if (made instanceof WebGLTexture) gl.deleteTexture(made);
    else gl.deleteProgram(made);
  }
}

/** A lost event on the shared context (the context itself stays: nothing restores it). */
function fakeLoss(): void {
  sharedGl.target!.dispatchEvent(new Event('webglcontextlost', { cancelable: true }));
}

/** Resolves once the view's WebGL set-up (a set-up task of the frame scheduler) is done. */
function setUp(view: CanvasView<StubRenderer>): Promise<void> {
  return until(() => view.mode !== 'parked', 'the set-up');
}

/** A view on-screen with a renderer and a frame requested but not drawn yet, and a waiter for it. */
async function pendingFrame(): Promise<{ view: CanvasView<StubRenderer>; waiter: Promise<void> }> {
  const { view } = makeView();
  view.setVisible(true);
  view.attach();
  await setUp(view);
  // its first frame is drawn in the next draw phase: take that one
  await view.whenDrawn();
  view.requestDraw();
  const waiter = view.whenDrawn();
  return { view, waiter };
}

// A test that ends inside a ResizeObserver callback (a resize draws, which settles a waiter)
// would start the next one in that callback too, and its new observer would miss this round.
beforeEach(() => frames(1));

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** Two views set up on the deferred-present path, painting `colour.rgb` (a test changes it between draws). */
async function deferredViews(): Promise<{
  a: CanvasView<StubRenderer>;
  b: CanvasView<StubRenderer>;
  colour: { rgb: number[] };
}> {
  // where presenting waits for the raster (software compositing) the views defer by themselves;
  // these tests composite on the GPU, where presenting returns at once
  presents.mode = 'deferred';
  onTestFinished(() => {
    presents.mode = 'auto';
  });
  const colour = { rgb: [255, 0, 0] };
  const paint = (): void => {
    const gl = sharedGl.context!;
    gl.clearColor(colour.rgb[0] / 255, colour.rgb[1] / 255, colour.rgb[2] / 255, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
  };
  const [a, b] = [makeView(undefined, paint).view, makeView(undefined, paint).view];
  for (const view of [a, b]) {
    view.setVisible(true);
    view.attach();
  }
  for (const view of [a, b]) await setUp(view);
  return { a, b, colour };
}

describe('CanvasView', () => {
  test('makes no canvas until visible', async () => {
    const { view, container } = makeView();
    view.attach();
    expect(view.mode).toBe('parked');
    expect(container.querySelector('canvas')).toBeNull();
    expect(await settlesWithin(view.whenDrawn(), 1)).toBe(true);
    view.setVisible(true);
    // the context is made in a set-up task, not in the visibility callback; a waiter waits for it
    expect(view.mode).toBe('parked');
    expect(view.canvas).toBeNull();
    const drawn = view.whenDrawn();
    await setUp(view);
    expect(view.mode).toBe('webgl');
    await drawn;
    expect(view.drawCount).toBe(1);
    view.detach();
  });

  test('a pending waiter settles when the view goes off-screen, undrawn', async () => {
    const { view, waiter } = await pendingFrame();
    view.setVisible(false);
    expect(await settlesWithin(waiter, 1)).toBe(true);
    await frames(2);
    expect(view.drawCount).toBe(1);
    view.detach();
  });

  test('a pending waiter settles when the context is lost', async () => {
    const { view, waiter } = await pendingFrame();
    fakeLoss();
    expect(view.mode).toBe('lost');
    expect(await settlesWithin(waiter, 1)).toBe(true);
    expect(view.drawCount).toBe(1);
    // and nobody waits while it is lost
    view.requestDraw();
    expect(await settlesWithin(view.whenDrawn(), 1)).toBe(true);
    view.detach();
  });

  test('a pending waiter settles on detach and on release', async () => {
    const first = await pendingFrame();
    first.view.detach();
    expect(await settlesWithin(first.waiter, 1)).toBe(true);
    const second = await pendingFrame();
    const renderer = second.view.renderer!;
    second.view.release();
    expect(await settlesWithin(second.waiter, 1)).toBe(true);
    expect(renderer.destroyed).toBe(true);
    expect(second.view.mode).toBe('parked');
    second.view.detach();
  });

  test('draws with a regl on the shared context, onto a 2-D canvas of its own', async () => {
    const { view } = makeView();
    view.setVisible(true);
    view.attach();
    await setUp(view);
    expect(sharedGl.userCount).toBe(1);
    expect(view.canvas!.getContext('webgl')).toBeNull();
    expect(view.canvas!.getContext('2d')).not.toBeNull();
    view.detach();
    expect(sharedGl.userCount).toBe(0);
  });

  test('releases its renderer RELEASE_AFTER_MS after going off-screen, not before; the shared context CONTEXT_RELEASE_MS later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { view, container } = makeView();
    view.setVisible(true);
    view.attach();
    await view.whenDrawn();
    expect(view.drawCount).toBe(1);
    const gl = sharedGl.context!;
    view.setVisible(false);
    vi.advanceTimersByTime(RELEASE_AFTER_MS - 1);
    expect(view.mode).toBe('webgl');
    vi.advanceTimersByTime(1);
    expect(view.mode).toBe('parked');
    expect(container.querySelector('canvas')).toBeNull();
    expect(renderers.at(-1)!.destroyed).toBe(true);
    expect(gl.isContextLost()).toBe(false);
    vi.advanceTimersByTime(CONTEXT_RELEASE_MS);
    expect(gl.isContextLost()).toBe(true);
    view.setVisible(true);
    await setUp(view);
    expect(view.mode).toBe('webgl');
    await view.whenDrawn();
    expect(view.drawCount).toBe(2);
    view.detach();
  });

  test('a set-up piece takes its turn: no WebGL view draws while it waits, and it runs after a frame without WebGL draws', async () => {
    const drawnIn: number[] = [];
    const { view: a } = makeView(undefined, () => drawnIn.push(frameScheduler.frames));
    a.setVisible(true);
    a.attach();
    await setUp(a);
    await a.whenDrawn();
    // as while training: view a is asked for a frame in every frame
    let training = true;
    const train = (): void => {
      if (!training) return;
      a.requestDraw();
      requestAnimationFrame(train);
    };
    train();
    await frames(2);
    let builtIn = -1;
    const { view: b } = makeView(() => ((builtIn = frameScheduler.frames), true));
    b.setVisible(true);
    b.attach();
    // read-back draws at once, set-up waiting or not
    const before = a.drawCount;
    a.requestDraw();
    a.drawNow();
    expect(a.drawCount).toBe(before + 1);
    await setUp(b);
    await frames(3);
    training = false;
    // b's renderer was made after a frame in which nothing drew with WebGL
    expect(builtIn).toBeGreaterThan(0);
    expect(drawnIn).not.toContain(builtIn - 1);
    expect(drawnIn).not.toContain(builtIn);
    // a drew before b's set-up began, and draws again once it is done
    expect(drawnIn.filter((f) => f < builtIn - 1).length).toBeGreaterThan(2);
    expect(drawnIn.filter((f) => f > builtIn).length).toBeGreaterThan(1);
    a.detach();
    b.detach();
  });

  test('draws its first frame ahead, unshown and fenced, and for real once the GPU ran it; no other view sets up meanwhile', async () => {
    const log: { view: string; mode: string; drawn: number; otherWarming: boolean }[] = [];
    const views: CanvasView<StubRenderer>[] = [];
    let busied = false;
    const drawing = (k: number) => () => {
      // real GL work on the shared context, as a renderer's draw issues
      const gl = sharedGl.context;
      if (!gl) return;
      gl.clearColor(0, 0.5, 0, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      const [view, other] = [views[k], views[1 - k]];
      // the first warm-up frame keeps the GPU busy for a while (on software GL, many frames)
      if (!busied && view.mode === 'parked') {
        busied = true;
        busyGpu(gl);
      }
      log.push({ view: 'ab'[k], mode: view.mode, drawn: view.drawCount, otherWarming: other.warmingUp });
    };
    views.push(makeView(undefined, drawing(0)).view, makeView(undefined, drawing(1)).view);
    for (const view of views) {
      view.setVisible(true);
      view.attach();
    }
    for (const view of views) await setUp(view);
    await Promise.all(views.map((view) => view.whenDrawn()));
    expect(sharedGl.context?.getExtension('EXT_disjoint_timer_query')).not.toBeNull();
    for (const name of ['a', 'b']) {
      const [warmUp, first] = log.filter((entry) => entry.view === name);
      // the warm-up frame: drawn during set-up, not shown (nothing counted as drawn)
      expect(warmUp).toMatchObject({ mode: 'parked', drawn: 0 });
      // then the first frame for real, after the warm-up's fence said it had run
      expect(first).toMatchObject({ mode: 'webgl', drawn: 0 });
      // while one view's warm-up frame runs on the GPU, the other's set-up waits
      expect(warmUp.otherWarming).toBe(false);
    }
    for (const view of views) {
      expect(view.warmingUp).toBe(false);
      view.detach();
    }
  });

  test('viewsShown: resolves once every view has drawn what was pending and its frame is shown', async () => {
    const { a, b, colour } = await deferredViews();
    await viewsShown();
    colour.rgb = [0, 0, 255];
    a.requestDraw();
    b.requestDraw();
    let shownAfterDraw: boolean | null = null;
    void frameScheduler.afterDraw().then(() => (shownAfterDraw = !presents.pending));
    await viewsShown();
    // drawn in a draw phase, shown later: viewsShown waited for that
    expect(shownAfterDraw).toBe(false);
    expect(presents.pending).toBe(false);
    expect([a.frames.dirty, b.frames.dirty]).toEqual([false, false]);
    for (const view of [a, b]) expect(readPixel(view.canvas!, 1, 1).slice(0, 3)).toEqual([0, 0, 255]);
    a.detach();
    b.detach();
  });

  test('deferred, a training frame is shown once the GPU has run it, with the others drawn in its frame; read-back and drawing together show at once', async () => {
    const { a, b, colour } = await deferredViews();
    await Promise.all([a.whenDrawn(), b.whenDrawn()]);
    const shown = (view: CanvasView<StubRenderer>): number[] => readPixel(view.canvas!, 1, 1).slice(0, 3);
    expect(shown(a)).toEqual([255, 0, 0]);

    // both draw in one draw phase; neither is on its canvas when the phase ends
    colour.rgb = [0, 255, 0];
    a.requestDraw();
    b.requestDraw();
    const drawn = [a.drawCount, b.drawCount];
    const waiters = [a.whenDrawn(), b.whenDrawn()];
    await frameScheduler.afterDraw();
    expect([a.drawCount, b.drawCount]).toEqual([drawn[0] + 1, drawn[1] + 1]);
    expect(presents.pending).toBe(true);
    expect(shown(a)).toEqual([255, 0, 0]);
    expect(shown(b)).toEqual([255, 0, 0]);
    await Promise.all(waiters);
    expect(shown(a)).toEqual([0, 255, 0]);
    expect(shown(b)).toEqual([0, 255, 0]);

    // while the GPU is busy, a view draws ahead one draw phase (the most that waits), then holds
    busyGpu(sharedGl.context!);
    sharedGl.forgetState();
    const shownSoFar = (): number => presents.counts.fenced + presents.counts.late;
    let held = 0;
    for (let k = 0; k < 8; k++) {
      colour.rgb = [0, 0, 8 * (k + 1)];
      const [inFlight, count, showns] = [presents.inFlight, a.drawCount, shownSoFar()];
      a.requestDraw();
      await frameScheduler.afterDraw();
      expect(presents.inFlight).toBeLessThanOrEqual(1);
      if (inFlight === 1 && shownSoFar() === showns) {
        // nothing was shown in this frame: the view drew nothing new
        expect(a.drawCount).toBe(count);
        held++;
      }
    }
    expect(held).toBeGreaterThan(0);
    await a.whenDrawn();
    expect(shown(a)).toEqual([0, 0, 64]);

    // read-back: what waits is shown first, then the frame at once
    colour.rgb = [255, 255, 0];
    a.requestDraw();
    await frameScheduler.afterDraw();
    expect(presents.pending).toBe(true);
    b.requestDraw();
    b.drawNow();
    expect(presents.pending).toBe(false);
    expect(shown(a)).toEqual([255, 255, 0]);
    expect(shown(b)).toEqual([255, 255, 0]);

    // a draw phase that draws together (a seek) shows its frames when it ends
    colour.rgb = [0, 255, 255];
    frameScheduler.drawTogether();
    a.requestDraw();
    b.requestDraw();
    await frameScheduler.afterDraw();
    expect(presents.pending).toBe(false);
    expect(shown(a)).toEqual([0, 255, 255]);
    expect(shown(b)).toEqual([0, 255, 255]);
    a.detach();
    b.detach();
  });

  test('where WebGL failed, returning from off-screen does not try it again', async () => {
    let attempts = 0;
    const { view } = makeView(() => (attempts++, false));
    view.setVisible(true);
    view.attach();
    await setUp(view);
    expect(view.mode).toBe('fallback');
    view.release();
    // the CPU renderer needs no set-up task: made at once
    view.setVisible(true);
    expect(view.mode).toBe('fallback');
    expect(attempts).toBe(1);
    view.detach();
  });

  test('after a lost context fell back to the CPU, returning from off-screen tries WebGL again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { view } = makeView();
    view.setVisible(true);
    view.attach();
    await setUp(view);
    fakeLoss();
    vi.advanceTimersByTime(RESTORE_TIMEOUT_MS);
    expect(view.mode).toBe('fallback');
    view.setVisible(false);
    vi.advanceTimersByTime(RELEASE_AFTER_MS);
    expect(view.mode).toBe('parked');
    view.setVisible(true);
    await setUp(view);
    expect(view.mode).toBe('webgl');
    expect(view.failure).toBeNull();
    view.detach();
  });
});

// The page's one WebGL context, shared by every canvas view of every element on the page.
// Chromium keeps 16 live contexts per renderer process and silently loses the oldest beyond
// that; a context per view (or even per element) runs into that limit with a few labs on a page
// or a view with many maps. So no view canvas holds a context: every WebGL renderer gets a regl
// instance of its own on this one context (its resources, freed by its regl.destroy(), as
// before), draws into the lower-left corner of the drawing buffer, and the view takes that frame
// (transferToImageBitmap) onto its own 2-D canvas (present()).
//
// The context lives on an OffscreenCanvas as large as the largest view, and a view's copy moves
// that buffer, not a page-sized one. Measured in headless Chromium on SwiftShader (bench/diag,
// three 400² copies a frame): with software compositing, as on a machine without a usable GPU,
// drawImage of a 768² shared HTMLCanvasElement read the whole buffer back, 8.5 ms a copy; a
// transferred 400² bitmap costs 1.4 ms, most of it the wait for the view's own raster. With GPU
// compositing the bitmap's drawImage stays on the GPU (42 ms of GPU process a frame on
// SwiftShader against 64 ms for the shared canvas's drawImage).
//
// Several regl instances on one context: regl caches GL state (bound textures, buffers,
// program, flags), so before a renderer issues GL calls its regl's state is put back with
// regl._refresh() (use()), when another instance was the last to draw.
//
// The context is made on first use, shared while any view holds a renderer on it, and given
// back RELEASE_AFTER_MS after the last one let go. When it is lost every user hears of it
// (contextLost) and, when it comes back, makes its renderer anew (contextRestored). A context
// lost and not restored within ABANDON_AFTER_MS is replaced by a fresh one on next use.
//
// The first context waits for a training worker's WebGL warm-up (awaitWarmUp): a fresh browser's
// first context starts the GPU process's GL, 0.5–1 s on software GL; the worker pays that on its
// own clock. Made while the worker's was being made, the page's context (and its first set-up
// pieces) waited for it on the main thread: 160–1,040 ms frames measured here.
import type REGL from 'regl';
import { isGlWarmMessage } from '../../protocol/gl-warm-up';
import { CONTEXT_ATTRIBUTES, reglWith, WebglUnavailableError } from './create-regl';

/** The context is given back this long (ms) after its last user let go. */
export const CONTEXT_RELEASE_MS = 2000;
/** A lost context not restored within this long (ms) is abandoned; the next user makes a new one. */
export const ABANDON_AFTER_MS = 3000;
/** The first context waits at most this long (ms) after a worker started for its WebGL warm-up. */
export const WARM_UP_WAIT_MS = 4000;
/** The drawing buffer's size (px per side) until a view first draws. */
const INITIAL_SIZE = 256;

/** A view holding a renderer on the shared context. */
export interface SharedContextUser {
  /** The context was lost: drop the renderer (its regl is dead), wait for contextRestored(). */
  contextLost(): void;
  /** The context is back: make the renderer anew (createRegl()). */
  contextRestored(): void;
}

export class SharedGlContext {
  /** contexts made so far (diagnostics, tests) */
  created = 0;
  private canvas: OffscreenCanvas | null = null;
  private gl: WebGLRenderingContext | null = null;
  private readonly users = new Set<SharedContextUser>();
  /** the regl instance whose state is on the context */
  private current: REGL.Regl | null = null;
  private releaseTimer = 0;
  private lostAt = -1;
  /** workers whose WebGL warm-up the first context waits for, each with its listeners' end */
  private readonly warmUps = new Map<Worker, AbortController>();
  /** performance.now() after which the first context waits no more */
  private warmUpUntil = 0;

  /** The live context, if one was made (tests lose and restore it). */
  get context(): WebGLRenderingContext | null {
    return this.gl;
  }

  /** The canvas of the context (its `webglcontextlost`/`restored` events), if one was made. */
  get target(): OffscreenCanvas | null {
    return this.canvas;
  }

  /** How many views hold a renderer on the context (diagnostics, tests). */
  get userCount(): number {
    return this.users.size;
  }

  /**
   * A regl instance of its own on the shared context for `user`'s renderer (the context made
   * first if there is none); `user` now hears of loss and restore. Throws WebglUnavailableError
   * when no context can be had, or while the context is lost (reason `lost`).
   */
  createRegl(user: SharedContextUser): REGL.Regl {
    const gl = this.acquire();
    let regl: REGL.Regl;
    try {
      regl = reglWith({ gl });
    } catch (err) {
      this.leave(user);
      throw err;
    }
    this.join(user);
    // a new instance sets the whole state it knows on the context
    this.current = regl;
    return regl;
  }

  /**
   * Makes the context now if there is none, ahead of createRegl (a set-up step of its own: a
   * page's first context costs the most, and regl's first calls then wait on a context already
   * made). Returns whether it made one; false also when none can be made (createRegl says why).
   * Given back after CONTEXT_RELEASE_MS if nobody uses it.
   */
  makeContext(): boolean {
    if (this.gl && !this.gl.isContextLost()) return false;
    try {
      this.acquire();
    } catch {
      return false;
    }
    if (this.users.size === 0) this.armRelease();
    return true;
  }

  /**
   * `worker` warms up the browser's WebGL as it starts (workers/gl-warm-up.ts): until one such
   * worker says it is done (or fails, or WARM_UP_WAIT_MS pass), `warming` tells the views not
   * to make the first context yet. Nothing to wait for when a context exists. Returns `worker`.
   */
  awaitWarmUp(worker: Worker): Worker {
    if (this.gl && !this.gl.isContextLost()) return worker;
    const done = new AbortController();
    const stop = (): void => {
      done.abort();
      this.warmUps.delete(worker);
    };
    worker.addEventListener('message', (event) => isGlWarmMessage(event.data) && this.endWarmUp(), {
      signal: done.signal,
    });
    worker.addEventListener('error', stop, { signal: done.signal });
    this.warmUps.set(worker, done);
    this.warmUpUntil = performance.now() + WARM_UP_WAIT_MS;
    return worker;
  }

  /** Whether the page's first context waits for a worker's WebGL warm-up still going on. */
  get warming(): boolean {
    if (this.warmUps.size === 0 || (this.gl && !this.gl.isContextLost())) return false;
    if (performance.now() < this.warmUpUntil) return true;
    this.endWarmUp();
    return false;
  }

  /** `user` holds no renderer any more; the context goes CONTEXT_RELEASE_MS after the last. */
  leave(user: SharedContextUser): void {
    if (!this.users.delete(user) || this.users.size > 0 || !this.gl) return;
    this.armRelease();
  }

  private armRelease(): void {
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = window.setTimeout(() => {
      this.releaseTimer = 0;
      if (this.users.size === 0) this.release();
    }, CONTEXT_RELEASE_MS);
  }

  /** Puts `regl`'s cached state on the context before its renderer issues GL calls. */
  use(regl: REGL.Regl): void {
    if (this.current === regl) return;
    this.current = regl;
    if (this.gl && !this.gl.isContextLost()) regl._refresh();
  }

  /**
   * Before a view draws with `regl`: its state on the context, and a drawing buffer of at least
   * width×height device pixels (the view draws into its lower-left corner, naming its viewport
   * in every draw). The buffer only grows, to the largest view's width and height: resizing it
   * reallocates the drawing buffer, ~1 ms a time on software GL (a resize per view per frame
   * cost 2 ms a frame in the tutorial's dashboard).
   */
  beginDraw(regl: REGL.Regl, width: number, height: number): void {
    const canvas = this.canvas;
    if (canvas && (canvas.width < width || canvas.height < height)) {
      canvas.width = Math.max(canvas.width, width);
      canvas.height = Math.max(canvas.height, height);
    }
    this.use(regl);
  }

  /**
   * Moves the drawing buffer (what a view just drew) onto `target`, a 2-D canvas of
   * width×height, replacing its pixels with the buffer's lower-left width×height; the buffer
   * starts blank for the next view. Straight alpha becomes the 2-D canvas's premultiplied alpha,
   * as the browser composites a WebGL canvas. Returns how long (ms) taking the frame took: with
   * software compositing the transfer reads the buffer back and waits for the view's raster,
   * with GPU compositing it returns at once (deferred-present.ts decides by it).
   */
  present(target: HTMLCanvasElement, width: number, height: number): number {
    const source = this.canvas;
    const ctx = target.getContext('2d');
    if (!source || !ctx) return 0;
    const start = performance.now();
    const frame = source.transferToImageBitmap();
    const took = performance.now() - start;
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(frame, 0, frame.height - height, width, height, 0, 0, width, height);
    ctx.globalCompositeOperation = 'source-over';
    frame.close();
    return took;
  }

  /**
   * GL calls were made on the context behind the regl instances' backs (bindings, flags): the
   * next renderer to draw puts its regl's whole state back first.
   */
  forgetState(): void {
    this.current = null;
  }

  /** Gives the context back now (every user must have let go). */
  release(): void {
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = 0;
    const { canvas, gl } = this;
    this.detachCanvas();
    if (gl && !gl.isContextLost()) gl.getExtension('WEBGL_lose_context')?.loseContext();
    if (canvas) canvas.width = canvas.height = 1;
  }

  /** The context, made if there is none (or the last one was lost and abandoned). */
  private acquire(): WebGLRenderingContext {
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = 0;
    if (this.gl?.isContextLost()) {
      if (this.lostAt >= 0 && performance.now() - this.lostAt < ABANDON_AFTER_MS) {
        throw new WebglUnavailableError('lost', 'the graphics context is lost');
      }
      // lost and never restored (Chromium does not restore a context it evicted): start over
      this.detachCanvas();
    }
    if (this.gl) return this.gl;
    const canvas = new OffscreenCanvas(INITIAL_SIZE, INITIAL_SIZE);
    const gl = canvas.getContext('webgl', CONTEXT_ATTRIBUTES) as WebGLRenderingContext | null;
    if (!gl) throw new WebglUnavailableError('context', 'no WebGL context');
    canvas.addEventListener('webglcontextlost', this.onLost);
    canvas.addEventListener('webglcontextrestored', this.onRestored);
    this.canvas = canvas;
    this.gl = gl;
    this.lostAt = -1;
    this.created++;
    return gl;
  }

  /** A warm-up is over (one is enough: the GPU process's GL is started): nothing waits any more. */
  private endWarmUp(): void {
    for (const done of this.warmUps.values()) done.abort();
    this.warmUps.clear();
  }

  private join(user: SharedContextUser): void {
    this.users.add(user);
  }

  private detachCanvas(): void {
    const canvas = this.canvas;
    canvas?.removeEventListener('webglcontextlost', this.onLost);
    canvas?.removeEventListener('webglcontextrestored', this.onRestored);
    this.canvas = null;
    this.gl = null;
    this.current = null;
    this.lostAt = -1;
  }

  private readonly onLost = (event: Event): void => {
    // preventDefault tells the browser we want the context back (webglcontextrestored)
    event.preventDefault();
    this.lostAt = performance.now();
    this.current = null;
    for (const user of [...this.users]) user.contextLost();
  };

  private readonly onRestored = (): void => {
    this.lostAt = -1;
    this.current = null;
    for (const user of [...this.users]) user.contextRestored();
  };
}

/** The page's one context: every canvas view draws with it. */
export const sharedGl = new SharedGlContext();

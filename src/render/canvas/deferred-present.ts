// Showing the WebGL views' frames without waiting for their raster, where presenting waits.
//
// A view draws into the page's shared context and its frame is moved onto its own 2-D canvas
// (SharedGlContext.present: transferToImageBitmap, then drawImage). When the page is composited
// in software, as Chromium does without a usable GPU, the transfer reads the drawing buffer back
// to the CPU and waits, on the main thread, for SwiftShader to rasterise what the view just
// drew: most of a training frame's draw phase at the tutorial's size (913 of 3,584 ms of the
// main thread in transferToImageBitmap, bench/diag/profile.mjs), which the draw budget then
// counted as the views' cost and held views over to the next frame for.
//
// So where presenting waits, a WebGL view drawing a training frame draws into the drawing
// buffer as usual, copies its corner into a texture of its own on the GPU (copyTexSubImage2D,
// queued like the draws) and returns; a timer query fences both (gl/gpu-fence.ts). The frames
// drawn in one draw phase are shown together at the start of a later frame (its commit phase),
// once every fence says the GPU process has run them: each texture is read back then
// (readPixels, whose wait is now only the round trip) and put on its canvas. Until they are
// shown, the WebGL views draw nothing new (they stay dirty and draw as soon as the frames are
// shown): one draw phase's frames wait at most, so the GPU process never queues more than a
// frame's work. (Two in flight made every view draw 90% of the tutorial's batch frames, but a
// read-back waits for every command queued before it, so showing the first waited for the
// second's raster: a median 10.8 ms of script a batch frame against 3.9 ms, bench/dashboard.) The price: the views are shown a frame or two after the one they drew in (the cost
// curve, a 2-D canvas, shows its frame at once).
//
// Everything that must be on screen when it returns presents at once, after showing what
// waits (frames stay in order): read-back (drawNow), a redraw after a resize, and a draw phase
// that draws together (a seek: every view, the cost curve too, shows the sought iteration in
// one frame). Whether presenting waits is measured, not guessed: on software GL the first
// TIMED_PRESENTS immediate presents' transfers are timed, and if each took over WAITING_PRESENT_MS the
// deferral is on (with GPU compositing the transfer stays on the GPU and returns at once). A real
// GPU, or a browser without a timer query to fence with, always presents at once.
import { fenceAround } from '../gl/gpu-fence';
import type { GpuFence } from '../gl/gpu-fence';
import { sharedGl } from '../gl/shared-context';
import { softwareGl } from '../gl/software-gl';
import { frameScheduler } from './frame-scheduler';
import type { FrameScheduler } from './frame-scheduler';

/** Frames whose fences have not all signalled after this long (ms) are shown anyway (the read-back waits). */
export const SHOW_WAIT_MS = 500;
/**
 * Immediate presents timed on software GL before deciding whether presenting waits (the
 * transfer of the frame alone: a 2-D canvas's first drawImage may make its GPU resource, which
 * is no raster wait): few, since
 * a paused dashboard presents once per view before training starts (and the first training
 * frame's present waited 77 ms where it waits, bench/dashboard).
 */
export const TIMED_PRESENTS = 2;
/**
 * Each of the timed presents over this (ms) means presenting waits for the raster: frames are
 * deferred. Measured here (whole presents, of which the transfer is the waiting part): 8.7 and
 * 15.7 ms composited in software, 0.1–0.6 ms on the GPU
 * (a margin for a busy machine, whose presents take longer by the wall clock).
 */
export const WAITING_PRESENT_MS = 2;

/** `auto`: defer where presenting is measured to wait; tests force either way. */
export type PresentMode = 'auto' | 'deferred' | 'immediate';

/** A view canvas's texture on the shared context, its frame copied there to be read back once drawn. */
interface Slot {
  gl: WebGLRenderingContext;
  /** DeferredPresents.generation when made: a context lost since took the texture with it */
  generation: number;
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  width: number;
  height: number;
  /** readPixels' rows (bottom-up) and the canvas's image (top-down) */
  pixels: Uint8Array;
  image: ImageData;
}

/** One view's frame waiting to be shown. */
interface Waiting {
  target: HTMLCanvasElement;
  slot: Slot;
  fence: GpuFence;
  /** the frame is on its canvas (or dropped): the view's waiters may go on */
  shown: () => void;
}

export class DeferredPresents {
  /** `auto` (default), or forced (tests) */
  mode: PresentMode = 'auto';
  /**
   * Draw phases' frames shown (diagnostics, benchmarks): once their fences signalled, after
   * SHOW_WAIT_MS without (the read-back waited), or flushed before a present at once; and, of
   * the first two, how many frames after the one they were drawn in (`after[1]`: the next).
   */
  readonly counts = { fenced: 0, late: 0, flushed: 0, after: [0, 0, 0, 0] };
  /** the frames drawn in one draw phase, waiting to be shown together */
  private readonly waiting: Waiting[] = [];
  /** frameScheduler.frames of the draw phase they were drawn in */
  private drawnIn = -1;
  /** performance.now() when the first of them was drawn */
  private since = 0;
  /** counts the context losses heard of (discard): older slots are dead */
  private generation = 0;
  /** per view canvas: its texture */
  private readonly slots = new WeakMap<HTMLCanvasElement, Slot>();
  /** per context: whether frames are deferred there (undefined: not known yet) */
  private readonly deferring = new WeakMap<WebGLRenderingContext, boolean>();
  /** per context: the immediate presents timed so far (ms) */
  private readonly timed = new WeakMap<WebGLRenderingContext, number[]>();
  /** whenShown's waiters */
  private readonly shownWaiters: (() => void)[] = [];

  constructor(
    /** once frames are shown: the views held back draw what they missed */
    private readonly resume: () => void,
    private readonly scheduler: FrameScheduler = frameScheduler,
  ) {}

  /**
   * Whether a view drawing on `gl` now should show its frame later (drawLater): presenting
   * waits there (or the mode says so) and the draw phase does not draw every view together.
   */
  wanted(gl: WebGLRenderingContext): boolean {
    if (this.mode === 'immediate' || this.scheduler.drawingTogether) return false;
    let deferring = this.deferring.get(gl);
    if (deferring === undefined) {
      const timed = this.timed.get(gl) ?? [];
      if (!softwareGl(gl) || gl.getExtension('EXT_disjoint_timer_query') === null) deferring = false;
      else if (timed.length >= TIMED_PRESENTS) deferring = Math.min(...timed) > WAITING_PRESENT_MS;
      if (deferring !== undefined) this.deferring.set(gl, deferring);
    }
    if (this.mode === 'deferred') return gl.getExtension('EXT_disjoint_timer_query') !== null;
    return deferring === true;
  }

  /**
   * Presents at once with `present`, which returns how long taking the frame waited (ms): timed
   * while it is not known whether presenting waits on `gl`.
   */
  presentNow(gl: WebGLRenderingContext, present: () => number): void {
    this.flush();
    const waited = present();
    if (this.deferring.has(gl) || this.scheduler.drawingTogether) return;
    const timed = this.timed.get(gl) ?? [];
    timed.push(waited);
    this.timed.set(gl, timed);
  }

  /** Whether frames drawn in an earlier draw phase wait to be shown: no WebGL view draws until they are. */
  get holding(): boolean {
    return this.waiting.length > 0 && this.drawnIn !== this.scheduler.frames;
  }

  /** Whether any drawn frame waits to be shown (its raster may still be running on the GPU). */
  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /** Resolves once no drawn frame waits to be shown (at once when none does). */
  whenShown(): Promise<void> {
    if (this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.shownWaiters.push(resolve));
  }

  /** How many draw phases' frames wait to be shown: 0 or 1 (diagnostics, tests). */
  get inFlight(): number {
    return this.waiting.length > 0 ? 1 : 0;
  }

  /**
   * Runs `draw` (a view's GL commands into the lower-left width×height of the shared drawing
   * buffer, cleared first), copies that into `target`'s texture, fences both, and shows the
   * frame on `target` (a 2-D canvas of width×height) with the others drawn in this draw phase
   * once the GPU has run them all; `shown` is called then. `use` puts the view's regl state
   * back on the context (after the clear). Returns false when it could not fence (call only
   * where wanted() says so): the frame was then shown at once, and `shown` is not called.
   */
  drawLater(
    gl: WebGLRenderingContext,
    use: () => void,
    draw: () => void,
    target: HTMLCanvasElement,
    shown: () => void,
  ): boolean {
    const { width, height } = target;
    const slot = this.slotFor(gl, target);
    clearBuffer(gl);
    use();
    const fence = fenceAround(gl, () => {
      draw();
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, slot.texture);
      gl.copyTexSubImage2D(gl.TEXTURE_2D, 0, 0, 0, 0, 0, width, height);
      gl.bindTexture(gl.TEXTURE_2D, null);
      sharedGl.forgetState();
    });
    if (!fence) {
      readInto(slot, target);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      return false;
    }
    if (this.waiting.length === 0) {
      this.drawnIn = this.scheduler.frames;
      this.since = performance.now();
      this.scheduler.requestCommit(this.check);
    }
    this.waiting.push({ target, slot, fence, shown });
    return true;
  }

  /** Shows every waiting frame now (what presents at once next must come after them). */
  flush(): void {
    if (this.waiting.length === 0) return;
    this.counts.flushed++;
    this.show();
  }

  /** Drops the waiting frames unshown (the context was lost: their canvases keep the last frame shown). */
  discard(): void {
    this.generation++;
    this.scheduler.cancel(this.check);
    for (const entry of this.waiting.splice(0)) {
      entry.fence.dispose();
      entry.shown();
    }
    this.settleShown();
  }

  /** `target` is given up (its view released its surface): its texture goes (a waiting frame is shown first). */
  forget(target: HTMLCanvasElement): void {
    const slot = this.slots.get(target);
    if (!slot) return;
    if (this.waiting.some((entry) => entry.target === target)) this.flush();
    this.slots.delete(target);
    if (slot.generation === this.generation) deleteSlot(slot);
  }

  /** At the start of each frame while frames wait: shows them once the GPU has run them all (or SHOW_WAIT_MS passed). */
  private readonly check = (): void => {
    if (this.waiting.length === 0) return;
    const done = this.waiting.every((entry) => entry.fence.done());
    if (!done && performance.now() - this.since < SHOW_WAIT_MS) {
      this.scheduler.requestCommit(this.check);
      return;
    }
    if (done) this.counts.fenced++;
    else this.counts.late++;
    const after = this.counts.after;
    after[Math.min(after.length - 1, this.scheduler.frames - this.drawnIn)]++;
    this.show();
    this.resume();
  };

  /** Shows the waiting frames, each on its canvas. */
  private show(): void {
    this.scheduler.cancel(this.check);
    let gl: WebGLRenderingContext | null = null;
    for (const { target, slot } of this.waiting) {
      // a canvas resized since (cleared, and redrawn at its new size) keeps what it has
      if (target.width !== slot.width || target.height !== slot.height || slot.gl.isContextLost()) continue;
      readInto(slot, target);
      gl = slot.gl;
    }
    if (gl) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      sharedGl.forgetState();
    }
    for (const entry of this.waiting.splice(0)) {
      entry.fence.dispose();
      entry.shown();
    }
    this.settleShown();
  }

  private settleShown(): void {
    for (const resolve of this.shownWaiters.splice(0)) resolve();
  }

  /**
   * `target`'s texture on `gl` at the canvas's size (made or remade as needed). No waiting
   * frame is in it: a view draws once a draw phase, and only once its last frame is shown.
   */
  private slotFor(gl: WebGLRenderingContext, target: HTMLCanvasElement): Slot {
    const { width, height } = target;
    const old = this.slots.get(target);
    const alive = old?.gl === gl && old.generation === this.generation;
    if (alive && old.width === width && old.height === height) return old;
    if (alive) deleteSlot(old);
    const slot = makeSlot(gl, this.generation, width, height);
    this.slots.set(target, slot);
    return slot;
  }
}

/** A texture of width×height on `gl` with a framebuffer to read it back through. */
function makeSlot(gl: WebGLRenderingContext, generation: number, width: number, height: number): Slot {
  const texture = gl.createTexture() as WebGLTexture;
  gl.activeTexture(gl.TEXTURE0);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.bindTexture(gl.TEXTURE_2D, null);
  const framebuffer = gl.createFramebuffer() as WebGLFramebuffer;
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  sharedGl.forgetState();
  return {
    gl,
    generation,
    texture,
    framebuffer,
    width,
    height,
    pixels: new Uint8Array(width * height * 4),
    image: new ImageData(width, height),
  };
}

/** The whole drawing buffer to transparent black, depth to far (what a transfer used to leave). */
function clearBuffer(gl: WebGLRenderingContext): void {
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.disable(gl.SCISSOR_TEST);
  gl.colorMask(true, true, true, true);
  gl.depthMask(true);
  gl.clearColor(0, 0, 0, 0);
  gl.clearDepth(1);
  gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
  sharedGl.forgetState();
}

/**
 * The slot's frame onto `target`: read back (rows bottom-up, straight alpha) and put on the
 * canvas top-down (putImageData takes straight alpha, as drawImage of the WebGL frame did).
 */
function readInto(slot: Slot, target: HTMLCanvasElement): void {
  const { gl, width, height, pixels, image } = slot;
  gl.bindFramebuffer(gl.FRAMEBUFFER, slot.framebuffer);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  const rowBytes = width * 4;
  const out = image.data;
  for (let y = 0; y < height; y++) {
    const from = (height - 1 - y) * rowBytes;
    out.set(pixels.subarray(from, from + rowBytes), y * rowBytes);
  }
  target.getContext('2d')?.putImageData(image, 0, 0);
}

function deleteSlot(slot: Slot): void {
  const { gl } = slot;
  if (gl.isContextLost()) return;
  gl.deleteFramebuffer(slot.framebuffer);
  gl.deleteTexture(slot.texture);
}

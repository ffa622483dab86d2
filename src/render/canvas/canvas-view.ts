// The lifecycle every view's canvas shares, kept out of the Lit elements: one canvas and one
// renderer per connection, sized to its box × devicePixelRatio, drawn by the views' shared rule
// (view-frames.ts: at most once per frame, in the page's one draw phase, only while visible),
// rebuilt after a lost WebGL context, and released on detach. No Lit here; the elements call
// attach/detach/requestDraw.
//
// No view canvas holds a WebGL context: a WebGL renderer gets a regl of its own on the page's
// one shared context (gl/shared-context.ts), draws into the lower-left corner of its drawing
// buffer, and the view copies that onto its own 2-D canvas after each frame. So a new view gets
// the sharing for free, and any number of views and elements use one of Chromium's 16 contexts.
// The canvas and renderer are made when the view first becomes visible, given back after
// RELEASE_AFTER_MS off-screen (mode `parked`: its GPU memory freed; the shared context goes
// once no view holds a renderer) and made again, with a redraw, when the view returns. A lost
// context not restored within RESTORE_TIMEOUT_MS (Chromium never restores one it evicted) is
// replaced by the CPU renderer.
//
// Making a WebGL renderer costs tens of milliseconds per piece on software GL (the page's
// context the first time, regl, then each shader program), so a view shown on-screen does not
// build it at once: its set-up runs as set-up tasks of the page's frame scheduler, one piece
// per frame page-wide (regl and renderer, then each piece the renderer's `first` phase names),
// and the view draws once they are done; the renderer's `idle` pieces follow in idle callbacks,
// and a provisional frame is redrawn when they are. Read-back (drawNow, wake) builds everything at once.
//
// Set-up and draws take turns on the GPU process (gpuTurn below): a set-up piece ends in a
// synchronous call (regl's limits, a compile status, a link), which waits for every command
// queued before it on the shared context. Measured on software GL behind a training dashboard's
// draws, that wait was 100–900 ms against 5–40 ms on a quiet queue. So while any view has a
// set-up piece due, the WebGL views draw nothing (each keeps showing its last frame), and a
// piece runs only at the start of a frame that follows one without WebGL draws. An idle piece
// (the map's full-quality program) waits for such a frame without holding anyone back (the
// views draw as before: training paused or done, or a frame with nothing new); only after
// IDLE_TURN_WAIT_MS without one (a long run at max speed) does it hold the draws for its turn.
//
// The last set-up turn draws a warm-up frame: the view's first frame, drawn and flushed but
// not presented, fenced by a timer query (gl/gpu-fence.ts). On software GL a program's first
// draw makes SwiftShader compile its pipeline, 20–70 ms per program here (a first frame of the
// map or the hidden space: 70–125 ms); the present that follows a draw waits for it, so the
// first frames' draw phase held 160–250 ms of script. Drawn ahead, the compile runs in the GPU
// process while the main thread goes on; the view waits (polling the fence each frame, never
// blocking) and draws its real first frame once it has run. Meanwhile no other set-up piece
// runs (gpuTurn.quiet: its synchronous calls would wait for the compile). Without a timer
// query (not every browser offers one) the first frame is drawn at once, as before.
import type REGL from 'regl';
import { canvasSize, observeSize } from './canvas-size';
import type { CanvasViewOptions, ViewMode } from './canvas-view-options';
import { WebglUnavailableError } from '../gl/create-regl';
import { fenceAround } from '../gl/gpu-fence';
import type { GpuFence } from '../gl/gpu-fence';
import { sharedGl } from '../gl/shared-context';
import { softwareGl } from '../gl/software-gl';
import type { SharedContextUser } from '../gl/shared-context';
import { frameScheduler } from './frame-scheduler';
import type { SurfaceRenderer } from './view-renderer';
import { DeferredPresents } from './deferred-present';
import { ViewFrames } from './view-frames';

/** Off-screen this long (ms), a view gives its canvas and renderer back. */
export const RELEASE_AFTER_MS = 2000;
/** A lost context not restored within this long (ms) is replaced by the CPU renderer. */
export const RESTORE_TIMEOUT_MS = 3000;
/** An idle set-up piece that found no frame without WebGL draws for this long (ms) holds them back. */
export const IDLE_TURN_WAIT_MS = 2000;
/** A warm-up frame whose fence has not signalled after this long (ms) is waited for no more. */
export const WARM_UP_WAIT_MS = 1000;
/**
 * viewsShown() waits for at most this many draw phases (each with its frames shown): a view held
 * over by the draw budget, or one that refines over frames, does not hold a batch back longer.
 */
const SHOWN_WITHIN_DRAW_PHASES = 4;

export type { CanvasViewOptions, ViewMode } from './canvas-view-options';

/** The page's WebGL views and the frame in which one of them last drew (set-up takes turns with draws). */
const gpuTurn = {
  views: new Set<CanvasView<SurfaceRenderer>>(),
  /** frameScheduler.frames during the last draw phase in which a WebGL view drew */
  drewIn: -Infinity,
  /** Whether a view's set-up piece waits for its turn: then no WebGL view draws. */
  setupDue(): boolean {
    for (const view of this.views) if (view.setupDue) return true;
    return false;
  },
  /**
   * Whether the last frame's draw phase drew nothing with WebGL, and no frame drawn earlier nor
   * any view's warm-up frame may still be running on the GPU (the queue is the set-up's own).
   */
  quiet(): boolean {
    if (this.drewIn >= frameScheduler.frames - 1 || presents.pending) return false;
    for (const view of this.views) if (view.warmingUp) return false;
    return true;
  },
  /** Whether a view on screen has an input it has not drawn yet (held over, or held back). */
  drawPending(): boolean {
    for (const view of this.views) if (view.frames.visible && view.frames.dirty) return true;
    return false;
  },
  /** A set-up piece ran: once none is due, the views held back draw what they missed. */
  resume(): void {
    if (this.setupDue() || presents.holding) return;
    for (const view of this.views) if (view.frames.dirty) view.frames.requestDraw();
  },
};

/**
 * The WebGL views' frames on software GL, shown once the GPU has run them (deferred-present.ts);
 * the views held back meanwhile draw once they are shown.
 */
export const presents = new DeferredPresents(() => gpuTurn.resume());

/**
 * Resolves once the page's views have drawn what is pending now and shown it: after the next
 * draw phase, and, where frames are shown later (deferred-present.ts), once they are. A lab's
 * training stream waits for it before taking the next batch (TrainerClientOptions.paceBatches):
 * a batch that arrived while the last one's frames still waited to be shown was drawn by no
 * WebGL view (they hold meanwhile), so about half the tutorial's batch frames drew every view.
 */
export async function viewsShown(): Promise<void> {
  for (let k = 0; k < SHOWN_WITHIN_DRAW_PHASES; k++) {
    await frameScheduler.afterDraw();
    await presents.whenShown();
    if (!gpuTurn.drawPending()) return;
  }
}

export class CanvasView<R extends SurfaceRenderer> implements SharedContextUser {
  canvas: HTMLCanvasElement | null = null;
  renderer: R | null = null;
  mode: ViewMode = 'none';
  /** when it draws: dirty flag, visibility, waiters and the page's draw phase */
  readonly frames = new ViewFrames({
    draw: () => {
      const renderer = this.renderer as R;
      const { regl, canvas } = this;
      if (!regl || !canvas) {
        this.options.draw(renderer);
      } else {
        gpuTurn.drewIn = frameScheduler.frames;
        const gl = regl._gl;
        // a training frame where presenting waits: shown once the GPU has run it (deferred-present.ts)
        if (!this.forcing && presents.wanted(gl)) {
          if (presents.drawLater(gl, this.beginFrame, this.drawFrame, canvas, this.shownNow)) this.frames.showLater();
        } else {
          // what must be on screen now comes after what waits
          presents.flush();
          this.beginFrame();
          this.drawFrame();
          if (this.regl === regl) presents.presentNow(gl, this.presentFrame);
        }
      }
      if (renderer.refining) return 'more';
      return !renderer.provisional;
    },
    gpuCost: () => this.renderer?.expectedGpuMs?.() ?? 0,
    // a WebGL view waits while a set-up piece waits for its turn, unless read-back wants the frame now
    // … and while the frames drawn in an earlier frame wait to be shown
    canDraw: () =>
      this.renderer !== null && (this.mode !== 'webgl' || this.forcing || (!gpuTurn.setupDue() && !presents.holding)),
    preparing: () =>
      this.staged !== null || this.setupDue || (this.renderer !== null && (gpuTurn.setupDue() || presents.holding)),
  });
  /** why the view draws without WebGL (the last attempt), if it does */
  failure: unknown = null;
  /** CSS size of the canvas box */
  cssWidth = 0;
  cssHeight = 0;
  private attached = false;
  private forceFallback = false;
  /** WebGL could not be made at all (not lost): returning from off-screen does not try again */
  private webglFailed = false;
  private releaseTimer = 0;
  private restoreTimer = 0;
  private observer: ResizeObserver | null = null;
  private pixelSize: [number, number, number] = [1, 1, 1];
  /** a WebGL renderer whose `first` set-up pieces are still being built (mode stays `parked`) */
  private staged: R | null = null;
  /** the WebGL renderer's (or the staged one's) regl on the shared context */
  private regl: REGL.Regl | null = null;
  /** a frame drawn now for read-back or after a resize, set-up or not */
  private forcing = false;
  /** when the idle piece now waiting for its turn began to wait (performance.now()) */
  private idleWaitSince = 0;
  /** whether the staged renderer's `first` pieces are all built (its warm-up frame is next) */
  private firstBuilt = false;
  /** the staged renderer's warm-up frame, issued and not known to have run yet */
  private warmUp: { fence: GpuFence; since: number } | null = null;

  constructor(private readonly options: CanvasViewOptions<R>) {}

  // A WebGL frame's steps (made once: a closure per draw would be an allocation per view and frame).
  /** the shared drawing buffer sized for this view, its regl's state on the context */
  private readonly beginFrame = (): void => {
    const canvas = this.canvas as HTMLCanvasElement;
    sharedGl.beginDraw(this.regl as REGL.Regl, canvas.width, canvas.height);
  };
  /** the renderer's GL commands */
  private readonly drawFrame = (): void => {
    this.options.draw(this.renderer as R);
  };
  /** what was drawn, onto this view's canvas at once */
  private readonly presentFrame = (): number => {
    const canvas = this.canvas as HTMLCanvasElement;
    return sharedGl.present(canvas, canvas.width, canvas.height);
  };

  /** A frame this view drew is on its canvas (deferred-present.ts). */
  private readonly shownNow = (): void => {
    this.frames.shownNow();
  };

  /** frames drawn since construction (diagnostics and tests) */
  get drawCount(): number {
    return this.frames.drawCount;
  }

  /**
   * Whether a WebGL set-up piece of this view waits for its turn (a frame after one without
   * WebGL draws) and holds the draws back meanwhile: a `first` piece, or an idle one overdue.
   */
  get setupDue(): boolean {
    if (frameScheduler.isPending(this.setupTask)) return true;
    const overdue = performance.now() - this.idleWaitSince >= IDLE_TURN_WAIT_MS;
    return overdue && frameScheduler.isPending(this.idleSetupTask);
  }

  /** Whether the view's warm-up frame was issued and may still be running on the GPU. */
  get warmingUp(): boolean {
    return this.warmUp !== null;
  }

  /** Whether every set-up piece of the renderer is built, the idle ones too (diagnostics and tests). */
  get setupComplete(): boolean {
    if (this.renderer === null || this.staged !== null) return false;
    return ![this.setupTask, this.idleTask, this.idleSetupTask].some((task) => frameScheduler.isPending(task));
  }

  /** Starts measuring the container; the canvas follows once visible. `forceFallback` skips WebGL. */
  attach(forceFallback = false): void {
    if (this.attached) return;
    this.attached = true;
    gpuTurn.views.add(this as CanvasView<SurfaceRenderer>);
    this.forceFallback = forceFallback;
    this.webglFailed = false;
    this.failure = null;
    this.frames.invalidate();
    this.observer = observeSize(this.options.container, this.onResize);
    this.setMode('parked');
    if (this.frames.visible) this.showSurface();
  }

  /** Destroys the renderer, releases the WebGL context and removes the canvas. */
  detach(): void {
    this.attached = false;
    this.frames.cancel();
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = 0;
    this.observer?.disconnect();
    this.observer = null;
    this.releaseSurface();
    this.setMode('none');
    this.frames.settle();
    gpuTurn.views.delete(this as CanvasView<SurfaceRenderer>);
    gpuTurn.resume();
  }

  /** Gives the canvas and renderer up now; made again when visible or on drawNow(). */
  release(): void {
    if (!this.attached || (this.mode === 'parked' && !this.canvas)) return;
    this.frames.cancel();
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = 0;
    this.releaseSurface();
    this.frames.invalidate();
    this.setMode('parked');
    this.frames.settle();
  }

  /** On-screen: a canvas (made if parked) and a pending frame. Off-screen: released after RELEASE_AFTER_MS. */
  setVisible(visible: boolean): void {
    // off-screen: nothing is drawn, so nobody waits for a frame that may never come
    this.frames.setVisible(visible);
    if (!visible) {
      if (this.canvas) this.armRelease();
      return;
    }
    window.clearTimeout(this.releaseTimer);
    this.releaseTimer = 0;
    if (this.attached && this.mode === 'parked') this.showSurface();
  }

  /** Asks for a frame: drawn in the page's next draw phase if visible, else once it is. */
  requestDraw(): void {
    this.frames.requestDraw();
  }

  /** Draws now if anything is pending, visible or not (snapshots, read-back, benchmarks). */
  drawNow(): void {
    this.wake();
    this.drawForced();
  }

  /** The renderer, made now and completely if the view is parked or its set-up is under way (read-back). */
  wake(): R | null {
    if (this.attached && this.mode === 'parked') {
      frameScheduler.cancel(this.setupTask);
      if (!this.staged) this.createSurface();
      if (this.staged) this.finishStaged();
      if (!this.frames.visible) this.armRelease();
      gpuTurn.resume();
    }
    this.finishIdle();
    if (this.regl && this.mode === 'webgl') sharedGl.use(this.regl);
    return this.renderer;
  }

  /**
   * Resolves after the next frame is drawn; at once when nothing is pending or nothing will be
   * drawn soon (off-screen, context lost, parked, detached). Pending waiters are settled when
   * the view goes off-screen, loses its context, parks or detaches.
   */
  whenDrawn(): Promise<void> {
    return this.frames.whenDrawn();
  }

  /**
   * One set-up piece per frame: the canvas with its context and renderer, then each `first`
   * piece of the renderer, then the warm-up frame; once the GPU has run that, the view draws.
   * Off-screen meanwhile, it waits (setVisible asks again).
   */
  private readonly setupTask = (): void => {
    if (this.attached && this.mode === 'parked' && this.frames.visible) {
      if (this.warmUp) {
        // the warm-up frame's compile runs in the GPU process: asked each frame, never waited for
        if (this.warmUp.fence.done() || performance.now() - this.warmUp.since >= WARM_UP_WAIT_MS) this.useStaged();
        else frameScheduler.requestSetup(this.setupTask);
      } else if (!gpuTurn.quiet()) {
        frameScheduler.requestSetup(this.setupTask);
        return;
      } else if (!this.staged && (sharedGl.warming || sharedGl.makeContext())) {
        // the page's context alone, the first time: it costs the most (after a worker's warm-up)
        frameScheduler.requestSetup(this.setupTask);
      } else {
        if (!this.staged) this.createSurface();
        // the warm-up frame in a turn of its own: a piece's link and the frame's compiles add up
        else if (this.firstBuilt) this.beginWarmUp(this.staged);
        else this.firstBuilt = !this.prepare(this.staged, 'first');
        if (this.staged) frameScheduler.requestSetup(this.setupTask);
      }
    }
    gpuTurn.resume();
  };

  /**
   * The staged renderer's first frame, drawn and flushed but not presented, fenced: its
   * pipelines compile on the GPU process's clock (see the top of this file). Without a fence
   * (no timer query) or when the draw throws, the renderer is used at once.
   */
  private beginWarmUp(renderer: R): void {
    const { regl, canvas } = this;
    let fence: GpuFence | null = null;
    if (regl && canvas) {
      renderer.resize(...this.pixelSize);
      sharedGl.beginDraw(regl, canvas.width, canvas.height);
      gpuTurn.drewIn = frameScheduler.frames;
      try {
        fence = fenceAround(regl._gl, () => this.options.draw(renderer));
      } catch {
        // the real first draw throws it again, and the page's scheduler reports it
      }
    }
    if (fence && this.staged === renderer) this.warmUp = { fence, since: performance.now() };
    else {
      fence?.dispose();
      if (this.staged === renderer) this.useStaged();
    }
  }

  /** Forgets the warm-up frame (run, given up on, or its renderer gone). */
  private endWarmUp(): void {
    this.warmUp?.fence.dispose();
    this.warmUp = null;
  }

  /** Visible and parked: the CPU renderer at once (cheap), or the staged WebGL set-up. */
  private showSurface(): void {
    if (this.forceFallback || this.webglFailed) this.createSurface();
    else frameScheduler.requestSetup(this.setupTask);
  }

  /** The idle pieces begin after an idle callback; each is built in a set-up turn of its own (idleSetupTask). */
  private readonly idleTask = (): void => {
    if (this.mode !== 'webgl' || !this.renderer) return;
    this.idleWaitSince = performance.now();
    frameScheduler.requestSetup(this.idleSetupTask);
  };

  /**
   * An idle piece in its turn, then the next one in a turn of its own (the page was idle once:
   * the rest follow without waiting for idle callbacks again); the provisional frame is redrawn
   * once they are all built.
   */
  private readonly idleSetupTask = (): void => {
    const renderer = this.renderer;
    if (this.mode === 'webgl' && renderer) {
      if (!gpuTurn.quiet()) {
        frameScheduler.requestSetup(this.idleSetupTask);
        return;
      }
      // the next piece's wait for a quiet frame counts from the idle callback: after
      // IDLE_TURN_WAIT_MS (a long run at max speed) the rest hold the draws for their turns
      if (this.prepare(renderer, 'idle')) frameScheduler.requestSetup(this.idleSetupTask);
      else if (renderer.provisional) this.frames.requestDraw();
    }
    gpuTurn.resume();
  };

  /** The staged renderer draws: its `first` pieces are built; the `idle` ones follow. */
  private useStaged(): void {
    const renderer = this.staged as R;
    this.staged = null;
    this.endWarmUp();
    this.useRenderer(renderer, 'webgl');
    if (renderer.prepare) frameScheduler.requestIdle(this.idleTask);
  }

  /** Builds the staged renderer's remaining `first` pieces now, and uses it. */
  private finishStaged(): void {
    while (this.staged && this.prepare(this.staged, 'first'));
    if (this.staged) this.useStaged();
  }

  /** One set-up piece of `phase` on the shared context; whether more remain. */
  private prepare(renderer: R, phase: 'first' | 'idle'): boolean {
    if (!renderer.prepare) return false;
    if (this.regl) sharedGl.use(this.regl);
    return renderer.prepare(phase);
  }

  /** Builds the renderer's remaining `idle` pieces now (read-back wants the best frame). */
  private finishIdle(): void {
    const renderer = this.renderer;
    const pending = frameScheduler.isPending(this.idleTask) || frameScheduler.isPending(this.idleSetupTask);
    if (this.mode !== 'webgl' || !renderer?.prepare || !pending) return;
    frameScheduler.cancel(this.idleTask);
    frameScheduler.cancel(this.idleSetupTask);
    while (this.prepare(renderer, 'idle'));
    if (renderer.provisional) this.frames.invalidate();
    gpuTurn.resume();
  }

  /**
   * A canvas and a renderer: WebGL unless forced or failing (staged: built by setupTask, or at
   * once by wake()), else the fallback, used at once.
   */
  private createSurface(): void {
    const canvas = this.newCanvas();
    if (!this.forceFallback && !this.webglFailed) {
      this.failure = null;
      this.staged = this.createWebgl();
      this.firstBuilt = false;
      if (this.staged) return;
      // a context lost a moment ago may come back: the view tries again when it returns
      const lost = this.failure instanceof WebglUnavailableError && this.failure.reason === 'lost';
      this.webglFailed = !lost;
    }
    this.useFallback(canvas);
  }

  /** A regl on the shared context and the WebGL renderer on it; null (and `failure`) if either fails. */
  private createWebgl(): R | null {
    const regl = this.tryCreate(() => sharedGl.createRegl(this));
    if (!regl) return null;
    this.regl = regl;
    // asked now, with regl's own synchronous calls, not after the warm-up frame's draws
    softwareGl(regl._gl);
    const renderer = this.tryCreate(() => this.options.createWebgl(regl));
    if (!renderer) this.dropRegl();
    return renderer;
  }

  /** Destroys the regl (what the renderer left on the GPU) and lets go of the shared context. */
  private dropRegl(): void {
    const regl = this.regl;
    this.regl = null;
    regl?.destroy();
    sharedGl.leave(this);
  }

  private useFallback(canvas: HTMLCanvasElement): void {
    const create = this.options.createFallback;
    const renderer = create ? this.tryCreate(() => create(canvas)) : null;
    this.useRenderer(renderer, 'fallback');
  }

  private useRenderer(renderer: R | null, mode: 'webgl' | 'fallback'): void {
    renderer?.resize(...this.pixelSize);
    this.renderer = renderer;
    this.setMode(renderer ? mode : 'none');
    this.requestDraw();
  }

  /** Destroys the renderer, its regl and the canvas; leaves the mode to the caller. */
  private releaseSurface(): void {
    const { canvas, renderer, staged } = this;
    window.clearTimeout(this.restoreTimer);
    this.restoreTimer = 0;
    frameScheduler.cancel(this.setupTask);
    frameScheduler.cancel(this.idleTask);
    frameScheduler.cancel(this.idleSetupTask);
    this.endWarmUp();
    this.staged = null;
    staged?.destroy();
    renderer?.destroy();
    if (canvas) presents.forget(canvas);
    this.dropRegl();
    canvas?.remove();
    this.canvas = null;
    this.renderer = null;
    gpuTurn.resume();
  }

  private armRelease(): void {
    if (this.releaseTimer) return;
    this.releaseTimer = window.setTimeout(() => {
      this.releaseTimer = 0;
      if (!this.frames.visible) this.release();
    }, RELEASE_AFTER_MS);
  }

  private tryCreate<T>(create: () => T): T | null {
    try {
      return create();
    } catch (err) {
      this.failure = err;
      return null;
    }
  }

  private newCanvas(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    // a 2-D canvas from the start, whichever renderer draws it and whenever its first frame is shown
    canvas.getContext('2d');
    this.options.decorate?.(canvas);
    [canvas.width, canvas.height] = this.pixelSize;
    this.options.container.append(canvas);
    this.canvas = canvas;
    return canvas;
  }

  private setMode(mode: ViewMode): void {
    this.mode = mode;
    this.options.onModeChange?.(mode);
  }

  private readonly onResize = (entries: ResizeObserverEntry[]): void => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const { cssWidth, cssHeight, width, height, pixelRatio } = canvasSize(
      entry,
      this.options.maxPixelRatio,
      this.options.maxCanvasSide,
    );
    this.cssWidth = cssWidth;
    this.cssHeight = cssHeight;
    this.options.onResize?.(cssWidth, cssHeight);
    const canvas = this.canvas;
    if (width === this.pixelSize[0] && height === this.pixelSize[1] && (!canvas || canvas.width === width)) return;
    // remembered while parked too: the next canvas starts at the right size
    this.pixelSize = [width, height, pixelRatio];
    if (!canvas) return;
    canvas.width = width;
    canvas.height = height;
    this.renderer?.resize(width, height, pixelRatio);
    // resizing cleared the canvas; observers run before paint, so redraw in this frame (with
    // what is built: a resize never hurries the set-up)
    this.frames.invalidate();
    if (this.frames.visible) this.drawForced();
  };

  /** Draws a pending frame now, even while a set-up piece waits for its turn (read-back, a cleared canvas). */
  private drawForced(): void {
    this.forcing = true;
    try {
      this.frames.drawNow();
    } finally {
      this.forcing = false;
    }
  }

  /** The shared context was lost: the renderer goes (its regl is dead); the last frame stays shown. */
  contextLost(): void {
    // the frames drawn before the loss are gone with it; the canvases keep what they show
    presents.discard();
    this.frames.cancel();
    frameScheduler.cancel(this.setupTask);
    frameScheduler.cancel(this.idleTask);
    frameScheduler.cancel(this.idleSetupTask);
    this.renderer?.destroy();
    this.renderer = null;
    this.endWarmUp();
    this.staged?.destroy();
    this.staged = null;
    // dead with the context; still a user of it, to hear of the restore
    this.regl?.destroy();
    this.regl = null;
    this.frames.invalidate();
    this.setMode('lost');
    this.frames.settle();
    // off-screen: a fresh renderer when the view returns beats waiting for this one
    if (!this.frames.visible) {
      this.release();
      return;
    }
    window.clearTimeout(this.restoreTimer);
    this.restoreTimer = window.setTimeout(() => {
      this.restoreTimer = 0;
      if (this.mode === 'lost') this.fallBack(new WebglUnavailableError('lost', 'the context was not restored'));
    }, RESTORE_TIMEOUT_MS);
  }

  /** The shared context is back: the renderer anew, at once (the view is on-screen and waited). */
  contextRestored(): void {
    if (!this.canvas || this.mode !== 'lost') return;
    window.clearTimeout(this.restoreTimer);
    this.restoreTimer = 0;
    this.staged = this.createWebgl();
    if (this.staged) this.finishStaged();
    else this.fallBack(new WebglUnavailableError('lost', 'the restored context failed'));
  }

  /** The context is gone for good: draw on the CPU, on a fresh canvas (with the notice). */
  private fallBack(reason: WebglUnavailableError): void {
    this.releaseSurface();
    this.failure = reason;
    this.useFallback(this.newCanvas());
  }
}

// When a view draws, the rule every view shares (the canvas views through CanvasView, the cost
// curve directly): an input change only marks the view dirty and joins the page's next draw
// phase (frame-scheduler.ts); the view draws there at most once per frame, only while visible
// and able to draw (a renderer, a chart), and catches up once when it becomes so again.
import { frameScheduler } from './frame-scheduler';
import type { FrameScheduler } from './frame-scheduler';

export interface ViewFramesOptions {
  /**
   * Draws one frame; called only while canDraw(). Returns false for a provisional frame (a
   * better one follows once the view asks for it): the view stays dirty and its waiters wait;
   * `'more'` for one step of a frame drawn over several (the next step is drawn in the next
   * frame, and waiters wait for the last).
   */
  draw(): boolean | 'more' | void;
  /** What the next draw is expected to cost the GPU (ms), for the page's draw budget (FrameScheduler). */
  gpuCost?(): number;
  /** whether there is something to draw with (a renderer, a chart) */
  canDraw(): boolean;
  /** whether something to draw with is being made (a staged WebGL set-up); waiters wait for it */
  preparing?(): boolean;
}

/** drawNow() draws at most this many steps of a frame drawn over several */
const MAX_STEPS = 1000;

export class ViewFrames {
  /** frames drawn since construction (diagnostics and tests) */
  drawCount = 0;
  private pending = true;
  private shown = false;
  /** waiting for the next frame to be drawn (and shown) */
  private waiters: (() => void)[] = [];
  /**
   * the last frame drawn is not on screen yet (showLater; one at a time: a view draws again only
   * once it is shown, deferred-present.ts)
   */
  private showing = false;
  /** waiting for that frame to be shown */
  private showWaiters: (() => void)[] = [];

  constructor(
    private readonly options: ViewFramesOptions,
    private readonly scheduler: FrameScheduler = frameScheduler,
  ) {}

  /** Whether the view is on-screen in a visible document. */
  get visible(): boolean {
    return this.shown;
  }

  /** Whether an input changed since the last frame was drawn. */
  get dirty(): boolean {
    return this.pending;
  }

  /** On-screen: a pending frame joins the next draw phase. Off-screen: nobody waits for one. */
  setVisible(visible: boolean): void {
    this.shown = visible;
    if (visible) this.schedule();
    else this.settle();
  }

  /** An input changed: drawn in the next draw phase if visible, else once it is. */
  requestDraw(): void {
    this.pending = true;
    this.schedule();
  }

  /** Marks the view dirty without asking for a frame (the caller draws, or will ask). */
  invalidate(): void {
    this.pending = true;
  }

  /**
   * Draws now if anything is pending and something can draw, visible or not; a frame drawn over
   * several is drawn to its end.
   */
  drawNow(): void {
    this.cancel();
    if (!this.pending) return;
    for (let step = 0; step < MAX_STEPS && this.render() === 'more'; step++);
  }

  /** Leaves the next draw phase (a detached or parked view). */
  cancel(): void {
    this.scheduler.cancel(this.drawTask);
  }

  /**
   * Called by draw(): the frame it drew is shown later (a deferred present), not when draw()
   * returns; whenDrawn() waits until shownNow() says it is on screen.
   */
  showLater(): void {
    this.showing = true;
  }

  /** The frame drawn with showLater() is on screen: whoever waited for it goes on. */
  shownNow(): void {
    this.showing = false;
    for (const resolve of this.showWaiters.splice(0)) resolve();
  }

  /**
   * Resolves after the next (not provisional) frame is drawn and on screen; at once when nothing
   * is pending or nothing will be drawn soon (off-screen, or nothing to draw with nor being
   * made). Waiters are settled by settle().
   */
  whenDrawn(): Promise<void> {
    const coming = this.showing || this.options.canDraw() || (this.options.preparing?.() ?? false);
    if ((!this.pending && !this.showing) || !this.shown || !coming) return Promise.resolve();
    // nothing new to draw: the frame drawn is the one to wait for
    const queue = this.pending ? this.waiters : this.showWaiters;
    return new Promise((resolve) => queue.push(resolve));
  }

  /** Resolves every waiter: the frame they wait for will not come soon. */
  settle(): void {
    for (const resolve of this.showWaiters.splice(0)) resolve();
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private schedule(): void {
    if (this.pending && this.shown && this.options.canDraw()) this.scheduler.requestDraw(this.drawTask, this.gpuCost);
  }

  private readonly gpuCost = (): number => this.options.gpuCost?.() ?? 0;

  private readonly drawTask = (): void => {
    if (this.pending && this.shown) this.render();
  };

  private render(): boolean | 'more' {
    if (!this.options.canDraw()) return false;
    this.pending = false;
    const result = this.options.draw();
    this.drawCount++;
    if (result === 'more') {
      this.pending = true;
      // drawn in the next frame (a draw asked for in the draw phase waits for it)
      this.schedule();
      return 'more';
    }
    // asked for again by the view once the better frame can be drawn
    if (result === false) this.pending = true;
    // a frame shown later settles its waiters then (shownNow)
    else if (this.showing) this.showWaiters.push(...this.waiters.splice(0));
    else this.settle();
    return result !== false;
  }
}

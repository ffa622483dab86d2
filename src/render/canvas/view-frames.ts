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
  private waiters: (() => void)[] = [];

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
   * Resolves after the next (not provisional) frame is drawn; at once when nothing is pending or
   * nothing will be drawn soon (off-screen, or nothing to draw with nor being made). Waiters
   * are settled by settle().
   */
  whenDrawn(): Promise<void> {
    const coming = this.options.canDraw() || (this.options.preparing?.() ?? false);
    if (!this.pending || !this.shown || !coming) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves every waiter: the frame they wait for will not come soon. */
  settle(): void {
    if (this.waiters.length === 0) return;
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
    if (result !== false) this.settle();
    // asked for again by the view once the better frame can be drawn
    else this.pending = true;
    return result !== false;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunSnapshot } from '../client/trainer-client';

/** While a run trains, the worded figures change at most once in this long (ms). */
export const READOUT_INTERVAL_MS = 100;

/** What the worded figures show: the run as it was when they last changed, and its speed then. */
export interface Readout {
  readonly run: Readonly<RunSnapshot>;
  /** iterations per second then */
  readonly rate: number;
}

/**
 * The pace of the element's worded figures (the status line, the timeline's readout, the cost
 * curve's readout through its `readoutIteration`): while
 * the run trains they change at most every READOUT_INTERVAL_MS, with the views still drawing
 * every batch. Digits that change 60 times a second cannot be read, and each change repaints
 * text: on software compositing the status line and the timeline readout, changing together at
 * the two ends of the element, cost the compositor 3.5 ms a frame (bench/diag). Any other
 * change (the run pauses, ends, steps, resets, a new run) shows at once, and a figure held back
 * is shown when its interval is over even if no batch follows.
 */
export class ReadoutPace implements ReactiveController {
  private shown: Readout | null = null;
  private shownAt = -Infinity;
  private timer = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    window.clearTimeout(this.timer);
    this.timer = 0;
  }

  /** What the worded figures show for `run`, whose speed is `rate` (called while rendering). */
  figures(run: Readonly<RunSnapshot>, rate: number): Readout {
    const now = performance.now();
    const last = this.shown;
    const wait = READOUT_INTERVAL_MS - (now - this.shownAt);
    const held =
      last !== null &&
      wait > 0 &&
      run.state === 'running' &&
      last.run.state === 'running' &&
      last.run.runId === run.runId &&
      last.run.config === run.config &&
      last.run.iteration <= run.iteration;
    if (held) {
      if (last.run.iteration !== run.iteration) this.showLater(wait);
      return last;
    }
    // the snapshot is rewritten in place as batches arrive: keep the figures of this one
    this.shown = { run: { ...run }, rate };
    this.shownAt = now;
    return this.shown;
  }

  private showLater(ms: number): void {
    if (this.timer) return;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.host.requestUpdate();
    }, ms);
  }
}

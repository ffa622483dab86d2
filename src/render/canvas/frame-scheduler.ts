// The page's one frame scheduler (uPlot's habit): setters only mark work as due and ask for a
// frame; each animation frame then runs, once, every task that asked for it, in two phases:
//
//   1. commit: state → views (an element hands its latest run snapshot to its views; the Lit
//      updates that causes run as microtasks right after the commit phase);
//   2. draw: every view that was marked dirty, by the commit or since the last frame, draws.
//
// Both phases are requested together as two requestAnimationFrame callbacks. Callbacks
// requested before a frame all run in that frame, in order, with a microtask checkpoint after
// each, so the Lit updates a commit causes have landed when the draw phase starts: a batch that
// arrives before a frame is drawn in that frame, never one frame later. A task asked for while
// its phase of the current frame has already run waits for the next frame.
//
// Set-up work (a view's WebGL context, regl, a shader program) costs tens of milliseconds on
// software GL, most of it a synchronous wait on the GPU process, so it never runs in bulk:
// set-up tasks wait in one page-wide queue and one of them runs per animation frame, first in
// the frame, before the commit phase: then the GPU process has finished the last frame's draws
// and the wait is the task's own (after this frame's draws it would wait for them too). Work
// that can wait longer (the map's full-quality program) runs in idle callbacks, one task per
// callback, with a timeout so it also happens on a page that is never idle.

/** A unit of per-frame work; the same function asked for twice before its frame runs once. */
export type FrameTask = () => void;

type Phase = 'idle' | 'scheduled' | 'committed' | 'drawing';

export interface FrameSchedulerOptions {
  /** asks for an animation frame; default requestAnimationFrame */
  raf?: (callback: FrameRequestCallback) => number;
  /** hears what a task threw (the others run on); default: rethrown in a microtask, so it reaches window.onerror */
  reportError?: (error: unknown) => void;
  /** asks for an idle callback; default requestIdleCallback with IDLE_TIMEOUT_MS (setTimeout where missing) */
  idle?: (callback: () => void) => void;
}

/** An idle task runs at the latest this long (ms) after it was asked for, idle or not. */
export const IDLE_TIMEOUT_MS = 500;

export class FrameScheduler {
  /** animation frames that ran a draw phase (diagnostics, tests) */
  frames = 0;
  // pending tasks, and the set a phase is running: swapped per frame, so no frame allocates
  private commits = new Set<FrameTask>();
  private draws = new Set<FrameTask>();
  private running = new Set<FrameTask>();
  // set-up and idle tasks, first asked first run (a Set keeps insertion order)
  private readonly setups = new Set<FrameTask>();
  private readonly idles = new Set<FrameTask>();
  private idleAsked = false;
  private phase: Phase = 'idle';
  private readonly raf: (callback: FrameRequestCallback) => number;
  private readonly idle: (callback: () => void) => void;
  private readonly reportError: (error: unknown) => void;

  constructor({
    raf = (cb) => requestAnimationFrame(cb),
    idle = requestIdle,
    reportError = rethrowLater,
  }: FrameSchedulerOptions = {}) {
    this.raf = raf;
    this.idle = idle;
    this.reportError = reportError;
  }

  /** Runs `task` in the commit phase of the next frame (this one's, if its commit is still to come). */
  requestCommit(task: FrameTask): void {
    this.commits.add(task);
    this.ensureFrame();
  }

  /** Runs `task` in the draw phase of the next frame (this one's, if its draw is still to come). */
  requestDraw(task: FrameTask): void {
    this.draws.add(task);
    this.ensureFrame();
  }

  /**
   * Runs `task` at the start of a coming frame (this one's, if its commit is still to come), one
   * set-up task per frame page-wide, in the order asked for: what several views set up at once
   * is spread over as many frames. A draw it asks for runs in the same frame.
   */
  requestSetup(task: FrameTask): void {
    this.setups.add(task);
    this.ensureFrame();
  }

  /** Runs `task` in an idle callback (at the latest after IDLE_TIMEOUT_MS), one task per callback. */
  requestIdle(task: FrameTask): void {
    this.idles.add(task);
    this.ensureIdle();
  }

  /** Forgets `task` wherever it waits (a detached view, a disconnected element). */
  cancel(task: FrameTask): void {
    this.commits.delete(task);
    this.draws.delete(task);
    this.setups.delete(task);
    this.idles.delete(task);
  }

  /** Set-up and idle tasks still waiting (diagnostics, tests). */
  get pendingSetup(): number {
    return this.setups.size + this.idles.size;
  }

  /** Whether `task` waits for a frame or an idle callback. */
  isPending(task: FrameTask): boolean {
    return this.commits.has(task) || this.draws.has(task) || this.setups.has(task) || this.idles.has(task);
  }

  /**
   * Resolves after the next draw phase (this frame's, if it is still to come): every draw asked
   * for before it has run. For tests and benchmarks, which wait for frames without a rAF of their own.
   */
  afterDraw(): Promise<void> {
    return new Promise((resolve) => this.requestDraw(() => resolve()));
  }

  private ensureFrame(): void {
    // 'committed' and 'drawing': runCommits or runDraws ends by asking for the next frame
    if (this.phase !== 'idle') return;
    this.phase = 'scheduled';
    this.raf(this.runCommits);
    this.raf(this.runDraws);
  }

  private readonly runCommits = (): void => {
    this.runFirst(this.setups);
    const tasks = this.running;
    this.running = this.commits;
    this.commits = tasks;
    this.phase = 'committed';
    this.running.forEach(this.runSafely);
    this.running.clear();
  };

  private readonly runDraws = (): void => {
    const tasks = this.running;
    this.running = this.draws;
    this.draws = tasks;
    this.phase = 'drawing';
    this.running.forEach(this.runSafely);
    this.running.clear();
    this.frames++;
    this.phase = 'idle';
    if (this.commits.size > 0 || this.draws.size > 0 || this.setups.size > 0) this.ensureFrame();
  };

  private readonly runIdle = (): void => {
    this.idleAsked = false;
    this.runFirst(this.idles);
    this.ensureIdle();
  };

  private ensureIdle(): void {
    if (this.idleAsked || this.idles.size === 0) return;
    this.idleAsked = true;
    this.idle(this.runIdle);
  }

  /** Takes the first task out of `queue` (it may ask to be queued again) and runs it. */
  private runFirst(queue: Set<FrameTask>): void {
    for (const task of queue) {
      queue.delete(task);
      this.runSafely(task);
      return;
    }
  }

  /** One failing task must not stop the others or the scheduler. */
  private readonly runSafely = (task: FrameTask): void => {
    try {
      task();
    } catch (err) {
      this.reportError(err);
    }
  };
}

function requestIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(callback, 0);
}

function rethrowLater(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}

/** The page's scheduler: every element and view on the page commits and draws through it. */
export const frameScheduler = new FrameScheduler();

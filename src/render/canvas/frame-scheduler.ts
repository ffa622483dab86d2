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
// and the wait is the task's own (after this frame's draws it would wait for them too). A frame
// whose first task was page work after a paint (components/after-paint.ts: an element's first
// render, a worker's start) runs no set-up task (holdSetup), and a set-up task's script time is
// the first spent of the draw phase's budget: a frame holds one costly piece, not several. Work
// that can wait longer (the map's full-quality program) runs in idle callbacks, one task per
// callback, with a timeout so it also happens on a page that is never idle. whenSetUp() says
// when no set-up task waits (autoplay starts the run then, not while the views are set up).
//
// The draw phase keeps budgets (drawBudgetMs) of script time and of estimated GPU time: the
// scheduler measures each draw task's script time (a moving average) and asks the view for its
// GPU estimate (software GL rasterises on the CPU, after the script that asked for it), and runs
// the dirty tasks in turn, first those held over from the last frame, while both sums stay within
// the budget. The first always runs, so a view that costs more than the budget draws alone, and
// the views it would have shared the frame with draw first in the next one. Views that fit
// together (the tutorial's) all draw in the frame their batch arrived in.

/** A unit of per-frame work; the same function asked for twice before its frame runs once. */
export type FrameTask = () => void;

/** What one animation frame ran (FrameScheduler.onFrame; one object, rewritten each frame). */
export interface FrameStats {
  /** the frame's number (FrameScheduler.frames before it) */
  frame: number;
  /** commit tasks run (an element's new batch or state) */
  commits: number;
  /** script time of the set-up task and the commit phase (ms) */
  commitMs: number;
  /** draw tasks run */
  drawn: number;
  /** dirty draw tasks held over to the next frame by the budget */
  deferred: number;
  /** script time of the draw phase (ms) */
  drawMs: number;
  /** the GPU time the drawn tasks estimated (ms) */
  gpuMs: number;
}

type Phase = 'idle' | 'scheduled' | 'committed' | 'drawing';

export interface FrameSchedulerOptions {
  /** asks for an animation frame; default requestAnimationFrame */
  raf?: (callback: FrameRequestCallback) => number;
  /** hears what a task threw (the others run on); default: rethrown in a microtask, so it reaches window.onerror */
  reportError?: (error: unknown) => void;
  /** asks for an idle callback; default requestIdleCallback with IDLE_TIMEOUT_MS (setTimeout where missing) */
  idle?: (callback: () => void) => void;
  /** script time, and estimated GPU time (ms), the draw phase may spend before it holds further draws over; default DRAW_BUDGET_MS */
  drawBudgetMs?: number;
}

/**
 * The draw phase's budget (ms) of script time, and of estimated GPU time: a frame's worth at
 * 60 Hz. Script and GPU work overlap (software GL rasterises on another thread, after the
 * script), and the tutorial's views (about 2 + 3 + 5 ms of script here) fit with room for a
 * busy machine; a view of more than about 10 ms shares its frame with little else.
 */
export const DRAW_BUDGET_MS = 16;
/** A draw task expected to cost less than this (ms) is never held over. */
const ALWAYS_DRAWN_MS = 1;
/** A draw task's cost estimate follows its measured script time by this fraction per draw. */
const COST_SMOOTHING = 0.3;

/** An idle task runs at the latest this long (ms) after it was asked for, idle or not. */
export const IDLE_TIMEOUT_MS = 500;

export class FrameScheduler {
  /** animation frames that ran a draw phase (diagnostics, tests) */
  frames = 0;
  /** hears every frame's figures (benchmarks, tests); null: none */
  onFrame: ((stats: Readonly<FrameStats>) => void) | null = null;
  private readonly stats: FrameStats = {
    frame: 0,
    commits: 0,
    commitMs: 0,
    drawn: 0,
    deferred: 0,
    drawMs: 0,
    gpuMs: 0,
  };
  /** per draw task: the moving average of its script time (ms) */
  private readonly costs = new WeakMap<FrameTask, number>();
  /** per draw task: its estimate of a draw's GPU time (ms) */
  private readonly hints = new WeakMap<FrameTask, () => number>();
  /** draws held over by the budget: they run first in the next frame */
  private carried = new Set<FrameTask>();
  /**
   * Script time, and estimated GPU time (ms), the draw phase may spend before it holds further
   * draws over (FrameSchedulerOptions.drawBudgetMs); tests of what happens when everything fits
   * set it to Infinity, since what fits depends on the machine's speed.
   */
  drawBudgetMs: number;
  // pending tasks, and the set a phase is running: swapped per frame, so no frame allocates
  private commits = new Set<FrameTask>();
  private draws = new Set<FrameTask>();
  private running = new Set<FrameTask>();
  /** script time of this frame's set-up task (ms; 0 when none ran) */
  private setupMs = 0;
  /** page work ran since the last frame: this frame runs no set-up task (holdSetup) */
  private setupHeld = false;
  /** whenSetUp's waiters, settled at the end of the first frame with no set-up task waiting */
  private readonly setUpWaiters = new Set<() => void>();
  // set-up and idle tasks, first asked first run (a Set keeps insertion order)
  private readonly setups = new Set<FrameTask>();
  private readonly idles = new Set<FrameTask>();
  private idleAsked = false;
  /** the next draw phase holds nothing over (drawTogether) */
  private together = false;
  /** the draw phase running now holds nothing over (drawingTogether) */
  private togetherNow = false;
  private phase: Phase = 'idle';
  private readonly raf: (callback: FrameRequestCallback) => number;
  private readonly idle: (callback: () => void) => void;
  private readonly reportError: (error: unknown) => void;

  constructor({
    raf = (cb) => requestAnimationFrame(cb),
    idle = requestIdle,
    reportError = rethrowLater,
    drawBudgetMs = DRAW_BUDGET_MS,
  }: FrameSchedulerOptions = {}) {
    this.drawBudgetMs = drawBudgetMs;
    this.raf = raf;
    this.idle = idle;
    this.reportError = reportError;
  }

  /** Runs `task` in the commit phase of the next frame (this one's, if its commit is still to come). */
  requestCommit(task: FrameTask): void {
    this.commits.add(task);
    this.ensureFrame();
  }

  /**
   * Runs `task` in the draw phase of the next frame (this one's, if its draw is still to come),
   * or, when the frame's draw budget is spent, first in the frame after. `gpuEstimate` (ms, read
   * before each run) is what its draw will cost the GPU.
   */
  requestDraw(task: FrameTask, gpuEstimate?: () => number): void {
    if (gpuEstimate) this.hints.set(task, gpuEstimate);
    this.draws.add(task);
    this.ensureFrame();
  }

  /** What the budget expects a draw of `task` to cost (ms): script time (its moving average) and GPU time. */
  drawCost(task: FrameTask): { script: number; gpu: number } {
    return { script: this.costs.get(task) ?? 0, gpu: this.hints.get(task)?.() ?? 0 };
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

  /**
   * The next draw phase (this frame's, if it is still to come) draws every dirty view, whatever
   * the budget: what they show changed together (a seek: every view shows the sought iteration
   * in one frame, not the map in one and the hidden space in the next), at the price of a
   * longer frame. Training batches keep the budget: each shows the latest, and a view held over
   * shows a newer one a frame later.
   */
  drawTogether(): void {
    this.together = true;
  }

  /**
   * Whether the draw phase running now draws every dirty view together (drawTogether): what
   * the views draw in it must be on screen together at its end, not presented later.
   */
  get drawingTogether(): boolean {
    return this.phase === 'drawing' && this.togetherNow;
  }

  /** Forgets `task` wherever it waits (a detached view, a disconnected element). */
  cancel(task: FrameTask): void {
    this.commits.delete(task);
    this.draws.delete(task);
    this.carried.delete(task);
    this.setups.delete(task);
    this.idles.delete(task);
  }

  /**
   * Resolves once no set-up task waits (idle ones aside: they may follow), seen at the end of a
   * frame, or at the latest after `maxMs`: at once when none waits now.
   */
  whenSetUp(maxMs: number): Promise<void> {
    if (this.setups.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        window.clearTimeout(timer);
        this.setUpWaiters.delete(done);
        resolve();
      };
      const timer = window.setTimeout(done, maxMs);
      this.setUpWaiters.add(done);
    });
  }

  /** Set-up and idle tasks still waiting (diagnostics, tests). */
  get pendingSetup(): number {
    return this.setups.size + this.idles.size;
  }

  /** Whether `task` waits for a frame or an idle callback. */
  isPending(task: FrameTask): boolean {
    return (
      this.commits.has(task) ||
      this.draws.has(task) ||
      this.carried.has(task) ||
      this.setups.has(task) ||
      this.idles.has(task)
    );
  }

  /**
   * Resolves after the next draw phase (this frame's, if it is still to come): every draw asked
   * for before it has run, or was held over by the budget. For tests and benchmarks, which wait
   * for frames without a rAF of their own.
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

  /**
   * Page work outside the scheduler ran in this frame, ahead of its animation frame callbacks
   * (a task after the last paint: components/after-paint.ts): the set-up task waits for the
   * next frame, so that the two never add up in one frame.
   */
  holdSetup(): void {
    this.setupHeld = true;
  }

  private readonly runCommits = (): void => {
    const start = performance.now();
    if (this.setupHeld) this.setupHeld = false;
    else this.runFirst(this.setups);
    this.setupMs = performance.now() - start;
    const tasks = this.running;
    this.running = this.commits;
    this.commits = tasks;
    this.phase = 'committed';
    this.stats.commits = this.running.size;
    this.running.forEach(this.runSafely);
    this.running.clear();
    this.stats.commitMs = performance.now() - start;
  };

  private readonly runDraws = (): void => {
    const start = performance.now();
    // the held-over draws first, then this frame's, each once
    const tasks = this.running;
    this.running = this.carried;
    this.carried = tasks;
    this.draws.forEach(this.addRunning);
    this.draws.clear();
    this.phase = 'drawing';
    const budget = this.together ? Infinity : this.drawBudgetMs;
    this.togetherNow = this.together;
    this.together = false;
    // a set-up task that ran this frame spends the script budget first
    let script = this.setupMs;
    let gpu = 0;
    let drawn = 0;
    // tasks run that cost something: the first of them always runs (unless a set-up task did)
    let costly = this.setupMs >= ALWAYS_DRAWN_MS ? 1 : 0;
    for (const task of this.running) {
      const average = this.costs.get(task);
      const gpuCost = this.hints.get(task)?.() ?? 0;
      const scriptCost = average ?? 0;
      // cheap tasks (a waiter's resolve, a frame from a cache) always run
      const over =
        (scriptCost >= ALWAYS_DRAWN_MS && script + scriptCost > budget) ||
        (gpuCost >= ALWAYS_DRAWN_MS && gpu + gpuCost > budget);
      if (costly > 0 && over) {
        this.carried.add(task);
        continue;
      }
      const t0 = performance.now();
      this.runSafely(task);
      const ms = performance.now() - t0;
      // a first draw (which may build what it needs) never makes a view look heavy on its own
      this.costs.set(
        task,
        average === undefined ? Math.min(ms, budget / 2) : average + COST_SMOOTHING * (ms - average),
      );
      script += ms;
      gpu += gpuCost;
      drawn++;
      if (ms >= ALWAYS_DRAWN_MS || gpuCost >= ALWAYS_DRAWN_MS) costly++;
    }
    this.running.clear();
    this.togetherNow = false;
    const stats = this.stats;
    stats.frame = this.frames;
    stats.drawn = drawn;
    stats.deferred = this.carried.size;
    stats.drawMs = performance.now() - start;
    stats.gpuMs = gpu;
    this.frames++;
    this.phase = 'idle';
    if (this.onFrame) this.runSafely(this.reportFrame);
    if (this.setups.size === 0 && this.setUpWaiters.size > 0) for (const done of [...this.setUpWaiters]) done();
    if (this.commits.size > 0 || this.draws.size > 0 || this.carried.size > 0 || this.setups.size > 0) {
      this.ensureFrame();
    }
    stats.commits = 0;
    stats.commitMs = 0;
  };

  private readonly addRunning = (task: FrameTask): void => {
    this.running.add(task);
  };

  private readonly reportFrame = (): void => {
    this.onFrame?.(this.stats);
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

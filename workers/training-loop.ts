// The pacing loop: trains in slices on the worker's event loop, with a macrotask yield between
// slices, so pause/step/configure messages get through within a slice. At a set speed it wakes
// when the next iteration is due (slices of at most SLICE_MS); at 'max' (and while stepping) it
// trains as fast as the core allows, in slices of FREE_SLICE_MS. If the page stops
// acknowledging, training waits once MAX_PENDING costs are queued, so memory stays bounded and
// nothing is lost.
import type { TrainerState } from '../src/protocol/trainer-api';
import { MAX_PENDING, type CostBuffer } from './cost-buffer';
import type { Run } from './run';

/** Longest stretch of paced training (or of a replay, replay.ts) between two yields to the event loop (ms). */
export const SLICE_MS = 4;

/**
 * Longest stretch of free training (max speed, a step) between two yields (ms): how long a
 * pause, reset or new config may wait for the slice under way. What a slice costs besides the
 * engine (the yield, the flush check, the tasks the thread runs in between: ~150 µs a slice
 * with the machine busy) falls by ~30% against 4 ms slices: about 1% more of the worker's time
 * in the engine at max speed. A pause then takes 3–6 ms (median), at most ~10 ms: still
 * within a frame (the streaming bench reports both).
 */
export const FREE_SLICE_MS = 8;

/** What the loop needs of the service that owns the run and its state. */
export interface LoopHost {
  readonly run: Run;
  readonly state: TrainerState;
  /** where each iteration's cost goes until a batch takes it */
  readonly pending: CostBuffer;
  /** where each iteration's test cost goes (runs with a test set), aligned with `pending` */
  readonly pendingTest: CostBuffer;
  /** moves the state on (done, diverged, paused after a step, error) */
  setState(state: TrainerState): void;
  /** sends what is pending, if the page is ready for it */
  flush(): void;
}

const now = (): number => performance.now();

export class TrainingLoop {
  /** stop after this iteration (a `step(n)`), else undefined */
  stepTarget?: number;
  private loopScheduled = false;
  private timer?: ReturnType<typeof setTimeout>;
  /** pacing: iteration and time (ms) at which the current speed took effect */
  private paceIteration = 0;
  private paceStart = 0;
  /** iterations per millisecond measured at max speed, to size chunks */
  private rate = 1;
  private readonly yielder = new MessageChannel();

  constructor(private readonly host: LoopHost) {
    this.yielder.port1.onmessage = () => {
      this.loopScheduled = false;
      this.loop();
    };
  }

  /**
   * Whether the loop runs freely (max speed or a step, not waiting for the page), so that it
   * flushes again within a slice.
   */
  get flushesSoon(): boolean {
    const { host } = this;
    if (host.state !== 'running' || host.pending.length >= MAX_PENDING) return false;
    return this.pace === null;
  }

  /**
   * The paced speed (iterations per second), or null while training as fast as the core
   * allows: at max speed, or a step.
   */
  private get pace(): number | null {
    const { speed } = this.host.run.config;
    return speed === 'max' || this.stepTarget !== undefined ? null : speed;
  }

  /** The current speed takes effect from the current iteration, now. */
  resetPace(): void {
    this.paceIteration = this.host.run.trainer.iteration;
    this.paceStart = now();
  }

  /** Arranges the next slice while running: a yield at max speed, a timer when paced. */
  schedule(): void {
    const { host } = this;
    if (host.state !== 'running' || this.loopScheduled) return;
    // Waiting for the page to take what is queued: the ack reschedules.
    if (host.pending.length >= MAX_PENDING) return;
    const pace = this.pace;
    if (pace === null) {
      this.loopScheduled = true;
      this.yielder.port2.postMessage(0);
      return;
    }
    // Paced: wake when the next iteration is due.
    const due = this.paceStart + ((host.run.trainer.iteration - this.paceIteration + 1) * 1000) / pace;
    this.cancelTimer();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.loop();
      },
      Math.max(0, due - now()),
    );
  }

  cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private loop(): void {
    const { host } = this;
    if (host.state !== 'running') return;
    try {
      const { trainer, config } = host.run;
      const limit = this.stepTarget ?? config.iterations;
      let due = limit - trainer.iteration;
      const pace = this.pace;
      if (pace !== null) {
        const elapsed = now() - this.paceStart;
        const owed = Math.floor((elapsed * pace) / 1000) - (trainer.iteration - this.paceIteration);
        due = Math.min(due, owed);
      }
      due = Math.min(due, MAX_PENDING - host.pending.length);
      if (due > 0) this.train(due, pace === null ? FREE_SLICE_MS : SLICE_MS);
      this.finishSlice();
    } catch (err) {
      host.run.error = err instanceof Error ? err.message : String(err);
      host.setState('error');
    }
    host.flush();
    this.schedule();
  }

  /** Trains up to `count` iterations within one slice of `sliceMs`, recording costs and snapshots. */
  private train(count: number, sliceMs: number): void {
    const { pending, pendingTest } = this.host;
    const { trainer, history, test } = this.host.run;
    const deadline = now() + sliceMs;
    const chunk = Math.max(1, Math.min(count, Math.ceil(this.rate * 0.5)));
    let remaining = count;
    const start = now();
    let done = 0;
    while (remaining > 0 && !trainer.diverged) {
      const k = Math.min(chunk, remaining);
      const { target, offset } = pending.reserve(k);
      // pendingTest restarts and empties with pending, so the same offset names the same iteration
      const testTarget = test ? pendingTest.reserve(k).target : null;
      // One engine call per stretch up to the next snapshot the history keeps (its stride: 64
      // iterations of the tutorial's network on WebAssembly): a call costs the WebAssembly
      // engine more than an iteration of that network does. With a test set, one iteration per call: the test rows
      // are measured after every update.
      for (let i = 0; i < k;) {
        const upTo = test ? 1 : k - i;
        const wanted = Math.min(upTo, history.nextWanted(trainer.iteration) - trainer.iteration);
        const stepped = trainer.step(wanted, target, offset + i);
        pending.commit(stepped);
        if (test && testTarget && stepped > 0) {
          testTarget[offset + i] = test.evaluate(trainer.params);
          pendingTest.commit(stepped);
        }
        done += stepped;
        remaining -= stepped;
        i += stepped;
        if (stepped < wanted) break; // diverged: the trainer kept its last finite state
        if (history.wants(trainer.iteration)) history.record(trainer.iteration, trainer);
      }
      if (now() >= deadline) break;
    }
    const elapsed = now() - start;
    if (done > 0 && elapsed > 0) this.rate = 0.8 * this.rate + 0.2 * (done / elapsed);
  }

  /** Moves the state on after a slice: diverged, done or a finished step. */
  private finishSlice(): void {
    const { host } = this;
    const { trainer, config } = host.run;
    if (trainer.diverged) {
      host.run.divergedAt = trainer.divergedAt;
      host.setState('diverged');
    } else if (trainer.iteration >= config.iterations) {
      host.setState('done');
    } else if (this.stepTarget !== undefined && trainer.iteration >= this.stepTarget) {
      host.setState('paused');
    }
  }
}

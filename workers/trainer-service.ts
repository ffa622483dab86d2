// The worker side of TrainerApi: owns one run (data, trainer, history) and streams it.
//
// Scheduling: training happens in slices of at most SLICE_MS on the worker's event loop, with
// a macrotask yield between slices, so pause/step/configure messages get through within a
// slice. Delivery: at most one batch in flight; the next batch carries every cost computed
// meanwhile (coalesced, none dropped) and goes out when the page acknowledges the previous
// one. If the page stops acknowledging, training waits once MAX_PENDING costs are queued, so
// memory stays bounded and nothing is lost.
import { transfer } from 'comlink';
import {
  createTrainer,
  gradientCheck,
  hiddenActivations,
  notebookSetup,
  outputActivations,
  paramCount,
  shapeOf,
  type Trainer,
} from '../src/core/index';
import { describe } from '../src/core/errors';
import type { Matrix, Shape } from '../src/core/types';
import { DEFAULT_CONFIG, mergeConfig, resetScope, type TrainConfig } from '../src/protocol/config-schema';
import type {
  Batch,
  BatchListener,
  DatasetMessage,
  Evaluation,
  GradientCheckReport,
  ParamSnapshot,
  RunInfo,
  RunStart,
  StatusInfo,
  TrainerApi,
  TrainerState,
} from '../src/protocol/trainer-api';
import { CostBuffer } from './cost-buffer';
import { HISTORY_BUDGET_BYTES, SnapshotHistory } from './snapshot-history';

/** Longest stretch of training between two yields to the event loop (ms). */
export const SLICE_MS = 4;
/** Costs queued for a page that does not acknowledge before training waits for it. */
export const MAX_PENDING = 1 << 18;
/** What the worker's own buffers may hold at most (the bound is 64 MB; 4 MiB spare). */
export const WORKER_BUDGET_BYTES = 60 * 1024 * 1024;

/**
 * The parameter history's budget for a run: what the 60 MiB leave after the data, the
 * trainer's buffers and the pending costs (2 MiB, doubling and the copy sent away: 5 MiB at
 * peak), divided by the history's 1.5× growth peak; 32 MiB at most.
 */
export function historyBudget(samples: number, shape: Shape): number {
  const { inputs: D, hidden: H, classes: C } = shape;
  // X (N×D), T (N×C), t (N), hidden activations (N×H), outputs (N×C), the data copy sent to the page
  const runBytes = samples * (8 * (2 * D + 2 * C + H) + 8) + 8 * paramCount(shape) * 8;
  const pendingBytes = 5 * 8 * MAX_PENDING * 0.5;
  return Math.max(1 << 20, Math.min(HISTORY_BUDGET_BYTES, (WORKER_BUDGET_BYTES - runBytes - pendingBytes) / 1.5));
}

interface Run {
  id: number;
  config: TrainConfig;
  X: Matrix;
  T: Matrix;
  t: Int32Array;
  shape: Shape;
  trainer: Trainer;
  history: SnapshotHistory;
  /** packed parameters of the latest iteration (scratch, reused) */
  packed: Float64Array;
  divergedAt?: number;
  error?: string;
}

const now = (): number => performance.now();

export class TrainerService implements TrainerApi {
  private listener?: BatchListener;
  private run: Run;
  private nextRunId = 1;
  private state: TrainerState = 'idle';
  private readonly pending = new CostBuffer();
  /** the run's RunStart still to go out with its first batch */
  private pendingRun?: RunStart;
  /** a configure changed the config of the current run since the last batch */
  private configDirty = false;
  /** the latest state change, which the next batch carries, was made by a configure */
  private stateFromConfigure = false;
  private configuring = false;
  private stateDirty = true;
  private inFlight = false;
  /** batches handed to the listener so far */
  private sentBatches = 0;
  private loopScheduled = false;
  private timer?: ReturnType<typeof setTimeout>;
  /** pacing: iteration and time at which the current speed took effect */
  private paceIteration = 0;
  private paceStart = 0;
  /** iterations per millisecond measured at max speed, to size slices */
  private rate = 1;
  /** stop after this iteration (a `step(n)`), else undefined */
  private stepTarget?: number;
  private readonly yielder = new MessageChannel();
  /** resolvers of `step()` calls, settled when stepping stops */
  private stepWaiters: Array<() => void> = [];

  constructor() {
    this.yielder.port1.onmessage = () => {
      this.loopScheduled = false;
      this.loop();
    };
    this.run = this.buildRun(DEFAULT_CONFIG);
  }

  subscribe(listener: BatchListener): void {
    this.listener = listener;
    this.inFlight = false;
    // A new subscriber learns the run first, then every cost from the current iteration on.
    this.pendingRun = this.runStart('none');
    this.restartPendingAtCurrent();
    this.flush();
  }

  async configure(change: Partial<TrainConfig>): Promise<RunInfo> {
    // Validate everything before touching the run: a bad value leaves it untouched.
    const next = mergeConfig(this.run.config, change);
    const scope = resetScope(this.run.config, next);
    this.configuring = true;
    try {
      return this.applyConfig(next, scope);
    } finally {
      this.configuring = false;
    }
  }

  private applyConfig(next: TrainConfig, scope: RunInfo['reset']): RunInfo {
    if (scope !== 'none') {
      // A free run keeps running in the new run; a step in progress ends with its run.
      const wasRunning = this.state === 'running' && this.stepTarget === undefined;
      this.run = this.buildRun(next);
      this.enterNewRun(wasRunning, scope);
      return this.runInfo(scope);
    }
    const before = this.run.config;
    this.run.config = next;
    this.run.trainer.setHyperparameters({ learningRate: next.learningRate, momentum: next.momentum });
    if (next.speed !== before.speed) {
      // Take the new pace now, not when the old pace's timer fires (up to 1 s at speed 1).
      this.resetPace();
      this.cancelTimer();
      this.schedule();
    }
    if (next.iterations !== before.iterations) this.applyIterationLimit();
    this.configDirty = true;
    this.flush();
    return this.runInfo('none');
  }

  async start(): Promise<StatusInfo> {
    if (this.state === 'diverged' || this.state === 'error') return this.status();
    if (this.run.trainer.iteration >= this.run.config.iterations) {
      this.setState('done');
      return this.status();
    }
    this.endStep();
    this.setState('running');
    this.resetPace();
    this.schedule();
    this.flush();
    return this.status();
  }

  async pause(): Promise<StatusInfo> {
    if (this.state === 'running') this.setState('paused');
    this.cancelTimer();
    this.flush();
    return this.status();
  }

  async step(n: number): Promise<StatusInfo> {
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
      throw new RangeError(`step: n must be an integer from 1 to 10000000; got ${String(n)}`);
    }
    if (this.state === 'diverged' || this.state === 'error') return this.status();
    if (this.run.trainer.iteration >= this.run.config.iterations) {
      this.setState('done');
      this.flush();
      return this.status();
    }
    this.cancelTimer();
    this.stepTarget = Math.min(this.run.trainer.iteration + n, this.run.config.iterations);
    this.setState('running');
    this.schedule();
    // Settles once the step is done, or when a pause, reset or configure cuts it short.
    await new Promise<void>((resolve) => this.stepWaiters.push(resolve));
    return this.status();
  }

  async reset(): Promise<RunInfo> {
    this.run = this.buildRun(this.run.config);
    this.enterNewRun(false, 'data');
    return this.runInfo('data');
  }

  async gradientCheck(): Promise<GradientCheckReport> {
    const { X, T, trainer, id } = this.run;
    const report = gradientCheck(X, T, trainer.params);
    return {
      runId: id,
      iteration: trainer.iteration,
      ok: report.ok,
      maxAbsDiff: report.maxAbsDiff,
      maxRelDiff: report.maxRelDiff,
      entries: report.entries.map((e) => ({ ...e })),
    };
  }

  async evaluate(points: Float64Array): Promise<Evaluation> {
    const { shape, trainer } = this.run;
    if (!(points instanceof Float64Array) || points.length % shape.inputs !== 0) {
      throw new TypeError(
        `evaluate: points must be a Float64Array of P×${shape.inputs} coordinates; got ${describe(points)}`,
      );
    }
    const P = points.length / shape.inputs;
    if (P === 0) {
      return { probabilities: new Float64Array(0), hidden: new Float64Array(0), points: 0, shape };
    }
    const X: Matrix = { rows: P, cols: shape.inputs, data: points };
    const { Wh, bh, Wo, bo } = trainer.params;
    const H = hiddenActivations(X, Wh, bh);
    const probabilities = outputActivations(H, Wo, bo).data;
    const hidden = H.data;
    return transfer({ probabilities, hidden, points: P, shape }, [probabilities.buffer, hidden.buffer]);
  }

  async getSnapshot(iteration: number): Promise<ParamSnapshot | null> {
    if (!Number.isInteger(iteration) || iteration < 0) {
      throw new RangeError(`getSnapshot: iteration must be a non-negative integer; got ${String(iteration)}`);
    }
    const { history, id, shape, trainer } = this.run;
    if (iteration >= trainer.iteration) {
      const params = new Float64Array(paramCount(shape));
      trainer.writePackedParams(params);
      return transfer({ runId: id, iteration: trainer.iteration, params, shape }, [params.buffer]);
    }
    const snap = history.at(iteration);
    if (!snap) return null;
    return transfer({ runId: id, iteration: snap.iteration, params: snap.params, shape }, [snap.params.buffer]);
  }

  // ── the run ────────────────────────────────────────────────────────────────────────────

  private buildRun(config: TrainConfig): Run {
    const setup = notebookSetup(config.seed, {
      samples: config.samples,
      noise: config.noise,
      factor: config.factor,
      hidden: config.hiddenUnits,
      initScale: config.initScale,
    });
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, {
      learningRate: config.learningRate,
      momentum: config.momentum,
    });
    const shape = shapeOf(setup.initParams);
    const packed = new Float64Array(paramCount(shape));
    const history = new SnapshotHistory(packed.length, historyBudget(setup.X.rows, shape));
    trainer.writePackedParams(packed);
    history.push(0, packed);
    return {
      id: this.nextRunId++,
      config,
      X: setup.X,
      T: setup.T,
      t: setup.t,
      shape,
      trainer,
      history,
      packed,
    };
  }

  private enterNewRun(keepRunning: boolean, scope: RunInfo['reset']): void {
    this.cancelTimer();
    this.endStep();
    const state = keepRunning ? 'running' : 'idle';
    if (state !== this.state) this.stateFromConfigure = this.configuring;
    this.state = state;
    this.pendingRun = this.runStart(scope);
    this.restartPendingAtCurrent();
    this.stateDirty = true;
    if (keepRunning) {
      this.resetPace();
      this.schedule();
    }
    this.flush();
  }

  /** Pending costs restart with this run's current cost (iteration 0 for a new run). */
  private restartPendingAtCurrent(): void {
    this.pending.restart(this.run.trainer.iteration);
    this.pending.push(this.run.trainer.cost);
  }

  /** The run's first batch's payload: its info and a copy of its data (transferred away). */
  private runStart(scope: RunInfo['reset']): RunStart {
    const { X, t, shape } = this.run;
    const data: DatasetMessage = {
      X: X.data.slice(),
      t: t.slice(),
      samples: X.rows,
      inputs: X.cols,
      classes: shape.classes,
    };
    return { ...this.runInfo(scope), data };
  }

  private runInfo(scope: RunInfo['reset']): RunInfo {
    const { id, config, shape } = this.run;
    return {
      runId: id,
      config,
      shape,
      reset: scope,
      state: this.state,
      iteration: this.run.trainer.iteration,
      sequence: this.deliveredBy(),
    };
  }

  private status(): StatusInfo {
    return {
      runId: this.run.id,
      state: this.state,
      iteration: this.run.trainer.iteration,
      sequence: this.deliveredBy(),
    };
  }

  /** The number of the batch that will carry what the worker knows now to the page. */
  private deliveredBy(): number {
    const unsent = this.pending.length > 0 || this.stateDirty || this.configDirty || this.pendingRun !== undefined;
    return this.sentBatches + (unsent ? 1 : 0);
  }

  private setState(state: TrainerState): void {
    if (state !== this.state) {
      this.state = state;
      this.stateDirty = true;
      this.stateFromConfigure = this.configuring;
    }
    if (state !== 'running') this.endStep();
  }

  /** Stops stepping mode and settles pending `step()` calls. */
  private endStep(): void {
    this.stepTarget = undefined;
    const waiters = this.stepWaiters;
    this.stepWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ── training loop ──────────────────────────────────────────────────────────────────────

  private resetPace(): void {
    this.paceIteration = this.run.trainer.iteration;
    this.paceStart = now();
  }

  private applyIterationLimit(): void {
    const { trainer, config } = this.run;
    if (trainer.iteration >= config.iterations) {
      if (this.state === 'running' || this.state === 'paused' || this.state === 'idle') this.setState('done');
      this.cancelTimer();
    } else if (this.state === 'done') {
      this.setState('paused');
    }
  }

  private schedule(): void {
    if (this.state !== 'running' || this.loopScheduled) return;
    // Waiting for the page to take what is queued: the ack's flush reschedules.
    if (this.pending.length >= MAX_PENDING) return;
    const speed = this.run.config.speed;
    if (speed === 'max' || this.stepTarget !== undefined) {
      this.loopScheduled = true;
      this.yielder.port2.postMessage(0);
      return;
    }
    // Paced: wake when the next iteration is due.
    const due = this.paceStart + ((this.run.trainer.iteration - this.paceIteration + 1) * 1000) / speed;
    this.cancelTimer();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.loop();
      },
      Math.max(0, due - now()),
    );
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private loop(): void {
    if (this.state !== 'running') return;
    try {
      const { trainer, config } = this.run;
      const limit = this.stepTarget ?? config.iterations;
      let due = limit - trainer.iteration;
      if (config.speed !== 'max' && this.stepTarget === undefined) {
        const elapsed = now() - this.paceStart;
        const owed = Math.floor((elapsed * config.speed) / 1000) - (trainer.iteration - this.paceIteration);
        due = Math.min(due, owed);
      }
      due = Math.min(due, MAX_PENDING - this.pending.length);
      if (due > 0) this.train(due);
      this.finishSlice();
    } catch (err) {
      this.fail(err);
    }
    this.flush();
    this.schedule();
  }

  /** Trains up to `count` iterations within one slice, recording costs and snapshots. */
  private train(count: number): void {
    const { trainer, history, packed } = this.run;
    const deadline = now() + SLICE_MS;
    const chunk = Math.max(1, Math.min(count, Math.ceil(this.rate * 0.5)));
    let remaining = count;
    const start = now();
    let done = 0;
    while (remaining > 0 && !trainer.diverged) {
      const k = Math.min(chunk, remaining);
      const { target, offset } = this.pending.reserve(k);
      for (let i = 0; i < k; i++) {
        if (trainer.step(1, target, offset + i) === 0) break;
        this.pending.commit(1);
        done += 1;
        remaining -= 1;
        if (history.wants(trainer.iteration)) {
          trainer.writePackedParams(packed);
          history.push(trainer.iteration, packed);
        }
      }
      if (now() >= deadline) break;
    }
    const elapsed = now() - start;
    if (done > 0 && elapsed > 0) this.rate = 0.8 * this.rate + 0.2 * (done / elapsed);
  }

  /** Moves the state on after a slice: diverged, done or a finished step. */
  private finishSlice(): void {
    const { trainer, config } = this.run;
    if (trainer.diverged) {
      this.run.divergedAt = trainer.divergedAt;
      this.setState('diverged');
    } else if (trainer.iteration >= config.iterations) {
      this.setState('done');
    } else if (this.stepTarget !== undefined && trainer.iteration >= this.stepTarget) {
      this.setState('paused');
    }
  }

  private fail(err: unknown): void {
    this.run.error = err instanceof Error ? err.message : String(err);
    this.setState('error');
  }

  // ── delivery ───────────────────────────────────────────────────────────────────────────

  /** Sends what is pending if nothing is in flight. */
  private flush(): void {
    if (!this.listener || this.inFlight) return;
    if (this.pending.length === 0 && !this.stateDirty && !this.configDirty && !this.pendingRun) return;
    const { trainer, shape, id } = this.run;
    const firstIteration = this.pending.first;
    const costs = this.pending.take();
    const params = new Float64Array(paramCount(shape));
    trainer.writePackedParams(params);
    this.sentBatches += 1;
    const batch: Batch = {
      runId: id,
      sequence: this.sentBatches,
      firstIteration,
      costs,
      iteration: trainer.iteration,
      cost: trainer.cost,
      accuracy: trainer.accuracy,
      params,
      shape,
      state: this.state,
    };
    if (this.state === 'diverged') batch.divergedAt = this.run.divergedAt;
    if (this.state === 'error') batch.error = this.run.error;
    const run = this.pendingRun;
    if (run) {
      run.state = this.state;
      batch.run = run;
    } else if (this.configDirty) {
      batch.config = this.run.config;
    }
    if (this.stateFromConfigure) batch.stateFromConfigure = true;
    this.pendingRun = undefined;
    this.configDirty = false;
    this.stateFromConfigure = false;
    this.stateDirty = false;
    this.inFlight = true;
    const transfers: Transferable[] = [costs.buffer, params.buffer];
    if (run) transfers.push(run.data.X.buffer, run.data.t.buffer);
    const listener = this.listener;
    Promise.resolve(listener(transfer(batch, transfers)))
      .catch(() => {
        // The page's listener threw or went away: nothing to resend (its state is the page's).
      })
      .finally(() => {
        if (this.listener !== listener) return;
        this.inFlight = false;
        this.flush();
        this.schedule();
      });
  }
}

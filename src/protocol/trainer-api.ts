// The contract between the page and workers/trainer.worker.ts. Type-only and DOM-free:
// both sides compile against it, the worker with `satisfies TrainerApi`, the page with
// `wrap<TrainerApi>()`. Typed arrays in batches are transferred, never cloned.
import type { Engine } from '../core/engine.ts';
import type { Shape } from '../core/types.ts';
import type { TrainConfig } from './config-schema.ts';

export type { TrainConfig } from './config-schema.ts';
export type { Shape } from '../core/types.ts';
export type { Engine } from '../core/engine.ts';

/** Where a run stands. */
export type TrainerState = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

/**
 * The data set of a run: X is N×D row-major, t holds N class indices; ALL the points, training
 * and test. `testRows` are indices into X of the test rows, in the split's order (empty
 * without a test set); every other row trains.
 */
export interface DatasetMessage {
  X: Float64Array;
  t: Int32Array;
  samples: number;
  inputs: number;
  classes: number;
  testRows: Int32Array;
}

/**
 * One delivery of training progress. `costs[k]` is the cost at iteration `firstIteration + k`
 * (iteration 0 is the cost before training, as the tutorial records it). Across the batches of
 * one run, every iteration's cost arrives exactly once and in order.
 */
export interface Batch {
  runId: number;
  /** 1, 2, 3 … in delivery order, per worker */
  sequence: number;
  firstIteration: number;
  costs: Float64Array;
  /** the latest iteration; `params` and `accuracy` belong to it */
  iteration: number;
  cost: number;
  /** fraction of training samples whose argmax class is right, from 0 to 1 */
  accuracy: number;
  /**
   * Present iff the run has a test set: `testCosts[k]` is the summed cross-entropy over the
   * test rows at iteration `firstIteration + k` (aligned with `costs`).
   */
  testCosts?: Float64Array;
  /** the test cost at `iteration` (present iff the run has a test set) */
  testCost?: number;
  /** fraction of test rows classified right at `iteration` (present iff the run has a test set) */
  testAccuracy?: number;
  /** packed Wh (D×H), bh (1×H), Wo (H×C), bo (1×C), row-major, in that order */
  params: Float64Array;
  shape: Shape;
  state: TrainerState;
  /** the iteration whose update went non-finite (state `diverged`) */
  divergedAt?: number;
  /** the worker's message (state `error`) */
  error?: string;
  /**
   * Present on the first batch of every run (after configure, reset or subscribe): the run's
   * data and config. A batch whose runId is lower than the newest seen is stale.
   */
  run?: RunStart;
  /** Present when a configure changed the config without starting a new run. */
  config?: TrainConfig;
  /**
   * Present after `branch(k)`: the run went back to iteration k. Drop every cost after k
   * before taking this batch's costs (which start at k + 1, if any).
   */
  branchedAt?: number;
}

/** Called by the worker for each batch. The next batch waits until the returned promise settles. */
export type BatchListener = (batch: Batch) => void | Promise<void>;

/** What configure and reset answer: the run's id, shape and full config. */
export interface RunInfo {
  runId: number;
  config: TrainConfig;
  shape: Shape;
  /** what the last configure had to rebuild (`restart`: the same data and initial parameters, from iteration 0) */
  reset: 'data' | 'params' | 'restart' | 'none';
  /** the engine computing this run ('wasm' or 'js'), as config.engine resolved in the worker */
  engine: Engine;
  /** set when config.engine is 'auto' and the worker fell back to JS: why, in one sentence */
  engineFallback?: string;
  state: TrainerState;
  iteration: number;
  /**
   * As StatusInfo.sequence: the number of the batch that carries this answer's effect (the new
   * run, config or state) to the page.
   */
  sequence: number;
}

/** A run's first batch carries this: the RunInfo and the run's data (transferred once). */
export interface RunStart extends RunInfo {
  data: DatasetMessage;
}

export interface StatusInfo {
  runId: number;
  state: TrainerState;
  iteration: number;
  /**
   * The page reflects this status once it has received this many batches from this worker
   * (batches are numbered from 1 in delivery order, stale ones included).
   */
  sequence: number;
}

export interface GradientCheckEntry {
  param: 'Wh' | 'bh' | 'Wo' | 'bo';
  row: number;
  col: number;
  analytic: number;
  numeric: number;
  close: boolean;
}

export interface GradientCheckReport {
  runId: number;
  iteration: number;
  ok: boolean;
  maxAbsDiff: number;
  maxRelDiff: number;
  entries: GradientCheckEntry[];
}

/**
 * What a gradient check checks when the page names it: the parameters it shows (packed like
 * Batch.params, the current run's shape) and the iteration they belong to (0 … the latest), which
 * the report then names.
 */
export interface GradientCheckSubject {
  params: Float64Array;
  iteration: number;
}

/** Class probabilities (P×C) and hidden activations (P×H) at P query points. */
export interface Evaluation {
  probabilities: Float64Array;
  hidden: Float64Array;
  points: number;
  shape: Shape;
}

/**
 * Backprop's gradients J = ∂ξ/∂P at parameters the page names (the viewed iteration's), packed
 * like Batch.params, and the update that led to them, V = −ε·J + μ·V (= P_k − P_{k−1}), when the
 * worker still knows it (null otherwise: iteration 0, or k − 1 thinned out of the history).
 */
export interface StepGradients {
  runId: number;
  /** the iteration asked about (as given), or null when none was given */
  iteration: number | null;
  gradients: Float64Array;
  update: Float64Array | null;
  shape: Shape;
}

/** The parameters at a past iteration (or the nearest kept one before it: the history keeps every stride-th iteration). */
export interface ParamSnapshot {
  runId: number;
  /** the iteration these parameters belong to (≤ the one asked for) */
  iteration: number;
  params: Float64Array;
  shape: Shape;
}

/** The exact state after `iteration` updates of the current run (`seek`). */
export interface SeekResult extends ParamSnapshot {
  /** packed velocities V, laid out as `params` */
  velocities: Float64Array;
  /** the cost and accuracy of `params` */
  cost: number;
  accuracy: number;
  /** the test rows' summed cost and accuracy for `params`; absent without a test set */
  testCost?: number;
  testAccuracy?: number;
  /** updates replayed from the nearest kept snapshot to get here (0: kept, or the latest) */
  replayed: number;
}

/**
 * What a rejected configure carries to the page: an Error named 'ConfigError' whose message
 * names the field, the value and what is allowed, and which holds them apart too.
 */
export interface ConfigRejection {
  name: 'ConfigError';
  message: string;
  field: string;
  value: unknown;
  allowed: string;
}

/**
 * The worker's surface. Every method may reject; configure rejects an invalid config with a
 * ConfigRejection and leaves the current run untouched.
 */
export interface TrainerApi {
  /**
   * Registers the batch listener (a Comlink proxy). Replaces any earlier one. A fresh worker
   * has no run until the first configure (or any other command, which gets the default run):
   * the listener's first batch is that run's.
   */
  subscribe(listener: BatchListener): void;
  /** Applies a partial config; rebuilds data and/or parameters only where the change needs it. */
  configure(change: Partial<TrainConfig>): Promise<RunInfo>;
  start(): Promise<StatusInfo>;
  pause(): Promise<StatusInfo>;
  /** Trains n more iterations (paused afterwards), delivered as batches. */
  step(n: number): Promise<StatusInfo>;
  /** Back to iteration 0 with the same seed: the very same data and initial parameters. */
  reset(): Promise<RunInfo>;
  /**
   * Custom data: N points X (N×2 row-major) with labels t (N, each 0..classes−1). Checked as
   * hostile input (1 to 10,000 rows, finite coordinates within ±1e6, classes 2 to 5); a bad
   * value rejects with an Error naming row, column and problem, and the run stays as it was.
   * Otherwise `generator` becomes 'custom', `classes` becomes `classes`, and a new run starts
   * from the same seed, its stream skipping the data draws (split, then parameters).
   */
  setData(X: Float64Array, t: Int32Array, classes: number): Promise<RunInfo>;
  /**
   * The numerical gradient check of the current parameters, or of `at.params` (a past
   * iteration's: all finite, the run's shape; `at.iteration` from 0 to the latest), computed in
   * slices. Rejects with a `GradientCheckInterruptedError` when a pause, a reset, a new run or a
   * newer check stops it.
   */
  gradientCheck(at?: GradientCheckSubject): Promise<GradientCheckReport>;
  /** points: P×D row-major */
  evaluate(points: Float64Array): Promise<Evaluation>;
  getSnapshot(iteration: number): Promise<ParamSnapshot | null>;
  /**
   * Backprop's gradients at `params` (packed like Batch.params, the current run's shape, all
   * finite) on the run's training data; with `iteration`, also the update that produced them.
   */
  gradientsAt(params: Float64Array, iteration?: number): Promise<StepGradients>;
  /**
   * The exact parameters, velocities, cost and accuracy after `iteration` updates (0 … the
   * latest), bit for bit those of training that many iterations from the start: from a kept
   * snapshot, or replayed from the nearest one. Training goes on meanwhile. Rejects with a
   * RangeError for other iterations, and with a `ReplayInterruptedError` when a new run or a
   * branch comes first.
   */
  seek(iteration: number): Promise<SeekResult>;
  /**
   * Makes iteration k (0 … the latest) the run's present: parameters and velocities those at
   * k, costs after k dropped (the next batch says `branchedAt`), the run paused (done if k is
   * the last iteration). Training on uses the current settings. Rejects in state `error`.
   */
  branch(iteration: number): Promise<StatusInfo>;
  /**
   * "Look at this network": `params` (packed as Batch.params, for the current run's `shape`)
   * become the initial parameters of a new run on the same data and settings, at iteration 0
   * with zero velocities, idle (start() trains on from them). reset() and an engine change come
   * back to them; a change that redraws the data or the parameters drops them. Rejects a wrong
   * shape, length or a non-finite number (a RangeError naming it) and leaves the run untouched.
   */
  adoptParams(params: Float64Array, shape: Shape): Promise<RunInfo>;
}

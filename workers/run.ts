// Building a run: the data, the trainer and the parameter history of one config, sized to the
// worker's memory budget. Nothing here knows about delivery or pacing.
import {
  ClassCountError,
  WasmUnavailableError,
  chooseEngine,
  createTestEvaluator,
  createTrainer,
  paramCount,
  setupRun,
  shapeOf,
  type Dataset,
  type EngineDecision,
  type RunSetup,
  type TestEvaluator,
  type Trainer,
} from '../src/core/index';
import type { Matrix, Shape } from '../src/core/types';
import { ConfigError, type TrainConfig } from '../src/protocol/config-schema';
import type { DatasetMessage } from '../src/protocol/trainer-api';
import { MAX_PENDING } from './cost-buffer';
import { HyperparameterLog, MAX_HYPERPARAMETER_CHANGES } from './hyperparameter-log';
import type { ReplayState } from './replay';
import { HISTORY_BUDGET_BYTES, SnapshotHistory, replayStride } from './snapshot-history';

/** What the worker's own buffers may hold at most (the bound is 64 MB; 4 MiB spare). */
export const WORKER_BUDGET_BYTES = 60 * 1024 * 1024;

/**
 * The parameter history's budget for a run: what the 60 MiB leave after the data, the
 * trainer's and the test evaluator's buffers, the pending costs and test costs (2 MiB
 * each, doubling and the copy sent away: 5 MiB each at peak) and the hyperparameter log
 * (384 KiB) leave, divided by the history's 1.5× growth peak; 32 MiB at most. A snapshot
 * holds parameters and velocities.
 */
export function historyBudget(samples: number, shape: Shape): number {
  const { inputs: D, hidden: H, classes: C } = shape;
  // Over the N rows (training and test workspaces together): X (N×D), T (N×C), t (N), hidden
  // activations (N×H), outputs (N×C), the data copy sent to the page; and the full data kept
  // beside the split's rows (N×D, N labels).
  const runBytes = samples * (8 * (3 * D + 2 * C + H) + 12) + 8 * paramCount(shape) * 8;
  // the costs and, with a test set, the test costs beside them
  const pendingBytes = 2 * 5 * 8 * MAX_PENDING * 0.5;
  const logBytes = 24 * MAX_HYPERPARAMETER_CHANGES;
  return Math.max(
    1 << 20,
    Math.min(HISTORY_BUDGET_BYTES, (WORKER_BUDGET_BYTES - runBytes - pendingBytes - logBytes) / 1.5),
  );
}

/** One training run: everything a config builds, and how it ended if it did not finish. */
export interface Run {
  readonly id: number;
  /** replaced by a configure that keeps the run (learning rate, momentum, speed, iterations) */
  config: TrainConfig;
  /** the training rows: n×D inputs (all N rows without a test set) */
  readonly X: Matrix;
  /** n×C one-hot targets of the training rows */
  readonly T: Matrix;
  /** n class indices of the training rows */
  readonly t: Int32Array;
  /** every point, training and test, in the generator's (or the page's) order */
  readonly data: Dataset;
  /** indices into `data` of the test rows, in the split's order (empty without a test set) */
  readonly testRows: Int32Array;
  /** measures the test rows after each update; null without a test set */
  readonly test: TestEvaluator | null;
  readonly shape: Shape;
  readonly trainer: Trainer;
  /** the engine config.engine resolved to here, and why `auto` fell back to JS */
  readonly engine: EngineDecision;
  /** kept snapshots: packed parameters then packed velocities (2·P numbers each) */
  readonly history: SnapshotHistory;
  /** the learning rate and momentum each update used */
  readonly hyperLog: HyperparameterLog;
  /** bumped by every branch (a replay under way then gives up) */
  branches: number;
  /** where the last replay got to, to go on from (replay.ts) */
  cursor?: ReplayState;
  /** packed parameters then velocities of the latest iteration (scratch for the history, reused) */
  readonly packed: Float64Array;
  divergedAt?: number;
  error?: string;
}

/**
 * Builds run `id` from a validated config: iteration 0, its parameters already in the history.
 * An `engine: 'wasm'` that cannot run in this worker is a ConfigError for that setting.
 */
export function buildRun(id: number, config: TrainConfig, custom: Dataset | null = null): Run {
  const setup = setupFor(config, custom);
  let engine = resolveEngine(config, setup.X.cols);
  let trainer: Trainer;
  try {
    trainer = createTrainer(setup.X, setup.T, setup.initParams, { ...config, engine: engine.engine });
  } catch (error) {
    // WebAssembly runs here but this instance could not be made (e.g. out of address space with
    // many workers in one process): `auto` trains with JS and says why; `wasm` is rejected.
    if (engine.engine !== 'wasm') throw error;
    const why = `the WebAssembly engine could not start: ${error instanceof Error ? error.message : String(error)}`;
    if (config.engine === 'wasm') throw new ConfigError('engine', config.engine, `"auto" or "js" (${why})`);
    engine = { engine: 'js', fallback: why };
    trainer = createTrainer(setup.X, setup.T, setup.initParams, { ...config, engine: 'js' });
  }
  const shape = shapeOf(setup.initParams);
  const packed = new Float64Array(2 * paramCount(shape));
  const history = new SnapshotHistory(
    packed.length,
    historyBudget(setup.data.X.rows, shape),
    replayStride(setup.X.rows, paramCount(shape), trainer.engine),
  );
  history.record(0, trainer);
  const test = setup.test === null ? null : createTestEvaluator(setup.test.X, setup.test.T, setup.test.t, shape);
  test?.evaluate(trainer.params);
  return {
    id,
    config,
    X: setup.X,
    T: setup.T,
    t: setup.t,
    data: setup.data,
    testRows: setup.testRows,
    test,
    shape,
    trainer,
    engine,
    history,
    hyperLog: new HyperparameterLog(config),
    branches: 0,
    packed,
  };
}

/**
 * The run's data and parameters from its seed (setupRun: data, split, check and training
 * parameters, one stream). `custom`: the page's data, the stream skipping the data draws. A
 * config that does not fit the custom data (none given yet; labels above `classes`) is a
 * ConfigError, so the last good run goes on.
 */
function setupFor(config: TrainConfig, custom: Dataset | null): RunSetup {
  if (config.generator === 'custom' && custom === null) {
    throw new ConfigError(
      'generator',
      'custom',
      'a generator ("circles", "moons", "blobs", "xor", "spiral"); "custom" needs data first (importData() or the data property)',
    );
  }
  const { generator } = config;
  try {
    // The core's options are named as the config's fields: the validated config passes as it is.
    return setupRun(config.seed, generator === 'custom' ? { ...config, data: custom! } : config);
  } catch (error) {
    if (error instanceof ClassCountError) {
      throw new ConfigError(
        'classes',
        config.classes,
        `at least ${error.required} for the custom data (${error.message})`,
      );
    }
    throw error;
  }
}

/** Puts the trainer's current parameters and velocities into the history (if it keeps this iteration). */
export function keepSnapshot(run: Run): void {
  if (run.history.wants(run.trainer.iteration)) run.history.record(run.trainer.iteration, run.trainer);
}

function resolveEngine(config: TrainConfig, inputs: number): EngineDecision {
  try {
    return chooseEngine(config.engine, inputs, 'engine');
  } catch (error) {
    if (!(error instanceof WasmUnavailableError || error instanceof RangeError)) throw error;
    const why = error.message.replace(/^engine: /, '');
    throw new ConfigError('engine', config.engine, `"auto" or "js" (${why})`);
  }
}

/** A copy of the run's data, to transfer to the page (the run keeps its own). */
export function datasetMessage(run: Run): DatasetMessage {
  const { data, shape, testRows } = run;
  const { X, t } = data;
  return {
    X: X.data.slice(),
    t: t.slice(),
    samples: X.rows,
    inputs: X.cols,
    classes: shape.classes,
    testRows: testRows.slice(),
  };
}

/** The latest parameters in a fresh array, to transfer. */
export function latestParams(run: Run): Float64Array {
  const params = new Float64Array(paramCount(run.shape));
  run.trainer.writePackedParams(params);
  return params;
}

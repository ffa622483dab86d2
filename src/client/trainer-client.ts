// The page's handle on one training worker: wraps it with Comlink, keeps the latest state of
// the run (costs, parameters, data), and survives the worker's death. No Lit, no DOM beyond
// Worker: the dashboard's TrainerController owns one, tests and benches use it directly. The
// worker itself (its life, calls and watchdog) is worker-connection.ts's.
//
// Values are not validated here: the element validates what hosts set, and the worker
// validates every message (it treats them as hostile input). A rejected configure arrives
// with the fields of the worker's ConfigError (see workers/wire-errors.ts) and is rebuilt as one.
import type { Remote } from 'comlink';
import { ConfigError, DEFAULT_CONFIG, type TrainConfig } from '../protocol/config-schema';
import type {
  Batch,
  ConfigRejection,
  DatasetMessage,
  Engine,
  Evaluation,
  GradientCheckReport,
  GradientCheckSubject,
  ParamSnapshot,
  RunInfo,
  SeekResult,
  Shape,
  StatusInfo,
  StepGradients,
  TrainerApi,
  TrainerState,
} from '../protocol/trainer-api';
import { ConfigureTags } from './configure-tags';
import { CostStore, type ReadonlyCostStore } from './cost-store';
import { WorkerConnection, DEFAULT_PING_TIMEOUT } from './worker-connection';
import { createTrainerWorker } from './worker-factory';

/** Makes the training worker. The default resolves the worker module next to this one. */
export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () => createTrainerWorker();

export interface TrainerClientOptions {
  workerFactory?: WorkerFactory;
  /**
   * How long one ping to a worker that owes an answer may go unanswered before it is declared
   * dead (ms; default 1500). The worker never blocks for long: training and the gradient check
   * run in slices.
   */
  pingTimeout?: number;
  /**
   * After a batch of a running run, the worker's next batch waits until this settles (or
   * BATCH_PACE_MAX_MS pass): the page has drawn and shown what that batch brought. The worker
   * trains on meanwhile and the next batch carries every cost computed (none dropped), so each
   * batch the page takes is one it can show. A batch in any other state is acknowledged at once
   * (what comes next, a start or a run's end, is not held back). Default: no pacing.
   */
  paceBatches?: () => Promise<void>;
}

/** A batch's acknowledgement waits at most this long (ms) for paceBatches (a hidden tab paints no frames). */
export const BATCH_PACE_MAX_MS = 250;

/** What the client knows about the run; views read it, the client alone writes it. */
export interface RunSnapshot {
  readonly runId: number;
  readonly config: Readonly<TrainConfig>;
  readonly shape: Readonly<Shape>;
  readonly data: Readonly<DatasetMessage> | null;
  readonly state: TrainerState;
  readonly iteration: number;
  readonly cost: number;
  readonly accuracy: number;
  /** the summed cross-entropy over the test rows at `iteration`; null without a test set */
  readonly testCost: number | null;
  /** fraction of test rows classified right at `iteration`, 0 to 1; null without a test set */
  readonly testAccuracy: number | null;
  /** packed parameters of `iteration` (see Batch.params) */
  readonly params: Float64Array | null;
  readonly divergedAt?: number;
  readonly error?: string;
  /** the engine computing the run in the worker; absent until its first run arrives */
  readonly engine?: Engine;
  /** why the worker trains with JS although config.engine is 'auto' (see RunInfo.engineFallback) */
  readonly engineFallback?: string;
}

/** The client's own, writable copy of the snapshot. */
type WritableRunSnapshot = { -readonly [K in keyof RunSnapshot]: RunSnapshot[K] };

export type ClientEvent =
  | { type: 'batch'; batch: Batch }
  | { type: 'run'; run: RunInfo }
  /** `fromConfigure`: a configure made this change (a new run, a new iteration limit) */
  | { type: 'state'; state: TrainerState; previous: TrainerState; fromConfigure?: boolean }
  | { type: 'fault'; message: string };

export { WorkerDiedError } from './worker-connection';

/** The run before a worker has sent one: idle, the default settings, nothing trained. */
export function emptyRunSnapshot(): RunSnapshot {
  return {
    runId: 0,
    config: { ...DEFAULT_CONFIG },
    shape: { inputs: 2, hidden: DEFAULT_CONFIG.hiddenUnits, classes: 2 },
    data: null,
    state: 'idle',
    iteration: 0,
    cost: Number.NaN,
    accuracy: Number.NaN,
    testCost: null,
    testAccuracy: null,
    params: null,
  };
}

export class TrainerClient {
  private readonly costStore = new CostStore();
  /** every cost of the current run; the client alone appends */
  readonly costs: ReadonlyCostStore = this.costStore;
  private readonly testStore = new CostStore();
  /**
   * Every test cost of the current run, aligned with `costs` (iteration 0 first); empty when
   * the run has no test set. Cleared with the costs when a run starts.
   */
  readonly testCostStore: ReadonlyCostStore = this.testStore;
  /** the run as the page knows it; written by the client alone (read it through `snapshot`) */
  private readonly current: WritableRunSnapshot;
  /** batches of the current runs received (stale ones not counted) */
  batchesReceived = 0;
  private readonly tags = new ConfigureTags();
  private readonly listeners = new Set<(e: ClientEvent) => void>();
  private readonly connection: WorkerConnection;

  constructor(options: TrainerClientOptions = {}) {
    this.current = emptyRunSnapshot();
    this.connection = new WorkerConnection(
      options.workerFactory ?? defaultWorkerFactory,
      options.pingTimeout ?? DEFAULT_PING_TIMEOUT,
      {
        batch: (batch) => {
          this.receive(batch);
          // a state change (a run that ended, say) is never held back behind the last batch
          return options.paceBatches && batch.state === 'running' ? paced(options.paceBatches()) : undefined;
        },
        died: (message) => this.onDied(message),
        expectsProgress: () => this.current.state === 'running',
      },
    );
    this.connection.spawn();
  }

  /** Listens to batches, new runs, state changes and faults. Returns the unsubscribe function. */
  on(listener: (e: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The run as the page knows it: read-only, replaced field by field as batches arrive. */
  get snapshot(): RunSnapshot {
    return this.current;
  }

  get state(): TrainerState {
    return this.current.state;
  }

  get alive(): boolean {
    return this.connection.alive;
  }

  /**
   * Applies a partial config. The worker rejects invalid values with a ConfigError (field,
   * value, allowed) and leaves the current run untouched. Settles once the page holds the
   * change (the batch that RunInfo.sequence names); a state change in that batch is tagged
   * `fromConfigure`.
   */
  async configure(change: Partial<TrainConfig>): Promise<RunInfo> {
    const pending = this.tags.begin();
    let run: RunInfo;
    try {
      run = await this.call((r) => r.configure(change));
    } catch (err) {
      this.tags.settle(pending);
      throw asConfigError(err);
    }
    this.tags.settle(pending, run.sequence);
    await this.connection.delivered(run.sequence);
    return run;
  }

  /** Starts or resumes; settles once the page's snapshot says so. */
  start(): Promise<StatusInfo> {
    return this.command((r) => r.start());
  }

  pause(): Promise<StatusInfo> {
    return this.command((r) => r.pause());
  }

  /** Trains n more iterations; settles when they are done and delivered to the page. */
  step(n = 1): Promise<StatusInfo> {
    return this.command((r) => r.step(n));
  }

  /** Back to iteration 0 with the same seed; settles once the page holds the fresh run. */
  reset(): Promise<RunInfo> {
    return this.command((r) => r.reset());
  }

  /**
   * Custom data (see TrainerApi.setData): settles once the page holds the new run, or rejects
   * (the run unchanged) with an Error naming the row, the column and the problem.
   */
  setData(X: Float64Array, t: Int32Array, classes: number): Promise<RunInfo> {
    return this.command((r) => r.setData(X, t, classes));
  }

  gradientCheck(at?: GradientCheckSubject): Promise<GradientCheckReport> {
    return this.call((r) => r.gradientCheck(at));
  }

  evaluate(points: Float64Array): Promise<Evaluation> {
    return this.call((r) => r.evaluate(points));
  }

  getSnapshot(iteration: number): Promise<ParamSnapshot | null> {
    return this.call((r) => r.getSnapshot(iteration));
  }

  /** Backprop's gradients at packed `params` (and, with `iteration`, the update that led there). */
  gradientsAt(params: Float64Array, iteration?: number): Promise<StepGradients> {
    return this.call((r) => r.gradientsAt(params, iteration));
  }

  /**
   * The exact parameters, velocities, cost and accuracy after `iteration` updates (0 … the
   * latest); see TrainerApi.seek. Changes nothing on the page.
   */
  seek(iteration: number): Promise<SeekResult> {
    return this.call((r) => r.seek(iteration));
  }

  /**
   * Makes `iteration` the run's present (see TrainerApi.branch); settles once the page holds
   * the branched run: its costs end at `iteration`, and so do the snapshot's.
   */
  branch(iteration: number): Promise<StatusInfo> {
    return this.command((r) => r.branch(iteration));
  }

  /**
   * Makes `params` (packed, the current run's shape) the initial parameters of a new, idle run
   * on the same data (see TrainerApi.adoptParams); settles once the page holds that run.
   */
  adoptParams(params: Float64Array, shape: Shape): Promise<RunInfo> {
    return this.command((r) => r.adoptParams(params, shape));
  }

  /** A fresh worker with the last good configuration (after a crash, or on demand). */
  async restart(): Promise<RunInfo> {
    if (this.connection.disposed) throw new Error('TrainerClient.restart: the client was disposed');
    const config = this.current.config;
    const data = this.current.data;
    // A new worker numbers its runs and batches from 1 again.
    this.tags.reset();
    this.current.runId = 0;
    this.costStore.clear();
    this.testStore.clear();
    this.connection.spawn();
    if (config.generator !== 'custom' || data === null) return this.configure(config);
    // The new worker has none of the page's data: the settings first, then the data again.
    await this.configure({ ...config, generator: DEFAULT_CONFIG.generator, classes: DEFAULT_CONFIG.classes });
    return this.setData(data.X.slice(), data.t.slice(), config.classes);
  }

  /** Terminates the worker and releases the Comlink proxies. The client is unusable after. */
  dispose(): void {
    if (this.connection.disposed) return;
    this.connection.dispose();
    this.listeners.clear();
  }

  /** The worker itself, for tests that must kill it. */
  get workerForTesting(): Worker | undefined {
    return this.connection.worker;
  }

  private call<T>(fn: (remote: Remote<TrainerApi>) => Promise<T>): Promise<T> {
    return this.connection.call(fn);
  }

  /** Calls a command and settles once the page has received the batch that reflects it. */
  private async command<T extends { sequence: number }>(fn: (remote: Remote<TrainerApi>) => Promise<T>): Promise<T> {
    const result = await this.call(fn);
    await this.connection.delivered(result.sequence);
    return result;
  }

  private onDied(message: string): void {
    this.tags.reset();
    const previous = this.current.state;
    this.current.state = 'error';
    this.current.error = message;
    this.emit({ type: 'fault', message });
    if (previous !== 'error') this.emit({ type: 'state', state: 'error', previous, fromConfigure: false });
  }

  /** Takes one batch into the snapshot and the cost store, then tells the listeners. */
  private receive(batch: Batch): void {
    this.tags.received(batch.sequence);
    const view = this.current;
    if (batch.runId < view.runId) return; // stale: an earlier run (it still counts for the sequence)
    if (!batch.run && batch.runId !== view.runId) return; // a newer run without its RunInfo cannot happen
    this.batchesReceived += 1;
    if (batch.run) {
      view.runId = batch.runId;
      view.config = batch.run.config;
      view.shape = batch.run.shape;
      view.data = batch.run.data;
      view.divergedAt = undefined;
      view.error = undefined;
      view.engine = batch.run.engine;
      view.engineFallback = batch.run.engineFallback;
      this.costStore.clear();
      this.testStore.clear();
    }
    if (batch.branchedAt !== undefined) {
      this.costStore.truncate(batch.branchedAt + 1);
      this.testStore.truncate(batch.branchedAt + 1);
    }
    this.costStore.append(batch.firstIteration, batch.costs);
    if (batch.testCosts) this.testStore.append(batch.firstIteration, batch.testCosts);
    const previous = view.state;
    view.iteration = batch.iteration;
    view.cost = batch.cost;
    view.accuracy = batch.accuracy;
    view.testCost = batch.testCost ?? null;
    view.testAccuracy = batch.testAccuracy ?? null;
    view.params = batch.params;
    view.shape = batch.shape;
    view.state = batch.state;
    if (batch.config) view.config = batch.config;
    if (batch.divergedAt !== undefined) view.divergedAt = batch.divergedAt;
    if (batch.error !== undefined) view.error = batch.error;
    if (batch.run) this.emit({ type: 'run', run: batch.run });
    this.emit({ type: 'batch', batch });
    if (previous !== batch.state) {
      const state = batch.state;
      this.tags.stateChanged(batch.sequence, (fromConfigure) =>
        this.emit({ type: 'state', state, previous, fromConfigure }),
      );
    }
  }

  private emit(event: ClientEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        // A faulty listener must not stall the stream (the worker waits for this call).
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}

/** The worker's ConfigError, rebuilt from the fields it carried (any other error as it came). */
function asConfigError(err: unknown): unknown {
  if (!(err instanceof Error) || err.name !== 'ConfigError' || err instanceof ConfigError) return err;
  const { field, value, allowed } = err as Error & Partial<ConfigRejection>;
  if (typeof field !== 'string' || typeof allowed !== 'string') return err;
  return new ConfigError(field, value, allowed);
}

/** `pace`, or BATCH_PACE_MAX_MS, whichever comes first; never rejects. */
function paced(pace: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, BATCH_PACE_MAX_MS);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    pace.then(done, done);
  });
}

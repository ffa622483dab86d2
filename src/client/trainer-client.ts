// The page's handle on one training worker: wraps it with Comlink, keeps the latest state of
// the run (costs, parameters, data), and survives the worker's death. No Lit, no DOM beyond
// Worker: the dashboard's TrainerController owns one, tests and benches use it directly.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { DEFAULT_CONFIG, mergeConfig, type TrainConfig } from '../protocol/config-schema';
import type {
  Batch,
  DatasetMessage,
  Evaluation,
  GradientCheckReport,
  ParamSnapshot,
  RunInfo,
  Shape,
  StatusInfo,
  TrainerApi,
  TrainerState,
} from '../protocol/trainer-api';
import { CostStore } from './cost-store';
import { createTrainerWorker } from './worker-factory';

/** Makes the training worker. The default resolves the worker module next to this one. */
export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () => createTrainerWorker();

export interface TrainerClientOptions {
  workerFactory?: WorkerFactory;
  /**
   * How long a worker that owes an answer may stay silent before it is declared dead (ms).
   * Long enough for the longest single computation (a gradient check of the largest network).
   */
  pingTimeout?: number;
}

/** What the client knows about the run; views read it, the client alone writes it. */
export interface RunSnapshot {
  runId: number;
  config: TrainConfig;
  shape: Shape;
  data: DatasetMessage | null;
  state: TrainerState;
  iteration: number;
  cost: number;
  accuracy: number;
  /** packed parameters of `iteration` (see Batch.params) */
  params: Float64Array | null;
  divergedAt?: number;
  error?: string;
}

export type ClientEvent =
  | { type: 'batch'; batch: Batch }
  | { type: 'run'; run: RunInfo }
  /** `fromConfigure`: a configure made this change (a new run, a new iteration limit) */
  | { type: 'state'; state: TrainerState; previous: TrainerState; fromConfigure?: boolean }
  | { type: 'fault'; message: string };

/** A worker that died or stopped answering. */
export class WorkerDiedError extends Error {
  override name = 'WorkerDiedError';
}

export class TrainerClient {
  readonly costs = new CostStore();
  /** the run as the page knows it; written by the client alone (read it through `snapshot`) */
  private current: RunSnapshot;
  /** batches of the current runs received (stale ones not counted) */
  batchesReceived = 0;
  /** sequence number of the last batch from this worker, stale ones included */
  private lastSequence = 0;
  /** undefined only when the factory failed (the client is then dead, with the reason) */
  private worker?: Worker;
  private remote?: Remote<TrainerApi>;
  /** bumps with every worker, so nothing from an earlier worker is taken for the current one */
  private generation = 0;
  private pinging = false;
  private readonly listeners = new Set<(e: ClientEvent) => void>();
  private readonly factory: WorkerFactory;
  private readonly pingTimeout: number;
  private pendingCalls = 0;
  private lastMessageAt = 0;
  private watchdog?: ReturnType<typeof setInterval>;
  private dead = false;
  /** the current worker has been terminated and its proxies released */
  private tornDown = false;
  private disposed = false;
  private rejectAllPending = new Set<(err: Error) => void>();
  private sequenceWaiters: Array<{ sequence: number; resolve: () => void }> = [];

  constructor(options: TrainerClientOptions = {}) {
    this.factory = options.workerFactory ?? defaultWorkerFactory;
    this.pingTimeout = options.pingTimeout ?? 10_000;
    this.current = {
      runId: 0,
      config: { ...DEFAULT_CONFIG },
      shape: { inputs: 2, hidden: DEFAULT_CONFIG.hiddenUnits, classes: 2 },
      data: null,
      state: 'idle',
      iteration: 0,
      cost: Number.NaN,
      accuracy: Number.NaN,
      params: null,
    };
    this.spawn();
  }

  /** Listens to batches, new runs, state changes and faults. Returns the unsubscribe function. */
  on(listener: (e: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The run as the page knows it: read-only, replaced field by field as batches arrive. */
  get snapshot(): Readonly<RunSnapshot> {
    return this.current;
  }

  get state(): TrainerState {
    return this.current.state;
  }

  get alive(): boolean {
    return !this.dead && !this.disposed;
  }

  /**
   * Applies a partial config. Invalid values reject with a ConfigError (field, value, allowed)
   * before anything reaches the worker; the current run is untouched. Settles once the page
   * holds the new run (if the change started one).
   */
  async configure(change: Partial<TrainConfig>): Promise<RunInfo> {
    mergeConfig(this.current.config, change); // throws ConfigError on a bad value
    const run = await this.call((r) => r.configure(change));
    await this.delivered(run.sequence);
    return run;
  }

  /** Starts or resumes; settles once the page's view says so. */
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

  gradientCheck(): Promise<GradientCheckReport> {
    return this.call((r) => r.gradientCheck());
  }

  evaluate(points: Float64Array): Promise<Evaluation> {
    return this.call((r) => r.evaluate(points));
  }

  getSnapshot(iteration: number): Promise<ParamSnapshot | null> {
    return this.call((r) => r.getSnapshot(iteration));
  }

  /** A fresh worker with the last good configuration (after a crash, or on demand). */
  async restart(): Promise<RunInfo> {
    if (this.disposed) throw new Error('TrainerClient.restart: the client was disposed');
    const config = this.current.config;
    this.teardown(new WorkerDiedError('The training worker was restarted'));
    this.dead = false;
    this.spawn();
    return this.configure(config);
  }

  /** Terminates the worker and releases the Comlink proxies. The client is unusable after. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.teardown(new Error('TrainerClient was disposed'));
    this.listeners.clear();
  }

  /** The worker itself, for tests that must kill it. */
  get workerForTesting(): Worker | undefined {
    return this.worker;
  }

  // ── worker lifecycle ───────────────────────────────────────────────────────────────────

  private spawn(): void {
    this.tornDown = false;
    this.generation += 1;
    const generation = this.generation;
    // A new worker numbers its runs and batches from 1 again.
    this.current.runId = 0;
    this.lastSequence = 0;
    this.costs.clear();
    let worker: Worker;
    try {
      worker = this.factory();
    } catch (err) {
      // e.g. a rejected worker-url, or a CSP that forbids the worker: report it like a crash
      this.worker = undefined;
      this.remote = undefined;
      const reason = err instanceof Error ? err.message : String(err);
      queueMicrotask(() => this.declareDead(`The training worker could not start: ${reason}`));
      return;
    }
    this.worker = worker;
    worker.addEventListener('error', this.onWorkerError);
    worker.addEventListener('messageerror', this.onWorkerError);
    const remote = wrap<TrainerApi>(worker);
    this.remote = remote;
    const listener = proxy((batch: Batch) => {
      if (generation === this.generation) this.receive(batch);
    });
    this.lastMessageAt = performance.now();
    void remote.subscribe(listener).catch(() => {});
    this.watchdog = setInterval(() => void this.checkAlive(), Math.max(250, this.pingTimeout / 2));
  }

  private teardown(reason: Error): void {
    if (this.tornDown) return;
    this.tornDown = true;
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.worker?.removeEventListener('error', this.onWorkerError);
    this.worker?.removeEventListener('messageerror', this.onWorkerError);
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    for (const reject of this.rejectAllPending) reject(reason);
    this.rejectAllPending.clear();
    this.pendingCalls = 0;
    for (const waiter of this.sequenceWaiters) waiter.resolve();
    this.sequenceWaiters = [];
    this.lastSequence = 0;
  }

  private readonly onWorkerError = (event: Event): void => {
    const message =
      event instanceof ErrorEvent && event.message
        ? `The training worker failed: ${event.message}`
        : 'The training worker failed to load or crashed';
    event.preventDefault();
    this.declareDead(message);
  };

  /** Pings a worker that owes an answer and has been silent; no answer in time means dead. */
  private async checkAlive(): Promise<void> {
    const remote = this.remote;
    if (!this.alive || this.pinging || !remote) return;
    const owed = this.pendingCalls > 0 || this.current.state === 'running';
    if (!owed || performance.now() - this.lastMessageAt < this.pingTimeout / 2) return;
    const generation = this.generation;
    this.pinging = true;
    const answered = await Promise.race([
      remote.getSnapshot(0).then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.pingTimeout)),
    ]);
    this.pinging = false;
    if (generation !== this.generation) return; // an earlier worker's ping
    if (answered) this.lastMessageAt = performance.now();
    else this.declareDead('The training worker stopped responding (terminated or crashed)');
  }

  private declareDead(message: string): void {
    if (this.dead || this.disposed) return;
    this.dead = true;
    const previous = this.current.state;
    this.current.state = 'error';
    this.current.error = message;
    this.teardown(new WorkerDiedError(message));
    this.emit({ type: 'fault', message });
    if (previous !== 'error') this.emit({ type: 'state', state: 'error', previous });
  }

  /** Calls the worker; rejects if it dies first. */
  private call<T>(fn: (remote: Remote<TrainerApi>) => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('TrainerClient was disposed'));
    const remote = this.remote;
    if (this.dead || !remote) {
      return Promise.reject(new WorkerDiedError(this.current.error ?? 'The training worker died'));
    }
    this.pendingCalls += 1;
    return new Promise<T>((resolve, reject) => {
      this.rejectAllPending.add(reject);
      fn(remote).then(
        (value) => {
          this.lastMessageAt = performance.now();
          this.pendingCalls = Math.max(0, this.pendingCalls - 1);
          this.rejectAllPending.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          this.lastMessageAt = performance.now();
          this.pendingCalls = Math.max(0, this.pendingCalls - 1);
          this.rejectAllPending.delete(reject);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  // ── batches ────────────────────────────────────────────────────────────────────────────

  /** Handles one batch and returns at once: returning is the worker's go-ahead for the next. */
  private receive(batch: Batch): void {
    this.lastMessageAt = performance.now();
    if (this.disposed) return;
    this.lastSequence = batch.sequence;
    if (batch.runId < this.current.runId) {
      this.settleWaiters(); // stale: an earlier run, but it still counts for the sequence
      return;
    }
    this.batchesReceived += 1;
    const view = this.current;
    if (batch.run) {
      view.runId = batch.runId;
      view.config = batch.run.config;
      view.shape = batch.run.shape;
      view.data = batch.run.data;
      view.divergedAt = undefined;
      view.error = undefined;
      this.costs.clear();
    } else if (batch.runId !== view.runId) {
      this.settleWaiters(); // a newer run's batch without its RunInfo cannot happen; ignore
      return;
    }
    this.costs.append(batch.firstIteration, batch.costs);
    const previous = view.state;
    view.iteration = batch.iteration;
    view.cost = batch.cost;
    view.accuracy = batch.accuracy;
    view.params = batch.params;
    view.shape = batch.shape;
    view.state = batch.state;
    if (batch.config) view.config = batch.config;
    if (batch.divergedAt !== undefined) view.divergedAt = batch.divergedAt;
    if (batch.error !== undefined) view.error = batch.error;
    if (batch.run) this.emit({ type: 'run', run: batch.run });
    this.emit({ type: 'batch', batch });
    if (previous !== batch.state) {
      this.emit({ type: 'state', state: batch.state, previous, fromConfigure: batch.stateFromConfigure === true });
    }
    this.settleWaiters();
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

  /** Calls a command and settles once the page has received the batch that reflects it. */
  private async command<T extends { sequence: number }>(fn: (remote: Remote<TrainerApi>) => Promise<T>): Promise<T> {
    const result = await this.call(fn);
    await this.delivered(result.sequence);
    return result;
  }

  private delivered(sequence: number): Promise<void> {
    if (this.lastSequence >= sequence || !this.alive) return Promise.resolve();
    return new Promise((resolve) => this.sequenceWaiters.push({ sequence, resolve }));
  }

  private settleWaiters(): void {
    const waiting = this.sequenceWaiters;
    this.sequenceWaiters = [];
    for (const waiter of waiting) {
      if (waiter.sequence <= this.lastSequence) waiter.resolve();
      else this.sequenceWaiters.push(waiter);
    }
  }
}

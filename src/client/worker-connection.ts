// The client's line to one training worker at a time: starts it, calls it, hears its batches,
// and notices when it dies (an error event, or silence while it owes an answer: the watchdog).
// The watchdog can be tight because the worker never blocks its event loop for long: training
// and the gradient check run in slices of a few ms (workers/training-loop.ts, inspection.ts).
// Its life is one state: live (with everything that belongs to that worker), dead (with the
// reason) or disposed; nothing from an earlier worker is taken for the current one.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { Batch, TrainerApi } from '../protocol/trainer-api';

/** A running worker and what is tracked about it. */
interface LiveWorker {
  readonly kind: 'live';
  readonly worker: Worker;
  readonly remote: Remote<TrainerApi>;
  readonly watchdog: ReturnType<typeof setInterval>;
  /** a ping is out (the watchdog sends one at a time) */
  pinging: boolean;
  /** calls awaiting the worker's answer */
  pendingCalls: number;
  /** when the worker last spoke, or was started if it has not yet (performance.now(), ms) */
  lastMessageAt: number;
  /** the worker has spoken (its module loaded and runs); until then START_TIMEOUT applies */
  heard: boolean;
  /** the number of the last batch from this worker, stale ones included (it numbers from 1) */
  lastSequence: number;
  /** rejects each call still awaiting an answer, when the worker goes */
  readonly rejecters: Set<(err: Error) => void>;
  /** commands waiting for the batch that reflects them */
  waiters: Array<{ sequence: number; resolve: () => void }>;
}

/**
 * How long one ping may go unanswered before the worker is declared dead (ms), by default.
 * The worker answers within a slice (≤ ~10 ms at the largest network); 1.5 s leaves room for
 * a loaded machine, and a dead worker is noticed within about 2 s (see WorkerConnection).
 */
export const DEFAULT_PING_TIMEOUT = 1500;

/**
 * How long a worker that has not spoken yet may stay silent while it owes an answer (ms): its
 * module may come over a slow connection, or start beside dozens of others. A worker that
 * fails to load says so sooner, with an error event.
 */
export const START_TIMEOUT = 20_000;

type Life = LiveWorker | { readonly kind: 'dead'; readonly reason: string } | { readonly kind: 'disposed' };

/** A worker that died or stopped answering. */
export class WorkerDiedError extends Error {
  override name = 'WorkerDiedError';
}

export interface ConnectionListener {
  /** a batch of the current worker; returning (or the promise it returns settling) is the worker's go-ahead for the next */
  batch(batch: Batch): void | Promise<void>;
  /** the current worker died or could not start */
  died(message: string): void;
  /** whether the worker owes the page progress (it is training), so silence means trouble */
  expectsProgress(): boolean;
}

/**
 * The watchdog looks every `pingTimeout / 4` ms (250 at most): a worker that owes the page
 * something (an answer, or progress while training) and has been silent since the last look
 * gets a ping, one at a time; no answer within `pingTimeout` means dead. A worker that has
 * started and then dies is noticed within two looks and a ping timeout: 2 s with the default,
 * whether it was training, checking gradients or owed the answer to any other call.
 */
export class WorkerConnection {
  private life: Life = { kind: 'disposed' };
  /** how often the watchdog looks, and the silence that earns a ping (ms) */
  private readonly lookEvery: number;

  constructor(
    private readonly factory: () => Worker,
    /** how long one ping may go unanswered (ms) */
    private readonly pingTimeout: number,
    private readonly listener: ConnectionListener,
  ) {
    this.lookEvery = Math.max(10, Math.min(250, pingTimeout / 4));
  }

  get alive(): boolean {
    return this.life.kind === 'live';
  }

  get disposed(): boolean {
    return this.life.kind === 'disposed';
  }

  get worker(): Worker | undefined {
    return this.life.kind === 'live' ? this.life.worker : undefined;
  }

  /** Terminates the current worker (if any) and starts a fresh one. */
  spawn(): void {
    if (this.life.kind === 'live') this.teardown(this.life, new WorkerDiedError('The training worker was restarted'));
    let worker: Worker;
    try {
      worker = this.factory();
    } catch (err) {
      // e.g. a rejected worker-url, or a CSP that forbids the worker: reported like a crash,
      // once the constructor has returned and listeners can hear it
      const reason = `The training worker could not start: ${err instanceof Error ? err.message : String(err)}`;
      const dead = { kind: 'dead', reason } as const;
      this.life = dead;
      queueMicrotask(() => {
        if (this.life === dead) this.listener.died(reason);
      });
      return;
    }
    worker.addEventListener('error', this.onWorkerError);
    worker.addEventListener('messageerror', this.onWorkerError);
    const remote = wrap<TrainerApi>(worker);
    const live: LiveWorker = {
      kind: 'live',
      worker,
      remote,
      watchdog: setInterval(() => void this.checkAlive(live), this.lookEvery),
      pinging: false,
      pendingCalls: 0,
      lastMessageAt: performance.now(),
      heard: false,
      lastSequence: 0,
      rejecters: new Set(),
      waiters: [],
    };
    this.life = live;
    const onBatch = proxy((batch: Batch): void | Promise<void> => {
      if (this.life !== live) return;
      heardFrom(live);
      live.lastSequence = batch.sequence;
      const paced = this.listener.batch(batch);
      this.settleWaiters(live);
      return paced;
    });
    void remote.subscribe(onBatch).catch(() => {});
  }

  /** Terminates the worker and releases the Comlink proxies, for good. */
  dispose(): void {
    const life = this.life;
    this.life = { kind: 'disposed' };
    if (life.kind === 'live') this.teardown(life, new Error('TrainerClient was disposed'));
  }

  /** Calls the worker; rejects if it dies first. */
  call<T>(fn: (remote: Remote<TrainerApi>) => Promise<T>): Promise<T> {
    const live = this.life;
    if (live.kind === 'disposed') return Promise.reject(new Error('TrainerClient was disposed'));
    if (live.kind === 'dead') return Promise.reject(new WorkerDiedError(live.reason));
    live.pendingCalls += 1;
    return new Promise<T>((resolve, reject) => {
      live.rejecters.add(reject);
      const answered = (): void => {
        heardFrom(live);
        live.pendingCalls = Math.max(0, live.pendingCalls - 1);
        live.rejecters.delete(reject);
      };
      fn(live.remote).then(
        (value) => {
          answered();
          resolve(value);
        },
        (err: unknown) => {
          answered();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  /** Settles once the page has handled batch `sequence` of the current worker (or it is gone). */
  delivered(sequence: number): Promise<void> {
    const live = this.life;
    if (live.kind !== 'live' || live.lastSequence >= sequence) return Promise.resolve();
    return new Promise((resolve) => live.waiters.push({ sequence, resolve }));
  }

  private settleWaiters(live: LiveWorker): void {
    const waiting = live.waiters;
    live.waiters = [];
    for (const waiter of waiting) {
      if (waiter.sequence <= live.lastSequence) waiter.resolve();
      else live.waiters.push(waiter);
    }
  }

  /** Terminates `live`'s worker, fails its calls and releases its waiters. */
  private teardown(live: LiveWorker, reason: Error): void {
    clearInterval(live.watchdog);
    live.worker.removeEventListener('error', this.onWorkerError);
    live.worker.removeEventListener('messageerror', this.onWorkerError);
    live.remote[releaseProxy]();
    live.worker.terminate();
    for (const reject of live.rejecters) reject(reason);
    live.rejecters.clear();
    live.pendingCalls = 0;
    for (const waiter of live.waiters) waiter.resolve();
    live.waiters = [];
  }

  private readonly onWorkerError = (event: Event): void => {
    const message =
      event instanceof ErrorEvent && event.message
        ? `The training worker failed: ${event.message}`
        : 'The training worker failed to load or crashed';
    event.preventDefault();
    this.declareDead(message);
  };

  /**
   * Pings a worker that owes an answer and has been silent; no answer in time means dead. A
   * worker still starting is not pinged (the ping would wait behind its start-up) but given
   * START_TIMEOUT to speak.
   */
  private async checkAlive(live: LiveWorker): Promise<void> {
    if (this.life !== live || live.pinging) return;
    const owed = live.pendingCalls > 0 || this.listener.expectsProgress();
    const silentFor = performance.now() - live.lastMessageAt;
    if (!owed || silentFor < this.lookEvery) return;
    if (!live.heard) {
      const limit = Math.max(START_TIMEOUT, this.pingTimeout);
      if (silentFor >= limit) this.declareDead(`The training worker did not start within ${limit / 1000} s`);
      return;
    }
    live.pinging = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      live.remote.getSnapshot(0).then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.pingTimeout))),
    ]);
    clearTimeout(timer);
    live.pinging = false;
    if (this.life !== live) return; // an earlier worker's ping
    if (answered) heardFrom(live);
    else this.declareDead('The training worker stopped responding (terminated or crashed)');
  }

  private declareDead(message: string): void {
    const life = this.life;
    if (life.kind !== 'live') return;
    this.life = { kind: 'dead', reason: message };
    this.teardown(life, new WorkerDiedError(message));
    this.listener.died(message);
  }
}

function heardFrom(live: LiveWorker): void {
  live.lastMessageAt = performance.now();
  live.heard = true;
}

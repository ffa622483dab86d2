// Delivery of a run's progress to the page: at most one batch in flight; the next batch
// carries every cost computed meanwhile (coalesced, none dropped) and leaves when the page
// acknowledges the previous one (its listener call settles), or while training runs freely,
// once BATCH_INTERVAL_MS have passed since the last. Batches are numbered 1, 2, 3 …
// per worker, so a command's answer can name the batch that carries its effect.
import { transfer } from 'comlink';
import type { Batch, BatchListener, RunStart, TrainerState } from '../src/protocol/trainer-api';
import { CostBuffer } from './cost-buffer';
import { latestParams, type Run } from './run';

/**
 * While the training loop runs freely, a batch of costs alone leaves at most this often (ms);
 * the loop's flush after each slice sends it once due. Any change (a new run, a state, a
 * config) goes at once. Sending costs the worker ~0.3 ms a batch (Comlink and postMessage,
 * measured in headless Chromium): a batch per 4 ms slice took about a tenth of its time at
 * max speed, and a page draws at most once a frame.
 */
export const BATCH_INTERVAL_MS = 16;

/** What a batch reports: the current run and its state, as the service holds them now. */
export interface DeliverySource {
  readonly run: Run;
  readonly state: TrainerState;
}

export class Delivery {
  /** costs computed since the last batch left */
  readonly pending = new CostBuffer();
  /** the test costs of the same iterations, when the run has a test set (else empty) */
  readonly pendingTest = new CostBuffer();
  private listener?: BatchListener;
  private inFlight = false;
  /** batches handed to the listener so far */
  private sent = 0;
  /** the run's RunStart still to go out with its first batch */
  private runStart?: RunStart;
  /** a configure changed the config of the current run since the last batch */
  private configChanged = false;
  private stateChanged = true;
  /** when the last batch left (performance.now) */
  private sentAt = -Infinity;
  /** the earliest iteration a branch went back to since the last batch */
  private branchedAt?: number;
  /** subscribed before the worker had a run: nothing to send until one starts */
  private waitingForRun = false;

  constructor(
    private readonly source: DeliverySource,
    /** called after each acknowledgement, once the next batch (if any) is on its way */
    private readonly onAck: () => void,
    /** True while the training loop runs freely, flushing after every slice (max speed, a step) */
    private readonly loopFlushesSoon: () => boolean = () => false,
  ) {}

  /**
   * A new subscriber learns the run first, then every cost from the current iteration on;
   * with `start` null (no run yet), nothing goes until `startRun`.
   */
  subscribe(listener: BatchListener, start: RunStart | null): void {
    this.listener = listener;
    this.inFlight = false;
    if (start) this.startRun(start);
    else this.waitingForRun = true;
  }

  /** The next batch starts a run: it carries `start`, and costs from the run's current iteration. */
  startRun(start: RunStart): void {
    const { trainer } = this.source.run;
    this.waitingForRun = false;
    this.runStart = start;
    this.pending.restart(trainer.iteration);
    this.pending.push(trainer.cost);
    const { test } = this.source.run;
    this.pendingTest.restart(trainer.iteration);
    if (test) this.pendingTest.push(test.cost);
    this.stateChanged = true;
    this.branchedAt = undefined;
  }

  /** The run went back to `iteration`: pending costs after it go, and the page drops its own. */
  branch(iteration: number): void {
    for (const pending of [this.pending, this.pendingTest]) {
      if (pending.first > iteration + 1) pending.restart(iteration + 1);
      else pending.truncate(iteration + 1 - pending.first);
    }
    this.branchedAt = Math.min(this.branchedAt ?? iteration, iteration);
    this.stateChanged = true;
  }

  /** The next batch carries the run's new config. */
  markConfigChanged(): void {
    this.configChanged = true;
  }

  /** The next batch carries the new state, even if no cost is pending. */
  markStateChanged(): void {
    this.stateChanged = true;
  }

  /** The number of the batch that will carry what the worker knows now to the page. */
  deliveredBy(): number {
    const unsent = this.pending.length > 0 || this.stateChanged || this.configChanged || this.runStart !== undefined;
    return this.sent + (unsent ? 1 : 0);
  }

  /** Sends what is pending if nothing is in flight. */
  flush(): void {
    if (!this.listener || this.inFlight || this.waitingForRun) return;
    const onlyCosts = !this.stateChanged && !this.configChanged && !this.runStart;
    if (onlyCosts && this.pending.length === 0) return;
    if (onlyCosts && this.loopFlushesSoon() && performance.now() - this.sentAt < BATCH_INTERVAL_MS) return;
    const { run, state } = this.source;
    const { trainer } = run;
    const firstIteration = this.pending.first;
    const costs = this.pending.take();
    const testCosts = run.test ? this.pendingTest.take() : undefined;
    const params = latestParams(run);
    this.sent += 1;
    const batch: Batch = {
      runId: run.id,
      sequence: this.sent,
      firstIteration,
      costs,
      iteration: trainer.iteration,
      cost: trainer.cost,
      accuracy: trainer.accuracy,
      params,
      shape: run.shape,
      state,
    };
    if (run.test && testCosts) {
      batch.testCosts = testCosts;
      batch.testCost = run.test.cost;
      batch.testAccuracy = run.test.accuracy;
    }
    if (state === 'diverged') batch.divergedAt = run.divergedAt;
    if (state === 'error') batch.error = run.error;
    if (this.branchedAt !== undefined && !this.runStart) batch.branchedAt = this.branchedAt;
    this.branchedAt = undefined;
    const start = this.runStart;
    if (start) {
      start.state = state;
      start.sequence = this.sent;
      batch.run = start;
    } else if (this.configChanged) {
      batch.config = run.config;
    }
    this.runStart = undefined;
    this.configChanged = false;
    this.stateChanged = false;
    this.inFlight = true;
    this.sentAt = performance.now();
    const transfers: Transferable[] = [costs.buffer, params.buffer];
    if (testCosts) transfers.push(testCosts.buffer);
    if (start) transfers.push(start.data.X.buffer, start.data.t.buffer, start.data.testRows.buffer);
    const listener = this.listener;
    Promise.resolve(listener(transfer(batch, transfers)))
      .catch(() => {
        // The page's listener threw or went away: nothing to resend (its state is the page's).
      })
      .finally(() => {
        if (this.listener !== listener) return;
        this.inFlight = false;
        this.flush();
        this.onAck();
      });
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import type { TrainConfig } from '../protocol/config-schema';
import type { RunSnapshot, TrainerClient } from '../client/trainer-client';
import type { TimelineCommandDetail, SeekDetail, UnpinDetail } from '../events';
import type { TrainerController } from './trainer-controller';
import { frameScheduler } from '../render/canvas/frame-scheduler';

/** A cost curve kept to compare runs: `pinRun()`, or the future a `branch()` dropped. */
export interface PinnedRun {
  readonly label: string;
  /** the settings of the run it was pinned from */
  readonly config: Readonly<TrainConfig>;
  /** its costs, iteration 0 first */
  readonly costs: Float64Array;
}

/** Pinned runs kept at most. */
export const MAX_PINNED_RUNS = 5;
/** Longest pinned-run label (characters). */
export const MAX_PIN_LABEL = 60;
/** Play-back speeds the scrubber offers (iterations a frame); `playback()` takes any 1 … 1,000,000. */
export const PLAYBACK_SPEEDS: readonly number[] = [1, 10, 100];
/** The worker's seek answers the page keeps (the run's, least recently shown dropped first). */
export const KEPT_SEEKS = 128;
/** After a seek, this many further steps the same way are asked for ahead (prefetched). */
export const PREFETCH_STEPS = 2;

/** The state at the viewed past iteration, exact (from the worker's seek). */
interface Viewed {
  readonly runId: number;
  readonly iteration: number;
  /** packed parameters (see Batch.params) */
  readonly params: Float64Array;
  /** packed velocities: the update that led to `params` (P_k − P_{k−1}) */
  readonly velocities: Float64Array;
  readonly cost: number;
  readonly accuracy: number;
  /** the test rows' cost and accuracy of `params`; null without a test set */
  readonly testCost: number | null;
  readonly testAccuracy: number | null;
  /** the snapshot handed to the views while this is shown (made once) */
  view?: RunSnapshot;
  unpacked?: Params;
}

export interface TimelineOptions {
  trainer: Pick<TrainerController, 'on' | 'snapshot' | 'params' | 'costs'>;
  /** the client once pending property changes have reached the worker */
  settled: () => Promise<TrainerClient>;
  /** pauses the run; settles once the page shows it paused */
  pause: () => Promise<void>;
  /** settles once every shown view has drawn what the host rendered last */
  drawn: () => Promise<void>;
  announce: (message: string) => void;
  /** a command from the scrubber or the legend failed (the methods reject instead) */
  onFailure: (message: string) => void;
}

/**
 * The run's timeline: which iteration the views show (the latest, "live", or a past one the
 * worker sought exactly), play-back of the history, branching, and the pinned runs.
 *
 * The one place that decides what the views see: `view(run)` is the snapshot the element hands
 * every view (its `iteration`, `params`, `cost`, `accuracy`, `testCost` and `testAccuracy` are the
 * viewed iteration's) and `viewedParams` the same parameters unpacked. A new run, or training resuming, returns to live.
 */
export class TimelineController implements ReactiveController {
  private viewed: Viewed | null = null;
  /** replaced, never changed in place (the cost curve redraws on a new array) */
  private pins: readonly PinnedRun[] = [];
  /** the iteration a seek asked for that is still to be fetched (latest request wins) */
  private target?: number;
  private fetching?: Promise<void>;
  /**
   * The worker's answers to seeks of this run, by the iteration asked for (at most KEPT_SEEKS,
   * the last shown last): exact and unchanging until a branch or a new run, so a seek to one of
   * them is shown in the task that asks for it, with no round trip to the worker. A scrubber
   * dragged or a key held shows its next step in the frame the input came in.
   */
  private readonly kept = new Map<number, Viewed>();
  /** the iteration the last fetch showed, and whether ahead-of-time seeks are under way */
  private shownLast?: number;
  private prefetching = false;
  /** bumped to stop a play-back */
  private playToken = 0;
  /** iterations a frame while playing back; 0 when not playing */
  playbackSpeed = 0;
  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TimelineOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off ??= this.options.trainer.on((event) => {
      if (event.type === 'run' || event.type === 'detach') this.forget();
      if (event.type === 'run' || event.type === 'detach' || (event.type === 'state' && event.state === 'running')) {
        this.goLive();
      }
    });
  }

  /** Whether the views show the latest iteration. */
  get live(): boolean {
    return this.viewed === null;
  }

  get viewedIteration(): number {
    return this.viewed?.iteration ?? this.options.trainer.snapshot.iteration;
  }

  /** The latest delivered iteration. */
  get latest(): number {
    return this.options.trainer.snapshot.iteration;
  }

  /** The viewed parameters as matrices (shared, do not mutate): the views' `params`. */
  get params(): Params | null {
    const viewed = this.viewed;
    if (!viewed) return this.options.trainer.params;
    viewed.unpacked ??= unpackParams(viewed.params, this.options.trainer.snapshot.shape);
    return viewed.unpacked;
  }

  /**
   * The update that led to the viewed past iteration (its packed velocities, from the seek's
   * answer); null while live or at iteration 0.
   */
  get viewedUpdate(): Float64Array | null {
    const viewed = this.viewed;
    return viewed && viewed.iteration > 0 ? viewed.velocities : null;
  }

  /** The snapshot every view draws from: the live run, or it with the viewed iteration's numbers. */
  view(run: Readonly<RunSnapshot>): Readonly<RunSnapshot> {
    const viewed = this.viewed;
    if (!viewed) return run;
    viewed.view ??= {
      ...run,
      iteration: viewed.iteration,
      params: viewed.params,
      cost: viewed.cost,
      accuracy: viewed.accuracy,
      testCost: viewed.testCost,
      testAccuracy: viewed.testAccuracy,
    };
    // the rest (state, config, data) as the run has it now
    return viewed.view.state === run.state && viewed.view.config === run.config
      ? viewed.view
      : (viewed.view = { ...viewed.view, state: run.state, config: run.config });
  }

  get pinned(): readonly PinnedRun[] {
    return this.pins;
  }

  /** Shows iteration k (0 … latest) everywhere; pauses a running run first. Settles once drawn. */
  async seek(iteration: number): Promise<void> {
    await this.settled();
    this.stopPlayback();
    await this.pauseIfRunning();
    this.checkIteration('seek', iteration);
    await this.show(iteration);
  }

  /**
   * Plays the history forward from the viewed iteration (from 0 if live) to the latest, `speed`
   * iterations a frame; settles when it reaches the latest (live) or is stopped.
   */
  async playback(speed = 1): Promise<void> {
    if (typeof speed !== 'number' || !Number.isInteger(speed) || speed < 1 || speed > 1_000_000) {
      throw new RangeError(
        `playback: speed must be an integer from 1 to 1000000 iterations a frame; got ${String(speed)}`,
      );
    }
    await this.settled();
    await this.pauseIfRunning();
    const token = ++this.playToken;
    this.playbackSpeed = speed;
    this.host.requestUpdate();
    let at = this.live ? 0 : this.viewedIteration;
    try {
      await this.show(at);
      while (token === this.playToken && at < this.latest) {
        at = Math.min(this.latest, at + speed);
        await this.show(at);
      }
    } finally {
      if (token === this.playToken) {
        this.playbackSpeed = 0;
        this.host.requestUpdate();
      }
    }
  }

  stopPlayback(): void {
    if (this.playbackSpeed === 0) return;
    this.playToken += 1;
    this.playbackSpeed = 0;
    this.host.requestUpdate();
  }

  /**
   * Makes the viewed iteration the run's present (see TrainerApi.branch). The costs it drops
   * are kept as a pinned run first; with MAX_PINNED_RUNS pinned it refuses instead.
   */
  async branch(): Promise<void> {
    const client = await this.settled();
    this.stopPlayback();
    await this.pauseIfRunning();
    const k = this.viewedIteration;
    const costs = this.options.trainer.costs.toArray();
    const future = costs.length > k + 1;
    if (future && this.pins.length >= MAX_PINNED_RUNS) {
      throw new Error(
        `branch: ${MAX_PINNED_RUNS} runs are pinned, the most; unpin one first, so the iterations after ${k} that a branch drops are kept`,
      );
    }
    const config = { ...this.options.trainer.snapshot.config };
    await client.branch(k);
    // the iterations after k are trained anew: their kept answers would be the old future's
    this.forget();
    this.viewed = null;
    if (future)
      this.pins = [...this.pins, { label: `Before the branch at ${k} (to ${costs.length - 1})`, config, costs }];
    this.host.requestUpdate();
    this.options.announce(
      future ? `Branched at iteration ${k}; the iterations after it are pinned` : `Branched at iteration ${k}`,
    );
    await this.drawn();
  }

  /** Keeps the current run's costs as a ghost series; returns it. */
  pinRun(label?: string): PinnedRun {
    if (label !== undefined && typeof label !== 'string') {
      throw new TypeError(`pinRun: label must be a string; got ${typeof label}`);
    }
    const text = (label ?? '').trim() || this.defaultLabel();
    if (text.length > MAX_PIN_LABEL) {
      throw new RangeError(`pinRun: label must be at most ${MAX_PIN_LABEL} characters; got ${text.length}`);
    }
    if (this.pins.length >= MAX_PINNED_RUNS) {
      throw new RangeError(`pinRun: at most ${MAX_PINNED_RUNS} runs can be pinned; unpin one first`);
    }
    const costs = this.options.trainer.costs.toArray();
    if (costs.length === 0) throw new Error('pinRun: the run has no costs yet');
    const pin: PinnedRun = { label: text, config: { ...this.options.trainer.snapshot.config }, costs };
    this.pins = [...this.pins, pin];
    this.host.requestUpdate();
    this.options.announce(`Pinned “${text}”`);
    return pin;
  }

  unpinRun(index: number): void {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= this.pins.length) {
      throw new RangeError(
        `unpinRun: index must be an integer from 0 to ${this.pins.length - 1} (${this.pins.length} pinned); got ${String(index)}`,
      );
    }
    const pin = this.pins[index];
    this.pins = this.pins.filter((_, i) => i !== index);
    this.host.requestUpdate();
    this.options.announce(`Removed the pinned run “${pin.label}”`);
  }

  // ── the parts' events ───────────────────────────────────────────────────────────────────

  readonly onSeek = (event: CustomEvent<SeekDetail>): void => {
    event.stopPropagation();
    this.seek(event.detail.iteration).catch(this.fail);
  };

  readonly onCommand = (event: CustomEvent<TimelineCommandDetail>): void => {
    event.stopPropagation();
    const { command, speed } = event.detail;
    if (command === 'play') this.playback(speed).catch(this.fail);
    else if (command === 'stop') this.stopPlayback();
    else if (command === 'branch') this.branch().catch(this.fail);
    else this.guard(() => this.pinRun());
  };

  readonly onUnpin = (event: CustomEvent<UnpinDetail>): void => {
    event.stopPropagation();
    this.guard(() => this.unpinRun(event.detail.index));
  };

  // ── inside ──────────────────────────────────────────────────────────────────────────────

  private readonly fail = (err: unknown): void => {
    this.options.onFailure(err instanceof Error ? err.message : String(err));
  };

  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      this.fail(err);
    }
  }

  private async settled(): Promise<TrainerClient> {
    return this.options.settled();
  }

  private async pauseIfRunning(): Promise<void> {
    if (this.options.trainer.snapshot.state === 'running') await this.options.pause();
  }

  private checkIteration(fn: string, iteration: unknown): asserts iteration is number {
    const latest = this.latest;
    if (typeof iteration !== 'number' || !Number.isInteger(iteration) || iteration < 0 || iteration > latest) {
      throw new RangeError(
        `${fn}: iteration must be an integer from 0 to ${latest} (the latest); got ${String(iteration)}`,
      );
    }
  }

  /** Fetches iteration k (the latest request wins while one is in flight), then waits until drawn. */
  private async show(iteration: number): Promise<void> {
    this.target = iteration;
    // A fetch that has just taken its last target may still be settling: wait, then start anew.
    while (this.target !== undefined) {
      this.fetching ??= this.fetch().finally(() => (this.fetching = undefined));
      await this.fetching;
    }
    await this.drawn();
  }

  private async fetch(): Promise<void> {
    const client = await this.settled();
    while (this.target !== undefined) {
      const k = this.target;
      this.target = undefined;
      const run = this.options.trainer.snapshot;
      if (k >= run.iteration) {
        this.viewed = null;
      } else {
        const viewed = this.recall(k) ?? (await this.ask(client, k));
        // a new run or a branch since: that answer is of no use
        if (!viewed) continue;
        this.viewed = viewed;
        this.prefetchFrom(client, k);
      }
      this.shownLast = this.viewed ? k : undefined;
      // every view shows k in the same frame, even if together they cost more than its budget
      frameScheduler.drawTogether();
      this.host.requestUpdate();
    }
  }

  /** The kept answer to a seek of k in this run, marked as the last shown; undefined if none. */
  private recall(k: number): Viewed | undefined {
    const viewed = this.kept.get(k);
    const run = this.options.trainer.snapshot;
    if (!viewed || viewed.runId !== run.runId || viewed.iteration > run.iteration) return undefined;
    this.kept.delete(k);
    this.kept.set(k, viewed);
    return viewed;
  }

  /** The worker's answer to a seek of k, kept; null if the run was replaced or branched meanwhile. */
  private async ask(client: TrainerClient, k: number): Promise<Viewed | null> {
    const seen = await client.seek(k);
    const now = this.options.trainer.snapshot;
    if (seen.runId !== now.runId || seen.iteration > now.iteration) return null;
    const viewed: Viewed = {
      runId: seen.runId,
      iteration: seen.iteration,
      params: seen.params,
      velocities: seen.velocities,
      cost: seen.cost,
      accuracy: seen.accuracy,
      testCost: seen.testCost ?? null,
      testAccuracy: seen.testAccuracy ?? null,
    };
    this.kept.set(k, viewed);
    if (this.kept.size > KEPT_SEEKS) this.kept.delete(this.kept.keys().next().value as number);
    return viewed;
  }

  /**
   * Asks the worker ahead for the next PREFETCH_STEPS steps the scrubber is taking (k's step
   * from the iteration shown before it, the same way), one at a time and only while no seek
   * waits, so the next key or pointer move finds its answer kept.
   */
  private prefetchFrom(client: TrainerClient, k: number): void {
    const from = this.shownLast;
    if (from === undefined || from === k || this.prefetching) return;
    const step = k - from;
    this.prefetching = true;
    const ahead = async (): Promise<void> => {
      for (let j = 1; j <= PREFETCH_STEPS; j++) {
        const next = k + j * step;
        if (this.target !== undefined || next < 0 || next >= this.latest) return;
        if (!this.kept.has(next) && !(await this.ask(client, next))) return;
      }
    };
    ahead()
      .catch(() => {
        // a worker that went away, a run replaced: the seek itself reports what matters
      })
      .finally(() => (this.prefetching = false));
  }

  /** Drops the kept answers (a new run, a branch, the worker gone). */
  private forget(): void {
    this.kept.clear();
    this.shownLast = undefined;
  }

  private async drawn(): Promise<void> {
    await this.options.drawn();
  }

  private goLive(): void {
    this.stopPlayback();
    this.shownLast = undefined;
    if (this.viewed === null) return;
    this.viewed = null;
    this.host.requestUpdate();
  }

  private defaultLabel(): string {
    const { learningRate, momentum, hiddenUnits } = this.options.trainer.snapshot.config;
    return `Run ${this.pins.length + 1}: ε ${learningRate}, μ ${momentum}, ${hiddenUnits} hidden`;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import type { TrainConfig } from '../protocol/config-schema';
import type { TrainerState } from '../protocol/trainer-api';
import { CostStore } from '../client/cost-store';
import {
  TrainerClient,
  emptyRunSnapshot,
  type ClientEvent,
  type RunSnapshot,
  type TrainerClientOptions,
} from '../client/trainer-client';
import { frameScheduler } from '../render/canvas/frame-scheduler';

/** How long a removed element keeps its worker, so a move within the DOM does not restart it. */
export const DETACH_GRACE_MS = 1000;

/** What the other controllers hear from the trainer, in the order it happened. */
export type TrainerEvent =
  /** a new client (and worker) is ready: it needs the host's whole configuration */
  | { type: 'attach' }
  /** the client was disposed of (the host stayed removed past the grace period) */
  | { type: 'detach' }
  /** a new run began (new data or initial parameters) */
  | { type: 'run' }
  /** the commit phase of a frame in which batches or state changes arrived */
  | { type: 'frame' }
  /** `fromConfigure`: a configure made this change (a new run, a new iteration limit) */
  | { type: 'state'; state: TrainerState; previous: TrainerState; fromConfigure: boolean }
  | { type: 'fault'; message: string };

/** The run before a worker is there: idle, default settings, nothing trained. */
const NO_RUN: Readonly<RunSnapshot> = Object.freeze(emptyRunSnapshot());
const NO_COSTS = new CostStore();

/**
 * Owns the element's TrainerClient across the host's lifecycle: creates it on connect, keeps
 * it through a move within the DOM, disposes of it a little after removal, and turns the batch
 * stream into at most one host update per animation frame (the commit phase of the page's
 * frame scheduler). The host and its other controllers read the run through `snapshot`,
 * `params` and `costs`, and hear about it through `on()`.
 */
export class TrainerController implements ReactiveController {
  /** iterations per second over the last second of delivered batches */
  rate = 0;
  private current?: TrainerClient;
  private detachTimer?: ReturnType<typeof setTimeout>;
  /** cancels the deferred making of the client, while it waits */
  private attachPending?: () => void;
  private off?: () => void;
  private rateWindow: Array<{ t: number; iteration: number }> = [];
  private readyResolvers: Array<(client: TrainerClient) => void> = [];
  private readonly listeners = new Set<(event: TrainerEvent) => void>();
  private unpacked: { source: Float64Array; params: Params } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      /** the client's options, read each time a client is made */
      client: () => TrainerClientOptions;
      /** whether the host is worth redrawing now (off-screen hosts skip their per-frame update) */
      isVisible: () => boolean;
      /**
       * Runs the making of a client (its worker) later, returning a cancel function; default: at
       * once, on connect. The element makes it after its first paint (components/after-paint.ts):
       * starting a module worker holds the main thread 5–10 ms, in the task that builds the page.
       */
      defer?: (work: () => void) => () => void;
    },
  ) {
    host.addController(this);
  }

  /** The run as the page knows it, read-only (an idle run before a worker is there). */
  get snapshot(): Readonly<RunSnapshot> {
    return this.current?.snapshot ?? NO_RUN;
  }

  /** The snapshot's parameters as matrices, unpacked once per delivered batch (do not mutate). */
  get params(): Params | null {
    const run = this.snapshot;
    if (!run.params) return null;
    if (this.unpacked?.source !== run.params) {
      this.unpacked = { source: run.params, params: unpackParams(run.params, run.shape) };
    }
    return this.unpacked.params;
  }

  /** Every delivered cost of the run (read-only; empty before a worker is there). */
  get costs(): Pick<CostStore, 'values' | 'version' | 'toArray'> {
    return this.current?.costs ?? NO_COSTS;
  }

  /** Every delivered test cost, aligned with `costs` (read-only; empty without a test set). */
  get testCosts(): Pick<CostStore, 'values' | 'version' | 'toArray' | 'length'> {
    return this.current?.testCostStore ?? NO_COSTS;
  }

  /** Whether there is a worker to talk to. */
  get attached(): boolean {
    return this.current !== undefined;
  }

  /** Whether a client is on its way: the host is connected and its worker waits for the first paint (`defer`). */
  get attaching(): boolean {
    return this.current === undefined && this.attachPending !== undefined;
  }

  /** False once the worker died (a restart brings a new one). */
  get alive(): boolean {
    return this.current?.alive ?? true;
  }

  /** Listens to the run (see TrainerEvent); returns the unsubscribe function. */
  on(listener: (event: TrainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hostConnected(): void {
    if (this.detachTimer !== undefined) {
      clearTimeout(this.detachTimer);
      this.detachTimer = undefined;
    }
    if (this.current || this.attachPending) return;
    const make = (): void => {
      this.attachPending = undefined;
      if (!this.current && this.host.isConnected) this.attach(new TrainerClient(this.options.client()));
    };
    if (!this.options.defer) return make();
    const cancel = this.options.defer(make);
    if (!this.current) this.attachPending = cancel;
  }

  hostDisconnected(): void {
    this.attachPending?.();
    this.attachPending = undefined;
    frameScheduler.cancel(this.commit);
    this.detachTimer = setTimeout(() => {
      this.detachTimer = undefined;
      this.detach();
    }, DETACH_GRACE_MS);
  }

  /** The client, once the host is connected. */
  ready(): Promise<TrainerClient> {
    if (this.current) return Promise.resolve(this.current);
    return new Promise((resolve) => this.readyResolvers.push(resolve));
  }

  /** A fresh worker with the last good configuration. */
  async restart(): Promise<void> {
    await this.current?.restart();
    this.host.requestUpdate();
  }

  /** Sends a validated change to the worker; settles once the page shows it. */
  async configure(change: Partial<TrainConfig>): Promise<void> {
    const client = await this.ready();
    await client.configure(change);
  }

  private attach(client: TrainerClient): void {
    this.current = client;
    this.off = client.on(this.onClientEvent);
    this.emit({ type: 'attach' });
    for (const resolve of this.readyResolvers) resolve(client);
    this.readyResolvers = [];
  }

  private detach(): void {
    this.off?.();
    this.off = undefined;
    this.current?.dispose();
    this.current = undefined;
    this.unpacked = null;
    this.rateWindow = [];
    this.rate = 0;
    this.emit({ type: 'detach' });
  }

  private emit(event: TrainerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private readonly onClientEvent = (event: ClientEvent): void => {
    switch (event.type) {
      case 'batch':
        this.measureRate(event.batch.iteration);
        this.scheduleFrame();
        break;
      case 'run':
        this.rateWindow = [];
        this.rate = 0;
        this.emit({ type: 'run' });
        break;
      case 'state':
        this.emit({
          type: 'state',
          state: event.state,
          previous: event.previous,
          fromConfigure: event.fromConfigure === true,
        });
        this.host.requestUpdate();
        this.scheduleFrame();
        break;
      case 'fault':
        this.emit({ type: 'fault', message: event.message });
        this.host.requestUpdate();
        break;
    }
  };

  /** The host commits the run's latest state in the next frame's commit phase; its views draw in that frame. */
  private scheduleFrame(): void {
    if (!this.host.isConnected) return;
    frameScheduler.requestCommit(this.commit);
  }

  private readonly commit = (): void => {
    if (this.options.isVisible()) this.host.requestUpdate();
    this.emit({ type: 'frame' });
  };

  private measureRate(iteration: number): void {
    const t = performance.now();
    const w = this.rateWindow;
    w.push({ t, iteration });
    while (w.length > 2 && t - w[0].t > 1000) w.shift();
    const first = w[0];
    const dt = t - first.t;
    this.rate = dt > 50 ? ((iteration - first.iteration) * 1000) / dt : this.rate;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrainConfig } from '../protocol/config-schema';
import type { TrainerState } from '../protocol/trainer-api';
import { TrainerClient, type ClientEvent, type TrainerClientOptions } from '../client/trainer-client';
import { frameScheduler } from '../render/canvas/frame-scheduler';

/** How long a removed element keeps its worker, so a move within the DOM does not restart it. */
export const DETACH_GRACE_MS = 1000;

export interface TrainerControllerCallbacks {
  /** once per animation frame while batches arrive (and the host is worth drawing) */
  onFrame?: () => void;
  onStateChange?: (state: TrainerState, previous: TrainerState, fromConfigure: boolean) => void;
  onFault?: (message: string) => void;
  /** a new run began (new data or initial parameters) */
  onRun?: () => void;
  /** whether the host is worth redrawing now (off-screen hosts skip their per-frame update) */
  isVisible?: () => boolean;
  /** a new client (and worker) is ready: send it the host's configuration */
  onAttach?: (client: TrainerClient) => void;
  /** the client was disposed of (the host stayed removed past the grace period) */
  onDetach?: () => void;
}

/**
 * Owns the dashboard's TrainerClient across the host's lifecycle: creates it on connect,
 * keeps it through a move within the DOM, disposes of it a little after removal, and turns
 * the batch stream into at most one host update per animation frame.
 */
export class TrainerController implements ReactiveController {
  client?: TrainerClient;
  /** iterations per second over the last second of delivered batches */
  rate = 0;
  private detachTimer?: ReturnType<typeof setTimeout>;
  private off?: () => void;
  private rateWindow: Array<{ t: number; iteration: number }> = [];
  private readyResolvers: Array<(client: TrainerClient) => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly callbacks: TrainerControllerCallbacks,
    private readonly options: () => TrainerClientOptions = () => ({}),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.detachTimer !== undefined) {
      clearTimeout(this.detachTimer);
      this.detachTimer = undefined;
    }
    if (!this.client) this.attach(new TrainerClient(this.options()));
  }

  hostDisconnected(): void {
    frameScheduler.cancel(this.commit);
    this.detachTimer = setTimeout(() => {
      this.detachTimer = undefined;
      this.detach();
    }, DETACH_GRACE_MS);
  }

  /** The client, once the host is connected. */
  ready(): Promise<TrainerClient> {
    if (this.client) return Promise.resolve(this.client);
    return new Promise((resolve) => this.readyResolvers.push(resolve));
  }

  /** A fresh worker with the last good configuration. */
  async restart(): Promise<void> {
    await this.client?.restart();
    this.host.requestUpdate();
  }

  /** Applies a validated change. */
  async configure(change: Partial<TrainConfig>): Promise<void> {
    const client = await this.ready();
    await client.configure(change);
  }

  private attach(client: TrainerClient): void {
    this.client = client;
    this.off = client.on(this.onClientEvent);
    this.callbacks.onAttach?.(client);
    for (const resolve of this.readyResolvers) resolve(client);
    this.readyResolvers = [];
  }

  private detach(): void {
    this.off?.();
    this.off = undefined;
    this.client?.dispose();
    this.client = undefined;
    this.rateWindow = [];
    this.rate = 0;
    this.callbacks.onDetach?.();
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
        this.callbacks.onRun?.();
        break;
      case 'state':
        this.callbacks.onStateChange?.(event.state, event.previous, event.fromConfigure === true);
        this.scheduleFrame();
        break;
      case 'fault':
        this.callbacks.onFault?.(event.message);
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
    if (this.callbacks.isVisible?.() ?? true) this.host.requestUpdate();
    this.callbacks.onFrame?.();
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

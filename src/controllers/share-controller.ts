import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { unpackParams } from '../core/params';
import type { Shape } from '../core/types';
import { CONFIG_FIELDS, type ConfigKey, type PageSettings, type TrainConfig } from '../protocol/config-schema';
import {
  ShareStateError,
  checkFormat,
  configJson,
  costsCsv,
  decodeState,
  embedCode,
  encodeState,
  paramsJson,
  type SharedState,
} from '../protocol/share/index';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import type { ConfigSync } from './config-sync';
import type { TrainerController } from './trainer-controller';

/** What `shareState()` puts in the text besides the settings. */
export interface ShareOptions {
  /**
   * the run's custom data (generated data need no room: the settings make them again). A run
   * on custom data cannot be shared without them: shareState throws unless this is true.
   */
  data?: boolean;
  /** the viewed iteration's parameters: "look at this network" */
  params?: boolean;
}

/** The parameters the views show: the viewed iteration's. */
export interface ViewedParams {
  params: Float64Array | null;
  shape: Readonly<Shape>;
}

export interface ShareControllerOptions {
  trainer: Pick<TrainerController, 'snapshot' | 'costs' | 'testCosts' | 'ready'>;
  settings: Pick<ConfigSync, 'settled' | 'errors'>;
  /** the parameters handed to the views (the viewed iteration's) */
  viewed: () => ViewedParams;
  /** the host's settings properties: read as they are, written as the host would */
  read: (key: ConfigKey) => unknown;
  write: (key: ConfigKey, value: unknown) => void;
  /** the page settings and boolean attributes embedCode writes (non-default ones) */
  page: () => PageSettings;
  flags: () => Record<string, boolean>;
}

/**
 * The run as text: `shareState`/`loadState` (the state codec of src/protocol/share) and the
 * exports (costs, parameters, settings, embed code). Loads one state at a time; a state the
 * codec rejects changes nothing, and a setting the worker refuses (an engine this browser
 * cannot run) puts every setting back and rejects.
 */
export class ShareController implements ReactiveController {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ShareControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The current run's settings, and optionally the viewed parameters, as a URL-safe text. */
  shareState(what: ShareOptions = {}): string {
    const run = this.options.trainer.snapshot;
    const state: SharedState = { config: { ...run.config } };
    if (run.config.generator === 'custom') {
      if (!what.data) throw new Error('shareState: the run trains on custom data; pass { data: true } to share them');
      if (!run.data) throw new Error('shareState: the custom data have not reached the page yet');
      state.data = { X: { rows: run.data.samples, cols: 2, data: run.data.X.slice() }, t: run.data.t.slice() };
    }
    if (what.params) {
      const { params, shape } = this.options.viewed();
      if (!params) throw new Error('shareState: there are no parameters to share yet (the worker has not sent any)');
      state.params = { params: params.slice(), shape: { ...shape } };
    }
    return encodeState(state);
  }

  /**
   * Shows the state `text` holds: its custom data if any, its settings (absent ones are the defaults), then its network
   * if it holds one (a new idle run from those parameters). Settles once the page shows it;
   * rejects with the codec's ShareStateError (nothing changed) or the setting the worker refused
   * (settings put back). Never throws synchronously.
   */
  loadState(text: unknown): Promise<void> {
    const next = this.queue.then(
      () => this.load(text),
      () => this.load(text),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(text: unknown): Promise<void> {
    const state = decodeState(text);
    const { trainer, settings, read, write } = this.options;
    await this.host.updateComplete;
    await settings.settled();
    const before = new Map<ConfigKey, unknown>(CONFIG_FIELDS.map((f) => [f.key, read(f.key)]));
    if (state.data) {
      // The worker takes the data first (it checks them and makes the generator "custom"); the
      // settings that follow then apply to them.
      const client = await trainer.ready();
      await client.setData(state.data.X.data, state.data.t, state.config.classes);
    }
    for (const f of CONFIG_FIELDS) write(f.key, state.config[f.key]);
    await this.host.updateComplete;
    await settings.settled();
    const refused = CONFIG_FIELDS.find((f) => !Object.is(trainer.snapshot.config[f.key], state.config[f.key]));
    if (refused) {
      for (const [key, value] of before) write(key, value);
      await this.host.updateComplete;
      await settings.settled();
      const why = settings.errors[refused.key] ?? `the worker kept ${String(trainer.snapshot.config[refused.key])}`;
      throw new ShareStateError(refused.key, `was refused: ${why}`);
    }
    if (state.params) {
      const client = await trainer.ready();
      await client.adoptParams(state.params.params, state.params.shape);
    }
    await this.shown();
  }

  /** After the frame that draws what the page now holds (at once where no frame will come). */
  private async shown(): Promise<void> {
    if (this.host.isConnected && document.visibilityState === 'visible') await frameScheduler.afterDraw();
    await this.host.updateComplete;
  }

  /** `iteration,cost` per iteration from 0, and `test_cost` where the run has a test set. */
  exportCosts(format: unknown = 'csv'): string {
    checkFormat('exportCosts', format, 'csv');
    return costsCsv(this.options.trainer.costs.values, this.options.trainer.testCosts.values);
  }

  /** `{ Wh, bh, Wo, bo }` of the viewed iteration as nested arrays (the tutorial's shapes). */
  exportParams(format: unknown = 'json'): string {
    checkFormat('exportParams', format, 'json');
    const { params, shape } = this.options.viewed();
    if (!params) throw new Error('exportParams: there are no parameters yet (the worker has not sent any)');
    return paramsJson(unpackParams(params.slice(), { ...shape }));
  }

  /** Every setting of the current run by property name. */
  exportConfig(format: unknown = 'json'): string {
    checkFormat('exportConfig', format, 'json');
    return configJson(this.options.trainer.snapshot.config);
  }

  /** `<backprop-lab …>` with the non-default settings of the current run. */
  embedCode(): string {
    const config: TrainConfig = { ...this.options.trainer.snapshot.config };
    return embedCode({ config, page: this.options.page(), flags: this.options.flags() });
  }
}

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import {
  DEFAULT_CONFIG,
  type ConfigKey,
  type Generator,
  type Speed,
  type TrainConfig,
} from '../protocol/config-schema';
import type { GradientCheckReport, TrainerState } from '../protocol/trainer-api';
import { ConfigSync, settingConverter } from '../controllers/config-sync';
import { TrainerController } from '../controllers/trainer-controller';
import type { WorkerFactory } from '../client/trainer-client';
import { createTrainerWorker } from '../client/worker-factory';
import { VisibilityController } from '../controllers/visibility';
import { publicEvent, type ProgressDetail } from '../events';
import { backpropLabStyles } from './backprop-lab.styles';
import './bp-controls';
import './bp-cost-curve';
import './bp-decision-map';
import './bp-gradient-check';
import './bp-hidden-space';
import { STATE_LABELS } from './state-labels';

/** How a run ended, for `whenFinished()`. */
export interface RunResult {
  state: Extract<TrainerState, 'done' | 'diverged' | 'error'>;
  iteration: number;
  cost: number;
  accuracy: number;
  error?: string;
}

/** A view that `toDataURL(view)` can snapshot. */
export type ViewName = 'decision-map' | 'hidden-space' | 'cost-curve';
const VIEW_NAMES: readonly string[] = ['decision-map', 'hidden-space', 'cost-curve'];
const EMPTY_COSTS = new Float64Array(0);

/**
 * Trains a small neural network live and shows why it works: the tutorial "How to implement a
 * neural network, part 4: vectorization" as an embeddable dashboard. Training runs in a Web
 * Worker; the element draws.
 *
 * @attr generator - data set (`circles`)
 * @attr samples - number of data points (2–10000, default 100)
 * @attr noise - Gaussian noise of the data (0–1, default 0.1)
 * @attr factor - inner circle radius relative to the outer (0 ≤ f < 1, default 0.3)
 * @attr hidden-units - logistic hidden units (1–64, default 3)
 * @attr learning-rate - gradient descent step (> 0, default 0.02)
 * @attr momentum - momentum term (0 ≤ m < 1, default 0.9)
 * @attr iterations - where the run stops (default 300)
 * @attr init-scale - standard deviation of the initial weights (default 0.1)
 * @attr seed - seed of the random stream (default 1, the notebook's)
 * @attr speed - iterations per second, or `max` (default 60)
 * @attr autoplay - start training when the element connects
 * @attr worker-url - where trainer.worker.js is served on this page's origin, if not next to the library
 * @attr no-controls - hide the settings and transport controls
 *
 * @fires bp-progress - training advanced; detail {iteration, cost, accuracy}; at most once per frame
 * @fires bp-state-change - detail {state, previous}
 * @fires bp-done - the run reached its last iteration; detail {iteration, cost, accuracy}
 * @fires bp-diverged - a non-finite cost stopped the run; detail {iteration}
 * @fires bp-error - the worker failed or a typed setting was rejected; detail {message, field?}
 *
 * @csspart controls - the settings and transport controls
 * @csspart status - the status line
 * @csspart decision-map - the decision-boundary map
 * @csspart hidden-space - the 3-D hidden-space view
 * @csspart cost-curve - the cost curve
 * @csspart gradient-check - the gradient-check table
 *
 * @cssprop --bp-class-0-color - colour of class 0 (outer circle, stars)
 * @cssprop --bp-class-1-color - colour of class 1 (inner circle, dots)
 * @cssprop --bp-background - background
 * @cssprop --bp-text-color - text colour
 * @cssprop --bp-muted-color - secondary text colour
 * @cssprop --bp-accent-color - focus rings and highlights
 * @cssprop --bp-font-family - font
 */
export class BackpropLab extends LitElement {
  static override styles = backpropLabStyles;

  // ── settings (attributes ↔ properties; validated by the config schema) ──────────────────
  @property({ converter: settingConverter('generator') }) generator: Generator = DEFAULT_CONFIG.generator;
  @property({ converter: settingConverter('samples') }) samples: number = DEFAULT_CONFIG.samples;
  @property({ converter: settingConverter('noise') }) noise: number = DEFAULT_CONFIG.noise;
  @property({ converter: settingConverter('factor') }) factor: number = DEFAULT_CONFIG.factor;
  @property({ attribute: 'hidden-units', converter: settingConverter('hiddenUnits') })
  hiddenUnits: number = DEFAULT_CONFIG.hiddenUnits;
  @property({ attribute: 'learning-rate', converter: settingConverter('learningRate') })
  learningRate: number = DEFAULT_CONFIG.learningRate;
  @property({ converter: settingConverter('momentum') }) momentum: number = DEFAULT_CONFIG.momentum;
  @property({ converter: settingConverter('iterations') }) iterations: number = DEFAULT_CONFIG.iterations;
  @property({ attribute: 'init-scale', converter: settingConverter('initScale') })
  initScale: number = DEFAULT_CONFIG.initScale;
  @property({ converter: settingConverter('seed') }) seed: number = DEFAULT_CONFIG.seed;
  @property({ converter: settingConverter('speed') }) speed: Speed = DEFAULT_CONFIG.speed;
  @property({ type: Boolean }) autoplay = false;
  @property({ type: Boolean, attribute: 'no-controls' }) noControls = false;

  /**
   * URL of `trainer.worker.js` on the page's own origin, when it is not next to the library's
   * entry file: e.g. a copy under a strict CSP (`worker-src 'self'`). Other origins are refused
   * (use `setTrainerWorkerUrl` or `workerFactory` from a script). Read when the element
   * connects (and when it restarts its worker).
   */
  @property({ attribute: 'worker-url' }) workerUrl?: string;

  /**
   * Makes the training worker yourself (takes precedence over `worker-url`). Set it before
   * the element connects.
   */
  @property({ attribute: false }) workerFactory?: WorkerFactory;

  @state() private report: GradientCheckReport | null = null;
  @state() private checking = false;
  @state() private checkError = '';
  @state() private announcement = '';
  @state() private fault = '';

  private readonly trainer = new TrainerController(
    this,
    {
      onFrame: () => this.emitProgress(),
      onStateChange: (s, previous, fromConfigure) => this.onStateChange(s, previous, fromConfigure),
      onFault: (message) => {
        this.fault = message;
        this.dispatchEvent(publicEvent('bp-error', { message }));
      },
      onRun: () => {
        this.report = null;
        this.unpacked = null;
        // progress events report training, not a fresh run at iteration 0
        this.lastProgressIteration = this.trainer.client?.snapshot.iteration ?? 0;
      },
      isVisible: () => this.visibility.visible,
      // A new worker (first connection, or re-added after removal) gets the whole configuration.
      onAttach: () => this.settings.workerAttached(),
      onDetach: () => {
        this.autoplayed = false;
        this.settleFinished({
          state: 'error',
          iteration: 0,
          cost: Number.NaN,
          accuracy: Number.NaN,
          error: 'The element was removed before the run finished',
        });
      },
    },
    () => ({
      workerFactory:
        this.workerFactory ??
        (() => createTrainerWorker(this.workerUrl, { sameOriginOnly: this.workerUrl !== undefined })),
    }),
  );
  // Catch up once when the element comes back on-screen (views skip drawing while hidden).
  private readonly visibility = new VisibilityController(this, (visible) => visible && this.requestUpdate());
  private unpacked: { source: Float64Array; params: Params } | null = null;
  private lastProgressIteration = -1;
  private autoplayed = false;
  private readonly settings = new ConfigSync(this, {
    read: (key) => this[key],
    write: (key, value) => ((this as unknown as Record<ConfigKey, unknown>)[key] = value),
    configure: (change) => this.trainer.configure(change),
    afterApply: () => this.maybeAutoplay(),
    onFault: (message) => (this.fault = message),
  });
  private finishWaiters: Array<(result: RunResult) => void> = [];
  private readonly reducedMotion =
    typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;

  // ── read-only state ──────────────────────────────────────────────────────────────────────

  /** `idle`, `running`, `paused`, `done`, `diverged` or `error`. */
  get state(): TrainerState {
    return this.trainer.client?.snapshot.state ?? 'idle';
  }

  /** The latest delivered iteration (0 before training). */
  get iteration(): number {
    return this.trainer.client?.snapshot.iteration ?? 0;
  }

  /** The cost at `iteration` (summed cross-entropy, as the tutorial). */
  get cost(): number {
    return this.trainer.client?.snapshot.cost ?? Number.NaN;
  }

  /** Fraction of samples classified right at `iteration`, 0 to 1. */
  get accuracy(): number {
    return this.trainer.client?.snapshot.accuracy ?? Number.NaN;
  }

  /** Every recorded cost, iteration 0 first (a copy). */
  get costs(): Float64Array {
    return this.trainer.client?.costs.toArray() ?? new Float64Array(0);
  }

  /** The parameters at `iteration` (a copy): Wh D×H, bh 1×H, Wo H×C, bo 1×C. */
  get params(): Params | null {
    const view = this.trainer.client?.snapshot;
    if (!view?.params) return null;
    return unpackParams(view.params.slice(), view.shape);
  }

  /** Rejected settings, by config field: each message says field, value and what is allowed. */
  get configErrors(): Partial<Record<ConfigKey, string>> {
    return { ...this.settings.errors };
  }

  /** The configuration the current run uses (the last good one). */
  get config(): TrainConfig {
    return { ...(this.trainer.client?.snapshot.config ?? DEFAULT_CONFIG) };
  }

  // ── methods ──────────────────────────────────────────────────────────────────────────────

  /** Starts or resumes training; settles once it has. */
  async start(): Promise<void> {
    const client = await this.settled();
    await client.start();
  }

  /** Pauses; settles once the page shows the paused run. */
  async pause(): Promise<void> {
    const client = await this.settled();
    await client.pause();
  }

  /** Trains `n` more iterations (then pauses); settles when they are shown. */
  async step(n = 1): Promise<void> {
    const client = await this.settled();
    await client.step(n);
  }

  /** Back to iteration 0 with the same data and initial parameters. */
  async reset(): Promise<void> {
    const client = await this.settled();
    if (!client.alive) await this.trainer.restart();
    else await client.reset();
    this.fault = '';
  }

  /** Runs the numerical gradient check on the current parameters (in the worker). */
  async gradientCheck(): Promise<GradientCheckReport> {
    const client = await this.settled();
    this.checking = true;
    this.checkError = '';
    try {
      this.report = await client.gradientCheck();
      return this.report;
    } catch (err) {
      this.checkError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.checking = false;
    }
  }

  /** The client, once pending property changes have reached the worker. */
  private async settled() {
    await this.updateComplete;
    await this.settings.settled();
    return this.trainer.ready();
  }

  /**
   * Settles when the current run ends: done, diverged or error (at once if it already has,
   * once pending property changes are applied). For scripts and tests:
   * `await lab.start(); const result = await lab.whenFinished();`
   */
  async whenFinished(): Promise<RunResult> {
    await this.settled();
    const result = this.finishedResult();
    if (result) return result;
    return new Promise((resolve) => this.finishWaiters.push(resolve));
  }

  /** A PNG data URL of one view, for image snapshots. */
  async toDataURL(view: ViewName): Promise<string> {
    if (!VIEW_NAMES.includes(view)) {
      throw new TypeError(`toDataURL: view must be one of ${VIEW_NAMES.join(', ')}; got ${String(view)}`);
    }
    await this.updateComplete;
    const el = this.renderRoot.querySelector(`[part~="${view}"]`) as
      (HTMLElement & { toDataURL?: () => string }) | null;
    if (!el?.toDataURL)
      throw new Error(`toDataURL: view must be one of decision-map, hidden-space, cost-curve; got ${String(view)}`);
    return el.toDataURL();
  }

  /**
   * Re-reads the `--bp-*` colours and font into every view. Views read them when they
   * connect and when the colour scheme changes, never per frame: call this after changing them.
   */
  refreshColors(): void {
    for (const part of ['decision-map', 'hidden-space', 'cost-curve']) {
      const view = this.renderRoot.querySelector(`[part~="${part}"]`) as
        (Element & { refreshColors?: () => void }) | null;
      view?.refreshColors?.();
    }
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    this.reducedMotion?.addEventListener('change', this.onMotionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.reducedMotion?.removeEventListener('change', this.onMotionChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.settings.propertiesChanged((key) => changed.has(key), this.trainer.client !== undefined);
  }

  /** Autoplay starts the run once per connection; under reduced motion it jumps to the result. */
  private async maybeAutoplay(): Promise<void> {
    if (!this.autoplay || this.autoplayed) return;
    this.autoplayed = true;
    const client = await this.trainer.ready();
    if (this.reducedMotion?.matches) {
      this.settings.markSent('speed', 'max');
      await client.configure({ speed: 'max' });
    }
    if (client.state === 'idle') await client.start();
  }

  private readonly onMotionChange = (): void => this.requestUpdate();

  // ── stream → views ───────────────────────────────────────────────────────────────────────

  /** Fires bp-progress if the run moved on since the last one (per frame, and before state changes). */
  private emitProgress(): void {
    const view = this.trainer.client?.snapshot;
    if (!view) return;
    if (view.iteration !== this.lastProgressIteration) {
      this.lastProgressIteration = view.iteration;
      const detail: ProgressDetail = { iteration: view.iteration, cost: view.cost, accuracy: view.accuracy };
      this.dispatchEvent(publicEvent('bp-progress', detail));
    }
  }

  private onStateChange(next: TrainerState, previous: TrainerState, fromConfigure: boolean): void {
    const view = this.trainer.client?.snapshot;
    // Public events are for user actions and training; what the host caused by setting a
    // property (a new seed, fewer iterations) is not announced back to it.
    if (!(fromConfigure && this.settings.configuring === 'host')) {
      this.emitProgress(); // listeners see the last iteration before bp-done / bp-diverged
      this.dispatchEvent(publicEvent('bp-state-change', { state: next, previous }));
      if (next === 'done' && view) {
        this.dispatchEvent(
          publicEvent('bp-done', { iteration: view.iteration, cost: view.cost, accuracy: view.accuracy }),
        );
      }
      if (next === 'diverged' && view) {
        this.dispatchEvent(publicEvent('bp-diverged', { iteration: view.divergedAt ?? view.iteration }));
      }
    }
    if (next === 'error' && view?.error && !this.fault) {
      this.fault = view.error;
      this.dispatchEvent(publicEvent('bp-error', { message: view.error }));
    }
    this.announcement = this.describeState(next);
    const result = this.finishedResult();
    if (result) this.settleFinished(result);
    this.requestUpdate();
  }

  private settleFinished(result: RunResult): void {
    const waiters = this.finishWaiters;
    this.finishWaiters = [];
    for (const resolve of waiters) resolve(result);
  }

  private finishedResult(): RunResult | null {
    const view = this.trainer.client?.snapshot;
    if (!view || (view.state !== 'done' && view.state !== 'diverged' && view.state !== 'error')) return null;
    return {
      state: view.state,
      iteration: view.iteration,
      cost: view.cost,
      accuracy: view.accuracy,
      ...(view.error ? { error: view.error } : {}),
    };
  }

  private describeState(s: TrainerState): string {
    const view = this.trainer.client?.snapshot;
    const at = view ? ` at iteration ${view.iteration}` : '';
    switch (s) {
      case 'running':
        return 'Training started';
      case 'paused':
        return `Paused${at}`;
      case 'done':
        return `Done${at}: accuracy ${formatPercent(view?.accuracy ?? Number.NaN)}`;
      case 'diverged':
        return `Diverged at iteration ${view?.divergedAt ?? '?'}: try a smaller learning rate`;
      case 'error':
        return `Error: ${view?.error ?? 'the training worker failed'}`;
      case 'idle':
        return 'Ready to train';
    }
  }

  /** The current parameters as matrices, unpacked once per delivered batch. */
  private currentParams(): Params | null {
    const view = this.trainer.client?.snapshot;
    if (!view?.params) return null;
    if (this.unpacked?.source !== view.params) {
      this.unpacked = { source: view.params, params: unpackParams(view.params, view.shape) };
    }
    return this.unpacked.params;
  }

  // ── user input from the parts ────────────────────────────────────────────────────────────

  private onConfigInput(event: CustomEvent<{ key: ConfigKey; text: string }>): void {
    event.stopPropagation();
    const { key, text } = event.detail;
    const message = this.settings.userEntered(key, text);
    if (message !== undefined) {
      this.announcement = message;
      this.dispatchEvent(publicEvent('bp-error', { message, field: key }));
    }
  }

  private onCommand(event: CustomEvent<{ command: 'start' | 'pause' | 'step' | 'reset' }>): void {
    event.stopPropagation();
    const run = (): Promise<void> => {
      switch (event.detail.command) {
        case 'start':
          return this.start();
        case 'pause':
          return this.pause();
        case 'step':
          return this.step(1);
        case 'reset':
          return this.reset();
      }
    };
    run().catch((err: unknown) => {
      this.fault = err instanceof Error ? err.message : String(err);
    });
  }

  /** The fault notice's button: a fresh worker if it died, else a fresh run. */
  private readonly onRecover = (): void => {
    const recover = this.trainer.client?.alive === false ? this.trainer.restart() : this.reset();
    recover.then(
      () => (this.fault = ''),
      (err: unknown) => (this.fault = err instanceof Error ? err.message : String(err)),
    );
  };

  private onGradientCheckRequest(event: Event): void {
    event.stopPropagation();
    this.gradientCheck().catch(() => {
      // shown in the table's error line
    });
  }

  // ── template ─────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const client = this.trainer.client;
    const view = client?.snapshot;
    const s = view?.state ?? 'idle';
    const params = this.currentParams();
    const data = view?.data ?? null;
    // While training, the map renders at a frame-budget resolution; sharp once it stops.
    const quality = s === 'running' ? 'fast' : 'full';
    const errors = Object.entries(this.settings.errors);
    return html`
      <div class="layout">
        ${
          this.noControls
            ? nothing
            : html`<bp-controls
                part="controls"
                exportparts="field, input, button, error"
                .config=${view?.config ?? DEFAULT_CONFIG}
                .state=${s}
                .errors=${this.settings.errors}
                @bp-config-input=${this.onConfigInput}
                @bp-command=${this.onCommand}
              ></bp-controls>`
        }
        ${
          this.noControls && errors.length
            ? html`<div class="notice" part="error" role="status">
                ${errors.map(([, message]) => html`<div>${message}</div>`)}
              </div>`
            : nothing
        }
        ${
          this.fault
            ? html`<div class="notice" role="alert">
                ${this.fault}
                <button type="button" @click=${this.onRecover}>
                  ${client?.alive === false ? 'Restart the worker' : 'Reset the run'}
                </button>
              </div>`
            : nothing
        }
        <dl class="status" part="status" aria-label="Training status">
          <div>
            <dt class="visually-hidden">State</dt>
            <dd class="state">${STATE_LABELS[s]}</dd>
          </div>
          <div>
            <dt>Iteration</dt>
            <dd>${view?.iteration ?? 0} / ${view?.config.iterations ?? this.iterations}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>${formatNumber(view?.cost ?? Number.NaN)}</dd>
          </div>
          <div>
            <dt>Accuracy</dt>
            <dd>${formatPercent(view?.accuracy ?? Number.NaN)}</dd>
          </div>
          <div>
            <dt>Speed</dt>
            <dd>${s === 'running' ? `${Math.round(this.trainer.rate)} it/s` : '—'}</dd>
          </div>
        </dl>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <div class="figures">
          <figure>
            <bp-decision-map part="decision-map" .params=${params} .data=${data} .quality=${quality}></bp-decision-map>
            <figcaption>
              <strong>Decision boundary.</strong> Each pixel of [-2, 2]² is classified by the network as it is now; the
              line is where both classes are equally likely. Stars are the outer circle, dots the inner one.
            </figcaption>
          </figure>
          <figure>
            <bp-hidden-space part="hidden-space" .params=${params} .data=${data}></bp-hidden-space>
            <figcaption>
              <strong>Hidden space.</strong> Each point moved to the activations of three hidden units. Training pulls
              the classes apart until one plane (the output layer) separates them.
            </figcaption>
          </figure>
          <figure>
            <bp-cost-curve
              part="cost-curve"
              .costs=${client?.costs.values ?? EMPTY_COSTS}
              .revision=${client?.costs.version ?? 0}
              .run=${view?.runId ?? 0}
              .iterations=${view?.config.iterations ?? this.iterations}
            ></bp-cost-curve>
            <figcaption>
              <strong>Cost.</strong> The summed cross-entropy after each iteration of gradient descent with momentum.
            </figcaption>
          </figure>
          <figure>
            <bp-gradient-check
              part="gradient-check"
              .report=${this.report}
              .busy=${this.checking}
              .error=${this.checkError}
              @bp-gradient-check-request=${this.onGradientCheckRequest}
            ></bp-gradient-check>
            <figcaption>
              <strong>Gradient check.</strong> Backpropagation's gradients against central differences (ε = 10⁻⁴),
              compared as numpy's <code>isclose</code>.
            </figcaption>
          </figure>
        </div>
      </div>
    `;
  }
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(5);
}

function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '—';
}

if (!customElements.get('backprop-lab')) customElements.define('backprop-lab', BackpropLab);

declare global {
  interface HTMLElementTagNameMap {
    'backprop-lab': BackpropLab;
  }
}

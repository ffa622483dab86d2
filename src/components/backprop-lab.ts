import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import {
  type ConfigKey,
  type ControlsMode,
  type LabView,
  type PageKey,
  type TrainConfig,
} from '../protocol/config-schema';
import type { GradientCheckReport, TrainerState } from '../protocol/trainer-api';
import type { WorkerFactory } from '../client/trainer-client';
import { createTrainerWorker } from '../client/worker-factory';
import { AutoplayController } from '../controllers/autoplay';
import { ConfigSync } from '../controllers/config-sync';
import { FaultRecoveryController } from '../controllers/fault-recovery';
import { PageSettingsController } from '../controllers/page-settings';
import { RunController, type RunResult } from '../controllers/run-controller';
import { RunEventsController } from '../controllers/run-events';
import { TrainerController } from '../controllers/trainer-controller';
import { VisibilityController } from '../controllers/visibility';
import { backpropLabStyles } from './backprop-lab.styles';
import './bp-controls';
import { VIEW_NAMES, findView, renderFigures, type ViewName } from './lab-figures';
import { renderFault, renderSettingErrors, renderStatus } from './lab-status';
import { SettingsElement } from './settings-element';
import { describeState } from './state-labels';

export type { RunResult } from '../controllers/run-controller';
export type { ViewName } from './lab-figures';
export type { ControlsMode, LabView } from '../protocol/config-schema';
// Not public (src/index.ts does not export it): dts-bundle-generator imports a library type into
// the declaration bundle only when a module on the entry's export chain names it, and the parts'
// lifecycle signatures (reached through HTMLElementTagNameMap) use this one.
export type { PropertyValues } from 'lit';

/**
 * Trains a small neural network live and shows why it works: the tutorial "How to implement a
 * neural network, part 4: vectorization" as an embeddable dashboard. Training runs in a Web
 * Worker; the element draws.
 *
 * Each training setting is an attribute and a property declared from the schema table
 * (src/protocol/config-schema.ts), which also documents its limits and default.
 *
 * The element lays out by its own width (container queries), not the viewport's: views side by
 * side from about 520 px, stacked below. Before the script defines it, reserve its box so the
 * page does not jump when it upgrades: `backprop-lab:not(:defined) { display: block;
 * min-height: … }` (the README's "Sizing and layout shift").
 *
 * @attr autoplay - start training when the element connects
 * @attr worker-url - where trainer.worker.js is served on this page's origin, if not next to the library
 * @attr no-controls - an alias of `controls="none"`: hide the settings, the transport and the status line
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
 * @csspart figure - each view's box (the view and its caption)
 * @csspart caption - each view's caption
 *
 * @slot decision-map-caption - replaces the decision map's caption
 * @slot hidden-space-caption - replaces the hidden space's caption
 * @slot cost-curve-caption - replaces the cost curve's caption
 * @slot gradient-check-caption - replaces the gradient check's caption
 *
 * @cssprop --bp-class-0-color - class 0 (the circles’ outer ring): stars; default #d62728 (#ff8a80 under light text, i.e. on a dark background)
 * @cssprop --bp-class-1-color - class 1 (inner disc): circles; default #1f77b4 (#3d9bff under light text)
 * @cssprop --bp-class-2-color - class 2: squares; default #009e73 (#8ae8cc under light text)
 * @cssprop --bp-class-3-color - class 3: triangles; default #e69f00 (#f4d371 under light text)
 * @cssprop --bp-class-4-color - class 4: diamonds; default #aa3377 (#e94fb8 under light text)
 * @cssprop --bp-background - background
 * @cssprop --bp-text-color - text colour
 * @cssprop --bp-muted-color - secondary text colour
 * @cssprop --bp-accent-color - focus rings and highlights (and the training cost curve)
 * @cssprop --bp-test-cost-color - the test cost curve (dashed), with a test set; default the text colour
 * @cssprop --bp-font-family - font
 * @cssprop --bp-view-max-size - the largest width of each view (the maps are square, so also their height); default none
 */
export class BackpropLab extends SettingsElement {
  static override styles = backpropLabStyles;

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

  private readonly page = new PageSettingsController(this);
  // Catch up once when the element comes back on-screen (views skip drawing while hidden).
  private readonly visibility = new VisibilityController(this, (visible) => visible && this.requestUpdate());
  private readonly trainer = new TrainerController(this, {
    client: () => ({
      workerFactory:
        this.workerFactory ??
        (() => createTrainerWorker(this.workerUrl, { sameOriginOnly: this.workerUrl !== undefined })),
    }),
    isVisible: () => this.visibility.visible,
  });
  private readonly settings: ConfigSync = new ConfigSync(this, {
    read: (key) => this[key],
    write: (key, value) => ((this as unknown as Record<ConfigKey, unknown>)[key] = value),
    trainer: this.trainer,
    afterApply: () => this.autoplayer.maybeStart(),
    onFault: (message) => this.faults.show(message),
    onRejected: (message, key) => {
      this.events.announce(message);
      this.events.error(message, key);
    },
  });
  private readonly events = new RunEventsController(this, {
    trainer: this.trainer,
    isHostChange: () => this.settings.configuring === 'host',
    describe: describeState,
  });
  private readonly faults = new FaultRecoveryController(this, {
    trainer: this.trainer,
    report: (message) => this.events.error(message),
    reset: () => this.reset(),
  });
  private readonly run = new RunController(this, {
    trainer: this.trainer,
    settings: () => this.settings.settled(),
    onReset: () => this.faults.clear(),
    onFailure: (message) => this.faults.show(message),
  });
  private readonly autoplayer = new AutoplayController(this, {
    trainer: this.trainer,
    settings: this.settings,
    enabled: () => this.autoplay,
  });

  // ── read-only state ──────────────────────────────────────────────────────────────────────

  /** `idle`, `running`, `paused`, `done`, `diverged` or `error`. */
  get state(): TrainerState {
    return this.trainer.snapshot.state;
  }

  /** The latest delivered iteration (0 before training). */
  get iteration(): number {
    return this.trainer.snapshot.iteration;
  }

  /** The cost at `iteration` (summed cross-entropy, as the tutorial). */
  get cost(): number {
    return this.trainer.snapshot.cost;
  }

  /** Fraction of samples classified right at `iteration`, 0 to 1. */
  get accuracy(): number {
    return this.trainer.snapshot.accuracy;
  }

  /** Every recorded cost, iteration 0 first (a copy). */
  get costs(): Float64Array {
    return this.trainer.costs.toArray();
  }

  /** The parameters at `iteration` (a copy): Wh D×H, bh 1×H, Wo H×C, bo 1×C. */
  get params(): Params | null {
    const run = this.trainer.snapshot;
    return run.params ? unpackParams(run.params.slice(), run.shape) : null;
  }

  /** Rejected settings, by field (training and page settings): each message says field, value and what is allowed. */
  get configErrors(): Partial<Record<ConfigKey | PageKey, string>> {
    return { ...this.settings.errors, ...this.page.errors };
  }

  /** The views shown, in display order (the last valid `views`). */
  get shownViews(): LabView[] {
    return [...this.page.views];
  }

  /** The configuration the current run uses (the last good one). */
  get config(): TrainConfig {
    return { ...this.trainer.snapshot.config };
  }

  /**
   * The engine training the current run: `'wasm'` (WebAssembly SIMD) or `'js'`; null until the
   * worker's first run arrives. With `engine="auto"` it is `'js'` where WebAssembly cannot run
   * (no SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval' for the worker); the
   * status line then says why. An `engine="wasm"` that cannot run is a rejected setting
   * (`configErrors.engine`, shown beside the field), and the last good run goes on.
   */
  get activeEngine(): 'wasm' | 'js' | null {
    return this.trainer.snapshot.engine ?? null;
  }

  // ── methods ──────────────────────────────────────────────────────────────────────────────

  /** Starts or resumes training; settles once it has. */
  start(): Promise<void> {
    return this.run.start();
  }

  /** Pauses; settles once the page shows the paused run. */
  pause(): Promise<void> {
    return this.run.pause();
  }

  /** Trains `n` more iterations (then pauses); settles when they are shown. */
  step(n = 1): Promise<void> {
    return this.run.step(n);
  }

  /** Back to iteration 0 with the same data and initial parameters. */
  reset(): Promise<void> {
    return this.run.reset();
  }

  /**
   * Runs the numerical gradient check on the current parameters (in the worker, in slices).
   * Rejects with an Error named `GradientCheckInterruptedError` if `pause()`, `reset()` or a
   * setting that starts a new run stops it first.
   */
  gradientCheck(): Promise<GradientCheckReport> {
    return this.run.gradientCheck();
  }

  /**
   * Settles when the current run ends: done, diverged or error (at once if it already has,
   * once pending property changes are applied). For scripts and tests:
   * `await lab.start(); const result = await lab.whenFinished();`
   */
  whenFinished(): Promise<RunResult> {
    return this.run.whenFinished();
  }

  /** A PNG data URL of one view, for image snapshots. */
  async toDataURL(view: ViewName): Promise<string> {
    if (!VIEW_NAMES.includes(view)) {
      throw new TypeError(`toDataURL: view must be one of ${VIEW_NAMES.join(', ')}; got ${String(view)}`);
    }
    await this.updateComplete;
    const el = findView(this.renderRoot, view);
    if (!el) throw new Error(`toDataURL: the ${view} view is not shown (views="${this.page.views.join(' ')}")`);
    return el.toDataURL();
  }

  /**
   * Re-reads the `--bp-*` colours and font into every view. Views read them when they
   * connect and when the colour scheme changes, never per frame: call this after changing them.
   */
  refreshColors(): void {
    for (const view of VIEW_NAMES) findView(this.renderRoot, view)?.refreshColors();
  }

  // ── template ─────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const run = this.trainer.snapshot;
    const controls: ControlsMode = this.noControls ? 'none' : this.page.controls;
    return html`
      <div class="layout" data-controls=${controls}>
        ${
          controls === 'none'
            ? renderSettingErrors({ ...this.settings.errors, ...this.page.errors })
            : html`<bp-controls
                  part="controls"
                  exportparts="field, input, button, error"
                  .mode=${controls}
                  .config=${run.config}
                  .state=${run.state}
                  .errors=${this.settings.errors}
                  @bp-config-input=${this.settings.onConfigInput}
                  @bp-command=${this.run.onCommand}
                  >${renderStatus(run, this.trainer.rate, 'status')}</bp-controls
                >
                ${renderSettingErrors(this.page.errors)}`
        }
        ${renderFault(this.faults.message, this.faults.needsRestart, this.faults.recover)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.events.announcement}</div>
        ${renderFigures({
          run,
          params: this.trainer.params,
          costs: this.trainer.costs,
          testCosts: this.trainer.testCosts,
          check: {
            report: this.run.report,
            busy: this.run.checking,
            error: this.run.checkError,
            interrupted: this.run.checkInterrupted,
          },
          onGradientCheckRequest: this.run.onGradientCheckRequest,
          views: this.page.views,
          captions: !this.noCaptions,
        })}
      </div>
    `;
  }
}

if (!customElements.get('backprop-lab')) customElements.define('backprop-lab', BackpropLab);

declare global {
  interface HTMLElementTagNameMap {
    'backprop-lab': BackpropLab;
  }
}

import { CSSResult, html, nothing, type LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { packParams, shapeOf, unpackParams } from '../core/params';
import type { Params } from '../core/types';
import {
  type ConfigKey,
  type ControlsMode,
  type LabView,
  type PageKey,
  type TrainConfig,
} from '../protocol/config-schema';
import type { GradientCheckReport, TrainerState } from '../protocol/trainer-api';
import type { DataValue } from '../core/data-io/validate';
import type { TrainerClient, WorkerFactory } from '../client/trainer-client';
import { createTrainerWorker } from '../client/worker-factory';
import { AUTOPLAY_VIEWS_WAIT_MS, AutoplayController } from '../controllers/autoplay';
import { ConfigSync } from '../controllers/config-sync';
import { DataController, type DataFormat } from '../controllers/data-controller';
import { FaultRecoveryController } from '../controllers/fault-recovery';
import { PageSettingsController } from '../controllers/page-settings';
import { PointLinkController } from '../controllers/point-link';
import { ReadoutPace } from '../controllers/readout-pace';
import { PointEditingController } from '../controllers/point-editing';
import { RunController, type RunResult } from '../controllers/run-controller';
import { RunEventsController } from '../controllers/run-events';
import {
  PLAYBACK_SPEEDS,
  MAX_PINNED_RUNS,
  TimelineController,
  type PinnedRun,
} from '../controllers/timeline-controller';
import { ShareController, type ShareOptions } from '../controllers/share-controller';
import { TrainerController } from '../controllers/trainer-controller';
import { UrlStateController } from '../controllers/url-state';
import { ViewedCheckController } from '../controllers/viewed-check';
import { ViewedGradientsController } from '../controllers/viewed-gradients';
import { VisibilityController } from '../controllers/visibility';
import { viewsShown } from '../render/canvas/canvas-view';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import { sharedGl } from '../render/gl/shared-context';
import { afterNextPaint, afterPaint } from './after-paint';
import { backpropLabStyles } from './backprop-lab.styles';
import './bp-controls';
import './bp-timeline';
import { VIEW_NAMES, findView, renderFigures, viewsDrawn, type ViewName } from './lab-figures';
import { renderFault, renderSettingErrors, renderStatus } from './lab-status';
import { describePoint, renderPointReadout } from './point-readout';
import { SettingsElement } from './settings-element';
import { exportItems } from './export-items';
import type { ExportItem } from './bp-export-menu';
import { describeState } from './state-labels';

export type { RunResult } from '../controllers/run-controller';
export type { PinnedRun } from '../controllers/timeline-controller';
export type { ShareOptions } from '../controllers/share-controller';
export type { ViewName } from './lab-figures';
export type { ControlsMode, LabView } from '../protocol/config-schema';
export type { DataFormat } from '../controllers/data-controller';
export type { DataValue } from '../core/data-io/validate';
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
 * @attr url-state - keep the state in the page's `location.hash` (as `<id>=<state>`, or `lab=<state>` without an id) and load it from there; one element per key
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
 * @csspart network - the network diagram (`views` must name it)
 * @csspart timeline - the scrubber under the views (iteration slider, play-back, branch, pin)
 * @csspart point-tools - beside the decision map (full controls): the class of new points, Undo and Redo
 * @csspart figure - each view's box (the view and its caption)
 * @csspart caption - each view's caption
 * @csspart point-readout - the hovered sample's x, h(x), p(x) and class (shown while one is)
 *
 * @slot decision-map-caption - replaces the decision map's caption
 * @slot hidden-space-caption - replaces the hidden space's caption
 * @slot cost-curve-caption - replaces the cost curve's caption
 * @slot gradient-check-caption - replaces the gradient check's caption
 * @slot network-caption - replaces the network diagram's caption
 *
 * @cssprop --bp-class-0-color - class 0 (the circles’ outer ring): stars; default #d62728 (#ff8a80 under light text, i.e. on a dark background)
 * @cssprop --bp-class-1-color - class 1 (inner disc): circles; default #1f77b4 (#3d9bff under light text)
 * @cssprop --bp-class-2-color - class 2: squares; default #009e73 (#8ae8cc under light text)
 * @cssprop --bp-class-3-color - class 3: triangles; default #e69f00 (#f4d371 under light text)
 * @cssprop --bp-class-4-color - class 4: diamonds; default #aa3377 (#e94fb8 under light text)
 * @cssprop --bp-low-color - the network diagram's unit maps at 0 (neutral, the background, at 0.5); default #f59322
 * @cssprop --bp-high-color - the network diagram's unit maps at 1; default #0877bd
 * @cssprop --bp-negative-weight-color - the network diagram's links and biases below 0; default the low colour
 * @cssprop --bp-positive-weight-color - the network diagram's links and biases above 0; default the high colour
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
   * Keeps the element's state (`shareState()`: the settings, and custom data where there are
   * some) in the page's `location.hash`, as the entry `<id>=<state>` (`lab=<state>` for an
   * element without an id; other entries are left alone), and loads it when the element
   * connects and when the hash changes. Written a moment after a change, with
   * `history.replaceState` (no history entry). Off by default, so embedders' URLs are left
   * alone. Two elements must not share a key: give each its own id (a second one with the same
   * key reports a `bp-error` and leaves the URL alone).
   */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

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
        // its WebGL warm-up makes the views' first context cheap: that waits for it
        (() =>
          sharedGl.awaitWarmUp(createTrainerWorker(this.workerUrl, { sameOriginOnly: this.workerUrl !== undefined }))),
      // the next batch once the views have shown this one: each batch is drawn by every view
      paceBatches: viewsShown,
    }),
    isVisible: () => this.visibility.visible,
    // the worker starts in the first task after the element's first paint, not while it is built
    defer: afterNextPaint,
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
  private readonly timeline: TimelineController = new TimelineController(this, {
    trainer: this.trainer,
    settled: () => this.settledClient(),
    pause: () => this.run.pause(),
    drawn: async () => {
      await this.updateComplete;
      await viewsDrawn(this.renderRoot);
    },
    announce: (message) => this.events.announce(message),
    onFailure: (message) => {
      this.events.announce(message);
      this.events.error(message);
    },
  });
  private readonly readout = new ReadoutPace(this);
  private readonly link = new PointLinkController(this, {
    data: () => this.trainer.snapshot.data,
    announce: (index) => this.events.announce(describePoint(this.timeline.params, this.trainer.snapshot.data, index)),
  });
  private readonly dataIo = new DataController(this, {
    trainer: this.trainer,
    settings: () => this.settings.settled(),
    classes: () => this.classes,
    adopt: (values) => this.settings.adopt(values),
    announce: (message) => this.events.announce(message),
    reportError: (message) => this.events.error(message),
  });
  private readonly viewed = new ViewedGradientsController(this, {
    trainer: this.trainer,
    view: () => this.timeline.view(this.trainer.snapshot),
    viewedUpdate: () => this.timeline.viewedUpdate,
  });
  private readonly check = new ViewedCheckController(this, {
    trainer: this.trainer,
    view: () => this.timeline.view(this.trainer.snapshot),
    settled: () => this.settledClient(),
  });
  private readonly editing = new PointEditingController(this, {
    trainer: this.trainer,
    apply: (data, message) => this.dataIo.edit(data, message),
    failed: (err) => this.dataIo.failed(err),
    announce: (message) => this.events.announce(message),
  });
  private readonly share = new ShareController(this, {
    trainer: this.trainer,
    settings: this.settings,
    viewed: () => this.timeline.view(this.trainer.snapshot),
    read: (key) => this[key],
    write: (key, value) => ((this as unknown as Record<ConfigKey, unknown>)[key] = value),
    page: () => ({
      views: this.page.views.join(' '),
      controls: this.noControls ? 'none' : this.page.controls,
      noCaptions: this.noCaptions,
    }),
    flags: () => ({ autoplay: this.autoplay }),
  });
  private readonly autoplayer = new AutoplayController(this, {
    trainer: this.trainer,
    settings: this.settings,
    enabled: () => this.autoplay,
    viewsReady: () => frameScheduler.whenSetUp(AUTOPLAY_VIEWS_WAIT_MS),
  });

  /**
   * Upgraded in place with its box reserved by the page (`backprop-lab:not(:defined) {
   * min-height: … }`): the element is built over frames (see scheduleUpdate), holding that
   * height inline, with its layout laid out but hidden until its controls have rendered too;
   * what its inline style was, to put back then. Null otherwise, and once built.
   */
  @state() private reserved: { inline: string; hadStyle: boolean } | null = null;

  constructor() {
    super();
    // while the upgrade constructs it, the page's :not(:defined) rule still applies
    const minHeight = this.isConnected ? getComputedStyle(this).minHeight : '';
    if (/^\d*\.?\d+px$/.test(minHeight) && parseFloat(minHeight) > 0) {
      this.reserved = { inline: this.style.minHeight, hadStyle: this.hasAttribute('style') };
      this.style.minHeight = minHeight;
    }
    // url-state: registers itself with the host; nothing else talks to it.
    new UrlStateController(this, {
      trainer: this.trainer,
      enabled: () => this.urlState,
      share: () => this.share.shareState({ data: true }),
      load: (text) => this.share.loadState(text),
      report: (message) => {
        this.events.announce(message);
        this.events.error(message);
      },
    });
  }

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

  /**
   * The summed cross-entropy over the test rows after each update, aligned with `costs` (a
   * copy; empty when `test-fraction` is 0).
   */
  get testCosts(): Float64Array {
    return this.trainer.testCosts.toArray();
  }

  /** Fraction of test rows classified right at `iteration`, 0 to 1; null without a test set. */
  get testAccuracy(): number | null {
    return this.trainer.snapshot.testAccuracy;
  }

  /**
   * The run's points and labels, training and test rows alike (a copy; empty before the first
   * run). Setting it replaces the data: `{ X: [[x1, x2], …], t: [label, …] }`, 1 to 10,000 rows,
   * finite coordinates within ±1e6, labels whole numbers from 0 to 4. A bad value throws a
   * TypeError or RangeError naming the row, the column and what is allowed, and nothing
   * changes. Otherwise `generator` becomes `'custom'` (`classes` rises to fit the labels, and
   * says so) and a new run starts from the same seed.
   */
  get data(): DataValue {
    return this.dataIo.data;
  }

  set data(value: DataValue) {
    this.dataIo.replace(value).catch((err: unknown) => this.dataIo.failed(err));
  }

  /** The parameters at `iteration` (a copy): Wh D×H, bh 1×H, Wo H×C, bo 1×C. */
  get params(): Params | null {
    const run = this.trainer.snapshot;
    return run.params ? unpackParams(run.params.slice(), run.shape) : null;
  }

  /**
   * Backprop's gradients ∂ξ/∂P at `viewedParams` (a copy), computed in the worker once the run
   * stops training (a step, a pause, the end, a seek); null while training, before the answer, or
   * without a run.
   */
  get viewedGradients(): Params | null {
    const g = this.viewed.gradients;
    return g ? unpackParams(packParams(g), shapeOf(g)) : null;
  }

  /**
   * The iteration the views show: the latest while live, else the one `seek()` or the scrubber
   * chose.
   */
  get viewedIteration(): number {
    return this.timeline.viewedIteration;
  }

  /**
   * The parameters after exactly `viewedIteration` updates (a copy): bit for bit those of
   * training that many iterations from the start. Wh D×H, bh 1×H, Wo H×C, bo 1×C.
   */
  get viewedParams(): Params | null {
    const params = this.timeline.params;
    if (!params) return null;
    const copy = (m: Params['Wh']) => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });
    return { Wh: copy(params.Wh), bh: copy(params.bh), Wo: copy(params.Wo), bo: copy(params.bo) };
  }

  /** Pinned runs' cost curves, oldest first (copies): `{ label, config, costs }`. */
  get pinnedRuns(): PinnedRun[] {
    return this.timeline.pinned.map((pin) => ({
      label: pin.label,
      config: { ...pin.config },
      costs: pin.costs.slice(),
    }));
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
   * Runs the numerical gradient check on the viewed parameters (`viewedParams`; in the worker,
   * in slices); the report names their iteration. From then on the gradient-check view follows
   * the viewed iteration while the run is not training. Rejects with an Error named
   * `GradientCheckInterruptedError` if `pause()`, `reset()`, a setting that starts a new run or
   * a newer check stops it first.
   */
  gradientCheck(): Promise<GradientCheckReport> {
    return this.check.check();
  }

  /**
   * Settles when the current run ends: done, diverged or error (at once if it already has,
   * once pending property changes are applied). For scripts and tests:
   * `await lab.start(); const result = await lab.whenFinished();`
   */
  whenFinished(): Promise<RunResult> {
    return this.run.whenFinished();
  }

  /**
   * Replaces the data with a file's or a string's: CSV (`x1,x2,label` per line, header
   * optional) or JSON (the `data` shape); `format` is guessed when left out (a .json file, or
   * text starting with `{`, is JSON). Hostile input is expected: at most 10,000 rows and 1 MB,
   * finite numbers within ±1e6, labels 0 to `classes` − 1 (labels up to 4 raise `classes`, and
   * the live region says so). Settles when the new run has started (`generator` is then
   * `'custom'`); rejects with an Error naming the row, the column and the problem, and then
   * nothing changes.
   */
  importData(source: string | Blob, format?: DataFormat): Promise<void> {
    return this.dataIo.importData(source, format);
  }

  /** The run's data as text: `'csv'` (header `x1,x2,label`) or `'json'` (the `data` shape). */
  exportData(format: DataFormat = 'csv'): string {
    return this.dataIo.exportData(format);
  }

  /**
   * Shows iteration `k` (0 … `iteration`) in every view: the map, the hidden space, the
   * parameters and a cursor on the cost curve. Pauses a running run first. Settles once drawn;
   * `seek(lab.iteration)` returns to live. Rejects with a RangeError for other iterations.
   */
  seek(k: number): Promise<void> {
    return this.timeline.seek(k);
  }

  /**
   * Plays the history forward from the viewed iteration (from 0 when live) to the latest,
   * `speed` iterations a frame (1 to 1,000,000); settles at the latest or when stopped.
   */
  playback(speed = 1): Promise<void> {
    return this.timeline.playback(speed);
  }

  /** Stops a play-back where it is. */
  stopPlayback(): void {
    this.timeline.stopPlayback();
  }

  /**
   * Makes the viewed iteration the run's present: costs after it are dropped (kept as a pinned
   * run), parameters and velocities are those at it, and the run pauses; `start()` trains on
   * with the current settings. Rejects when five runs are pinned already.
   */
  branch(): Promise<void> {
    return this.timeline.branch();
  }

  /** Keeps the current cost curve as a labelled ghost series (at most 5); returns it. */
  pinRun(label?: string): PinnedRun {
    const pin = this.timeline.pinRun(label);
    return { label: pin.label, config: { ...pin.config }, costs: pin.costs.slice() };
  }

  /** Removes pinned run `index` (0 is the oldest). */
  unpinRun(index: number): void {
    this.timeline.unpinRun(index);
  }

  /**
   * The run as a short URL-safe text (`v1~h_8~lr_0.1`): every setting that differs from its
   * default; with `{ params: true }` also the viewed iteration's parameters, exactly ("look
   * at this network"); with `{ data: true }` also custom data (16-bit fixed point: each
   * coordinate within max|x|/32767), which a run on custom data cannot be shared without (it
   * throws). Generated data need no room: the settings make them again. `loadState` reads it back.
   */
  shareState(options: ShareOptions = {}): string {
    return this.share.shareState(options);
  }

  /**
   * Shows the state `shareState` wrote: its custom data if any, its settings (the ones it
   * leaves out are the defaults), then its network if it holds one: a new idle run on the same data from those
   * parameters at iteration 0, with zero velocities (Play trains on from them; Reset returns to
   * them). Settles once the page shows it. Rejects, changing nothing, with an Error named
   * `ShareStateError` whose `field` and message say what is wrong (the text is treated as
   * hostile: version, sizes, numbers, values and shapes are all checked).
   */
  loadState(text: string): Promise<void> {
    return this.share.loadState(text);
  }

  /** The costs as CSV: `iteration,cost` from iteration 0 (and `test_cost` where the run has a test set). */
  exportCosts(format: 'csv' = 'csv'): string {
    return this.share.exportCosts(format);
  }

  /**
   * The viewed iteration's parameters as JSON `{ "Wh": [[…]], "bh": [[…]], "Wo": [[…]], "bo":
   * [[…]] }`, the tutorial's shapes (Wh D×H, bh 1×H, Wo H×C, bo 1×C): `np.array(json['Wh'])`
   * is the notebook's `Wh`. Exact (float64).
   */
  exportParams(format: 'json' = 'json'): string {
    return this.share.exportParams(format);
  }

  /** Every setting of the current run as JSON, by property name (`{ "hiddenUnits": 3, … }`). */
  exportConfig(format: 'json' = 'json'): string {
    return this.share.exportConfig(format);
  }

  /**
   * The element's markup with the current run's non-default settings as attributes (values
   * escaped), e.g. `<backprop-lab hidden-units="8"></backprop-lab>`: pasted into a page, it
   * trains the same run.
   */
  embedCode(): string {
    return this.share.embedCode();
  }

  /**
   * A PNG data URL of one view, for image snapshots; `'unit-K'` is the network diagram's hidden
   * unit K's map (K from 0) and `'output-C'` class C's, when the diagram is shown.
   */
  async toDataURL(view: ViewName | `unit-${number}` | `output-${number}`): Promise<string> {
    const unit = /^(unit|output)-\d{1,3}$/.test(String(view));
    if (!unit && !VIEW_NAMES.includes(view as ViewName)) {
      throw new TypeError(
        `toDataURL: view must be one of ${VIEW_NAMES.join(', ')}, unit-K or output-C; got ${String(view)}`,
      );
    }
    await this.updateComplete;
    const name: ViewName = unit ? 'network' : (view as ViewName);
    const el = findView(this.renderRoot, name);
    if (!el) throw new Error(`toDataURL: the ${name} view is not shown (views="${this.page.views.join(' ')}")`);
    // the view's own first render and what comes after it (the cost curve's chart)
    await el.updateComplete;
    return unit ? el.toDataURL(view) : el.toDataURL();
  }

  /**
   * Re-reads the `--bp-*` colours and font into every view. Views read them when they
   * connect and when the colour scheme changes, never per frame: call this after changing them.
   */
  refreshColors(): void {
    for (const view of VIEW_NAMES) findView(this.renderRoot, view)?.refreshColors();
  }

  /** The client, once pending property changes have reached the worker. */
  private async settledClient(): Promise<TrainerClient> {
    await this.updateComplete;
    await this.settings.settled();
    return this.trainer.ready();
  }

  /** The controls' "Share" menu: what it offers, read when it opens. */
  private readonly exportItems = (): ExportItem[] => exportItems(this, this.page.views);

  // ── template ─────────────────────────────────────────────────────────────────────────────

  /**
   * Upgraded in place with a reserved box, the element is built over frames, not in the task
   * that evaluated the modules and upgraded it (together 68–88 ms of script in one frame on a
   * cold start-up here): its parts' style sheets (Lit builds a class's on its first
   * connection), then its first render, then its controls' (bp-controls deferFirstRender), each
   * in the first task after a paint. The reserved height holds its box and the layout is hidden
   * (class `building`) until all are done, so nothing on the page moves. Made by script, or
   * without a reservation, it renders at once (it would be an empty block for a frame).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !this.reserved) return super.scheduleUpdate();
    afterNextPaint(buildPartStyles);
    return afterPaint().then(() => super.scheduleUpdate());
  }

  /** Also waits for the controls' first render (a frame after the element's own when it is built over frames). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    const controls = this.renderRoot.querySelector('bp-controls');
    return controls ? (await controls.updateComplete) && complete : complete;
  }

  protected override firstUpdated(): void {
    const reserved = this.reserved;
    if (!reserved) return;
    void this.updateComplete.then(() => {
      this.style.minHeight = reserved.inline;
      // the page's markup as it was: no empty style attribute left behind
      if (!reserved.hadStyle && this.getAttribute('style') === '') this.removeAttribute('style');
      this.reserved = null;
    });
  }

  protected override render() {
    const run = this.trainer.snapshot;
    const controls: ControlsMode = this.noControls ? 'none' : this.page.controls;
    // the worded figures: at most every READOUT_INTERVAL_MS while training (the views: every batch)
    const shown = this.readout.figures(run, this.trainer.rate);
    return html`
      <div
        class="layout ${this.reserved ? 'building' : ''}"
        data-controls=${controls}
        @bp-unpin=${this.timeline.onUnpin}
      >
        ${
          controls === 'none'
            ? renderSettingErrors({ ...this.settings.errors, ...this.page.errors })
            : html`<bp-controls
                  .deferFirstRender=${this.reserved !== null}
                  part="controls"
                  exportparts="field, input, button, error"
                  .mode=${controls}
                  .config=${run.config}
                  .state=${run.state}
                  .errors=${this.settings.errors}
                  .dataMessage=${this.dataIo.message}
                  .dataError=${this.dataIo.error}
                  @bp-data-import=${this.dataIo.onImportRequest}
                  @bp-data-export=${this.dataIo.onExportRequest}
                  .exports=${this.exportItems}
                  @bp-config-input=${this.settings.onConfigInput}
                  @bp-command=${this.run.onCommand}
                  >${renderStatus(shown.run, shown.rate, 'status')}</bp-controls
                >
                ${renderSettingErrors(this.page.errors)}`
        }
        ${renderFault(this.faults.message, this.faults.needsRestart, this.faults.recover)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.events.announcement}</div>
        ${renderFigures({
          run: this.timeline.view(run),
          params: this.timeline.params,
          timeline: { viewed: this.timeline.live ? -1 : this.timeline.viewedIteration, pinned: this.timeline.pinned },
          readoutIteration: shown.run.iteration,
          costs: this.trainer.costs,
          testCosts: this.trainer.testCosts,
          check: {
            report: this.check.report,
            busy: this.check.checking,
            error: this.check.error,
            interrupted: this.check.interrupted,
          },
          onGradientCheckRequest: this.check.onRequest,
          viewed: { gradients: this.viewed.gradients, update: this.viewed.update },
          views: this.page.views,
          captions: !this.noCaptions,
          point: this.link.index,
          onPointHover: this.link.onHover,
          editing: controls === 'all' ? this.editing : null,
        })}
        ${renderPointReadout(describePoint(this.timeline.params, run.data, this.link.index))}
        ${
          controls === 'none'
            ? nothing
            : html`<bp-timeline
                part="timeline"
                exportparts="slider, button"
                .latest=${shown.run.iteration}
                .end=${this.iterations}
                .value=${this.timeline.live ? shown.run.iteration : this.timeline.viewedIteration}
                .live=${this.timeline.live}
                .playing=${this.timeline.playbackSpeed}
                .speeds=${PLAYBACK_SPEEDS}
                .canPin=${this.timeline.pinned.length < MAX_PINNED_RUNS}
                @bp-seek=${this.timeline.onSeek}
                @bp-timeline-command=${this.timeline.onCommand}
              ></bp-timeline>`
        }
      </div>
    `;
  }
}

/** The elements the lab's shadow DOM may hold, its parts' parts too (a test checks the list). */
export const PART_TAGS = [
  'bp-controls',
  'bp-export-menu',
  'bp-timeline',
  'bp-decision-map',
  'bp-point-tools',
  'bp-hidden-space',
  'bp-cost-curve',
  'bp-network',
  'bp-gradient-check',
] as const;

/** Builds the constructable style sheets of the lab's parts ahead of its first render. */
function buildPartStyles(): void {
  for (const tag of PART_TAGS) {
    const part = customElements.get(tag) as typeof LitElement | undefined;
    for (const style of part?.elementStyles ?? []) if (style instanceof CSSResult) void style.styleSheet;
  }
}

if (!customElements.get('backprop-lab')) customElements.define('backprop-lab', BackpropLab);

declare global {
  interface HTMLElementTagNameMap {
    'backprop-lab': BackpropLab;
  }
}

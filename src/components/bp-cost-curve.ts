import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { ViewFrames } from '../render/canvas/view-frames';
import { GHOST_DASHES, alignSeries, formatCost, moveCursor, readPlotColors } from '../render/cost/cost-plot';
import type * as UplotCostPlotModule from '../render/cost/uplot-cost-plot';
import type { Ghost, UplotCostPlot } from '../render/cost/uplot-cost-plot';
import { internalEvent } from '../events';
import type { CostScale, PlotColors } from '../render/cost/cost-plot';
import { MinMaxDecimator } from '../render/cost/decimate';
import { costCurveStyles, uPlotStyles } from './bp-cost-curve.styles';
import { controlStyles, themeStyles } from './shared.styles';
import { afterNextPaint } from './after-paint';
import { ViewElement } from './view-element';

export { formatCost };

/**
 * New costs a frame reads into the decimator: chunks of READ_CHUNK (about 0.3 ms here) while the
 * frame has spent less than READ_MS on them. A fixed count per frame fell behind a run at max
 * speed (90,000 iterations/s is 1,500 a frame) and took seconds to catch up after a pause.
 */
const READ_CHUNK = 1024;
const READ_MS = 3;
export type { CostScale };

type PlotModule = typeof UplotCostPlotModule;
/** the chart's module (uPlot with it), once loaded */
let plotModule: PlotModule | null = null;
let plotLoad: Promise<PlotModule> | null = null;

/**
 * Loads the chart's module, once for the page: not with the element's, whose evaluation is the
 * task that builds the page (uPlot's own evaluation makes its Intl formats: 20–30 ms there on a
 * cold start-up). Bundlers split it off; the CDN bundle inlines it (one file).
 */
function loadPlotModule(): Promise<PlotModule> {
  plotLoad ??= import('../render/cost/uplot-cost-plot').then((module) => (plotModule = module));
  return plotLoad;
}

/** Training and test row counts. */
export interface RowCounts {
  train: number;
  test: number;
}

/** A pinned run the chart draws as a ghost line (read, never changed). */
export interface CostGhost {
  readonly label: string;
  readonly costs: Float64Array;
}

/**
 * The cost per iteration as a line chart (uPlot on a canvas, in the shadow root). The x axis
 * spans at least `[0, iterations]`, so the curve grows into a fixed frame; the y axis is
 * linear or logarithmic. However long the history, the chart draws O(width) points: an
 * incremental min/max decimator reads each new cost once and keeps at most ~2 points per
 * pixel column. Like the other views (ViewElement), it redraws at most once per animation
 * frame, in the page's one draw phase, only when `revision`, `run`, `iterations` or `scale`
 * changed, and never while off-screen; colours are read on connect, on a colour-scheme change
 * and in `refreshColors()`.
 *
 * With a test set (`testCosts` not empty), the test rows' cost is a second, dashed series,
 * aligned with the training costs and named in a legend; "Per sample" divides each series by
 * its row count (`rows`), so the two compare. Both series are decimated alike.
 *
 * Hovering reads the exact cost of the iteration under the pointer from `costs`. The chart is
 * also focusable: ← and → move a cursor one iteration (Shift: a tenth of the run), Home and
 * End to the first and last; the readout shows that iteration's cost, and a polite live region
 * announces it (keyboard moves only, not hovering).
 *
 * `viewed` (the timeline's iteration) draws a vertical line there, and the readout shows it
 * when nothing is hovered. `pinned` runs are drawn as dashed ghost lines with a legend below,
 * whose buttons remove them.
 *
 * @fires bp-unpin - internal: `{ index }` from a pinned run's Remove button
 * @csspart header - the line above the chart (title, readout, scale toggle)
 * @csspart readout - "iteration 123 · cost 0.12345 · test 0.2345": the hovered, keyboard-chosen or latest cost
 * @csspart button - the "Log scale" and "Per sample" toggles
 * @csspart legend - the series' names (shown with a test set)
 * @csspart plot - the chart's box, focusable (a group with the role description "chart")
 * @csspart placeholder - "No iterations yet", shown while there are no costs
 * @csspart legend - the pinned runs' legend
 *
 * @cssprop --bp-text-color - axis and text colour
 * @cssprop --bp-muted-color - grid lines, readout and placeholder
 * @cssprop --bp-background - background (also of `toDataURL()` images)
 * @cssprop --bp-accent-color - the training curve and focus ring
 * @cssprop --bp-test-cost-color - the test curve (dashed); default the text colour
 * @cssprop --bp-font-family - text and axis font
 * @cssprop --bp-cost-curve-height - least height of the chart box (default 12rem)
 */
export class BpCostCurve extends ViewElement {
  static override styles = [themeStyles, controlStyles, uPlotStyles, costCurveStyles];

  /**
   * Every recorded cost, iteration 0 first (e.g. `CostStore.values`; read, never kept or
   * changed). A new object alone does not redraw (a host may pass a new subarray of the same
   * store on every render): bump `revision` when the values changed.
   */
  @property({ attribute: false }) costs: Float64Array = new Float64Array(0);

  /** Bump whenever `costs` changed (e.g. `CostStore.version`); the chart redraws on the next frame. */
  @property({ attribute: false }) revision = 0;

  /**
   * The id of the run whose costs these are (the trainer's run id). A new value starts the
   * chart over (decimation and cursor), even when the new run's costs happen to begin like the
   * old ones'. Without it, a new run is recognised only when its costs shrink or differ at the
   * first or last value already read.
   */
  @property({ attribute: false }) run = 0;

  /** y axis: `linear` or `log`. Toggled by the "Log scale" button. */
  @property({ reflect: true }) scale: CostScale = 'linear';

  /**
   * The test rows' summed costs, aligned with `costs` (e.g. `TrainerClient.testCostStore.values`);
   * empty without a test set. Bump `testRevision` when they changed.
   */
  @property({ attribute: false }) testCosts: Float64Array = new Float64Array(0);

  /** Bump whenever `testCosts` changed (e.g. the test store's `version`). */
  @property({ attribute: false }) testRevision = 0;

  /** The run's training and test row counts, for the per-sample view (a new equal object does not redraw). */
  @property({
    attribute: false,
    hasChanged: (next: RowCounts, previous?: RowCounts) =>
      next.train !== previous?.train || next.test !== previous?.test,
  })
  rows: RowCounts = { train: 0, test: 0 };

  /** Each series divided by its row count (cost per sample), so training and test compare. */
  @property({ type: Boolean, reflect: true, attribute: 'per-sample' }) perSample = false;

  /** The configured run length: the x axis spans at least [0, iterations]. */
  @property({ type: Number }) iterations = 0;

  /** The iteration the views show, drawn as a vertical line; −1 for none (the latest, live). */
  @property({ type: Number }) viewed = -1;

  /**
   * The iteration the readout and the chart's description name when nothing is hovered, chosen
   * with the keys or viewed; −1 (default) or out of range: the latest cost. The element passes
   * its worded figures' iteration, which changes at most every READOUT_INTERVAL_MS while a run
   * trains (controllers/readout-pace.ts): digits changing every frame cannot be read, and each
   * change repaints text. The curve itself draws every new cost.
   */
  @property({ type: Number, attribute: false }) readoutIteration = -1;

  /** Pinned runs, drawn as dashed ghost lines (a new array to redraw), at most five. */
  @property({ attribute: false }) pinned: readonly CostGhost[] = [];

  @state() private readout = '';
  /** what the live region says: set by keyboard moves only */
  @state() private announcement = '';

  @query('.plot') private plotBox?: HTMLDivElement;

  protected readonly frames = new ViewFrames({
    draw: () => this.draw(),
    canDraw: () => this.chart !== undefined,
    preparing: () => this.cancelPlot !== null,
  });

  private chart?: UplotCostPlot;
  /** resolved when the chart is built (its strokes need them): see readColors() */
  private colors?: PlotColors;
  private readonly decimator = new MinMaxDecimator({ maxBuckets: 2048 });
  /** flush(): read every cost in this draw */
  private readAll = false;
  private readonly testDecimator = new MinMaxDecimator({ maxBuckets: 2048 });
  /** one decimator per pinned run's costs (each read once) */
  private ghostDecimators = new Map<Float64Array, MinMaxDecimator>();
  private pointCount = 0;
  /** iteration under the pointer, −1 when none */
  private hovered = -1;
  /** iteration chosen with the keys while focused, −1 when none */
  private keyed = -1;

  /** Points handed to uPlot by the last draw (≤ ~2 per pixel column, plus first and last). */
  get renderedPointCount(): number {
    return this.pointCount;
  }

  /** Costs read by the decimator so far, over the element's life (each cost is read once). */
  get processedCount(): number {
    return this.decimator.processed;
  }

  /** Test costs read by their decimator so far (each read once). */
  get processedTestCount(): number {
    return this.testDecimator.processed;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ensurePlot();
    this.destroyPlot();
  }

  protected override firstUpdated(): void {
    // the chart's module loads now; the chart is made after a paint that follows: it reads its
    // colours and sizes from the page's style and layout, which it would force in the task that
    // builds the page (after-paint.ts)
    let cancelled = false;
    let cancelPaint: (() => void) | null = null;
    this.cancelPlot = () => {
      cancelled = true;
      cancelPaint?.();
    };
    this.plotReady = new Promise((resolve) => {
      this.resolvePlot = resolve;
      loadPlotModule().then(
        () => {
          if (cancelled) return;
          cancelPaint = afterNextPaint(() => {
            this.cancelPlot = null;
            this.createPlot();
            resolve();
          });
        },
        (err: unknown) => {
          // no chart (the module did not load): nobody waits for it; the page hears why
          this.cancelPlot = null;
          resolve();
          queueMicrotask(() => {
            throw err;
          });
        },
      );
    });
  }

  /** Also waits for the chart, made after the first paint. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.plotReady;
    return done;
  }

  /** cancels the chart's making after the first paint, while it waits */
  private cancelPlot: (() => void) | null = null;
  private resolvePlot: (() => void) | null = null;
  private plotReady: Promise<void> = Promise.resolve();

  /**
   * The chart now, if it waits for the first paint (read-back; disconnected: nothing is made).
   * While its module is still loading there is none yet: `updateComplete` waits for it.
   */
  private ensurePlot(): void {
    const cancel = this.cancelPlot;
    if (!cancel || (!plotModule && this.isConnected)) return;
    cancel();
    this.cancelPlot = null;
    this.createPlot();
    this.resolvePlot?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('run')) {
      this.decimator.reset();
      this.testDecimator.reset();
      this.keyed = -1;
      this.announcement = '';
    }
    // with the element's other figures, in the same update: not at the chart's next draw
    if (changed.has('readoutIteration') || changed.has('revision')) this.updateReadout();
    const toggled = (key: 'scale' | 'perSample'): boolean => changed.has(key) && changed.get(key) !== undefined;
    if (toggled('scale') || toggled('perSample')) {
      this.rebuild();
    } else if (
      changed.has('revision') ||
      changed.has('testRevision') ||
      changed.has('rows') ||
      changed.has('run') ||
      changed.has('iterations') ||
      changed.has('pinned')
    ) {
      this.frames.requestDraw();
    } else if (changed.has('viewed')) {
      // the timeline moved: the cursor line and the readout, not the chart (a setData cost 2–4 ms a seek)
      const chart = this.chart;
      if (chart && !this.frames.dirty) {
        chart.setViewed(this.viewed >= 0 && this.viewed < this.costs.length ? this.viewed : null);
        this.updateReadout();
      } else this.frames.requestDraw();
    }
  }

  /**
   * Draws pending changes now rather than in the next frame (for benchmarks and image
   * snapshots). Draws even while off-screen.
   */
  flush(): void {
    this.ensurePlot();
    this.readAll = true;
    try {
      this.frames.drawNow();
    } finally {
      this.readAll = false;
    }
  }

  /** The chart as a PNG data URL, on the element's background colour. */
  toDataURL(): string {
    this.ensurePlot();
    if (!this.chart || !this.colors) return '';
    this.flush();
    return this.chart.toDataURL(this.colors.background);
  }

  /** Colours and font from the probes (set from the theme tokens), built into a new chart. */
  protected override readColors(): void {
    this.rebuild();
  }

  private xMax(): number {
    let longest = this.costs.length - 1;
    for (const pin of this.pinned) longest = Math.max(longest, pin.costs.length - 1);
    return Math.max(this.iterations || 0, longest, 1);
  }

  /** The pinned runs decimated to the chart's columns (each one's costs read once). */
  private ghosts(columnWidth: number): Ghost[] {
    const kept = new Map<Float64Array, MinMaxDecimator>();
    const out = this.pinned.map(({ costs }) => {
      const decimator = this.ghostDecimators.get(costs) ?? new MinMaxDecimator({ maxBuckets: 2048 });
      decimator.update(costs);
      kept.set(costs, decimator);
      const { x, y } = decimator.output({ columnWidth, clampPositive: this.scale === 'log' });
      return { x, y };
    });
    this.ghostDecimators = kept;
    return out;
  }

  /** One frame: read the new costs, regroup to pixel columns, one setData. */
  private draw(): boolean {
    const chart = this.chart;
    if (!chart) return true;
    // A frame reads new costs for at most READ_MS (a run at max speed can deliver 20,000 in one
    // batch): the rest come in the next frames, so no frame is long.
    const limit = this.readAll ? Infinity : READ_CHUNK;
    const until = performance.now() + READ_MS;
    while (
      this.decimator.update(this.costs, limit) + this.testDecimator.update(this.testCosts, limit) > 0 &&
      performance.now() < until
    );
    const behind = this.decimator.consumed < this.costs.length || this.testDecimator.consumed < this.testCosts.length;
    const options = { columnWidth: this.xMax() / chart.columns, clampPositive: this.scale === 'log' };
    const train = this.decimator.output(options);
    const test = this.testDecimator.output(options);
    const [trainScale, testScale] = this.seriesScales();
    const data = alignSeries(train, test, trainScale, testScale);
    this.pointCount = train.length + test.length;
    const viewed = this.viewed >= 0 && this.viewed < this.costs.length ? this.viewed : null;
    chart.setData(data, this.ghosts(options.columnWidth), viewed);
    this.updateReadout();
    if (behind) {
      // provisional: the view stays dirty and asks for the next frame to read on
      queueMicrotask(() => this.frames.requestDraw());
      return false;
    }
    return true;
  }

  /** The chart in the plot box, once rendered and connected (re-added after a removal too). */
  private createPlot(): void {
    const box = this.plotBox;
    if (!box || this.chart || !this.isConnected) return;
    if (!plotModule) {
      // connected again before the module came: made once it has (unless the first paint's wait makes it)
      void loadPlotModule().then(() => this.cancelPlot === null && this.createPlot());
      return;
    }
    this.colors = readPlotColors(this.renderRoot, this);
    this.chart = new plotModule.UplotCostPlot(box, {
      scale: this.scale,
      perSample: this.perSample,
      colors: this.colors,
      xMax: () => this.xMax(),
      onCursor: (u) => this.onCursor(u),
      onResize: () => this.frames.requestDraw(),
    });
    this.frames.requestDraw();
  }

  private destroyPlot(): void {
    this.frames.cancel();
    this.chart?.destroy();
    this.chart = undefined;
    this.frames.invalidate();
    this.frames.settle();
  }

  private rebuild(): void {
    this.destroyPlot();
    this.createPlot();
  }

  private onCursor(u: uPlot): void {
    const left = u.cursor.left ?? -1;
    const n = this.costs.length;
    this.hovered = left < 0 || n === 0 ? -1 : Math.min(n - 1, Math.max(0, Math.round(u.posToVal(left, 'x'))));
    this.updateReadout();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const next = moveCursor(this.keyed, this.costs.length, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    this.keyed = next;
    this.hovered = -1; // the keys take over until the pointer moves again
    this.updateReadout();
    this.announcement = this.readout;
  };

  private readonly onBlur = (): void => {
    this.keyed = -1;
    this.announcement = '';
    this.updateReadout();
  };

  /** What each series is multiplied by: 1, or 1 / its row count in the per-sample view. */
  private seriesScales(): [number, number] {
    if (!this.perSample) return [1, 1];
    return [1 / Math.max(1, this.rows.train), 1 / Math.max(1, this.rows.test)];
  }

  /** The readout and markers for the hovered, else the keyboard's, else the latest iteration. */
  private updateReadout(): void {
    const costs = this.costs;
    const n = costs.length;
    if (this.keyed >= n) this.keyed = -1;
    const chosen = this.hovered >= 0 && this.hovered < n ? this.hovered : this.keyed;
    const viewed = this.viewed >= 0 && this.viewed < n ? this.viewed : this.latestShown();
    const i = chosen >= 0 ? chosen : viewed;
    const [trainScale, testScale] = this.seriesScales();
    const cost = n > 0 ? costs[i] * trainScale : Number.NaN;
    const testCost = i >= 0 && i < this.testCosts.length ? this.testCosts[i] * testScale : null;
    const name = this.perSample ? 'cost per sample' : 'cost';
    const value = (c: number): string => (Number.isFinite(c) ? formatCost(c) : 'not finite');
    this.readout =
      n === 0 ? '' : `iteration ${i} · ${name} ${value(cost)}${testCost === null ? '' : ` · test ${value(testCost)}`}`;
    if (chosen < 0) {
      this.chart?.showMarkers(null);
      return;
    }
    // on a log axis a cost ≤ 0 sits where the curve draws it: at the smallest positive cost
    const at = (c: number | null, decimator: MinMaxDecimator, scale: number) => {
      if (c === null || !Number.isFinite(c)) return null;
      const floor = decimator.smallestPositive * scale;
      return { x: i, y: this.scale === 'log' && c <= 0 ? (Number.isFinite(floor) ? floor : 1) : c };
    };
    this.chart?.showMarkers(at(cost, this.decimator, trainScale), at(testCost, this.testDecimator, testScale));
  }

  /** The latest iteration the readout names: `readoutIteration`, or the last cost (−1 when none). */
  private latestShown(): number {
    const k = this.readoutIteration;
    return k >= 0 && k < this.costs.length ? k : this.costs.length - 1;
  }

  private toggleScale(): void {
    this.scale = this.scale === 'log' ? 'linear' : 'log';
  }

  private togglePerSample(): void {
    this.perSample = !this.perSample;
  }

  private describe(): string {
    const n = this.costs.length;
    const scale = this.scale === 'log' ? 'logarithmic' : 'linear';
    const what = `${this.perSample ? 'Cost per sample' : 'Cost'} per iteration${this.testCosts.length > 0 ? ', training and test' : ''}`;
    if (n === 0) return `${what} (${scale} scale): no iterations yet`;
    const k = this.latestShown();
    return `${what} (${scale} scale), iteration 0 to ${k} of ${this.xMax()}; latest ${this.costAt(k)}. Left and right arrow keys read the cost of each iteration.`;
  }

  /** "cost 0.1234 · test 0.2345" (per sample when shown so) at iteration `k`. */
  private costAt(k: number): string {
    const [trainScale, testScale] = this.seriesScales();
    const value = (c: number): string => (Number.isFinite(c) ? formatCost(c) : 'not finite');
    const test = k < this.testCosts.length ? ` · test ${value(this.testCosts[k] * testScale)}` : '';
    return `cost ${value(this.costs[k] * trainScale)}${this.testCosts.length > 0 ? test : ''}`;
  }

  private renderLegend(): unknown {
    if (this.pinned.length === 0) return nothing;
    return html`<ul class="legend pins" part="legend" aria-label="Pinned runs">
      <li>
        <svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">
          <line class="this-run" x1="0" y1="4" x2="24" y2="4" stroke-width="2" />
        </svg>
        This run
      </li>
      ${this.pinned.map(
        (pin, index) =>
          html`<li>
            <svg viewBox="0 0 24 8" aria-hidden="true" focusable="false">
              ${svg`<line x1="0" y1="4" x2="24" y2="4" stroke="currentColor" stroke-width="1.5"
                stroke-dasharray=${GHOST_DASHES[index % GHOST_DASHES.length].join(' ')} />`}
            </svg>
            <span>${pin.label}</span>
            <button
              type="button"
              aria-label=${`Remove pinned run ${pin.label}`}
              @click=${() => this.dispatchEvent(internalEvent('bp-unpin', { index }))}
            >
              ×
            </button>
          </li>`,
      )}
    </ul>`;
  }

  protected override render(): unknown {
    const log = this.scale === 'log';
    const empty = this.costs.length === 0;
    const withTest = this.testCosts.length > 0;
    return html`
      <header part="header">
        <span class="title">Cost</span>
        ${
          withTest
            ? html`<span class="legend" part="legend"
                ><span><span class="swatch" aria-hidden="true"></span>training</span
                ><span><span class="swatch test" aria-hidden="true"></span>test</span></span
              >`
            : nothing
        }
        <span class="readout" part="readout" aria-live="off">${this.readout}</span>
        <button part="button" type="button" aria-pressed=${log ? 'true' : 'false'} @click=${this.toggleScale}>
          Log scale
        </button>
        <button
          part="button"
          type="button"
          class="per-sample"
          aria-pressed=${this.perSample ? 'true' : 'false'}
          @click=${this.togglePerSample}
        >
          Per sample
        </button>
      </header>
      <div
        class="plot"
        part="plot"
        tabindex="0"
        role="group"
        aria-roledescription="chart"
        aria-label=${this.describe()}
        @keydown=${this.onKeyDown}
        @blur=${this.onBlur}
      >
        ${empty ? html`<p class="placeholder" part="placeholder">No iterations yet</p>` : nothing}
      </div>
      ${this.renderLegend()}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      <div class="probe probe-text" aria-hidden="true"></div>
      <div class="probe probe-muted" aria-hidden="true"></div>
      <div class="probe probe-accent" aria-hidden="true"></div>
      <div class="probe probe-background" aria-hidden="true"></div>
      <div class="probe probe-test" aria-hidden="true"></div>
    `;
  }
}

if (!customElements.get('bp-cost-curve')) customElements.define('bp-cost-curve', BpCostCurve);

declare global {
  interface HTMLElementTagNameMap {
    'bp-cost-curve': BpCostCurve;
  }
}

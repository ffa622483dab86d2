import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import { VisibilityController } from '../controllers/visibility';
import { MinMaxDecimator } from '../render/decimate';
import { costCurveStyles, uPlotStyles } from './bp-cost-curve.styles';
import { controlStyles, themeStyles } from './shared.styles';

export type CostScale = 'linear' | 'log';

/** "12.345", "0.69315", "1.2346e-7": five significant digits, no trailing zeros. */
export function formatCost(value: number): string {
  return String(Number(value.toPrecision(5)));
}

/** Log-axis ticks: "0.5", "0.01", "1e-5". */
function formatLogTick(value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(0);
}

function finite(min: number | null, max: number | null): min is number {
  return min != null && max != null && Number.isFinite(min) && Number.isFinite(max);
}

interface PlotColors {
  text: string;
  grid: string;
  accent: string;
  background: string;
  font: string;
}

/** "rgb(89, 99, 110)" → "rgba(89, 99, 110, 0.25)"; other syntaxes are returned unchanged. */
function withAlpha(color: string, alpha: number): string {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : color;
}

/**
 * The cost per iteration as a line chart (uPlot on a canvas, in the shadow root). The x axis
 * spans at least `[0, iterations]`, so the curve grows into a fixed frame; the y axis is
 * linear or logarithmic. However long the history, the chart draws O(width) points: an
 * incremental min/max decimator reads each new cost once and keeps at most ~2 points per
 * pixel column. Redraws at most once per animation frame, and never while off-screen.
 *
 * Hovering reads the exact cost of the iteration under the pointer from `costs`.
 *
 * @csspart header - the line above the chart (title, readout, scale toggle)
 * @csspart readout - "iteration 123 · cost 0.12345": the hovered (or latest) cost
 * @csspart button - the "Log scale" toggle
 * @csspart plot - the chart's box
 * @csspart placeholder - "No iterations yet", shown while there are no costs
 *
 * @cssprop --bp-text-color - axis and text colour
 * @cssprop --bp-muted-color - grid lines, readout and placeholder
 * @cssprop --bp-background - background (also of `toDataURL()` images)
 * @cssprop --bp-accent-color - the curve and focus ring
 * @cssprop --bp-font-family - text and axis font
 * @cssprop --bp-cost-curve-height - least height of the chart box (default 12rem)
 */
export class BpCostCurve extends LitElement {
  static override styles = [themeStyles, controlStyles, uPlotStyles, costCurveStyles];

  /** Every recorded cost, iteration 0 first (e.g. `CostStore.values`; read, never kept or changed). */
  @property({ attribute: false }) costs: Float64Array = new Float64Array(0);

  /** Bump whenever `costs` changed (e.g. `CostStore.version`); the chart redraws on the next frame. */
  @property({ attribute: false }) revision = 0;

  /** y axis: `linear` or `log`. Toggled by the "Log scale" button. */
  @property({ reflect: true }) scale: CostScale = 'linear';

  /** The configured run length: the x axis spans at least [0, iterations]. */
  @property({ type: Number }) iterations = 0;

  @state() private readout = '';

  @query('.plot') private plotBox?: HTMLDivElement;

  private plot?: uPlot;
  private marker?: HTMLDivElement;
  private readonly decimator = new MinMaxDecimator({ maxBuckets: 2048 });
  private frame = 0;
  private dirty = true;
  private pointCount = 0;
  private hovered = -1;
  private resizeObserver?: ResizeObserver;
  private colorScheme?: MediaQueryList;
  private readonly visibility = new VisibilityController(this, (visible) => {
    if (visible && this.dirty) this.schedule();
  });

  /** Points handed to uPlot by the last draw (≤ ~2 per pixel column, plus first and last). */
  get renderedPointCount(): number {
    return this.pointCount;
  }

  /** Costs read by the decimator so far, over the element's life (each cost is read once). */
  get processedCount(): number {
    return this.decimator.processed;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme = matchMedia('(prefers-color-scheme: dark)');
    this.colorScheme.addEventListener('change', this.rebuild);
    // Re-added after a removal: the shadow DOM is still there, the plot is not.
    if (this.hasUpdated) this.createPlot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.rebuild);
    this.destroyPlot();
  }

  protected override firstUpdated(): void {
    this.createPlot();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('scale') && changed.get('scale') !== undefined) {
      this.rebuild();
    } else if (changed.has('costs') || changed.has('revision') || changed.has('iterations')) {
      this.schedule();
    }
  }

  /**
   * Draws pending changes now rather than on the next animation frame (for benchmarks and
   * image snapshots). Draws even while off-screen.
   */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  /** The chart as a PNG data URL, on the element's background colour. */
  toDataURL(): string {
    const plot = this.plot;
    if (!plot) return '';
    if (this.dirty) this.flush();
    const source = plot.ctx.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return source.toDataURL('image/png');
    ctx.fillStyle = this.readColors().background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    return canvas.toDataURL('image/png');
  }

  private xMax(): number {
    return Math.max(this.iterations || 0, this.costs.length - 1, 1);
  }

  private schedule(): void {
    this.dirty = true;
    if (this.frame || !this.plot || !this.visibility.visible) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** One frame: read the new costs, regroup to pixel columns, one setData. */
  private draw(): void {
    const plot = this.plot;
    if (!plot) return;
    this.dirty = false;
    this.decimator.update(this.costs);
    const columns = Math.max(1, plot.bbox.width / uPlot.pxRatio);
    const out = this.decimator.output({
      columnWidth: this.xMax() / columns,
      clampPositive: this.scale === 'log',
    });
    this.pointCount = out.length;
    plot.batch(() => plot.setData([out.x, out.y]));
    this.updateReadout();
  }

  private readColors(): PlotColors {
    const probe = (name: string): string => {
      const el = this.renderRoot.querySelector(`.probe-${name}`);
      return el ? getComputedStyle(el).color : '';
    };
    const muted = probe('muted') || '#59636e';
    return {
      text: probe('text') || '#1f2328',
      grid: withAlpha(muted, 0.25),
      accent: probe('accent') || '#0860c6',
      background: probe('background') || '#ffffff',
      font: getComputedStyle(this).fontFamily || 'sans-serif',
    };
  }

  private createPlot(): void {
    const box = this.plotBox;
    if (!box || this.plot || !this.isConnected) return;
    const colors = this.readColors();
    const log = this.scale === 'log';
    const font = `12px ${colors.font}`;
    const labelFont = `bold 12px ${colors.font}`;
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: colors.text,
      font,
      labelFont,
      labelSize: 18,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1, size: 4 },
    });
    const xAxis = axis('iteration');
    xAxis.size = 30;
    const yAxis = axis('cost');
    if (log) yAxis.values = (_u, splits) => splits.map(formatLogTick);
    // wide enough for the longest tick label (≈ 7px per character at 12px)
    yAxis.size = (_u, values) => {
      const longest = values ? values.reduce((n, v) => Math.max(n, String(v ?? '').length), 0) : 4;
      return Math.ceil(16 + 7 * Math.max(3, longest));
    };
    const opts: uPlot.Options = {
      width: Math.max(1, Math.floor(box.clientWidth) || 300),
      height: Math.max(1, Math.floor(box.clientHeight) || 200),
      legend: { show: false },
      cursor: {
        y: false,
        points: { show: false },
        drag: { x: false, y: false, setScale: false },
      },
      scales: {
        x: { time: false, range: () => [0, this.xMax()] },
        // With no data uPlot would leave y unranged (and its axis blank): frame [0, 1] instead.
        y: log
          ? {
              distr: 3,
              log: 10,
              range: (_u, min, max) => (finite(min, max) ? uPlot.rangeLog(min, max, 10, false) : [0.1, 1]),
            }
          : {
              distr: 1,
              range: (_u, min, max) => (finite(min, max) ? uPlot.rangeNum(min, max, 0.1, true) : [0, 1]),
            },
      },
      series: [{ label: 'iteration' }, { label: 'cost', stroke: colors.accent, width: 1.5, points: { show: false } }],
      axes: [xAxis, yAxis],
      hooks: { setCursor: [(u) => this.onCursor(u)] },
    };
    this.plot = new uPlot(opts, [new Float64Array(0), new Float64Array(0)], box);
    this.marker = document.createElement('div');
    this.marker.className = 'marker';
    this.marker.hidden = true;
    this.plot.over.append(this.marker);
    this.resizeObserver = new ResizeObserver((entries) => {
      const rect = entries[entries.length - 1]?.contentRect;
      const plot = this.plot;
      if (!rect || !plot) return;
      const width = Math.max(1, Math.floor(rect.width));
      const height = Math.max(1, Math.floor(rect.height));
      if (width === plot.width && height === plot.height) return;
      plot.setSize({ width, height });
      this.schedule(); // the columns changed: regroup
    });
    this.resizeObserver.observe(box);
    this.schedule();
  }

  private destroyPlot(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.plot?.destroy();
    this.plot = undefined;
    this.marker = undefined;
    this.dirty = true;
  }

  private readonly rebuild = (): void => {
    this.destroyPlot();
    this.createPlot();
  };

  private onCursor(u: uPlot): void {
    const left = u.cursor.left ?? -1;
    const n = this.costs.length;
    this.hovered = left < 0 || n === 0 ? -1 : Math.min(n - 1, Math.max(0, Math.round(u.posToVal(left, 'x'))));
    this.updateReadout();
  }

  private updateReadout(): void {
    const costs = this.costs;
    const n = costs.length;
    const marker = this.marker;
    if (n === 0) {
      this.readout = '';
      if (marker) marker.hidden = true;
      return;
    }
    const i = this.hovered >= 0 && this.hovered < n ? this.hovered : n - 1;
    const cost = costs[i];
    const finite = Number.isFinite(cost);
    this.readout = `iteration ${i} · ${finite ? `cost ${formatCost(cost)}` : 'cost not finite'}`;
    const plot = this.plot;
    if (!marker || !plot) return;
    if (this.hovered < 0 || !finite) {
      marker.hidden = true;
      return;
    }
    const floor = this.decimator.smallestPositive;
    const y = this.scale === 'log' && cost <= 0 ? (Number.isFinite(floor) ? floor : 1) : cost;
    marker.hidden = false;
    marker.style.transform = `translate(${plot.valToPos(i, 'x')}px, ${plot.valToPos(y, 'y')}px)`;
  }

  private toggleScale(): void {
    this.scale = this.scale === 'log' ? 'linear' : 'log';
  }

  private describe(): string {
    const n = this.costs.length;
    const scale = this.scale === 'log' ? 'logarithmic' : 'linear';
    if (n === 0) return `Cost per iteration (${scale} scale): no iterations yet`;
    const last = this.costs[n - 1];
    const latest = Number.isFinite(last) ? formatCost(last) : 'not finite';
    return `Cost per iteration (${scale} scale), iteration 0 to ${n - 1} of ${this.xMax()}; latest cost ${latest}`;
  }

  protected override render(): unknown {
    const log = this.scale === 'log';
    const empty = this.costs.length === 0;
    return html`
      <header part="header">
        <span class="title">Cost</span>
        <span class="readout" part="readout" aria-live="off">${this.readout}</span>
        <button part="button" type="button" aria-pressed=${log ? 'true' : 'false'} @click=${this.toggleScale}>
          Log scale
        </button>
      </header>
      <div class="plot" part="plot" role="img" aria-label=${this.describe()}>
        ${empty ? html`<p class="placeholder" part="placeholder">No iterations yet</p>` : nothing}
      </div>
      <div class="probe probe-text" aria-hidden="true"></div>
      <div class="probe probe-muted" aria-hidden="true"></div>
      <div class="probe probe-accent" aria-hidden="true"></div>
      <div class="probe probe-background" aria-hidden="true"></div>
    `;
  }
}

if (!customElements.get('bp-cost-curve')) customElements.define('bp-cost-curve', BpCostCurve);

declare global {
  interface HTMLElementTagNameMap {
    'bp-cost-curve': BpCostCurve;
  }
}

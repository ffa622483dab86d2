// The cost curve's plot, drawn by uPlot (a DOM chart with canvases of its own, so not a
// ViewRenderer on a CanvasView's canvas): owns the uPlot instance, its hover marker and the
// observer that keeps it the size of its box. The element keeps the data (decimator), the
// frames (ViewFrames) and the readout; this only draws what it is handed. The element imports
// this module (and uPlot with it) dynamically, after its first render: evaluating uPlot makes
// its Intl number and date formats, 20–30 ms of a cold start-up's first task (ICU's first use).
import uPlot from 'uplot';
import { GHOST_DASHES, costPlotOptions, withAlpha } from './cost-plot';
import type { CostPlotSetup } from './cost-plot';

/** A pinned run's line, decimated like the curve: iterations and costs. */
export interface Ghost {
  x: Float64Array;
  y: Float64Array;
}

export interface UplotCostPlotSetup extends Omit<CostPlotSetup, 'width' | 'height'> {
  /** the box changed size: the columns changed, regroup and redraw */
  onResize(): void;
}

export class UplotCostPlot {
  readonly plot: uPlot;
  /** the hover/keyboard markers: training cost, test cost */
  private readonly markers: [HTMLDivElement, HTMLDivElement];
  /** the viewed iteration's vertical line */
  private readonly cursorLine: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver;
  private ghosts: readonly Ghost[] = [];
  private viewed: number | null = null;

  /** Builds the chart in `box` (its size now; then following it). */
  constructor(box: HTMLElement, setup: UplotCostPlotSetup) {
    const ghostColor = withAlpha(setup.colors.text, 0.55);
    const options = costPlotOptions(
      {
        ...setup,
        onDraw: (u) => this.drawGhosts(u, ghostColor),
        yExtent: () => this.ghostExtent(),
        width: Math.max(1, Math.floor(box.clientWidth) || 300),
        height: Math.max(1, Math.floor(box.clientHeight) || 200),
      },
      uPlot,
    );
    this.plot = new uPlot(options, [[], [], []], box);
    this.markers = [makeMarker('marker'), makeMarker('marker test')];
    this.cursorLine = makeMarker('viewed');
    this.plot.over.append(...this.markers, this.cursorLine);
    this.resizeObserver = new ResizeObserver((entries) => {
      const rect = entries[entries.length - 1]?.contentRect;
      if (!rect) return;
      const width = Math.max(1, Math.floor(rect.width));
      const height = Math.max(1, Math.floor(rect.height));
      if (width === this.plot.width && height === this.plot.height) return;
      this.plot.setSize({ width, height });
      setup.onResize();
    });
    this.resizeObserver.observe(box);
  }

  /** CSS pixels per plot column: the x span of one column is xMax / columns. */
  get columns(): number {
    return Math.max(1, this.plot.bbox.width / uPlot.pxRatio);
  }

  /**
   * One setData of the aligned series (iterations, training costs, test costs; see
   * alignSeries), the pinned runs' lines and the viewed iteration.
   */
  setData(
    data: [number[], (number | null)[], (number | null)[]],
    ghosts: readonly Ghost[] = [],
    viewed: number | null = null,
  ): void {
    this.ghosts = ghosts;
    this.viewed = viewed;
    this.plot.batch(() => this.plot.setData(data));
    this.placeCursorLine();
  }

  /** Moves the viewed iteration's line alone (the data unchanged). */
  setViewed(viewed: number | null): void {
    this.viewed = viewed;
    this.placeCursorLine();
  }

  /** The viewed iteration's line, where the x scale puts it now. */
  private placeCursorLine(): void {
    const line = this.cursorLine;
    // set only when it changes: every set is a DOM mutation and a style recalculation
    if (line.hidden !== (this.viewed === null)) line.hidden = this.viewed === null;
    if (this.viewed !== null) line.style.transform = `translateX(${this.plot.valToPos(this.viewed, 'x')}px)`;
  }

  private ghostExtent(): { min: number; max: number; minPositive: number } | null {
    if (this.ghosts.length === 0) return null;
    let min = Infinity;
    let max = -Infinity;
    let minPositive = Infinity;
    for (const { y } of this.ghosts) {
      for (const v of y) {
        if (!Number.isFinite(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
        if (v > 0 && v < minPositive) minPositive = v;
      }
    }
    return { min, max, minPositive };
  }

  /** Strokes each pinned run's line over the plot area, dashed by its index. */
  private drawGhosts(u: uPlot, color: string): void {
    if (this.ghosts.length === 0) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.25 * uPlot.pxRatio;
    this.ghosts.forEach(({ x, y }, index) => {
      ctx.setLineDash(GHOST_DASHES[index % GHOST_DASHES.length].map((d) => d * uPlot.pxRatio));
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < x.length; i++) {
        if (!Number.isFinite(y[i])) {
          pen = false;
          continue;
        }
        const px = u.valToPos(x[i], 'x', true);
        const py = u.valToPos(y[i], 'y', true);
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
      ctx.stroke();
    });
    ctx.restore();
  }

  /** The markers on (iteration, cost) of the training and the test series; null hides one. */
  showMarkers(train: { x: number; y: number } | null, test: { x: number; y: number } | null = null): void {
    [train, test].forEach((point, k) => {
      const marker = this.markers[k];
      if (marker.hidden !== (point === null)) marker.hidden = point === null;
      if (point) {
        marker.style.transform = `translate(${this.plot.valToPos(point.x, 'x')}px, ${this.plot.valToPos(point.y, 'y')}px)`;
      }
    });
  }

  /** The chart as a PNG data URL on `background` (the canvas itself is transparent). */
  toDataURL(background: string): string {
    const source = this.plot.ctx.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return source.toDataURL('image/png');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    return canvas.toDataURL('image/png');
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.plot.destroy();
  }
}

function makeMarker(className: string): HTMLDivElement {
  const marker = document.createElement('div');
  marker.className = className;
  marker.hidden = true;
  return marker;
}

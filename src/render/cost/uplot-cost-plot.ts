// The cost curve's plot, drawn by uPlot (a DOM chart with canvases of its own, so not a
// ViewRenderer on a CanvasView's canvas): owns the uPlot instance, its hover marker and the
// observer that keeps it the size of its box. The element keeps the data (decimator), the
// frames (ViewFrames) and the readout; this only draws what it is handed.
import uPlot from 'uplot';
import { costPlotOptions } from './cost-plot';
import type { CostPlotSetup } from './cost-plot';

export interface UplotCostPlotSetup extends Omit<CostPlotSetup, 'width' | 'height'> {
  /** the box changed size: the columns changed, regroup and redraw */
  onResize(): void;
}

export class UplotCostPlot {
  readonly plot: uPlot;
  /** the hover/keyboard markers: training cost, test cost */
  private readonly markers: [HTMLDivElement, HTMLDivElement];
  private readonly resizeObserver: ResizeObserver;

  /** Builds the chart in `box` (its size now; then following it). */
  constructor(box: HTMLElement, setup: UplotCostPlotSetup) {
    const options = costPlotOptions({
      ...setup,
      width: Math.max(1, Math.floor(box.clientWidth) || 300),
      height: Math.max(1, Math.floor(box.clientHeight) || 200),
    });
    this.plot = new uPlot(options, [[], [], []], box);
    this.markers = [makeMarker('marker'), makeMarker('marker test')];
    this.plot.over.append(...this.markers);
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

  /** One setData of the aligned series (iterations, training costs, test costs; see alignSeries). */
  setData(data: [number[], (number | null)[], (number | null)[]]): void {
    this.plot.batch(() => this.plot.setData(data));
  }

  /** The markers on (iteration, cost) of the training and the test series; null hides one. */
  showMarkers(train: { x: number; y: number } | null, test: { x: number; y: number } | null = null): void {
    [train, test].forEach((point, k) => {
      const marker = this.markers[k];
      marker.hidden = point === null;
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

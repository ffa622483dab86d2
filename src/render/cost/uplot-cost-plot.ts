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
  private readonly marker: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver;

  /** Builds the chart in `box` (its size now; then following it). */
  constructor(box: HTMLElement, setup: UplotCostPlotSetup) {
    const options = costPlotOptions({
      ...setup,
      width: Math.max(1, Math.floor(box.clientWidth) || 300),
      height: Math.max(1, Math.floor(box.clientHeight) || 200),
    });
    this.plot = new uPlot(options, [new Float64Array(0), new Float64Array(0)], box);
    this.marker = document.createElement('div');
    this.marker.className = 'marker';
    this.marker.hidden = true;
    this.plot.over.append(this.marker);
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

  /** One setData of the decimated series (iterations, costs). */
  setData(x: Float64Array, y: Float64Array): void {
    this.plot.batch(() => this.plot.setData([x, y]));
  }

  /** The marker on (iteration, cost), or hidden for null. */
  showMarker(point: { x: number; y: number } | null): void {
    this.marker.hidden = point === null;
    if (!point) return;
    this.marker.style.transform = `translate(${this.plot.valToPos(point.x, 'x')}px, ${this.plot.valToPos(point.y, 'y')}px)`;
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

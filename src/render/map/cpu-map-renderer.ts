// The decision map without WebGL: the network evaluated in JavaScript on a coarse grid
// (CPU_MAP_CELLS² cells), scaled up smoothly, with the boundary traced by marching squares.
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { nn } from '../../core/network';
import { gridPoints, paramsShape, probabilityGrid } from './probability-grid';
import type { ProbabilityGrid } from './probability-grid';
import { MAP_ALPHA, MAP_RANGE, MAP_SIZES } from './map-renderer';
import type { MapQuality, MapRenderer } from './map-renderer';
import { addMarker, cssRgba, paintMarkers } from '../gl/marker-paths';
import { HOLLOW_SCALE, TEST_CLASS_OFFSET, testRowMask } from '../gl/test-rows';
import type { ViewTheme } from '../gl/theme';

export const CPU_MAP_CELLS = 100;

export class CpuMapRenderer implements MapRenderer {
  readonly kind = 'cpu';
  private readonly ctx: CanvasRenderingContext2D;
  private readonly cells = document.createElement('canvas');
  private params: Params | null = null;
  private data: DatasetMessage | null = null;
  private theme: ViewTheme | null = null;
  /** f_k = p_k − max_{j≠k} p_j at the cell centres, C×cells², row 0 at the top */
  private margins = new Float64Array(0);
  private stale = true;
  private width = 1;
  private height = 1;
  private pixelRatio = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    this.ctx = ctx;
    this.cells.width = this.cells.height = CPU_MAP_CELLS;
  }

  setParams(params: Params | null): void {
    if (params === this.params) return;
    this.params = params;
    this.stale = true;
  }

  setData(data: DatasetMessage | null): void {
    this.data = data;
  }

  setTheme(theme: ViewTheme): void {
    if (theme !== this.theme) this.stale = true;
    this.theme = theme;
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.pixelRatio = pixelRatio;
  }

  draw(_quality: MapQuality): void {
    const { ctx, width, height, theme } = this;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!theme) return;
    if (this.params && paramsShape(this.params).inputs === 2) {
      if (this.stale) this.evaluate(this.params, theme);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.cells, 0, 0, width, height);
      this.traceBoundary(paramsShape(this.params).classes, theme);
    }
    this.drawPoints(theme);
  }

  renderProbabilityGrid(n: number): ProbabilityGrid | null {
    if (!this.params) return null;
    try {
      return probabilityGrid(this.params, n, MAP_RANGE.lo, MAP_RANGE.hi);
    } catch {
      return null;
    }
  }

  destroy(): void {
    this.params = null;
    this.data = null;
  }

  private evaluate(params: Params, theme: ViewTheme): void {
    const G = CPU_MAP_CELLS;
    const { classes: C } = paramsShape(params);
    const image = new ImageData(G, G);
    this.margins = new Float64Array(C * G * G);
    const step = (MAP_RANGE.hi - MAP_RANGE.lo) / G;
    // cell centres, row 0 at the top (y = hi)
    const xs = Float64Array.from({ length: G }, (_, c) => MAP_RANGE.lo + (c + 0.5) * step);
    const ys = Float64Array.from({ length: G }, (_, r) => MAP_RANGE.hi - (r + 0.5) * step);
    let Y: Float64Array;
    try {
      Y = nn(gridPoints(xs, ys), params).data;
    } catch {
      // non-finite parameters (a diverged run): nothing to shade
      Y = new Float64Array(G * G * C);
    }
    for (let cell = 0; cell < G * G; cell++) {
      const p = Y.subarray(cell * C, cell * C + C);
      let rgbR = 0;
      let rgbG = 0;
      let rgbB = 0;
      let top = 0;
      for (let k = 0; k < C; k++) {
        const color = theme.classColors[Math.min(k, 4)];
        rgbR += p[k] * color[0];
        rgbG += p[k] * color[1];
        rgbB += p[k] * color[2];
        top = Math.max(top, p[k]);
        let other = 0;
        for (let j = 0; j < C; j++) if (j !== k) other = Math.max(other, p[j]);
        this.margins[k * G * G + cell] = p[k] - other;
      }
      const chance = 1 / C;
      const confidence = C > 1 ? Math.max(0, (top - chance) / (1 - chance)) : 1;
      const o = 4 * cell;
      image.data[o] = rgbR * 255;
      image.data[o + 1] = rgbG * 255;
      image.data[o + 2] = rgbB * 255;
      image.data[o + 3] = top > 0 ? (MAP_ALPHA[0] + (MAP_ALPHA[1] - MAP_ALPHA[0]) * confidence) * 255 : 0;
    }
    this.cells.getContext('2d')?.putImageData(image, 0, 0);
    this.stale = false;
  }

  /** Marching squares on each f_k = 0 between cell centres. */
  private traceBoundary(C: number, theme: ViewTheme): void {
    const G = CPU_MAP_CELLS;
    const sx = this.width / G;
    const sy = this.height / G;
    const path = new Path2D();
    // where f crosses 0 on the edge from node a to node b, as a fraction of the way
    const cross = (a: number, b: number): number => a / (a - b);
    for (let k = 0; k < (C === 2 ? 1 : C); k++) {
      const f = this.margins.subarray(k * G * G, (k + 1) * G * G);
      for (let r = 0; r + 1 < G; r++) {
        for (let c = 0; c + 1 < G; c++) {
          const tl = f[r * G + c];
          const tr = f[r * G + c + 1];
          const bl = f[(r + 1) * G + c];
          const br = f[(r + 1) * G + c + 1];
          const points: [number, number][] = [];
          if (tl > 0 !== tr > 0) points.push([c + cross(tl, tr), r]);
          if (tr > 0 !== br > 0) points.push([c + 1, r + cross(tr, br)]);
          if (bl > 0 !== br > 0) points.push([c + cross(bl, br), r + 1]);
          if (tl > 0 !== bl > 0) points.push([c, r + cross(tl, bl)]);
          for (let s = 0; s + 1 < points.length; s += 2) {
            path.moveTo((points[s][0] + 0.5) * sx, (points[s][1] + 0.5) * sy);
            path.lineTo((points[s + 1][0] + 0.5) * sx, (points[s + 1][1] + 0.5) * sy);
          }
        }
      }
    }
    this.ctx.strokeStyle = cssRgba(theme.text, 0.85);
    this.ctx.lineWidth = MAP_SIZES.boundary * this.pixelRatio;
    this.ctx.lineCap = 'round';
    this.ctx.stroke(path);
  }

  private drawPoints(theme: ViewTheme): void {
    const data = this.data;
    if (!data || data.inputs < 2) return;
    const { ctx, width, height } = this;
    const span = MAP_RANGE.hi - MAP_RANGE.lo;
    const radius = MAP_SIZES.markerRadius * this.pixelRatio;
    // one path per class and kind (k + TEST_CLASS_OFFSET for hollow test rows)
    const byClass = new Map<number, Path2D>();
    const test = testRowMask(data);
    for (let i = 0; i < data.samples; i++) {
      const k = Math.max(0, Math.min(4, data.t[i]));
      const key = k + TEST_CLASS_OFFSET * test[i];
      let path = byClass.get(key);
      if (!path) byClass.set(key, (path = new Path2D()));
      const px = ((data.X[i * data.inputs] - MAP_RANGE.lo) / span) * width;
      const py = ((MAP_RANGE.hi - data.X[i * data.inputs + 1]) / span) * height;
      addMarker(path, k, px, py, test[i] ? radius * HOLLOW_SCALE : radius);
    }
    const outline = cssRgba(theme.text, 0.9);
    for (const [key, path] of byClass) {
      const hollow = key >= TEST_CLASS_OFFSET;
      paintMarkers(ctx, path, {
        fill: cssRgba(theme.classColors[hollow ? key - TEST_CLASS_OFFSET : key], 1),
        outline,
        outlineWidth: MAP_SIZES.outline * this.pixelRatio,
        radius: hollow ? radius * HOLLOW_SCALE : radius,
        hollow,
      });
    }
  }
}

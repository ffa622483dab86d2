// The hidden space without WebGL: the same projection in JavaScript, points painted far to
// near on a 2-D canvas (painter's algorithm instead of a depth buffer).
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { AXES_FLOATS, cubeAxes } from './cube-axes';
import type { CubeAxes } from './cube-axes';
import { hiddenActivations } from '../../core/network';
import { HIDDEN_SIZES } from './hidden-space-renderer';
import type { HiddenSpaceOverlays, HiddenSpaceRenderer } from './hidden-space-renderer';
import { OutputPlaneCache } from './output-plane';
import { gridLineInputs } from './warped-grid';
import { DEFAULT_UNITS } from './hidden-units';
import type { AxisUnits } from './hidden-units';
import { projectToViewport } from './mat4';
import { addMarker, cssRgba, paintMarkers } from '../gl/marker-paths';
import { HOLLOW_SCALE, testRowMask } from '../gl/test-rows';
import { DEFAULT_CAMERA, worldToClip } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';
import type { ViewTheme } from '../gl/theme';

const NO_TITLES = ['', '', ''] as const;
/** the warped grid's inputs as a D = 2 matrix, made once */
let gridInputs: Float64Array | null = null;

export class CpuHiddenSpaceRenderer implements HiddenSpaceRenderer {
  readonly kind = 'cpu';
  private readonly ctx: CanvasRenderingContext2D;
  private params: Params | null = null;
  private data: DatasetMessage | null = null;
  private units: AxisUnits = DEFAULT_UNITS;
  private camera: OrbitCamera = DEFAULT_CAMERA;
  private theme: ViewTheme | null = null;
  private width = 1;
  private height = 1;
  private pixelRatio = 1;
  /** projection · look-at and the axis lines, recomputed only when the camera or size changes */
  private readonly matrix = new Float32Array(16);
  private readonly axesFloats = new Float32Array(AXES_FLOATS);
  private axes: CubeAxes | null = null;
  private overlays: HiddenSpaceOverlays = { plane: true, grid: true };
  private readonly planes = new OutputPlaneCache();

  constructor(canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    this.ctx = ctx;
  }

  setParams(params: Params | null): void {
    this.params = params;
  }
  setData(data: DatasetMessage | null): void {
    this.data = data;
  }
  setUnits(units: AxisUnits): void {
    this.units = units;
  }
  setCamera(camera: OrbitCamera): void {
    if (camera.elevation === this.camera.elevation && camera.azimuth === this.camera.azimuth) return;
    this.camera = { ...camera };
    this.axes = null;
  }
  setOverlays(overlays: HiddenSpaceOverlays): void {
    this.overlays = { ...overlays };
  }
  setTheme(theme: ViewTheme): void {
    this.theme = theme;
  }
  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.pixelRatio = pixelRatio;
    this.axes = null;
  }

  draw(): void {
    const { ctx, width, height, theme } = this;
    ctx.clearRect(0, 0, width, height);
    if (!theme) return;
    const m = this.matrix;
    if (!this.axes) {
      worldToClip(this.camera, width / height, m);
      // the titles are drawn as HTML by the element; the lines do not depend on them
      this.axes = cubeAxes(this.camera, m, NO_TITLES, this.axesFloats);
    }
    const axes = this.axes;
    const segments = (from: number, count: number, color: string): void => {
      ctx.beginPath();
      for (let v = from; v < from + count; v += 2) {
        const a = projectToViewport(
          m,
          [axes.lines[3 * v], axes.lines[3 * v + 1], axes.lines[3 * v + 2]],
          width,
          height,
        );
        const b = projectToViewport(
          m,
          [axes.lines[3 * v + 3], axes.lines[3 * v + 4], axes.lines[3 * v + 5]],
          width,
          height,
        );
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = this.pixelRatio;
      ctx.stroke();
    };
    segments(0, axes.edgeVertices, cssRgba(theme.text, HIDDEN_SIZES.edgeAlpha));
    segments(axes.edgeVertices, axes.tickVertices, cssRgba(theme.text, HIDDEN_SIZES.axisAlpha));
    // the plane and the grid under the points, as on the GPU
    if (this.overlays.plane) this.drawPlane(m, theme);
    if (this.overlays.grid) this.drawGrid(m, theme);
    this.drawPoints(m, theme);
  }

  destroy(): void {
    this.params = null;
    this.data = null;
  }

  /** The grid lines' images, as segments (the core computes h at each vertex). */
  private drawGrid(m: Float32Array, theme: ViewTheme): void {
    const { params, ctx, width, height } = this;
    if (!params || params.Wh.rows !== 2) return;
    gridInputs ??= Float64Array.from(gridLineInputs());
    const n = gridInputs.length / 2;
    let Hact: Float64Array;
    try {
      Hact = hiddenActivations({ rows: n, cols: 2, data: gridInputs }, params.Wh, params.bh).data;
    } catch {
      return;
    }
    const H = params.Wh.cols;
    const at = (i: number) =>
      projectToViewport(
        m,
        [0, 1, 2].map((a) => {
          const u = this.units[a];
          return u === null || u > H ? 0 : Hact[i * H + u - 1];
        }) as [number, number, number],
        width,
        height,
      );
    ctx.beginPath();
    for (let i = 0; i < n; i += 2) {
      const a = at(i);
      const b = at(i + 1);
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
    ctx.strokeStyle = cssRgba(theme.text, HIDDEN_SIZES.gridAlpha);
    ctx.lineWidth = this.pixelRatio;
    ctx.stroke();
  }

  /** The output plane: translucent fill and outline. */
  private drawPlane(m: Float32Array, theme: ViewTheme): void {
    const { ctx, width, height } = this;
    const polygon = this.planes.get(this.params, this.data, this.units)?.polygon;
    if (!polygon?.length) return;
    ctx.save();
    ctx.beginPath();
    for (let k = 0; k < polygon.length; k += 3) {
      const p = projectToViewport(m, [polygon[k], polygon[k + 1], polygon[k + 2]], width, height);
      if (k === 0) ctx.moveTo(p.x, p.y);
      else ctx.lineTo(p.x, p.y);
    }
    ctx.closePath();
    ctx.fillStyle = cssRgba(theme.text, HIDDEN_SIZES.planeAlpha);
    ctx.fill();
    ctx.strokeStyle = cssRgba(theme.text, HIDDEN_SIZES.planeEdgeAlpha);
    ctx.lineWidth = this.pixelRatio;
    // a miter at a sharp corner would reach past the cube
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.restore();
  }

  private drawPoints(m: Float32Array, theme: ViewTheme): void {
    const { data, params, ctx, width, height } = this;
    if (!data || !params || data.inputs < 2) return;
    const N = data.samples;
    const D = data.inputs;
    let Hact: Float64Array;
    try {
      Hact = hiddenActivations({ rows: N, cols: D, data: data.X }, params.Wh, params.bh).data;
    } catch {
      return; // non-finite parameters (a diverged run)
    }
    const H = params.Wh.cols;
    const units = this.units;
    const test = testRowMask(data);
    const projected: { x: number; y: number; depth: number; k: number; hollow: boolean }[] = [];
    const h: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      for (let a = 0; a < 3; a++) {
        const u = units[a];
        h[a] = u === null || u > H ? 0 : Hact[i * H + u - 1];
      }
      projected.push({
        ...projectToViewport(m, h, width, height),
        k: Math.max(0, Math.min(4, data.t[i])),
        hollow: test[i] === 1,
      });
    }
    projected.sort((a, b) => b.depth - a.depth);
    const radius = HIDDEN_SIZES.markerRadius * this.pixelRatio;
    const outline = cssRgba(theme.text, 0.9);
    const outlineWidth = HIDDEN_SIZES.outline * this.pixelRatio;
    for (const p of projected) {
      const r = p.hollow ? radius * HOLLOW_SCALE : radius;
      const path = new Path2D();
      addMarker(path, p.k, p.x, p.y, r);
      paintMarkers(ctx, path, {
        fill: cssRgba(theme.classColors[p.k], 1),
        outline,
        outlineWidth,
        radius: r,
        hollow: p.hollow,
      });
    }
  }
}

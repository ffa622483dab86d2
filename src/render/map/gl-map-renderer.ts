// The decision map on WebGL: owns the regl resources, updates them in place, draws on demand.
import type REGL from 'regl';
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { createDrawHeatmap, planeFromFrag } from './draw-heatmap';
import type { HeatmapOutput, HeatmapProps } from './draw-heatmap';
import { createDrawPoints } from './draw-points';
import { createDrawUpscaledMap } from './draw-upscaled-map';
import type { ProbabilityGrid } from './probability-grid';
import { MAP_ALPHA, MAP_RANGE, MAP_SIZES } from './map-renderer';
import type { MapQuality, MapRenderer } from './map-renderer';
import type { MarkerStyle } from '../gl/marker-glsl';
import type { ShadeStyle } from '../gl/network-glsl';
import { hiddenCapacity, NetworkUniforms } from '../gl/network-uniforms';
import { PointBuffers } from '../gl/point-buffers';
import { classColorMatrix, rgbaArray } from '../gl/theme';
import type { ViewTheme } from '../gl/theme';

/** The coarse map of `fast` quality has at most this many cells per side. */
export const FAST_MAP_CELLS = 200;
/**
 * Frame budget of the coarse map in cell·unit evaluations: a cell costs about H + 4 units of
 * shader work (the hidden units plus softmax and shading), so H = 3 gets 200² cells, H = 16
 * about 118², H = 64 the floor of 64². On software GL that keeps a fast frame near 10–40 ms.
 */
const FAST_MAP_BUDGET = FAST_MAP_CELLS * FAST_MAP_CELLS * 7;
const FAST_MAP_MIN_CELLS = 64;

/** Cells per side of the `fast` map for H hidden units. */
export function fastMapCells(hidden: number): number {
  const cells = Math.round(Math.sqrt(FAST_MAP_BUDGET / (hidden + 4)));
  return Math.max(FAST_MAP_MIN_CELLS, Math.min(FAST_MAP_CELLS, cells));
}

type DrawHeatmap = REGL.DrawCommand<REGL.DefaultContext, HeatmapProps>;

export class GlMapRenderer implements MapRenderer {
  readonly kind = 'webgl';
  /** hidden units the shader's uniform arrays hold on this GPU */
  readonly maxHidden: number;
  private readonly derivatives: boolean;
  private readonly network: NetworkUniforms;
  private readonly points: PointBuffers;
  private readonly heatmaps = new Map<HeatmapOutput, DrawHeatmap>();
  private readonly drawPoints;
  private drawUpscaled?: ReturnType<typeof createDrawUpscaledMap>;
  private coarse?: { framebuffer: REGL.Framebuffer2D; texture: REGL.Texture2D };
  private gridTarget?: REGL.Framebuffer2D;
  private params: Params | null = null;
  private theme: ViewTheme | null = null;
  private width = 1;
  private height = 1;
  private readonly shade: ShadeStyle = {
    classColors: new Float32Array(16),
    classColor4: new Float32Array(4),
    classes: 2,
    alphaRange: MAP_ALPHA,
    lineColor: new Float32Array(4),
    lineWidth: MAP_SIZES.boundary,
  };
  private readonly marker: MarkerStyle = {
    classColors: this.shade.classColors,
    classColor4: this.shade.classColor4,
    outline: new Float32Array(4),
    radius: MAP_SIZES.markerRadius,
    outlineWidth: MAP_SIZES.outline,
  };
  private readonly plane = new Float32Array(4);
  private readonly clipFromPlane = new Float32Array([
    2 / (MAP_RANGE.hi - MAP_RANGE.lo),
    2 / (MAP_RANGE.hi - MAP_RANGE.lo),
    0,
    0,
  ]);

  constructor(private readonly regl: REGL.Regl) {
    this.maxHidden = hiddenCapacity(regl.limits.maxFragmentUniforms);
    if (this.maxHidden < 1) throw new Error('WebGL unavailable: too few fragment uniforms for the map');
    this.derivatives = regl.hasExtension('OES_standard_derivatives');
    this.network = new NetworkUniforms(this.maxHidden);
    this.points = new PointBuffers(regl);
    this.drawPoints = createDrawPoints(regl);
    // clip = (x − centre) · 2 / (hi − lo)
    const centre = (MAP_RANGE.lo + MAP_RANGE.hi) / 2;
    this.clipFromPlane[2] = -centre * this.clipFromPlane[0];
    this.clipFromPlane[3] = -centre * this.clipFromPlane[1];
    this.warmUp();
  }

  /**
   * Compiles both quality paths now, with the context's other start-up work, rather than at
   * the first switch between them mid-training: a first use links a program and completes a
   * framebuffer, a 30–100 ms stall on software GL.
   */
  private warmUp(): void {
    const coarse = this.coarseTarget(1, 1);
    const tiny = { x: 0, y: 0, width: 1, height: 1 };
    const planeFromFragTiny = planeFromFrag(1, 1, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane);
    const common = { network: this.network, shade: this.shade, planeFromFrag: planeFromFragTiny, viewport: tiny };
    this.heatmap('probabilities')({ ...common, framebuffer: coarse.framebuffer });
    this.heatmap('color')({ ...common, framebuffer: null });
    this.drawUpscaled = createDrawUpscaledMap(this.regl, { derivatives: this.derivatives });
    this.drawUpscaled({ probabilities: coarse.texture, shade: this.shade, viewport: tiny });
  }

  /** Whether these parameters fit this GPU's shader (D = 2, H ≤ maxHidden, C ≤ 5). */
  supports(params: Params): boolean {
    return this.network.fits(params);
  }

  setParams(params: Params | null): void {
    if (params === this.params) return;
    this.params = params;
    if (params) this.network.update(params);
    else this.network.clear();
    this.shade.classes = Math.max(1, this.network.classes);
  }

  setData(data: DatasetMessage | null): void {
    this.points.update(data);
  }

  setTheme(theme: ViewTheme): void {
    // readTheme returns the same object while nothing changed: nothing to rewrite then
    if (theme === this.theme) return;
    this.theme = theme;
    classColorMatrix(theme, this.shade.classColors);
    rgbaArray(theme.classColors[4], 1, this.shade.classColor4);
    rgbaArray(theme.text, 0.85, this.shade.lineColor);
    rgbaArray(theme.text, 0.9, this.marker.outline);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.shade.lineWidth = MAP_SIZES.boundary * pixelRatio;
    this.marker.radius = MAP_SIZES.markerRadius * pixelRatio;
    this.marker.outlineWidth = MAP_SIZES.outline * pixelRatio;
  }

  draw(quality: MapQuality): void {
    const { regl, width, height } = this;
    regl.poll();
    regl.clear({ color: [0, 0, 0, 0], depth: 1, framebuffer: null });
    const viewport = { x: 0, y: 0, width, height };
    if (this.network.hidden > 0) {
      const scale = Math.min(1, fastMapCells(this.network.hidden) / Math.max(width, height));
      if (quality === 'fast' && scale < 1) {
        // the network on a coarse grid, then shaded at full resolution (crisp boundary line)
        const w = Math.max(1, Math.round(width * scale));
        const h = Math.max(1, Math.round(height * scale));
        const coarse = this.coarseTarget(w, h);
        this.heatmap('probabilities')({
          network: this.network,
          shade: this.shade,
          planeFromFrag: planeFromFrag(w, h, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane),
          framebuffer: coarse.framebuffer,
          viewport: { x: 0, y: 0, width: w, height: h },
        });
        this.drawUpscaled ??= createDrawUpscaledMap(regl, { derivatives: this.derivatives });
        this.drawUpscaled({ probabilities: coarse.texture, shade: this.shade, viewport });
      } else {
        this.heatmap('color')({
          network: this.network,
          shade: this.shade,
          planeFromFrag: planeFromFrag(width, height, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane),
          framebuffer: null,
          viewport,
        });
      }
    }
    if (this.points.count > 0) {
      this.drawPoints({
        positions: this.points.inputs,
        classes: this.points.classes,
        count: this.points.count,
        clipFromPlane: this.clipFromPlane,
        style: this.marker,
        viewport,
      });
    }
  }

  renderProbabilityGrid(n: number): ProbabilityGrid | null {
    if (this.network.hidden === 0) return null;
    const { regl } = this;
    regl.poll();
    this.gridTarget ??= regl.framebuffer({ width: n, height: n, colorType: 'uint8', depthStencil: false });
    this.gridTarget.resize(n, n);
    this.heatmap('grid')({
      network: this.network,
      shade: this.shade,
      planeFromFrag: planeFromFrag(n, n, MAP_RANGE.lo, MAP_RANGE.hi, false, this.plane),
      framebuffer: this.gridTarget,
      viewport: { x: 0, y: 0, width: n, height: n },
    });
    const pixels = regl.read({ framebuffer: this.gridTarget, x: 0, y: 0, width: n, height: n }) as Uint8Array;
    // read-back row 0 is the bottom row, y = lo: numpy's row order for linspace(lo, hi, n)
    const p0 = new Float32Array(n * n);
    const predicted = new Uint8Array(n * n);
    for (let k = 0; k < n * n; k++) {
      p0[k] = (pixels[4 * k] * 256 + pixels[4 * k + 1]) / 65535;
      predicted[k] = pixels[4 * k + 2];
    }
    return { n, p0, predicted };
  }

  destroy(): void {
    this.regl.destroy();
  }

  private heatmap(output: HeatmapOutput): DrawHeatmap {
    let command = this.heatmaps.get(output);
    if (!command) {
      command = createDrawHeatmap(this.regl, { output, maxHidden: this.maxHidden, derivatives: this.derivatives });
      this.heatmaps.set(output, command);
    }
    return command;
  }

  private coarseTarget(width: number, height: number): { framebuffer: REGL.Framebuffer2D; texture: REGL.Texture2D } {
    if (!this.coarse) {
      const texture = this.regl.texture({ width, height, min: 'linear', mag: 'linear', wrap: 'clamp' });
      this.coarse = { texture, framebuffer: this.regl.framebuffer({ color: texture, depthStencil: false }) };
    } else if (this.coarse.texture.width !== width || this.coarse.texture.height !== height) {
      this.coarse.framebuffer.resize(width, height);
    }
    return this.coarse;
  }
}

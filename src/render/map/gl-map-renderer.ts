// The decision map on WebGL: owns the regl resources, updates them in place, draws on demand.
// Its programs and the coarse map's target are built a piece at a time (StagedPieces): the
// markers and the path of the quality the view starts in before the first frame, the other
// path in idle time. Until a path is built the other stands in: a `full` frame drawn by the
// coarse path is marked provisional, and the view draws again once the exact program is built.
//
// On software GL an exact frame of a large map costs hundreds of milliseconds (map-cost.ts), so
// a `full` frame that would cost more than REFINE_STEP_MS is drawn over several frames: into a
// texture of the view's size, the coarse map first and then the exact program a strip of rows
// at a time (scissored), each frame showing the texture and the points over it (`refining`
// until the last strip). The finished texture is the exact map, byte for byte; it is shown
// again, without the network, until the parameters, colours or size change (a data edit while
// paused redraws only the points).
import type REGL from 'regl';
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { createDrawHeatmap, heatmapShaders, planeFromFrag } from './draw-heatmap';
import type { HeatmapOptions, HeatmapOutput, HeatmapProps } from './draw-heatmap';
import { createDrawPoints, POINTS_SHADERS } from './draw-points';
import type { PointsProps } from './draw-points';
import { createDrawUpscaledMap, regionOf, upscaledShaders } from './draw-upscaled-map';
import type { UpscaledMapProps } from './draw-upscaled-map';
import { createDrawMapCopy, MAP_COPY_SHADERS } from './draw-map-copy';
import type { MapCopyProps } from './draw-map-copy';
import { COPY_UNITS, REFINE_STEP_MS, SHADE_UNITS, SOFTWARE_NS_PER_UNIT, softwareGl, unitsPerPixel } from './map-cost';
import type { SetupPhase } from '../canvas/view-renderer';
import { StagedPieces } from '../gl/staged-programs';
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
export const FAST_MAP_CELLS = 96;
/**
 * Frame budget of the coarse map in cell·unit evaluations: a cell costs about H + 4 units of
 * shader work (the hidden units plus softmax and shading), so H = 3 gets 96² cells, H = 8 73²,
 * H ≥ 12 the floor of 64². The probabilities are interpolated between cells and shaded per
 * pixel, so the boundary line stays sharp. On software GL the shading pass then costs about as
 * much as the network (a 190² view: ~1.3 ms of SwiftShader each at H = 3, against ~5 ms for the
 * network per pixel), which is what lets every view draw in the frame a batch arrives in while
 * training (bench/dashboard.browser.ts).
 */
const FAST_MAP_BUDGET = FAST_MAP_CELLS * FAST_MAP_CELLS * 7;
const FAST_MAP_MIN_CELLS = 64;

/** Cells per side of the `fast` map for H hidden units. */
export function fastMapCells(hidden: number): number {
  const cells = Math.round(Math.sqrt(FAST_MAP_BUDGET / (hidden + 4)));
  return Math.max(FAST_MAP_MIN_CELLS, Math.min(FAST_MAP_CELLS, cells));
}

type DrawHeatmap = REGL.DrawCommand<REGL.DefaultContext, HeatmapProps>;

interface MapPieces extends Record<string, unknown> {
  points: REGL.DrawCommand<REGL.DefaultContext, PointsProps>;
  probabilities: DrawHeatmap;
  upscaled: REGL.DrawCommand<REGL.DefaultContext, UpscaledMapProps>;
  /** the coarse map's FAST_MAP_CELLS² target; each frame fills its lower-left w×h cells */
  coarse: { framebuffer: REGL.Framebuffer2D; texture: REGL.Texture2D };
  color: DrawHeatmap;
  grid: DrawHeatmap;
  /** shows the exact map drawn over several frames */
  copy: REGL.DrawCommand<REGL.DefaultContext, MapCopyProps>;
  /** the texture the exact map is drawn into over several frames, at the view's size */
  exact: ExactMap;
}

/** The exact map drawn over several frames, and what it was drawn for. */
interface ExactMap {
  texture: REGL.Texture2D;
  framebuffer: REGL.Framebuffer2D;
  texelSize: Float32Array;
  /** rows drawn by the exact program so far, from the bottom */
  rows: number;
  params: Params | null;
  theme: ViewTheme | null;
  lineWidth: number;
}

export class GlMapRenderer implements MapRenderer {
  readonly kind = 'webgl';
  /** hidden units the shader's uniform arrays hold on this GPU */
  readonly maxHidden: number;
  private readonly derivatives: boolean;
  private readonly network: NetworkUniforms;
  /** the last frame was the coarse map standing in for the exact one (not built yet) */
  provisional = false;
  /** the last frame was a step of the exact map drawn over several frames */
  refining = false;
  /** the last frame's GPU work on software GL (ms); 0 on a hardware GPU */
  private gpuMs = 0;
  /** programs and targets, built one per prepare() or when first drawn */
  readonly pieces: StagedPieces<MapPieces>;
  private readonly points: PointBuffers;
  private readonly region = new Float32Array(4);
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

  /**
   * `first`: the quality the view draws first (its path is built before the first frame, the
   * other when idle); `stepMs`: the GPU time of a step of an exact map drawn over several frames
   * (Infinity: always in one).
   */
  constructor(
    private readonly regl: REGL.Regl,
    first: MapQuality = 'fast',
    private readonly stepMs = REFINE_STEP_MS,
  ) {
    this.maxHidden = hiddenCapacity(regl.limits.maxFragmentUniforms);
    if (this.maxHidden < 1) throw new Error('WebGL unavailable: too few fragment uniforms for the map');
    this.derivatives = regl.hasExtension('OES_standard_derivatives');
    this.network = new NetworkUniforms(this.maxHidden);
    this.points = new PointBuffers(regl);
    // clip = (x − centre) · 2 / (hi − lo)
    const centre = (MAP_RANGE.lo + MAP_RANGE.hi) / 2;
    this.clipFromPlane[2] = -centre * this.clipFromPlane[0];
    this.clipFromPlane[3] = -centre * this.clipFromPlane[1];
    const heatmap = (output: HeatmapOutput): HeatmapOptions => ({
      output,
      maxHidden: this.maxHidden,
      derivatives: this.derivatives,
    });
    const upscaled = { derivatives: this.derivatives };
    const fastPhase: SetupPhase = first === 'fast' ? 'first' : 'idle';
    const fullPhase: SetupPhase = first === 'full' ? 'first' : 'idle';
    // in this order: the markers, then the fast path, then the exact one
    this.pieces = new StagedPieces<MapPieces>(regl._gl, {
      points: { phase: 'first', build: () => createDrawPoints(regl), sources: () => POINTS_SHADERS },
      probabilities: {
        phase: fastPhase,
        build: () => createDrawHeatmap(regl, heatmap('probabilities')),
        sources: () => heatmapShaders(heatmap('probabilities')),
      },
      upscaled: {
        phase: fastPhase,
        build: () => createDrawUpscaledMap(regl, upscaled),
        sources: () => upscaledShaders(upscaled),
      },
      coarse: { phase: fastPhase, build: () => this.coarseTarget() },
      color: {
        phase: fullPhase,
        build: () => createDrawHeatmap(regl, heatmap('color')),
        sources: () => heatmapShaders(heatmap('color')),
      },
      grid: { build: () => createDrawHeatmap(regl, heatmap('grid')) },
      // what a paused map drawn over several frames needs, in idle time (made in the first paused
      // frame, they held the first seek after a run for 115–130 ms): a piece each, as a
      // framebuffer's status check and a link are each a synchronous wait on the GPU process
      copy: { phase: 'idle', build: () => createDrawMapCopy(regl), sources: () => MAP_COPY_SHADERS },
      exact: { phase: 'idle', build: () => this.exactTarget() },
    });
  }

  prepare(phase: SetupPhase): boolean {
    return this.pieces.prepare(phase);
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

  /** What the next frame is expected to cost the GPU (ms): the last one's; 0 on a hardware GPU. */
  expectedGpuMs(): number {
    return this.gpuMs;
  }

  draw(quality: MapQuality): void {
    const { regl, width, height, pieces } = this;
    regl.poll();
    regl.clear({ color: [0, 0, 0, 0], depth: 1, framebuffer: null });
    const viewport = { x: 0, y: 0, width, height };
    this.provisional = false;
    this.refining = false;
    let units = 0;
    const hidden = this.network.hidden;
    if (hidden > 0) {
      const scale = Math.min(1, fastMapCells(hidden) / Math.max(width, height));
      const exactWanted = quality === 'full' || scale >= 1;
      const coarseBuilt = pieces.has('probabilities') && pieces.has('upscaled') && pieces.has('coarse');
      // a path not built yet is built now only if the other is not built either
      const exact = pieces.has('color') ? exactWanted || !coarseBuilt : exactWanted && !coarseBuilt;
      const exactUnits = width * height * unitsPerPixel(hidden);
      if (!exact) {
        // a `full` frame drawn so until the exact program is built is provisional
        this.provisional = quality === 'full';
        units = this.drawCoarse(null, viewport);
      } else if (quality === 'full' && coarseBuilt && this.costMs(exactUnits) > this.stepMs) {
        units = this.drawExactInSteps(viewport);
      } else {
        pieces.get('color')({
          network: this.network,
          shade: this.shade,
          planeFromFrag: planeFromFrag(width, height, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane),
          framebuffer: null,
          viewport,
          scissor: viewport,
        });
        units = exactUnits;
      }
    }
    if (this.points.count > 0) {
      pieces.get('points')({
        positions: this.points.inputs,
        classes: this.points.classes,
        count: this.points.count,
        clipFromPlane: this.clipFromPlane,
        style: this.marker,
        viewport,
      });
    }
    this.gpuMs = this.costMs(units);
  }

  /**
   * The network on a coarse grid, then shaded at full resolution (crisp boundary line) into
   * `framebuffer` (null: the drawing buffer); returns the units of shader work.
   */
  private drawCoarse(framebuffer: REGL.Framebuffer2D | null, viewport: REGL.BoundingBox): number {
    const { width, height, pieces } = this;
    const scale = Math.min(1, fastMapCells(this.network.hidden) / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const coarse = pieces.get('coarse');
    const cells = { x: 0, y: 0, width: w, height: h };
    pieces.get('probabilities')({
      network: this.network,
      shade: this.shade,
      planeFromFrag: planeFromFrag(w, h, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane),
      framebuffer: coarse.framebuffer,
      viewport: cells,
      scissor: cells,
    });
    pieces.get('upscaled')({
      probabilities: coarse.texture,
      region: regionOf(w, h, FAST_MAP_CELLS, FAST_MAP_CELLS, this.region),
      shade: this.shade,
      framebuffer,
      viewport,
    });
    return w * h * unitsPerPixel(this.network.hidden) + width * height * SHADE_UNITS;
  }

  /**
   * One step of the exact map drawn over several frames (see the top of the file), shown;
   * returns the units of shader work.
   */
  private drawExactInSteps(viewport: REGL.BoundingBox): number {
    const { width, height, pieces } = this;
    const map = pieces.get('exact');
    this.fitExact(map);
    let units = width * height * COPY_UNITS;
    if (map.params !== this.params || map.theme !== this.theme || map.lineWidth !== this.shade.lineWidth) {
      map.params = this.params;
      map.theme = this.theme;
      map.lineWidth = this.shade.lineWidth;
      map.rows = 0;
    }
    if (map.rows === 0) units += this.drawCoarse(map.framebuffer, viewport);
    if (map.rows < height) {
      const rowUnits = width * unitsPerPixel(this.network.hidden);
      const budget = (this.stepMs * 1e6) / SOFTWARE_NS_PER_UNIT;
      const rows = Math.min(height - map.rows, Math.max(1, Math.floor(budget / rowUnits)));
      pieces.get('color')({
        network: this.network,
        shade: this.shade,
        planeFromFrag: planeFromFrag(width, height, MAP_RANGE.lo, MAP_RANGE.hi, true, this.plane),
        framebuffer: map.framebuffer,
        viewport,
        scissor: { x: 0, y: map.rows, width, height: rows },
      });
      map.rows += rows;
      units += rows * rowUnits;
    }
    pieces.get('copy')({ texture: map.texture, texelSize: map.texelSize, viewport });
    this.refining = map.rows < height;
    return units;
  }

  /** The exact map's texture at the view's size. */
  private exactTarget(): ExactMap {
    const { width, height } = this;
    const texture = this.regl.texture({ width, height, min: 'nearest', mag: 'nearest', wrap: 'clamp' });
    const framebuffer = this.regl.framebuffer({ color: texture, depthStencil: false });
    const texelSize = new Float32Array([1 / width, 1 / height]);
    return { texture, framebuffer, texelSize, rows: 0, params: null, theme: null, lineWidth: 0 };
  }

  /** Resizes the exact map's texture to the view (a resized view starts its exact map over). */
  private fitExact(map: ExactMap): void {
    const { width, height } = this;
    if (map.texture.width === width && map.texture.height === height) return;
    map.framebuffer.resize(width, height);
    map.texelSize[0] = 1 / width;
    map.texelSize[1] = 1 / height;
    map.rows = 0;
  }

  /** GPU milliseconds of `units` of shader work: software GL's rate, or 0 on a hardware GPU. */
  private costMs(units: number): number {
    return softwareGl(this.regl._gl) ? (units * SOFTWARE_NS_PER_UNIT) / 1e6 : 0;
  }

  renderProbabilityGrid(n: number): ProbabilityGrid | null {
    if (this.network.hidden === 0) return null;
    const { regl } = this;
    regl.poll();
    this.gridTarget ??= regl.framebuffer({ width: n, height: n, colorType: 'uint8', depthStencil: false });
    this.gridTarget.resize(n, n);
    this.pieces.get('grid')({
      network: this.network,
      shade: this.shade,
      planeFromFrag: planeFromFrag(n, n, MAP_RANGE.lo, MAP_RANGE.hi, false, this.plane),
      framebuffer: this.gridTarget,
      viewport: { x: 0, y: 0, width: n, height: n },
      scissor: { x: 0, y: 0, width: n, height: n },
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
    this.pieces.dispose();
    this.regl.destroy();
  }

  private coarseTarget(): MapPieces['coarse'] {
    const size = FAST_MAP_CELLS;
    const texture = this.regl.texture({ width: size, height: size, min: 'linear', mag: 'linear', wrap: 'clamp' });
    return { texture, framebuffer: this.regl.framebuffer({ color: texture, depthStencil: false }) };
  }
}

// The hidden space on WebGL: owns the regl resources, updates them in place, draws on demand.
// Its two programs are built a piece at a time before the first frame (StagedPieces).
import type REGL from 'regl';
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { AXES_FLOATS, cubeAxes } from './cube-axes';
import { AXES3D_SHADERS, createDrawAxes3d } from './draw-axes3d';
import { createDrawHiddenPoints, HIDDEN_POINTS_SHADERS } from './draw-hidden-points';
import { createDrawOutputPlane } from './draw-output-plane';
import type { OutputPlaneProps } from './draw-output-plane';
import { createDrawWarpedGrid, WARPED_GRID_SHADERS } from './draw-warped-grid';
import type { WarpedGridProps } from './draw-warped-grid';
import { OutputPlaneCache, PLANE_MESH_FLOATS, planeMesh } from './output-plane';
import type { OutputPlane } from './output-plane';
import { gridLineInputs } from './warped-grid';
import type { SetupPhase } from '../canvas/view-renderer';
import { StagedPieces } from '../gl/staged-programs';
import { HIDDEN_SIZES } from './hidden-space-renderer';
import type { HiddenSpaceOverlays, HiddenSpaceRenderer } from './hidden-space-renderer';
import { axisTitles, axisWeights, DEFAULT_UNITS } from './hidden-units';
import type { AxisUnits } from './hidden-units';
import type { MarkerStyle } from '../gl/marker-glsl';
import { DEFAULT_CAMERA, worldToClip } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';
import { PointBuffers } from '../gl/point-buffers';
import { softwareGl } from '../gl/software-gl';
import { classColorMatrix, rgbaArray } from '../gl/theme';
import type { ViewTheme } from '../gl/theme';
import type { Axes3dProps } from './draw-axes3d';
import type { HiddenPointsProps } from './draw-hidden-points';

interface HiddenSpacePieces extends Record<string, unknown> {
  axes: REGL.DrawCommand<REGL.DefaultContext, Axes3dProps>;
  points: REGL.DrawCommand<REGL.DefaultContext, HiddenPointsProps>;
  grid: REGL.DrawCommand<REGL.DefaultContext, WarpedGridProps>;
  plane: REGL.DrawCommand<REGL.DefaultContext, OutputPlaneProps>;
}

/**
 * Software GL's cost (ms) of a point sprite, its outline and depth test included (render bench:
 * 10,000 points at 600², about 46 ms).
 */
const SOFTWARE_MS_PER_POINT = 0.0045;

const CLEAR = { color: [0, 0, 0, 0] as [number, number, number, number], depth: 1, framebuffer: null };

export class GlHiddenSpaceRenderer implements HiddenSpaceRenderer {
  readonly kind = 'webgl';
  /** never: every frame is the final one */
  readonly provisional = false;
  /** programs, built one per prepare() or when first drawn */
  readonly pieces: StagedPieces<HiddenSpacePieces>;
  private readonly points: PointBuffers;
  private readonly axesBuffer: REGL.Buffer;
  private readonly axesFloats = new Float32Array(AXES_FLOATS);
  private readonly gridInputs: REGL.Buffer;
  private readonly planeBuffer: REGL.Buffer;
  private readonly planeFloats = new Float32Array(PLANE_MESH_FLOATS);
  private readonly planes = new OutputPlaneCache();
  /** the plane whose mesh is in planeBuffer */
  private meshed: OutputPlane | null = null;
  private overlays: HiddenSpaceOverlays = { plane: true, grid: true };
  private data: DatasetMessage | null = null;
  private readonly units3 = [new Float32Array(4), new Float32Array(4), new Float32Array(4)];
  private params: Params | null = null;
  private theme: ViewTheme | null = null;
  private units: AxisUnits = DEFAULT_UNITS;
  private camera: OrbitCamera = DEFAULT_CAMERA;
  private readonly worldToClip = new Float32Array(16);
  private geometryStale = true;
  /** how often the matrix and axes were recomputed (diagnostics, tests) */
  geometryUpdates = 0;
  private width = 1;
  private height = 1;
  private readonly edgeColor = new Float32Array(4);
  private readonly axisColor = new Float32Array(4);
  private readonly gridColor = new Float32Array(4);
  private readonly planeFill = new Float32Array(4);
  private readonly planeLine = new Float32Array(4);
  private readonly marker: MarkerStyle = {
    classColors: new Float32Array(16),
    classColor4: new Float32Array(4),
    outline: new Float32Array(4),
    radius: HIDDEN_SIZES.markerRadius,
    outlineWidth: HIDDEN_SIZES.outline,
  };

  // The draw calls' props, made once and updated in place: a frame allocates nothing.
  private readonly viewport = { x: 0, y: 0, width: 1, height: 1 };
  private readonly edgeProps: Axes3dProps;
  private readonly tickProps: Axes3dProps;
  private readonly pointProps: HiddenPointsProps;
  private readonly gridProps: WarpedGridProps;
  private readonly fillProps: OutputPlaneProps;
  private readonly outlineProps: OutputPlaneProps;

  constructor(private readonly regl: REGL.Regl) {
    this.points = new PointBuffers(regl);
    this.pieces = new StagedPieces<HiddenSpacePieces>(regl._gl, {
      axes: { phase: 'first', build: () => createDrawAxes3d(regl), sources: () => AXES3D_SHADERS },
      points: { phase: 'first', build: () => createDrawHiddenPoints(regl), sources: () => HIDDEN_POINTS_SHADERS },
      grid: { phase: 'first', build: () => createDrawWarpedGrid(regl), sources: () => WARPED_GRID_SHADERS },
      // the axes' program: regl links nothing new
      plane: { phase: 'first', build: () => createDrawOutputPlane(regl) },
    });
    const grid = gridLineInputs();
    this.gridInputs = regl.buffer({ usage: 'static', type: 'float', data: grid });
    this.planeBuffer = regl.buffer({ usage: 'dynamic', type: 'float', data: this.planeFloats });
    this.axesBuffer = regl.buffer({ usage: 'dynamic', type: 'float', data: this.axesFloats });
    const { axesBuffer: lines, worldToClip, viewport } = this;
    this.edgeProps = { lines, worldToClip, viewport, offset: 0, count: 0, color: this.edgeColor };
    this.tickProps = { lines, worldToClip, viewport, offset: 0, count: 0, color: this.axisColor };
    const [unit0, unit1, unit2] = this.units3;
    this.pointProps = {
      inputs: this.points.inputs,
      classes: this.points.classes,
      count: 0,
      unit0,
      unit1,
      unit2,
      worldToClip,
      style: this.marker,
      viewport,
    };
    this.gridProps = {
      inputs: this.gridInputs,
      count: grid.length / 2,
      unit0,
      unit1,
      unit2,
      worldToClip,
      viewport,
      color: this.gridColor,
    };
    const mesh = this.planeBuffer;
    this.fillProps = {
      mesh,
      offset: 0,
      count: 0,
      primitive: 'triangles',
      worldToClip,
      viewport,
      color: this.planeFill,
    };
    this.outlineProps = { mesh, offset: 0, count: 0, primitive: 'lines', worldToClip, viewport, color: this.planeLine };
  }

  prepare(phase: SetupPhase): boolean {
    return this.pieces.prepare(phase);
  }

  /** What a frame costs the GPU (ms) on software GL, for the page's draw budget; 0 on a hardware GPU. */
  expectedGpuMs(): number {
    return softwareGl(this.regl._gl) ? this.points.count * SOFTWARE_MS_PER_POINT : 0;
  }

  setParams(params: Params | null): void {
    if (params === this.params) return;
    this.params = params;
    axisWeights(params, this.units, this.units3);
  }

  setData(data: DatasetMessage | null): void {
    this.data = data;
    this.points.update(data);
  }

  setOverlays(overlays: HiddenSpaceOverlays): void {
    this.overlays = { ...overlays };
  }

  setUnits(units: AxisUnits): void {
    if (units.every((u, k) => u === this.units[k])) return;
    this.units = units;
    axisWeights(this.params, units, this.units3);
  }

  setCamera(camera: OrbitCamera): void {
    if (camera.elevation === this.camera.elevation && camera.azimuth === this.camera.azimuth) return;
    this.camera = { ...camera };
    this.geometryStale = true;
  }

  setTheme(theme: ViewTheme): void {
    // readTheme returns the same object while nothing changed: nothing to rewrite then
    if (theme === this.theme) return;
    this.theme = theme;
    classColorMatrix(theme, this.marker.classColors);
    rgbaArray(theme.classColors[4], 1, this.marker.classColor4);
    rgbaArray(theme.text, 0.9, this.marker.outline);
    rgbaArray(theme.text, HIDDEN_SIZES.edgeAlpha, this.edgeColor);
    rgbaArray(theme.text, HIDDEN_SIZES.axisAlpha, this.axisColor);
    rgbaArray(theme.text, HIDDEN_SIZES.gridAlpha, this.gridColor);
    rgbaArray(theme.text, HIDDEN_SIZES.planeAlpha, this.planeFill);
    rgbaArray(theme.text, HIDDEN_SIZES.planeEdgeAlpha, this.planeLine);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.marker.radius = HIDDEN_SIZES.markerRadius * pixelRatio;
    this.marker.outlineWidth = HIDDEN_SIZES.outline * pixelRatio;
    this.geometryStale = true;
  }

  /** Projection · look-at of the current camera and viewport (column-major). */
  get matrix(): Float32Array {
    this.updateGeometry();
    return this.worldToClip;
  }

  draw(): void {
    const { regl } = this;
    this.updateGeometry();
    regl.poll();
    regl.clear(CLEAR);
    const drawAxes = this.pieces.get('axes');
    drawAxes(this.edgeProps);
    drawAxes(this.tickProps);
    if (!this.params) return;
    // the plane and the grid under the points (they write no depth): a sample is never veiled
    if (this.overlays.plane) this.drawPlane();
    if (this.overlays.grid) this.pieces.get('grid')(this.gridProps);
    if (this.points.count > 0) {
      this.pointProps.count = this.points.count;
      this.pieces.get('points')(this.pointProps);
    }
  }

  /** The output plane, its mesh rewritten only when the plane changed (new parameters or units). */
  private drawPlane(): void {
    const plane = this.planes.get(this.params, this.data, this.units);
    if (plane !== this.meshed) {
      this.meshed = plane;
      const { fill, outline } = plane ? planeMesh(plane.polygon, this.planeFloats) : { fill: 0, outline: 0 };
      this.fillProps.count = fill;
      this.outlineProps.offset = fill;
      this.outlineProps.count = outline;
      if (fill) this.planeBuffer.subdata(this.planeFloats);
    }
    if (!this.fillProps.count) return;
    const drawPlane = this.pieces.get('plane');
    drawPlane(this.fillProps);
    drawPlane(this.outlineProps);
  }

  destroy(): void {
    this.pieces.dispose();
    this.regl.destroy();
  }

  /** The camera, the viewport or the units changed: new matrix and axis lines (not per frame). */
  private updateGeometry(): void {
    if (!this.geometryStale) return;
    this.geometryStale = false;
    this.viewport.width = this.width;
    this.viewport.height = this.height;
    worldToClip(this.camera, this.width / this.height, this.worldToClip);
    const axes = cubeAxes(this.camera, this.worldToClip, axisTitles(this.units), this.axesFloats);
    this.edgeProps.count = axes.edgeVertices;
    this.tickProps.offset = axes.edgeVertices;
    this.tickProps.count = axes.tickVertices;
    this.axesBuffer.subdata(this.axesFloats);
    this.geometryUpdates++;
  }
}

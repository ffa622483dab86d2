// The network diagram on WebGL: every unit's map drawn into its box of the one canvas through
// a viewport and a scissor (no context per unit), the links and marks as one batch of
// triangles per layer. Programs are built a piece at a time (StagedPieces), the hidden units'
// and the shapes' before the first frame, the class maps' right after.
import type REGL from 'regl';
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import type { SetupPhase } from '../canvas/view-renderer';
import { hiddenCapacity, NetworkUniforms } from '../gl/network-uniforms';
import { StagedPieces } from '../gl/staged-programs';
import { rgbaArray } from '../gl/theme';
import type { ViewTheme } from '../gl/theme';
import { createDrawShapes, createDrawUnitMap, SHAPES_SHADERS, unitMapShaders } from './draw-network';
import type { ShapesProps, UnitMapProps, UnitOutput } from './draw-network';
import type { UnitRef } from './network-layout';
import { UNIT_RANGE, type NetworkRenderer } from './network-renderer';
import type { MapPlacement, NetworkColors, SceneLayer } from './network-scene';
import { shapeTriangles } from './shape-triangles';

type DrawUnit = REGL.DrawCommand<REGL.DefaultContext, UnitMapProps>;

interface NetworkPieces extends Record<string, unknown> {
  shapes: REGL.DrawCommand<REGL.DefaultContext, ShapesProps>;
  hidden: DrawUnit;
  output: DrawUnit;
  hiddenValue: DrawUnit;
  outputValue: DrawUnit;
}

export class GlNetworkRenderer implements NetworkRenderer {
  readonly kind = 'webgl';
  /** hidden units the class maps' uniform arrays hold on this GPU */
  readonly maxHidden: number;
  readonly pieces: StagedPieces<NetworkPieces>;
  provisional = false;
  private readonly network: NetworkUniforms;
  private readonly vertices: REGL.Buffer;
  private scratch: Float32Array = new Float32Array(6 * 1024);
  private capacity = 0;
  private params: Params | null = null;
  private colors: NetworkColors | null = null;
  private width = 1;
  private height = 1;
  private ratio = 1;
  private target?: REGL.Framebuffer2D;
  private readonly props: UnitMapProps;

  constructor(private readonly regl: REGL.Regl) {
    this.maxHidden = hiddenCapacity(regl.limits.maxFragmentUniforms);
    if (this.maxHidden < 1) throw new Error('WebGL unavailable: too few fragment uniforms for the diagram');
    this.network = new NetworkUniforms(this.maxHidden);
    this.vertices = regl.buffer({ usage: 'dynamic', type: 'float', length: 0 });
    const unit = (layer: 'hidden' | 'output', output: UnitOutput) => () =>
      createDrawUnitMap(regl, layer, output, this.maxHidden);
    const sources = (layer: 'hidden' | 'output', output: UnitOutput) => () =>
      unitMapShaders(layer, output, this.maxHidden);
    this.pieces = new StagedPieces<NetworkPieces>(regl._gl, {
      shapes: { phase: 'first', build: () => createDrawShapes(regl), sources: () => SHAPES_SHADERS },
      hidden: { phase: 'first', build: unit('hidden', 'color'), sources: sources('hidden', 'color') },
      output: { phase: 'idle', build: unit('output', 'color'), sources: sources('output', 'color') },
      hiddenValue: { build: unit('hidden', 'value') },
      outputValue: { build: unit('output', 'value') },
    });
    this.props = {
      unit: new Float32Array(3),
      pick: new Float32Array(4),
      pick4: 0,
      network: this.network,
      low: new Float32Array([0, 0, 0, 1]),
      high: new Float32Array([1, 1, 1, 1]),
      planeFromFrag: new Float32Array(4),
      framebuffer: null,
      box: { x: 0, y: 0, width: 1, height: 1 },
      blend: false,
    };
  }

  prepare(phase: SetupPhase): boolean {
    return this.pieces.prepare(phase);
  }

  /** Whether these parameters fit the class maps' shader (D = 2, H ≤ maxHidden, C ≤ 5). */
  supports(params: Params): boolean {
    return this.network.fits(params);
  }

  setParams(params: Params | null): void {
    if (params === this.params) return;
    this.params = params;
    if (params) this.network.update(params);
    else this.network.clear();
  }

  setData(_data: DatasetMessage | null): void {}

  setTheme(_theme: ViewTheme): void {}

  setColors(colors: NetworkColors): void {
    if (colors === this.colors) return;
    this.colors = colors;
    rgbaArray(colors.low, 1, this.props.low);
    rgbaArray(colors.high, 1, this.props.high);
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.ratio = pixelRatio;
  }

  draw(layers: readonly SceneLayer[]): void {
    const { regl } = this;
    regl.poll();
    regl.clear({ color: [0, 0, 0, 0], framebuffer: null });
    const viewport = { x: 0, y: 0, width: this.width, height: this.height };
    for (const layer of layers) {
      if (layer.shapes.length > 0) {
        const { vertices, count } = shapeTriangles(layer.shapes, this.ratio, this.scratch);
        this.scratch = vertices as Float32Array;
        if (vertices.length > this.capacity) {
          this.vertices({ usage: 'dynamic', type: 'float', data: vertices });
          this.capacity = vertices.length;
        } else {
          this.vertices.subdata(vertices.subarray(0, count * 6) as Float32Array<ArrayBuffer>);
        }
        this.pieces.get('shapes')({
          vertices: this.vertices,
          count,
          resolution: [this.width, this.height],
          viewport,
        });
      }
      for (const map of layer.maps) this.drawMap(map, layer !== layers[0]);
    }
  }

  unitValues(unit: UnitRef, n: number): Float32Array | null {
    const pixels = this.renderUnit(unit, n, 'value');
    if (!pixels) return null;
    const out = new Float32Array(n * n);
    // read-back row 0 is the bottom: flip so row 0 is the top (y = hi)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const o = 4 * ((n - 1 - i) * n + j);
        out[i * n + j] = (pixels[o] * 256 + pixels[o + 1]) / 65535;
      }
    }
    return out;
  }

  unitImage(unit: UnitRef, n: number): ImageData | null {
    const pixels = this.renderUnit(unit, n, 'color');
    if (!pixels) return null;
    const image = new ImageData(n, n);
    for (let i = 0; i < n; i++) image.data.set(pixels.subarray(4 * (n - 1 - i) * n, 4 * (n - i) * n), 4 * i * n);
    return image;
  }

  destroy(): void {
    this.pieces.dispose();
    this.regl.destroy();
  }

  /** Draws `unit` alone on an n×n target and reads it back (bottom row first). */
  private renderUnit(unit: UnitRef, n: number, output: UnitOutput): Uint8Array | null {
    if (!this.params || this.network.hidden === 0) return null;
    const { regl } = this;
    regl.poll();
    this.target ??= regl.framebuffer({ width: n, height: n, colorType: 'uint8', depthStencil: false });
    this.target.resize(n, n);
    regl.clear({ color: [0, 0, 0, 0], framebuffer: this.target });
    const box = { x: 0, y: 0, width: n, height: n };
    const key =
      unit.layer === 'hidden'
        ? output === 'color'
          ? 'hidden'
          : 'hiddenValue'
        : output === 'color'
          ? 'output'
          : 'outputValue';
    this.drawUnit(key, unit, box, this.target, false);
    return regl.read({ framebuffer: this.target, x: 0, y: 0, width: n, height: n }) as Uint8Array;
  }

  private drawMap(map: MapPlacement, blend: boolean): void {
    const r = this.ratio;
    const x0 = Math.round(map.box.x * r);
    const x1 = Math.round((map.box.x + map.box.size) * r);
    const top = Math.round(map.box.y * r);
    const bottom = Math.round((map.box.y + map.box.size) * r);
    const box = { x: x0, y: this.height - bottom, width: Math.max(1, x1 - x0), height: Math.max(1, bottom - top) };
    this.drawUnit(map.unit.layer, map.unit, box, null, blend);
  }

  private drawUnit(
    key: keyof NetworkPieces,
    unit: UnitRef,
    box: REGL.BoundingBox,
    framebuffer: REGL.Framebuffer2D | null,
    blend: boolean,
  ): void {
    const params = this.params;
    if (!params) return;
    const { props } = this;
    const H = params.Wh.cols;
    if (unit.layer === 'hidden') {
      if (unit.index >= H) return;
      props.unit[0] = params.Wh.data[unit.index];
      props.unit[1] = params.Wh.data[H + unit.index];
      props.unit[2] = params.bh.data[unit.index];
    } else {
      if (unit.index >= params.Wo.cols || this.network.hidden === 0) return;
      props.pick.fill(0);
      if (unit.index < 4) props.pick[unit.index] = 1;
      props.pick4 = unit.index === 4 ? 1 : 0;
    }
    // pixel centres of the box on the cells of [lo, hi]², y up
    const span = UNIT_RANGE.hi - UNIT_RANGE.lo;
    props.planeFromFrag[0] = span / (box.width ?? 1);
    props.planeFromFrag[1] = span / (box.height ?? 1);
    props.planeFromFrag[2] = UNIT_RANGE.lo - (box.x ?? 0) * props.planeFromFrag[0];
    props.planeFromFrag[3] = UNIT_RANGE.lo - (box.y ?? 0) * props.planeFromFrag[1];
    props.framebuffer = framebuffer;
    props.box = box;
    props.blend = blend;
    (this.pieces.get(key) as DrawUnit)(props);
  }
}

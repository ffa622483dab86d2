// The network diagram without WebGL: the unit maps evaluated in JavaScript on a coarse grid
// (CPU_UNIT_CELLS² cells each, once per parameter set), scaled up smoothly into their boxes;
// the links, biases and marks as 2-D canvas paths. The same scene as the WebGL renderer.
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { cssRgba } from '../gl/marker-paths';
import type { ViewTheme } from '../gl/theme';
import type { UnitRef } from './network-layout';
import type { NetworkRenderer } from './network-renderer';
import type { NetworkColors, Primitive, SceneLayer } from './network-scene';
import { divergingImage, unitGrids, unitValuesOf } from './unit-values';

export const CPU_UNIT_CELLS = 40;

export class CpuNetworkRenderer implements NetworkRenderer {
  readonly kind = 'cpu';
  private readonly ctx: CanvasRenderingContext2D;
  private params: Params | null = null;
  private colors: NetworkColors | null = null;
  /** each unit's map as a small canvas, for the current params and colours */
  private images = new Map<string, HTMLCanvasElement>();
  private grids: { hidden: Float64Array; outputs: Float64Array } | null = null;
  private ratio = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    this.ctx = ctx;
  }

  setParams(params: Params | null): void {
    if (params === this.params) return;
    this.params = params;
    this.grids = null;
    this.images.clear();
  }

  setData(_data: DatasetMessage | null): void {}

  setTheme(_theme: ViewTheme): void {}

  setColors(colors: NetworkColors): void {
    if (colors === this.colors) return;
    this.colors = colors;
    this.images.clear();
  }

  resize(_width: number, _height: number, pixelRatio: number): void {
    this.ratio = pixelRatio;
  }

  draw(layers: readonly SceneLayer[]): void {
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    for (const layer of layers) {
      for (const shape of layer.shapes) this.drawShape(shape);
      for (const map of layer.maps) {
        const image = this.unitCanvas(map.unit);
        if (image) ctx.drawImage(image, map.box.x, map.box.y, map.box.size, map.box.size);
      }
    }
  }

  unitValues(unit: UnitRef, n: number): Float32Array | null {
    const params = this.params;
    if (!params) return null;
    try {
      return unitValuesOf(unitGrids(params, n), params, unit);
    } catch {
      return null;
    }
  }

  unitImage(unit: UnitRef, n: number): ImageData | null {
    const values = this.unitValues(unit, n);
    const colors = this.colors;
    return values && colors ? divergingImage(values, n, colors.low, colors.high) : null;
  }

  destroy(): void {
    this.params = null;
    this.images.clear();
  }

  private unitCanvas(unit: UnitRef): HTMLCanvasElement | null {
    const key = `${unit.layer}-${unit.index}`;
    const cached = this.images.get(key);
    if (cached) return cached;
    const { params, colors } = this;
    if (!params || !colors) return null;
    const n = CPU_UNIT_CELLS;
    try {
      this.grids ??= unitGrids(params, n);
    } catch {
      // non-finite output (should not reach a view): nothing to show
      return null;
    }
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = n;
    canvas
      .getContext('2d')
      ?.putImageData(divergingImage(unitValuesOf(this.grids, params, unit), n, colors.low, colors.high), 0, 0);
    this.images.set(key, canvas);
    return canvas;
  }

  private drawShape(p: Primitive): void {
    const { ctx } = this;
    const style = cssRgba(p.color);
    switch (p.kind) {
      case 'line':
        ctx.strokeStyle = style;
        ctx.lineWidth = p.width;
        ctx.lineCap = 'butt';
        ctx.beginPath();
        ctx.moveTo(p.x1, p.y1);
        ctx.lineTo(p.x2, p.y2);
        ctx.stroke();
        return;
      case 'rect':
        ctx.fillStyle = style;
        ctx.fillRect(p.x, p.y, p.w, p.h);
        return;
      case 'frame':
        ctx.strokeStyle = style;
        ctx.lineWidth = p.width;
        ctx.strokeRect(p.x, p.y, p.w, p.h);
        return;
      case 'disc':
        ctx.fillStyle = style;
        ctx.beginPath();
        ctx.arc(p.x, p.y, p.r, 0, 2 * Math.PI);
        ctx.fill();
        return;
      case 'triangle':
        ctx.fillStyle = style;
        ctx.beginPath();
        ctx.moveTo(p.points[0], p.points[1]);
        ctx.lineTo(p.points[2], p.points[3]);
        ctx.lineTo(p.points[4], p.points[5]);
        ctx.closePath();
        ctx.fill();
        return;
    }
  }
}

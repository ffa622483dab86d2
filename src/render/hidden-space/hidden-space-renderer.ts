// What the hidden-space element asks of a renderer, WebGL or CPU-drawn alike.
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import type { AxisUnits } from './hidden-units';
import type { OrbitCamera } from './orbit-camera';
import type { ViewTheme } from '../gl/theme';

/** Marker size and line alphas, in CSS pixels. */
export const HIDDEN_SIZES = { markerRadius: 5, outline: 0.75, edgeAlpha: 0.45, axisAlpha: 0.8 } as const;

export interface HiddenSpaceRenderer {
  readonly kind: 'webgl' | 'cpu';
  setParams(params: Params | null): void;
  setData(data: DatasetMessage | null): void;
  setUnits(units: AxisUnits): void;
  setCamera(camera: OrbitCamera): void;
  setTheme(theme: ViewTheme): void;
  resize(width: number, height: number, pixelRatio: number): void;
  draw(): void;
  destroy(): void;
}

/**
 * Per axis, the weights that make its coordinate: (Wh[0][u], Wh[1][u], bh[u], 1) for unit u
 * (1-based in `units`), so h = w · σ(x·(Wh[0][u], Wh[1][u]) + bh[u]); zeros for a padded axis
 * or without parameters (h = 0).
 */
export function axisWeights(params: Params | null, units: AxisUnits, out: Float32Array[]): void {
  for (let axis = 0; axis < 3; axis++) {
    const w = out[axis];
    const u = units[axis];
    w.fill(0);
    if (!params || u === null || u > params.Wh.cols || params.Wh.rows < 2) continue;
    const H = params.Wh.cols;
    w[0] = params.Wh.data[u - 1];
    w[1] = params.Wh.data[H + u - 1];
    w[2] = params.bh.data[u - 1];
    w[3] = 1;
  }
}

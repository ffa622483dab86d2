// What the decision map element asks of a renderer, WebGL or CPU-drawn alike.
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import type { ProbabilityGrid } from './probability-grid';
import type { ViewTheme } from '../gl/theme';

/** `fast`: coarse map while training at speed; `full`: every pixel (paused or done). */
export type MapQuality = 'fast' | 'full';

/** The input plane the map shows, [lo, hi]² (the tutorial's −2 … 2). */
export const MAP_RANGE = { lo: -2, hi: 2 } as const;

/** Marker and line sizes in CSS pixels. */
export const MAP_SIZES = { markerRadius: 6, outline: 0.75, boundary: 1.5 } as const;

/** Fill alpha of the map at chance and at certainty: light shading under the points. */
export const MAP_ALPHA: [number, number] = [0.15, 0.45];

export interface MapRenderer {
  readonly kind: 'webgl' | 'cpu';
  /** New parameters; the same object again is a no-op (snapshots are new objects). */
  setParams(params: Params | null): void;
  setData(data: DatasetMessage | null): void;
  setTheme(theme: ViewTheme): void;
  /** Drawing-buffer size in device pixels, and device pixels per CSS pixel. */
  resize(width: number, height: number, pixelRatio: number): void;
  draw(quality: MapQuality): void;
  /**
   * The network on numpy's grid `linspace(lo, hi, n)²`, evaluated exactly as the map draws it
   * (the shader for WebGL), without points or boundary. Null without parameters.
   */
  renderProbabilityGrid(n: number): ProbabilityGrid | null;
  destroy(): void;
}

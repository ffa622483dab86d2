// The decision map's renderer interface (implemented by GlMapRenderer and CpuMapRenderer): the
// shared view contract plus what only the map does, and the map's constants.
import type { ViewRenderer } from '../canvas/view-renderer';
import type { ProbabilityGrid } from './probability-grid';

/** `fast`: coarse map while training at speed; `full`: every pixel (paused or done). */
export type MapQuality = 'fast' | 'full';

/** The input plane the map shows, [lo, hi]² (the tutorial's −2 … 2). */
export const MAP_RANGE = { lo: -2, hi: 2 } as const;

/** Marker and line sizes in CSS pixels. */
export const MAP_SIZES = { markerRadius: 6, outline: 0.75, boundary: 1.5 } as const;

/** Fill alpha of the map at chance and at certainty: light shading under the points. */
export const MAP_ALPHA: [number, number] = [0.15, 0.45];

export interface MapRenderer extends ViewRenderer {
  draw(quality: MapQuality): void;
  /**
   * The network on numpy's grid `linspace(lo, hi, n)²`, evaluated exactly as the map draws it
   * (the shader for WebGL), without points or boundary. Null without parameters.
   */
  renderProbabilityGrid(n: number): ProbabilityGrid | null;
}

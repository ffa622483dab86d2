// The network diagram's renderer interface (GlNetworkRenderer, CpuNetworkRenderer): the shared
// view contract plus what only the diagram does.
import type { ViewRenderer } from '../canvas/view-renderer';
import type { UnitRef } from './network-layout';
import type { NetworkColors, SceneLayer } from './network-scene';

/** The input plane each unit map shows, [lo, hi]² (the tutorial's −2 … 2). */
export const UNIT_RANGE = { lo: -2, hi: 2 } as const;

export interface NetworkRenderer extends ViewRenderer {
  /** The diagram's colours; the same object again is a no-op. */
  setColors(colors: NetworkColors): void;
  /** Draws the scene (CSS px; the renderer scales by its pixel ratio). */
  draw(layers: readonly SceneLayer[]): void;
  /**
   * The unit's value (h_k or y_c) at the centres of an n×n grid of [lo, hi]², row 0 at the top
   * (y = hi), evaluated as its map is drawn (the shader for WebGL). Null without parameters.
   */
  unitValues(unit: UnitRef, n: number): Float32Array | null;
  /** The unit's map as an n×n image (straight alpha), row 0 at the top. Null without parameters. */
  unitImage(unit: UnitRef, n: number): ImageData | null;
}

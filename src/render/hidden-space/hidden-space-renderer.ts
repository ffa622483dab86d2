// The hidden space's renderer interface (implemented by GlHiddenSpaceRenderer and
// CpuHiddenSpaceRenderer): the shared view contract plus the axes' units and the camera.
import type { ViewRenderer } from '../canvas/view-renderer';
import type { AxisUnits } from './hidden-units';
import type { OrbitCamera } from './orbit-camera';

/** Marker size and line alphas, in CSS pixels. */
export const HIDDEN_SIZES = {
  markerRadius: 5,
  outline: 0.75,
  edgeAlpha: 0.45,
  axisAlpha: 0.8,
  /** the warped grid's lines, and the output plane's fill and outline (alphas of the text colour) */
  gridAlpha: 0.3,
  planeAlpha: 0.14,
  planeEdgeAlpha: 0.55,
} as const;

/** What the view draws besides the cube and the points. */
export interface HiddenSpaceOverlays {
  /** the output layer's decision plane (output-plane.ts) */
  plane: boolean;
  /** the input plane's grid lines carried into the hidden space (warped-grid.ts) */
  grid: boolean;
}

export interface HiddenSpaceRenderer extends ViewRenderer {
  /** The hidden units on the three axes (1-based; null pads an axis with 0). */
  setUnits(units: AxisUnits): void;
  setCamera(camera: OrbitCamera): void;
  setOverlays(overlays: HiddenSpaceOverlays): void;
  draw(): void;
}

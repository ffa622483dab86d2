// The hidden space's renderer interface (implemented by GlHiddenSpaceRenderer and
// CpuHiddenSpaceRenderer): the shared view contract plus the axes' units and the camera.
import type { ViewRenderer } from '../canvas/view-renderer';
import type { AxisUnits } from './hidden-units';
import type { OrbitCamera } from './orbit-camera';

/** Marker size and line alphas, in CSS pixels. */
export const HIDDEN_SIZES = { markerRadius: 5, outline: 0.75, edgeAlpha: 0.45, axisAlpha: 0.8 } as const;

export interface HiddenSpaceRenderer extends ViewRenderer {
  /** The hidden units on the three axes (1-based; null pads an axis with 0). */
  setUnits(units: AxisUnits): void;
  setCamera(camera: OrbitCamera): void;
  draw(): void;
}

// Where a point of the input plane sits on the decision map, and back: the one mapping both
// renderers draw with (x₁ to the right, x₂ up, [lo, hi]² filling the canvas), for what lays
// HTML over the map or reads pointers on it.
import { MAP_RANGE } from './map-renderer';

/** The plane's (x, y) as a fraction of the map's box from its top-left corner (0 to 1 inside). */
export function boxFromPlane(x: number, y: number): { u: number; v: number } {
  const span = MAP_RANGE.hi - MAP_RANGE.lo;
  return { u: (x - MAP_RANGE.lo) / span, v: (MAP_RANGE.hi - y) / span };
}

/** The plane point at fraction (u, v) of the map's box from its top-left corner. */
export function planeFromBox(u: number, v: number): { x: number; y: number } {
  const span = MAP_RANGE.hi - MAP_RANGE.lo;
  return { x: MAP_RANGE.lo + u * span, y: MAP_RANGE.hi - v * span };
}

/** Clamps a plane coordinate into the map's range. */
export function clampToPlane(value: number): number {
  return Math.min(MAP_RANGE.hi, Math.max(MAP_RANGE.lo, value));
}

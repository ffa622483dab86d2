// Where the hidden space's HTML axis labels go, in CSS pixels of the view box. They depend on
// the camera, the box and the units shown, never on the parameters, so the element lays them
// out again only when one of those changed, not on every snapshot.
import { cubeAxes } from './cube-axes';
import type { AxisLabel } from './cube-axes';
import { axisTitles } from './hidden-units';
import type { AxisUnits } from './hidden-units';
import { projectToViewport } from './mat4';
import { worldToClip } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';

export interface PlacedLabel {
  text: string;
  kind: AxisLabel['kind'];
  axis: AxisLabel['axis'];
  /** the label's centre, CSS pixels from the box's top left */
  x: number;
  y: number;
}

/** A segment on screen, CSS pixels from the box's top left. */
export interface PlacedSegment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export class AxisLabelLayout {
  /** the labels for the last update; empty while the box has no size */
  labels: readonly PlacedLabel[] = [];
  /** per axis, its tick-carrying edge from 0 to 1 (to highlight an axis); empty while the box has no size */
  axes: readonly PlacedSegment[] = [];
  /** bumps whenever `labels` is laid out again (a key for the element's template cache) */
  version = 0;
  private elevation = NaN;
  private azimuth = NaN;
  private width = -1;
  private height = -1;
  private units: AxisUnits = [null, null, null];
  private readonly matrix = new Float32Array(16);

  /** Lays the labels out again if the camera, the box or the units changed; true if it did. */
  update(camera: OrbitCamera, width: number, height: number, units: AxisUnits): boolean {
    const same =
      camera.elevation === this.elevation &&
      camera.azimuth === this.azimuth &&
      width === this.width &&
      height === this.height &&
      units.every((u, k) => u === this.units[k]);
    if (same) return false;
    this.elevation = camera.elevation;
    this.azimuth = camera.azimuth;
    this.width = width;
    this.height = height;
    this.units = units;
    this.version++;
    if (width <= 0 || height <= 0) {
      this.labels = [];
      this.axes = [];
      return true;
    }
    const m = worldToClip(camera, width / height, this.matrix);
    const layout = cubeAxes(camera, m, axisTitles(units));
    this.labels = layout.labels.map((label) => {
      const p = projectToViewport(m, label.position, width, height);
      return { text: label.text, kind: label.kind, axis: label.axis, x: p.x, y: p.y };
    });
    this.axes = layout.axisEnds.map(([a, b]) => {
      const p = projectToViewport(m, a, width, height);
      const q = projectToViewport(m, b, width, height);
      return { x1: p.x, y1: p.y, x2: q.x, y2: q.y };
    });
    return true;
  }
}

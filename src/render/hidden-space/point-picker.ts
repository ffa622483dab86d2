// Which sample is under the pointer in the hidden space, and where a sample's image is on
// screen: every sample's hidden activations (the core's forward pass, as the CPU renderer
// computes them) projected for the current camera, in CSS pixels. Recomputed only when the
// parameters, the data, the units, the camera or the box changed, and only when asked (a
// hover or a highlight), never per frame otherwise.
import { hiddenActivations } from '../../core/network';
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import type { AxisUnits } from './hidden-units';
import { projectToViewport } from './mat4';
import { worldToClip } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';

export interface PickerView {
  params: Params | null;
  data: DatasetMessage | null;
  units: AxisUnits;
  camera: OrbitCamera;
  /** the box, CSS px */
  width: number;
  height: number;
}

export class HiddenPointPicker {
  /** per sample (x, y, depth): CSS px from the box's top left, depth in [0, 1] (0 nearest) */
  private screen = new Float64Array(0);
  private count = 0;
  private last: PickerView | null = null;
  private readonly matrix = new Float32Array(16);

  /** Where sample `i`'s image is on screen (CSS px), or null. */
  position(view: PickerView, i: number): { x: number; y: number } | null {
    this.update(view);
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return null;
    return { x: this.screen[3 * i], y: this.screen[3 * i + 1] };
  }

  /**
   * The sample whose image is nearest (x, y) within `radius` CSS px, the nearest to the viewer
   * among those equally near; null if none.
   */
  pick(view: PickerView, x: number, y: number, radius: number): number | null {
    this.update(view);
    let best: number | null = null;
    let bestDistance = radius * radius;
    let bestDepth = Infinity;
    for (let i = 0; i < this.count; i++) {
      const d = (this.screen[3 * i] - x) ** 2 + (this.screen[3 * i + 1] - y) ** 2;
      const depth = this.screen[3 * i + 2];
      if (d < bestDistance || (d === bestDistance && depth < bestDepth)) {
        best = i;
        bestDistance = d;
        bestDepth = depth;
      }
    }
    return best;
  }

  private update(view: PickerView): void {
    const last = this.last;
    const same =
      last !== null &&
      last.params === view.params &&
      last.data === view.data &&
      last.units.every((u, k) => u === view.units[k]) &&
      last.camera.elevation === view.camera.elevation &&
      last.camera.azimuth === view.camera.azimuth &&
      last.width === view.width &&
      last.height === view.height;
    if (same) return;
    this.last = { ...view, camera: { ...view.camera } };
    this.count = 0;
    const { params, data, width, height } = view;
    if (!params || !data || data.samples === 0 || width <= 0 || height <= 0) return;
    let Hact: Float64Array;
    try {
      Hact = hiddenActivations({ rows: data.samples, cols: data.inputs, data: data.X }, params.Wh, params.bh).data;
    } catch {
      return; // data and parameters of different runs, or not finite
    }
    const N = data.samples;
    const H = params.Wh.cols;
    if (this.screen.length < 3 * N) this.screen = new Float64Array(3 * N);
    const m = worldToClip(view.camera, width / height, this.matrix);
    const h: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      for (let a = 0; a < 3; a++) {
        const u = view.units[a];
        h[a] = u === null || u > H ? 0 : Hact[i * H + u - 1];
      }
      const p = projectToViewport(m, h, width, height);
      this.screen[3 * i] = p.x;
      this.screen[3 * i + 1] = p.y;
      this.screen[3 * i + 2] = p.depth;
    }
    this.count = N;
  }
}

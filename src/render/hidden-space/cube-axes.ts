// Where the hidden space's axes go: the 12 edges of the unit cube, and for each of the three
// axes one edge carrying ticks at 0, 0.5, 1 and its labels. Like matplotlib, the tick edges
// follow the camera: the bottom edges nearest the viewer, and the leftmost vertical edge.
import { projectToViewport } from './mat4';
import type { Mat4, Vec3 } from './mat4';
import { cameraDirection } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';

export const TICKS: readonly number[] = [0, 0.5, 1];
const TICK_LENGTH = 0.04;
const TICK_LABEL_OFFSET = 0.12;
const TITLE_OFFSET = 0.3;

export interface AxisLabel {
  text: string;
  /** anchor in hidden-activation space; the label is centred on its projection */
  position: Vec3;
  kind: 'tick' | 'title';
  axis: 0 | 1 | 2;
}

export interface CubeAxes {
  /** line-segment vertex pairs (x, y, z): the 12 edges first, then the tick marks */
  lines: Float32Array;
  /** vertices of the cube's edges at the start of `lines` */
  edgeVertices: number;
  /** vertices of the tick marks after them */
  tickVertices: number;
  labels: AxisLabel[];
  /** per axis, the ends (at 0 and 1) of the edge carrying its ticks */
  axisEnds: [Vec3, Vec3][];
}

const EDGE_VERTICES = 24;
const TICK_VERTICES = 3 * TICKS.length * 2;

/** One buffer's worth of floats: edges plus tick marks, allocated once by the renderer. */
export const AXES_FLOATS = (EDGE_VERTICES + TICK_VERTICES) * 3;

function formatTick(t: number): string {
  return String(t);
}

/** Lays out the axes for a camera; `titles` name the three axes (e.g. "h1", "h2", "h3"). */
export function cubeAxes(
  camera: OrbitCamera,
  worldToClip: Mat4,
  titles: readonly [string, string, string],
  out = new Float32Array(AXES_FLOATS),
): CubeAxes {
  let n = 0;
  const push = (p: Vec3): void => {
    out[n++] = p[0];
    out[n++] = p[1];
    out[n++] = p[2];
  };
  // the 12 edges: for each axis, the 4 edges parallel to it
  for (let axis = 0; axis < 3; axis++) {
    for (let corner = 0; corner < 4; corner++) {
      const a: [number, number, number] = [0, 0, 0];
      const u = (axis + 1) % 3;
      const v = (axis + 2) % 3;
      a[u] = corner & 1;
      a[v] = corner >> 1;
      const b: [number, number, number] = [a[0], a[1], a[2]];
      b[axis] = 1;
      push(a);
      push(b);
    }
  }
  const dir = cameraDirection(camera);
  const floor = camera.elevation >= 0 ? 0 : 1;
  const nearY = dir[1] < 0 ? 0 : 1;
  const nearX = dir[0] < 0 ? 0 : 1;
  // leftmost floor corner on screen carries the vertical axis
  let left: [number, number] = [0, 0];
  let leftX = Infinity;
  for (const [cx, cy] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const) {
    const x = projectToViewport(worldToClip, [cx, cy, floor], 1, 1).x;
    if (x < leftX) {
      leftX = x;
      left = [cx, cy];
    }
  }
  // the vertical axis's labels go straight left on screen: (sin az, −cos az, 0) is −right
  const az = (camera.azimuth * Math.PI) / 180;
  const screenLeft: Vec3 = [Math.sin(az), -Math.cos(az), 0];
  const axes: { point: (t: number) => Vec3; outward: Vec3 }[] = [
    { point: (t) => [t, nearY, floor], outward: [0, nearY ? 1 : -1, 0] },
    { point: (t) => [nearX, t, floor], outward: [nearX ? 1 : -1, 0, 0] },
    { point: (t) => [left[0], left[1], t], outward: screenLeft },
  ];
  // the vertical axis starts on a floor corner that usually already carries an h1 or h2 label
  const floorLabelled = left[1] === nearY || left[0] === nearX;
  const labels: AxisLabel[] = [];
  const offset = (p: Vec3, o: Vec3, k: number): Vec3 => [p[0] + o[0] * k, p[1] + o[1] * k, p[2] + o[2] * k];
  axes.forEach(({ point, outward }, axis) => {
    for (const t of TICKS) {
      const p = point(t);
      push(p);
      push(offset(p, outward, TICK_LENGTH));
      if (axis === 2 && t === 0 && floorLabelled) continue;
      labels.push({
        text: formatTick(t),
        position: offset(p, outward, TICK_LABEL_OFFSET),
        kind: 'tick',
        axis: axis as 0 | 1 | 2,
      });
    }
    labels.push({
      text: titles[axis],
      position: offset(point(0.5), outward, TITLE_OFFSET),
      kind: 'title',
      axis: axis as 0 | 1 | 2,
    });
  });
  const axisEnds = axes.map(({ point }): [Vec3, Vec3] => [point(0), point(1)]);
  return { lines: out, edgeVertices: EDGE_VERTICES, tickVertices: TICK_VERTICES, labels, axisEnds };
}

// The hidden space's orbit camera, in matplotlib's terms: `ax.view_init(elev, azim)` looks at
// the centre of the data cube from elevation `elev` above the x–y plane and azimuth `azim`
// about the z axis (z up). The tutorial's figure uses elev = 30°, azim = −20°.
import { lookAt, multiply, perspective } from './mat4';
import type { Mat4, Vec3 } from './mat4';

export interface OrbitCamera {
  /** degrees above the h1–h2 plane, in [−90, 90] */
  elevation: number;
  /** degrees about the h3 axis, in (−180, 180] */
  azimuth: number;
}

export const DEFAULT_CAMERA: Readonly<OrbitCamera> = { elevation: 30, azimuth: -20 };
/** The unit cube [0, 1]³ of hidden activations is what the camera frames. */
export const CUBE_CENTER: Vec3 = [0.5, 0.5, 0.5];
const FOV = (30 * Math.PI) / 180;
/** radius of the sphere kept in view: the cube's half-diagonal plus room for tick labels */
const FRAME_RADIUS = (Math.sqrt(3) / 2) * 1.12;

export function clampElevation(degrees: number): number {
  return Math.max(-90, Math.min(90, degrees));
}

/** Wraps an angle to (−180, 180]. */
export function wrapAzimuth(degrees: number): number {
  const a = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return a === -180 ? 180 : a;
}

/** Unit vector from the cube centre towards the camera. */
export function cameraDirection(camera: OrbitCamera): Vec3 {
  const el = (camera.elevation * Math.PI) / 180;
  const az = (camera.azimuth * Math.PI) / 180;
  return [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)];
}

/**
 * Projection · look-at for a viewport of the given aspect (width / height). The up vector is the
 * elevation derivative of the camera direction, so looking straight down (±90°) stays defined.
 */
export function worldToClip(camera: OrbitCamera, aspect: number, out: Mat4 = new Float32Array(16)): Mat4 {
  const el = (camera.elevation * Math.PI) / 180;
  const az = (camera.azimuth * Math.PI) / 180;
  const dir = cameraDirection(camera);
  const distance = FRAME_RADIUS / Math.sin(FOV / 2);
  const eye: Vec3 = [
    CUBE_CENTER[0] + distance * dir[0],
    CUBE_CENTER[1] + distance * dir[1],
    CUBE_CENTER[2] + distance * dir[2],
  ];
  const up: Vec3 = [-Math.sin(el) * Math.cos(az), -Math.sin(el) * Math.sin(az), Math.cos(el)];
  // keep the frame sphere inside the narrower side of the viewport
  const safeAspect = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  const fovy = safeAspect >= 1 ? FOV : 2 * Math.atan(Math.tan(FOV / 2) / safeAspect);
  const projection = perspective(fovy, safeAspect, distance - 2, distance + 2);
  return multiply(projection, lookAt(eye, CUBE_CENTER, up), out);
}

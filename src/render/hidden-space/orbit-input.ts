// How pointer drags and arrow keys turn the orbit camera. Pure, so the element stays thin and
// the mapping is testable.
import { clampElevation, DEFAULT_CAMERA, wrapAzimuth } from './orbit-camera';
import type { OrbitCamera } from './orbit-camera';

/** Degrees per arrow-key press, and with Shift held. */
export const KEY_STEP = 5;
export const KEY_STEP_FAST = 15;

/**
 * matplotlib's mapping: dragging across the whole view (`width` px) turns it by 180°; right
 * lowers the azimuth, down raises the elevation.
 */
export function dragOrbit(camera: OrbitCamera, dx: number, dy: number, width: number): OrbitCamera {
  const degreesPerPixel = 180 / Math.max(1, width);
  return {
    elevation: clampElevation(camera.elevation + dy * degreesPerPixel),
    azimuth: wrapAzimuth(camera.azimuth - dx * degreesPerPixel),
  };
}

/**
 * ← → turn about the vertical axis (as a drag left / right would), ↑ ↓ raise and lower the
 * camera, Home resets; Shift takes bigger steps. Null for any other key.
 */
export function keyOrbit(camera: OrbitCamera, key: string, shift: boolean): OrbitCamera | null {
  const step = shift ? KEY_STEP_FAST : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
      return { ...camera, azimuth: wrapAzimuth(camera.azimuth + step) };
    case 'ArrowRight':
      return { ...camera, azimuth: wrapAzimuth(camera.azimuth - step) };
    case 'ArrowUp':
      return { ...camera, elevation: clampElevation(camera.elevation + step) };
    case 'ArrowDown':
      return { ...camera, elevation: clampElevation(camera.elevation - step) };
    case 'Home':
      return { ...DEFAULT_CAMERA };
    default:
      return null;
  }
}

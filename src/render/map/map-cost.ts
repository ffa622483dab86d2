// What a map frame costs the GPU, for the page's draw budget and for drawing the exact map over
// several frames. Software GL (SwiftShader here, llvmpipe elsewhere) rasterises on the CPU at
// about 20 ns per pixel and network unit (render bench: 400² at H = 3, 7 units a pixel, 22.5 ms;
// 800² at H = 16, 20 units, 264 ms), so a full-quality frame of a large map would hold up the
// page's frames for hundreds of milliseconds. A hardware GPU is orders of magnitude faster: its
// frames cost nothing here, and the exact map is drawn in one frame.

export { softwareGl } from '../gl/software-gl';

/** Software GL's cost (ns) of one network unit at one pixel (the hidden units plus softmax and shading). */
export const SOFTWARE_NS_PER_UNIT = 20;
/** Copying or upscaling a pixel costs about this many units (a texture read and a write). */
export const COPY_UNITS = 1;
/** The upscale pass's shading costs about this many units a pixel. */
export const SHADE_UNITS = 2;
/** A step of the exact map drawn over several frames is about this long on the GPU (ms). */
export const REFINE_STEP_MS = 8;

/** Units of shader work a pixel of a network with `hidden` units costs. */
export function unitsPerPixel(hidden: number): number {
  return hidden + 4;
}

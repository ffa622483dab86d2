// The "fast" map's second pass: the network was evaluated into a coarse probability texture
// (draw-heatmap.ts, output `probabilities`); this pass samples it bilinearly at full resolution
// and shades there, so the boundary line stays crisp while the network costs a fraction.
//
// The coarse target keeps one size (FAST_MAP_CELLS², allocated once with the renderer's other
// set-up) and the network fills its lower-left w×h cells: resizing a framebuffer mid-training
// checks its status, a synchronous wait on the GPU process that stalled the first fast frame.
import type REGL from 'regl';
import { fragmentPrelude, SHADE_GLSL, shadeUniforms } from '../gl/network-glsl';
import type { ShadeStyle } from '../gl/network-glsl';
import type { ShaderSources } from '../gl/staged-programs';

export interface UpscaledMapProps {
  /** RGBA = (p0, p1, p2, p3); p4 = 1 − their sum */
  probabilities: REGL.Texture2D;
  /**
   * The filled region of `probabilities`: (w/W, h/H, 0.5/W, 0.5/H) for w×h cells of a W×H
   * texture (regionOf()); sampling stays half a cell inside it.
   */
  region: Float32Array;
  shade: ShadeStyle;
  /** null: the drawing buffer */
  framebuffer: REGL.Framebuffer2D | null;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
attribute vec2 aCorner;
varying vec2 vUv;
void main() {
  vUv = 0.5 * aCorner + 0.5;
  gl_Position = vec4(aCorner, 0.0, 1.0);
}
`;

/** The upscale pass's shader sources (compiled ahead where the browser can). */
export function upscaledShaders(options: { derivatives: boolean }): ShaderSources {
  const frag = `${fragmentPrelude(options.derivatives)}
${SHADE_GLSL}
uniform sampler2D uProbabilities;
uniform vec4 uRegion;
varying vec2 vUv;
void main() {
  vec2 uv = clamp(vUv * uRegion.xy, uRegion.zw, uRegion.xy - uRegion.zw);
  vec4 p = texture2D(uProbabilities, uv);
  float p4 = max(0.0, 1.0 - (p.x + p.y + p.z + p.w));
  gl_FragColor = shadeProbabilities(p, p4);
}
`;
  return { vert: VERT, frag };
}

/** (w/W, h/H, 0.5/W, 0.5/H): the lower-left w×h cells of a W×H texture, for UpscaledMapProps.region. */
export function regionOf(w: number, h: number, W: number, H: number, out: Float32Array): Float32Array {
  out[0] = w / W;
  out[1] = h / H;
  out[2] = 0.5 / W;
  out[3] = 0.5 / H;
  return out;
}

export function createDrawUpscaledMap(
  regl: REGL.Regl,
  options: { derivatives: boolean },
): REGL.DrawCommand<REGL.DefaultContext, UpscaledMapProps> {
  return regl<REGL.Uniforms, REGL.Attributes, UpscaledMapProps>({
    ...upscaledShaders(options),
    attributes: { aCorner: regl.buffer([-1, -1, 3, -1, -1, 3]) },
    uniforms: {
      ...shadeUniforms<UpscaledMapProps>(),
      uProbabilities: regl.prop<UpscaledMapProps, 'probabilities'>('probabilities'),
      uRegion: regl.prop<UpscaledMapProps, 'region'>('region'),
    },
    count: 3,
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    blend: { enable: false },
    framebuffer: regl.prop<UpscaledMapProps, 'framebuffer'>('framebuffer'),
    viewport: regl.prop<UpscaledMapProps, 'viewport'>('viewport'),
  });
}

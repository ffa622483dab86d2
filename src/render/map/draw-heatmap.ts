// The decision map's per-pixel network evaluation: one full-viewport triangle whose fragment
// shader runs nn(x) at each pixel's input point, so the map is exact at any resolution.
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';
import type { NetworkUniforms } from '../gl/network-uniforms';
import { fragmentPrelude, networkGlsl, networkUniforms, SHADE_GLSL, shadeUniforms } from '../gl/network-glsl';
import type { ShadeStyle } from '../gl/network-glsl';

/**
 * What the shader writes:
 * - `color`: the shaded map (class colours, alpha by confidence, boundary line);
 * - `probabilities`: (p0, p1, p2, p3) as RGBA, for the upscale pass of the coarse map;
 * - `grid`: exact test read-back: R, G = P(class 0) as 16-bit fixed point (R·256 + G) / 65535,
 *   B = the argmax class, A = 255.
 */
export type HeatmapOutput = 'color' | 'probabilities' | 'grid';

export interface HeatmapOptions {
  output: HeatmapOutput;
  /** size of the uniform arrays (see hiddenCapacity) */
  maxHidden: number;
  /** OES_standard_derivatives is on (anti-aliased boundary) */
  derivatives: boolean;
}

export interface HeatmapProps {
  network: NetworkUniforms;
  shade: ShadeStyle;
  /** input point = gl_FragCoord.xy · (s.x, s.y) + (o.x, o.y), packed as (s.x, s.y, o.x, o.y) */
  planeFromFrag: Float32Array;
  framebuffer: REGL.Framebuffer2D | null;
  viewport: REGL.BoundingBox;
  /** the pixels written (the viewport, or a strip of it) */
  scissor: REGL.BoundingBox;
}

const VERT = `
precision highp float;
attribute vec2 aCorner;
void main() {
  gl_Position = vec4(aCorner, 0.0, 1.0);
}
`;

const MAIN: Record<HeatmapOutput, string> = {
  color: `gl_FragColor = shadeProbabilities(p, p4);`,
  probabilities: `gl_FragColor = p;`,
  grid: `
  float v = floor(clamp(p.x, 0.0, 1.0) * 65535.0 + 0.5);
  float hi = floor(v / 256.0);
  float best = 0.0;
  float top = p.x;
  if (p.y > top) { top = p.y; best = 1.0; }
  if (p.z > top) { top = p.z; best = 2.0; }
  if (p.w > top) { top = p.w; best = 3.0; }
  if (p4 > top) { best = 4.0; }
  gl_FragColor = vec4(hi, v - hi * 256.0, best, 255.0) / 255.0;`,
};

/** The heatmap's shader sources for `options` (compiled ahead where the browser can). */
export function heatmapShaders(options: HeatmapOptions): ShaderSources {
  const { output, maxHidden, derivatives } = options;
  const frag = `${fragmentPrelude(derivatives && output === 'color')}
${networkGlsl(maxHidden)}
${output === 'color' ? SHADE_GLSL : ''}
uniform vec4 uPlaneFromFrag;
void main() {
  vec2 x = gl_FragCoord.xy * uPlaneFromFrag.xy + uPlaneFromFrag.zw;
  vec4 p;
  float p4;
  networkProbabilities(x, p, p4);
  ${MAIN[output]}
}
`;
  return { vert: VERT, frag };
}

/** Creates the heatmap command; its one vertex buffer (a covering triangle) is made here, once. */
export function createDrawHeatmap(
  regl: REGL.Regl,
  options: HeatmapOptions,
): REGL.DrawCommand<REGL.DefaultContext, HeatmapProps> {
  const { output, maxHidden } = options;
  return regl<REGL.Uniforms, REGL.Attributes, HeatmapProps>({
    ...heatmapShaders(options),
    attributes: { aCorner: regl.buffer([-1, -1, 3, -1, -1, 3]) },
    uniforms: {
      ...networkUniforms<HeatmapProps>(maxHidden),
      ...(output === 'color' ? shadeUniforms<HeatmapProps>() : {}),
      uPlaneFromFrag: regl.prop<HeatmapProps, 'planeFromFrag'>('planeFromFrag'),
    },
    count: 3,
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    blend: { enable: false },
    framebuffer: regl.prop<HeatmapProps, 'framebuffer'>('framebuffer'),
    viewport: regl.prop<HeatmapProps, 'viewport'>('viewport'),
    scissor: { enable: true, box: regl.prop<HeatmapProps, 'scissor'>('scissor') },
  });
}

/**
 * The affine map from gl_FragCoord to the input plane that puts pixel centres of a
 * `width`×`height` target on the cells of [lo, hi]² (`cellCentred`, for display), or on
 * numpy's `linspace(lo, hi, n)` samples, pixel 0 on lo and pixel n − 1 on hi (for read-back).
 */
export function planeFromFrag(
  width: number,
  height: number,
  lo: number,
  hi: number,
  cellCentred: boolean,
  out: Float32Array = new Float32Array(4),
): Float32Array {
  if (cellCentred) {
    out[0] = (hi - lo) / width;
    out[1] = (hi - lo) / height;
    out[2] = lo;
    out[3] = lo;
  } else {
    out[0] = (hi - lo) / Math.max(1, width - 1);
    out[1] = (hi - lo) / Math.max(1, height - 1);
    out[2] = lo - 0.5 * out[0];
    out[3] = lo - 0.5 * out[1];
  }
  return out;
}

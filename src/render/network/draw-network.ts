// The diagram's regl commands: coloured triangles for the links, biases, frames and marks, and
// the unit maps, each drawn into its box of the one canvas through a viewport and a scissor.
// A hidden unit's map is h_k(x) = σ(x·Wh[:,k] + bh[k]) per pixel; a class's map is the
// decision map's own forward pass (networkGlsl) with one class picked. Both shade the value on
// the diverging scale, or write it as 16-bit fixed point for exact read-back.
import type REGL from 'regl';
import { fragmentPrelude, networkGlsl, networkUniforms } from '../gl/network-glsl';
import type { NetworkUniforms } from '../gl/network-uniforms';
import type { ShaderSources } from '../gl/staged-programs';

export interface ShapesProps {
  vertices: REGL.Buffer;
  count: number;
  /** drawing-buffer size, device px */
  resolution: [number, number];
  viewport: REGL.BoundingBox;
}

const SHAPES_VERT = `
precision highp float;
attribute vec2 aPosition;
attribute vec4 aColor;
uniform vec2 uResolution;
varying vec4 vColor;
void main() {
  vec2 clip = aPosition / uResolution * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  vColor = aColor;
}
`;

const SHAPES_FRAG = `
precision mediump float;
varying vec4 vColor;
void main() {
  gl_FragColor = vColor;
}
`;

export const SHAPES_SHADERS: ShaderSources = { vert: SHAPES_VERT, frag: SHAPES_FRAG };

/** Straight alpha "over" for translucent shapes (the canvas keeps straight alpha). */
const OVER: REGL.BlendingOptions = {
  enable: true,
  func: { srcRGB: 'src alpha', dstRGB: 'one minus src alpha', srcAlpha: 'one', dstAlpha: 'one minus src alpha' },
};

export function createDrawShapes(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, ShapesProps> {
  const stride = 6 * 4;
  return regl<REGL.Uniforms, REGL.Attributes, ShapesProps>({
    ...SHAPES_SHADERS,
    attributes: {
      aPosition: (_: REGL.DefaultContext, props: ShapesProps) => ({ buffer: props.vertices, offset: 0, stride }),
      aColor: (_: REGL.DefaultContext, props: ShapesProps) => ({ buffer: props.vertices, offset: 8, stride }),
    },
    uniforms: { uResolution: regl.prop<ShapesProps, 'resolution'>('resolution') },
    count: regl.prop<ShapesProps, 'count'>('count'),
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    blend: OVER,
    viewport: regl.prop<ShapesProps, 'viewport'>('viewport'),
  });
}

/** What a unit-map shader writes: the diverging colour, or the value for read-back. */
export type UnitOutput = 'color' | 'value';

export interface UnitMapProps {
  /** hidden: (Wh[0][k], Wh[1][k], bh[k]) */
  unit: Float32Array;
  /** output: one-hot pick of classes 0–3, and of class 4 */
  pick: Float32Array;
  pick4: number;
  network: NetworkUniforms;
  low: Float32Array;
  high: Float32Array;
  /** input point = gl_FragCoord.xy · (s.x, s.y) + (o.x, o.y) */
  planeFromFrag: Float32Array;
  framebuffer: REGL.Framebuffer2D | null;
  box: REGL.BoundingBox;
  /** over an opaque background (the inset): blend; in a clear box: straight alpha, as if written */
  blend: boolean;
}

const VERT = `
precision highp float;
attribute vec2 aCorner;
void main() {
  gl_Position = vec4(aCorner, 0.0, 1.0);
}
`;

const SHADE = `
uniform vec4 uLow;
uniform vec4 uHigh;
uniform float uBlend;
vec4 unitColor(float v) {
  // the diverging scale: low at 0, transparent (the background) at 0.5, high at 1; straight
  // alpha into a clear box (the canvas keeps straight alpha), premultiplied over the inset's
  // opaque background
  float d = clamp(2.0 * v - 1.0, -1.0, 1.0);
  float a = abs(d);
  return vec4((d < 0.0 ? uLow.rgb : uHigh.rgb) * mix(1.0, a, uBlend), a);
}
vec4 unitValue(float v) {
  float q = floor(clamp(v, 0.0, 1.0) * 65535.0 + 0.5);
  float hi = floor(q / 256.0);
  return vec4(hi, q - hi * 256.0, 0.0, 255.0) / 255.0;
}
`;

function unitFrag(layer: 'hidden' | 'output', output: UnitOutput, maxHidden: number): string {
  const value =
    layer === 'hidden'
      ? // the same clamp as networkGlsl: e^-a never overflows float32
        `float v = 1.0 / (1.0 + exp(-clamp(x.x * uUnit.x + x.y * uUnit.y + uUnit.z, -80.0, 80.0)));`
      : `vec4 p; float p4; networkProbabilities(x, p, p4); float v = dot(p, uPick) + p4 * uPick4;`;
  return `${fragmentPrelude(false)}
${layer === 'output' ? networkGlsl(maxHidden) : ''}
${SHADE}
uniform vec3 uUnit;
uniform vec4 uPick;
uniform float uPick4;
uniform vec4 uPlaneFromFrag;
void main() {
  vec2 x = gl_FragCoord.xy * uPlaneFromFrag.xy + uPlaneFromFrag.zw;
  ${value}
  gl_FragColor = ${output === 'color' ? 'unitColor(v)' : 'unitValue(v)'};
}
`;
}

export function unitMapShaders(layer: 'hidden' | 'output', output: UnitOutput, maxHidden: number): ShaderSources {
  return { vert: VERT, frag: unitFrag(layer, output, maxHidden) };
}

export function createDrawUnitMap(
  regl: REGL.Regl,
  layer: 'hidden' | 'output',
  output: UnitOutput,
  maxHidden: number,
): REGL.DrawCommand<REGL.DefaultContext, UnitMapProps> {
  const prop = <K extends keyof UnitMapProps>(key: K) => regl.prop<UnitMapProps, K>(key);
  return regl<REGL.Uniforms, REGL.Attributes, UnitMapProps>({
    ...unitMapShaders(layer, output, maxHidden),
    attributes: { aCorner: regl.buffer([-1, -1, 3, -1, -1, 3]) },
    uniforms: {
      ...(layer === 'output' ? networkUniforms<UnitMapProps>(maxHidden) : {}),
      uUnit: prop('unit'),
      uPick: prop('pick'),
      uPick4: prop('pick4'),
      uLow: prop('low'),
      uHigh: prop('high'),
      uPlaneFromFrag: prop('planeFromFrag'),
      uBlend: (_: REGL.DefaultContext, props: UnitMapProps) => (props.blend ? 1 : 0),
    },
    count: 3,
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    // premultiplied "over": the colour output multiplies by alpha itself where it blends (uBlend)
    blend: {
      enable: true,
      func: { srcRGB: 'one', dstRGB: 'one minus src alpha', srcAlpha: 'one', dstAlpha: 'one minus src alpha' },
    },
    framebuffer: prop('framebuffer'),
    viewport: prop('box'),
    scissor: { enable: true, box: prop('box') },
  });
}

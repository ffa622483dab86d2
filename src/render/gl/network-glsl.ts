// GLSL for the network's forward pass and for shading class probabilities, shared by the
// heatmap (per pixel) and the upscale pass of the coarse "fast" map.
import type REGL from 'regl';
import type { NetworkUniforms } from './network-uniforms';

/** A regl uniforms block whose values may be read from props P. */
export type UniformMap<P extends object> = REGL.MaybeDynamicUniforms<REGL.Uniforms, REGL.DefaultContext, P>;

/**
 * Fragment shader head: the derivatives extension when present, highp when the GPU has it.
 * Highp matters: the hidden pre-activations reach |x·Wh + bh| ≈ 30 and mediump would move the
 * p = 0.5 line by whole pixels.
 */
export function fragmentPrelude(derivatives: boolean): string {
  return `${derivatives ? '#extension GL_OES_standard_derivatives : enable\n#define BP_DERIVATIVES\n' : ''}
#ifdef GL_FRAGMENT_PRECISION_HIGH
precision highp float;
#else
precision mediump float;
#endif
`;
}

/**
 * `networkProbabilities(x, p, p4)`: the tutorial's nn(x) for one input point,
 * h = σ(x·Wh + bh), y = softmax(h·Wo + bo); p = y[0..3], p4 = y[4]. Layout of the uniforms in
 * network-uniforms.ts. Absent classes carry a logit of −1e6 and come out exactly 0.
 */
export function networkGlsl(maxHidden: number): string {
  return `
#define MAX_HIDDEN ${maxHidden}
uniform vec4 uUnitA[MAX_HIDDEN];
uniform vec4 uUnitB[MAX_HIDDEN];
uniform vec4 uOutBias;
uniform float uOutBias4;
uniform int uHidden;

void networkProbabilities(vec2 x, out vec4 p, out float p4) {
  vec4 z = uOutBias;
  float z4 = uOutBias4;
  for (int j = 0; j < MAX_HIDDEN; j++) {
    if (j >= uHidden) break;
    vec4 a = uUnitA[j];
    // clamped so e^-a never overflows float32; σ(±80) is already 0 or 1 in float32
    float h = 1.0 / (1.0 + exp(-clamp(x.x * a.x + x.y * a.y + a.z, -80.0, 80.0)));
    z += h * uUnitB[j];
    z4 += h * a.w;
  }
  float m = max(max(max(z.x, z.y), max(z.z, z.w)), z4);
  vec4 e = exp(z - m);
  float e4 = exp(z4 - m);
  float s = e.x + e.y + e.z + e.w + e4;
  p = e / s;
  p4 = e4 / s;
}
`;
}

/**
 * `shadeProbabilities(p, p4)`: the map's colour. Fill = Σ p_k·colour_k, alpha from chance
 * (uAlphaRange.x) to certainty (uAlphaRange.y); over it the decision boundary, drawn where
 * f_k = p_k − max_{j≠k} p_j crosses 0 for some class k. f_k is signed and smooth across its
 * own zero, so |f_k| / fwidth(f_k) is the distance to the line in pixels (anti-aliased, the
 * same width at any slope). Without derivatives the line is a band of |f_k| < 0.03.
 */
export const SHADE_GLSL = `
uniform mat4 uClassColors;
uniform vec4 uClassColor4;
uniform float uClasses;
uniform vec2 uAlphaRange;
uniform vec4 uLineColor;
uniform float uLineWidth;

float boundaryCoverage(vec4 p, float p4) {
  vec4 others = vec4(
    max(max(p.y, p.z), max(p.w, p4)),
    max(max(p.x, p.z), max(p.w, p4)),
    max(max(p.x, p.y), max(p.w, p4)),
    max(max(p.x, p.y), max(p.z, p4)));
  vec4 f = p - others;
  float f4 = p4 - max(max(p.x, p.y), max(p.z, p.w));
  // absent classes never draw a line
  vec4 absent = 1e6 * (1.0 - step(vec4(0.5, 1.5, 2.5, 3.5), vec4(uClasses)));
  float absent4 = 1e6 * (1.0 - step(4.5, uClasses));
#ifdef BP_DERIVATIVES
  vec4 d = abs(f) / max(fwidth(f), vec4(1e-7)) + absent;
  float d4 = abs(f4) / max(fwidth(f4), 1e-7) + absent4;
  float dist = min(min(min(d.x, d.y), min(d.z, d.w)), d4);
  return clamp(0.5 * uLineWidth + 0.5 - dist, 0.0, 1.0);
#else
  vec4 d = abs(f) + absent;
  float dist = min(min(min(d.x, d.y), min(d.z, d.w)), abs(f4) + absent4);
  return 1.0 - smoothstep(0.0, 0.03, dist);
#endif
}

vec4 shadeProbabilities(vec4 p, float p4) {
  vec3 fill = (uClassColors * p).rgb + p4 * uClassColor4.rgb;
  float top = max(max(max(p.x, p.y), max(p.z, p.w)), p4);
  float chance = 1.0 / max(uClasses, 1.0);
  float confidence = clamp((top - chance) / max(1.0 - chance, 1e-6), 0.0, 1.0);
  float fillAlpha = mix(uAlphaRange.x, uAlphaRange.y, confidence);
  float lineAlpha = boundaryCoverage(p, p4) * uLineColor.a;
  // the line "over" the fill, straight (non-premultiplied) alpha
  float alpha = lineAlpha + fillAlpha * (1.0 - lineAlpha);
  vec3 rgb = (uLineColor.rgb * lineAlpha + fill * fillAlpha * (1.0 - lineAlpha)) / max(alpha, 1e-6);
  return vec4(rgb, alpha);
}
`;

/** How the probabilities are shaded: class colours, fill alpha range, boundary line. */
export interface ShadeStyle {
  /** column k = RGBA of class k (k < 4), as a column-major mat4 */
  classColors: Float32Array;
  /** RGBA of class 4 */
  classColor4: Float32Array;
  /** C, for the confidence scale and to skip absent classes */
  classes: number;
  /** fill alpha at chance and at certainty */
  alphaRange: [number, number];
  lineColor: Float32Array;
  /** boundary line width in device pixels */
  lineWidth: number;
}

/** regl uniforms for SHADE_GLSL, read from `props.shade`. */
export function shadeUniforms<P extends { shade: ShadeStyle }>(): UniformMap<P> {
  return {
    uClassColors: (_: REGL.DefaultContext, props: P) => props.shade.classColors,
    uClassColor4: (_: REGL.DefaultContext, props: P) => props.shade.classColor4,
    uClasses: (_: REGL.DefaultContext, props: P) => props.shade.classes,
    uAlphaRange: (_: REGL.DefaultContext, props: P) => props.shade.alphaRange,
    uLineColor: (_: REGL.DefaultContext, props: P) => props.shade.lineColor,
    uLineWidth: (_: REGL.DefaultContext, props: P) => props.shade.lineWidth,
  };
}

/** regl uniforms for networkGlsl(maxHidden), read from `props.network`. */
export function networkUniforms<P extends { network: NetworkUniforms }>(maxHidden: number): UniformMap<P> {
  const uniforms: UniformMap<P> = {
    uOutBias: (_: REGL.DefaultContext, props: P) => props.network.outBias,
    uOutBias4: (_: REGL.DefaultContext, props: P) => props.network.outBias4,
    uHidden: (_: REGL.DefaultContext, props: P) => props.network.hidden,
  };
  // regl sets array uniforms element by element ("uUnitA[3]"); the views never reallocate
  for (let j = 0; j < maxHidden; j++) {
    uniforms[`uUnitA[${j}]`] = (_: REGL.DefaultContext, props: P) => props.network.unitA[j];
    uniforms[`uUnitB[${j}]`] = (_: REGL.DefaultContext, props: P) => props.network.unitB[j];
  }
  return uniforms;
}

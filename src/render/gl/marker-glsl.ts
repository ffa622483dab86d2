// Marker shapes for point sprites, as signed distances (negative inside) in units of the sprite
// radius: the class is never told by colour alone. Class 0 is the tutorial's star, class 1
// its circle; classes 2–4 a square, a triangle and a diamond. Test rows are drawn hollow.
import { HOLLOW_BAND, HOLLOW_SCALE, TEST_CLASS_OFFSET } from './test-rows';

/** `markerDistance(q, shape)`, q ∈ [−1, 1]² with y up. */
export const MARKER_GLSL = `
float sdStar5(vec2 p, float r, float rf) {
  const vec2 k1 = vec2(0.809016994375, -0.587785252292);
  const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
  p.x = abs(p.x);
  p -= 2.0 * max(dot(k1, p), 0.0) * k1;
  p -= 2.0 * max(dot(k2, p), 0.0) * k2;
  p.x = abs(p.x);
  p.y -= r;
  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float sdBox(vec2 p, float b) {
  vec2 d = abs(p) - vec2(b);
  return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

float sdTriangle(vec2 p, float r) {
  const float k = 1.7320508;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

float markerDistance(vec2 q, float shape) {
  if (shape < 0.5) return sdStar5(q - vec2(0.0, -0.06), 0.98, 0.5);
  if (shape < 1.5) return length(q) - 0.72;
  if (shape < 2.5) return sdBox(q, 0.62);
  if (shape < 3.5) return sdTriangle(q - vec2(0.0, -0.15), 0.95);
  return sdBox(mat2(0.70710678, 0.70710678, -0.70710678, 0.70710678) * q, 0.62);
}
`;

/**
 * Vertex-shader helper: `setMarker(aClass, radius)` writes the marker's varyings (vFill, vShape,
 * vHollow, vRadius) and gl_PointSize for a point whose class attribute is c (0–4), or
 * c + TEST_CLASS_OFFSET for a test row: drawn hollow and HOLLOW_SCALE times as large, so that
 * even a star keeps a hole. `classColor(c)` is class c's fill from the palette uniforms.
 */
export const CLASS_COLOR_GLSL = `
uniform mat4 uClassColors;
uniform vec4 uClassColor4;
varying vec4 vFill;
varying float vShape;
varying float vHollow;
varying float vRadius;
vec4 classColor(float c) {
  if (c < 0.5) return uClassColors[0];
  if (c < 1.5) return uClassColors[1];
  if (c < 2.5) return uClassColors[2];
  if (c < 3.5) return uClassColors[3];
  return uClassColor4;
}
void setMarker(float c, float radius) {
  vHollow = step(${TEST_CLASS_OFFSET}.0 - 0.5, c);
  vShape = c - ${TEST_CLASS_OFFSET}.0 * vHollow;
  vFill = classColor(vShape);
  vRadius = radius * mix(1.0, ${HOLLOW_SCALE.toFixed(3)}, vHollow);
  gl_PointSize = 2.0 * vRadius;
}
`;

/**
 * Sprite fragment shader (the vertex shader passes vFill, vShape, vHollow and vRadius in px):
 * fill, outline of `uOutlineWidth` px, one pixel of anti-aliasing. A hollow marker (a test row)
 * keeps only its outline and a band of its colour HOLLOW_BAND·radius wide inside it.
 */
export const MARKER_FRAG = `
precision mediump float;
${MARKER_GLSL}
uniform vec4 uOutline;
uniform float uOutlineWidth;
varying vec4 vFill;
varying float vShape;
varying float vHollow;
varying float vRadius;
void main() {
  vec2 q = vec2(2.0 * gl_PointCoord.x - 1.0, 1.0 - 2.0 * gl_PointCoord.y);
  float d = markerDistance(q, vShape) * vRadius;
  float coverage = clamp(0.5 - d, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  // how far inside each edge, outside in: outline | fill (hollow: a band, then the hole)
  float inner = clamp(0.5 - (d + uOutlineWidth), 0.0, 1.0);
  float hole = vHollow * clamp(0.5 - (d + uOutlineWidth + ${HOLLOW_BAND.toFixed(3)} * vRadius), 0.0, 1.0);
  vec4 color = mix(uOutline, vFill, inner);
  gl_FragColor = vec4(color.rgb, color.a * coverage * (1.0 - hole));
}
`;

/** Colours and sizes of the markers, in device pixels. */
export interface MarkerStyle {
  /** column k = RGBA of class k (k < 4), column-major mat4 */
  classColors: Float32Array;
  classColor4: Float32Array;
  outline: Float32Array;
  /** half the sprite size */
  radius: number;
  outlineWidth: number;
}

/** Straight-alpha "over" blending for sprites drawn onto the map. */
export const OVER_BLEND = {
  enable: true,
  func: { srcRGB: 'src alpha', srcAlpha: 1, dstRGB: 'one minus src alpha', dstAlpha: 'one minus src alpha' },
} as const;

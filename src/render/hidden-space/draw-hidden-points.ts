// The hidden space's points: each sample's hidden activations (h_a, h_b, h_c) computed in the
// vertex shader from its input x and three units' weights, h = σ(x·Wh[:, u] + bh[u]), so a
// new snapshot only changes three uniforms and the N×2 inputs stay on the GPU.
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';
import { CLASS_COLOR_GLSL, MARKER_FRAG, OVER_BLEND } from '../gl/marker-glsl';
import type { MarkerStyle } from '../gl/marker-glsl';

export interface HiddenPointsProps {
  /** N×2 float32 inputs */
  inputs: REGL.Buffer;
  /** N float32 class indices (+ TEST_CLASS_OFFSET for test rows) */
  classes: REGL.Buffer;
  count: number;
  /** per axis: (Wh[0][u], Wh[1][u], bh[u], 1), or (0, 0, 0, 0) for a padded axis (h = 0) */
  unit0: Float32Array;
  unit1: Float32Array;
  unit2: Float32Array;
  worldToClip: Float32Array;
  style: MarkerStyle;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
${CLASS_COLOR_GLSL}
attribute vec2 aInput;
attribute float aClass;
uniform vec4 uUnit0;
uniform vec4 uUnit1;
uniform vec4 uUnit2;
uniform mat4 uWorldToClip;
uniform float uRadius;

float activation(vec4 unit) {
  return unit.w / (1.0 + exp(-clamp(dot(aInput, unit.xy) + unit.z, -80.0, 80.0)));
}

void main() {
  vec3 h = vec3(activation(uUnit0), activation(uUnit1), activation(uUnit2));
  setMarker(aClass, uRadius);
  gl_Position = uWorldToClip * vec4(h, 1.0);
}
`;

/** The points' shader sources (compiled ahead where the browser can). */
export const HIDDEN_POINTS_SHADERS: ShaderSources = { vert: VERT, frag: MARKER_FRAG };

export function createDrawHiddenPoints(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, HiddenPointsProps> {
  return regl<REGL.Uniforms, REGL.Attributes, HiddenPointsProps>({
    ...HIDDEN_POINTS_SHADERS,
    attributes: {
      aInput: regl.prop<HiddenPointsProps, 'inputs'>('inputs'),
      aClass: regl.prop<HiddenPointsProps, 'classes'>('classes'),
    },
    uniforms: {
      uUnit0: regl.prop<HiddenPointsProps, 'unit0'>('unit0'),
      uUnit1: regl.prop<HiddenPointsProps, 'unit1'>('unit1'),
      uUnit2: regl.prop<HiddenPointsProps, 'unit2'>('unit2'),
      uWorldToClip: regl.prop<HiddenPointsProps, 'worldToClip'>('worldToClip'),
      uClassColors: (_: REGL.DefaultContext, p: HiddenPointsProps) => p.style.classColors,
      uClassColor4: (_: REGL.DefaultContext, p: HiddenPointsProps) => p.style.classColor4,
      uOutline: (_: REGL.DefaultContext, p: HiddenPointsProps) => p.style.outline,
      uRadius: (_: REGL.DefaultContext, p: HiddenPointsProps) => p.style.radius,
      uOutlineWidth: (_: REGL.DefaultContext, p: HiddenPointsProps) => p.style.outlineWidth,
    },
    count: regl.prop<HiddenPointsProps, 'count'>('count'),
    primitive: 'points',
    depth: { enable: true, mask: true, func: 'less' },
    blend: OVER_BLEND,
    viewport: regl.prop<HiddenPointsProps, 'viewport'>('viewport'),
  });
}

// The data points on the decision map: one point sprite per sample, class colour and shape.
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';
import { CLASS_COLOR_GLSL, MARKER_FRAG, OVER_BLEND } from '../gl/marker-glsl';
import type { MarkerStyle } from '../gl/marker-glsl';

export interface PointsProps {
  /** N×2 float32, input-plane coordinates */
  positions: REGL.Buffer;
  /** N float32 class indices (+ TEST_CLASS_OFFSET for test rows) */
  classes: REGL.Buffer;
  count: number;
  /** clip = position · (s.x, s.y) + (o.x, o.y), packed as (s.x, s.y, o.x, o.y) */
  clipFromPlane: Float32Array;
  style: MarkerStyle;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
${CLASS_COLOR_GLSL}
attribute vec2 aPosition;
attribute float aClass;
uniform vec4 uClipFromPlane;
uniform float uRadius;
void main() {
  setMarker(aClass, uRadius);
  gl_Position = vec4(aPosition * uClipFromPlane.xy + uClipFromPlane.zw, 0.0, 1.0);
}
`;

/** The markers' shader sources (compiled ahead where the browser can). */
export const POINTS_SHADERS: ShaderSources = { vert: VERT, frag: MARKER_FRAG };

export function createDrawPoints(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, PointsProps> {
  return regl<REGL.Uniforms, REGL.Attributes, PointsProps>({
    ...POINTS_SHADERS,
    attributes: {
      aPosition: regl.prop<PointsProps, 'positions'>('positions'),
      aClass: regl.prop<PointsProps, 'classes'>('classes'),
    },
    uniforms: {
      uClipFromPlane: regl.prop<PointsProps, 'clipFromPlane'>('clipFromPlane'),
      uClassColors: (_: REGL.DefaultContext, p: PointsProps) => p.style.classColors,
      uClassColor4: (_: REGL.DefaultContext, p: PointsProps) => p.style.classColor4,
      uOutline: (_: REGL.DefaultContext, p: PointsProps) => p.style.outline,
      uRadius: (_: REGL.DefaultContext, p: PointsProps) => p.style.radius,
      uOutlineWidth: (_: REGL.DefaultContext, p: PointsProps) => p.style.outlineWidth,
    },
    count: regl.prop<PointsProps, 'count'>('count'),
    primitive: 'points',
    depth: { enable: false, mask: false },
    blend: OVER_BLEND,
    viewport: regl.prop<PointsProps, 'viewport'>('viewport'),
  });
}

// The warped grid on the GPU: each vertex is an input point x of a grid line, carried to
// (h_a, h_b, h_c) in the vertex shader from the same three units' weights as the points
// (draw-hidden-points.ts), so a new snapshot changes only those uniforms.
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';

export interface WarpedGridProps {
  /** (x₁, x₂) float32 vertex pairs, from warped-grid.ts */
  inputs: REGL.Buffer;
  count: number;
  /** per axis: (Wh[0][u], Wh[1][u], bh[u], 1), or zeros for a padded axis */
  unit0: Float32Array;
  unit1: Float32Array;
  unit2: Float32Array;
  worldToClip: Float32Array;
  color: Float32Array;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
attribute vec2 aInput;
uniform vec4 uUnit0;
uniform vec4 uUnit1;
uniform vec4 uUnit2;
uniform mat4 uWorldToClip;

float activation(vec4 unit) {
  return unit.w / (1.0 + exp(-clamp(dot(aInput, unit.xy) + unit.z, -80.0, 80.0)));
}

void main() {
  gl_Position = uWorldToClip * vec4(activation(uUnit0), activation(uUnit1), activation(uUnit2), 1.0);
}
`;

const FRAG = `
precision mediump float;
uniform vec4 uColor;
void main() {
  gl_FragColor = uColor;
}
`;

export const WARPED_GRID_SHADERS: ShaderSources = { vert: VERT, frag: FRAG };

export function createDrawWarpedGrid(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, WarpedGridProps> {
  return regl<REGL.Uniforms, REGL.Attributes, WarpedGridProps>({
    ...WARPED_GRID_SHADERS,
    attributes: { aInput: regl.prop<WarpedGridProps, 'inputs'>('inputs') },
    uniforms: {
      uUnit0: regl.prop<WarpedGridProps, 'unit0'>('unit0'),
      uUnit1: regl.prop<WarpedGridProps, 'unit1'>('unit1'),
      uUnit2: regl.prop<WarpedGridProps, 'unit2'>('unit2'),
      uWorldToClip: regl.prop<WarpedGridProps, 'worldToClip'>('worldToClip'),
      uColor: regl.prop<WarpedGridProps, 'color'>('color'),
    },
    count: regl.prop<WarpedGridProps, 'count'>('count'),
    primitive: 'lines',
    // tested against the cube and the points, but writing no depth: a line never hides a point
    depth: { enable: true, mask: false, func: 'less' },
    blend: {
      enable: true,
      func: { srcRGB: 'src alpha', srcAlpha: 1, dstRGB: 'one minus src alpha', dstAlpha: 'one minus src alpha' },
    },
    viewport: regl.prop<WarpedGridProps, 'viewport'>('viewport'),
  });
}

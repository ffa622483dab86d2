// The hidden space's frame: cube edges and tick marks as GL lines, depth-tested with the
// points so the front edges pass in front of them. Labels are HTML (see bp-hidden-space).
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';

export interface Axes3dProps {
  /** vertex pairs (x, y, z) in hidden-activation space, from cube-axes.ts */
  lines: REGL.Buffer;
  /** first vertex and vertex count to draw */
  offset: number;
  count: number;
  worldToClip: Float32Array;
  color: Float32Array;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
attribute vec3 aPosition;
uniform mat4 uWorldToClip;
void main() {
  gl_Position = uWorldToClip * vec4(aPosition, 1.0);
}
`;

const FRAG = `
precision mediump float;
uniform vec4 uColor;
void main() {
  gl_FragColor = uColor;
}
`;

/** The axes' shader sources (compiled ahead where the browser can). */
export const AXES3D_SHADERS: ShaderSources = { vert: VERT, frag: FRAG };

export function createDrawAxes3d(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, Axes3dProps> {
  return regl<REGL.Uniforms, REGL.Attributes, Axes3dProps>({
    ...AXES3D_SHADERS,
    attributes: { aPosition: regl.prop<Axes3dProps, 'lines'>('lines') },
    uniforms: {
      uWorldToClip: regl.prop<Axes3dProps, 'worldToClip'>('worldToClip'),
      uColor: regl.prop<Axes3dProps, 'color'>('color'),
    },
    offset: regl.prop<Axes3dProps, 'offset'>('offset'),
    count: regl.prop<Axes3dProps, 'count'>('count'),
    primitive: 'lines',
    depth: { enable: true, mask: true, func: 'less' },
    blend: {
      enable: true,
      func: { srcRGB: 'src alpha', srcAlpha: 1, dstRGB: 'one minus src alpha', dstAlpha: 'one minus src alpha' },
    },
    viewport: regl.prop<Axes3dProps, 'viewport'>('viewport'),
  });
}

// The output plane on the GPU: its polygon as translucent triangles, then its outline. Same
// shaders as the cube's lines (draw-axes3d.ts), so regl links no new program. Drawn before the
// points, depth-tested against the cube but writing no depth: every sample is drawn over it
// unveiled, on whichever side it lies (its colour already says which class it is).
import type REGL from 'regl';
import { AXES3D_SHADERS } from './draw-axes3d';

export interface OutputPlaneProps {
  /** (x, y, z) vertices: fan triangles, then outline segments (output-plane.ts planeMesh) */
  mesh: REGL.Buffer;
  offset: number;
  count: number;
  primitive: 'triangles' | 'lines';
  worldToClip: Float32Array;
  color: Float32Array;
  viewport: REGL.BoundingBox;
}

export function createDrawOutputPlane(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, OutputPlaneProps> {
  return regl<REGL.Uniforms, REGL.Attributes, OutputPlaneProps>({
    ...AXES3D_SHADERS,
    attributes: { aPosition: regl.prop<OutputPlaneProps, 'mesh'>('mesh') },
    uniforms: {
      uWorldToClip: regl.prop<OutputPlaneProps, 'worldToClip'>('worldToClip'),
      uColor: regl.prop<OutputPlaneProps, 'color'>('color'),
    },
    offset: regl.prop<OutputPlaneProps, 'offset'>('offset'),
    count: regl.prop<OutputPlaneProps, 'count'>('count'),
    primitive: regl.prop<OutputPlaneProps, 'primitive'>('primitive'),
    depth: { enable: true, mask: false, func: 'less' },
    blend: {
      enable: true,
      func: { srcRGB: 'src alpha', srcAlpha: 1, dstRGB: 'one minus src alpha', dstAlpha: 'one minus src alpha' },
    },
    viewport: regl.prop<OutputPlaneProps, 'viewport'>('viewport'),
  });
}

// The exact map drawn over several frames (gl-map-renderer.ts) is kept in a texture of the
// view's size; each frame copies it onto the drawing buffer, texel for pixel (nearest, no
// blending), so the copy's bytes are the exact program's own.
import type REGL from 'regl';
import type { ShaderSources } from '../gl/staged-programs';

export interface MapCopyProps {
  texture: REGL.Texture2D;
  /** 1 / the texture's width and height */
  texelSize: Float32Array;
  viewport: REGL.BoundingBox;
}

export const MAP_COPY_SHADERS: ShaderSources = {
  vert: `
precision highp float;
attribute vec2 aCorner;
void main() {
  gl_Position = vec4(aCorner, 0.0, 1.0);
}
`,
  frag: `
precision highp float;
uniform sampler2D uTexture;
uniform vec2 uTexelSize;
void main() {
  gl_FragColor = texture2D(uTexture, gl_FragCoord.xy * uTexelSize);
}
`,
};

export function createDrawMapCopy(regl: REGL.Regl): REGL.DrawCommand<REGL.DefaultContext, MapCopyProps> {
  return regl<REGL.Uniforms, REGL.Attributes, MapCopyProps>({
    ...MAP_COPY_SHADERS,
    attributes: { aCorner: regl.buffer([-1, -1, 3, -1, -1, 3]) },
    uniforms: {
      uTexture: regl.prop<MapCopyProps, 'texture'>('texture'),
      uTexelSize: regl.prop<MapCopyProps, 'texelSize'>('texelSize'),
    },
    count: 3,
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    blend: { enable: false },
    viewport: regl.prop<MapCopyProps, 'viewport'>('viewport'),
  });
}

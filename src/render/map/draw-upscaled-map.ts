// The "fast" map's second pass: the network was evaluated into a coarse probability texture
// (draw-heatmap.ts, output `probabilities`); this pass samples it bilinearly at full resolution
// and shades there, so the boundary line stays crisp while the network costs a fraction.
import type REGL from 'regl';
import { fragmentPrelude, SHADE_GLSL, shadeUniforms } from '../gl/network-glsl';
import type { ShadeStyle } from '../gl/network-glsl';

export interface UpscaledMapProps {
  /** RGBA = (p0, p1, p2, p3); p4 = 1 − their sum */
  probabilities: REGL.Texture2D;
  shade: ShadeStyle;
  viewport: REGL.BoundingBox;
}

const VERT = `
precision highp float;
attribute vec2 aCorner;
varying vec2 vUv;
void main() {
  vUv = 0.5 * aCorner + 0.5;
  gl_Position = vec4(aCorner, 0.0, 1.0);
}
`;

export function createDrawUpscaledMap(
  regl: REGL.Regl,
  options: { derivatives: boolean },
): REGL.DrawCommand<REGL.DefaultContext, UpscaledMapProps> {
  const frag = `${fragmentPrelude(options.derivatives)}
${SHADE_GLSL}
uniform sampler2D uProbabilities;
varying vec2 vUv;
void main() {
  vec4 p = texture2D(uProbabilities, vUv);
  float p4 = max(0.0, 1.0 - (p.x + p.y + p.z + p.w));
  gl_FragColor = shadeProbabilities(p, p4);
}
`;
  return regl<REGL.Uniforms, REGL.Attributes, UpscaledMapProps>({
    vert: VERT,
    frag,
    attributes: { aCorner: regl.buffer([-1, -1, 3, -1, -1, 3]) },
    uniforms: {
      ...shadeUniforms<UpscaledMapProps>(),
      uProbabilities: regl.prop<UpscaledMapProps, 'probabilities'>('probabilities'),
    },
    count: 3,
    primitive: 'triangles',
    depth: { enable: false, mask: false },
    blend: { enable: false },
    viewport: regl.prop<UpscaledMapProps, 'viewport'>('viewport'),
  });
}

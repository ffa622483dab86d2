// The one set of context attributes and extensions every WebGL renderer asks for: the views'
// (on the page's shared context, shared-context.ts) and a standalone canvas's (createRegl: the
// renderer tests and benches).
import createREGL from 'regl';
import type REGL from 'regl';

/**
 * Straight alpha lets the light map shading show the page's own background. No MSAA:
 * everything drawn is anti-aliased analytically (the boundary by its screen-space distance,
 * markers by their signed distance), and multisampling cost 2–4× per draw on software GL
 * (SwiftShader). No preserveDrawingBuffer: a view copies its frame onto its own canvas as soon
 * as it is drawn (SharedGlContext.present).
 */
export const CONTEXT_ATTRIBUTES: WebGLContextAttributes = {
  preserveDrawingBuffer: false,
  antialias: false,
  premultipliedAlpha: false,
  alpha: true,
  depth: true,
  stencil: false,
};

/** What the renderers use where the browser has it. */
export const OPTIONAL_EXTENSIONS = ['OES_standard_derivatives', 'ANGLE_instanced_arrays'];

/**
 * A WebGL1 regl on a canvas of its own (renderer tests, benches; the views share one context,
 * shared-context.ts). preserveDrawingBuffer keeps the last frame readable between draws.
 * Throws when no WebGL context can be had.
 */
export function createRegl(canvas: HTMLCanvasElement): REGL.Regl {
  return reglWith({ canvas, attributes: { ...CONTEXT_ATTRIBUTES, preserveDrawingBuffer: true } });
}

/**
 * A regl with the renderers' extensions, on a given context or a canvas's; throws a
 * WebglUnavailableError saying why there is none (no context, or a CSP without 'unsafe-eval').
 */
export function reglWith(
  target: { gl: WebGLRenderingContext } | { canvas: HTMLCanvasElement; attributes: WebGLContextAttributes },
): REGL.Regl {
  let failure: string | undefined;
  let regl: REGL.Regl | null = null;
  let blocked = false;
  try {
    regl = createREGL({
      ...target,
      extensions: [],
      optionalExtensions: OPTIONAL_EXTENSIONS,
      onDone: (err) => {
        if (err) failure = err.message;
      },
    });
  } catch (err) {
    // regl compiles its commands with Function(): a CSP without 'unsafe-eval' stops it here
    blocked = err instanceof EvalError;
    failure = err instanceof Error ? err.message : String(err);
  }
  if (!regl) throw new WebglUnavailableError(blocked ? 'csp' : 'context', failure);
  return regl;
}

/**
 * Why there is no regl: no WebGL context, a Content-Security-Policy without 'unsafe-eval', or a
 * context that was lost and not (or not usably) restored.
 */
export class WebglUnavailableError extends Error {
  constructor(
    readonly reason: 'context' | 'csp' | 'lost',
    detail?: string,
  ) {
    super(`WebGL unavailable${detail ? `: ${detail}` : ''}`);
    this.name = 'WebglUnavailableError';
  }
}

/** Frees the GPU context at once instead of whenever the canvas is collected. */
export function releaseContext(canvas: HTMLCanvasElement): void {
  const gl = canvas.getContext('webgl') ?? canvas.getContext('experimental-webgl');
  if (gl && 'getExtension' in gl) gl.getExtension('WEBGL_lose_context')?.loseContext();
}

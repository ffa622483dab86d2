// Whether a context rasterises on the CPU (SwiftShader, llvmpipe): then a view's GPU work costs
// the machine real milliseconds, and the views tell the page's frame scheduler what to expect.

/** per context: the answer (asking is a synchronous round trip to the GPU process each time) */
const known = new WeakMap<WebGLRenderingContext, boolean>();

/**
 * Whether `gl` rasterises in software (its unmasked renderer names a CPU rasteriser). Asked once
 * per context: a view's set-up asks before its first frame is drawn (canvas-view.ts), since the
 * question waits for every command queued on the context, a first frame's pipeline compiles too.
 */
export function softwareGl(gl: WebGLRenderingContext): boolean {
  let software = known.get(gl);
  if (software === undefined) {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    known.set(gl, software);
  }
  return software;
}

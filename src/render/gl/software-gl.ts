// Whether a context rasterises on the CPU (SwiftShader, llvmpipe): then a view's GPU work costs
// the machine real milliseconds, and the views tell the page's frame scheduler what to expect.

/** Whether `gl` rasterises in software (its unmasked renderer names a CPU rasteriser). */
export function softwareGl(gl: WebGLRenderingContext): boolean {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

// Starting the browser's WebGL machinery from the worker, before the page needs it.
// A fresh browser's first WebGL context starts the GPU process's GL (SwiftShader here): the
// first `getContext('webgl')` blocked the main thread for 540–610 ms, one frame the page
// cannot draw. Once any context exists, a page's next one costs 10–20 ms. A worker's
// OffscreenCanvas context pays that start on the worker's own clock, while the page is still
// loading and its views are not yet set up; the page's one shared context
// (src/render/gl/shared-context.ts) then comes cheap. The scratch context is given back at once.

/**
 * Makes and drops a WebGL context on an OffscreenCanvas. Does nothing where workers have no
 * OffscreenCanvas or no WebGL; never throws (the page's own context reports what is missing).
 */
export function warmUpWebgl(): void {
  try {
    if (typeof OffscreenCanvas !== 'function') return;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl', { antialias: false, stencil: false });
    if (!gl) return;
    // a round trip: returns once the GPU process has really made the context
    gl.getError();
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    // no WebGL here: nothing to warm
  }
}

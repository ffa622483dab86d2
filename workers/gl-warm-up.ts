// Starting the browser's WebGL machinery from the worker, before the page needs it.
// A fresh browser's first WebGL context starts the GPU process's GL (SwiftShader here): the
// first `getContext('webgl')` blocked the main thread for 540–1,040 ms, one frame the page
// cannot draw. Once any context exists, a page's next one costs 10–30 ms. A worker's
// OffscreenCanvas context pays that start on the worker's own clock; the page's one shared
// context (src/render/gl/shared-context.ts) waits for the worker to say it is done
// (GL_WARM_MESSAGE): made while the worker's was being made, it waited for it on the main
// thread (and the page's first programs competed with it). The scratch context is given back at once.
/// <reference lib="webworker" />
import { GL_WARM_MESSAGE } from '../src/protocol/gl-warm-up';

/**
 * Makes and drops a WebGL context on an OffscreenCanvas, then posts GL_WARM_MESSAGE to the
 * page. Makes nothing where workers have no OffscreenCanvas or no WebGL; never throws (the
 * page's own context reports what is missing).
 */
export function warmUpWebgl(): void {
  try {
    if (typeof OffscreenCanvas === 'function') {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl', { antialias: false, stencil: false });
      // a round trip: returns once the GPU process has really made the context
      gl?.getError();
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // no WebGL here: nothing to warm
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(GL_WARM_MESSAGE);
}

// Warming the WebAssembly kernel up when the worker starts, before any run needs it.
// V8 runs a fresh module's functions as baseline (Liftoff) code, and compiles the ones that
// run long enough with its optimising compiler (TurboFan) in the background; a call already
// running keeps its baseline code. Measured on the tutorial's network at max speed: a fresh
// worker's first ~20,000 iterations ran at about 60% of the later rate. A short run on a
// scratch trainer here starts that compilation while the page is still setting up, and warms
// the JS around the kernel; browsers offer pages no way to compile eagerly.
import { createTrainer, notebookSetup, paramCount, shapeOf, wasmEngineSupport } from '../src/core/index';

/** Iterations of the warm-up, one `step` call each (~10 ms of baseline code; the worker trains a history stride a call). */
export const WARM_UP_ITERATIONS = 1000;

/**
 * Trains a scratch copy of the tutorial's network on the WebAssembly engine, then frees it. Does
 * nothing where that engine cannot run; never throws (the run that needs the engine says why).
 */
export function warmUpKernel(iterations = WARM_UP_ITERATIONS): void {
  try {
    if (!wasmEngineSupport().available) return;
    const { X, T, initParams } = notebookSetup(1);
    const trainer = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9, engine: 'wasm' });
    const costs = new Float64Array(1);
    const packed = new Float64Array(paramCount(shapeOf(initParams)));
    for (let i = 0; i < iterations && trainer.step(1, costs) === 1; i++) trainer.writePackedParams(packed);
    trainer.dispose();
  } catch {
    // nothing to warm: the engine choice of the first run reports why
  }
}

// Which engine computes a run. The JS core is the reference and runs anywhere, for any D; the
// WebAssembly SIMD kernel (./wasm) is several times faster but takes D = 2 inputs only and
// needs WebAssembly with SIMD that the environment lets it compile (a Content-Security-Policy
// needs 'wasm-unsafe-eval' in script-src). `auto` takes WebAssembly where it can and says why
// not where it cannot; an explicit `wasm` fails with that reason instead.
import { describe } from './errors';
import { WasmUnavailableError, wasmEngineSupport } from './wasm/support';

/** An engine actually computing a run. */
export type Engine = 'wasm' | 'js';

/** What a caller asks for: a specific engine, or `auto` (WebAssembly where it can run, else JS). */
export type EngineChoice = 'auto' | Engine;

export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'wasm', 'js'];

/** The engine a choice resolves to here, and why `auto` did not take WebAssembly. */
export interface EngineDecision {
  engine: Engine;
  /** set when `auto` fell back to JS: the reason, in one sentence */
  fallback?: string;
}

/** Throws a TypeError naming `fn` unless `choice` is one of ENGINE_CHOICES. */
export function checkEngineChoice(fn: string, choice: unknown): asserts choice is EngineChoice {
  if (!ENGINE_CHOICES.includes(choice as EngineChoice)) {
    throw new TypeError(`${fn}: engine must be one of 'auto', 'wasm', 'js'; got ${describe(choice)}`);
  }
}

/**
 * Resolves an engine choice for a problem with `inputs` = D columns. `js` is always JS.
 * `wasm` is WebAssembly or throws: a RangeError for D ≠ 2, a WasmUnavailableError (reason
 * 'unsupported' or 'blocked') when it cannot run here. `auto` never throws: WebAssembly when
 * D = 2 and it can run, else JS with the reason in `fallback`. Compiles the kernel once.
 */
export function chooseEngine(choice: EngineChoice, inputs: number, fn = 'chooseEngine'): EngineDecision {
  checkEngineChoice(fn, choice);
  if (choice === 'js') return { engine: 'js' };
  if (inputs !== 2) {
    if (choice === 'wasm') {
      throw new RangeError(
        `${fn}: the WebAssembly engine takes D = 2 inputs (X with 2 columns); got D = ${inputs}. The JS engine takes any D.`,
      );
    }
    return { engine: 'js', fallback: `D = ${inputs}: the WebAssembly engine takes D = 2` };
  }
  const support = wasmEngineSupport();
  if (support.available) return { engine: 'wasm' };
  if (choice === 'wasm') {
    throw new WasmUnavailableError(support.reason, `${fn}: the WebAssembly engine cannot run here: ${support.message}`);
  }
  return { engine: 'js', fallback: support.message };
}

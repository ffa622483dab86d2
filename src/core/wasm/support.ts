// Can this environment run the WebAssembly engine, and if not, why: not supported (no
// WebAssembly, or no SIMD) or blocked (compilation refused, as by a Content-Security-Policy
// without 'wasm-unsafe-eval'). `auto` engine choices fall back to JS and say which; an explicit
// choice of the WebAssembly engine fails with the same message.
import { KERNEL_BASE64 } from './kernel-bytes.generated';

/** The subset of the WebAssembly JS API the engine uses (the core compiles without the DOM lib). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

export type WasmSupport =
  | { available: true }
  | {
      available: false;
      /** 'unsupported': no WebAssembly or no SIMD; 'blocked': compilation refused (CSP) */
      reason: 'unsupported' | 'blocked';
      message: string;
    };

/** Thrown when the WebAssembly engine was asked for but cannot run here. */
export class WasmUnavailableError extends Error {
  readonly reason: 'unsupported' | 'blocked';
  constructor(reason: 'unsupported' | 'blocked', message: string) {
    super(message);
    this.name = 'WasmUnavailableError';
    this.reason = reason;
  }
}

/** (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): validates only with SIMD */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** globalThis.WebAssembly, if this environment has one */
export function wasmApi(): WasmApi | undefined {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === 'object' && api !== null && typeof api.validate === 'function' ? api : undefined;
}

/** True when WebAssembly with fixed-width SIMD validates here (says nothing about a CSP). */
export function wasmSimdAvailable(): boolean {
  const api = wasmApi();
  return api !== undefined && simdValidates(api);
}

function simdValidates(api: WasmApi): boolean {
  try {
    return api.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) → bytes; no atob, so the core needs no DOM or Node API. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const value = BASE64.indexOf(clean[i]);
    if (value < 0) throw new RangeError(`decodeBase64: text must be base64; got ${JSON.stringify(clean[i])} at ${i}`);
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[at++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

type Unavailable = Extract<WasmSupport, { available: false }>;
export type Compiled = { module: object; api: WasmApi } | Unavailable;

let compiled: Compiled | undefined;

/** The compiled kernel, or why there is none; compiled once (synchronously) and cached. */
export function kernelModule(): Compiled {
  compiled ??= compileKernel(wasmApi(), KERNEL_BASE64);
  return compiled;
}

function unsupported(message: string): Unavailable {
  return { available: false, reason: 'unsupported', message };
}

/** Compiles a module (base64) with `api`, or says why it cannot: unsupported or blocked. */
export function compileKernel(api: WasmApi | undefined, base64: string): Compiled {
  if (api === undefined) return unsupported('WebAssembly is not available in this environment');
  if (!simdValidates(api)) {
    return unsupported(
      "this environment's WebAssembly has no fixed-width SIMD (Chrome 91, Firefox 89, Safari 16.4 and later have it)",
    );
  }
  const bytes = decodeBase64(base64);
  if (!api.validate(bytes)) return unsupported('the training kernel does not validate here');
  try {
    const module = new api.Module(bytes);
    // one trial instance, so a refusal surfaces here rather than in the first createWasmTrainer
    new api.Instance(module, {});
    return { module, api };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Chrome before 2023 refused synchronous compilation of modules over 4 KB on the main
    // thread (8 MB since); a worker may always compile synchronously.
    if (error instanceof RangeError && /main thread/i.test(detail)) {
      return unsupported(`this browser refuses to compile WebAssembly synchronously on the main thread: ${detail}`);
    }
    // It validates, so the compiler itself was refused: in browsers, a Content-Security-Policy
    // whose script-src has neither 'wasm-unsafe-eval' nor 'unsafe-eval'.
    return {
      available: false,
      reason: 'blocked',
      message: `WebAssembly compilation was refused (a Content-Security-Policy without 'wasm-unsafe-eval' in script-src?): ${detail}`,
    };
  }
}

/** Whether the WebAssembly engine can run here, and if not, why (compiles the kernel once). */
export function wasmEngineSupport(): WasmSupport {
  const kernel = kernelModule();
  return 'module' in kernel ? { available: true } : kernel;
}

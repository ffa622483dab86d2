// Telling "not supported" from "blocked" (a Content-Security-Policy refusing compilation), and
// the bundled bytes' decoding.
import { describe, expect, it } from 'vitest';
import { KERNEL_BASE64 } from './kernel-bytes.generated';
import { compileKernel, decodeBase64, wasmEngineSupport, wasmSimdAvailable } from './support';
import type { WasmApi } from './support';

const real = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

describe('WebAssembly support', () => {
  it('finds SIMD and compiles the kernel in Node', () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(wasmEngineSupport()).toEqual({ available: true });
  });

  it('says "unsupported" without WebAssembly or without SIMD', () => {
    const none = compileKernel(undefined, KERNEL_BASE64);
    expect(none).toMatchObject({ available: false, reason: 'unsupported' });
    const noSimd: WasmApi = { ...real, validate: () => false, Module: real.Module, Instance: real.Instance };
    const result = compileKernel(noSimd, KERNEL_BASE64);
    expect(result).toMatchObject({ available: false, reason: 'unsupported' });
    expect('message' in result && result.message).toMatch(/SIMD/);
  });

  it('says "blocked" when the module validates but compiling it is refused', () => {
    // What a page whose CSP lacks 'wasm-unsafe-eval' sees: validate() works, compiling throws.
    const refusing: WasmApi = {
      validate: (bytes) => real.validate(bytes),
      Module: class {
        constructor() {
          throw new Error("Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not allowed");
        }
      },
      Instance: real.Instance,
    };
    const result = compileKernel(refusing, KERNEL_BASE64);
    expect(result).toMatchObject({ available: false, reason: 'blocked' });
    expect('message' in result && result.message).toMatch(/wasm-unsafe-eval.*Refused to compile/);
  });

  it('says "unsupported" when a browser refuses synchronous compilation on the main thread', () => {
    const limited: WasmApi = {
      validate: (bytes) => real.validate(bytes),
      Module: class {
        constructor() {
          throw new RangeError(
            'WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.',
          );
        }
      },
      Instance: real.Instance,
    };
    expect(compileKernel(limited, KERNEL_BASE64)).toMatchObject({ available: false, reason: 'unsupported' });
  });

  it('decodes base64 as Node does', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 1000]) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 37 + 11) & 0xff;
      expect(Array.from(decodeBase64(Buffer.from(bytes).toString('base64')))).toEqual(Array.from(bytes));
    }
    expect(Array.from(decodeBase64(KERNEL_BASE64).subarray(0, 4))).toEqual([0, 97, 115, 109]);
    expect(() => decodeBase64('ab$d')).toThrow(/base64/);
  });
});

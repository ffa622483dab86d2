// The kernel's f64x2 exp and log1p (assembly/math.ts) against Math.exp and Math.log1p: within
// 1 ulp of them over the ranges the kernel uses, and the same on 0, NaN and ±∞ (where the
// kernel's clamping applies, as documented there). Its exp is the JS core's (exp.ts), bit for bit.
import { describe, expect, it } from 'vitest';
import { exp } from '../exp';
import { kernelModule } from './support';

interface MathExports {
  expOf(x: number): number;
  log1pOf(x: number): number;
}

function kernelMath(): MathExports {
  const compiled = kernelModule();
  if (!('module' in compiled)) throw new Error(compiled.message);
  return new compiled.api.Instance(compiled.module, {}).exports as MathExports;
}

/** distance in units in the last place between two finite doubles of the same sign */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Math.abs(Number(bits[0] - bits[1]));
}

describe('kernel math', () => {
  const { expOf, log1pOf } = kernelMath();

  it('e^x within 1 ulp of Math.exp on [−707, 709]', () => {
    let worst = 0;
    for (let i = 0; i <= 50_000; i++) {
      const x = -707 + (1416 * i) / 50_000 + 1e-7 * Math.sin(i);
      worst = Math.max(worst, ulps(expOf(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(expOf(0)).toBe(1);
    expect(expOf(NaN)).toBeNaN();
    // clamped: e^−707 for anything below, e^709 above; 1 + either is what the kernel uses
    expect(expOf(-Infinity)).toBe(expOf(-707));
    expect(1 / (1 + expOf(Infinity))).toBeLessThan(1.3e-308);
  });

  it('e^x is the JS core’s exp bit for bit on (−707, 709): the two engines share it', () => {
    for (let i = 1; i < 50_000; i++) {
      const x = -707 + (1416 * i) / 50_000 + 1e-7 * Math.sin(i);
      if (expOf(x) !== exp(x)) expect([x, exp(x)]).toEqual([x, expOf(x)]);
    }
  });

  it('log(1 + x) within 1 ulp of Math.log1p on [0, 10]', () => {
    let worst = 0;
    for (let i = 0; i <= 50_000; i++) {
      const x = 10 ** (-15 + (16 * i) / 50_000);
      worst = Math.max(worst, ulps(log1pOf(x), Math.log1p(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(log1pOf(0)).toBe(0);
    expect(log1pOf(NaN)).toBeNaN();
  });
});

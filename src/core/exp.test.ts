// The kernels' e^x (exp.ts) against Math.exp: within 1 ulp on (−707, 709), Math.exp itself
// outside and on NaN (the saturated logistic and an underflowing softmax keep their values).
import { describe, expect, it } from 'vitest';
import { exp } from './exp';

/** distance in units in the last place between two finite doubles of the same sign */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Math.abs(Number(bits[0] - bits[1]));
}

describe('exp', () => {
  it('is within 1 ulp of Math.exp on (−707, 709), and exact at 0', () => {
    let worst = 0;
    for (let i = 1; i < 200_000; i++) {
      const x = -707 + (1416 * i) / 200_000 + 1e-7 * Math.sin(i);
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    // and densely where the network's logits live
    for (let i = 0; i <= 200_000; i++) {
      const x = -40 + (80 * i) / 200_000 + 1e-9 * Math.cos(i);
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
  });

  it('is Math.exp outside (−707, 709): saturation, underflow and overflow as before', () => {
    for (const x of [-707, -708.5, -745.2, -746, -1e6, 709, 709.7, 710, 1e6, -Infinity, Infinity]) {
      expect(exp(x)).toBe(Math.exp(x));
    }
    expect(exp(NaN)).toBeNaN();
    expect(1 / (1 + exp(800))).toBe(0);
    expect(1 / (1 + exp(-800))).toBe(1);
  });
});

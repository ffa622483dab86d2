import { describe, expect, it } from 'vitest';
import extra from '../../test/fixtures/numpy/extra.json';
import { mismatch } from '../../test/fixtures/numpy/load';
import { RandomState } from './random';

describe('RandomState (numpy legacy)', () => {
  it('gives numpy’s first uniforms and Gaussians for seed 0', () => {
    const rng = new RandomState(0);
    expect(rng.randomSample()).toBe(0.5488135039273248);
    expect(rng.randomSample()).toBe(0.7151893663724195);
    expect(rng.randomSample()).toBe(0.6027633760716439);
    rng.seed(0);
    expect(rng.standardNormal()).toBe(1.764052345967664);
    expect(rng.standardNormal()).toBe(0.4001572083672233);
  });

  it('produces numpy’s MT19937 words bit for bit, across the twist', () => {
    for (const { seed, first, around_twist } of extra.words) {
      const rng = new RandomState(seed);
      const words = Array.from({ length: 630 }, () => rng.nextUint32());
      expect(words.slice(0, 5)).toEqual(first);
      expect(words.slice(620, 630)).toEqual(around_twist);
    }
  });

  it('produces numpy’s uniforms bit for bit', () => {
    for (const { seed, first, after_1005 } of extra.uniforms) {
      const rng = new RandomState(seed);
      expect(Array.from({ length: 5 }, () => rng.randomSample())).toEqual(first);
      for (let i = 0; i < 1000; i++) rng.randomSample();
      expect(Array.from({ length: 3 }, () => rng.randomSample())).toEqual(after_1005);
    }
  });

  it('produces numpy’s Gaussians (to a few ulp) and keeps the cached one as numpy does', () => {
    for (const { seed, randn7, state, normal } of extra.gaussians) {
      const rng = new RandomState(seed);
      expect(mismatch(rng.randn(1, 7).data, randn7, 1e-14, 1e-15)).toBeNull();
      const s = rng.getState();
      expect(s.pos).toBe(state.pos);
      expect(s.hasGauss).toBe(state.has_gauss === 1);
      expect(s.gauss).toBeCloseTo(state.gauss, 14);
      expect(rng.normal(2.5, 0.5)).toBeCloseTo(normal, 14);
    }
  });

  it('permutes as numpy’s legacy shuffle does', () => {
    for (const { seed, n, perm, state } of extra.permutations) {
      const rng = new RandomState(seed);
      expect(Array.from(rng.permutation(n))).toEqual(perm);
      expect(rng.getState().pos).toBe(state.pos);
    }
    const big = extra.permutations_big;
    const rng = new RandomState(big.seed);
    const perm = rng.permutation(big.n);
    expect(Array.from(perm.subarray(0, 20))).toEqual(big.first);
    let checksum = 0;
    for (let i = 0; i < perm.length; i++) checksum += i * perm[i];
    expect(checksum).toBe(big.checksum);
    expect(rng.getState().pos).toBe(big.state.pos);
  });

  it('draws uniforms in [0, 1) and Gaussians with the right moments over 1e5 draws', () => {
    const rng = new RandomState(12345);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.randomSample();
      sum += u;
      sumSq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Mean 1/2 and variance 1/12; 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.002);

    sum = 0;
    sumSq = 0;
    for (let i = 0; i < n; i++) {
      const g = rng.standardNormal();
      sum += g;
      sumSq += g * g;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it('re-seeding restarts the stream and clears the cached Gaussian', () => {
    const rng = new RandomState(7);
    const a = rng.standardNormal();
    expect(rng.getState().hasGauss).toBe(true);
    rng.seed(7);
    expect(rng.getState().hasGauss).toBe(false);
    expect(rng.standardNormal()).toBe(a);
  });

  it('draws integers in [0, max] for the whole 32-bit range', () => {
    const rng = new RandomState(3);
    for (const max of [0, 1, 2, 5, 1000, 2 ** 31, 2 ** 32 - 1]) {
      for (let i = 0; i < 50; i++) {
        const v = rng.randomInterval(max);
        expect(Number.isInteger(v) && v >= 0 && v <= max).toBe(true);
      }
    }
  });

  it('draws uniforms in [low, high) bit for bit as numpy’s legacy uniform', () => {
    // /usr/bin/python3 (numpy 1.24.2): rs = RandomState(0); rs.uniform(-1.8, 1.8, size=4);
    // rs.uniform(-1.5, 1.5, size=(1, 2)); rs.uniform(2, 3)
    const rng = new RandomState(0);
    const xor = Array.from({ length: 4 }, () => rng.uniform(-1.8, 1.8));
    expect(xor).toEqual([0.17572861413836915, 0.77468171894071, 0.3699481538579181, 0.16157945878882862]);
    expect([rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)]).toEqual([-0.22903560198328599, 0.43768233919996824]);
    expect(rng.uniform(2, 3)).toBe(2.4375872112626924);
    expect(() => rng.uniform(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(RangeError);
    expect(() => rng.uniform(Number.NaN, 1)).toThrow(RangeError);
  });

  it('rejects seeds outside numpy’s range', () => {
    expect(() => new RandomState(-1)).toThrow(
      /RandomState\.seed: seed must be a whole number from 0 to 4294967295; got -1/,
    );
    expect(() => new RandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new RandomState(1.5)).toThrow(/got 1\.5/);
    expect(() => new RandomState('1' as unknown as number)).toThrow(TypeError);
    expect(() => new RandomState(4294967295)).not.toThrow();
  });
});

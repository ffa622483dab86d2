import { describe, expect, it } from 'vitest';
import { MinMaxDecimator } from './decimate';

/** A deterministic wiggly, decaying series (no Math.random). */
function series(n: number, offset = 0): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = i + offset;
    out[i] = 1 / (1 + j / 50) + 0.05 * Math.sin(j * 0.7) + 0.02 * Math.cos(j * 3.1);
  }
  return out;
}

function growing(values: Float64Array, n: number): Float64Array {
  return values.subarray(0, n);
}

describe('MinMaxDecimator', () => {
  it('keeps every point exactly while under the bucket cap', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    const values = series(64);
    d.update(values);
    const out = d.output();
    expect(d.bucketWidth).toBe(1);
    expect(out.length).toBe(64);
    for (let i = 0; i < 64; i++) {
      expect(out.x[i]).toBe(i);
      expect(out.y[i]).toBe(values[i]);
    }
  });

  it('is exact however the history arrives (one call or many)', () => {
    const values = series(50);
    const once = new MinMaxDecimator({ maxBuckets: 64 });
    once.update(values);
    const pieces = new MinMaxDecimator({ maxBuckets: 64 });
    for (let n = 0; n <= 50; n += 7) pieces.update(growing(values, n));
    pieces.update(values);
    expect(Array.from(pieces.output().y)).toEqual(Array.from(once.output().y));
  });

  it('preserves the min and max of every bucket, with the first and last points', () => {
    const maxBuckets = 32;
    const d = new MinMaxDecimator({ maxBuckets });
    const values = series(10_000);
    d.update(values);
    expect(d.bucketCount).toBeLessThanOrEqual(maxBuckets);
    const w = d.bucketWidth;
    expect(w).toBe(512); // 10,000 / 512 → 20 buckets ≤ 32 < 10,000 / 256
    const out = d.output();
    expect(out.length).toBeLessThanOrEqual(2 * maxBuckets + 2);
    const xs = Array.from(out.x);
    const ys = Array.from(out.y);
    // strictly increasing iterations, each carrying its exact value
    for (let k = 0; k < xs.length; k++) {
      if (k > 0) expect(xs[k]).toBeGreaterThan(xs[k - 1]);
      expect(ys[k]).toBe(values[xs[k]]);
    }
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBe(values.length - 1);
    for (let b = 0; b * w < values.length; b++) {
      const slice = Array.from(values.subarray(b * w, Math.min((b + 1) * w, values.length)));
      const inBucket = ys.filter((_, k) => xs[k] >= b * w && xs[k] < (b + 1) * w);
      expect(Math.min(...inBucket)).toBe(Math.min(...slice));
      expect(Math.max(...inBucket)).toBe(Math.max(...slice));
    }
  });

  it('groups buckets to the requested column width, keeping extremes', () => {
    const d = new MinMaxDecimator({ maxBuckets: 1024 });
    const values = series(1000);
    d.update(values);
    const out = d.output({ columnWidth: 10 }); // 10 iterations per pixel column → groups of 16
    expect(out.length).toBeLessThanOrEqual(2 * Math.ceil(1000 / 16) + 2);
    const ys = Array.from(out.y);
    expect(Math.min(...ys)).toBe(Math.min(...values));
    expect(Math.max(...ys)).toBe(Math.max(...values));
  });

  it('reads each appended value once: work is proportional to the append, not the history', () => {
    const d = new MinMaxDecimator();
    const values = series(101_000);
    d.update(growing(values, 100_000));
    expect(d.processed).toBe(100_000);
    const before = d.processed;
    const read = d.update(values);
    expect(read).toBe(1000);
    expect(d.processed - before).toBe(1000);
    // no new values: nothing read
    expect(d.update(values)).toBe(0);
    expect(d.processed - before).toBe(1000);
    // merges are logarithmic in the history: one per doubling past the cap
    expect(d.merges).toBe(Math.ceil(Math.log2(101_000 / 2048)));
  });

  it('bounds the output by the cap at any history length', () => {
    const d = new MinMaxDecimator({ maxBuckets: 2048 });
    const values = series(300_000);
    for (let n = 0; n <= values.length; n += 25_000) {
      d.update(growing(values, n));
      expect(d.output().length).toBeLessThanOrEqual(2 * 2048 + 2);
    }
  });

  it('resets when the series shrinks (a new run)', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    d.update(series(5000));
    expect(d.bucketWidth).toBeGreaterThan(1);
    const fresh = series(10, 1000);
    d.update(fresh);
    expect(d.consumed).toBe(10);
    expect(d.bucketWidth).toBe(1);
    expect(Array.from(d.output().y)).toEqual(Array.from(fresh));
  });

  it('resets when a new run already grew past the old length', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    d.update(series(20));
    const other = series(30, 7);
    d.update(other);
    expect(Array.from(d.output().y)).toEqual(Array.from(other));
  });

  it('resets on reset()', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    d.update(series(500));
    d.reset();
    expect(d.consumed).toBe(0);
    expect(d.output().length).toBe(0);
  });

  it('skips non-finite values', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    const values = Float64Array.from([0.7, 0.6, NaN, 0.5, Infinity, -Infinity, 0.4, NaN]);
    d.update(values);
    const out = d.output();
    expect(Array.from(out.x)).toEqual([0, 1, 3, 6]);
    expect(Array.from(out.y)).toEqual([0.7, 0.6, 0.5, 0.4]);
    // and all-NaN history draws nothing
    const nan = new MinMaxDecimator({ maxBuckets: 4 });
    nan.update(new Float64Array(100).fill(NaN));
    expect(nan.output().length).toBe(0);
  });

  it('clamps values ≤ 0 to the smallest positive value for a log axis', () => {
    const d = new MinMaxDecimator({ maxBuckets: 64 });
    d.update(Float64Array.from([0.5, 0, 0.25, -1, 0.125]));
    expect(d.smallestPositive).toBe(0.125);
    expect(Array.from(d.output({ clampPositive: true }).y)).toEqual([0.5, 0.125, 0.25, 0.125, 0.125]);
    expect(Array.from(d.output().y)).toEqual([0.5, 0, 0.25, -1, 0.125]);
  });

  it('rejects a cap that is not a power of two', () => {
    expect(() => new MinMaxDecimator({ maxBuckets: 1000 })).toThrow(RangeError);
  });
});

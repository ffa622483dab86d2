import { describe, expect, it } from 'vitest';
import { formatTick } from './cost-plot';

describe('formatTick (linear-axis ticks without Intl)', () => {
  const intl = new Intl.NumberFormat('en-US');

  it('writes what Intl.NumberFormat("en-US") writes for axis splits', () => {
    const values = [
      0,
      1,
      5,
      10,
      100,
      999,
      1000,
      1234,
      20_000,
      100_000,
      1_000_000,
      123_456_789,
      2.5,
      0.1,
      0.2,
      0.25,
      0.5,
      0.05,
      0.001,
      0.0004,
      0.0005,
      0.9995,
      1.0005,
      12.3456,
      69.31,
      1500.5,
      -1,
      -0.5,
      -1500,
      -0.0004,
      1e15,
      2 ** 53,
    ];
    for (const v of values) expect(formatTick(v), String(v)).toBe(intl.format(v));
    // uPlot's splits are sums of increments: floating-point dust formats away
    for (let k = 0; k <= 20; k++) expect(formatTick(k * 0.1)).toBe(intl.format(k * 0.1));
  });

  it('writes nothing for a missing or non-finite split', () => {
    expect(formatTick(null)).toBe('');
    expect(formatTick(Number.NaN)).toBe('');
    expect(formatTick(Number.POSITIVE_INFINITY)).toBe('');
  });
});

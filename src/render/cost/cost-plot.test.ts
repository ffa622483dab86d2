import { describe, expect, it } from 'vitest';
import { costPlotOptions, formatTick } from './cost-plot';

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

describe('costPlotOptions: the axes format their own ticks (uPlot would make an Intl format)', () => {
  const colors = { text: '#000', grid: '#ccc', accent: '#00f', test: '#333', background: '#fff', font: 'sans-serif' };
  const ranges = { rangeLog: () => [0.1, 1] as [number, number], rangeNum: () => [0, 1] as [number, number] };
  const options = (scale: 'linear' | 'log') =>
    costPlotOptions(
      { width: 300, height: 200, scale, perSample: false, colors, xMax: () => 20_000, onCursor: () => {} },
      ranges,
    );
  type Values = (u: unknown, splits: number[]) => string[];

  it('writes the iteration axis and a linear cost axis with grouped thousands', () => {
    const [x, y] = options('linear').axes! as { values: Values }[];
    expect(x.values(null, [0, 5000, 20_000])).toEqual(['0', '5,000', '20,000']);
    expect(y.values(null, [0, 0.2, 0.4, 1200])).toEqual(['0', '0.2', '0.4', '1,200']);
  });

  it('writes a log cost axis in powers of ten', () => {
    const [, y] = options('log').axes! as { values: Values }[];
    expect(y.values(null, [0.01, 0.1, 1, 1e-5])).toEqual(['0.01', '0.1', '1', '1e-5']);
  });
});

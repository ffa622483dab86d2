// The default class colours stay apart for colour-blind readers, in light and in dark mode.
// Deficiencies simulated with Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB;
// distances in OKLab (Björn Ottosson's matrices), where 0.02 is about a just-noticeable step.
import { describe, expect, test } from 'vitest';
import {
  CLASS_SHAPES,
  DARK_CLASS_COLORS,
  describeMarkers,
  isLightText,
  LIGHT_CLASS_COLORS,
  PALETTE_SIZE,
} from './palette';

type Vec3 = [number, number, number];
const SIMULATIONS: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const hexRgb = (hex: string): Vec3 => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Vec3;
const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const apply = (m: number[][], v: Vec3): Vec3 => m.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]) as Vec3;

function oklab(lin: Vec3): Vec3 {
  const lms = apply(
    [
      [0.4122214708, 0.5363325363, 0.0514459929],
      [0.2119034982, 0.6806995451, 0.1073969566],
      [0.0883024619, 0.2817188376, 0.6299787005],
    ],
    lin.map((c) => Math.min(1, Math.max(0, c))) as Vec3,
  ).map(Math.cbrt) as Vec3;
  return apply(
    [
      [0.2104542553, 0.793617785, -0.0040720468],
      [1.9779984951, -2.428592205, 0.4505937099],
      [0.0259040371, 0.7827717876, -0.808675766],
    ],
    lms,
  );
}

/** The smallest OKLab distance between two colours of `palette` as a reader with `m` sees them. */
function closestPair(palette: readonly string[], m: number[][]): number {
  const labs = palette.map((hex) => oklab(apply(m, hexRgb(hex).map(linear) as Vec3)));
  let least = Infinity;
  for (let i = 0; i < labs.length; i++)
    for (let j = i + 1; j < labs.length; j++)
      least = Math.min(least, Math.hypot(...labs[i].map((v, k) => v - labs[j][k])));
  return least;
}

function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, b2] = hexRgb(hex).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('default class palette', () => {
  test('five colours and five shapes, the tutorial’s red and blue first', () => {
    expect(LIGHT_CLASS_COLORS).toHaveLength(PALETTE_SIZE);
    expect(DARK_CLASS_COLORS).toHaveLength(PALETTE_SIZE);
    expect(CLASS_SHAPES).toHaveLength(PALETTE_SIZE);
    expect(LIGHT_CLASS_COLORS.slice(0, 2)).toEqual(['#d62728', '#1f77b4']);
  });

  for (const [name, palette] of [
    ['light', LIGHT_CLASS_COLORS],
    ['dark', DARK_CLASS_COLORS],
  ] as const) {
    for (const [vision, m] of Object.entries(SIMULATIONS)) {
      test(`${name}: every pair of classes stays apart with ${vision}`, () => {
        expect(closestPair(palette, m)).toBeGreaterThanOrEqual(0.07);
      });
    }
  }

  test('the dark palette reads on dark backgrounds (≥ 4.5:1)', () => {
    for (const background of ['#16181d', '#0f141a', '#000000']) {
      for (const color of DARK_CLASS_COLORS) expect(contrast(color, background), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('light text means a dark background', () => {
    expect(isLightText([0.9, 0.93, 0.95])).toBe(true);
    expect(isLightText([0.12, 0.14, 0.16])).toBe(false);
    expect(isLightText([0.5, 0.5, 0.5])).toBe(false);
  });
});

describe('describeMarkers', () => {
  test('names a shape per class and the hollow test points', () => {
    expect(describeMarkers(2, 0)).toBe('stars are class 0, circles class 1');
    expect(describeMarkers(5, 30)).toBe(
      'stars are class 0, circles class 1, squares class 2, triangles class 3, diamonds class 4; the 30 test points are hollow',
    );
  });
});

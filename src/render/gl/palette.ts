// The default class colours, for light and for dark backgrounds. Pure data (no DOM), so the
// palette test checks them in Node under simulated colour-vision deficiencies.
//
// Light: classes 0 and 1 keep the tutorial's matplotlib red and blue (a pair that stays apart
// for every deficiency); classes 2–4 are Okabe–Ito's bluish green and orange and Paul Tol's
// purple, chosen so that every pair stays apart under protanopia, deuteranopia and tritanopia
// (Machado 2009, severity 1): OKLab distance ≥ 0.07 between any two. Dark: lighter tints of the
// same hues, each ≥ 5:1 against a dark page (#16181d), pairs ≥ 0.07 apart likewise.

/** The most classes the views draw (the shaders hold five logits). */
export const PALETTE_SIZE = 5;

/** Default class colours on a light background: red, blue, green, orange, purple. */
export const LIGHT_CLASS_COLORS: readonly string[] = ['#d62728', '#1f77b4', '#009e73', '#e69f00', '#aa3377'];

/** Default class colours on a dark background (light text): the same hues, lighter. */
export const DARK_CLASS_COLORS: readonly string[] = ['#ff8a80', '#3d9bff', '#8ae8cc', '#f4d371', '#e94fb8'];

/** Marker shape names by class, for labels: the GLSL and canvas paths draw them in this order. */
export const CLASS_SHAPES: readonly string[] = ['stars', 'circles', 'squares', 'triangles', 'diamonds'];

/**
 * Whether a text colour (straight RGB in [0, 1]) reads as light, i.e. it sits on a dark
 * background: relative luminance above 0.4 (WCAG's formula).
 */
export function isLightText(rgb: readonly number[]): boolean {
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]) > 0.4;
}

/**
 * How the markers tell the classes apart, for a view's accessible description: "stars are
 * class 0, circles class 1" for two classes, up to diamonds for class 4; test rows hollow.
 */
export function describeMarkers(classes: number, testRows: number): string {
  const C = Math.max(2, Math.min(PALETTE_SIZE, Math.round(classes) || 2));
  const parts = CLASS_SHAPES.slice(0, C).map((shape, k) => (k === 0 ? `${shape} are class 0` : `${shape} class ${k}`));
  return `${parts.join(', ')}${testRows > 0 ? `; the ${testRows} test points are hollow` : ''}`;
}

// Colours of the views as bytes, to classify read-back pixels. DOM-free and framework-free:
// the browser tests, the e2e specs (in Node) and the benches all use it.

export type Rgb = readonly [number, number, number];

/** Index of the palette colour nearest to `rgba`'s colour (alpha ignored). */
export function nearestColor(rgba: readonly number[], palette: readonly Rgb[]): number {
  let best = -1;
  let bestDistance = Infinity;
  palette.forEach((c, k) => {
    const d = (rgba[0] - c[0]) ** 2 + (rgba[1] - c[1]) ** 2 + (rgba[2] - c[2]) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  });
  return best;
}

/** The default class colours, #d62728 and #1f77b4, as bytes. */
export const CLASS_RGB: readonly Rgb[] = [
  [0xd6, 0x27, 0x28],
  [0x1f, 0x77, 0xb4],
];

/** All five default class colours on a light background (src/render/gl/palette.ts), as bytes. */
export const CLASS_RGB_5: readonly Rgb[] = [...CLASS_RGB, [0x00, 0x9e, 0x73], [0xe6, 0x9f, 0x00], [0xaa, 0x33, 0x77]];

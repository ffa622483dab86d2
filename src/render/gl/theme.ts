// Colours the views read from CSS custom properties on their host, as straight-alpha RGBA in
// [0, 1] for the shaders. Parsing goes through a 1×1 2-D canvas, so every CSS colour syntax the
// browser knows works (names, hex, rgb(), hsl(), oklch() ...).

import { DARK_CLASS_COLORS, isLightText, LIGHT_CLASS_COLORS } from './palette';

/** Straight (non-premultiplied) RGBA, each in [0, 1]. */
export type Rgba = readonly [number, number, number, number];

/** The light-background defaults (see palette.ts; dark text picks DARK_CLASS_COLORS). */
export const DEFAULT_CLASS_COLORS: readonly string[] = LIGHT_CLASS_COLORS;
const DEFAULT_TEXT: Rgba = [0.13, 0.13, 0.13, 1];

export interface ViewTheme {
  /**
   * five class colours, from `--bp-class-0-color` … `--bp-class-4-color`; unset ones default to
   * the light palette, or to the dark one when the text colour is light (a dark background)
   */
  classColors: readonly Rgba[];
  /** the host's resolved `color` (the styles set it from `--bp-text-color`) */
  text: Rgba;
}

let probe: CanvasRenderingContext2D | null | undefined;
const themeKeys = new WeakMap<ViewTheme, string>();
const parsed = new Map<string, Rgba | null>();

/** Parses one CSS colour; null when the browser does not accept it. */
export function parseCssColor(text: string): Rgba | null {
  const key = text.trim();
  if (!key) return null;
  const cached = parsed.get(key);
  if (cached !== undefined) return cached;
  if (probe === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    probe = canvas.getContext('2d', { willReadFrequently: true });
  }
  let result: Rgba | null = null;
  if (probe) {
    // an invalid value leaves fillStyle unchanged: try it after two different sentinels
    probe.fillStyle = '#000';
    probe.fillStyle = key;
    const first = probe.fillStyle;
    probe.fillStyle = '#fff';
    probe.fillStyle = key;
    if (probe.fillStyle === first) {
      probe.clearRect(0, 0, 1, 1);
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      result = [r / 255, g / 255, b / 255, a / 255];
    }
  }
  if (parsed.size > 256) parsed.clear();
  parsed.set(key, result);
  return result;
}

/**
 * Reads the theme from computed style. Returns `previous` itself when nothing changed, so a
 * renderer can skip re-uploading colours by comparing identities.
 */
export function readTheme(host: Element, previous?: ViewTheme): ViewTheme {
  const style = getComputedStyle(host);
  const raw = DEFAULT_CLASS_COLORS.map((_, k) => style.getPropertyValue(`--bp-class-${k}-color`).trim());
  const textRaw = style.color;
  const key = `${raw.join('|')}|${textRaw}`;
  if (previous && themeKeys.get(previous) === key) return previous;
  const text = parseCssColor(textRaw) ?? DEFAULT_TEXT;
  const defaults = isLightText(text) ? DARK_CLASS_COLORS : LIGHT_CLASS_COLORS;
  const theme: ViewTheme = {
    classColors: raw.map((value, k) => parseCssColor(value) ?? parseCssColor(defaults[k]) ?? [0.5, 0.5, 0.5, 1]),
    text,
  };
  themeKeys.set(theme, key);
  return theme;
}

/** Class colours 0–3 as the columns of a column-major mat4 (shaders compute Σ p_k·colour_k). */
export function classColorMatrix(theme: ViewTheme, out: Float32Array = new Float32Array(16)): Float32Array {
  for (let k = 0; k < 4; k++) out.set(theme.classColors[k], 4 * k);
  return out;
}

export function rgbaArray(color: Rgba, alpha = color[3], out: Float32Array = new Float32Array(4)): Float32Array {
  out[0] = color[0];
  out[1] = color[1];
  out[2] = color[2];
  out[3] = alpha;
  return out;
}

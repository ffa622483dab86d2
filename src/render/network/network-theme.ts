// The diagram's colours, read from CSS custom properties on its host (never per frame):
// `--bp-low-color` (a unit's value 0) and `--bp-high-color` (1) of the diverging scale, whose
// neutral middle (0.5) is transparent so the page's own background shows; the links' and
// biases' sign colours `--bp-negative-weight-color` and `--bp-positive-weight-color` (default
// the low and high colours); `--bp-background` behind the enlarged map.
import { parseCssColor, type Rgba } from '../gl/theme';
import type { NetworkColors } from './network-scene';

/** TensorFlow Playground's orange and blue. */
export const DEFAULT_LOW_COLOR = '#f59322';
export const DEFAULT_HIGH_COLOR = '#0877bd';

const keys = new WeakMap<NetworkColors, string>();

function color(value: string, fallback: Rgba): Rgba {
  return parseCssColor(value) ?? fallback;
}

/** Reads the colours; returns `previous` itself when nothing changed. */
export function readNetworkColors(host: Element, previous?: NetworkColors): NetworkColors {
  const style = getComputedStyle(host);
  const read = (name: string): string => style.getPropertyValue(name).trim();
  const raw = [
    read('--bp-low-color'),
    read('--bp-high-color'),
    read('--bp-negative-weight-color'),
    read('--bp-positive-weight-color'),
    style.color,
    read('--bp-background'),
  ];
  const key = raw.join('|');
  if (previous && keys.get(previous) === key) return previous;
  const low = color(raw[0], parseCssColor(DEFAULT_LOW_COLOR) ?? [0.96, 0.58, 0.13, 1]);
  const high = color(raw[1], parseCssColor(DEFAULT_HIGH_COLOR) ?? [0.03, 0.47, 0.74, 1]);
  const colors: NetworkColors = {
    low,
    high,
    negative: color(raw[2], low),
    positive: color(raw[3], high),
    text: color(raw[4], [0.13, 0.13, 0.13, 1]),
    background: color(raw[5], parseCssColor('Canvas') ?? [1, 1, 1, 1]),
  };
  keys.set(colors, key);
  return colors;
}

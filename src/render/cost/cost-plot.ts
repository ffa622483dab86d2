// The cost curve's uPlot set-up and number formats, kept out of the element: one function
// builds the chart's options from the scale and resolved colours. uPlot itself is only a type
// here: the element loads it with the chart (uplot-cost-plot.ts), after the first paint.
import type uPlot from 'uplot';

export type CostScale = 'linear' | 'log';

/** "12.345", "0.69315", "1.2346e-7": five significant digits, no trailing zeros. */
export function formatCost(value: number): string {
  return String(Number(value.toPrecision(5)));
}

/** Log-axis ticks: "0.5", "0.01", "1e-5". */
function formatLogTick(value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(0);
}

/**
 * Linear-axis ticks as `Intl.NumberFormat('en-US')` writes them ("20,000", "0.25", "-1.5": at
 * most three decimals, thousands grouped), without Intl: a page's first Intl format costs 50–75
 * ms of one task on a cold start-up (ICU's set-up), and the chart would be its only user.
 */
export function formatTick(value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  // rounded half away from zero on the shortest decimal text, as ICU does (1.0005 → 1.001)
  const thousandths = Math.round(Number(`${abs}e3`));
  const rounded = abs < 5e-4 ? 0 : Number.isFinite(thousandths) ? Number(`${thousandths}e-3`) : abs;
  const [whole, decimals] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${decimals === undefined ? '' : `.${decimals}`}`;
}

function finite(min: number | null, max: number | null): min is number {
  return min != null && max != null && Number.isFinite(min) && Number.isFinite(max);
}

/** Canvas strokes need resolved colours, not var(): the element reads these from CSS. */
export interface PlotColors {
  text: string;
  grid: string;
  accent: string;
  /** the test-cost series (dashed) */
  test: string;
  background: string;
  font: string;
}

/**
 * The chart's colours, resolved: each `.probe-<name>` element under `root` has its colour set
 * from a theme token (text, muted, accent, background), and `host` gives the font.
 */
export function readPlotColors(root: ParentNode, host: Element): PlotColors {
  const probe = (name: string): string => {
    const el = root.querySelector(`.probe-${name}`);
    return el ? getComputedStyle(el).color : '';
  };
  const muted = probe('muted') || '#59636e';
  return {
    text: probe('text') || '#1f2328',
    grid: withAlpha(muted, 0.25),
    accent: probe('accent') || '#0860c6',
    test: probe('test') || probe('text') || '#1f2328',
    background: probe('background') || '#ffffff',
    font: getComputedStyle(host).fontFamily || 'sans-serif',
  };
}

/** "rgb(89, 99, 110)" → "rgba(89, 99, 110, 0.25)"; other syntaxes are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : color;
}

export interface CostPlotSetup {
  width: number;
  height: number;
  scale: CostScale;
  /** the costs are divided by their row counts (the axis title says so) */
  perSample: boolean;
  colors: PlotColors;
  /** the x axis spans [0, xMax()], read at every redraw */
  xMax(): number;
  /** the pointer moved over the plot (or left it: cursor.left < 0) */
  onCursor(plot: uPlot): void;
  /** drawn over the series each redraw (the pinned runs' ghost lines) */
  onDraw?(plot: uPlot): void;
  /** values beyond the series the y axis must also span (the ghosts'), or null */
  yExtent?(): { min: number; max: number; minPositive: number } | null;
}

/** Dash patterns of pinned runs' ghost lines, one per pin (CSS px). */
export const GHOST_DASHES: readonly (readonly number[])[] = [
  [6, 3],
  [2, 3],
  [8, 3, 2, 3],
  [12, 4],
  [1, 2],
];

export function costPlotOptions(
  { width, height, scale, perSample, colors, xMax, onCursor, onDraw, yExtent }: CostPlotSetup,
  /** uPlot's range helpers (the chart's module hands them: uPlot is not loaded with this one) */
  ranges: Pick<typeof uPlot, 'rangeLog' | 'rangeNum'>,
): uPlot.Options {
  const log = scale === 'log';
  // the series' range widened to the ghosts'
  const widen = (min: number | null, max: number | null, positive: boolean): [number, number] => {
    const lo = min ?? Number.NaN;
    const hi = max ?? Number.NaN;
    const extra = yExtent?.();
    const low = extra ? (positive ? extra.minPositive : extra.min) : Number.NaN;
    if (!extra || !Number.isFinite(low) || !Number.isFinite(extra.max)) return [lo, hi];
    return [Number.isFinite(lo) ? Math.min(lo, low) : low, Number.isFinite(hi) ? Math.max(hi, extra.max) : extra.max];
  };
  const font = `12px ${colors.font}`;
  const labelFont = `bold 12px ${colors.font}`;
  const axis = (label: string): uPlot.Axis => ({
    label,
    stroke: colors.text,
    font,
    labelFont,
    labelSize: 18,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1, size: 4 },
  });
  const xAxis = axis('iteration');
  xAxis.size = 30;
  xAxis.values = (_u, splits) => splits.map(formatTick);
  const yAxis = axis(perSample ? 'cost per sample' : 'cost');
  yAxis.values = (_u, splits) => splits.map(log ? formatLogTick : formatTick);
  // wide enough for the longest tick label (≈ 7px per character at 12px)
  yAxis.size = (_u, values) => {
    const longest = values ? values.reduce((n, v) => Math.max(n, String(v ?? '').length), 0) : 4;
    return Math.ceil(16 + 7 * Math.max(3, longest));
  };
  return {
    width,
    height,
    legend: { show: false },
    cursor: {
      y: false,
      points: { show: false },
      drag: { x: false, y: false, setScale: false },
    },
    scales: {
      x: { time: false, range: () => [0, xMax()] },
      // With no data uPlot would leave y unranged (and its axis blank): frame [0, 1] instead.
      y: log
        ? {
            distr: 3,
            log: 10,
            range: (_u, min0, max0) => {
              const [min, max] = widen(min0, max0, true);
              return finite(min, max) ? ranges.rangeLog(min, max, 10, false) : [0.1, 1];
            },
          }
        : {
            distr: 1,
            range: (_u, min0, max0) => {
              const [min, max] = widen(min0, max0, false);
              return finite(min, max) ? ranges.rangeNum(min, max, 0.1, true) : [0, 1];
            },
          },
    },
    // the test series is null where only the training series has a decimated point: spanGaps
    // joins its line across those
    series: [
      { label: 'iteration' },
      { label: 'training cost', stroke: colors.accent, width: 1.5, points: { show: false } },
      {
        label: 'test cost',
        stroke: colors.test,
        width: 1.5,
        dash: [5, 3],
        spanGaps: true,
        points: { show: false },
      },
    ],
    axes: [xAxis, yAxis],
    hooks: { setCursor: [onCursor], ...(onDraw ? { draw: [onDraw] } : {}) },
  };
}

/**
 * Where a key moves the keyboard cursor over iterations 0 … n−1: ← → one iteration, with Shift
 * a tenth of the run; Home and End the first and last. `from` −1 (no cursor yet) starts at the
 * latest iteration, which the readout shows then. Null for other keys, or with no iterations.
 */
export function moveCursor(from: number, n: number, key: string, shift: boolean): number | null {
  if (n === 0) return null;
  const at = from >= 0 && from < n ? from : n - 1;
  const step = shift ? Math.max(1, Math.round(n / 10)) : 1;
  let next: number;
  switch (key) {
    case 'ArrowLeft':
      next = at - step;
      break;
    case 'ArrowRight':
      next = at + step;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = n - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(n - 1, next));
}

/**
 * Two decimated series (x strictly increasing in each) on one x column, as uPlot's aligned data
 * wants: the union of the iterations, each series null where it has no point. The test series
 * may be empty (no test set).
 */
export function alignSeries(
  a: { x: Float64Array; y: Float64Array; length: number },
  b: { x: Float64Array; y: Float64Array; length: number },
  scaleA = 1,
  scaleB = 1,
): [number[], (number | null)[], (number | null)[]] {
  const x: number[] = [];
  const ya: (number | null)[] = [];
  const yb: (number | null)[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const xa = i < a.length ? a.x[i] : Infinity;
    const xb = j < b.length ? b.x[j] : Infinity;
    const at = Math.min(xa, xb);
    x.push(at);
    ya.push(xa === at ? a.y[i++] * scaleA : null);
    yb.push(xb === at ? b.y[j++] * scaleB : null);
  }
  return [x, ya, yb];
}

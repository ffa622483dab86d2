// The network on numpy's decision-plane grid, on the CPU: the fallback map's read-back and the
// reference the shader is tested against. The forward pass is the core's `nn` (display only;
// no training code reaches the page).
import { nn } from '../../core/network';
import type { Matrix, Params, Shape } from '../../core/types';

/** D, H and C read off the parameter matrices (Wh D×H, Wo H×C). */
export function paramsShape(params: Params): Shape {
  return { inputs: params.Wh.rows, hidden: params.Wh.cols, classes: params.Wo.cols };
}

/** The n sample positions of numpy's `linspace(lo, hi, n)`. */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) out[0] = lo;
  else for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/** Class probabilities on an n×n grid over [lo, hi]², and the argmax class of each cell. */
export interface ProbabilityGrid {
  /** cells per side */
  n: number;
  /** P(class 0) per cell, n×n row-major; row i is y = linspace(lo, hi, n)[i], column j is x */
  p0: Float32Array;
  /** the predicted (argmax, first on a tie) class of each cell, same layout */
  predicted: Uint8Array;
}

/** The points (xs[j], ys[i]) row by row, as an (rows·cols)×2 matrix: np.meshgrid order. */
export function gridPoints(xs: Float64Array, ys: Float64Array): Matrix {
  const data = new Float64Array(2 * xs.length * ys.length);
  let k = 0;
  for (const y of ys) {
    for (const x of xs) {
      data[k++] = x;
      data[k++] = y;
    }
  }
  return { rows: xs.length * ys.length, cols: 2, data };
}

/** Evaluates the network on `np.meshgrid(linspace(lo, hi, n), linspace(lo, hi, n))`. D = 2. */
export function probabilityGrid(params: Params, n: number, lo = -2, hi = 2): ProbabilityGrid {
  const axis = linspace(lo, hi, n);
  const Y = nn(gridPoints(axis, axis), params);
  const C = Y.cols;
  const p0 = new Float32Array(n * n);
  const predicted = new Uint8Array(n * n);
  for (let k = 0; k < n * n; k++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (Y.data[k * C + c] > Y.data[k * C + best]) best = c;
    p0[k] = Y.data[k * C];
    predicted[k] = best;
  }
  return { n, p0, predicted };
}

// Backpropagation, one function per step of the tutorial, plus `backpropGradients` which runs
// them all (through the fused kernel the trainer uses; the steps below sum in the same order,
// so composing them gives the same bits).
//
// With the summed cross-entropy ξ and softmax outputs, ∂ξ/∂Zo = Y − T, which is why the
// output error needs no softmax derivative.
import { checkData, checkParams, checkRows, checkShape, plural } from './errors';
import { backward, forwardHidden, forwardOutput } from './kernels';
import type { Matrix, Params } from './types';
import { createWorkspace, gradientParams, workspaceSizes } from './workspace';

/** Tutorial `error_output`: Eo = ∂ξ/∂Zo = Y − T (N×C). */
export function errorOutput(Y: Matrix, T: Matrix): Matrix {
  checkData('errorOutput', 'Y', Y);
  checkData('errorOutput', 'T', T);
  checkShape('errorOutput', 'T', T, Y.rows, Y.cols, 'to match Y');
  const out = new Float64Array(Y.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Y.data[i] - T.data[i];
  return { rows: Y.rows, cols: Y.cols, data: out };
}

/** Tutorial `gradient_weight_out`: ∂ξ/∂Wo = Hᵀ·Eo. H N×H, Eo N×C → H×C. */
export function gradientWeightOut(H: Matrix, Eo: Matrix): Matrix {
  checkData('gradientWeightOut', 'H', H);
  checkData('gradientWeightOut', 'Eo', Eo);
  checkRows('gradientWeightOut', 'Eo', Eo, H.rows, `to match H's ${plural(H.rows, 'row')}`);
  return transposeTimes(H, Eo);
}

/** Tutorial `gradient_bias_out`: ∂ξ/∂bo = Σₙ Eo (column sums, 1×C). */
export function gradientBiasOut(Eo: Matrix): Matrix {
  checkData('gradientBiasOut', 'Eo', Eo);
  return columnSums(Eo);
}

/**
 * Tutorial `error_hidden`: Eh = ∂ξ/∂Zh = H ⊙ (1 − H) ⊙ (Eo·Woᵀ), using σ'(z) = σ(z)(1 − σ(z)).
 * H N×H, Wo H×C, Eo N×C → N×H.
 */
export function errorHidden(H: Matrix, Wo: Matrix, Eo: Matrix): Matrix {
  const fn = 'errorHidden';
  checkData(fn, 'H', H);
  checkData(fn, 'Wo', Wo);
  checkData(fn, 'Eo', Eo);
  checkRows(fn, 'Wo', Wo, H.cols, `to match H's ${plural(H.cols, 'column')}`);
  checkShape(
    fn,
    'Eo',
    Eo,
    H.rows,
    Wo.cols,
    `to match H's ${plural(H.rows, 'row')} and Wo's ${plural(Wo.cols, 'column')}`,
  );
  const n = H.rows;
  const nh = H.cols;
  const c = Wo.cols;
  const out = new Float64Array(n * nh);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nh; j++) {
      let s = 0;
      for (let k = 0; k < c; k++) s += Eo.data[i * c + k] * Wo.data[j * c + k];
      const hv = H.data[i * nh + j];
      out[i * nh + j] = hv * (1 - hv) * s;
    }
  }
  return { rows: n, cols: nh, data: out };
}

/** Tutorial `gradient_weight_hidden`: ∂ξ/∂Wh = Xᵀ·Eh. X N×D, Eh N×H → D×H. */
export function gradientWeightHidden(X: Matrix, Eh: Matrix): Matrix {
  checkData('gradientWeightHidden', 'X', X);
  checkData('gradientWeightHidden', 'Eh', Eh);
  checkRows('gradientWeightHidden', 'Eh', Eh, X.rows, `to match X's ${plural(X.rows, 'row')}`);
  return transposeTimes(X, Eh);
}

/** Tutorial `gradient_bias_hidden`: ∂ξ/∂bh = Σₙ Eh (column sums, 1×H). */
export function gradientBiasHidden(Eh: Matrix): Matrix {
  checkData('gradientBiasHidden', 'Eh', Eh);
  return columnSums(Eh);
}

/**
 * Tutorial `backprop_gradients`: the gradients of the summed cost ξ with respect to every
 * parameter, keyed like the parameters (`Wh` holds ∂ξ/∂Wh, D×H, and so on).
 */
export function backpropGradients(X: Matrix, T: Matrix, params: Params): Params {
  const fn = 'backpropGradients';
  checkData(fn, 'X', X);
  checkData(fn, 'T', T);
  checkRows(fn, 'T', T, X.rows, `to match X's ${plural(X.rows, 'row')}`);
  const shape = checkParams(fn, params, {
    count: X.cols,
    what: `X's ${plural(X.cols, 'column')}`,
  });
  const c = shape.classes;
  checkShape(fn, 'T', T, X.rows, c, `to match X's ${plural(X.rows, 'row')} and params.Wo's ${plural(c, 'column')}`);
  const ws = createWorkspace(workspaceSizes(X.rows, shape), { X: X.data, T: T.data });
  forwardHidden(ws, params);
  forwardOutput(ws, params);
  backward(ws, params);
  return gradientParams(ws);
}

/** Aᵀ·B for A N×P, B N×Q → P×Q, summing over n in ascending order (row-major friendly). */
function transposeTimes(A: Matrix, B: Matrix): Matrix {
  const p = A.cols;
  const q = B.cols;
  const out = new Float64Array(p * q);
  for (let i = 0; i < A.rows; i++) {
    for (let a = 0; a < p; a++) {
      const av = A.data[i * p + a];
      for (let b = 0; b < q; b++) out[a * q + b] += av * B.data[i * q + b];
    }
  }
  return { rows: p, cols: q, data: out };
}

/** Σ over rows: N×Q → 1×Q. */
function columnSums(M: Matrix): Matrix {
  const out = new Float64Array(M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[j] += M.data[i * M.cols + j];
  return { rows: 1, cols: M.cols, data: out };
}

// The forward pass and the cost, named as in the tutorial. Each function checks its arguments
// and allocates its result; the trainer runs the same kernels on preallocated buffers.
import { checkData, checkInteger, checkParams, checkRows, checkShape, describe, plural } from './errors';
import { accuracyOf, argmaxRows, crossEntropy, forwardHidden, forwardOutput } from './kernels';
import type { Matrix, Params } from './types';

/** Tutorial `hidden_activations`: H = σ(X·Wh + bh). X N×D, Wh D×H, bh 1×H → H N×H. */
export function hiddenActivations(X: Matrix, Wh: Matrix, bh: Matrix): Matrix {
  const fn = 'hiddenActivations';
  checkData(fn, 'X', X);
  checkData(fn, 'Wh', Wh);
  checkData(fn, 'bh', bh);
  checkRows(fn, 'Wh', Wh, X.cols, `to match X's ${plural(X.cols, 'column')}`);
  checkShape(fn, 'bh', bh, 1, Wh.cols, `to match Wh's ${plural(Wh.cols, 'column')}`);
  const out = new Float64Array(X.rows * Wh.cols);
  forwardHidden(X.data, X.rows, X.cols, Wh.data, bh.data, Wh.cols, out);
  return { rows: X.rows, cols: Wh.cols, data: out };
}

/** Tutorial `output_activations`: Y = softmax(H·Wo + bo). H N×H, Wo H×C, bo 1×C → Y N×C. */
export function outputActivations(H: Matrix, Wo: Matrix, bo: Matrix): Matrix {
  const fn = 'outputActivations';
  checkData(fn, 'H', H);
  checkData(fn, 'Wo', Wo);
  checkData(fn, 'bo', bo);
  checkRows(fn, 'Wo', Wo, H.cols, `to match H's ${plural(H.cols, 'column')}`);
  checkShape(fn, 'bo', bo, 1, Wo.cols, `to match Wo's ${plural(Wo.cols, 'column')}`);
  const out = new Float64Array(H.rows * Wo.cols);
  forwardOutput(H.data, H.rows, H.cols, Wo.data, bo.data, Wo.cols, out);
  return { rows: H.rows, cols: Wo.cols, data: out };
}

function forward(
  fn: string,
  X: Matrix,
  params: Params,
): { H: Float64Array; Y: Float64Array; hidden: number; classes: number } {
  checkData(fn, 'X', X);
  const { hidden, classes } = checkParams(fn, params, { count: X.cols, what: `X's ${plural(X.cols, 'column')}` });
  const H = new Float64Array(X.rows * hidden);
  const Y = new Float64Array(X.rows * classes);
  forwardHidden(X.data, X.rows, X.cols, params.Wh.data, params.bh.data, hidden, H);
  forwardOutput(H, X.rows, hidden, params.Wo.data, params.bo.data, classes, Y);
  return { H, Y, hidden, classes };
}

/** Tutorial `nn`: the class probabilities Y (N×C) for the inputs X (N×D). */
export function nn(X: Matrix, params: Params): Matrix {
  const { Y, classes } = forward('nn', X, params);
  return { rows: X.rows, cols: classes, data: Y };
}

/**
 * Predicted class per row: the index of the largest probability (the first on a tie).
 *
 * The tutorial's `nn_predict` is `np.around(nn(X))`, a one-hot row per sample. For two classes
 * the two agree everywhere except an exact tie p = (0.5, 0.5): np.around rounds half to even,
 * so it gives (0, 0), no class at all, while argmax picks class 0. For more than two classes
 * np.around can give all zeros whenever no probability exceeds 0.5; argmax always picks one.
 */
export function nnPredict(X: Matrix, params: Params): Int32Array {
  const { Y, classes } = forward('nnPredict', X, params);
  const out = new Int32Array(X.rows);
  argmaxRows(Y, X.rows, classes, out);
  return out;
}

/**
 * Tutorial `cost`: ξ = −Σ T ⊙ log(Y), summed over all N×C entries (not averaged). Only
 * entries with T ≠ 0 are summed, so a zero probability where the target is zero is finite
 * (numpy would give 0·log 0 = NaN). A zero probability where T ≠ 0 costs +∞.
 */
export function cost(Y: Matrix, T: Matrix): number {
  checkData('cost', 'Y', Y);
  checkData('cost', 'T', T);
  checkShape('cost', 'T', T, Y.rows, Y.cols, 'to match Y');
  return crossEntropy(Y.data, T.data, Y.data.length);
}

/** Fraction of rows of Y (N×C) whose argmax is the class in t (N class indices). */
export function accuracy(Y: Matrix, t: Int32Array): number {
  checkData('accuracy', 'Y', Y);
  if (!(t instanceof Int32Array))
    throw new TypeError(`accuracy: t must be an Int32Array of class indices; got ${describe(t)}`);
  if (t.length !== Y.rows) {
    throw new RangeError(
      `accuracy: t must hold ${Y.rows} class indices to match Y's ${plural(Y.rows, 'row')}; got ${t.length}`,
    );
  }
  for (let i = 0; i < t.length; i++) checkInteger('accuracy', `t[${i}]`, t[i], 0, Y.cols - 1);
  return accuracyOf(Y.data, Y.rows, Y.cols, t);
}

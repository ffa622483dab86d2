// The forward pass and the cost, named as in the tutorial. Each function checks its arguments
// and runs the kernels in a workspace of its own (its result is the workspace's buffer); the
// trainer runs the same kernels in one workspace for the whole run.
import { checkData, checkInteger, checkParams, checkRows, checkShape, describe, plural } from './errors';
import { accuracyOf, argmaxRows, crossEntropy, forwardHidden, forwardOutput } from './kernels';
import type { Matrix, Params } from './types';
import { createWorkspace, workspaceSizes } from './workspace';
import type { Workspace } from './workspace';

/** Tutorial `hidden_activations`: H = σ(X·Wh + bh). X N×D, Wh D×H, bh 1×H → H N×H. */
export function hiddenActivations(X: Matrix, Wh: Matrix, bh: Matrix): Matrix {
  const fn = 'hiddenActivations';
  checkData(fn, 'X', X);
  checkData(fn, 'Wh', Wh);
  checkData(fn, 'bh', bh);
  checkRows(fn, 'Wh', Wh, X.cols, `to match X's ${plural(X.cols, 'column')}`);
  checkShape(fn, 'bh', bh, 1, Wh.cols, `to match Wh's ${plural(Wh.cols, 'column')}`);
  // classes 0: this call stops at the hidden layer.
  const ws = createWorkspace({ samples: X.rows, inputs: X.cols, hidden: Wh.cols, classes: 0 }, { X: X.data });
  forwardHidden(ws, { Wh, bh });
  return { rows: X.rows, cols: Wh.cols, data: ws.hiddenActivations };
}

/** Tutorial `output_activations`: Y = softmax(H·Wo + bo). H N×H, Wo H×C, bo 1×C → Y N×C. */
export function outputActivations(H: Matrix, Wo: Matrix, bo: Matrix): Matrix {
  const fn = 'outputActivations';
  checkData(fn, 'H', H);
  checkData(fn, 'Wo', Wo);
  checkData(fn, 'bo', bo);
  checkRows(fn, 'Wo', Wo, H.cols, `to match H's ${plural(H.cols, 'column')}`);
  checkShape(fn, 'bo', bo, 1, Wo.cols, `to match Wo's ${plural(Wo.cols, 'column')}`);
  // inputs 0: this call starts from the given hidden activations.
  const sizes = { samples: H.rows, inputs: 0, hidden: H.cols, classes: Wo.cols };
  const ws = createWorkspace(sizes, { hiddenActivations: H.data });
  forwardOutput(ws, { Wo, bo });
  return { rows: H.rows, cols: Wo.cols, data: ws.outputActivations };
}

/** The forward pass of X through the network, in a new workspace (no targets). */
function forward(fn: string, X: Matrix, params: Params): Workspace {
  checkData(fn, 'X', X);
  const shape = checkParams(fn, params, { count: X.cols, what: `X's ${plural(X.cols, 'column')}` });
  const ws = createWorkspace(workspaceSizes(X.rows, shape), { X: X.data });
  forwardHidden(ws, params);
  forwardOutput(ws, params);
  return ws;
}

/** Tutorial `nn`: the class probabilities Y (N×C) for the inputs X (N×D). */
export function nn(X: Matrix, params: Params): Matrix {
  const ws = forward('nn', X, params);
  return { rows: X.rows, cols: ws.classes, data: ws.outputActivations };
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
  const ws = forward('nnPredict', X, params);
  const out = new Int32Array(X.rows);
  argmaxRows(ws, out);
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
  return crossEntropy(outputsOnly(Y, { T: T.data }));
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
  return accuracyOf(outputsOnly(Y), t);
}

/** A workspace around given class probabilities Y (N×C): no inputs, no hidden layer. */
function outputsOnly(Y: Matrix, bound: { T?: Float64Array } = {}): Workspace {
  const sizes = { samples: Y.rows, inputs: 0, hidden: 0, classes: Y.cols };
  return createWorkspace(sizes, { ...bound, outputActivations: Y.data });
}

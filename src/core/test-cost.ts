// The cost and accuracy on the held-out test rows, for the current parameters: a forward pass
// over the test rows on buffers allocated once, so the worker can call it after every update.
import { checkData, checkInteger, checkShape, describe, plural } from './errors';
import { accuracyOf, crossEntropy, forwardHidden, forwardOutput } from './kernels';
import { paramCount, viewParams } from './params';
import type { Matrix, Params, Shape } from './types';
import { createWorkspace, workspaceSizes, type Workspace } from './workspace';

/** Measures parameters on a fixed set of rows; see createTestEvaluator. */
export interface TestEvaluator {
  /** the number of test rows n */
  readonly rows: number;
  readonly shape: Shape;
  /** ξ = −Σ T ⊙ log(Y) summed over the test rows, for the last parameters evaluated (NaN before) */
  readonly cost: number;
  /** fraction of test rows whose argmax class is right, for the last parameters evaluated (NaN before) */
  readonly accuracy: number;
  /** Evaluates the parameters (Wh 2×H, bh 1×H, Wo H×C, bo 1×C); returns the summed cost. */
  evaluate(params: Params): number;
  /** evaluate for packed parameters (Wh, bh, Wo, bo row-major, as Trainer.writePackedParams writes them). */
  evaluatePacked(packed: Float64Array): number;
}

class Evaluator implements TestEvaluator {
  readonly rows: number;
  readonly shape: Shape;
  cost = NaN;
  accuracy = NaN;
  private readonly ws: Workspace;
  private readonly target: Int32Array;
  private readonly packed: Float64Array;
  private readonly view: Params;

  constructor(X: Matrix, T: Matrix, t: Int32Array, shape: Shape) {
    this.rows = X.rows;
    this.shape = shape;
    this.ws = createWorkspace(workspaceSizes(X.rows, shape), { X: X.data, T: T.data });
    this.target = t;
    this.packed = new Float64Array(paramCount(shape));
    this.view = viewParams(this.packed, shape);
  }

  evaluate(params: Params): number {
    forwardHidden(this.ws, params);
    forwardOutput(this.ws, params);
    this.cost = crossEntropy(this.ws);
    this.accuracy = accuracyOf(this.ws, this.target);
    return this.cost;
  }

  evaluatePacked(packed: Float64Array): number {
    if (!(packed instanceof Float64Array) || packed.length !== this.packed.length) {
      throw new RangeError(
        `TestEvaluator.evaluatePacked: packed must be a Float64Array of ${this.packed.length} parameters; got ${describe(packed)}`,
      );
    }
    this.packed.set(packed);
    return this.evaluate(this.view);
  }
}

/**
 * An evaluator for the test rows X (n×D), T (n×C one-hot) and t (n class indices) through a
 * network of `shape`: `evaluate(params)` runs the forward pass on buffers allocated here, once,
 * and keeps the summed cross-entropy and the accuracy (the same kernels and sums as the
 * trainer's cost). Nothing is allocated per call, and nothing checked but evaluatePacked's
 * length: pass the trainer's parameters, whose shape is the evaluator's.
 */
export function createTestEvaluator(X: Matrix, T: Matrix, t: Int32Array, shape: Shape): TestEvaluator {
  const fn = 'createTestEvaluator';
  checkData(fn, 'X', X);
  checkData(fn, 'T', T);
  if (typeof shape !== 'object' || shape === null) {
    throw new TypeError(`${fn}: shape must be an object {inputs, hidden, classes}; got ${describe(shape)}`);
  }
  checkInteger(fn, 'shape.inputs', shape.inputs, 1);
  checkInteger(fn, 'shape.hidden', shape.hidden, 1);
  checkInteger(fn, 'shape.classes', shape.classes, 1);
  if (X.cols !== shape.inputs) {
    throw new RangeError(
      `${fn}: X must have ${plural(shape.inputs, 'column')} to match shape.inputs; got ${X.rows}×${X.cols}`,
    );
  }
  checkShape(fn, 'T', T, X.rows, shape.classes, `to match X's ${plural(X.rows, 'row')} and shape.classes`);
  if (!(t instanceof Int32Array) || t.length !== X.rows) {
    throw new TypeError(`${fn}: t must be an Int32Array of ${X.rows} class indices; got ${describe(t)}`);
  }
  return new Evaluator(X, T, t, shape);
}

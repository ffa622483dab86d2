// Gradient descent with momentum: the tutorial's two functions (new arrays each call, for
// reading beside the tutorial and for tests) and `momentumStep`, the same arithmetic in place
// on packed buffers for the trainer.
import { backpropGradients } from './backprop';
import { checkNumber, checkParams, checkShape } from './errors';
import { PARAM_NAMES, packParams, viewParams } from './params';
import type { Hyperparameters, Matrix, Params } from './types';

/**
 * Learning rate ε > 0 and momentum μ in [0, 1): the checks every training entry point shares.
 * Only the mathematics' preconditions (finite, ε descends, μ < 1 so old gradients fade); the
 * product's caps (ε ≤ 100 and the like) live in src/protocol/config-schema.ts.
 */
export function checkHyperparameters(fn: string, learningRate: unknown, momentum: unknown): void {
  checkNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  checkNumber(fn, 'momentum', momentum, { min: 0, max: 1, maxExclusive: true });
}

/**
 * Tutorial `update_velocity`: V ← μ·V − ε·J, with J = backpropGradients(X, T, params).
 * Returns new velocities, keyed like the parameters.
 */
export function updateVelocity(
  X: Matrix,
  T: Matrix,
  params: Params,
  velocities: Params,
  momentumTerm: number,
  learningRate: number,
): Params {
  const fn = 'updateVelocity';
  checkHyperparameters(fn, learningRate, momentumTerm);
  const J = backpropGradients(X, T, params);
  const shape = checkParams(fn, velocities, undefined, 'velocities');
  for (const name of PARAM_NAMES) {
    checkShape(fn, `velocities.${name}`, velocities[name], params[name].rows, params[name].cols, `like params.${name}`);
  }
  const out = packParams(velocities);
  let offset = 0;
  for (const name of PARAM_NAMES) {
    const g = J[name].data;
    for (let i = 0; i < g.length; i++, offset++) out[offset] = momentumTerm * out[offset] - learningRate * g[i];
  }
  return viewParams(out, shape);
}

/** Tutorial `update_params`: P ← P + V. Returns new parameters. */
export function updateParams(params: Params, velocities: Params): Params {
  const fn = 'updateParams';
  const shape = checkParams(fn, params);
  checkParams(fn, velocities, undefined, 'velocities');
  for (const name of PARAM_NAMES) {
    checkShape(fn, `velocities.${name}`, velocities[name], params[name].rows, params[name].cols, `like params.${name}`);
  }
  const out = packParams(params);
  const v = packParams(velocities);
  for (let i = 0; i < out.length; i++) out[i] = out[i] + v[i];
  return viewParams(out, shape);
}

/**
 * The packed buffers one momentum step reads and writes, each `paramCount(shape)` long and
 * packed like the parameters (Wh, bh, Wo, bo row-major; see packParams).
 */
export interface MomentumBuffers {
  /** P, updated in place */
  readonly params: Float64Array;
  /** V, updated in place */
  readonly velocities: Float64Array;
  /** J = ∂ξ/∂P, read only */
  readonly gradients: Float64Array;
  /** P before the step, written (to roll a divergent step back) */
  readonly previousParams: Float64Array;
  /** V before the step, written */
  readonly previousVelocities: Float64Array;
}

/**
 * Momentum step on packed parameters, tutorial `update_velocity` then `update_params`:
 *   V ← μ·V − ε·J,   P ← P + V
 * Saves the old P and V into `previousParams`/`previousVelocities` and returns 0 when every
 * new parameter is finite, NaN otherwise (p − p is NaN only for ±∞ and NaN).
 */
export function momentumStep(buffers: MomentumBuffers, hyper: Hyperparameters): number {
  const { params: p, velocities: v, gradients: g, previousParams: prevP, previousVelocities: prevV } = buffers;
  const { learningRate, momentum } = hyper;
  let bad = 0;
  for (let i = 0; i < p.length; i++) {
    const pv = p[i];
    const vv = v[i];
    prevP[i] = pv;
    prevV[i] = vv;
    const nv = momentum * vv - learningRate * g[i];
    const np = pv + nv;
    v[i] = nv;
    p[i] = np;
    bad += np - np;
  }
  return bad;
}

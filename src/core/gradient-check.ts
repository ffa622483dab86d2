// The tutorial's gradient check: compare each backpropagated gradient with a central
// difference of the cost, ∂ξ/∂p ≈ (ξ(p + ε) − ξ(p − ε)) / 2ε, one parameter at a time.
import { backpropGradients } from './backprop';
import { checkMatrix, checkNumber, checkParams, checkProblem, checkShape, describe } from './errors';
import { crossEntropy, forwardHidden, forwardOutput } from './kernels';
import { PARAM_NAMES, packParams, paramCount, viewParams } from './params';
import type { Matrix, ParamName, Params } from './types';
import { createWorkspace, workspaceSizes } from './workspace';

export interface GradientCheckEntry {
  param: ParamName;
  row: number;
  col: number;
  /** the backpropagated ∂ξ/∂p */
  analytic: number;
  /** the central difference (ξ(p + ε) − ξ(p − ε)) / 2ε */
  numeric: number;
  /** numpy `isclose(numeric, analytic, rtol, atol)` */
  close: boolean;
}

export interface GradientCheckResult {
  /** every entry close */
  ok: boolean;
  /** max |numeric − analytic| */
  maxAbsDiff: number;
  /** max |numeric − analytic| / max(|numeric|, |analytic|) (0 where both are 0) */
  maxRelDiff: number;
  /** one per parameter, in packing order: Wh, bh, Wo, bo, each row-major */
  entries: GradientCheckEntry[];
}

/** Computes the gradients to check; `backpropGradients` unless overridden. */
export type GradientFunction = (X: Matrix, T: Matrix, params: Params) => Params;

export interface GradientCheckOptions {
  /** the finite-difference step ε (default 1e-4, the tutorial's) */
  eps?: number;
  /** relative tolerance of `isclose` (default 1e-5, numpy's) */
  rtol?: number;
  /** absolute tolerance of `isclose` (default 1e-8, numpy's) */
  atol?: number;
  /** the analytic gradients to check (default backpropGradients), e.g. a deliberately wrong one */
  gradients?: GradientFunction;
}

/**
 * numpy `isclose(a, b)`: |a − b| ≤ atol + rtol·|b|. Not symmetric: `b` is the reference
 * (the analytic gradient here). Equal infinities are close; NaN is never close.
 */
export function isClose(a: number, b: number, rtol = 1e-5, atol = 1e-8): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/**
 * Checks backpropagation against central differences for every parameter:
 * `compareGradients(gradients(X, T, params), numericalGradients(X, T, params, eps))`.
 * Reports; never throws on a mismatch (only on bad arguments). X N×D, T N×C, params D→H→C.
 * Runs to the end in one call; {@link startGradientCheck} computes the same a piece at a time.
 */
export function gradientCheck(
  X: Matrix,
  T: Matrix,
  params: Params,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const task = createTask('gradientCheck', X, T, params, options);
  task.advance(task.total);
  return task.result();
}

/**
 * A gradient check computed a bounded amount at a time, so a caller that must stay responsive
 * (a worker answering its page) can yield between pieces and drop the check halfway. Each
 * parameter costs two evaluations of the cost, O(N·H·(D + C)) each; {@link result} adds one
 * backpropagation. The result is bit for bit {@link gradientCheck}'s, however it is split.
 */
export interface GradientCheckTask {
  /** parameters whose central difference is computed, of {@link total} */
  readonly checked: number;
  /** the number of parameters, D·H + H + H·C + C */
  readonly total: number;
  /** every central difference is computed: {@link result} may be called */
  readonly done: boolean;
  /** Computes the central differences of up to `count` more parameters; returns {@link done}. */
  advance(count: number): boolean;
  /** The report, once {@link done} (computed on the first call); throws before. */
  result(): GradientCheckResult;
}

/**
 * Starts a gradient check of `params` as they are now (they are copied: training them on
 * meanwhile does not change the check). Validates every argument here, as
 * {@link gradientCheck} does; then {@link GradientCheckTask.advance} until done.
 */
export function startGradientCheck(
  X: Matrix,
  T: Matrix,
  params: Params,
  options: GradientCheckOptions = {},
): GradientCheckTask {
  return createTask('startGradientCheck', X, T, params, options);
}

function createTask(
  fn: string,
  X: Matrix,
  T: Matrix,
  params: Params,
  options: GradientCheckOptions,
): GradientCheckTask {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
  const { eps = 1e-4, rtol = 1e-5, atol = 1e-8, gradients = backpropGradients } = options;
  if (typeof gradients !== 'function') {
    throw new TypeError(`${fn}: gradients must be a function (X, T, params) => Params; got ${describe(gradients)}`);
  }
  checkNumber(fn, 'rtol', rtol, { min: 0 });
  checkNumber(fn, 'atol', atol, { min: 0 });
  const numeric = new CentralDifferences(fn, X, T, params, eps);
  let result: GradientCheckResult | undefined;
  return {
    get checked() {
      return numeric.checked;
    },
    total: numeric.total,
    get done() {
      return numeric.done;
    },
    advance: (count) => numeric.advance(count),
    result() {
      if (!numeric.done) {
        throw new Error(`${fn}: the check is not done (${numeric.checked} of ${numeric.total} parameters)`);
      }
      // The copy is back to the parameters' values (every perturbation is undone exactly).
      result ??= compare(fn, 'gradients(...)', gradients(X, T, numeric.params), numeric.grads, params, rtol, atol);
      return result;
    },
  };
}

/**
 * The central-difference gradient of the summed cost for every parameter, keyed like the
 * parameters: ∂ξ/∂p ≈ (ξ(p + ε) − ξ(p − ε)) / 2ε, as the tutorial's check loop computes it
 * (one parameter perturbed at a time on a copy; `params` is not touched).
 */
export function numericalGradients(X: Matrix, T: Matrix, params: Params, eps = 1e-4): Params {
  const numeric = new CentralDifferences('numericalGradients', X, T, params, eps);
  numeric.advance(numeric.total);
  return numeric.grads;
}

/**
 * The tutorial's check loop over a copy of the parameters, resumable: parameter `checked`
 * (in packing order Wh, bh, Wo, bo, each row-major) is the next one perturbed.
 */
class CentralDifferences {
  /** the copy that is perturbed, one entry at a time */
  readonly params: Params;
  /** ∂ξ/∂p by central differences; filled in packing order */
  readonly grads: Params;
  readonly total: number;
  checked = 0;
  private readonly packed: Float64Array;
  private readonly gradsPacked: Float64Array;
  private readonly costAt: () => number;

  constructor(
    fn: string,
    X: Matrix,
    T: Matrix,
    params: Params,
    private readonly eps: number,
  ) {
    checkNumber(fn, 'eps', eps, { min: 0, minExclusive: true });
    const shape = checkProblem(fn, X, T, params);
    this.packed = packParams(params);
    this.params = viewParams(this.packed, shape);
    this.gradsPacked = new Float64Array(paramCount(shape));
    this.grads = viewParams(this.gradsPacked, shape);
    this.total = this.packed.length;
    const ws = createWorkspace(workspaceSizes(X.rows, shape), { X: X.data, T: T.data });
    const work = this.params;
    this.costAt = () => {
      forwardHidden(ws, work);
      forwardOutput(ws, work);
      return crossEntropy(ws);
    };
  }

  get done(): boolean {
    return this.checked >= this.total;
  }

  advance(count: number): boolean {
    const { packed: p, gradsPacked: g, eps } = this;
    const end = Math.min(this.total, this.checked + Math.max(0, Math.floor(count)));
    for (let i = this.checked; i < end; i++) {
      const original = p[i];
      p[i] = original + eps;
      const plus = this.costAt();
      p[i] = original - eps;
      const minus = this.costAt();
      p[i] = original;
      g[i] = (plus - minus) / (2 * eps);
    }
    this.checked = end;
    return this.done;
  }
}

/**
 * Compares analytic with numeric gradients entry by entry (the check without the finite
 * differences, so precomputed or deliberately wrong gradients can be compared directly).
 * `close` is numpy `isclose(numeric, analytic, rtol, atol)`; `maxAbsDiff` is
 * max |numeric − analytic|; `maxRelDiff` is max |numeric − analytic| / max(|numeric|, |analytic|)
 * (0 where both are 0). For the numpy fixtures the latter equals their
 * max |numeric − analytic| / |analytic| bit for bit (the largest ratio is at an entry with
 * |analytic| ≥ |numeric|). Analytic values may be NaN or ±∞: that is reported, not thrown.
 */
export function compareGradients(
  analytic: Params,
  numeric: Params,
  options: { rtol?: number; atol?: number } = {},
): GradientCheckResult {
  const fn = 'compareGradients';
  const { rtol = 1e-5, atol = 1e-8 } = options;
  checkNumber(fn, 'rtol', rtol, { min: 0 });
  checkNumber(fn, 'atol', atol, { min: 0 });
  checkParams(fn, numeric, undefined, 'numeric');
  return compare(fn, 'analytic', analytic, numeric, numeric, rtol, atol);
}

function compare(
  fn: string,
  name: string,
  analytic: Params,
  numeric: Params,
  like: Params,
  rtol: number,
  atol: number,
): GradientCheckResult {
  if (typeof analytic !== 'object' || analytic === null) {
    throw new TypeError(`${fn}: ${name} must be Params {Wh, bh, Wo, bo}; got ${describe(analytic)}`);
  }
  for (const key of PARAM_NAMES) {
    checkMatrix(fn, `${name}.${key}`, analytic[key]);
    checkShape(fn, `${name}.${key}`, analytic[key], like[key].rows, like[key].cols, `like the parameter ${key}`);
  }
  const entries: GradientCheckEntry[] = [];
  let ok = true;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  for (const key of PARAM_NAMES) {
    const cols = like[key].cols;
    const a = analytic[key].data;
    const m = numeric[key].data;
    for (let i = 0; i < a.length; i++) {
      const close = isClose(m[i], a[i], rtol, atol);
      const diff = Math.abs(m[i] - a[i]);
      const rel = diff === 0 ? 0 : diff / Math.max(Math.abs(m[i]), Math.abs(a[i]));
      // A NaN difference (x !== x) sticks in the maxima: later comparisons with NaN are false.
      if (diff > maxAbsDiff || diff !== diff) maxAbsDiff = diff;
      if (rel > maxRelDiff || rel !== rel) maxRelDiff = rel;
      ok &&= close;
      const row = Math.floor(i / cols);
      entries.push({ param: key, row, col: i - row * cols, analytic: a[i], numeric: m[i], close });
    }
  }
  return { ok, maxAbsDiff, maxRelDiff, entries };
}

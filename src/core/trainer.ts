// Full-batch gradient descent with momentum, resumable, allocating nothing per iteration.
//
// One iteration, as the tutorial's loop:
//   J = backprop_gradients(X, T, P);  V = μV − εJ;  P = P + V;  cost(nn(X, P), T)
// The forward pass that gives the cost after an update is exactly the forward pass the next
// iteration's backprop needs, so it is computed once and cached (H, Y): each iteration is one
// backward sweep over the samples, one O(P) update, and one forward sweep.
import { checkInteger, checkProblem, describe } from './errors';
import { accuracyOf, backward, crossEntropy, forwardHidden, forwardOutput } from './kernels';
import { checkHyperparameters, momentumStep } from './momentum';
import { packParams, paramCount, viewParams } from './params';
import type { Matrix, Params, Shape } from './types';

export interface Hyperparameters {
  /** ε > 0, the step size */
  learningRate: number;
  /** μ in [0, 1), the fraction of the previous velocity kept */
  momentum: number;
}

/** A training run in progress; see `createTrainer`. */
export interface Trainer {
  /** updates done so far (0 right after creation) */
  readonly iteration: number;
  /** cost ξ of the current parameters (iteration 0's right after creation) */
  readonly cost: number;
  /** fraction of samples whose argmax class is right, for the current parameters */
  readonly accuracy: number;
  /** the current parameters: live views, updated in place by `step` */
  readonly params: Params;
  /** the current velocities V, keyed like the parameters, live */
  readonly velocities: Params;
  readonly shape: Shape;
  readonly learningRate: number;
  readonly momentum: number;
  /** true once an update went non-finite; the run then stays at its last finite state */
  readonly diverged: boolean;
  /** the iteration number whose update went non-finite (undefined until then) */
  readonly divergedAt: number | undefined;
  /**
   * Runs up to `k` iterations. The cost after each update goes to costsOut[outOffset + i].
   * Returns how many completed: `k`, or fewer if an update diverged (then `diverged` is set,
   * parameters and velocities are back at their last finite values, and later calls return 0).
   */
  step(k: number, costsOut?: Float64Array, outOffset?: number): number;
  /** Changes ε and/or μ from the next iteration on; the run (parameters, velocities) continues. */
  setHyperparameters(change: Partial<Hyperparameters>): void;
  /** Writes the packed parameters (Wh, bh, Wo, bo row-major, see packParams) into out at offset. */
  writePackedParams(out: Float64Array, offset?: number): void;
}

class MomentumTrainer implements Trainer {
  readonly params: Params;
  readonly velocities: Params;
  readonly shape: Shape;
  learningRate: number;
  momentum: number;
  iteration = 0;
  cost = 0;
  diverged = false;
  divergedAt: number | undefined = undefined;

  private readonly n: number;
  private readonly x: Float64Array;
  private readonly t: Float64Array;
  /** argmax of each row of T, for the accuracy */
  private readonly target: Int32Array;
  /** packed P, V, J and the last finite P, V (all paramCount long) */
  private readonly p: Float64Array;
  private readonly v: Float64Array;
  private readonly g: Float64Array;
  private readonly prevP: Float64Array;
  private readonly prevV: Float64Array;
  private readonly grads: Params;
  /** cached forward pass of the current parameters: H N×H, Y N×C */
  private readonly h: Float64Array;
  private readonly y: Float64Array;
  /** scratch: Eh 1×H and Eo 1×C rows of the backward pass, Woᵀ and JWoᵀ (C×H) */
  private readonly eh: Float64Array;
  private readonly eo: Float64Array;
  private readonly woT: Float64Array;
  private readonly jwoT: Float64Array;
  private accuracyCache = NaN;

  constructor(X: Matrix, T: Matrix, params: Params, shape: Shape, hyper: Hyperparameters) {
    const count = paramCount(shape);
    this.shape = shape;
    this.n = X.rows;
    this.x = X.data;
    this.t = T.data;
    this.learningRate = hyper.learningRate;
    this.momentum = hyper.momentum;
    this.p = packParams(params);
    this.v = new Float64Array(count);
    this.g = new Float64Array(count);
    this.prevP = new Float64Array(count);
    this.prevV = new Float64Array(count);
    this.params = viewParams(this.p, shape);
    this.velocities = viewParams(this.v, shape);
    this.grads = viewParams(this.g, shape);
    this.h = new Float64Array(this.n * shape.hidden);
    this.y = new Float64Array(this.n * shape.classes);
    this.eh = new Float64Array(shape.hidden);
    this.eo = new Float64Array(shape.classes);
    this.woT = new Float64Array(shape.hidden * shape.classes);
    this.jwoT = new Float64Array(shape.hidden * shape.classes);
    this.target = new Int32Array(this.n);
    const c = shape.classes;
    for (let i = 0; i < this.n; i++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (T.data[i * c + k] > T.data[i * c + best]) best = k;
      this.target[i] = best;
    }
    this.forward();
  }

  get accuracy(): number {
    if (Number.isNaN(this.accuracyCache)) {
      this.accuracyCache = accuracyOf(this.y, this.n, this.shape.classes, this.target);
    }
    return this.accuracyCache;
  }

  /** Forward pass and cost of the current parameters, into the cached H and Y. */
  private forward(): void {
    const { inputs: d, hidden: nh, classes: c } = this.shape;
    const { params, n } = this;
    forwardHidden(this.x, n, d, params.Wh.data, params.bh.data, nh, this.h);
    forwardOutput(this.h, n, nh, params.Wo.data, params.bo.data, c, this.y, this.woT);
    this.cost = crossEntropy(this.y, this.t, n * c);
    this.accuracyCache = NaN;
  }

  step(k: number, costsOut?: Float64Array, outOffset = 0): number {
    checkInteger('trainer.step', 'k', k, 0);
    if (costsOut !== undefined) {
      if (!(costsOut instanceof Float64Array)) {
        throw new TypeError(`trainer.step: costsOut must be a Float64Array; got ${describe(costsOut)}`);
      }
      checkInteger('trainer.step', 'outOffset', outOffset, 0);
      if (outOffset + k > costsOut.length) {
        throw new RangeError(
          `trainer.step: costsOut must have room for ${k} costs from offset ${outOffset} (length ≥ ${outOffset + k}); got length ${costsOut.length}`,
        );
      }
    }
    if (this.diverged) return 0;
    const { inputs: d, hidden: nh, classes: c } = this.shape;
    const { x, t, h, y, n, grads } = this;
    const wo = this.params.Wo.data;
    for (let i = 0; i < k; i++) {
      backward(
        x,
        t,
        h,
        y,
        n,
        d,
        nh,
        c,
        wo,
        grads.Wh.data,
        grads.bh.data,
        grads.Wo.data,
        grads.bo.data,
        this.eh,
        this.eo,
        this.woT,
        this.jwoT,
      );
      const bad = momentumStep(this.p, this.v, this.g, this.prevP, this.prevV, this.momentum, this.learningRate);
      this.forward();
      if (bad !== 0 || !Number.isFinite(this.cost)) {
        this.p.set(this.prevP);
        this.v.set(this.prevV);
        this.forward();
        this.diverged = true;
        this.divergedAt = this.iteration + 1;
        return i;
      }
      this.iteration++;
      if (costsOut !== undefined) costsOut[outOffset + i] = this.cost;
    }
    return k;
  }

  setHyperparameters(change: Partial<Hyperparameters>): void {
    if (typeof change !== 'object' || change === null) {
      throw new TypeError(`trainer.setHyperparameters: change must be an object; got ${describe(change)}`);
    }
    const { learningRate = this.learningRate, momentum = this.momentum } = change;
    checkHyperparameters('trainer.setHyperparameters', learningRate, momentum);
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  writePackedParams(out: Float64Array, offset = 0): void {
    if (!(out instanceof Float64Array)) {
      throw new TypeError(`trainer.writePackedParams: out must be a Float64Array; got ${describe(out)}`);
    }
    checkInteger('trainer.writePackedParams', 'offset', offset, 0);
    if (offset + this.p.length > out.length) {
      throw new RangeError(
        `trainer.writePackedParams: out must have room for ${this.p.length} numbers from offset ${offset} (length ≥ ${offset + this.p.length}); got length ${out.length}`,
      );
    }
    out.set(this.p, offset);
  }
}

/**
 * Starts a training run on X (N×D) and targets T (N×C, one-hot or any distribution per row)
 * from a copy of `params` (never mutated), with zero velocities. Everything the iterations
 * need is allocated here; `step` allocates nothing. X and T are read, not copied: do not
 * change them during the run. Iteration 0's cost and accuracy are available at once.
 */
export function createTrainer(X: Matrix, T: Matrix, params: Params, hyper: Hyperparameters): Trainer {
  const fn = 'createTrainer';
  const shape = checkProblem(fn, X, T, params);
  if (typeof hyper !== 'object' || hyper === null) {
    throw new TypeError(`${fn}: options must be an object {learningRate, momentum}; got ${describe(hyper)}`);
  }
  checkHyperparameters(fn, hyper.learningRate, hyper.momentum);
  return new MomentumTrainer(X, T, params, shape, { learningRate: hyper.learningRate, momentum: hyper.momentum });
}

export interface TrainOptions extends Hyperparameters {
  /** number of updates */
  iterations: number;
}

export interface TrainResult {
  /** iterations + 1 costs: before training, then after each update (NaN after a divergence) */
  costs: Float64Array;
  params: Params;
  velocities: Params;
  diverged: boolean;
  divergedAt: number | undefined;
}

/**
 * The tutorial's training loop: `iterations` momentum updates from `params` (not mutated),
 * recording the cost before training and after every update. Stops early if an update
 * diverges (see Trainer.step); the remaining costs are NaN.
 */
export function train(X: Matrix, T: Matrix, params: Params, options: TrainOptions): TrainResult {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `train: options must be an object {learningRate, momentum, iterations}; got ${describe(options)}`,
    );
  }
  checkInteger('train', 'iterations', options.iterations, 0);
  const trainer = createTrainer(X, T, params, options);
  const costs = new Float64Array(options.iterations + 1).fill(NaN);
  costs[0] = trainer.cost;
  trainer.step(options.iterations, costs, 1);
  return {
    costs,
    params: trainer.params,
    velocities: trainer.velocities,
    diverged: trainer.diverged,
    divergedAt: trainer.divergedAt,
  };
}

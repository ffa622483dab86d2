// Full-batch gradient descent with momentum, resumable, allocating nothing per iteration.
//
// One iteration, as the tutorial's loop:
//   J = backprop_gradients(X, T, P);  V = μV − εJ;  P = P + V;  cost(nn(X, P), T)
// The forward pass that gives the cost after an update is exactly the forward pass the next
// iteration's backprop needs, so the trainer keeps the forward pass, the cost and the
// gradients J of its current parameters: each iteration is one O(P) update from J, then one
// pass over the samples for the new parameters (forward, cost, backward). For D = 2 and C = 2
// that pass is fused-pass.ts `trainPassD2C2`, one sweep with the same bits, wherever its
// bounds hold. The kernels work on one Workspace built here; the update is `momentumStep` on
// packed buffers, the one piece another optimizer would replace.
import { chooseEngine, checkEngineChoice, type Engine, type EngineChoice } from './engine';
import { checkInteger, checkProblem, checkStepArguments, describe } from './errors';
import { accuracyOf, backward, crossEntropy, crossEntropyIsFinite, forwardHidden, forwardOutput } from './kernels';
import { createPassBuffers, fusedPassApplies, trainPassD2C2, type PassBuffers } from './fused-pass';
import { checkHyperparameters, momentumStep } from './momentum';
import type { MomentumBuffers } from './momentum';
import { packParams, paramCount, viewParams } from './params';
import type { Hyperparameters, Matrix, Params, Shape } from './types';
import { checkTrainerState, writePacked, type TrainerState } from './trainer-state';
import { createWasmTrainer } from './wasm/wasm-trainer';
import { createWorkspace, workspaceSizes } from './workspace';
import type { Workspace } from './workspace';

export type { Hyperparameters } from './types';
export type { Engine, EngineChoice } from './engine';
export type { TrainerState } from './trainer-state';

/** A training run in progress; see `createTrainer`. */
export interface Trainer {
  /** which engine computes this run: the JS core or the WebAssembly SIMD kernel */
  readonly engine: Engine;
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
  /** Writes the packed velocities V (laid out as the parameters) into out at offset. */
  writePackedVelocities(out: Float64Array, offset?: number): void;
  /**
   * Puts the run at a state it had (or that another run of the same problem had): `iteration`
   * updates done, with packed parameters and velocities as writePackedParams and
   * writePackedVelocities wrote them. The cost and accuracy are recomputed by the same forward
   * pass `step` uses, so stepping on gives bit for bit the numbers the original run gave. A
   * divergence is forgotten. The hyperparameters stay as they are.
   */
  restore(state: TrainerState): void;
  /**
   * Releases what the engine holds outside the JS heap (the WebAssembly instance's memory);
   * a no-op for the JS engine. Parameters, velocities, cost and accuracy stay readable (no
   * longer live); `step` then throws on the WebAssembly engine. Call it when dropping a trainer.
   */
  dispose(): void;
}

/** createTrainer's options: the hyperparameters, and which engine computes the run. */
export interface TrainerOptions extends Hyperparameters {
  /** 'auto' (default): WebAssembly SIMD where it can run and D = 2, else JS; see chooseEngine */
  engine?: EngineChoice;
}

class MomentumTrainer implements Trainer {
  readonly engine = 'js' as const;
  readonly params: Params;
  readonly velocities: Params;
  readonly shape: Shape;
  iteration = 0;
  cost = 0;
  diverged = false;
  divergedAt: number | undefined = undefined;

  /** X, T, the forward pass of the current parameters (H, Y), their gradients J, scratch */
  private readonly ws: Workspace;
  /** the fused pass's buffers, for D = 2 and C = 2 (null: the general kernels, one after another) */
  private readonly fused: PassBuffers | null;
  /** packed P, V, J (the workspace's) and the last finite P, V: the update step's buffers */
  private readonly update: MomentumBuffers;
  /** ε and μ, read by every update step; changed in place by setHyperparameters */
  private readonly hyper: Hyperparameters;
  /** argmax of each row of T, for the accuracy */
  private readonly target: Int32Array;
  private accuracyCache = NaN;
  /** every target is in [0, 1]: whether the cost is finite can be told without computing it */
  private readonly targetsInUnitRange: boolean;

  constructor(X: Matrix, T: Matrix, params: Params, shape: Shape, hyper: Hyperparameters) {
    const count = paramCount(shape);
    this.shape = shape;
    this.hyper = { learningRate: hyper.learningRate, momentum: hyper.momentum };
    const sizes = workspaceSizes(X.rows, shape);
    if (shape.inputs === 2 && shape.classes === 2) {
      // both passes write the same Y: the workspace's is the fused pass's
      const { buffers, outputs } = createPassBuffers(X.data, T.data, shape.hidden);
      this.fused = buffers;
      this.ws = createWorkspace(sizes, { X: X.data, T: T.data, outputActivations: outputs });
    } else {
      this.fused = null;
      this.ws = createWorkspace(sizes, { X: X.data, T: T.data });
    }
    this.update = {
      params: packParams(params),
      velocities: new Float64Array(count),
      gradients: this.ws.gradients,
      previousParams: new Float64Array(count),
      previousVelocities: new Float64Array(count),
    };
    this.params = viewParams(this.update.params, shape);
    this.velocities = viewParams(this.update.velocities, shape);
    const n = X.rows;
    const c = shape.classes;
    this.targetsInUnitRange = T.data.every((v) => v >= 0 && v <= 1);
    this.target = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (T.data[i * c + k] > T.data[i * c + best]) best = k;
      this.target[i] = best;
    }
    this.pass();
  }

  get learningRate(): number {
    return this.hyper.learningRate;
  }

  get momentum(): number {
    return this.hyper.momentum;
  }

  get accuracy(): number {
    if (Number.isNaN(this.accuracyCache)) this.accuracyCache = accuracyOf(this.ws, this.target);
    return this.accuracyCache;
  }

  /**
   * Forward pass of the current parameters, their cost, and their gradients J, which the next
   * update reads. Without `withCost` (and for targets in [0, 1]), the cost is only told finite
   * (0) or not (+∞), exactly as its value would be: what a replayed update needs, without the
   * logarithms; the fused pass then leaves Y (the accuracy's) as it was, so the last pass of a
   * `step` or `replaySteps` computes the cost.
   */
  private pass(withCost = true): void {
    const { ws, fused } = this;
    const exactCost = withCost || !this.targetsInUnitRange;
    const p = this.update.params;
    if (fused !== null && fusedPassApplies(fused, p)) {
      this.cost = trainPassD2C2(fused, p, ws.gradients, exactCost);
    } else {
      forwardHidden(ws, this.params);
      forwardOutput(ws, this.params);
      this.cost = exactCost ? crossEntropy(ws) : crossEntropyIsFinite(ws) ? 0 : Infinity;
      backward(ws, this.params);
    }
    this.accuracyCache = NaN;
  }

  step(k: number, costsOut?: Float64Array, outOffset = 0): number {
    checkStepArguments(k, costsOut, outOffset);
    return this.advance(k, costsOut, outOffset, true);
  }

  /** step's loop; without `everyCost`, only the last update's cost is computed (replaySteps), the others only checked. */
  advance(k: number, costsOut: Float64Array | undefined, outOffset: number, everyCost: boolean): number {
    if (this.diverged) return 0;
    const { update, hyper } = this;
    for (let i = 0; i < k; i++) {
      const bad = momentumStep(update, hyper);
      if (bad === 0) this.pass(everyCost || i === k - 1);
      if (bad !== 0 || !Number.isFinite(this.cost)) {
        update.params.set(update.previousParams);
        update.velocities.set(update.previousVelocities);
        this.pass();
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
    this.hyper.learningRate = learningRate;
    this.hyper.momentum = momentum;
  }

  writePackedParams(out: Float64Array, offset = 0): void {
    writePacked('trainer.writePackedParams', this.update.params, out, offset);
  }

  writePackedVelocities(out: Float64Array, offset = 0): void {
    writePacked('trainer.writePackedVelocities', this.update.velocities, out, offset);
  }

  restore(state: TrainerState): void {
    checkTrainerState(state, this.update.params.length);
    this.update.params.set(state.params);
    this.update.velocities.set(state.velocities);
    this.iteration = state.iteration;
    this.diverged = false;
    this.divergedAt = undefined;
    this.pass();
  }

  dispose(): void {
    // Everything lives on the JS heap; the garbage collector frees it with the trainer.
  }
}

/**
 * `trainer.step(k)` without the costs, for replaying updates (the worker's seek): the same
 * updates, bit for bit, stopping where step would, but the JS engine computes only the last
 * update's cost, the one `trainer.cost` then reads; for the others it only checks that no
 * probability of a target class is 0, which is what makes a cost +∞ (the cross-entropy's
 * logarithms are a fifth of an update at the tutorial's size). The WebAssembly engine
 * computes each cost in the same pass as the update: it steps.
 */
export function replaySteps(trainer: Trainer, k: number): number {
  if (!(trainer instanceof MomentumTrainer)) return trainer.step(k);
  checkStepArguments(k, undefined, 0);
  return trainer.advance(k, undefined, 0, false);
}

/**
 * Starts a training run on X (N×D) and targets T (N×C, one-hot or any distribution per row)
 * from a copy of `params` (never mutated), with zero velocities. Everything the iterations
 * need is allocated here; `step` allocates nothing. Iteration 0's cost and accuracy are
 * available at once. The JS engine reads X and T (do not change them during the run); the
 * WebAssembly engine copies them. `engine` (default 'auto') is resolved by `chooseEngine`:
 * an explicit 'wasm' throws a WasmUnavailableError where WebAssembly SIMD is missing or blocked
 * and a RangeError for D ≠ 2; 'auto' then takes JS. `trainer.engine` says which runs; call
 * `dispose()` when done with a trainer.
 */
export function createTrainer(X: Matrix, T: Matrix, params: Params, options: TrainerOptions): Trainer {
  const fn = 'createTrainer';
  const shape = checkProblem(fn, X, T, params);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object {learningRate, momentum, engine?}; got ${describe(options)}`);
  }
  checkHyperparameters(fn, options.learningRate, options.momentum);
  const choice = options.engine ?? 'auto';
  checkEngineChoice(fn, choice);
  const hyper = { learningRate: options.learningRate, momentum: options.momentum };
  if (chooseEngine(choice, shape.inputs, fn).engine === 'wasm') {
    if (choice === 'wasm') return createWasmTrainer(X, T, params, hyper);
    // `auto` never fails for want of WebAssembly: an instance that cannot be made here (each
    // one reserves its own address space, and a process has room for about a hundred) trains
    // with JS instead. The problem itself was checked above, so only the engine can fail.
    try {
      return createWasmTrainer(X, T, params, hyper);
    } catch {
      return new MomentumTrainer(X, T, params, shape, hyper);
    }
  }
  return new MomentumTrainer(X, T, params, shape, hyper);
}

export interface TrainOptions extends TrainerOptions {
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
  /** the engine that computed the run */
  engine: Engine;
}

/**
 * The tutorial's training loop: `iterations` momentum updates from `params` (not mutated),
 * recording the cost before training and after every update. Stops early if an update
 * diverges (see Trainer.step); the remaining costs are NaN. `engine` as for createTrainer;
 * the trainer is disposed before this returns (the result holds copies).
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
  try {
    costs[0] = trainer.cost;
    trainer.step(options.iterations, costs, 1);
  } finally {
    // Before reading the results: a disposed trainer's params are copies, not views into its memory.
    trainer.dispose();
  }
  return {
    costs,
    params: trainer.params,
    velocities: trainer.velocities,
    diverged: trainer.diverged,
    divergedAt: trainer.divergedAt,
    engine: trainer.engine,
  };
}

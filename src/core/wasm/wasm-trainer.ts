// The WebAssembly training engine: the core's `Trainer`, computed by the SIMD kernel of
// assembly/ (one instance, one linear memory per trainer). Same iteration, same divergence
// rule, same packed parameter layout as the JS core, which stays the reference: costs agree
// with it to ~1e-14 relative over hundreds of iterations (the kernel's exp and log are within
// ~1 ulp of Math's, and its sums run in another order), except where training is chaotic and
// the JS core itself, started 1 ulp away, drifts as far.
//
// P and V live in the instance's memory in the core's packed layout, so `params` and
// `velocities` are live views at no cost per step (memory grows once, in setup, so the views
// never detach); X and T are copied in by column, T's argmax alongside for the accuracy.
//
// Takes D = 2 inputs only (the app's points in the plane); any other D is refused with a
// RangeError naming D, so an `auto` engine choice can pick the JS core instead. Any H and C.
import { checkProblem, checkStepArguments, describe } from '../errors';
import { checkHyperparameters } from '../momentum';
import { paramCount, viewParams } from '../params';
import type { Hyperparameters, Trainer } from '../trainer';
import { checkTrainerState, writePacked, type TrainerState } from '../trainer-state';
import type { Matrix, Params, Shape } from '../types';
import { WasmUnavailableError, kernelModule } from './support';

/** A Trainer computed in WebAssembly; `dispose` releases its memory. */
export interface WasmTrainer extends Trainer {
  readonly engine: 'wasm';
  /**
   * Releases the WebAssembly instance and its memory. The trainer keeps copies of its last
   * parameters, velocities, cost and accuracy (readable, no longer live); `step` then throws.
   */
  dispose(): void;
}

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  setup(samples: number, hidden: number, classes: number): number;
  evaluate(): number;
  step(k: number, learningRate: number, momentum: number): number;
}

/** Indices in the u32 address table `setup` returns (see assembly/index.ts) */
const SLOT = {
  x0: 0,
  x1: 1,
  t: 2,
  targetClass: 3,
  valid: 4,
  params: 5,
  velocities: 6,
  costs: 7,
  status: 8,
  costsCapacity: 9,
} as const;

class KernelTrainer implements WasmTrainer {
  readonly engine = 'wasm' as const;
  readonly shape: Shape;
  params: Params;
  velocities: Params;
  learningRate: number;
  momentum: number;
  iteration = 0;
  diverged = false;
  divergedAt: number | undefined = undefined;

  private kernel: KernelExports | null;
  private readonly n: number;
  /** P in the kernel's memory (packed as packParams), or its copy once disposed */
  private packed: Float64Array;
  /** V likewise: one packed view, made once (the history records it every stride) */
  private packedVelocities: Float64Array;
  /** [cost, number of correctly classified samples] of the current parameters */
  private status: Float64Array;
  /** where `step` leaves the costs of its iterations (in the kernel's memory) */
  private costs: Float64Array;

  constructor(kernel: KernelExports, X: Matrix, T: Matrix, params: Params, shape: Shape, hyper: Hyperparameters) {
    this.kernel = kernel;
    this.shape = shape;
    this.n = X.rows;
    this.learningRate = hyper.learningRate;
    this.momentum = hyper.momentum;
    const { hidden, classes } = shape;
    const n = X.rows;
    const table = kernel.setup(n, hidden, classes);
    if (table === 0) {
      throw new RangeError(
        `createWasmTrainer: WebAssembly memory cannot grow to ${n} samples × ${hidden} hidden units × ${classes} classes`,
      );
    }
    // Memory grew in setup and never grows again, so these views stay valid until dispose.
    const buffer = kernel.memory.buffer;
    const slot = new Uint32Array(buffer, table, SLOT.costsCapacity + 1);
    const npad = n + (n & 1);
    const x0 = new Float64Array(buffer, slot[SLOT.x0], npad);
    const x1 = new Float64Array(buffer, slot[SLOT.x1], npad);
    for (let i = 0; i < n; i++) {
      x0[i] = X.data[2 * i];
      x1[i] = X.data[2 * i + 1];
    }
    const t = new Float64Array(buffer, slot[SLOT.t], classes * npad);
    const targetClass = new Float64Array(buffer, slot[SLOT.targetClass], npad);
    const valid = new Uint32Array(buffer, slot[SLOT.valid], 2 * npad);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 0; k < classes; k++) {
        const value = T.data[i * classes + k];
        t[k * npad + i] = value;
        if (value > T.data[i * classes + best]) best = k;
      }
      targetClass[i] = best;
      valid[2 * i] = 0xffffffff;
      valid[2 * i + 1] = 0xffffffff;
    }
    if (npad > n) targetClass[n] = -1;
    const count = paramCount(shape);
    this.packed = new Float64Array(buffer, slot[SLOT.params], count);
    this.params = viewParams(this.packed, shape);
    this.packedVelocities = new Float64Array(buffer, slot[SLOT.velocities], count);
    this.velocities = viewParams(this.packedVelocities, shape);
    this.params.Wh.data.set(params.Wh.data);
    this.params.bh.data.set(params.bh.data);
    this.params.Wo.data.set(params.Wo.data);
    this.params.bo.data.set(params.bo.data);
    this.costs = new Float64Array(buffer, slot[SLOT.costs], slot[SLOT.costsCapacity]);
    this.status = new Float64Array(buffer, slot[SLOT.status], 2);
    kernel.evaluate();
  }

  get cost(): number {
    return this.status[0];
  }

  get accuracy(): number {
    return this.status[1] / this.n;
  }

  step(k: number, costsOut?: Float64Array, outOffset = 0): number {
    checkStepArguments(k, costsOut, outOffset);
    const kernel = this.kernel;
    if (kernel === null) throw new Error('trainer.step: this WebAssembly trainer was disposed');
    if (this.diverged) return 0;
    const { costs } = this;
    let done = 0;
    while (done < k) {
      const chunk = Math.min(k - done, costs.length);
      const ran = kernel.step(chunk, this.learningRate, this.momentum);
      if (costsOut !== undefined) {
        const at = outOffset + done;
        for (let i = 0; i < ran; i++) costsOut[at + i] = costs[i];
      }
      done += ran;
      this.iteration += ran;
      if (ran < chunk) {
        this.diverged = true;
        this.divergedAt = this.iteration + 1;
        return done;
      }
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
    writePacked('trainer.writePackedParams', this.packed, out, offset);
  }

  writePackedVelocities(out: Float64Array, offset = 0): void {
    writePacked('trainer.writePackedVelocities', this.packedVelocities, out, offset);
  }

  restore(state: TrainerState): void {
    const kernel = this.kernel;
    if (kernel === null) throw new Error('trainer.restore: this WebAssembly trainer was disposed');
    checkTrainerState(state, this.packed.length);
    this.packed.set(state.params);
    this.packedVelocities.set(state.velocities);
    this.iteration = state.iteration;
    this.diverged = false;
    this.divergedAt = undefined;
    // The same forward pass (and gradient) `step` leaves after each update.
    kernel.evaluate();
  }

  dispose(): void {
    if (this.kernel === null) return;
    this.packed = this.packed.slice();
    this.params = viewParams(this.packed, this.shape);
    this.packedVelocities = this.packedVelocities.slice();
    this.velocities = viewParams(this.packedVelocities, this.shape);
    this.status = this.status.slice();
    // No view into the instance's memory may stay, or the memory stays with it.
    this.costs = new Float64Array(0);
    this.kernel = null;
  }
}

/**
 * `createTrainer` on the WebAssembly engine: same arguments, same checks, same `Trainer`, plus
 * `engine: 'wasm'` and `dispose()`. X (N×2) and T (N×C) are copied into the instance's memory
 * (by column), so later changes to them do not reach the run. Throws a WasmUnavailableError
 * when WebAssembly SIMD is missing or blocked here (its message says which), and a RangeError
 * for D ≠ 2.
 */
export function createWasmTrainer(X: Matrix, T: Matrix, params: Params, hyper: Hyperparameters): WasmTrainer {
  const fn = 'createWasmTrainer';
  const shape = checkProblem(fn, X, T, params);
  if (typeof hyper !== 'object' || hyper === null) {
    throw new TypeError(`${fn}: options must be an object {learningRate, momentum}; got ${describe(hyper)}`);
  }
  checkHyperparameters(fn, hyper.learningRate, hyper.momentum);
  if (shape.inputs !== 2) {
    throw new RangeError(
      `${fn}: the WebAssembly engine takes D = 2 inputs (X with 2 columns); got D = ${shape.inputs}. The JS engine takes any D.`,
    );
  }
  const compiled = kernelModule();
  if (!('module' in compiled)) throw new WasmUnavailableError(compiled.reason, `${fn}: ${compiled.message}`);
  const instance = new compiled.api.Instance(compiled.module, {});
  return new KernelTrainer(instance.exports as KernelExports, X, T, params, shape, {
    learningRate: hyper.learningRate,
    momentum: hyper.momentum,
  });
}

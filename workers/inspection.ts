// Questions about the current run that leave it as it is: the gradient check of its
// parameters (or of the parameters the page shows), the network's outputs at points the page
// asks about, and the gradients at given parameters.
import { transfer } from 'comlink';
import {
  backpropGradients,
  hiddenActivations,
  outputActivations,
  packParams,
  paramCount,
  unpackParams,
} from '../src/core/index';
import { describe } from '../src/core/errors';
import { startGradientCheck, type GradientCheckTask } from '../src/core/gradient-check';
import type { Matrix } from '../src/core/types';
import type { Evaluation, GradientCheckReport, GradientCheckSubject, StepGradients } from '../src/protocol/trainer-api';
import type { Run } from './run';

/**
 * Longest stretch of checking between two yields to the event loop (ms). One parameter is the
 * smallest piece, two evaluations of the cost: ~10 ms at N = 10000, H = 64 here.
 */
export const CHECK_SLICE_MS = 4;

/** What stopped a gradient check before its end, as the rejection's message says it. */
export type CheckInterruption =
  'a pause' | 'a reset' | 'a new configuration' | 'new data' | 'new parameters' | 'a newer gradient check' | 'a branch';

/** A gradient check that a pause, a reset, a new run or a newer check stopped. */
export class GradientCheckInterruptedError extends Error {
  override name = 'GradientCheckInterruptedError';
  constructor(by: CheckInterruption) {
    super(`The gradient check was interrupted by ${by}`);
  }
}

const now = (): number => performance.now();

/**
 * The run's gradient check, computed in slices of CHECK_SLICE_MS with a yield between them, so
 * the worker keeps answering (pings, pause, reset, configure) however long the check takes:
 * seconds at the largest network. One check at a time; a newer one replaces it.
 */
export class GradientChecks {
  private current?: { task: GradientCheckTask; stop: (error: Error) => void };
  private readonly yielder = new MessageChannel();
  private nextSlice?: () => void;

  constructor() {
    this.yielder.port1.onmessage = () => this.nextSlice?.();
  }

  /** a check is under way */
  get running(): boolean {
    return this.current !== undefined;
  }

  /**
   * Backprop's gradients against central differences, at the run's parameters as they are now
   * (training may go on meanwhile; the report names the iteration checked), or at `at.params`,
   * the parameters the page shows at `at.iteration` (treated as hostile, as gradientsAt does).
   * Rejects with a GradientCheckInterruptedError if interrupted first.
   */
  check(run: Run, at?: GradientCheckSubject): Promise<GradientCheckReport> {
    // a bad subject throws before the check under way is touched
    const subject = at === undefined ? undefined : checkedSubject(run, at);
    this.interrupt('a newer gradient check');
    const { X, T, trainer, id, shape } = run;
    const iteration = subject ? subject.iteration : trainer.iteration;
    const task = startGradientCheck(X, T, subject ? unpackParams(subject.params, shape) : trainer.params);
    return new Promise((resolve, reject) => {
      const current = { task, stop: reject };
      this.current = current;
      const slice = (): void => {
        if (this.current !== current) return;
        try {
          const deadline = now() + CHECK_SLICE_MS;
          while (!task.advance(1) && now() < deadline);
          if (!task.done) {
            this.yieldThen(slice);
            return;
          }
          this.current = undefined;
          const report = task.result();
          resolve({
            runId: id,
            iteration,
            ok: report.ok,
            maxAbsDiff: report.maxAbsDiff,
            maxRelDiff: report.maxRelDiff,
            entries: report.entries.map((e) => ({ ...e })),
          });
        } catch (err) {
          this.current = undefined;
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      this.yieldThen(slice);
    });
  }

  /** Stops the check under way, if any: it rejects, saying what stopped it. */
  interrupt(by: CheckInterruption): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.stop(new GradientCheckInterruptedError(by));
  }

  /** Runs `next` after the messages already queued (a macrotask; no timer clamping). */
  private yieldThen(next: () => void): void {
    this.nextSlice = next;
    this.yielder.port2.postMessage(0);
  }
}

/** Class probabilities (P×C) and hidden activations (P×H) at `points` (P×D row-major). */
export function evaluateAt(run: Run, points: Float64Array): Evaluation {
  const { shape, trainer } = run;
  if (!(points instanceof Float64Array) || points.length % shape.inputs !== 0) {
    throw new TypeError(
      `evaluate: points must be a Float64Array of P×${shape.inputs} coordinates; got ${describe(points)}`,
    );
  }
  const P = points.length / shape.inputs;
  if (P === 0) {
    return { probabilities: new Float64Array(0), hidden: new Float64Array(0), points: 0, shape };
  }
  const X: Matrix = { rows: P, cols: shape.inputs, data: points };
  const { Wh, bh, Wo, bo } = trainer.params;
  const H = hiddenActivations(X, Wh, bh);
  const probabilities = outputActivations(H, Wo, bo).data;
  const hidden = H.data;
  return transfer({ probabilities, hidden, points: P, shape }, [probabilities.buffer, hidden.buffer]);
}

/**
 * Backprop's gradients J = ∂ξ/∂P at `params` (packed, the run's shape; treated as hostile: a
 * Float64Array of the right length, every entry finite) on the run's training data: the
 * core's backpropGradients, so they equal numpy's `backprop_gradients`. With `iteration`, also
 * the update V = −ε·J + μ·V that produced the parameters of that iteration: the trainer's
 * velocities at its latest iteration, else the velocities the history kept with iteration k,
 * or those the last seek replayed to k (null when neither has them).
 */
export function gradientsAt(run: Run, params: Float64Array, iteration?: number): StepGradients {
  const { shape, trainer, history, X, T, id } = run;
  const count = paramCount(shape);
  checkPacked('gradientsAt', run, params);
  if (iteration !== undefined && (!Number.isInteger(iteration) || iteration < 0)) {
    throw new RangeError(`gradientsAt: iteration must be a non-negative integer; got ${describe(iteration)}`);
  }
  const gradients = packParams(backpropGradients(X, T, unpackParams(params, shape)));
  let update: Float64Array | null = null;
  if (iteration !== undefined && iteration > 0) {
    if (iteration === trainer.iteration) {
      update = packParams(trainer.velocities);
    } else {
      // a kept snapshot is the parameters then the velocities: V_k is the update P_k − P_{k−1}
      const now = history.at(iteration);
      if (now?.iteration === iteration) update = now.params.slice(count, 2 * count);
      // between kept snapshots: the velocities of the last seek's replay, if it got there
      else if (run.cursor?.iteration === iteration) update = run.cursor.velocities.slice();
    }
  }
  const buffers = update ? [gradients.buffer, update.buffer] : [gradients.buffer];
  return transfer({ runId: id, iteration: iteration ?? null, gradients, update, shape }, buffers);
}

/** `params` is a Float64Array of the run's packed parameters, every one finite; else throws saying which. */
function checkPacked(fn: string, run: Run, params: unknown): asserts params is Float64Array {
  const { shape } = run;
  const count = paramCount(shape);
  if (!(params instanceof Float64Array) || params.length !== count) {
    throw new TypeError(
      `${fn}: params must be a Float64Array of ${count} packed parameters (D = ${shape.inputs}, H = ${shape.hidden}, C = ${shape.classes}); got ${describe(params)}`,
    );
  }
  const bad = params.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${fn}: params[${bad}] must be finite; got ${params[bad]}`);
}

/** A gradient check's subject from the page, checked: the run's packed parameters and an iteration it has had. */
function checkedSubject(run: Run, at: unknown): GradientCheckSubject {
  if (typeof at !== 'object' || at === null) {
    throw new TypeError(`gradientCheck: the subject must be { params, iteration }; got ${describe(at)}`);
  }
  const { params, iteration } = at as Record<string, unknown>;
  checkPacked('gradientCheck', run, params);
  const latest = run.trainer.iteration;
  if (typeof iteration !== 'number' || !Number.isInteger(iteration) || iteration < 0 || iteration > latest) {
    throw new RangeError(
      `gradientCheck: iteration must be an integer from 0 to ${latest} (the latest); got ${describe(iteration)}`,
    );
  }
  return { params, iteration };
}

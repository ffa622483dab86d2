// The learning rate and momentum in force at each iteration of a run, so a replay steps with
// the very hyperparameters the run used (a configure may change them mid-run without a new run).
// Pure, no worker globals.
import type { Hyperparameters } from '../src/core/types';

/** Changes kept at most: 24 B each, 384 KiB in all (counted in run.ts's budget). */
export const MAX_HYPERPARAMETER_CHANGES = 16_384;

export class HyperparameterLog {
  /** iterations from which each entry's values apply (to the updates after it), increasing */
  private readonly from: number[] = [];
  private readonly values: Hyperparameters[] = [];
  /**
   * Replays starting before this iteration would cross changes the log no longer holds: after
   * MAX_HYPERPARAMETER_CHANGES changes, the oldest half is dropped. 0 in any ordinary run.
   */
  exactFrom = 0;

  constructor(initial: Hyperparameters) {
    this.from.push(0);
    this.values.push({ ...initial });
  }

  get length(): number {
    return this.from.length;
  }

  /** The updates after `iteration` use `hyper` (until the next change). */
  set(iteration: number, hyper: Hyperparameters): void {
    const last = this.from.length - 1;
    const current = this.values[last];
    if (current.learningRate === hyper.learningRate && current.momentum === hyper.momentum) return;
    if (this.from[last] === iteration) {
      // Several changes between two updates: only the last one trains.
      this.values[last] = { ...hyper };
      return;
    }
    if (this.from.length >= MAX_HYPERPARAMETER_CHANGES) {
      const drop = this.from.length >> 1;
      this.from.splice(0, drop);
      this.values.splice(0, drop);
      this.exactFrom = this.from[0];
    }
    this.from.push(iteration);
    this.values.push({ ...hyper });
  }

  /** The hyperparameters of the update that takes the run from `iteration` to `iteration + 1`. */
  at(iteration: number): Hyperparameters {
    let i = this.from.length - 1;
    while (i > 0 && this.from[i] > iteration) i--;
    return this.values[i];
  }

  /** The first iteration after `iteration` at which the hyperparameters change (Infinity if none). */
  nextChange(iteration: number): number {
    for (let i = 0; i < this.from.length; i++) if (this.from[i] > iteration) return this.from[i];
    return Infinity;
  }

  /** Forgets the changes after `iteration` (a branch), then the run goes on with `hyper`. */
  truncate(iteration: number, hyper: Hyperparameters): void {
    while (this.from.length > 1 && this.from[this.from.length - 1] > iteration) {
      this.from.pop();
      this.values.pop();
    }
    this.set(iteration, hyper);
  }
}

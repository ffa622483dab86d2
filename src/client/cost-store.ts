// Every recorded cost of the current run, iteration 0 first, in one growable Float64Array
// (columnar, so a chart can read it without copying). Appends are amortised O(1).

/** The store as its readers see it: only its owner (the client) appends or clears. */
export interface ReadonlyCostStore {
  /** costs recorded, iteration 0 first */
  readonly length: number;
  /** bumps on every change, so views can tell whether to redraw */
  readonly version: number;
  /** the costs as a view (valid until the next change; the same object until then) */
  readonly values: Float64Array;
  /** a copy */
  toArray(): Float64Array;
}

export class CostStore implements ReadonlyCostStore {
  private buffer = new Float64Array(1024);
  private count = 0;
  private revision = 0;
  /** the view handed out for `version` (one object per version, so views can compare) */
  private view = new Float64Array(0);
  private viewVersion = -1;

  get length(): number {
    return this.count;
  }

  get version(): number {
    return this.revision;
  }

  /** The costs as a view (valid until the next append or clear; the same object until then). */
  get values(): Float64Array {
    if (this.viewVersion !== this.revision) {
      this.view = this.buffer.subarray(0, this.count);
      this.viewVersion = this.revision;
    }
    return this.view;
  }

  clear(): void {
    this.count = 0;
    this.revision += 1;
  }

  /** Keeps the costs of iterations 0 … length − 1 (a branch went back). */
  truncate(length: number): void {
    if (length >= this.count) return;
    this.count = Math.max(0, length);
    this.revision += 1;
  }

  /**
   * Appends the costs of iterations `first …`. `first` must be the next iteration this store
   * expects (its length), so a gap or a repeat is caught rather than silently drawn.
   */
  append(first: number, costs: Float64Array): void {
    if (first !== this.count) {
      throw new RangeError(`CostStore.append: expected iteration ${this.count} next; got ${first}`);
    }
    if (costs.length === 0) return;
    const needed = this.count + costs.length;
    if (needed > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < needed) size *= 2;
      const next = new Float64Array(size);
      next.set(this.buffer.subarray(0, this.count));
      this.buffer = next;
    }
    this.buffer.set(costs, this.count);
    this.count = needed;
    this.revision += 1;
  }

  /** A copy, for the public `costs` property. */
  toArray(): Float64Array {
    return this.buffer.slice(0, this.count);
  }
}

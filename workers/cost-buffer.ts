// The costs computed since the last delivered batch: a growable Float64Array reused across
// batches, so steady streaming allocates only the batch that is transferred away.

/** Costs queued for a page that does not acknowledge before training waits for it. */
export const MAX_PENDING = 1 << 18;

export class CostBuffer {
  private buffer = new Float64Array(1024);
  /** iteration of the first pending cost */
  first = 0;
  length = 0;

  /** Starts over at `first` (a new run, or right after a batch left). */
  restart(first: number): void {
    this.first = first;
    this.length = 0;
  }

  /** Keeps the first `count` pending costs. */
  truncate(count: number): void {
    this.length = Math.max(0, Math.min(this.length, count));
  }

  push(cost: number): void {
    if (this.length === this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    this.buffer[this.length++] = cost;
  }

  /** A writable window for `count` more costs (filled by the trainer, then `commit`). */
  reserve(count: number): { target: Float64Array; offset: number } {
    while (this.length + count > this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2);
      next.set(this.buffer.subarray(0, this.length));
      this.buffer = next;
    }
    return { target: this.buffer, offset: this.length };
  }

  commit(count: number): void {
    this.length += count;
  }

  /** The pending costs as a fresh array (to transfer), then empty from the next iteration on. */
  take(): Float64Array {
    const out = this.buffer.slice(0, this.length);
    this.first += this.length;
    this.length = 0;
    return out;
  }
}

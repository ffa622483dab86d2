// Snapshots of past iterations, for replay (`seek`, `getSnapshot`). Pure, no worker globals.
// Each snapshot is `size` numbers: the worker stores the packed parameters then the packed
// velocities (2·P), so training can resume from any kept snapshot exactly.
//
// Only iterations that are multiples of the stride are kept. The stride starts at
// `replayStride(N, P, engine)`: as long as replaying a gap (stride − 1 updates, from the kept
// snapshot before it) stays well under a millisecond, so a seek anywhere is still exact and
// cheap, while the training loop calls the engine once per stride rather than once per
// iteration (a call costs the WebAssembly engine more than an update of the tutorial's
// network). When the store would pass its byte budget it thins itself: it keeps every other
// stored snapshot (iterations that are multiples of 2·stride) and doubles the stride, so a run
// of any length keeps at most `capacity` snapshots spread evenly over it. The worker sizes the
// budget so that everything it holds stays under 64 MB (see run.ts): 32 MiB at most, which
// keeps every 64th iteration of the tutorial network on WebAssembly (every 16th on JS; 17
// parameters and 17 velocities, 280 B a snapshot with its iteration) for runs up to about 7.6
// million iterations (1.9 million on JS); longer ones keep every 128th, 256th … iteration, and
// replay fills the gaps. Growing briefly holds the old and the new buffers: at most 1.5× the
// budget.

/**
 * The work a gap between kept snapshots may cost to replay, per engine, in sample × parameter
 * products (an update touches every parameter once per sample, forward and back): ~0.4 ms on
 * a 2-core EPYC either way. The JS engine takes ~12.8 ns a product at the tutorial's size
 * (N·P = 1,700), the WebAssembly engine ~3.2 ns (and less on larger networks).
 */
export const REPLAY_GAP_WORK = { js: 1 << 15, wasm: 1 << 17 } as const;

/** The largest starting stride: an update has a fixed cost too (a few µs), however small the network. */
export const MAX_FIRST_STRIDE = 64;

/**
 * The starting stride of a run of `samples` training rows and `params` parameters on `engine`:
 * the largest power of two (at most MAX_FIRST_STRIDE) whose gap of updates costs at most
 * REPLAY_GAP_WORK to replay (the tutorial's network: 16 on JS, 64 on WebAssembly), 1 for
 * networks whose single update costs that much.
 */
export function replayStride(samples: number, params: number, engine: 'js' | 'wasm'): number {
  const work = Math.max(1, samples * params);
  let stride = 1;
  while (stride < MAX_FIRST_STRIDE && 2 * stride * work <= REPLAY_GAP_WORK[engine]) stride *= 2;
  return stride;
}

/** Default byte budget of the parameter history. */
export const HISTORY_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * What `record` copies from: anything that writes its packed parameters and velocities, as a
 * Trainer does. A recorded snapshot is the parameters, then the velocities (`size` = 2·P).
 */
export interface PackedParamsSource {
  writePackedParams(out: Float64Array, offset: number): void;
  writePackedVelocities(out: Float64Array, offset: number): void;
}

export class SnapshotHistory {
  /** snapshots that fit the budget */
  readonly capacity: number;
  /** only iterations that are multiples of `stride` are stored (starts at `firstStride`, doubles on thinning) */
  stride: number;
  private count = 0;
  private iterations: Float64Array;
  private values: Float64Array;

  constructor(
    /** parameters per snapshot */
    readonly size: number,
    budgetBytes = HISTORY_BUDGET_BYTES,
    /** the stride of a fresh (or cleared) history: 1 keeps every iteration until the budget fills */
    readonly firstStride = 1,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`SnapshotHistory: size must be a positive integer; got ${size}`);
    }
    if (!Number.isInteger(firstStride) || firstStride < 1) {
      throw new RangeError(`SnapshotHistory: firstStride must be a positive integer; got ${firstStride}`);
    }
    this.stride = firstStride;
    // + 8 bytes per snapshot for its iteration number
    this.capacity = Math.max(2, Math.floor(budgetBytes / ((size + 1) * 8)));
    const initial = Math.min(this.capacity, 1024);
    this.iterations = new Float64Array(initial);
    this.values = new Float64Array(initial * size);
  }

  get length(): number {
    return this.count;
  }

  /** bytes held by the buffers (grows by doubling up to the budget) */
  get byteLength(): number {
    return this.iterations.byteLength + this.values.byteLength;
  }

  /** Whether `push(iteration, …)` may store anything (a cheap pre-check that lets callers skip packing). */
  wants(iteration: number): boolean {
    return iteration % this.stride === 0;
  }

  /** The first iteration after `iteration` that `push` would store, so training can run up to it in one call. */
  nextWanted(iteration: number): number {
    return (Math.floor(iteration / this.stride) + 1) * this.stride;
  }

  /**
   * Records the parameters of `iteration` (iterations must increase) from `source[offset ..]`.
   * Iterations that are not a multiple of the current stride are skipped.
   */
  push(iteration: number, source: Float64Array, offset = 0): void {
    const at = this.slot(iteration);
    if (at < 0) return;
    const { values, size } = this;
    for (let j = 0; j < size; j++) values[at + j] = source[offset + j];
    this.count += 1;
  }

  /**
   * As `push`, with `source` (a trainer) writing its packed parameters straight into the store:
   * no scratch copy and no allocation.
   */
  record(iteration: number, source: PackedParamsSource): void {
    const at = this.slot(iteration);
    if (at < 0) return;
    source.writePackedParams(this.values, at);
    source.writePackedVelocities(this.values, at + this.size / 2);
    this.count += 1;
  }

  /**
   * Where the snapshot of `iteration` goes in `values` (thinning or growing the store first),
   * or -1 if the current stride skips it. The caller fills it and counts it.
   */
  private slot(iteration: number): number {
    if (this.count > 0 && iteration <= this.iterations[this.count - 1]) {
      throw new RangeError(
        `SnapshotHistory.push: iteration must increase; got ${iteration} after ${this.iterations[this.count - 1]}`,
      );
    }
    if (iteration % this.stride !== 0) return -1;
    if (this.count === this.capacity) {
      this.thin();
      if (iteration % this.stride !== 0) return -1;
    }
    if (this.count === this.iterations.length) this.grow();
    this.iterations[this.count] = iteration;
    return this.count * this.size;
  }

  /** The stored snapshot at the greatest iteration ≤ `iteration`, or null if none. */
  at(iteration: number): { iteration: number; params: Float64Array } | null {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.iterations[mid] <= iteration) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return null;
    const start = found * this.size;
    return { iteration: this.iterations[found], params: this.values.slice(start, start + this.size) };
  }

  /** Drops the snapshots after `iteration` (a branch: the run goes on from there). */
  truncate(iteration: number): void {
    while (this.count > 0 && this.iterations[this.count - 1] > iteration) this.count -= 1;
  }

  clear(): void {
    this.count = 0;
    this.stride = this.firstStride;
  }

  /**
   * Doubles while the buffers stay at most half the capacity, then jumps to the capacity, so
   * the old and new buffers together never exceed 1.5× the budget.
   */
  private grow(): void {
    const doubled = this.iterations.length * 2;
    const next = doubled <= this.capacity / 2 ? doubled : this.capacity;
    const iterations = new Float64Array(next);
    iterations.set(this.iterations.subarray(0, this.count));
    const values = new Float64Array(next * this.size);
    values.set(this.values.subarray(0, this.count * this.size));
    this.iterations = iterations;
    this.values = values;
  }

  /** Keeps the snapshots at multiples of 2·stride, in place, and doubles the stride. */
  private thin(): void {
    const stride = this.stride * 2;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.iterations[i] % stride !== 0) continue;
      if (kept !== i) {
        this.iterations[kept] = this.iterations[i];
        this.values.copyWithin(kept * this.size, i * this.size, (i + 1) * this.size);
      }
      kept += 1;
    }
    this.count = kept;
    this.stride = stride;
  }
}

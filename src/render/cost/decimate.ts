// Incremental min/max decimation of a growing series (the cost curve), so a chart draws
// O(width) points however long the history is, and each frame costs O(appended + buckets),
// never O(history).
//
// Bucket b covers iterations [b·2^k, (b+1)·2^k) and keeps the smallest and the largest finite
// value in it, with their iterations. Appending touches only the new values. When the bucket
// count would exceed `maxBuckets`, adjacent pairs merge and the width doubles (k += 1): that
// costs O(maxBuckets) once per doubling of the history, so O(1) amortised per value.
// `output()` regroups the buckets to the chart's pixel columns (powers of two again), emitting
// each column's min and max in iteration order, plus the first and last finite points.
// Non-finite values (NaN, ±Infinity at divergence) are skipped, never drawn.
//
// Pure: no DOM, no Lit; runs in Node.

export interface DecimatorOptions {
  /** most buckets kept before pairs merge; a power of two (default 2048) */
  maxBuckets?: number;
}

export interface DecimatedSeries {
  /** iterations, strictly increasing */
  x: Float64Array;
  /** values at those iterations */
  y: Float64Array;
  length: number;
}

export interface OutputOptions {
  /**
   * The narrowest column worth telling apart, in iterations (the x span of one pixel column).
   * Buckets are grouped by powers of two until a group is at least this wide. Default 1: every
   * bucket is its own column.
   */
  columnWidth?: number;
  /**
   * For a log axis: values ≤ 0 become the smallest positive value seen (or 1 if none), so the
   * chart never takes the log of zero or a negative number.
   */
  clampPositive?: boolean;
}

const EMPTY = -1;

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export class MinMaxDecimator {
  readonly maxBuckets: number;
  /**
   * Values read from the input since construction (resets do not clear it). Each value is read
   * once, so after `update()` this grows by exactly the number of newly appended values.
   */
  processed = 0;
  /** how many times pairs merged (each costs O(maxBuckets)) */
  merges = 0;

  private shift = 0;
  private count = 0;
  private seen = 0;
  private head = 0;
  private tail = 0;
  // Per bucket: iteration and value of its minimum and maximum (EMPTY: no finite value yet).
  private readonly minX: Float64Array;
  private readonly minY: Float64Array;
  private readonly maxX: Float64Array;
  private readonly maxY: Float64Array;
  private firstX = EMPTY;
  private firstY = 0;
  private lastX = EMPTY;
  private lastY = 0;
  private minPositive = Infinity;
  // Output columns reuse one buffer: up to 2 points per bucket plus the first and last.
  private readonly outX: Float64Array;
  private readonly outY: Float64Array;

  constructor(options: DecimatorOptions = {}) {
    const maxBuckets = options.maxBuckets ?? 2048;
    if (!Number.isInteger(maxBuckets) || maxBuckets < 2 || (maxBuckets & (maxBuckets - 1)) !== 0) {
      throw new RangeError(`maxBuckets must be a power of two ≥ 2; got ${maxBuckets}`);
    }
    this.maxBuckets = maxBuckets;
    this.minX = new Float64Array(maxBuckets);
    this.minY = new Float64Array(maxBuckets);
    this.maxX = new Float64Array(maxBuckets);
    this.maxY = new Float64Array(maxBuckets);
    this.outX = new Float64Array(2 * maxBuckets + 2);
    this.outY = new Float64Array(2 * maxBuckets + 2);
  }

  /** values consumed so far (the input length at the last update) */
  get consumed(): number {
    return this.seen;
  }

  /** iterations per bucket (a power of two) */
  get bucketWidth(): number {
    return 2 ** this.shift;
  }

  get bucketCount(): number {
    return this.count;
  }

  /** the smallest finite positive value seen, Infinity if none */
  get smallestPositive(): number {
    return this.minPositive;
  }

  /** Forgets everything (a new run). */
  reset(): void {
    this.shift = 0;
    this.count = 0;
    this.seen = 0;
    this.firstX = EMPTY;
    this.lastX = EMPTY;
    this.minPositive = Infinity;
  }

  /**
   * Consumes `values[consumed …]`: the whole series so far, iteration 0 first. Resets first
   * when the series is not a continuation of the one consumed: it is shorter, or its first or
   * last consumed value differs (a new run that already grew past the old length). Reads at
   * most `limit` new values (the rest on the next call).
   * @returns how many values were read
   */
  update(values: ArrayLike<number>, limit = Infinity): number {
    const seen = this.seen;
    const total = values.length;
    if (total < seen || (seen > 0 && (!sameValue(values[0], this.head) || !sameValue(values[seen - 1], this.tail)))) {
      this.reset();
    }
    const from = this.seen;
    // at most `limit` new values a call: a long series is read over several frames
    const n = Math.min(total, from + limit);
    for (let i = from; i < n; i++) this.add(i, values[i]);
    this.seen = n;
    if (n > 0) {
      this.head = values[0];
      this.tail = values[n - 1];
    }
    this.processed += n - from;
    return n - from;
  }

  private add(i: number, v: number): void {
    let b = Math.floor(i / 2 ** this.shift);
    while (b >= this.maxBuckets) {
      this.mergePairs();
      b = Math.floor(i / 2 ** this.shift);
    }
    while (this.count <= b) {
      this.minX[this.count] = EMPTY;
      this.maxX[this.count] = EMPTY;
      this.count += 1;
    }
    if (!Number.isFinite(v)) return;
    if (this.minX[b] === EMPTY || v < this.minY[b]) {
      this.minX[b] = i;
      this.minY[b] = v;
    }
    if (this.maxX[b] === EMPTY || v > this.maxY[b]) {
      this.maxX[b] = i;
      this.maxY[b] = v;
    }
    if (this.firstX === EMPTY) {
      this.firstX = i;
      this.firstY = v;
    }
    this.lastX = i;
    this.lastY = v;
    if (v > 0 && v < this.minPositive) this.minPositive = v;
  }

  /** Halves the bucket count: bucket j becomes buckets 2j and 2j+1 together. */
  private mergePairs(): void {
    const { minX, minY, maxX, maxY } = this;
    const half = Math.ceil(this.count / 2);
    for (let j = 0; j < half; j++) {
      const a = 2 * j;
      const b = a + 1;
      let lo = minX[a];
      let loY = minY[a];
      let hi = maxX[a];
      let hiY = maxY[a];
      if (b < this.count) {
        if (minX[b] !== EMPTY && (lo === EMPTY || minY[b] < loY)) {
          lo = minX[b];
          loY = minY[b];
        }
        if (maxX[b] !== EMPTY && (hi === EMPTY || maxY[b] > hiY)) {
          hi = maxX[b];
          hiY = maxY[b];
        }
      }
      minX[j] = lo;
      minY[j] = loY;
      maxX[j] = hi;
      maxY[j] = hiY;
    }
    this.count = half;
    this.shift += 1;
    this.merges += 1;
  }

  /**
   * The decimated series as columns for a chart (views into a buffer reused by the next call).
   * O(bucketCount), independent of the history's length.
   */
  output(options: OutputOptions = {}): DecimatedSeries {
    const { outX, outY, minX, minY, maxX, maxY } = this;
    const width = 2 ** this.shift;
    const wanted = Math.max(1, options.columnWidth ?? 1);
    let group = 1;
    while (group * width < wanted && group < this.count) group *= 2;
    const floor = options.clampPositive ? (Number.isFinite(this.minPositive) ? this.minPositive : 1) : -Infinity;

    let n = 0;
    let prev = -Infinity;
    const push = (x: number, y: number): void => {
      if (x <= prev) return;
      outX[n] = x;
      outY[n] = y < floor ? floor : y;
      n += 1;
      prev = x;
    };

    if (this.firstX !== EMPTY) push(this.firstX, this.firstY);
    for (let g = 0; g < this.count; g += group) {
      let lo = EMPTY;
      let loY = 0;
      let hi = EMPTY;
      let hiY = 0;
      const end = Math.min(g + group, this.count);
      for (let b = g; b < end; b++) {
        if (minX[b] !== EMPTY && (lo === EMPTY || minY[b] < loY)) {
          lo = minX[b];
          loY = minY[b];
        }
        if (maxX[b] !== EMPTY && (hi === EMPTY || maxY[b] > hiY)) {
          hi = maxX[b];
          hiY = maxY[b];
        }
      }
      if (lo === EMPTY) continue;
      if (lo <= hi) {
        push(lo, loY);
        push(hi, hiY);
      } else {
        push(hi, hiY);
        push(lo, loY);
      }
    }
    if (this.lastX !== EMPTY) push(this.lastX, this.lastY);
    return { x: outX.subarray(0, n), y: outY.subarray(0, n), length: n };
  }
}

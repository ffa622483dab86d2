// numpy's legacy `np.random.RandomState` for integer seeds, so that one seed gives the same
// data and initial parameters here as in the tutorial's notebook.
//
// - Bit generator: MT19937, seeded like `np.random.seed(s)` (the reference `init_genrand`).
// - Uniforms (`random_sample`): 53 bits from two words, bit-exact with numpy.
// - Gaussians (`randn`, `normal`): Marsaglia's polar method with a one-value cache, as numpy's
//   `legacy_gauss`. They call Math.log and Math.sqrt; V8's log differs from glibc's by 1 ulp on
//   a few percent of inputs, so a Gaussian can differ from numpy's by a few ulp (~1e-15).
// - `uniform(low, high)`: low + (high − low)·u, bit-exact with numpy's legacy `uniform`.
// - Integers in [0, max] (`randomInterval`, used by `shuffle`): numpy's masked rejection
//   sampling on 32-bit words, bit-exact for max < 2^32.
import { checkInteger, checkNumber, describe } from './errors';
import type { Matrix } from './types';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The generator's state, as numpy's `get_state()` reports it. */
export interface RandomStateSnapshot {
  /** the 624 words of the MT19937 key */
  key: Uint32Array;
  /** index of the next word to temper, 0..624 (624: regenerate first) */
  pos: number;
  /** whether a Gaussian is cached from the last polar pair */
  hasGauss: boolean;
  /** the cached Gaussian (0 when none) */
  gauss: number;
}

export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;
  private hasGauss = false;
  private cachedGauss = 0;

  /** `np.random.RandomState(seed)`; seed is a whole number in [0, 2^32 − 1]. */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** `np.random.seed(seed)`: MT19937 `init_genrand(seed)`, and the Gaussian cache cleared. */
  seed(seed: number): void {
    checkInteger('RandomState.seed', 'seed', seed, 0, 0xffffffff);
    const key = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      key[i] = s;
      // key[i+1] = 1812433253 · (key[i] ⊕ (key[i] >> 30)) + i + 1   (mod 2^32)
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
    this.pos = N;
    this.hasGauss = false;
    this.cachedGauss = 0;
  }

  /** A copy of the state (numpy: `get_state()` → key, pos, has_gauss, cached_gaussian). */
  getState(): RandomStateSnapshot {
    return { key: this.key.slice(), pos: this.pos, hasGauss: this.hasGauss, gauss: this.cachedGauss };
  }

  /** The next tempered 32-bit word, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos === N) this.regenerate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits: (a·2^26 + b) / 2^53, a 27 bits, b 26. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A standard normal draw, numpy's legacy polar method (`legacy_gauss`): draw x1, x2 uniform
   * in (−1, 1) until 0 < r² = x1² + x2² < 1, f = √(−2 ln r² / r²); return f·x2 and cache f·x1
   * for the next call. Only `seed` clears the cache.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      const g = this.cachedGauss;
      this.hasGauss = false;
      this.cachedGauss = 0;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * `uniform(low, high)`: one draw of numpy's legacy `random_uniform`, low + (high − low)·u with
   * u = randomSample(), so bit-exact with numpy. `uniform(low, high, size)` fills row-major,
   * one call per entry.
   */
  uniform(low = 0, high = 1): number {
    checkNumber('RandomState.uniform', 'low', low);
    checkNumber('RandomState.uniform', 'high', high);
    const range = high - low;
    // numpy raises OverflowError when high − low is not finite (e.g. ±1.7e308).
    if (!Number.isFinite(range)) {
      throw new RangeError(`RandomState.uniform: high − low must be finite; got ${high} − ${low}`);
    }
    return low + range * this.randomSample();
  }

  /** `normal(loc, scale)`: loc + scale·g, one Gaussian. */
  normal(loc = 0, scale = 1): number {
    checkNumber('RandomState.normal', 'loc', loc);
    checkNumber('RandomState.normal', 'scale', scale, { min: 0 });
    return loc + scale * this.standardNormal();
  }

  /** `randn(rows, cols)`: a rows×cols matrix of standard normals, filled row-major. */
  randn(rows: number, cols: number): Matrix {
    checkInteger('RandomState.randn', 'rows', rows, 1);
    checkInteger('RandomState.randn', 'cols', cols, 1);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = this.standardNormal();
    return { rows, cols, data };
  }

  /**
   * A uniform integer in [0, max], numpy's `random_interval`: take 32-bit words masked to the
   * smallest all-ones mask ≥ max until one is ≤ max. max must be below 2^32 (numpy switches to
   * 64-bit words above that).
   */
  randomInterval(max: number): number {
    checkInteger('RandomState.randomInterval', 'max', max, 0, 0xffffffff);
    return this.interval(max);
  }

  private interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /**
   * Shuffles a 1-D array in place as numpy's legacy `RandomState.shuffle` does: Fisher–Yates
   * from the end, for i = n−1 down to 1 swapping a[i] with a[random_interval(i)].
   */
  shuffle(a: Int32Array | Float64Array | number[]): void {
    if (!Array.isArray(a) && !(a instanceof Int32Array) && !(a instanceof Float64Array)) {
      throw new TypeError(`RandomState.shuffle: a must be an Int32Array, Float64Array or number[]; got ${describe(a)}`);
    }
    for (let i = a.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const tmp = a[j];
      a[j] = a[i];
      a[i] = tmp;
    }
  }

  /** `permutation(n)`: arange(n), shuffled. */
  permutation(n: number): Int32Array {
    checkInteger('RandomState.permutation', 'n', n, 0, 0x7fffffff);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /** MT19937's twist: the next 624 words of key, from the current ones. */
  private regenerate(): void {
    const key = this.key;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }
}

// The JS trainer's pass over the samples for the app's case, D = 2 inputs and C = 2 classes:
// everything one iteration needs of new parameters P (the outputs Y, the cost, the gradients
// J) in one sweep over the data, instead of forwardHiddenD2, forwardOutputC2, crossEntropy and
// backwardD2C2 one after another. Every value is computed by the same operations in the same
// order as those kernels (each sum still runs over the samples in ascending order, the logits'
// over the hidden units j), so the bits are theirs: only the schedule differs.
//
// Per tile of samples, with the last three hidden units (the "tail"; all of them at the
// tutorial's H = 3) kept in registers:
//   1. head units 0 … H − 4, two per sweep: their activations for the tile (stored, hidden-major)
//      and their share of the logits;
//   2. for each sample: the tail's activations, the logits, the softmax, the output errors
//      Eo = Y − T, and the tail's gradient sums (in locals), all without leaving registers;
//   3. head units, two per sweep: Eh and their gradient sums over the tile (in locals).
// At H ≤ 3 only step 2 runs: one loop, reading x and t and nothing else per sample.
//
// Why: in V8 each typed-array access costs a bounds check and index arithmetic besides the
// load, so a loop's speed is mostly how many accesses it makes per sample; and a call in a loop
// (Math.exp's fallback, Math.log) makes the JIT spill the loop's values around it. The pass uses
// expInRange, without a call, because fusedPassApplies bounded every argument of exp beforehand
// from P and the data; parameters outside those bounds (a saturated unit, logits ~700 apart)
// take the reference kernels instead, which call Math.exp where it matters.
import { expInRange } from './exp';

/**
 * What `trainPassD2C2` reads and writes, in one Float64Array (`values`, at the offsets below):
 * one array, because each typed array a loop touches costs the JIT a check and a reload of its
 * fields.
 */
export interface PassBuffers {
  readonly values: Float64Array;
  /** N, H, and the samples per tile (the last tile may be shorter) */
  readonly samples: number;
  readonly hidden: number;
  readonly tile: number;
  /** X's columns x0, x1 (N each), copied */
  readonly x0At: number;
  readonly x1At: number;
  /** T's columns t0, t1 (N each), copied */
  readonly t0At: number;
  readonly t1At: number;
  /** Y, N×2 row-major (createPassBuffers' `outputs` is a view of it) */
  readonly yAt: number;
  /** the head units' activations for one tile, (H − 3)×tile: unit j's at hAt + j·tile */
  readonly hAt: number;
  /** per sample of the tile: the head's share of the logits, H·Wo[:, 0] and H·Wo[:, 1] */
  readonly z0At: number;
  readonly z1At: number;
  /** per sample of the tile: the output errors Eo = Y − T (for the head's backward sweep) */
  readonly e0At: number;
  readonly e1At: number;
  /** the sums carried from tile to tile: Σ Eo₀, Σ Eo₁, Σ T ⊙ log Y */
  readonly sumsAt: number;
  /** max |x0| and max |x1| over the samples: fusedPassApplies bounds the hidden logits with them */
  readonly maxAbsX0: number;
  readonly maxAbsX1: number;
}

/** The hidden units every sample's loop keeps in registers (step 2). */
const TAIL = 3;

/** About 16 KB of head activations per tile: a tile stays in L1 between the sweeps over it. */
const TILE_VALUES = 2048;

/**
 * The bound on every argument of exp in the pass: expInRange holds on (−707, 709); 700 leaves
 * room for the rounding of the logits' sums (relative 1e-15) many times over.
 */
const EXP_LIMIT = 700;

/**
 * The buffers of trainPassD2C2 for X (N×2) and T (N×2) through H hidden units; X and T are
 * copied. `outputs` is the view of Y the workspace binds as its outputActivations.
 */
export function createPassBuffers(
  X: Float64Array,
  T: Float64Array,
  hidden: number,
): { buffers: PassBuffers; outputs: Float64Array } {
  const n = X.length / 2;
  const head = Math.max(0, hidden - TAIL);
  const tile = Math.max(1, Math.min(n, head === 0 ? n : Math.max(32, Math.floor(TILE_VALUES / head))));
  const x0At = 0;
  const x1At = n;
  const t0At = 2 * n;
  const t1At = 3 * n;
  const yAt = 4 * n;
  const hAt = 6 * n;
  const z0At = hAt + head * tile;
  const z1At = z0At + tile;
  const e0At = z1At + tile;
  const e1At = e0At + tile;
  const sumsAt = e1At + tile;
  const values = new Float64Array(sumsAt + 3);
  let maxAbsX0 = 0;
  let maxAbsX1 = 0;
  for (let i = 0; i < n; i++) {
    values[x0At + i] = X[2 * i];
    values[x1At + i] = X[2 * i + 1];
    values[t0At + i] = T[2 * i];
    values[t1At + i] = T[2 * i + 1];
    maxAbsX0 = Math.max(maxAbsX0, Math.abs(X[2 * i]));
    maxAbsX1 = Math.max(maxAbsX1, Math.abs(X[2 * i + 1]));
  }
  const buffers: PassBuffers = {
    values,
    samples: n,
    hidden,
    tile,
    x0At,
    x1At,
    t0At,
    t1At,
    yAt,
    hAt,
    z0At,
    z1At,
    e0At,
    e1At,
    sumsAt,
    maxAbsX0,
    maxAbsX1,
  };
  return { buffers, outputs: values.subarray(yAt, yAt + 2 * n) };
}

/**
 * Whether trainPassD2C2 computes P's pass (packed: Wh 2×H, bh, Wo H×2, bo; see packParams):
 * whether every exponent it takes is sure to be inside (−700, 700), so expInRange gives exp's
 * value. The hidden unit j's −z is at most max|x0|·|Wh[0][j]| + max|x1|·|Wh[1][j]| + |bh[j]|;
 * the softmax's |z1 − z0| = |Σ_j H_j·(Wo[j][1] − Wo[j][0]) + bo1 − bo0| with 0 < H_j ≤ 1 is at
 * most Σ_j |Wo[j][1] − Wo[j][0]| + |bo1 − bo0|. False for non-finite P. Where false, the
 * reference kernels compute the pass (their exp falls back to Math.exp).
 */
export function fusedPassApplies(buffers: PassBuffers, p: Float64Array): boolean {
  const { hidden: nh, maxAbsX0, maxAbsX1 } = buffers;
  let spread = Math.abs(p[5 * nh + 1] - p[5 * nh]);
  for (let j = 0; j < nh; j++) {
    const bound = maxAbsX0 * Math.abs(p[j]) + maxAbsX1 * Math.abs(p[nh + j]) + Math.abs(p[2 * nh + j]);
    if (!(bound < EXP_LIMIT)) return false;
    spread += Math.abs(p[3 * nh + 2 * j + 1] - p[3 * nh + 2 * j]);
  }
  return spread < EXP_LIMIT;
}

/**
 * The pass for packed parameters P for which fusedPassApplies holds: the gradients J into g
 * (packed like P) and, with `withCost`, the outputs Y (into the buffers' Y) and the cost ξ,
 * which it returns. Without `withCost` it returns 0 and leaves Y as it was: within the bounds
 * every probability is at least e^−700 > 0, so the cost is finite (for targets in [0, 1]).
 */
export function trainPassD2C2(buffers: PassBuffers, p: Float64Array, g: Float64Array, withCost: boolean): number {
  const { values: m, samples: n, hidden: nh, tile, sumsAt } = buffers;
  for (let k = 0; k < g.length; k++) g[k] = 0;
  m[sumsAt] = 0;
  m[sumsAt + 1] = 0;
  m[sumsAt + 2] = 0;
  for (let i0 = 0; i0 < n; i0 += tile) {
    const count = Math.min(tile, n - i0);
    if (nh > TAIL) headForward(buffers, p, i0, count);
    tailSweep(buffers, p, g, i0, count, withCost);
    if (withCost) costSweep(buffers, i0, count);
    if (nh > TAIL) headBackward(buffers, p, g, i0, count);
  }
  g[5 * nh] = m[sumsAt];
  g[5 * nh + 1] = m[sumsAt + 1];
  return withCost ? 0 - m[sumsAt + 2] : 0;
}

/**
 * Step 1: head units 0 … H − 4 for samples i0 … i0 + count − 1, two per sweep (the logits'
 * sums still add unit j before unit j + 1). It computes −z = x0·(−Wh[0][j]) + x1·(−Wh[1][j]) +
 * (−bh[j]), the exact negation of forwardHiddenD2's z + bh[j] (rounding is symmetric), so
 * σ(z) = 1 / (1 + e^−z) needs no negation per sample.
 */
function headForward(buffers: PassBuffers, p: Float64Array, i0: number, count: number): void {
  const { values: m, hidden: nh, tile, hAt, z0At, z1At } = buffers;
  const x0At = buffers.x0At + i0;
  const x1At = buffers.x1At + i0;
  const units = nh - TAIL;
  for (let s = 0; s < count; s++) {
    m[z0At + s] = 0;
    m[z1At + s] = 0;
  }
  let j = 0;
  for (; j + 1 < units; j += 2) {
    const nwA0 = -p[j];
    const nwB0 = -p[j + 1];
    const nwA1 = -p[nh + j];
    const nwB1 = -p[nh + j + 1];
    const nbA = -p[2 * nh + j];
    const nbB = -p[2 * nh + j + 1];
    const woA0 = p[3 * nh + 2 * j];
    const woA1 = p[3 * nh + 2 * j + 1];
    const woB0 = p[3 * nh + 2 * j + 2];
    const woB1 = p[3 * nh + 2 * j + 3];
    const rowA = hAt + j * tile;
    const rowB = rowA + tile;
    for (let s = 0; s < count; s++) {
      const x0 = m[x0At + s];
      const x1 = m[x1At + s];
      const hA = 1 / (1 + expInRange(x0 * nwA0 + x1 * nwA1 + nbA));
      const hB = 1 / (1 + expInRange(x0 * nwB0 + x1 * nwB1 + nbB));
      m[rowA + s] = hA;
      m[rowB + s] = hB;
      m[z0At + s] = m[z0At + s] + hA * woA0 + hB * woB0;
      m[z1At + s] = m[z1At + s] + hA * woA1 + hB * woB1;
    }
  }
  if (j < units) {
    const nw0 = -p[j];
    const nw1 = -p[nh + j];
    const nb = -p[2 * nh + j];
    const wo0 = p[3 * nh + 2 * j];
    const wo1 = p[3 * nh + 2 * j + 1];
    const row = hAt + j * tile;
    for (let s = 0; s < count; s++) {
      const hv = 1 / (1 + expInRange(m[x0At + s] * nw0 + m[x1At + s] * nw1 + nb));
      m[row + s] = hv;
      m[z0At + s] += hv * wo0;
      m[z1At + s] += hv * wo1;
    }
  }
}

/**
 * Step 2 for samples i0 … i0 + count − 1: the tail units A, B, C (H − 3, H − 2, H − 1), the
 * logits (the head's share, then A, B, C, then bo, as H·Wo + bo sums), the softmax, the errors,
 * and the tail's gradient sums, carried in locals from where the previous tile left them in g.
 * At H < 3 the missing tail units are padding: weights 0, so each adds +0 to a logit sum that
 * starts at +0 (no change at all), and their gradients are dropped.
 *
 * The stable softmax of two as forwardOutputC2: e^−|z1 − z0| is its e^(z0 − z1) or e^(z1 − z0),
 * and 1 + e its sum e^0 + e (in either order, the same sum). backwardD2C2's Eo·Woᵀ is
 * (0 + e0·Wo[j][0]) + e1·Wo[j][1]; without the 0 only a zero's sign can differ, and Eh = ±0 adds
 * nothing to sums that start at +0.
 */
function tailSweep(
  buffers: PassBuffers,
  p: Float64Array,
  g: Float64Array,
  i0: number,
  count: number,
  withCost: boolean,
): void {
  const { values: m, hidden: nh, z0At, z1At, e0At, e1At, sumsAt } = buffers;
  const x0At = buffers.x0At + i0;
  const x1At = buffers.x1At + i0;
  const t0At = buffers.t0At + i0;
  const t1At = buffers.t1At + i0;
  const yAt = buffers.yAt + 2 * i0;
  const head = nh > TAIL;
  // a boolean the JIT knows as one (a parameter's `if` would test any value, every sample)
  const storeY = withCost === true;
  const a = nh - 3;
  const b = nh - 2;
  const c = nh - 1;
  const nwA0 = a >= 0 ? -p[a] : 0;
  const nwA1 = a >= 0 ? -p[nh + a] : 0;
  const nbA = a >= 0 ? -p[2 * nh + a] : 0;
  const woA0 = a >= 0 ? p[3 * nh + 2 * a] : 0;
  const woA1 = a >= 0 ? p[3 * nh + 2 * a + 1] : 0;
  const nwB0 = b >= 0 ? -p[b] : 0;
  const nwB1 = b >= 0 ? -p[nh + b] : 0;
  const nbB = b >= 0 ? -p[2 * nh + b] : 0;
  const woB0 = b >= 0 ? p[3 * nh + 2 * b] : 0;
  const woB1 = b >= 0 ? p[3 * nh + 2 * b + 1] : 0;
  const nwC0 = -p[c];
  const nwC1 = -p[nh + c];
  const nbC = -p[2 * nh + c];
  const woC0 = p[3 * nh + 2 * c];
  const woC1 = p[3 * nh + 2 * c + 1];
  const bo0 = p[5 * nh];
  const bo1 = p[5 * nh + 1];
  let whA0 = a >= 0 ? g[a] : 0;
  let whA1 = a >= 0 ? g[nh + a] : 0;
  let bhA = a >= 0 ? g[2 * nh + a] : 0;
  let woSumA0 = a >= 0 ? g[3 * nh + 2 * a] : 0;
  let woSumA1 = a >= 0 ? g[3 * nh + 2 * a + 1] : 0;
  let whB0 = b >= 0 ? g[b] : 0;
  let whB1 = b >= 0 ? g[nh + b] : 0;
  let bhB = b >= 0 ? g[2 * nh + b] : 0;
  let woSumB0 = b >= 0 ? g[3 * nh + 2 * b] : 0;
  let woSumB1 = b >= 0 ? g[3 * nh + 2 * b + 1] : 0;
  let whC0 = g[c];
  let whC1 = g[nh + c];
  let bhC = g[2 * nh + c];
  let woSumC0 = g[3 * nh + 2 * c];
  let woSumC1 = g[3 * nh + 2 * c + 1];
  let jbo0 = m[sumsAt];
  let jbo1 = m[sumsAt + 1];
  // Software-pipelined: each turn computes the next sample's tail activations before this
  // sample's softmax and backward, so the two dependency chains (each longer than the CPU's
  // reorder window) overlap. The last turn recomputes its own sample's, unused.
  let x0 = m[x0At];
  let x1 = m[x1At];
  let hA = 1 / (1 + expInRange(x0 * nwA0 + x1 * nwA1 + nbA));
  let hB = 1 / (1 + expInRange(x0 * nwB0 + x1 * nwB1 + nbB));
  let hC = 1 / (1 + expInRange(x0 * nwC0 + x1 * nwC1 + nbC));
  for (let s = 0; s < count; s++) {
    const next = s + 1 < count ? s + 1 : s;
    const nx0 = m[x0At + next];
    const nx1 = m[x1At + next];
    const nhA = 1 / (1 + expInRange(nx0 * nwA0 + nx1 * nwA1 + nbA));
    const nhB = 1 / (1 + expInRange(nx0 * nwB0 + nx1 * nwB1 + nbB));
    const nhC = 1 / (1 + expInRange(nx0 * nwC0 + nx1 * nwC1 + nbC));
    const z0 = (head ? m[z0At + s] : 0) + hA * woA0 + hB * woB0 + hC * woC0 + bo0;
    const z1 = (head ? m[z1At + s] : 0) + hA * woA1 + hB * woB1 + hC * woC1 + bo1;
    const ex = expInRange(-Math.abs(z1 - z0));
    const total = 1 + ex;
    const larger = 1 / total;
    const smaller = ex / total;
    const up = z1 > z0;
    const y0 = up ? smaller : larger;
    const y1 = up ? larger : smaller;
    const e0 = y0 - m[t0At + s];
    const e1 = y1 - m[t1At + s];
    if (storeY) {
      m[yAt + 2 * s] = y0;
      m[yAt + 2 * s + 1] = y1;
    }
    if (head) {
      m[e0At + s] = e0;
      m[e1At + s] = e1;
    }
    jbo0 += e0;
    jbo1 += e1;
    woSumA0 += hA * e0;
    woSumA1 += hA * e1;
    const ehA = hA * (1 - hA) * (e0 * woA0 + e1 * woA1);
    bhA += ehA;
    whA0 += x0 * ehA;
    whA1 += x1 * ehA;
    woSumB0 += hB * e0;
    woSumB1 += hB * e1;
    const ehB = hB * (1 - hB) * (e0 * woB0 + e1 * woB1);
    bhB += ehB;
    whB0 += x0 * ehB;
    whB1 += x1 * ehB;
    woSumC0 += hC * e0;
    woSumC1 += hC * e1;
    const ehC = hC * (1 - hC) * (e0 * woC0 + e1 * woC1);
    bhC += ehC;
    whC0 += x0 * ehC;
    whC1 += x1 * ehC;
    x0 = nx0;
    x1 = nx1;
    hA = nhA;
    hB = nhB;
    hC = nhC;
  }
  m[sumsAt] = jbo0;
  m[sumsAt + 1] = jbo1;
  if (a >= 0) {
    g[a] = whA0;
    g[nh + a] = whA1;
    g[2 * nh + a] = bhA;
    g[3 * nh + 2 * a] = woSumA0;
    g[3 * nh + 2 * a + 1] = woSumA1;
  }
  if (b >= 0) {
    g[b] = whB0;
    g[nh + b] = whB1;
    g[2 * nh + b] = bhB;
    g[3 * nh + 2 * b] = woSumB0;
    g[3 * nh + 2 * b + 1] = woSumB1;
  }
  g[c] = whC0;
  g[nh + c] = whC1;
  g[2 * nh + c] = bhC;
  g[3 * nh + 2 * c] = woSumC0;
  g[3 * nh + 2 * c + 1] = woSumC1;
}

/** crossEntropy's sum for samples i0 … i0 + count − 1, from the Y tailSweep wrote, in its order. */
function costSweep(buffers: PassBuffers, i0: number, count: number): void {
  const { values: m, sumsAt } = buffers;
  const t0At = buffers.t0At + i0;
  const t1At = buffers.t1At + i0;
  const yAt = buffers.yAt + 2 * i0;
  let sum = m[sumsAt + 2];
  for (let s = 0; s < count; s++) {
    const t0 = m[t0At + s];
    const t1 = m[t1At + s];
    if (t0 !== 0) sum += t0 * Math.log(m[yAt + 2 * s]);
    if (t1 !== 0) sum += t1 * Math.log(m[yAt + 2 * s + 1]);
  }
  m[sumsAt + 2] = sum;
}

/**
 * Step 3: backwardD2C2's sums for head units 0 … H − 4 over samples i0 … i0 + count − 1, two
 * units per sweep, each sum carried in a local from where the previous tile left it in g.
 */
function headBackward(buffers: PassBuffers, p: Float64Array, g: Float64Array, i0: number, count: number): void {
  const { values: m, hidden: nh, tile, hAt, e0At, e1At } = buffers;
  const x0At = buffers.x0At + i0;
  const x1At = buffers.x1At + i0;
  const units = nh - TAIL;
  let j = 0;
  for (; j + 1 < units; j += 2) {
    const woA0 = p[3 * nh + 2 * j];
    const woA1 = p[3 * nh + 2 * j + 1];
    const woB0 = p[3 * nh + 2 * j + 2];
    const woB1 = p[3 * nh + 2 * j + 3];
    const rowA = hAt + j * tile;
    const rowB = rowA + tile;
    let whA0 = g[j];
    let whB0 = g[j + 1];
    let whA1 = g[nh + j];
    let whB1 = g[nh + j + 1];
    let bhA = g[2 * nh + j];
    let bhB = g[2 * nh + j + 1];
    let woSumA0 = g[3 * nh + 2 * j];
    let woSumA1 = g[3 * nh + 2 * j + 1];
    let woSumB0 = g[3 * nh + 2 * j + 2];
    let woSumB1 = g[3 * nh + 2 * j + 3];
    for (let s = 0; s < count; s++) {
      const hA = m[rowA + s];
      const hB = m[rowB + s];
      const e0 = m[e0At + s];
      const e1 = m[e1At + s];
      const x0 = m[x0At + s];
      const x1 = m[x1At + s];
      woSumA0 += hA * e0;
      woSumA1 += hA * e1;
      woSumB0 += hB * e0;
      woSumB1 += hB * e1;
      const ehA = hA * (1 - hA) * (e0 * woA0 + e1 * woA1);
      const ehB = hB * (1 - hB) * (e0 * woB0 + e1 * woB1);
      bhA += ehA;
      bhB += ehB;
      whA0 += x0 * ehA;
      whB0 += x0 * ehB;
      whA1 += x1 * ehA;
      whB1 += x1 * ehB;
    }
    g[j] = whA0;
    g[j + 1] = whB0;
    g[nh + j] = whA1;
    g[nh + j + 1] = whB1;
    g[2 * nh + j] = bhA;
    g[2 * nh + j + 1] = bhB;
    g[3 * nh + 2 * j] = woSumA0;
    g[3 * nh + 2 * j + 1] = woSumA1;
    g[3 * nh + 2 * j + 2] = woSumB0;
    g[3 * nh + 2 * j + 3] = woSumB1;
  }
  if (j < units) {
    const wo0 = p[3 * nh + 2 * j];
    const wo1 = p[3 * nh + 2 * j + 1];
    const row = hAt + j * tile;
    let wh0 = g[j];
    let wh1 = g[nh + j];
    let bh = g[2 * nh + j];
    let woSum0 = g[3 * nh + 2 * j];
    let woSum1 = g[3 * nh + 2 * j + 1];
    for (let s = 0; s < count; s++) {
      const hv = m[row + s];
      const e0 = m[e0At + s];
      const e1 = m[e1At + s];
      woSum0 += hv * e0;
      woSum1 += hv * e1;
      const eh = hv * (1 - hv) * (e0 * wo0 + e1 * wo1);
      bh += eh;
      wh0 += m[x0At + s] * eh;
      wh1 += m[x1At + s] * eh;
    }
    g[j] = wh0;
    g[nh + j] = wh1;
    g[2 * nh + j] = bh;
    g[3 * nh + 2 * j] = woSum0;
    g[3 * nh + 2 * j + 1] = woSum1;
  }
}

// The output layer and the backward pass of one tile for C = 2 classes, the app's case.
//
// Softmax of two logits through d = z1 − z0: the larger class gets 1/(1 + e^−|d|), the other
// e^−|d|/(1 + e^−|d|), and the cost −Σ T ⊙ log Y of a sample is
//   t_larger·log1p(e^−|d|) + t_smaller·(|d| + log1p(e^−|d|)).
// When |d| > 700, e^−|d| leaves the normal range: that pair takes the JS core's exact scalar
// formulas (Math.exp, Math.log), so a probability that underflows to 0 costs +∞ (a divergence)
// at the same iteration as in JS.
import { hsum, vexp, vlog1p } from './math';

let exactY0: f64 = 0;
let exactY1: f64 = 0;
let exactCost: f64 = 0;

/** forwardOutputC2 and crossEntropy of the JS core for one sample, into exactY0/Y1/Cost */
function exactSample(z0: f64, z1: f64, t0: f64, t1: f64): void {
  if (z1 > z0) {
    const e0 = Math.exp(z0 - z1);
    const sum = e0 + 1;
    exactY0 = e0 / sum;
    exactY1 = 1 / sum;
  } else {
    const e1 = Math.exp(z1 - z0);
    const sum = 1 + e1;
    exactY0 = 1 / sum;
    exactY1 = e1 / sum;
  }
  let cost: f64 = 0;
  if (t0 != 0) cost -= t0 * Math.log(exactY0);
  if (t1 != 0) cost -= t1 * Math.log(exactY1);
  exactCost = cost;
}

/**
 * Logits Z = H·Wo + bo (z: H·Wo from hiddenLogitsPass, 2×B; bo: 1×2), probabilities Y, output
 * errors Eo = Y − T (into e: row 0 then row 1, B each) and the sums the iteration needs, added
 * to acc: [cost, correct, Σ Eo₀, Σ Eo₁] as f64x2 pairs. t0, t1: the tile's target columns;
 * tc: target class per sample (−1 for padding); valid: all-ones per real sample, 0 for the
 * padding (its error and cost are masked out).
 */
export function outputPassTwo(
  z: usize, b: i32, bo: usize, t0: usize, t1: usize, tc: usize, valid: usize, e: usize, acc: usize,
): void {
  const rowBytes = <usize>b << 3;
  const bo0 = v128.load64_splat(bo);
  const bo1 = v128.load64_splat(bo + 8);
  const one = f64x2.splat(1.0);
  let cost = v128.load(acc);
  let correct = v128.load(acc, 16);
  let sum0 = v128.load(acc, 32);
  let sum1 = v128.load(acc, 48);
  for (let i: usize = 0; i < rowBytes; i += 16) {
    const z0 = f64x2.add(v128.load(z + i), bo0);
    const z1 = f64x2.add(v128.load(z + rowBytes + i), bo1);
    const tv0 = v128.load(t0 + i);
    const tv1 = v128.load(t1 + i);
    const ad = f64x2.abs(f64x2.sub(z1, z0));
    let y0: v128;
    let y1: v128;
    let c: v128;
    if (v128.any_true(f64x2.gt(ad, f64x2.splat(700.0)))) {
      exactSample(
        f64x2.extract_lane(z0, 0), f64x2.extract_lane(z1, 0), f64x2.extract_lane(tv0, 0), f64x2.extract_lane(tv1, 0),
      );
      y0 = f64x2.splat(exactY0);
      y1 = f64x2.splat(exactY1);
      c = f64x2.splat(exactCost);
      exactSample(
        f64x2.extract_lane(z0, 1), f64x2.extract_lane(z1, 1), f64x2.extract_lane(tv0, 1), f64x2.extract_lane(tv1, 1),
      );
      y0 = f64x2.replace_lane(y0, 1, exactY0);
      y1 = f64x2.replace_lane(y1, 1, exactY1);
      c = f64x2.replace_lane(c, 1, exactCost);
    } else {
      const up = f64x2.gt(z1, z0);
      const ex = vexp(f64x2.neg(ad));
      const larger = f64x2.div(one, f64x2.add(one, ex));
      const smaller = f64x2.mul(ex, larger);
      y0 = v128.bitselect(smaller, larger, up);
      y1 = v128.bitselect(larger, smaller, up);
      const l = vlog1p(ex);
      const tLarger = v128.bitselect(tv1, tv0, up);
      const tSmaller = v128.bitselect(tv0, tv1, up);
      c = f64x2.add(f64x2.mul(tLarger, l), f64x2.mul(tSmaller, f64x2.add(ad, l)));
    }
    const mask = v128.load(valid + i);
    const e0 = v128.and(f64x2.sub(y0, tv0), mask);
    const e1 = v128.and(f64x2.sub(y1, tv1), mask);
    v128.store(e + i, e0);
    v128.store(e + rowBytes + i, e1);
    sum0 = f64x2.add(sum0, e0);
    sum1 = f64x2.add(sum1, e1);
    cost = f64x2.add(cost, v128.and(c, mask));
    // argmax of Y, the first class on a tie (as the JS core's accuracy)
    const predicted = v128.and(f64x2.gt(y1, y0), one);
    correct = f64x2.add(correct, v128.and(f64x2.eq(predicted, v128.load(tc + i)), one));
  }
  v128.store(acc, cost);
  v128.store(acc, correct, 16);
  v128.store(acc, sum0, 32);
  v128.store(acc, sum1, 48);
}

/**
 * Backpropagation for one tile, two hidden units per sweep with every sum in registers:
 *   Eh = H ⊙ (1 − H) ⊙ (Eo·Woᵀ);  JWo += Hᵀ·Eo;  Jbh += Σ Eh;  JWh += Xᵀ·Eh
 * x0, x1: the tile's input columns; e: Eo (2×B); g: the packed gradient (Wh, bh, Wo, bo).
 */
export function backwardPassTwo(h: usize, b: i32, nh: i32, x0: usize, x1: usize, wo: usize, e: usize, g: usize): void {
  const rowBytes = <usize>b << 3;
  const e1p = e + rowBytes;
  const one = f64x2.splat(1.0);
  const gbh = g + (<usize>(2 * nh) << 3);
  const gwo = g + (<usize>(3 * nh) << 3);
  let j = 0;
  for (; j + 1 < nh; j += 2) {
    const wa = wo + (<usize>(2 * j) << 3);
    const woA0 = v128.load64_splat(wa);
    const woA1 = v128.load64_splat(wa, 8);
    const woB0 = v128.load64_splat(wa, 16);
    const woB1 = v128.load64_splat(wa, 24);
    const hA = h + <usize>j * rowBytes;
    const hB = hA + rowBytes;
    let aWo0 = f64x2.splat(0), aWo1 = f64x2.splat(0), aBh = f64x2.splat(0);
    let aWh0 = f64x2.splat(0), aWh1 = f64x2.splat(0);
    let bWo0 = f64x2.splat(0), bWo1 = f64x2.splat(0), bBh = f64x2.splat(0);
    let bWh0 = f64x2.splat(0), bWh1 = f64x2.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const ev0 = v128.load(e + i);
      const ev1 = v128.load(e1p + i);
      const xv0 = v128.load(x0 + i);
      const xv1 = v128.load(x1 + i);
      const ha = v128.load(hA + i);
      const hb = v128.load(hB + i);
      const ehA = f64x2.mul(
        f64x2.mul(ha, f64x2.sub(one, ha)),
        f64x2.add(f64x2.mul(ev0, woA0), f64x2.mul(ev1, woA1)),
      );
      const ehB = f64x2.mul(
        f64x2.mul(hb, f64x2.sub(one, hb)),
        f64x2.add(f64x2.mul(ev0, woB0), f64x2.mul(ev1, woB1)),
      );
      aWo0 = f64x2.add(aWo0, f64x2.mul(ha, ev0));
      aWo1 = f64x2.add(aWo1, f64x2.mul(ha, ev1));
      aBh = f64x2.add(aBh, ehA);
      aWh0 = f64x2.add(aWh0, f64x2.mul(xv0, ehA));
      aWh1 = f64x2.add(aWh1, f64x2.mul(xv1, ehA));
      bWo0 = f64x2.add(bWo0, f64x2.mul(hb, ev0));
      bWo1 = f64x2.add(bWo1, f64x2.mul(hb, ev1));
      bBh = f64x2.add(bBh, ehB);
      bWh0 = f64x2.add(bWh0, f64x2.mul(xv0, ehB));
      bWh1 = f64x2.add(bWh1, f64x2.mul(xv1, ehB));
    }
    addTo(g + (<usize>j << 3), hsum(aWh0));
    addTo(g + (<usize>(j + 1) << 3), hsum(bWh0));
    addTo(g + (<usize>(nh + j) << 3), hsum(aWh1));
    addTo(g + (<usize>(nh + j + 1) << 3), hsum(bWh1));
    addTo(gbh + (<usize>j << 3), hsum(aBh));
    addTo(gbh + (<usize>(j + 1) << 3), hsum(bBh));
    const gw = gwo + (<usize>(2 * j) << 3);
    addTo(gw, hsum(aWo0));
    addTo(gw + 8, hsum(aWo1));
    addTo(gw + 16, hsum(bWo0));
    addTo(gw + 24, hsum(bWo1));
  }
  if (j < nh) {
    const wa = wo + (<usize>(2 * j) << 3);
    const woA0 = v128.load64_splat(wa);
    const woA1 = v128.load64_splat(wa, 8);
    const hA = h + <usize>j * rowBytes;
    let aWo0 = f64x2.splat(0), aWo1 = f64x2.splat(0), aBh = f64x2.splat(0);
    let aWh0 = f64x2.splat(0), aWh1 = f64x2.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const ev0 = v128.load(e + i);
      const ev1 = v128.load(e1p + i);
      const ha = v128.load(hA + i);
      const ehA = f64x2.mul(
        f64x2.mul(ha, f64x2.sub(one, ha)),
        f64x2.add(f64x2.mul(ev0, woA0), f64x2.mul(ev1, woA1)),
      );
      aWo0 = f64x2.add(aWo0, f64x2.mul(ha, ev0));
      aWo1 = f64x2.add(aWo1, f64x2.mul(ha, ev1));
      aBh = f64x2.add(aBh, ehA);
      aWh0 = f64x2.add(aWh0, f64x2.mul(v128.load(x0 + i), ehA));
      aWh1 = f64x2.add(aWh1, f64x2.mul(v128.load(x1 + i), ehA));
    }
    addTo(g + (<usize>j << 3), hsum(aWh0));
    addTo(g + (<usize>(nh + j) << 3), hsum(aWh1));
    addTo(gbh + (<usize>j << 3), hsum(aBh));
    const gw = gwo + (<usize>(2 * j) << 3);
    addTo(gw, hsum(aWo0));
    addTo(gw + 8, hsum(aWo1));
  }
}

@inline
function addTo(ptr: usize, value: f64): void {
  store<f64>(ptr, load<f64>(ptr) + value);
}

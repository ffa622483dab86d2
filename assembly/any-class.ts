// The output layer and the backward pass of one tile for any number C of classes (the general
// path; C = 2 has its own, faster one in two-class.ts).
//
// Softmax with the row maximum subtracted, y_k = e^(z_k − max) / Σ e^(z_j − max), as the JS
// core; the cost −Σ_k t_k·log y_k is taken as Σ_k t_k·(log Σ − (z_k − max)). A pair where some
// z_k − max < −700 (an e^ that leaves the normal range) takes the JS core's exact scalar
// formulas, so an underflow to 0 costs +∞ at the same iteration as in JS.
import { hsum, vexp, vlog1p } from './math';

/** softmaxRow and crossEntropy of the JS core for one sample: d[k·stride] holds z_k, gets y_k */
function exactSample(d: usize, stride: usize, nc: i32, t: usize, tStride: usize): f64 {
  let max = -Infinity;
  let top = 0;
  for (let k = 0; k < nc; k++) {
    const z = load<f64>(d + <usize>k * stride);
    if (z > max) {
      max = z;
      top = k;
    }
  }
  let sum: f64 = 0;
  for (let k = 0; k < nc; k++) {
    const p = d + <usize>k * stride;
    const ek = k == top ? 1.0 : Math.exp(load<f64>(p) - max);
    store<f64>(p, ek);
    sum += ek;
  }
  let cost: f64 = 0;
  for (let k = 0; k < nc; k++) {
    const p = d + <usize>k * stride;
    const y = load<f64>(p) / sum;
    store<f64>(p, y);
    const tk = load<f64>(t + <usize>k * tStride);
    if (tk != 0) cost -= tk * Math.log(y);
  }
  return cost;
}

/**
 * As outputPassTwo for C classes. z: C×B scratch (the logits); e: C×B out (Eo = Y − T);
 * t: the tile's first target column, the next ones tStride bytes apart; acc: [cost, correct,
 * Σ Eo₀, …, Σ Eo_C−1] as f64x2 pairs.
 */
export function outputPassAny(
  h: usize, b: i32, nh: i32, nc: i32, wo: usize, t: usize, tStride: usize, tc: usize, valid: usize,
  e: usize, z: usize, acc: usize,
): void {
  const rowBytes = <usize>b << 3;
  const bo = wo + (<usize>(nh * nc) << 3);
  const rowStride = <usize>nc << 3;
  const one = f64x2.splat(1.0);
  let cost = v128.load(acc);
  let correct = v128.load(acc, 16);
  for (let i: usize = 0; i < rowBytes; i += 16) {
    for (let k = 0; k < nc; k++) {
      let s = f64x2.splat(0);
      let hp = h + i;
      let wp = wo + (<usize>k << 3);
      for (let j = 0; j < nh; j++) {
        s = f64x2.add(s, f64x2.mul(v128.load(hp), v128.load64_splat(wp)));
        hp += rowBytes;
        wp += rowStride;
      }
      v128.store(z + <usize>k * rowBytes + i, f64x2.add(s, v128.load64_splat(bo + (<usize>k << 3))));
    }
    // the row maximum, the first on a tie
    let max = f64x2.splat(-Infinity);
    for (let k = 0; k < nc; k++) {
      const zk = v128.load(z + <usize>k * rowBytes + i);
      max = v128.bitselect(zk, max, f64x2.gt(zk, max));
    }
    let low = f64x2.splat(0);
    for (let k = 0; k < nc; k++) {
      low = v128.or(low, f64x2.lt(f64x2.sub(v128.load(z + <usize>k * rowBytes + i), max), f64x2.splat(-700.0)));
    }
    let c: v128;
    if (v128.any_true(low)) {
      // y_k into e, then the same tail as the vector path
      for (let k = 0; k < nc; k++) v128.store(e + <usize>k * rowBytes + i, v128.load(z + <usize>k * rowBytes + i));
      const c0 = exactSample(e + i, rowBytes, nc, t + i, tStride);
      const c1 = exactSample(e + i + 8, rowBytes, nc, t + i + 8, tStride);
      c = f64x2.replace_lane(f64x2.splat(c0), 1, c1);
    } else {
      let sum = f64x2.splat(0);
      for (let k = 0; k < nc; k++) {
        const zp = z + <usize>k * rowBytes + i;
        const d = f64x2.sub(v128.load(zp), max);
        v128.store(zp, d);
        const ek = vexp(d);
        v128.store(e + <usize>k * rowBytes + i, ek);
        sum = f64x2.add(sum, ek);
      }
      const logSum = vlog1p(f64x2.sub(sum, one));
      c = f64x2.splat(0);
      for (let k = 0; k < nc; k++) {
        const tk = v128.load(t + <usize>k * tStride + i);
        c = f64x2.add(c, f64x2.mul(tk, f64x2.sub(logSum, v128.load(z + <usize>k * rowBytes + i))));
        const ep = e + <usize>k * rowBytes + i;
        v128.store(ep, f64x2.div(v128.load(ep), sum));
      }
    }
    const mask = v128.load(valid + i);
    let best = f64x2.splat(0);
    let bestY = v128.load(e + i);
    for (let k = 0; k < nc; k++) {
      const ep = e + <usize>k * rowBytes + i;
      const y = v128.load(ep);
      if (k > 0) {
        const better = f64x2.gt(y, bestY);
        bestY = v128.bitselect(y, bestY, better);
        best = v128.bitselect(f64x2.splat(<f64>k), best, better);
      }
      const ek = v128.and(f64x2.sub(y, v128.load(t + <usize>k * tStride + i)), mask);
      v128.store(ep, ek);
      const ap = acc + 32 + (<usize>k << 4);
      v128.store(ap, f64x2.add(v128.load(ap), ek));
    }
    cost = f64x2.add(cost, v128.and(c, mask));
    correct = f64x2.add(correct, v128.and(f64x2.eq(best, v128.load(tc + i)), one));
  }
  v128.store(acc, cost);
  v128.store(acc, correct, 16);
}

/**
 * As backwardPassTwo for C classes, one hidden unit per sweep; the C sums of JWo live in
 * `sums` (C f64x2 pairs of scratch).
 */
export function backwardPassAny(
  h: usize, b: i32, nh: i32, nc: i32, x0: usize, x1: usize, wo: usize, e: usize, g: usize, sums: usize,
): void {
  const rowBytes = <usize>b << 3;
  const one = f64x2.splat(1.0);
  const gbh = g + (<usize>(2 * nh) << 3);
  const gwo = g + (<usize>(3 * nh) << 3);
  for (let j = 0; j < nh; j++) {
    const hj = h + <usize>j * rowBytes;
    const woj = wo + (<usize>(j * nc) << 3);
    for (let k = 0; k < nc; k++) v128.store(sums + (<usize>k << 4), f64x2.splat(0));
    let aBh = f64x2.splat(0);
    let aWh0 = f64x2.splat(0);
    let aWh1 = f64x2.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const hv = v128.load(hj + i);
      let s = f64x2.splat(0);
      for (let k = 0; k < nc; k++) {
        const ek = v128.load(e + <usize>k * rowBytes + i);
        s = f64x2.add(s, f64x2.mul(ek, v128.load64_splat(woj + (<usize>k << 3))));
        const sp = sums + (<usize>k << 4);
        v128.store(sp, f64x2.add(v128.load(sp), f64x2.mul(hv, ek)));
      }
      const eh = f64x2.mul(f64x2.mul(hv, f64x2.sub(one, hv)), s);
      aBh = f64x2.add(aBh, eh);
      aWh0 = f64x2.add(aWh0, f64x2.mul(v128.load(x0 + i), eh));
      aWh1 = f64x2.add(aWh1, f64x2.mul(v128.load(x1 + i), eh));
    }
    addTo(g + (<usize>j << 3), hsum(aWh0));
    addTo(g + (<usize>(nh + j) << 3), hsum(aWh1));
    addTo(gbh + (<usize>j << 3), hsum(aBh));
    for (let k = 0; k < nc; k++) addTo(gwo + (<usize>(j * nc + k) << 3), hsum(v128.load(sums + (<usize>k << 4))));
  }
}

@inline
function addTo(ptr: usize, value: f64): void {
  store<f64>(ptr, load<f64>(ptr) + value);
}

// The WebAssembly training kernel: the JS core's iteration (backprop, momentum update, forward
// pass and cost) for a D = 2 → H → C network, two samples per f64x2 lane pair.
//
// One instance trains one run. `setup` lays the run out in linear memory (growing it) and
// returns a table of the addresses the JS wrapper fills and reads; `step` runs iterations.
//
// Layout, for N samples padded to an even N′ and P = 2H + H + HC + C parameters (padded even):
//   X and T by column (x0, x1: N′ each; T: C columns of N′), tc: each sample's target class
//   (−1 on the padding), valid: all-ones bits per real sample, 0 on the padding;
//   P, V, G, prevP, prevV: packed as the JS core packs them (Wh 2×H, bh, Wo H×C, bo);
//   tile scratch: hidden activations H×B, output errors C×B, logits C×B, where a tile of
//   B ≈ 2048/H samples keeps the activations in L1.
// Each iteration is one fused sweep over the tiles: hidden layer, output layer and cost, then
// the backward sums, so the forward pass of the new parameters and the gradient the next
// update needs come out together.
import { hsum, vexp, vlog1p } from './math';
import { hiddenLogitsPass, hiddenPass } from './hidden';
import { backwardPassTwo, outputPassTwo } from './two-class';
import { backwardPassAny, outputPassAny } from './any-class';

/** costs the wrapper collects per `step` call at most */
const COSTS_CAPACITY: i32 = 4096;
/** hidden activations per tile: 2048 × 8 bytes = 16 KiB */
const TILE_ENTRIES: i32 = 2048;

let npad: i32 = 0;
let nh: i32 = 0;
let nc: i32 = 0;
let tile: i32 = 0;
let countPad: i32 = 0;
let x0: usize = 0;
let x1: usize = 0;
let t: usize = 0;
let tc: usize = 0;
let valid: usize = 0;
let p: usize = 0;
let v: usize = 0;
let g: usize = 0;
let prevP: usize = 0;
let prevV: usize = 0;
let h: usize = 0;
let e: usize = 0;
let z: usize = 0;
let acc: usize = 0;
let sums: usize = 0;
let costs: usize = 0;
let status: usize = 0;

@inline
function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

/**
 * Lays out a run of `samples` samples, `hidden` units and `classes` classes, growing memory.
 * Returns the address of a u32 table: x0, x1, t, tc, valid, P, V, costs, status, then the
 * costs capacity; or 0 when memory cannot grow that far.
 */
export function setup(samples: i32, hidden: i32, classes: i32): usize {
  npad = (samples + 1) & ~1;
  nh = hidden;
  nc = classes;
  countPad = (3 * hidden + hidden * classes + classes + 1) & ~1;
  tile = min(npad, max(2, (TILE_ENTRIES / hidden) & ~1));
  const column = <usize>npad << 3;
  const params = <usize>countPad << 3;
  let at = align16(__heap_base);
  const table = at;
  at += 64;
  x0 = at;
  x1 = x0 + column;
  t = x1 + column;
  tc = t + <usize>classes * column;
  valid = tc + column;
  p = valid + column;
  v = p + params;
  g = v + params;
  prevP = g + params;
  prevV = prevP + params;
  h = prevV + params;
  e = h + (<usize>(hidden * tile) << 3);
  z = e + (<usize>(classes * tile) << 3);
  acc = z + (<usize>(classes * tile) << 3);
  sums = acc + (<usize>(2 + classes) << 4);
  costs = sums + (<usize>classes << 4);
  status = costs + (<usize>COSTS_CAPACITY << 3);
  const end = status + 16;
  const have = <usize>memory.size() << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) return 0;
  memory.fill(table, 0, end - table);
  store<u32>(table, <u32>x0);
  store<u32>(table, <u32>x1, 4);
  store<u32>(table, <u32>t, 8);
  store<u32>(table, <u32>tc, 12);
  store<u32>(table, <u32>valid, 16);
  store<u32>(table, <u32>p, 20);
  store<u32>(table, <u32>v, 24);
  store<u32>(table, <u32>costs, 28);
  store<u32>(table, <u32>status, 32);
  store<u32>(table, <u32>COSTS_CAPACITY, 36);
  return table;
}

/**
 * Forward pass, cost and gradient of the current parameters P: the cost and the number of
 * correctly classified samples go to status[0] and status[1], the gradient to G. Returns the cost.
 */
export function evaluate(): f64 {
  memory.fill(g, 0, <usize>countPad << 3);
  memory.fill(acc, 0, <usize>(2 + nc) << 4);
  const wo = p + (<usize>(3 * nh) << 3);
  const column = <usize>npad << 3;
  for (let s = 0; s < npad; s += tile) {
    const b = min(tile, npad - s);
    const at = <usize>s << 3;
    if (nc == 2) {
      hiddenLogitsPass(x0 + at, x1 + at, p, nh, h, b, wo, z);
      outputPassTwo(z, b, wo + (<usize>(2 * nh) << 3), t + at, t + column + at, tc + at, valid + at, e, acc);
      backwardPassTwo(h, b, nh, x0 + at, x1 + at, wo, e, g);
    } else {
      hiddenPass(x0 + at, x1 + at, p, nh, h, b);
      outputPassAny(h, b, nh, nc, wo, t + at, column, tc + at, valid + at, e, z, acc);
      backwardPassAny(h, b, nh, nc, x0 + at, x1 + at, wo, e, g, sums);
    }
  }
  const gbo = g + (<usize>(3 * nh + nh * nc) << 3);
  for (let k = 0; k < nc; k++) {
    store<f64>(gbo + (<usize>k << 3), hsum(v128.load(acc + 32 + (<usize>k << 4))));
  }
  const cost = hsum(v128.load(acc));
  store<f64>(status, cost);
  store<f64>(status, hsum(v128.load(acc, 16)), 8);
  return cost;
}

/**
 * Momentum step on the packed parameters, tutorial `update_velocity` then `update_params`:
 *   V ← μ·V − ε·J,  P ← P + V
 * keeping the old P and V to roll back. Returns 0 when every new parameter is finite, NaN
 * otherwise (p − p is NaN only for ±∞ and NaN).
 */
function update(learningRate: f64, momentum: f64): f64 {
  const lr = f64x2.splat(learningRate);
  const mu = f64x2.splat(momentum);
  let bad = f64x2.splat(0);
  const bytes = <usize>countPad << 3;
  for (let i: usize = 0; i < bytes; i += 16) {
    const pv = v128.load(p + i);
    const vv = v128.load(v + i);
    v128.store(prevP + i, pv);
    v128.store(prevV + i, vv);
    const nv = f64x2.sub(f64x2.mul(mu, vv), f64x2.mul(lr, v128.load(g + i)));
    const np = f64x2.add(pv, nv);
    v128.store(v + i, nv);
    v128.store(p + i, np);
    bad = f64x2.add(bad, f64x2.sub(np, np));
  }
  return hsum(bad);
}

/**
 * Runs up to k ≤ COSTS_CAPACITY iterations from the state `evaluate` left, the cost after each
 * update into costs[i]. Returns how many completed: k, or fewer when an update went
 * non-finite (in P or in the cost); then P and V are rolled back and evaluated again.
 */
export function step(k: i32, learningRate: f64, momentum: f64): i32 {
  for (let i = 0; i < k; i++) {
    const bad = update(learningRate, momentum);
    const cost = evaluate();
    if (bad != 0 || !isFinite(cost)) {
      memory.copy(p, prevP, <usize>countPad << 3);
      memory.copy(v, prevV, <usize>countPad << 3);
      evaluate();
      return i;
    }
    store<f64>(costs + (<usize>i << 3), cost);
  }
  return k;
}

/** e^x through the kernel's vexp (lane 0), for the accuracy tests */
export function expOf(x: f64): f64 {
  return f64x2.extract_lane(vexp(f64x2.splat(x)), 0);
}

/** log(1 + x) through the kernel's vlog1p (lane 0), for the accuracy tests */
export function log1pOf(x: f64): f64 {
  return f64x2.extract_lane(vlog1p(f64x2.splat(x)), 0);
}

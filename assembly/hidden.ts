// The hidden layer of one tile, tutorial `hidden_activations`: H = σ(X·Wh + bh) for D = 2.
// Stored hidden-major (unit j's activations for the tile's B samples at h + j·B), so the output
// and backward passes read two samples per load. The sweeps compute −z = x0·(−Wh[0][j]) +
// x1·(−Wh[1][j]) + (−bh[j]), the exact negation of the JS core's z, which saves negating each z
// before e^−z.
import { vlogisticOfNegated } from './math';

/**
 * x0, x1: the tile's input columns (B each); wh: Wh 2×H row-major, then bh 1×H; h: H×B out.
 * z = x0·Wh[0][j] + x1·Wh[1][j], then + bh[j]: the JS core's order, for the same rounding.
 */
export function hiddenPass(x0: usize, x1: usize, wh: usize, nh: i32, h: usize, b: i32): void {
  const bh = wh + (<usize>(2 * nh) << 3);
  const rowBytes = <usize>b << 3;
  for (let j = 0; j < nh; j++) {
    const w0 = f64x2.neg(v128.load64_splat(wh + (<usize>j << 3)));
    const w1 = f64x2.neg(v128.load64_splat(wh + (<usize>(nh + j) << 3)));
    const bias = f64x2.neg(v128.load64_splat(bh + (<usize>j << 3)));
    const row = h + <usize>j * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const negatedZ = f64x2.add(
        f64x2.add(f64x2.mul(v128.load(x0 + i), w0), f64x2.mul(v128.load(x1 + i), w1)),
        bias,
      );
      v128.store(row + i, vlogisticOfNegated(negatedZ));
    }
  }
}

/**
 * hiddenPass for C = 2, two hidden units per sweep, also accumulating the logits' dot products
 * z0 = H·Wo[:, 0] and z1 = H·Wo[:, 1] (without bo) into z (2×B) while the activations are in
 * registers; the sums still run over j in ascending order, as the JS core's H·Wo.
 */
export function hiddenLogitsPass(
  x0: usize, x1: usize, wh: usize, nh: i32, h: usize, b: i32, wo: usize, z: usize,
): void {
  const bh = wh + (<usize>(2 * nh) << 3);
  const rowBytes = <usize>b << 3;
  const z1 = z + rowBytes;
  memory.fill(z, 0, rowBytes << 1);
  let j = 0;
  for (; j + 1 < nh; j += 2) {
    const w0a = f64x2.neg(v128.load64_splat(wh + (<usize>j << 3)));
    const w0b = f64x2.neg(v128.load64_splat(wh + (<usize>j << 3), 8));
    const w1a = f64x2.neg(v128.load64_splat(wh + (<usize>(nh + j) << 3)));
    const w1b = f64x2.neg(v128.load64_splat(wh + (<usize>(nh + j) << 3), 8));
    const biasA = f64x2.neg(v128.load64_splat(bh + (<usize>j << 3)));
    const biasB = f64x2.neg(v128.load64_splat(bh + (<usize>j << 3), 8));
    const wo0a = v128.load64_splat(wo + (<usize>(2 * j) << 3));
    const wo1a = v128.load64_splat(wo + (<usize>(2 * j) << 3), 8);
    const wo0b = v128.load64_splat(wo + (<usize>(2 * j) << 3), 16);
    const wo1b = v128.load64_splat(wo + (<usize>(2 * j) << 3), 24);
    const rowA = h + <usize>j * rowBytes;
    const rowB = rowA + rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const xv0 = v128.load(x0 + i);
      const xv1 = v128.load(x1 + i);
      const ha = vlogisticOfNegated(f64x2.add(f64x2.add(f64x2.mul(xv0, w0a), f64x2.mul(xv1, w1a)), biasA));
      const hb = vlogisticOfNegated(f64x2.add(f64x2.add(f64x2.mul(xv0, w0b), f64x2.mul(xv1, w1b)), biasB));
      v128.store(rowA + i, ha);
      v128.store(rowB + i, hb);
      v128.store(z + i, f64x2.add(f64x2.add(v128.load(z + i), f64x2.mul(ha, wo0a)), f64x2.mul(hb, wo0b)));
      v128.store(z1 + i, f64x2.add(f64x2.add(v128.load(z1 + i), f64x2.mul(ha, wo1a)), f64x2.mul(hb, wo1b)));
    }
  }
  if (j < nh) {
    const w0 = f64x2.neg(v128.load64_splat(wh + (<usize>j << 3)));
    const w1 = f64x2.neg(v128.load64_splat(wh + (<usize>(nh + j) << 3)));
    const bias = f64x2.neg(v128.load64_splat(bh + (<usize>j << 3)));
    const wo0 = v128.load64_splat(wo + (<usize>(2 * j) << 3));
    const wo1 = v128.load64_splat(wo + (<usize>(2 * j) << 3), 8);
    const row = h + <usize>j * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const hv = vlogisticOfNegated(
        f64x2.add(f64x2.add(f64x2.mul(v128.load(x0 + i), w0), f64x2.mul(v128.load(x1 + i), w1)), bias),
      );
      v128.store(row + i, hv);
      v128.store(z + i, f64x2.add(v128.load(z + i), f64x2.mul(hv, wo0)));
      v128.store(z1 + i, f64x2.add(v128.load(z1 + i), f64x2.mul(hv, wo1)));
    }
  }
}

// e^x for the kernels: Math.exp's value within 1 ulp, in a few multiplications the JIT inlines.
// Math.exp is a call into V8's C library (fdlibm), about 15–20 ns; the network's ~4 exponentials
// per sample and iteration (the hidden logistic, the softmax) were most of the JS engine's time
// at the tutorial's size. This is the WebAssembly kernel's vexp (assembly/math.ts), one lane:
// the same table, the same reduction and polynomial, so both engines compute the same bits.
//   x = (64e + j)·ln2/64 + r with |r| ≤ ln2/128, so e^x = 2^e · 2^(j/64) · e^r, and
//   e^r − 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120 (the next term, r⁶/720 < 4e-17, is below half an ulp).
// Outside (−707, 709), and for NaN, it is Math.exp itself: the saturated logistic (0 or 1) and
// a softmax exponent that underflows keep Math.exp's values exactly, so a divergence is seen
// at the same iteration as before.

/** The 64 entries 2^(j/64), each correctly rounded: high word, low word of each double. */
const EXP2_BITS = [
  0x3ff00000, 0x00000000, 0x3ff02c9a, 0x3e778061, 0x3ff059b0, 0xd3158574, 0x3ff08745, 0x18759bc8, 0x3ff0b558,
  0x6cf9890f, 0x3ff0e3ec, 0x32d3d1a2, 0x3ff11301, 0xd0125b51, 0x3ff1429a, 0xaea92de0, 0x3ff172b8, 0x3c7d517b,
  0x3ff1a35b, 0xeb6fcb75, 0x3ff1d487, 0x3168b9aa, 0x3ff2063b, 0x88628cd6, 0x3ff2387a, 0x6e756238, 0x3ff26b45,
  0x65e27cdd, 0x3ff29e9d, 0xf51fdee1, 0x3ff2d285, 0xa6e4030b, 0x3ff306fe, 0x0a31b715, 0x3ff33c08, 0xb26416ff,
  0x3ff371a7, 0x373aa9cb, 0x3ff3a7db, 0x34e59ff7, 0x3ff3dea6, 0x4c123422, 0x3ff4160a, 0x21f72e2a, 0x3ff44e08,
  0x6061892d, 0x3ff486a2, 0xb5c13cd0, 0x3ff4bfda, 0xd5362a27, 0x3ff4f9b2, 0x769d2ca7, 0x3ff5342b, 0x569d4f82,
  0x3ff56f47, 0x36b527da, 0x3ff5ab07, 0xdd485429, 0x3ff5e76f, 0x15ad2148, 0x3ff6247e, 0xb03a5585, 0x3ff66238,
  0x82552225, 0x3ff6a09e, 0x667f3bcd, 0x3ff6dfb2, 0x3c651a2f, 0x3ff71f75, 0xe8ec5f74, 0x3ff75feb, 0x564267c9,
  0x3ff7a114, 0x73eb0187, 0x3ff7e2f3, 0x36cf4e62, 0x3ff82589, 0x994cce13, 0x3ff868d9, 0x9b4492ed, 0x3ff8ace5,
  0x422aa0db, 0x3ff8f1ae, 0x99157736, 0x3ff93737, 0xb0cdc5e5, 0x3ff97d82, 0x9fde4e50, 0x3ff9c491, 0x82a3f090,
  0x3ffa0c66, 0x7b5de565, 0x3ffa5503, 0xb23e255d, 0x3ffa9e6b, 0x5579fdbf, 0x3ffae89f, 0x995ad3ad, 0x3ffb33a2,
  0xb84f15fb, 0x3ffb7f76, 0xf2fb5e47, 0x3ffbcc1e, 0x904bc1d2, 0x3ffc199b, 0xdd85529c, 0x3ffc67f1, 0x2e57d14b,
  0x3ffcb720, 0xdcef9069, 0x3ffd072d, 0x4a07897c, 0x3ffd5818, 0xdcfba487, 0x3ffda9e6, 0x03db3285, 0x3ffdfc97,
  0x337b9b5f, 0x3ffe502e, 0xe78b3ff6, 0x3ffea4af, 0xa2a490da, 0x3ffefa1b, 0xee615a27, 0x3fff5076, 0x5b6e4540,
  0x3fffa7c1, 0x819e90d8,
];

/** 2^(j/64) for j = 0..63 (read through a DataView: the same on any byte order) */
const EXP2_TABLE = (() => {
  const view = new DataView(new ArrayBuffer(8));
  const table = new Float64Array(64);
  for (let j = 0; j < 64; j++) {
    view.setUint32(0, EXP2_BITS[2 * j]);
    view.setUint32(4, EXP2_BITS[2 * j + 1]);
    table[j] = view.getFloat64(0);
  }
  return table;
})();

/** 2^e at [e + POW2_BIAS] for e = −1022 … 1023: every normal power of two, exact */
const POW2_BIAS = 1022;
const POW2 = (() => {
  const table = new Float64Array(2046);
  table[POW2_BIAS] = 1;
  for (let e = 1; e <= 1023; e++) table[POW2_BIAS + e] = table[POW2_BIAS + e - 1] * 2;
  for (let e = 1; e <= 1022; e++) table[POW2_BIAS - e] = table[POW2_BIAS - e + 1] / 2;
  return table;
})();

/** 64 / ln 2 */
const INV_LN2_64 = 92.33248261689366;
/** ln 2 / 64 = LN2_64_HI + LN2_64_LO; HI has 36 significant bits, so k·HI is exact for |k| < 2^17 */
const LN2_64_HI = 0.010830424696223417;
const LN2_64_LO = 2.572804622327669e-14;
/** 1.5·2^52: x + SHIFTER rounds x to an integer k (ties to even, as the kernel's f64x2.add) */
const SHIFTER = 6755399441055744.0;

/** e^x: within 1 ulp of Math.exp(x), and Math.exp(x) itself outside (−707, 709) and for NaN. */
export function exp(x: number): number {
  if (!(x > -707 && x < 709)) return Math.exp(x);
  return expInRange(x);
}

/**
 * exp(x) for x in (−707, 709) only, without the range check: for a loop that has bounded its
 * arguments beforehand (fused-pass.ts). Without a call to Math.exp in the loop, the JIT keeps
 * the loop's values in registers.
 */
export function expInRange(x: number): number {
  const kf = x * INV_LN2_64 + SHIFTER - SHIFTER;
  const k = kf | 0;
  const r = x - kf * LN2_64_HI - kf * LN2_64_LO;
  // 2^(k>>6) is normal for k in the range above, and the table entry is in [1, 2): exact
  const scale = EXP2_TABLE[k & 63] * POW2[(k >> 6) + POW2_BIAS];
  let p = 1 / 24 + r * (1 / 120);
  p = 1 / 6 + r * p;
  p = 0.5 + r * p;
  p = r + r * r * p;
  return scale + scale * p;
}

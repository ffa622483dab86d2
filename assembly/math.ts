// Elementary functions on f64x2 lanes, accurate to about 1 ulp: what the kernel needs of
// Math.exp and Math.log, two samples at a time. Both propagate NaN, so a run that goes
// non-finite is seen as the JS core sees it.

/** 2^(j/64) for j = 0..63, each correctly rounded */
const EXP2_TABLE: usize = memory.data<u64>([
  0x3ff0000000000000, 0x3ff02c9a3e778061, 0x3ff059b0d3158574, 0x3ff0874518759bc8,
  0x3ff0b5586cf9890f, 0x3ff0e3ec32d3d1a2, 0x3ff11301d0125b51, 0x3ff1429aaea92de0,
  0x3ff172b83c7d517b, 0x3ff1a35beb6fcb75, 0x3ff1d4873168b9aa, 0x3ff2063b88628cd6,
  0x3ff2387a6e756238, 0x3ff26b4565e27cdd, 0x3ff29e9df51fdee1, 0x3ff2d285a6e4030b,
  0x3ff306fe0a31b715, 0x3ff33c08b26416ff, 0x3ff371a7373aa9cb, 0x3ff3a7db34e59ff7,
  0x3ff3dea64c123422, 0x3ff4160a21f72e2a, 0x3ff44e086061892d, 0x3ff486a2b5c13cd0,
  0x3ff4bfdad5362a27, 0x3ff4f9b2769d2ca7, 0x3ff5342b569d4f82, 0x3ff56f4736b527da,
  0x3ff5ab07dd485429, 0x3ff5e76f15ad2148, 0x3ff6247eb03a5585, 0x3ff6623882552225,
  0x3ff6a09e667f3bcd, 0x3ff6dfb23c651a2f, 0x3ff71f75e8ec5f74, 0x3ff75feb564267c9,
  0x3ff7a11473eb0187, 0x3ff7e2f336cf4e62, 0x3ff82589994cce13, 0x3ff868d99b4492ed,
  0x3ff8ace5422aa0db, 0x3ff8f1ae99157736, 0x3ff93737b0cdc5e5, 0x3ff97d829fde4e50,
  0x3ff9c49182a3f090, 0x3ffa0c667b5de565, 0x3ffa5503b23e255d, 0x3ffa9e6b5579fdbf,
  0x3ffae89f995ad3ad, 0x3ffb33a2b84f15fb, 0x3ffb7f76f2fb5e47, 0x3ffbcc1e904bc1d2,
  0x3ffc199bdd85529c, 0x3ffc67f12e57d14b, 0x3ffcb720dcef9069, 0x3ffd072d4a07897c,
  0x3ffd5818dcfba487, 0x3ffda9e603db3285, 0x3ffdfc97337b9b5f, 0x3ffe502ee78b3ff6,
  0x3ffea4afa2a490da, 0x3ffefa1bee615a27, 0x3fff50765b6e4540, 0x3fffa7c1819e90d8,
]);

/** 64 / ln 2 */
const INV_LN2_64: f64 = 92.33248261689366;
/** ln 2 / 64 = LN2_64_HI + LN2_64_LO; HI has 36 significant bits, so k·HI is exact for |k| < 2^17 */
const LN2_64_HI: f64 = 0.010830424696223417;
const LN2_64_LO: f64 = 2.572804622327669e-14;
/** 1.5·2^52: x + SHIFTER rounds x to an integer k held in the low bits of the sum */
const SHIFTER: f64 = 6755399441055744.0;

/**
 * e^x per lane, within about 1 ulp on [−707, 709]; x is clamped to that range (NaN stays NaN),
 * which the kernel's uses tolerate: σ(z) = 1/(1 + e^−z) is then exactly 1 for z > 707 and
 * below 1.3e-308 for z < −709 (the JS core gives 1 and 0 or 1.3e-308), and softmax exponents
 * below −700 take the kernel's exact scalar path.
 * x = (64e + j)·ln2/64 + r with |r| ≤ ln2/128, so e^x = 2^e · 2^(j/64) · e^r, and
 * e^r − 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120 (the next term, r⁶/720 < 4e-17, is below half an
 * ulp); 2^e · 2^(j/64) is the table entry with e added to its exponent bits.
 */
@inline
export function vexp(x: v128): v128 {
  // pmin(x, hi) = hi < x ? hi : x and pmax(y, lo) = y < lo ? lo : y: one instruction each, and
  // a NaN x passes through
  const xc = f64x2.pmax(f64x2.pmin(x, f64x2.splat(709.0)), f64x2.splat(-707.0));
  const shifted = f64x2.add(f64x2.mul(xc, f64x2.splat(INV_LN2_64)), f64x2.splat(SHIFTER));
  const kf = f64x2.sub(shifted, f64x2.splat(SHIFTER));
  const k = i64x2.sub(shifted, f64x2.splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(kf, f64x2.splat(LN2_64_HI))), f64x2.mul(kf, f64x2.splat(LN2_64_LO)));
  const offsets = i64x2.shl(v128.and(k, i64x2.splat(63)), 3);
  let t = v128.load64_zero(EXP2_TABLE + <usize>i64x2.extract_lane(offsets, 0));
  t = v128.load64_lane(EXP2_TABLE + <usize>i64x2.extract_lane(offsets, 1), t, 1);
  const scale = i64x2.add(t, i64x2.shl(i64x2.shr_s(k, 6), 52));
  let p = f64x2.add(f64x2.splat(1.0 / 24.0), f64x2.mul(r, f64x2.splat(1.0 / 120.0)));
  p = f64x2.add(f64x2.splat(1.0 / 6.0), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(0.5), f64x2.mul(r, p));
  p = f64x2.add(r, f64x2.mul(f64x2.mul(r, r), p));
  return f64x2.add(scale, f64x2.mul(scale, p));
}

/** σ(z) = 1 / (1 + e^−z) per lane, the tutorial's logistic, from −z */
@inline
export function vlogisticOfNegated(negatedZ: v128): v128 {
  const one = f64x2.splat(1.0);
  return f64x2.div(one, f64x2.add(one, vexp(negatedZ)));
}

// fdlibm's log1p (s_log1p.c): log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f / (2 + f)
const LP1: f64 = 6.666666666666735130e-1;
const LP2: f64 = 3.999999999940941908e-1;
const LP3: f64 = 2.857142874366239149e-1;
const LP4: f64 = 2.222219843214978396e-1;
const LP5: f64 = 1.818357216161805012e-1;
const LP6: f64 = 1.531383769920937332e-1;
const LP7: f64 = 1.479819860511658591e-1;
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;

/**
 * log(1 + x) per lane for x ≥ 0 (finite), after fdlibm: 1 + x = 2^k·m with m in
 * [√2/2, √2), plus the rounding error c of 1 + x, carried as c/(1 + x). NaN gives NaN.
 */
@inline
export function vlog1p(x: v128): v128 {
  const one = f64x2.splat(1.0);
  const u = f64x2.add(one, x);
  // k from the exponent bits: (2^52 + bits) − (2^52 + 1023), exact in f64
  let kf = f64x2.sub(
    v128.or(i64x2.shr_u(u, 52), i64x2.splat(0x4330000000000000)),
    f64x2.splat(4503599627371519.0),
  );
  let m = v128.or(v128.and(u, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  const big = f64x2.ge(u, f64x2.splat(2.0));
  const c = f64x2.div(
    v128.bitselect(f64x2.sub(one, f64x2.sub(u, x)), f64x2.sub(x, f64x2.sub(u, one)), big),
    u,
  );
  const high = f64x2.ge(m, f64x2.splat(1.4142135623730951));
  m = v128.bitselect(f64x2.mul(m, f64x2.splat(0.5)), m, high);
  kf = f64x2.add(kf, v128.and(high, one));
  const f = f64x2.sub(m, one);
  const hfsq = f64x2.mul(f64x2.splat(0.5), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  let r = f64x2.add(f64x2.splat(LP6), f64x2.mul(z, f64x2.splat(LP7)));
  r = f64x2.add(f64x2.splat(LP5), f64x2.mul(z, r));
  r = f64x2.add(f64x2.splat(LP4), f64x2.mul(z, r));
  r = f64x2.add(f64x2.splat(LP3), f64x2.mul(z, r));
  r = f64x2.add(f64x2.splat(LP2), f64x2.mul(z, r));
  r = f64x2.add(f64x2.splat(LP1), f64x2.mul(z, r));
  r = f64x2.mul(z, r);
  const inner = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, r)), f64x2.add(f64x2.mul(kf, f64x2.splat(LN2_LO)), c));
  const y = f64x2.sub(f64x2.mul(kf, f64x2.splat(LN2_HI)), f64x2.sub(f64x2.sub(hfsq, inner), f));
  return f64x2.add(y, f64x2.sub(x, x));
}

/** lane 0 + lane 1 */
@inline
export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

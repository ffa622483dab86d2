// The loops that do the arithmetic, on raw row-major Float64Arrays with explicit sizes, so the
// public functions and the trainer share one implementation and the trainer can run them on
// preallocated buffers. No checks here (callers validate at their entry) and no allocation
// (except forwardOutput's scratch when a one-off caller leaves it out).
//
// Sizes: N samples, D inputs, H hidden units, C classes. X N×D, Wh D×H, bh 1×H, H N×H,
// Wo H×C, bo 1×C, Y N×C, T N×C. Loops walk rows in the outer loop and the contiguous
// (last) index innermost, so every access is sequential in memory. The app's case, D = 2 and
// C = 2, goes to the unrolled fast paths of kernels-2d.ts (same arithmetic, same bits).
import { backwardD2C2, forwardHiddenD2, forwardOutputC2 } from './kernels-2d';

/**
 * Hidden layer, tutorial `hidden_activations`: H = σ(X·Wh + bh), with σ(z) = 1 / (1 + e^−z).
 * The bias is added after the dot product, as numpy's `(X @ Wh) + bh` does.
 */
export function forwardHidden(
  x: Float64Array,
  n: number,
  d: number,
  wh: Float64Array,
  bh: Float64Array,
  nh: number,
  out: Float64Array,
): void {
  if (d === 2) forwardHiddenD2(x, n, wh, bh, nh, out);
  else forwardHiddenAny(x, n, d, wh, bh, nh, out);
}

/** forwardHidden for any D. */
export function forwardHiddenAny(
  x: Float64Array,
  n: number,
  d: number,
  wh: Float64Array,
  bh: Float64Array,
  nh: number,
  out: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    const ho = i * nh;
    for (let j = 0; j < nh; j++) out[ho + j] = 0;
    for (let k = 0; k < d; k++) {
      const xv = x[xo + k];
      const wo = k * nh;
      for (let j = 0; j < nh; j++) out[ho + j] += xv * wh[wo + j];
    }
    for (let j = 0; j < nh; j++) out[ho + j] = 1 / (1 + Math.exp(-(out[ho + j] + bh[j])));
  }
}

/**
 * Output layer, tutorial `output_activations`: Y = softmax(H·Wo + bo), row by row,
 * softmax(z)_c = e^(z_c − max z) / Σ_k e^(z_k − max z). Subtracting the row maximum changes
 * nothing mathematically and keeps e^z from overflowing (the tutorial's plain e^z / Σ e^z
 * gives ∞/∞ = NaN once a logit passes ~709).
 *
 * Each logit is a dot product of a row of H with a column of Wo; for C ≠ 2, `woT` (C×H
 * scratch) holds Woᵀ so both run contiguously over the H hidden units (a few classes are too
 * short to be the inner loop). The sum runs over j in ascending order, as a plain H·Wo would.
 */
export function forwardOutput(
  h: Float64Array,
  n: number,
  nh: number,
  wo: Float64Array,
  bo: Float64Array,
  c: number,
  y: Float64Array,
  woT?: Float64Array,
): void {
  if (c === 2) forwardOutputC2(h, n, nh, wo, bo, y);
  else forwardOutputAny(h, n, nh, wo, bo, c, y, woT ?? new Float64Array(nh * c));
}

/** forwardOutput for any C. */
export function forwardOutputAny(
  h: Float64Array,
  n: number,
  nh: number,
  wo: Float64Array,
  bo: Float64Array,
  c: number,
  y: Float64Array,
  woT: Float64Array,
): void {
  transpose(wo, nh, c, woT);
  for (let i = 0; i < n; i++) {
    const ho = i * nh;
    const yo = i * c;
    for (let k = 0; k < c; k++) {
      const wrow = k * nh;
      let s = 0;
      for (let j = 0; j < nh; j++) s += h[ho + j] * woT[wrow + j];
      y[yo + k] = s;
    }
    softmaxRow(y, yo, c, bo);
  }
}

/** In place on y[o .. o+c): adds the bias (if any), then the stable softmax. */
export function softmaxRow(y: Float64Array, o: number, c: number, bias: Float64Array | null): void {
  let max = -Infinity;
  let top = 0;
  for (let k = 0; k < c; k++) {
    const z = bias === null ? y[o + k] : y[o + k] + bias[k];
    y[o + k] = z;
    if (z > max) {
      max = z;
      top = k;
    }
  }
  let sum = 0;
  for (let k = 0; k < c; k++) {
    // e^(max − max) = 1 exactly: one exp fewer per row (half of them for two classes).
    const e = k === top ? 1 : Math.exp(y[o + k] - max);
    y[o + k] = e;
    sum += e;
  }
  // Divide (not multiply by 1/sum) to round as numpy's exp(z) / sum(exp(z)) does.
  for (let k = 0; k < c; k++) y[o + k] /= sum;
}

/** out (cols×rows) = aᵀ for a rows×cols. */
export function transpose(a: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
}

/**
 * Tutorial `cost`: ξ = −Σ T ⊙ log(Y), summed over all samples and classes (not averaged).
 * Only entries with T ≠ 0 contribute, so a Y that is exactly 0 where T is 0 costs nothing
 * (numpy gives 0·log 0 = NaN there). A Y that underflows to 0 where T = 1 costs +∞: the
 * trainer takes that as divergence.
 */
export function crossEntropy(y: Float64Array, t: Float64Array, len: number): number {
  let sum = 0;
  for (let i = 0; i < len; i++) {
    const tv = t[i];
    if (tv !== 0) sum += tv * Math.log(y[i]);
  }
  return 0 - sum; // not −sum: a perfect fit costs +0, not −0
}

/**
 * Backpropagation in one pass over the samples, writing the four gradients (zeroed first).
 * Per sample n, with the tutorial's names:
 *   Eo = Y − T                                      (error_output, 1×C)
 *   JWo += Hₙᵀ·Eo,  Jbo += Eo                        (gradient_weight_out, gradient_bias_out)
 *   Eh = Hₙ ⊙ (1 − Hₙ) ⊙ (Eo·Woᵀ)                   (error_hidden, 1×H; σ' = σ(1 − σ))
 *   JWh += Xₙᵀ·Eh,  Jbh += Eh                        (gradient_weight_hidden, gradient_bias_hidden)
 * Fusing keeps Eo and Eh in two tiny scratch rows (`eo` 1×C, `eh` 1×H) instead of N×C and
 * N×H matrices. The loops over classes are outside the loops over hidden units, so the inner
 * loops run contiguously over H: Wo is read through `woT` (Woᵀ, C×H scratch) and JWo is
 * accumulated transposed in `jwoT` (C×H scratch), then transposed into `jwo` at the end.
 * Every sum runs in the same order as in the unfused functions of backprop.ts (over n, then
 * over k for Eo·Woᵀ), so both give identical bits.
 */
export function backward(
  x: Float64Array,
  t: Float64Array,
  h: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  nh: number,
  c: number,
  wo: Float64Array,
  jwh: Float64Array,
  jbh: Float64Array,
  jwo: Float64Array,
  jbo: Float64Array,
  eh: Float64Array,
  eo: Float64Array,
  woT: Float64Array,
  jwoT: Float64Array,
): void {
  if (d === 2 && c === 2) backwardD2C2(x, t, h, y, n, nh, wo, jwh, jbh, jwo, jbo);
  else backwardAny(x, t, h, y, n, d, nh, c, wo, jwh, jbh, jwo, jbo, eh, eo, woT, jwoT);
}

/** backward for any D and C. */
export function backwardAny(
  x: Float64Array,
  t: Float64Array,
  h: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  nh: number,
  c: number,
  wo: Float64Array,
  jwh: Float64Array,
  jbh: Float64Array,
  jwo: Float64Array,
  jbo: Float64Array,
  eh: Float64Array,
  eo: Float64Array,
  woT: Float64Array,
  jwoT: Float64Array,
): void {
  transpose(wo, nh, c, woT);
  jwh.fill(0);
  jbh.fill(0);
  jwoT.fill(0);
  jbo.fill(0);
  for (let i = 0; i < n; i++) {
    const yo = i * c;
    const ho = i * nh;
    const xo = i * d;
    for (let k = 0; k < c; k++) {
      const e = y[yo + k] - t[yo + k];
      eo[k] = e;
      jbo[k] += e;
    }
    for (let j = 0; j < nh; j++) eh[j] = 0;
    for (let k = 0; k < c; k++) {
      const e = eo[k];
      const wrow = k * nh;
      for (let j = 0; j < nh; j++) {
        jwoT[wrow + j] += h[ho + j] * e;
        eh[j] += e * woT[wrow + j];
      }
    }
    for (let j = 0; j < nh; j++) {
      const hv = h[ho + j];
      const e = hv * (1 - hv) * eh[j];
      eh[j] = e;
      jbh[j] += e;
    }
    for (let k = 0; k < d; k++) {
      const xv = x[xo + k];
      const wrow = k * nh;
      for (let j = 0; j < nh; j++) jwh[wrow + j] += xv * eh[j];
    }
  }
  transpose(jwoT, c, nh, jwo);
}

/** Index of the largest entry of each row; the first one on a tie (as numpy's argmax). */
export function argmaxRows(y: Float64Array, n: number, c: number, out: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * c;
    let best = 0;
    let max = y[o];
    for (let k = 1; k < c; k++) {
      if (y[o + k] > max) {
        max = y[o + k];
        best = k;
      }
    }
    out[i] = best;
  }
}

/** Fraction of rows of Y (N×C) whose argmax equals the target class. */
export function accuracyOf(y: Float64Array, n: number, c: number, target: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = i * c;
    let best = 0;
    let max = y[o];
    for (let k = 1; k < c; k++) {
      if (y[o + k] > max) {
        max = y[o + k];
        best = k;
      }
    }
    if (best === target[i]) correct++;
  }
  return correct / n;
}

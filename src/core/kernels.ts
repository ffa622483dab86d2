// The loops that do the arithmetic, on the buffers of one Workspace (workspace.ts names each
// with its shape), so the public functions and the trainer share one implementation and the
// trainer runs them on buffers it allocated once. Parameters come as Params (or the layer's
// part of them), read only. No checks here (callers validate at their entry) and no
// allocation.
//
// Sizes: N samples, D inputs, H hidden units, C classes. X N×D, Wh D×H, bh 1×H, H N×H,
// Wo H×C, bo 1×C, Y N×C, T N×C. Loops walk rows in the outer loop and the contiguous
// (last) index innermost, so every access is sequential in memory. The app's case, D = 2 and
// C = 2, goes to the unrolled fast paths of kernels-2d.ts (same arithmetic, same bits).
import { exp } from './exp';
import { backwardD2C2, forwardHiddenD2, forwardOutputC2 } from './kernels-2d';
import type { HiddenLayer, OutputLayer, OutputWeights, Workspace } from './workspace';

/**
 * Hidden layer, tutorial `hidden_activations`: H = σ(X·Wh + bh), with σ(z) = 1 / (1 + e^−z).
 * Reads ws.X, writes ws.hiddenActivations. The bias is added after the dot product, as
 * numpy's `(X @ Wh) + bh` does.
 */
export function forwardHidden(ws: Workspace, params: HiddenLayer): void {
  if (ws.inputs === 2) forwardHiddenD2(ws, params);
  else forwardHiddenAny(ws, params);
}

/** forwardHidden for any D. */
export function forwardHiddenAny(ws: Workspace, params: HiddenLayer): void {
  const { samples: n, inputs: d, hidden: nh, X: x, hiddenActivations: out } = ws;
  const wh = params.Wh.data;
  const bh = params.bh.data;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    const ho = i * nh;
    for (let j = 0; j < nh; j++) out[ho + j] = 0;
    for (let k = 0; k < d; k++) {
      const xv = x[xo + k];
      const wo = k * nh;
      for (let j = 0; j < nh; j++) out[ho + j] += xv * wh[wo + j];
    }
    for (let j = 0; j < nh; j++) out[ho + j] = 1 / (1 + exp(-(out[ho + j] + bh[j])));
  }
}

/**
 * Output layer, tutorial `output_activations`: Y = softmax(H·Wo + bo), row by row,
 * softmax(z)_c = e^(z_c − max z) / Σ_k e^(z_k − max z). Reads ws.hiddenActivations, writes
 * ws.outputActivations. Subtracting the row maximum changes nothing mathematically and keeps
 * e^z from overflowing (the tutorial's plain e^z / Σ e^z gives ∞/∞ = NaN once a logit passes
 * ~709).
 *
 * Each logit is a dot product of a row of H with a column of Wo; for C ≠ 2,
 * ws.weightOutTransposed holds Woᵀ so both run contiguously over the H hidden units (a few
 * classes are too short to be the inner loop). The sum runs over j in ascending order, as a
 * plain H·Wo would.
 */
export function forwardOutput(ws: Workspace, params: OutputLayer): void {
  if (ws.classes === 2) forwardOutputC2(ws, params);
  else forwardOutputAny(ws, params);
}

/** forwardOutput for any C. */
export function forwardOutputAny(ws: Workspace, params: OutputLayer): void {
  const { samples: n, hidden: nh, classes: c, hiddenActivations: h, outputActivations: y } = ws;
  const woT = ws.weightOutTransposed;
  const bo = params.bo.data;
  transpose(params.Wo.data, nh, c, woT);
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
    const e = k === top ? 1 : exp(y[o + k] - max);
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
 * Tutorial `cost` of ws.outputActivations against ws.T: ξ = −Σ T ⊙ log(Y), summed over all
 * samples and classes (not averaged). Only entries with T ≠ 0 contribute, so a Y that is
 * exactly 0 where T is 0 costs nothing (numpy gives 0·log 0 = NaN there). A Y that underflows
 * to 0 where T = 1 costs +∞: the trainer takes that as divergence.
 */
export function crossEntropy(ws: Workspace): number {
  const { outputActivations: y, T: t } = ws;
  const len = ws.samples * ws.classes;
  let sum = 0;
  for (let i = 0; i < len; i++) {
    const tv = t[i];
    if (tv !== 0) sum += tv * Math.log(y[i]);
  }
  return 0 - sum; // not −sum: a perfect fit costs +0, not −0
}

/**
 * Whether crossEntropy(ws) is finite, without its logarithms, for targets T in [0, 1]: it is
 * unless a probability is 0 (or NaN) where T ≠ 0. Otherwise every term T·log Y is finite and
 * at most 0, and N·C of them (each ≥ −745) cannot overflow.
 */
export function crossEntropyIsFinite(ws: Workspace): boolean {
  const { outputActivations: y, T: t } = ws;
  const len = ws.samples * ws.classes;
  for (let i = 0; i < len; i++) if (t[i] !== 0 && !(y[i] > 0)) return false;
  return true;
}

/**
 * Backpropagation in one pass over the samples, from ws.X, ws.T and the cached forward pass
 * (ws.hiddenActivations, ws.outputActivations) to ws.gradients (zeroed first). Per sample n,
 * with the tutorial's names:
 *   Eo = Y − T                                      (errorOutput, 1×C)
 *   JWo += Hₙᵀ·Eo,  Jbo += Eo                        (gradientWeightOut, gradientBiasOut)
 *   Eh = Hₙ ⊙ (1 − Hₙ) ⊙ (Eo·Woᵀ)                   (errorHidden, 1×H; σ' = σ(1 − σ))
 *   JWh += Xₙᵀ·Eh,  Jbh += Eh                        (gradientWeightHidden, gradientBiasHidden)
 * Fusing keeps Eo and Eh in two tiny rows instead of N×C and N×H matrices. The loops over
 * classes are outside the loops over hidden units, so the inner loops run contiguously over
 * H: Wo is read through ws.weightOutTransposed and JWo is accumulated in
 * ws.gradientWeightOutTransposed, then transposed into ws.gradientWeightOut at the end.
 * Every sum runs in the same order as in the unfused functions of backprop.ts (over n, then
 * over k for Eo·Woᵀ), so both give identical bits.
 */
export function backward(ws: Workspace, params: OutputWeights): void {
  if (ws.inputs === 2 && ws.classes === 2) backwardD2C2(ws, params);
  else backwardAny(ws, params);
}

/** backward for any D and C. */
export function backwardAny(ws: Workspace, params: OutputWeights): void {
  const { samples: n, inputs: d, hidden: nh, classes: c, X: x, T: t } = ws;
  const { hiddenActivations: h, outputActivations: y, errorOutput: eo, errorHidden: eh } = ws;
  const { gradientWeightHidden: jwh, gradientBiasHidden: jbh, gradientBiasOut: jbo } = ws;
  const woT = ws.weightOutTransposed;
  const jwoT = ws.gradientWeightOutTransposed;
  transpose(params.Wo.data, nh, c, woT);
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
  transpose(jwoT, c, nh, ws.gradientWeightOut);
}

/** Index of the largest entry of each row of ws.outputActivations; the first on a tie (as numpy's argmax). */
export function argmaxRows(ws: Workspace, out: Int32Array): void {
  const { samples: n, classes: c, outputActivations: y } = ws;
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

/** Fraction of rows of ws.outputActivations whose argmax equals the target class (N indices). */
export function accuracyOf(ws: Workspace, target: Int32Array): number {
  const { samples: n, classes: c, outputActivations: y } = ws;
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

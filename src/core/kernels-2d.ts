// Fast paths of the kernels for the app's case, D = 2 inputs and C = 2 classes. With D and C
// that small, the general kernels spend most of their time on two-iteration inner loops; here
// those loops are written out, so each sample is one pass over its H hidden units. Same
// operations in the same order as the general kernels: identical results, bit for bit. Same
// workspace and parameters as the general kernels (see kernels.ts and workspace.ts).
import { exp } from './exp';
import type { HiddenLayer, OutputLayer, OutputWeights, Workspace } from './workspace';

/** forwardHidden for D = 2: H = σ(X·Wh + bh), X N×2, Wh 2×H. */
export function forwardHiddenD2(ws: Workspace, params: HiddenLayer): void {
  const { samples: n, hidden: nh, X: x, hiddenActivations: out } = ws;
  const wh = params.Wh.data;
  const bh = params.bh.data;
  for (let i = 0; i < n; i++) {
    const x0 = x[2 * i];
    const x1 = x[2 * i + 1];
    const ho = i * nh;
    for (let j = 0; j < nh; j++) {
      let z = 0;
      z += x0 * wh[j];
      z += x1 * wh[nh + j];
      out[ho + j] = 1 / (1 + exp(-(z + bh[j])));
    }
  }
}

/** forwardOutput for C = 2: Y = softmax(H·Wo + bo), Wo H×2, read in place (no transpose). */
export function forwardOutputC2(ws: Workspace, params: OutputLayer): void {
  const { samples: n, hidden: nh, hiddenActivations: h, outputActivations: y } = ws;
  const wo = params.Wo.data;
  const bo = params.bo.data;
  const b0 = bo[0];
  const b1 = bo[1];
  for (let i = 0; i < n; i++) {
    const ho = i * nh;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < nh; j++) {
      const hv = h[ho + j];
      s0 += hv * wo[2 * j];
      s1 += hv * wo[2 * j + 1];
    }
    const z0 = s0 + b0;
    const z1 = s1 + b1;
    // Stable softmax of two: the larger logit's exponential is e^0 = 1 (the first on a tie).
    if (z1 > z0) {
      const e0 = exp(z0 - z1);
      const sum = e0 + 1;
      y[2 * i] = e0 / sum;
      y[2 * i + 1] = 1 / sum;
    } else {
      const e1 = exp(z1 - z0);
      const sum = 1 + e1;
      y[2 * i] = 1 / sum;
      y[2 * i + 1] = e1 / sum;
    }
  }
}

/** backward for D = 2 and C = 2 (see kernels.ts `backward` for the formulas). */
export function backwardD2C2(ws: Workspace, params: OutputWeights): void {
  const { samples: n, hidden: nh, X: x, T: t, hiddenActivations: h, outputActivations: y } = ws;
  const { gradientWeightHidden: jwh, gradientBiasHidden: jbh, gradientWeightOut: jwo, gradientBiasOut: jbo } = ws;
  const wo = params.Wo.data;
  jwh.fill(0);
  jbh.fill(0);
  jwo.fill(0);
  let jbo0 = 0;
  let jbo1 = 0;
  for (let i = 0; i < n; i++) {
    const e0 = y[2 * i] - t[2 * i];
    const e1 = y[2 * i + 1] - t[2 * i + 1];
    jbo0 += e0;
    jbo1 += e1;
    const x0 = x[2 * i];
    const x1 = x[2 * i + 1];
    const ho = i * nh;
    for (let j = 0; j < nh; j++) {
      const hv = h[ho + j];
      jwo[2 * j] += hv * e0;
      jwo[2 * j + 1] += hv * e1;
      let s = 0;
      s += e0 * wo[2 * j];
      s += e1 * wo[2 * j + 1];
      const eh = hv * (1 - hv) * s;
      jbh[j] += eh;
      jwh[j] += x0 * eh;
      jwh[nh + j] += x1 * eh;
    }
  }
  jbo[0] = jbo0;
  jbo[1] = jbo1;
}

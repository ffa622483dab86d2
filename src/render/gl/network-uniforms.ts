// Packs the network's parameters into the vec4 uniforms the map's fragment shader reads
// (see network-glsl.ts). Allocated once per renderer, rewritten in place per snapshot.
import type { Params } from '../../core/types';

/** Classes the shaders support (the roadmap goes up to 5). */
export const MAX_CLASSES = 5;
/** Hidden units the shaders support. */
export const MAX_HIDDEN = 64;
/**
 * The logit of a class the network does not have: with zero weights its softmax share is
 * e^(−1e6 − max z) = 0 exactly in float32, so the shader needs no class count for the maths.
 */
export const ABSENT_CLASS_LOGIT = -1e6;

/**
 * Layout, for hidden unit j (D = 2, C ≤ 5):
 *   unitA[j] = (Wh[0][j], Wh[1][j], bh[j], Wo[j][4])
 *   unitB[j] = (Wo[j][0], Wo[j][1], Wo[j][2], Wo[j][3])
 *   outBias  = (bo[0], bo[1], bo[2], bo[3]),  outBias4 = bo[4]
 * so the shader accumulates four logits with one vec4 multiply-add per unit.
 */
export class NetworkUniforms {
  readonly unitA: Float32Array[];
  readonly unitB: Float32Array[];
  readonly outBias = new Float32Array(4);
  outBias4 = ABSENT_CLASS_LOGIT;
  hidden = 0;
  classes = 0;
  private readonly storage: Float32Array;

  constructor(readonly maxHidden = MAX_HIDDEN) {
    this.storage = new Float32Array(maxHidden * 8);
    this.unitA = [];
    this.unitB = [];
    for (let j = 0; j < maxHidden; j++) {
      this.unitA.push(this.storage.subarray(8 * j, 8 * j + 4));
      this.unitB.push(this.storage.subarray(8 * j + 4, 8 * j + 8));
    }
    this.clear();
  }

  /** No network: every logit absent, so the map shows nothing. */
  clear(): void {
    this.storage.fill(0);
    this.outBias.fill(ABSENT_CLASS_LOGIT);
    this.outBias4 = ABSENT_CLASS_LOGIT;
    this.hidden = 0;
    this.classes = 0;
  }

  /** Whether these parameters fit the shader (D = 2, H ≤ maxHidden, 1 ≤ C ≤ 5). */
  fits(params: Params): boolean {
    return (
      params.Wh.rows === 2 && params.Wh.cols <= this.maxHidden && params.Wo.cols >= 1 && params.Wo.cols <= MAX_CLASSES
    );
  }

  /**
   * Rewrites the packed uniforms from float64 parameters (rounded to float32). Non-finite
   * parameters (a diverged run) clear the network instead: the map then shows no shading.
   */
  update(params: Params): void {
    if (!this.fits(params)) {
      throw new RangeError(
        `the decision map needs D = 2, H ≤ ${this.maxHidden}, C ≤ ${MAX_CLASSES}; got D = ${params.Wh.rows}, H = ${params.Wh.cols}, C = ${params.Wo.cols}`,
      );
    }
    const { Wh, bh, Wo, bo } = params;
    const H = Wh.cols;
    const C = Wo.cols;
    this.clear();
    if (![Wh, bh, Wo, bo].every((m) => m.data.every(Number.isFinite))) return;
    for (let j = 0; j < H; j++) {
      const a = this.unitA[j];
      const b = this.unitB[j];
      a[0] = Wh.data[j];
      a[1] = Wh.data[H + j];
      a[2] = bh.data[j];
      a[3] = C > 4 ? Wo.data[j * C + 4] : 0;
      for (let k = 0; k < 4; k++) b[k] = k < C ? Wo.data[j * C + k] : 0;
    }
    for (let k = 0; k < 4; k++) this.outBias[k] = k < C ? bo.data[k] : ABSENT_CLASS_LOGIT;
    this.outBias4 = C > 4 ? bo.data[4] : ABSENT_CLASS_LOGIT;
    this.hidden = H;
    this.classes = C;
  }
}

/** Largest hidden-unit count whose uniform arrays fit `maxFragmentUniforms` vec4s (≤ 64). */
export function hiddenCapacity(maxFragmentUniforms: number): number {
  // two vec4 per unit, plus about 16 vec4 for biases, colours and the rest
  return Math.max(0, Math.min(MAX_HIDDEN, Math.floor((maxFragmentUniforms - 16) / 2)));
}

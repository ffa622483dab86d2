// A guard for the views: a snapshot whose weights are not finite (a diverged run; it should
// never reach a view, but one would paint garbage) is skipped, and the last good frame stays.
import type { Params } from '../../core/types';

/** The largest float32: the shaders get the weights as float32, so larger is ±Infinity there. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Whether every weight and bias is finite in float32 (NaN fails the comparison too). */
export function paramsFinite(params: Params): boolean {
  for (const m of [params.Wh, params.bh, params.Wo, params.bo]) {
    const data = m.data;
    for (let k = 0; k < data.length; k++) if (!(Math.abs(data[k]) <= FLOAT32_MAX)) return false;
  }
  return true;
}

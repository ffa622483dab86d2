// Olah's "Neural Networks, Manifolds, and Topology" picture: the input plane's grid lines
// x₁ = c and x₂ = c over [−2, 2]² (the decision map's square), carried into the hidden space by
// h(x) = σ(x·Wh + bh). Straight in the input, they come out bent, showing how the hidden layer
// folds the plane. Only the inputs live here; where they land is computed per vertex from the
// same three units' weights as the points (the GPU's vertex shader, or the core on the CPU).

/** The input square the grid covers (the decision map's). */
export const GRID_RANGE = { lo: -2, hi: 2 } as const;
/** lines per direction: c = −2, −1.5, …, 2 */
export const GRID_LINES = 9;
/** straight pieces per line: enough that a line through a steep sigmoid still reads as a curve */
export const GRID_SEGMENTS = 64;

/**
 * The grid as line-segment vertex pairs in the input plane, (x₁, x₂) per vertex: first the
 * lines x₁ = c (x₂ running), then x₂ = c. 2 × lines × segments segments.
 */
export function gridLineInputs(lines = GRID_LINES, segments = GRID_SEGMENTS): Float32Array {
  const { lo, hi } = GRID_RANGE;
  const out = new Float32Array(2 * lines * segments * 2 * 2);
  let w = 0;
  const at = (k: number, n: number): number => lo + ((hi - lo) * k) / n;
  for (const along of [1, 0] as const) {
    for (let line = 0; line < lines; line++) {
      const c = at(line, lines - 1);
      for (let s = 0; s < segments; s++) {
        for (const t of [at(s, segments), at(s + 1, segments)]) {
          // along = 1: x₁ = c fixed, x₂ runs; along = 0: x₂ = c fixed, x₁ runs
          out[w++] = along ? c : t;
          out[w++] = along ? t : c;
        }
      }
    }
  }
  return out;
}

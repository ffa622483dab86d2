// Samples on the decision map under the pointer or the keyboard's cursor, in input units
// (the map shows MAP_RANGE², x₁ right, x₂ up). Pure: the element turns pixels into x first.
import type { DatasetMessage } from '../../protocol/trainer-api';

/** The sample nearest (x₁, x₂) within `radius` (input units), the lowest index on a tie; null if none. */
export function nearestSample(data: DatasetMessage | null, x1: number, x2: number, radius: number): number | null {
  if (!data || data.inputs < 2) return null;
  const D = data.inputs;
  let best: number | null = null;
  let bestDistance = radius * radius;
  for (let i = 0; i < data.samples; i++) {
    const d = (data.X[i * D] - x1) ** 2 + (data.X[i * D + 1] - x2) ** 2;
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

export type CursorStep = 'left' | 'right' | 'up' | 'down';

const DIRECTIONS: Record<CursorStep, readonly [number, number]> = {
  right: [1, 0],
  left: [-1, 0],
  up: [0, 1],
  down: [0, -1],
};

/**
 * The keyboard cursor's next sample from `from` in direction `step`: among the samples ahead
 * (a positive component along it), the one nearest by distance with sideways offsets counted
 * double, so the cursor keeps to its line; `from` itself when nothing lies ahead.
 */
export function stepSample(data: DatasetMessage, from: number, step: CursorStep): number {
  const D = data.inputs;
  const [dx, dy] = DIRECTIONS[step];
  const x0 = data.X[from * D];
  const y0 = data.X[from * D + 1];
  let best = from;
  let bestScore = Infinity;
  for (let i = 0; i < data.samples; i++) {
    const ex = data.X[i * D] - x0;
    const ey = data.X[i * D + 1] - y0;
    const along = ex * dx + ey * dy;
    if (along <= 0) continue;
    const across = Math.abs(ex * dy - ey * dx);
    const score = along + 2 * across;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

// Test rows (the run's held-out points) are drawn hollow. The GPU views keep one float class
// attribute per point and add TEST_CLASS_OFFSET to a test row's class, so no second buffer or
// draw is needed; the CPU views read the mask.
import type { DatasetMessage } from '../../protocol/trainer-api';

/** Added to a test row's class index in the class attribute (classes are 0–4). */
export const TEST_CLASS_OFFSET = 8;

/** A hollow marker's coloured band inside its outline, as a fraction of the marker's radius. */
export const HOLLOW_BAND = 0.15;

/** A hollow marker's radius over a filled one's: a star of radius 6 px still has a hole. */
export const HOLLOW_SCALE = 1.25;

/** mask[i] = 1 when row i is a test row; all 0 without a test set. Out-of-range indices are ignored. */
export function testRowMask(data: DatasetMessage): Uint8Array {
  const mask = new Uint8Array(data.samples);
  for (const i of data.testRows ?? []) if (i >= 0 && i < data.samples) mask[i] = 1;
  return mask;
}

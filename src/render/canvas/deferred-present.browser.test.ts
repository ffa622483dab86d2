import { expect, test } from 'vitest';
import { sharedGl } from '../gl/shared-context';
import { softwareGl } from '../gl/software-gl';
import { DeferredPresents, TIMED_PRESENTS, WAITING_PRESENT_MS } from './deferred-present';

/** A present whose transfer waited `ms` for its raster (as one composited in software does). */
function waitingPresent(ms: number): () => number {
  return () => ms;
}

test('defers on software GL once each of the first presents waited, and not when they returned at once', () => {
  sharedGl.makeContext();
  const gl = sharedGl.context!;
  expect(gl).not.toBeNull();
  // the tests' browser draws WebGL with SwiftShader and has a timer query to fence with
  expect(softwareGl(gl)).toBe(true);

  const slow = new DeferredPresents(() => 0);
  for (let k = 0; k < TIMED_PRESENTS; k++) {
    // not known yet: present at once (and time it)
    expect(slow.wanted(gl)).toBe(false);
    slow.presentNow(gl, waitingPresent(2 * WAITING_PRESENT_MS));
  }
  expect(slow.wanted(gl)).toBe(true);

  const fast = new DeferredPresents(() => 0);
  for (let k = 0; k < TIMED_PRESENTS; k++) fast.presentNow(gl, () => 0);
  expect(fast.wanted(gl)).toBe(false);

  // one waiting present among fast ones is not enough
  const mixed = new DeferredPresents(() => 0);
  mixed.presentNow(gl, waitingPresent(2 * WAITING_PRESENT_MS));
  for (let k = 1; k < TIMED_PRESENTS; k++) mixed.presentNow(gl, () => 0);
  expect(mixed.wanted(gl)).toBe(false);

  // forced either way (tests of the deferred path; a page that wants every present at once)
  fast.mode = 'deferred';
  expect(fast.wanted(gl)).toBe(true);
  slow.mode = 'immediate';
  expect(slow.wanted(gl)).toBe(false);
});

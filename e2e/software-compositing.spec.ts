// The demo composited in software, as Chromium does on a machine without a usable GPU (the
// `software-compositing` project in playwright.config.ts; every other spec runs with the GPU
// compositing flags). There a WebGL view's frame moved onto its 2-D canvas waits for its raster
// on the main thread, so the views show their training frames once the GPU has run them
// (src/render/canvas/deferred-present.ts): the page must stay responsive, and what the views
// show must still be the run's state.
import { expect, test } from '@playwright/test';
import { longTasksTrainingAtMaxSpeed, mapDisagreements, viewDrawn } from './support/lab';

test('stays responsive while training at max speed, composited in software', async ({ page }) => {
  const { tasks, frames } = await longTasksTrainingAtMaxSpeed(page);
  expect(Math.max(0, ...tasks), frames.join('\n')).toBeLessThanOrEqual(50);
  // the last frame the views drew is on their canvases, and it is the run's
  for (const part of ['decision-map', 'hidden-space'] as const) {
    expect((await viewDrawn(page, part)).backend).toBe('webgl');
  }
  expect(await mapDisagreements(page)).toEqual([]);
});

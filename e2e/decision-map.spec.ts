// The decision map's real pixels, read back from its canvas in the running dashboard.
import { expect, test } from '@playwright/test';
import {
  countWebglContexts,
  mapDisagreements,
  mapPixels,
  nearestClass,
  viewDrawn,
  viewStatus,
  waitForState,
  webglContextCount,
} from './support/lab';

test.beforeEach(async ({ page }) => {
  await countWebglContexts(page);
  await page.goto('/');
  await waitForState(page, 'done');
  // the figure is on-screen and drawn at full quality once the run is done
  await page.locator('backprop-lab').locator('[part="decision-map"]').scrollIntoViewIfNeeded();
  const map = await viewDrawn(page, 'decision-map');
  expect(map.backend).toBe('webgl');
  expect(map.drawCount).toBeGreaterThan(0);
});

test('shows the inner class at the centre, the outer on the ring, and agrees with the network', async ({ page }) => {
  const [centre, ring] = await mapPixels(page, [
    [0.05, -0.05],
    [1.6, 0],
  ]);
  expect(nearestClass(centre)).toBe(1);
  expect(nearestClass(ring)).toBe(0);

  expect(await mapDisagreements(page)).toEqual([]);
});

test('redraws after the WebGL context is lost and restored, without losing the run', async ({ page }) => {
  const before = await page.evaluate(() => document.querySelector('backprop-lab')!.iteration);
  const draws = await page.evaluate(async () => {
    const map = document.querySelector('backprop-lab')!.shadowRoot!.querySelector('bp-decision-map')!;
    // the page's one context, shared by every view (countWebglContexts saw it made)
    const [canvas] = (window as unknown as { __webglCanvases: Set<HTMLCanvasElement> }).__webglCanvases;
    const drawnBefore = map.drawCount;
    const ext = canvas.getContext('webgl')!.getExtension('WEBGL_lose_context')!;
    const lost = new Promise((r) => canvas.addEventListener('webglcontextlost', r, { once: true }));
    ext.loseContext();
    await lost;
    // Chromium restores only once the lost event's dispatch has finished
    await new Promise((r) => requestAnimationFrame(r));
    const restored = new Promise((r) => canvas.addEventListener('webglcontextrestored', r, { once: true }));
    ext.restoreContext();
    // the views' listener (added with the context, before this one) has rebuilt their renderers
    // and asked for a frame by now: drawComplete waits for that frame
    await restored;
    await map.drawComplete;
    return { before: drawnBefore, after: map.drawCount, backend: map.backend };
  });
  // a frame drawn after the restore, on the restored WebGL context (still the page's only one)
  expect(await webglContextCount(page)).toBe(1);
  expect(draws.after).toBeGreaterThan(draws.before);
  expect(draws.backend).toBe('webgl');
  const [centre, ring] = await mapPixels(page, [
    [0.05, -0.05],
    [1.6, 0],
  ]);
  expect(nearestClass(centre)).toBe(1);
  expect(nearestClass(ring)).toBe(0);
  expect(await page.evaluate(() => document.querySelector('backprop-lab')!.iteration)).toBe(before);
  // training still works
  await page.evaluate(async () => {
    const lab = document.querySelector('backprop-lab')!;
    lab.iterations = 310;
    await lab.step(5);
  });
  expect(await page.evaluate(() => document.querySelector('backprop-lab')!.iteration)).toBe(before + 5);
});

test('takes new class colours from --bp-* custom properties on refreshColors()', async ({ page }) => {
  const before = await viewStatus(page, 'decision-map');
  await page.evaluate(() => {
    const lab = document.querySelector('backprop-lab')!;
    lab.style.setProperty('--bp-class-0-color', 'rgb(0, 160, 0)');
    lab.refreshColors();
  });
  // a frame drawn after the change (in the new colours): the run is done, nothing else redraws
  const after = await viewDrawn(page, 'decision-map');
  expect(after.drawCount).toBeGreaterThan(before.drawCount);
  const [ring] = await mapPixels(page, [[1.6, 0]]);
  // green now dominates where the outer class is predicted
  expect(ring[1]).toBeGreaterThan(ring[0]);
  expect(ring[1]).toBeGreaterThan(ring[2]);
});

// The README's picture of each view (docs/views/<view>.png): the real element in Chromium
// (picture-page.mjs) on the tutorial's run (seed 1, 300 iterations), each view as a reader first
// meets it, taken from the page as drawn.
//   node scripts/view-pictures.mjs
/* global document, CustomEvent -- inside page.evaluate, in the browser */
import { savePng, trainedLab, viewsDrawn, withPicturePage } from './picture-page.mjs';

/** The lab's shadow-DOM part `name` (Playwright's CSS pierces open shadow roots). */
const part = (page, name) => page.locator(`#lab [part~="${name}"]`).first();
const figure = (page, view) => page.locator(`#lab figure[data-view="${view}"]`);

/** Runs `method(...args)` on the lab and waits until its views have drawn the result. */
async function call(page, method, ...args) {
  await page.evaluate(([m, a]) => document.getElementById('lab')[m](...a), [method, args]);
  await viewsDrawn(page);
}

async function shoot(locator, name) {
  await savePng(`docs/views/${name}.png`, await locator.screenshot({ animations: 'disabled', caret: 'hide' }));
}

const WIDE = 'width: 720px; padding: 8px; background: #fff';
const MEDIUM = 'width: 560px; padding: 8px; background: #fff';

await withPicturePage({ width: 900, height: 1400 }, async (page) => {
  // The decision map and the hidden space, a sample hovered in the map (ringed in both).
  await trainedLab(page, { views: 'decision-map hidden-space', 'no-captions': '' }, WIDE);
  await page.evaluate(() => {
    const map = document.getElementById('lab').shadowRoot.querySelector('bp-decision-map');
    map.dispatchEvent(new CustomEvent('bp-point-hover', { detail: { index: 7, source: 'pointer' } }));
  });
  await viewsDrawn(page);
  await shoot(figure(page, 'decision-map'), 'decision-map');
  await shoot(figure(page, 'hidden-space'), 'hidden-space');

  // The network diagram at the end: gradients asked once training stopped, a unit focused.
  await trainedLab(page, { views: 'network', controls: 'none', 'no-captions': '' }, MEDIUM);
  await page.waitForFunction(() => document.getElementById('lab').viewedGradients !== null);
  await viewsDrawn(page);
  await page.locator('#lab bp-network').getByRole('button', { name: 'Hidden unit h₂' }).focus();
  await viewsDrawn(page);
  await shoot(figure(page, 'network'), 'network');

  // The cost curve: a run with a test split, pinned; then the same with less momentum trained
  // beside it, and iteration 120 viewed (the cursor).
  await trainedLab(page, { views: 'cost-curve', 'no-captions': '', 'test-fraction': '0.3' }, WIDE);
  await call(page, 'pinRun', 'momentum 0.9');
  await page.evaluate(async () => {
    const lab = document.getElementById('lab');
    lab.momentum = 0.5;
    await lab.reset();
    await lab.start();
    await lab.whenFinished();
  });
  await call(page, 'seek', 120);
  await shoot(figure(page, 'cost-curve'), 'cost-curve');
  // the scrubber of the same run, at iteration 120
  await shoot(part(page, 'timeline'), 'timeline');

  // The gradient check at iteration 37 (the table follows the viewed iteration).
  await trainedLab(page, { views: 'gradient-check', controls: 'none', 'no-captions': '' }, MEDIUM);
  await call(page, 'gradientCheck');
  await call(page, 'seek', 37);
  await page.waitForFunction(() => {
    const table = document.getElementById('lab').shadowRoot.querySelector('bp-gradient-check');
    return !table.busy && table.report?.iteration === 37;
  });
  await shoot(figure(page, 'gradient-check'), 'gradient-check');
});

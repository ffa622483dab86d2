// Data by hand on the decision map (issue 11): adding, moving and deleting points by pointer,
// touch and keyboard, undo and redo, each reflected in the `data` property and announced.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CLASS_RGB } from '../test/helpers/colors';
import { call, lab, mapPixels, prop, viewDrawn } from './support/lab';

interface Data {
  X: number[][];
  t: number[];
}

const START: Data = {
  X: [
    [0, 0],
    [1, 1],
    [-1, 0.5],
    [0.5, -1],
  ],
  t: [0, 1, 0, 1],
};

function data(page: Page): Promise<Data> {
  return prop<Data>(page, 'data');
}

async function rows(page: Page, n: number): Promise<Data> {
  await expect.poll(async () => (await data(page)).t.length).toBe(n);
  return data(page);
}

test('adds, moves and deletes points by pointer, touch and keyboard, with undo and redo', async ({ page }) => {
  await page.goto('/');
  await call(page, 'pause');
  await page.evaluate((value) => {
    document.querySelector('backprop-lab')!.data = value;
  }, START);
  await expect.poll(() => data(page)).toEqual(START);
  expect(await prop<string>(page, 'generator')).toBe('custom');

  const element = page.locator(lab);
  const live = element.getByRole('status').first();
  const canvas = element.locator('bp-decision-map canvas');
  await canvas.scrollIntoViewIfNeeded();
  await viewDrawn(page, 'decision-map');
  const box = (await canvas.boundingBox())!;
  // one CSS pixel in plane units: the tolerance of a pointer's position
  const pixel = 4 / box.width;
  const at = (x: number, y: number) => ({
    x: box.x + ((x + 2) / 4) * box.width,
    y: box.y + ((2 - y) / 4) * box.height,
  });
  const near = (actual: number[], expected: number[]) => {
    expect(Math.abs(actual[0] - expected[0])).toBeLessThanOrEqual(pixel);
    expect(Math.abs(actual[1] - expected[1])).toBeLessThanOrEqual(pixel);
  };

  // Click: a point of the selected class where the pointer is, drawn under it.
  const pick = (k: number) => element.locator('bp-point-tools label', { hasText: `class ${k}` }).click();
  await pick(1);
  await expect(element.getByRole('radio', { name: 'class 1' })).toBeChecked();
  const a = at(1.5, -1.5);
  await page.mouse.click(a.x, a.y);
  let now = await rows(page, 5);
  near(now.X[4], [1.5, -1.5]);
  expect(now.t[4]).toBe(1);
  expect(now.X.slice(0, 4)).toEqual(START.X);
  await expect(live).toHaveText('Added class 1 point at (1.50, −1.50); 5 points');
  expect(await prop<string>(page, 'generator')).toBe('custom');
  await viewDrawn(page, 'decision-map');
  const [under] = await mapPixels(page, [[now.X[4][0], now.X[4][1]]]);
  for (let c = 0; c < 3; c++) expect(Math.abs(under[c] - CLASS_RGB[1][c])).toBeLessThanOrEqual(24);

  // Drag: the point follows the pointer.
  const b = at(-1.5, 1.5);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
  await expect(live).toHaveText('Moved class 1 point from (1.50, −1.50) to (−1.50, 1.50); 5 points');
  now = await data(page);
  expect(now.t).toEqual([0, 1, 0, 1, 1]);
  near(now.X[4], [-1.5, 1.5]);

  // Right-click deletes the point under the pointer.
  await page.mouse.click(b.x, b.y, { button: 'right' });
  await expect(live).toHaveText('Deleted class 1 point at (−1.50, 1.50); 4 points');
  expect(await data(page)).toEqual(START);

  // Undo (Ctrl+Z on the map) brings it back; Redo (the button) deletes it again; Ctrl+Y, Ctrl+Shift+Z.
  const editor = element.getByRole('application', { name: 'Edit the data points' });
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(live).toHaveText('Undid: deleted class 1 point at (−1.50, 1.50); 5 points');
  near((await rows(page, 5)).X[4], [-1.5, 1.5]);
  await page.keyboard.press('Control+z');
  await expect(live).toHaveText('Undid: moved class 1 point from (1.50, −1.50) to (−1.50, 1.50); 5 points');
  await expect.poll(async () => (await data(page)).X[4][0]).toBeGreaterThan(0);
  await element.getByRole('button', { name: 'Redo' }).click();
  await expect(live).toHaveText('Redid: moved class 1 point from (1.50, −1.50) to (−1.50, 1.50); 5 points');
  await editor.focus();
  await page.keyboard.press('Control+y');
  await expect(live).toHaveText('Redid: deleted class 1 point at (−1.50, 1.50); 4 points');
  expect(await data(page)).toEqual(START);
  await page.keyboard.press('Control+Shift+z');
  await expect(live).toHaveText('Nothing to redo.');

  // Touch: a tap adds, a long press deletes.
  await pick(0);
  await expect(element.getByRole('radio', { name: 'class 0' })).toBeChecked();
  const touch = await page.context().newCDPSession(page);
  const c = at(-1, -1);
  await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: c.x, y: c.y }] });
  await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  near((await rows(page, 5)).X[4], [-1, -1]);
  await expect(live).toHaveText('Added class 0 point at (−1.00, −1.00); 5 points');
  await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: c.x, y: c.y }] });
  await expect(live).toHaveText('Deleted class 0 point at (−1.00, −1.00); 4 points'); // while held
  await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  expect(await data(page)).toEqual(START);

  // Keyboard: the cursor to (−1, −1.5) by arrows (it stops at the edges), Enter adds there exactly.
  await editor.focus();
  for (let k = 0; k < 8; k++) await page.keyboard.press('Shift+ArrowLeft');
  for (let k = 0; k < 8; k++) await page.keyboard.press('Shift+ArrowDown');
  await expect(live).toHaveText('Cursor at (−2.00, −2.00)');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(live).toHaveText('Added class 0 point at (−1.00, −1.50); 5 points');
  expect((await data(page)).X[4]).toEqual([-1, -1.5]);

  // Space picks the point up, arrows carry it, Space drops it.
  await page.keyboard.press('Space');
  await expect(live).toContainText('Picked up a class 0 point at (−1.00, −1.50)');
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(live).toHaveText('Moved class 0 point from (−1.00, −1.50) to (−0.70, −1.50); 5 points');
  expect((await data(page)).X[4]).toEqual([-0.7, -1.5]);

  // Alt+arrow jumps to the nearest point that way; Delete removes it.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(live).toHaveText('On a class 0 point at (0.00, 0.00)');
  await page.keyboard.press('Delete');
  await expect(live).toHaveText('Deleted class 0 point at (0.00, 0.00); 4 points');
  expect(await data(page)).toEqual({ X: [...START.X.slice(1), [-0.7, -1.5]], t: [1, 0, 1, 0] });
  await page.keyboard.press('Delete');
  await expect(live).toHaveText('No point under the cursor at (0.00, 0.00).');

  // The editor, its cursor and its tools pass axe.
  const results = await new AxeBuilder({ page }).include(lab).analyze();
  expect(results.violations).toEqual([]);
});

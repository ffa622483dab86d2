// Your own data on the demo page, as a visitor and a script use it: import by the file picker and
// by a drop, a download of the data, a rejected file shown and announced, the test split's
// figures and the `data` property's errors.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { call, lab, prop, waitForState } from './support/lab';

const CSV = 'x1,x2,label\n0,0,0\n1,1,1\n-1,0.5,2\n0.5,-1,1\n';

test.describe('data', () => {
  test('imports by picker and drop, downloads, and shows a rejected file', async ({ page }) => {
    await page.goto('/');
    await call(page, 'pause');
    const element = page.locator(lab);
    const live = element.getByRole('status').first();
    const errors: string[] = [];
    await page.exposeFunction('reportBpError', (message: string) => errors.push(message));
    await page.evaluate(() =>
      document
        .querySelector('backprop-lab')!
        .addEventListener('bp-error', (e) =>
          (window as unknown as { reportBpError(m: string): void }).reportBpError(e.detail.message),
        ),
    );

    // The picker: labels up to 2 raise classes to 3, and the live region says so.
    const chooser = page.waitForEvent('filechooser');
    await element.getByRole('button', { name: 'Import data…' }).click();
    await (await chooser).setFiles({ name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await expect.poll(() => prop<string>(page, 'generator')).toBe('custom');
    expect(await prop<number>(page, 'classes')).toBe(3);
    await expect(live).toHaveText(
      'Imported 4 points in 3 classes; labels go up to 2, so classes went from 2 to 3. A new run started.',
    );
    expect(await call<string>(page, 'exportData', 'csv')).toBe(CSV);

    // The download is the data, as exportData gives them.
    const download = page.waitForEvent('download');
    await element.getByRole('button', { name: 'Download JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('backprop-lab-data.json');
    const body = await (await file.createReadStream()).toArray();
    expect(JSON.parse(Buffer.concat(body).toString('utf8'))).toEqual({
      X: [
        [0, 0],
        [1, 1],
        [-1, 0.5],
        [0.5, -1],
      ],
      t: [0, 1, 2, 1],
    });

    // A dropped file imports too.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File(['{"X": [[2, 2], [-2, -2]], "t": [1, 0]}'], 'two.json', { type: 'application/json' }),
      );
      const target = document.querySelector('backprop-lab')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => prop<{ t: number[] }>(page, 'data').then((d) => d.t)).toEqual([1, 0]);

    // A bad file: the error names line and column, beside the buttons and in the live region; nothing changes.
    const before = await call<string>(page, 'exportData', 'csv');
    const again = page.waitForEvent('filechooser');
    await element.getByRole('button', { name: 'Import data…' }).click();
    await (
      await again
    ).setFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,0\n3,<b>x</b>,1\n') });
    const message =
      'parseDataCsv: line 2, column x2 (2nd): must be a decimal number; got "\\u003cb\\u003ex\\u003c/b\\u003e"';
    await expect(element.locator('[part~="error"]#data-message')).toContainText(message);
    await expect(live).toContainText(message);
    expect(errors).toEqual([message]);
    expect(await call<string>(page, 'exportData', 'csv')).toBe(before);
    const axe = await new AxeBuilder({ page }).include('backprop-lab').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('a test split: testCosts beside costs; the data property names what is wrong', async ({ page }) => {
    await page.goto('/');
    await waitForState(page, 'done');
    const result = await page.evaluate(async () => {
      const el = document.querySelector('backprop-lab')!;
      const thrown: string[] = [];
      for (const bad of [{ X: [[0, 0]], t: [0.5] }, { X: [[0, 'a']], t: [0] }, { X: [], t: [] }, null]) {
        try {
          el.data = bad as never;
        } catch (e) {
          thrown.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      el.testFraction = 0.25;
      el.iterations = 300;
      el.speed = 'max';
      await el.start();
      await el.whenFinished();
      return {
        thrown,
        costs: el.costs.length,
        testCosts: Array.from(el.testCosts),
        testAccuracy: el.testAccuracy,
        samples: el.data.t.length,
      };
    });
    expect(result.thrown).toEqual([
      'RangeError: validateData: row 1 (data.t[0]), column label: must be a whole number from 0 to 4; got 0.5',
      'TypeError: validateData: row 1 (data.X[0]), column x2: must be a number; got the string "a"',
      'RangeError: validateData: data.X must hold at least 1 row; got none',
      'TypeError: validateData: data must be an object { X: number[][], t: number[] }; got null',
    ]);
    expect(result.costs).toBe(301);
    expect(result.testCosts).toHaveLength(301);
    expect(result.testCosts[300]).toBeLessThan(result.testCosts[0] / 2);
    expect(result.testAccuracy).toBeGreaterThan(0.9);
    expect(result.samples).toBe(100); // the test rows are in the data too
  });
});

// The element's data API with its real worker: the `data` property, importData, exportData, the
// test split's figures, and hostile imports by the hundred in one page.
import { describe, expect, it } from 'vitest';
import { RandomState } from '../core/random';
import { until } from '../../test/helpers/browser';
import { liveText, mountLab } from '../../test/helpers/lab';

const CSV = 'x1,x2,label\n0,0,0\n1,1,1\n-1,0.5,3\n0.25,-2,2\n';

describe('<backprop-lab> data', () => {
  it('sets, gets, imports and exports data; a bad value changes nothing', async () => {
    const lab = await mountLab({ 'no-controls': '', speed: 'max', iterations: '20', seed: '3' });
    await lab.step(2);
    expect(lab.data.X).toHaveLength(100);
    const before = lab.exportData('json');
    const runBefore = lab.config;

    // The setter judges the value at once, naming row, column and what is allowed.
    expect(
      () =>
        (lab.data = {
          X: [
            [0, 0],
            [1, Number.NaN],
          ],
          t: [0, 1],
        }),
    ).toThrow('validateData: row 2 (data.X[1]), column x2: must be finite; got NaN');
    expect(() => (lab.data = { X: [[0, 0]], t: [7] })).toThrow(RangeError);
    expect(() => (lab.data = { X: [[0, 0, 0]], t: [0] } as never)).toThrow(
      /row 1 \(data\.X\[0\]\) must hold 2 numbers/,
    );
    expect(() => (lab.data = 'x' as never)).toThrow(TypeError);
    expect(lab.exportData('json')).toBe(before);
    expect(lab.config).toEqual(runBefore);

    lab.data = {
      X: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      t: [0, 1, 0],
    };
    await until(() => lab.config.generator === 'custom', 'generator custom', 10_000);
    expect(lab.generator).toBe('custom');
    expect(lab.data).toEqual({
      X: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      t: [0, 1, 0],
    });
    expect(lab.iteration).toBe(0);

    // Labels up to 3 raise classes to 4 and say so.
    await lab.importData(CSV);
    expect(lab.config).toMatchObject({ generator: 'custom', classes: 4 });
    expect(lab.classes).toBe(4);
    expect(liveText(lab)).toBe(
      'Imported 4 points in 4 classes; labels go up to 3, so classes went from 2 to 4. A new run started.',
    );
    expect(lab.exportData('csv')).toBe(CSV);
    expect(JSON.parse(lab.exportData('json'))).toEqual({
      X: [
        [0, 0],
        [1, 1],
        [-1, 0.5],
        [0.25, -2],
      ],
      t: [0, 1, 3, 2],
    });

    // JSON from a File, the format from its name; the run trains on it.
    const file = new File([lab.exportData('json')], 'points.json', { type: '' });
    await lab.importData(file);
    await lab.step(5);
    expect(lab.costs).toHaveLength(6);
    expect(() => lab.exportData('xml' as never)).toThrow('exportData: format must be "csv" or "json"; got "xml"');

    // A rejected import changes nothing.
    const kept = lab.exportData('csv');
    await expect(lab.importData('x1,x2,label\n0,0,0\n1,abc,1\n')).rejects.toThrow(/line 3.*column x2/);
    await expect(lab.importData('{"X": [[0, 0]], "t": [9]}', 'json')).rejects.toThrow(/row 1.*column label/);
    expect(lab.exportData('csv')).toBe(kept);
    expect(lab.iteration).toBe(5);
  });

  it('holds out the test rows: testCosts aligned with costs, testAccuracy, and a generator that needs two classes is named', async () => {
    const lab = await mountLab({
      'no-controls': '',
      speed: 'max',
      iterations: '30',
      generator: 'spiral',
      classes: '3',
      samples: '99',
      'test-fraction': '0.3',
      'hidden-units': '8',
    });
    await lab.start();
    await lab.whenFinished();
    expect(lab.costs).toHaveLength(31);
    expect(lab.testCosts).toHaveLength(31);
    expect(lab.testCosts.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
    expect(lab.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(lab.testAccuracy).toBeLessThanOrEqual(1);

    // moons has two classes: a named error on classes, and the last good run goes on.
    lab.generator = 'moons';
    await lab.updateComplete;
    expect(lab.configErrors.classes).toMatch(/^classes: 3 is not allowed; expected 2 for generator "moons"/);
    expect(lab.config.generator).toBe('spiral');
    lab.classes = 2;
    lab.testFraction = 0;
    await lab.updateComplete;
    await until(() => lab.config.generator === 'moons', 'the moons run', 10_000);
    expect(lab.configErrors.classes).toBeUndefined();
    expect(lab.testCosts).toHaveLength(0);
    expect(lab.testAccuracy).toBeNull();
  });

  it('rejects hundreds of hostile imports cleanly while the run goes on', async () => {
    const lab = await mountLab({ 'no-controls': '', speed: '200', iterations: '10000000' });
    const escaped: unknown[] = [];
    const onError = (e: ErrorEvent) => escaped.push(e.error);
    const onRejection = (e: PromiseRejectionEvent) => escaped.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      await lab.start();
      const rng = new RandomState(11);
      const pieces = [
        '0',
        '1',
        '-',
        '.',
        'e',
        ',',
        '\n',
        ' ',
        'x1,x2,label',
        '{',
        '}',
        '[',
        ']',
        '"X":',
        '"t":',
        '<b>',
        'NaN',
        '9',
        '1e7',
      ];
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      const throwing = new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error('trap');
          },
        },
      );
      const sources: unknown[] = [
        undefined,
        null,
        42,
        {},
        [],
        Symbol('s'),
        () => 0,
        revoked.proxy,
        throwing,
        new Blob([new Uint8Array(1_000_001)]),
        '',
        '\ufeff',
        'x1,x2,label',
        '{}',
        '[]',
        '{"X": [], "t": []}',
        'x1,x2,label\n' + '0,0,0\n'.repeat(10_001),
        '0,0,0\n'.repeat(170_000),
      ];
      for (let i = 0; i < 300; i++) {
        const n = 1 + rng.randomInterval(30);
        let text = '';
        for (let k = 0; k < n; k++) text += pieces[rng.randomInterval(pieces.length - 1)];
        // every one invalid: a label of 9 is no class (at most 5), wherever the rest parses
        sources.push(`${text}\n0,0,9`, `{"X": [[0, ${text.length}]], "t": [9]} ${text}`);
      }
      const before = lab.exportData('csv');
      let rejected = 0;
      for (const [index, source] of sources.entries()) {
        const format = rejected % 7 === 3 ? 'yaml' : undefined;
        const err = await lab.importData(source as string, format as never).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, `source ${index}`).toBeInstanceOf(Error);
        const message = (err as Error).message;
        expect(message).toMatch(/^(importData|parseDataCsv|parseDataJson): /);
        expect(message).not.toMatch(/<b>/);
        rejected += 1;
      }
      expect(rejected).toBe(sources.length);
      expect(lab.exportData('csv')).toBe(before);
      const at = lab.iteration;
      await until(() => lab.iteration > at, 'training to go on', 10_000);
      expect(lab.state).toBe('running');
      expect(escaped).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});

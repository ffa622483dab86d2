import { describe, expect, it } from 'vitest';
import { ClassCountError } from './data-io';
import { makeMoons } from './datasets';
import { notebookSetup } from './notebook';
import { packParams } from './params';
import { RandomState } from './random';
import { setupRun } from './setup';
import { splitData, testRowCount } from './split';

describe('setupRun', () => {
  it('is the notebook’s set-up, number for number, for the tutorial’s settings', () => {
    for (const seed of [0, 1, 42]) {
      const run = setupRun(seed, { samples: 100, noise: 0.1, factor: 0.3, hiddenUnits: 3, initScale: 0.1 });
      const notebook = notebookSetup(seed);
      expect(Array.from(run.X.data)).toEqual(Array.from(notebook.X.data));
      expect(Array.from(run.t)).toEqual(Array.from(notebook.t));
      expect(Array.from(run.T.data)).toEqual(Array.from(notebook.T.data));
      expect(Array.from(packParams(run.checkParams))).toEqual(Array.from(packParams(notebook.checkParams)));
      expect(Array.from(packParams(run.initParams))).toEqual(Array.from(packParams(notebook.initParams)));
      expect(run.test).toBeNull();
      expect(run.testRows.length).toBe(0);
    }
  });

  it('rejects classes other than 2 for the two-class generators, naming the generator', () => {
    for (const generator of ['circles', 'moons', 'xor'] as const) {
      expect(() => setupRun(1, { generator, classes: 3 })).toThrow(
        new RangeError(`setupRun: classes must be 2 for generator "${generator}" (it has two classes); got 3`),
      );
    }
    expect(() => setupRun(1, { generator: 'blobs', classes: 6 })).toThrow(RangeError);
    expect(() => setupRun(1, { generator: 'spiral', classes: 1 })).toThrow(RangeError);
    expect(setupRun(1, { generator: 'spiral', classes: 5 }).T.cols).toBe(5);
  });

  it('rejects unknown generators and out-of-range fractions with the allowed values', () => {
    expect(() => setupRun(1, { generator: 'rings' as 'circles' })).toThrow(
      'setupRun: generator must be one of circles, moons, blobs, xor, spiral, custom; got "rings" (string)',
    );
    expect(() => setupRun(1, { testFraction: 1 })).toThrow(RangeError);
    expect(() => setupRun(1, { testFraction: -0.1 })).toThrow(RangeError);
  });

  it('skips the data draws for custom data: the split, then the parameters', () => {
    const data = makeMoons({ nSamples: 20, noise: 0.1 }, new RandomState(3));
    const run = setupRun(7, { generator: 'custom', data, testFraction: 0.25, hiddenUnits: 2 });
    const rng = new RandomState(7);
    const perm = rng.permutation(20);
    expect(Array.from(run.testRows)).toEqual(Array.from(perm.subarray(0, 5)));
    expect(Array.from(run.trainRows)).toEqual(Array.from(perm.subarray(5)));
    expect(run.data).toBe(data);
    const checkFirst = rng.standardNormal();
    expect(run.checkParams.bh.data[0]).toBe(checkFirst);
  });

  it('says which class count custom labels need', () => {
    const data = makeMoons({ nSamples: 4 }, new RandomState(0));
    data.t[2] = 4;
    let error: unknown;
    try {
      setupRun(1, { generator: 'custom', data, classes: 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClassCountError);
    expect((error as ClassCountError).required).toBe(5);
    expect((error as Error).message).toBe(
      'setupRun: data.t[2] must be a class from 0 to 2; got 4 (labels go up to 4, so classes must be raised to 5)',
    );
    expect(() => setupRun(1, { generator: 'custom' })).toThrow(TypeError);
  });
});

describe('splitData', () => {
  it('holds out ⌊f·N⌋ rows, always leaving one to train on', () => {
    expect(testRowCount(100, 0.3)).toBe(30);
    expect(testRowCount(10, 0.29)).toBe(2);
    expect(testRowCount(1, 0.9)).toBe(0);
    expect(testRowCount(2, 0.9)).toBe(1);
  });

  it('draws nothing at f = 0 and one permutation otherwise', () => {
    const data = makeMoons({ nSamples: 9 }, new RandomState(0));
    const none = new RandomState(5);
    const all = splitData(data, 0, none);
    expect(none.getState().pos).toBe(624);
    expect(all.train).toBe(data);
    const rng = new RandomState(5);
    const split = splitData(data, 0.5, rng);
    expect(rng.getState()).toEqual(
      (() => {
        const r = new RandomState(5);
        r.permutation(9);
        return r.getState();
      })(),
    );
    expect(split.test?.t.length).toBe(4);
    expect(split.train.t.length).toBe(5);
    const rows = [...split.testRows, ...split.trainRows].sort((a, b) => a - b);
    expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

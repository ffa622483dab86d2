import { describe, expect, it } from 'vitest';
import extra from '../../../test/fixtures/numpy/extra.json';
import { fixtures, flat, mismatch } from '../../../test/fixtures/numpy/load';
import { makeCircles, oneHot } from './index';
import { notebookSetup } from '../notebook';
import { RandomState } from '../random';

describe('makeCircles', () => {
  it('matches scikit-learn 1.2 with and without shuffling (extra.json)', () => {
    for (const c of extra.circles) {
      const rng = new RandomState(c.seed);
      const { X, t } = makeCircles(
        { nSamples: c.n_samples, noise: c.noise, factor: c.factor, shuffle: c.shuffle },
        rng,
      );
      expect(X.rows).toBe(c.n_samples);
      expect(X.cols).toBe(2);
      expect(Array.from(t)).toEqual(c.t);
      expect(mismatch(X.data, flat(c.X), 1e-12, 1e-15)).toBeNull();
      const state = rng.getState();
      expect(state.pos).toBe(c.state.pos);
      expect(state.hasGauss).toBe(c.state.has_gauss === 1);
    }
  });

  it('puts ⌊n/2⌋ points on the outer circle and the rest on the inner one', () => {
    const { X, t } = makeCircles({ nSamples: 7, noise: null, shuffle: false, factor: 0.5 }, new RandomState(0));
    expect(Array.from(t)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    for (let i = 0; i < 7; i++) {
      const r = Math.hypot(X.data[2 * i], X.data[2 * i + 1]);
      expect(r).toBeCloseTo(t[i] === 0 ? 1 : 0.5, 14);
    }
  });

  it('draws nothing when noise is null (scikit-learn’s None) and 2n Gaussians for any number', () => {
    const none = new RandomState(4);
    makeCircles({ nSamples: 10, noise: null, shuffle: false }, none);
    expect(none.getState().pos).toBe(624);
    const zero = new RandomState(4);
    const { X } = makeCircles({ nSamples: 10, noise: 0, shuffle: false }, zero);
    expect(zero.getState().pos).toBeGreaterThan(0);
    expect(zero.getState().pos).toBeLessThan(624);
    expect(X.data[0]).toBe(1);
  });

  it('is the notebook’s data for seeds 0 and 1', () => {
    for (const fx of fixtures) {
      const { X, t } = makeCircles(
        { nSamples: 100, shuffle: false, factor: 0.3, noise: 0.1 },
        new RandomState(fx.seed),
      );
      expect(Array.from(t)).toEqual(fx.data.t);
      expect(mismatch(X.data, flat(fx.data.X), 1e-12, 1e-15)).toBeNull();
    }
  });
});

describe('oneHot', () => {
  it('puts a single 1 in each row at the class index', () => {
    const T = oneHot(Int32Array.from([1, 0, 2]), 3);
    expect(T.rows).toBe(3);
    expect(Array.from(T.data)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });
});

describe('notebookSetup', () => {
  it('scales to other sizes from the same stream', () => {
    const small = notebookSetup(1, { samples: 10, hiddenUnits: 5, classes: 3, initScale: 0.5 });
    expect(small.X.rows).toBe(10);
    expect(small.T.cols).toBe(3);
    expect(small.checkParams.Wh.cols).toBe(5);
    expect(small.initParams.Wo.rows).toBe(5);
    expect(small.initParams.Wo.cols).toBe(3);
    // Deterministic: the same seed and options give the same numbers.
    const again = notebookSetup(1, { samples: 10, hiddenUnits: 5, classes: 3, initScale: 0.5 });
    expect(Array.from(again.initParams.Wh.data)).toEqual(Array.from(small.initParams.Wh.data));
  });
});

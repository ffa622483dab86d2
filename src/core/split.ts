// The test split: which rows train and which only measure, drawn from the run's stream right
// after the data.
import { checkNumber, describe } from './errors';
import { RandomState } from './random';
import type { Dataset } from './datasets/types';

/** A data set divided into training and test rows. */
export interface DataSplit {
  /** the rows that train, in the permutation's order (all rows, in order, when f = 0) */
  train: Dataset;
  /** the rows that only measure, in the permutation's order; null when there are none */
  test: Dataset | null;
  /** indices into the full data of the training rows, in `train`'s order */
  trainRows: Int32Array;
  /** indices into the full data of the test rows, in `test`'s order (empty when f = 0) */
  testRows: Int32Array;
}

/**
 * How many of N rows are test rows for a fraction f: ⌊f·N⌋ (f·N in float64, as numpy's
 * `int(np.floor(f * N))`), at most N − 1 so that one row is always left to train on.
 */
export function testRowCount(samples: number, fraction: number): number {
  return Math.min(Math.floor(fraction * samples), samples - 1);
}

/** The rows `rows` of data (a new Dataset; shares nothing with data). */
export function selectRows(data: Dataset, rows: Int32Array): Dataset {
  const n = rows.length;
  const X = new Float64Array(n * 2);
  const t = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    X[2 * i] = data.X.data[2 * r];
    X[2 * i + 1] = data.X.data[2 * r + 1];
    t[i] = data.t[r];
  }
  return { X: { rows: n, cols: 2, data: X }, t };
}

/**
 * The split. f = 0 (the tutorial): no draws, every row trains, in order. f > 0:
 *   perm = rng.permutation(N)          (numpy's legacy RandomState.permutation)
 *   test rows perm[:⌊f·N⌋], training rows perm[⌊f·N⌋:], each in that order.
 * f must be in [0, 1); the product caps it at 0.9 (src/protocol/config-schema.ts).
 */
export function splitData(data: Dataset, fraction: number, rng: RandomState): DataSplit {
  const fn = 'splitData';
  checkNumber(fn, 'fraction', fraction, { min: 0, max: 1, maxExclusive: true });
  if (!(rng instanceof RandomState)) throw new TypeError(`${fn}: rng must be a RandomState; got ${describe(rng)}`);
  const n = data.t.length;
  if (fraction === 0) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return { train: data, test: null, trainRows: all, testRows: new Int32Array(0) };
  }
  const perm = rng.permutation(n);
  const nTest = testRowCount(n, fraction);
  const testRows = perm.subarray(0, nTest);
  const trainRows = perm.subarray(nTest);
  return {
    train: selectRows(data, trainRows),
    test: nTest > 0 ? selectRows(data, testRows) : null,
    trainRows,
    testRows,
  };
}

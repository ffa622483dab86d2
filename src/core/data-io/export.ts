// Export: the text a file gets, which the parsers read back to the same bits.
import { checkMatrix, describe } from '../errors';
import type { Dataset } from '../datasets/types';
import { CSV_COLUMNS } from './limits';

function checkDataset(fn: string, data: unknown): asserts data is Dataset {
  if (typeof data !== 'object' || data === null) {
    throw new TypeError(`${fn}: data must be a Dataset { X: Matrix N×2, t: Int32Array }; got ${describe(data)}`);
  }
  const { X, t } = data as Record<string, unknown>;
  checkMatrix(fn, 'data.X', X);
  if (X.cols !== 2) throw new RangeError(`${fn}: data.X must have 2 columns; got ${X.rows}×${X.cols}`);
  if (!(t instanceof Int32Array) || t.length !== X.rows) {
    throw new TypeError(`${fn}: data.t must be an Int32Array of ${X.rows} labels; got ${describe(t)}`);
  }
}

/** Shortest round-trip form, keeping the sign of −0. */
function num(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * CSV text: the header `x1,x2,label`, then one line per point. Numbers are JavaScript's
 * shortest round-trip form, so parseDataCsv gives back the exact doubles.
 */
export function exportDataCsv(data: Dataset): string {
  checkDataset('exportDataCsv', data);
  const x = data.X.data;
  let out = CSV_COLUMNS.join(',') + '\n';
  for (let i = 0; i < data.t.length; i++) out += `${num(x[2 * i])},${num(x[2 * i + 1])},${data.t[i]}\n`;
  return out;
}

/**
 * JSON text in the `data` shape, one point per line: `{ "X": [[x1, x2], ...], "t": [...] }`.
 * Numbers are in shortest round-trip form, so parseDataJson gives back the exact doubles.
 */
export function exportDataJson(data: Dataset): string {
  checkDataset('exportDataJson', data);
  const x = data.X.data;
  const n = data.t.length;
  const rows: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) rows[i] = `    [${num(x[2 * i])}, ${num(x[2 * i + 1])}]`;
  return `{\n  "X": [\n${rows.join(',\n')}\n  ],\n  "t": [${Array.from(data.t).join(', ')}]\n}\n`;
}

// Building and reading row-major matrices. The numeric work lives in kernels.ts; these are the
// conveniences around it (fixtures, tests, the app's small tables).
import { checkInteger, checkMatrix, describe } from './errors';
import type { Matrix } from './types';

/** A rows×cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  checkInteger('zeros', 'rows', rows, 1);
  checkInteger('zeros', 'cols', cols, 1);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A matrix from nested rows, as numpy prints them (`[[1, 2], [3, 4]]` is 2×2). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  if (!Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0]) || rows[0].length === 0) {
    throw new TypeError(`fromRows: rows must be a non-empty array of non-empty number arrays; got ${describe(rows)}`);
  }
  const cols = rows[0].length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new RangeError(`fromRows: rows[${i}] must hold ${cols} numbers like rows[0]; got ${describe(row)}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  });
  return { rows: rows.length, cols, data };
}

/** Nested rows of a matrix (for display and JSON). */
export function toRows(m: Matrix): number[][] {
  checkMatrix('toRows', 'm', m);
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** An independent copy. */
export function cloneMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

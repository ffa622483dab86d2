// Typed views of seed-1-final.json for the browser tests (see README.md for provenance).
import type { Matrix, Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import fixture from './seed-1-final.json';

function matrix(rows: readonly (readonly number[])[]): Matrix {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

/** The tutorial's trained network (seed 1, 300 momentum iterations): D = 2, H = 3, C = 2. */
export function seed1Params(): Params {
  const { Wh, bh, Wo, bo } = fixture.final;
  return { Wh: matrix(Wh), bh: matrix(bh), Wo: matrix(Wo), bo: matrix(bo) };
}

/** The tutorial's 100 circles (50 outer class 0, then 50 inner class 1). */
export function seed1Data(): DatasetMessage {
  const X = Float64Array.from(fixture.data.X.flat());
  return { X, t: Int32Array.from(fixture.data.t), samples: fixture.data.t.length, inputs: 2, classes: 2, testRows: new Int32Array(0) };
}

/** numpy's 200×200 decision plane: rows[i][j] === '1' ⇔ P(class 0) > 0.5 at (x_j, y_i). */
export const seed1Plane: { n: number; rows: string[] } = fixture.plane;

/** numpy's hidden activations of the 100 samples with the final params, 100×3. */
export const seed1Hidden: number[][] = fixture.hidden;

/** P(class) and hidden activations at 20 probe points, from numpy. */
export const seed1Probes: { x: number[]; p: number[]; h: number[] }[] = fixture.probes;

import { describe, expect, it } from 'vitest';
import type { Dataset } from '../core/datasets/types';
import { editData, formatPoint } from './point-editing';

function dataset(X: number[][], t: number[]): Dataset {
  return { X: { rows: X.length, cols: 2, data: Float64Array.from(X.flat()) }, t: Int32Array.from(t) };
}

function plain(data: Dataset): { X: number[][]; t: number[] } {
  return {
    X: Array.from({ length: data.X.rows }, (_, i) => [data.X.data[2 * i], data.X.data[2 * i + 1]]),
    t: [...data.t],
  };
}

describe('editData', () => {
  const base = dataset(
    [
      [0, 0],
      [1, -1],
      [-0.5, 2],
    ],
    [0, 1, 2],
  );

  it('adds at the end, moves in place and deletes by row, leaving the base as it was', () => {
    const added = editData(base, { op: 'add', x: 0.426, y: -1.1 }, 1);
    if (typeof added === 'string') throw new Error(added);
    expect(plain(added.data)).toEqual({
      X: [
        [0, 0],
        [1, -1],
        [-0.5, 2],
        [0.426, -1.1],
      ],
      t: [0, 1, 2, 1],
    });
    expect(added.label).toBe('added class 1 point at (0.43, −1.10)');

    const moved = editData(base, { op: 'move', index: 1, x: -2, y: 0.5 }, 0);
    if (typeof moved === 'string') throw new Error(moved);
    expect(plain(moved.data)).toEqual({
      X: [
        [0, 0],
        [-2, 0.5],
        [-0.5, 2],
      ],
      t: [0, 1, 2],
    });
    expect(moved.label).toBe('moved class 1 point from (1.00, −1.00) to (−2.00, 0.50)');

    const deleted = editData(base, { op: 'delete', index: 0 }, 0);
    if (typeof deleted === 'string') throw new Error(deleted);
    expect(plain(deleted.data)).toEqual({
      X: [
        [1, -1],
        [-0.5, 2],
      ],
      t: [1, 2],
    });
    expect(deleted.label).toBe('deleted class 0 point at (0.00, 0.00)');

    expect(plain(base)).toEqual({
      X: [
        [0, 0],
        [1, -1],
        [-0.5, 2],
      ],
      t: [0, 1, 2],
    });
  });

  it('refuses a missing row, the last point and a point beyond 10,000', () => {
    expect(editData(base, { op: 'delete', index: 3 }, 0)).toBe('There is no point there.');
    expect(editData(base, { op: 'move', index: -1, x: 0, y: 0 }, 0)).toBe('There is no point there.');
    expect(editData(dataset([[1, 1]], [0]), { op: 'delete', index: 0 }, 0)).toBe(
      'Not deleted: the data need at least one point.',
    );
    const full = dataset(
      Array.from({ length: 10_000 }, () => [0, 0]),
      new Array<number>(10_000).fill(0),
    );
    expect(editData(full, { op: 'add', x: 0, y: 0 }, 0)).toBe('Not added: the data hold at most 10,000 points.');
  });
});

describe('formatPoint', () => {
  it('writes two decimals with a true minus sign and no negative zero', () => {
    expect(formatPoint(0.42, -1.1)).toBe('(0.42, −1.10)');
    expect(formatPoint(-0.001, 2)).toBe('(0.00, 2.00)');
  });
});

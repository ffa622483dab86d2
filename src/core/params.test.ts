import { describe, expect, it } from 'vitest';
import { fromRows } from './matrix';
import { cloneParams, packParams, paramCount, randomParams, shapeOf, unpackParams, zeroParams } from './params';
import { RandomState } from './random';
import type { Params } from './types';

const params: Params = {
  Wh: fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]),
  bh: fromRows([[7, 8, 9]]),
  Wo: fromRows([
    [10, 11],
    [12, 13],
    [14, 15],
  ]),
  bo: fromRows([[16, 17]]),
};

describe('packed parameters', () => {
  it('packs Wh, bh, Wo, bo row-major, in that order', () => {
    expect(shapeOf(params)).toEqual({ inputs: 2, hidden: 3, classes: 2 });
    expect(paramCount(shapeOf(params))).toBe(17);
    expect(Array.from(packParams(params))).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('unpacks into views of the same buffer, no copy', () => {
    const buf = packParams(params);
    const views = unpackParams(buf, shapeOf(params));
    expect(views.Wo.rows).toBe(3);
    expect(views.Wo.data[1]).toBe(11);
    expect(views.bo.data.buffer).toBe(buf.buffer);
    buf[16] = -1;
    expect(views.bo.data[1]).toBe(-1);
    views.Wh.data[0] = 42;
    expect(buf[0]).toBe(42);
  });

  it('clones deeply and makes zeros', () => {
    const copy = cloneParams(params);
    copy.Wh.data[0] = 99;
    expect(params.Wh.data[0]).toBe(1);
    expect(Array.from(packParams(zeroParams({ inputs: 1, hidden: 2, classes: 3 })))).toEqual(new Array(13).fill(0));
  });
});

describe('randomParams', () => {
  it('draws bh, Wh, bo, Wo in that order, each scale · randn', () => {
    const shape = { inputs: 2, hidden: 3, classes: 2 };
    const p = randomParams(shape, 0.1, new RandomState(5));
    const rng = new RandomState(5);
    const g = Array.from({ length: 17 }, () => rng.standardNormal() * 0.1);
    expect(Array.from(p.bh.data)).toEqual(g.slice(0, 3));
    expect(Array.from(p.Wh.data)).toEqual(g.slice(3, 9));
    expect(Array.from(p.bo.data)).toEqual(g.slice(9, 11));
    expect(Array.from(p.Wo.data)).toEqual(g.slice(11, 17));
  });
});

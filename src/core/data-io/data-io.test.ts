import { describe, expect, it } from 'vitest';
import { makeSpiral } from '../datasets';
import { RandomState } from '../random';
import {
  ClassCountError,
  DATA_LIMITS,
  classRaiseNotice,
  exportDataCsv,
  exportDataJson,
  parseDataCsv,
  parseDataJson,
  requiredClasses,
  toDataValue,
  validateData,
} from './index';

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error('threw a non-Error', { cause: e });
  }
  throw new Error('did not throw');
}

describe('parseDataCsv', () => {
  it('reads rows with or without a header, any line ending, a BOM and blank lines', () => {
    const a = parseDataCsv('x1,x2,label\n0.5,-1,0\n1e-3, 2 ,1\n');
    const b = parseDataCsv('\ufeff\r\n0.5,-1,0\r\n\r\n  1e-3,2,1  ');
    const c = parseDataCsv('X1,X2,Label\r0.5,-1,0\r0.001,2,"1"');
    for (const d of [a, b, c]) {
      expect(Array.from(d.X.data)).toEqual([0.5, -1, 0.001, 2]);
      expect(Array.from(d.t)).toEqual([0, 1]);
    }
  });

  it('names the line as an editor counts it, the column and the problem', () => {
    const text = 'x1,x2,label\n1,2,0\n\n3,abc,1\n';
    expect(thrown(() => parseDataCsv(text))).toEqual(
      new TypeError('parseDataCsv: line 4, column x2 (2nd): must be a decimal number; got "abc"'),
    );
    expect(thrown(() => parseDataCsv('1,2\n'))).toEqual(
      new RangeError('parseDataCsv: line 1: must have 3 columns x1,x2,label; got 2 in "1,2"'),
    );
    expect(thrown(() => parseDataCsv('1,2,0\n1,2,0,4\n')).message).toBe(
      'parseDataCsv: line 2: must have 3 columns x1,x2,label; got more than 3 in "1,2,0,4"',
    );
    expect(thrown(() => parseDataCsv('1,2000000,0')).message).toBe(
      'parseDataCsv: line 1, column x2 (2nd): must be within ±1000000; got 2000000',
    );
    expect(thrown(() => parseDataCsv('1,1e400,0')).message).toBe(
      'parseDataCsv: line 1, column x2 (2nd): must be finite; got Infinity',
    );
    expect(thrown(() => parseDataCsv('1,2,1.5')).message).toBe(
      'parseDataCsv: line 1, row 1, column label: must be a whole number from 0 to 4; got 1.5'.replace(
        'line 1, row 1',
        'line 1',
      ),
    );
    expect(thrown(() => parseDataCsv('1,2,7')).message).toBe(
      'parseDataCsv: line 1, column label: must be a whole number from 0 to 4 (at most 5 classes, labels 0 to 4); got 7',
    );
    expect(thrown(() => parseDataCsv('a,b,c\n1,2,0')).message).toBe(
      'parseDataCsv: line 1: must be the header x1,x2,label or a row of numbers; got "a,b,c"',
    );
    expect(thrown(() => parseDataCsv('x1,x2,label\n\n')).message).toBe(
      'parseDataCsv: the text must hold at least 1 data row x1,x2,label; got none',
    );
  });

  it('takes only decimal numbers: no hex, Infinity, NaN, separators or empty fields', () => {
    for (const bad of ['0x10', 'Infinity', 'NaN', '1_0', '', '.', '1e', '--1', '1.2.3', '١']) {
      expect(thrown(() => parseDataCsv(`${bad},0,0`))).toBeInstanceOf(TypeError);
    }
  });

  it('checks labels against classes and says which class count they need', () => {
    const error = thrown(() => parseDataCsv('0,0,0\n1,1,4\n2,2,1', { classes: 3 }));
    expect(error).toBeInstanceOf(ClassCountError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as ClassCountError).required).toBe(5);
    expect(error.message).toBe(
      'parseDataCsv: line 2, column label: 4 is not a class (with 3 classes, labels go from 0 to 2; labels go up to 4, so classes must be raised to 5)',
    );
    expect(requiredClasses(parseDataCsv('0,0,0\n1,1,4').t)).toBe(5);
    expect(requiredClasses(parseDataCsv('0,0,0').t)).toBe(2);
    expect(classRaiseNotice(4)).toBe('labels go up to 3, so classes must be raised to 4');
  });

  it('holds the row and size limits', () => {
    const row = '0.5,0.5,1\n';
    expect(parseDataCsv(row.repeat(DATA_LIMITS.maxRows)).t.length).toBe(10_000);
    expect(thrown(() => parseDataCsv(row.repeat(DATA_LIMITS.maxRows + 1))).message).toBe(
      'parseDataCsv: line 10001: a file may hold at most 10,000 data rows',
    );
    expect(thrown(() => parseDataCsv(' '.repeat(1_000_001))).message).toBe(
      'parseDataCsv: text must be at most 1,000,000 characters (1 MB); got 1,000,001',
    );
    expect(thrown(() => parseDataCsv(42))).toEqual(
      new TypeError('parseDataCsv: text must be a string; got the number 42'),
    );
  });

  it('quotes at most a short excerpt, with markup and control characters escaped', () => {
    const message = thrown(() => parseDataCsv(`1,<img src=x onerror=alert(1)>${'y'.repeat(500)},0`)).message;
    expect(message).not.toMatch(/[<>]/);
    expect(message).toContain('"\\u003cimg src=x onerror=alert…"');
    expect(message.length).toBeLessThan(120);
    expect(thrown(() => parseDataCsv('1,\u0000\u001b,0')).message).toContain('"\\u0000\\u001b"');
  });
});

describe('parseDataJson and validateData', () => {
  it('read the data shape', () => {
    const d = parseDataJson('{"X": [[0.5, -1], [0.001, 2]], "t": [0, 1], "note": "ignored"}');
    expect(Array.from(d.X.data)).toEqual([0.5, -1, 0.001, 2]);
    expect(Array.from(d.t)).toEqual([0, 1]);
    expect(toDataValue(d)).toEqual({
      X: [
        [0.5, -1],
        [0.001, 2],
      ],
      t: [0, 1],
    });
    expect(Array.from(validateData({ X: [[1, 2]], t: Int32Array.of(1) }, { classes: 2 }).t)).toEqual([1]);
  });

  it('name the row (1-based and as an index), the column and the problem', () => {
    expect(
      thrown(() =>
        validateData({
          X: [
            [1, 2],
            [3, '4'],
          ],
          t: [0, 1],
        }),
      ).message,
    ).toBe('validateData: row 2 (data.X[1]), column x2: must be a number; got the string "4"');
    expect(thrown(() => validateData({ X: [[1, 2], [3]], t: [0, 1] })).message).toBe(
      'validateData: row 2 (data.X[1]) must hold 2 numbers [x1, x2]; got 1',
    );
    expect(thrown(() => validateData({ X: [[1, 2]], t: [0, 1] })).message).toBe(
      'validateData: data.t must hold one label per row of data.X (1); got 2',
    );
    expect(thrown(() => validateData({ X: [[1, 2]], t: [-1] })).message).toBe(
      'validateData: row 1 (data.t[0]), column label: must be a whole number from 0 to 4; got -1',
    );
    const error = thrown(() =>
      validateData(
        {
          X: [
            [1, 2],
            [0, 0],
          ],
          t: [3, 0],
        },
        { classes: 2 },
      ),
    );
    expect(error).toBeInstanceOf(ClassCountError);
    expect(error.message).toBe(
      'validateData: row 1 (data.t[0]), column label: 3 is not a class (with 2 classes, labels go from 0 to 1; labels go up to 3, so classes must be raised to 4)',
    );
    expect(thrown(() => validateData([[1, 2]])).message).toBe(
      'validateData: data must be an object { X: number[][], t: number[] }; got an array',
    );
    expect(thrown(() => validateData({ X: [], t: [] }))).toBeInstanceOf(RangeError);
    expect(thrown(() => validateData({ X: [[1, 2]], t: [0] }, { classes: 6 }))).toBeInstanceOf(RangeError);
  });

  it('turn anything that throws while being read into a TypeError of their own', () => {
    const getter = {
      get X(): never {
        throw 'not even an Error';
      },
      t: [0],
    };
    const trap = new Proxy([[1, 2]], {
      get(): never {
        throw new Error('<b>trap</b>');
      },
    });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const value of [getter, { X: trap, t: [0] }, revoked]) {
      const error = thrown(() => validateData(value));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('validateData: the data could not be read: reading it threw');
    }
  });

  it('never read a value’s own name or text into a message', () => {
    class Evil {
      static toString(): string {
        return '<script>';
      }
    }
    Object.defineProperty(Evil, 'name', { value: '<img onerror=x>' });
    const message = thrown(() => validateData({ X: [[new Evil(), 1]], t: [0] })).message;
    expect(message).toBe('validateData: row 1 (data.X[0]), column x1: must be a number; got an object');
  });

  it('say where JSON stops being JSON, and reject too-large numbers', () => {
    expect(thrown(() => parseDataJson('{"X": [[1, 2]],\n "t": [0,]}')).message).toBe(
      'parseDataJson: line 2, column 10: the text is not valid JSON: expected a value; got "]}"',
    );
    expect(thrown(() => parseDataJson('{"X" [[1, 2]]}')).message).toBe(
      'parseDataJson: line 1, column 6: the text is not valid JSON: expected a "key": value; got "[[1, 2]]}"',
    );
    expect(thrown(() => parseDataJson('')).message).toBe(
      'parseDataJson: line 1, column 1: the text is not valid JSON: expected a value; got the end of the text',
    );
    expect(thrown(() => parseDataJson('[1] x')).message).toBe(
      'parseDataJson: line 1, column 5: the text is not valid JSON: expected the end of the text; got "x"',
    );
    expect(thrown(() => parseDataJson('{"X": [[1, 1e999]], "t": [0]}')).message).toBe(
      'parseDataJson: row 1 (data.X[0]), column x2: must be finite; got Infinity',
    );
    expect(thrown(() => parseDataJson('{"X": [[1, 1]], "t": [2]}', { classes: 2 }))).toBeInstanceOf(ClassCountError);
  });
});

describe('export', () => {
  it('writes text that parses back to the same doubles and labels, −0 included', () => {
    const data = makeSpiral({ nSamples: 257, classes: 5, noise: 0.3 }, new RandomState(8));
    data.X.data[0] = -0;
    data.X.data[1] = 5e-324;
    for (const [text, parse] of [
      [exportDataCsv(data), parseDataCsv],
      [exportDataJson(data), parseDataJson],
    ] as const) {
      const back = parse(text, { classes: 5 });
      expect(Object.is(back.X.data[0], -0)).toBe(true);
      expect(Array.from(back.X.data)).toEqual(Array.from(data.X.data));
      expect(Array.from(back.t)).toEqual(Array.from(data.t));
    }
    expect(exportDataCsv(data).split('\n')[0]).toBe('x1,x2,label');
    expect(JSON.parse(exportDataJson(data))).toEqual(toDataValue(data));
  });
});

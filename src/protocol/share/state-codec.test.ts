import { describe, expect, it } from 'vitest';
import { makeCircles } from '../../core/datasets';
import type { Dataset } from '../../core/datasets/types';
import { RandomState } from '../../core/random';
import { paramCount } from '../../core/params';
import { CONFIG_FIELDS, DEFAULT_CONFIG, type TrainConfig } from '../config-schema';
import { toBase64Url } from './bytes';
import { MAX_STATE_CHARS, ShareStateError, decodeState, encodeState } from './state-codec';

/** A config with every setting away from its default (and valid). */
const CHANGED: TrainConfig = {
  ...DEFAULT_CONFIG,
  testFraction: 0.2,
  samples: 250,
  noise: 0.05,
  factor: 0.5,
  hiddenUnits: 8,
  learningRate: 0.005,
  momentum: 0.5,
  iterations: 2000,
  initScale: 0.25,
  seed: 4294967295,
  speed: 'max',
  engine: 'js',
};

function rejects(text: unknown, field: string, problem: RegExp): void {
  let error: unknown;
  try {
    decodeState(text);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ShareStateError);
  const e = error as ShareStateError;
  expect(e.field).toBe(field);
  expect(e.message).toMatch(problem);
  expect(e.message).not.toMatch(/[<>]/);
}

function params(hidden: number, classes = 2, seed = 3): Float64Array {
  const rng = new RandomState(seed);
  const out = new Float64Array(paramCount({ inputs: 2, hidden, classes }));
  for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal() * 10;
  return out;
}

/** The settings of a run on custom data with `classes` classes. */
function custom(classes = 2): TrainConfig {
  return { ...DEFAULT_CONFIG, generator: 'custom', classes };
}

function points(n: number, seed = 7): Dataset {
  return makeCircles({ nSamples: n, noise: 0.1, factor: 0.3 }, new RandomState(seed));
}

describe('encodeState / decodeState: settings', () => {
  it('writes the tutorial set-up (every default) as "v1", and reads it back', () => {
    expect(encodeState({ config: { ...DEFAULT_CONFIG } })).toBe('v1');
    expect(decodeState('v1')).toEqual({ config: DEFAULT_CONFIG });
  });

  it('writes only non-default settings by their URL keys, every one well under 100 characters', () => {
    const text = encodeState({ config: CHANGED });
    expect(text).toBe('v1~t_0.2~n_250~z_0.05~f_0.5~h_8~lr_0.005~m_0.5~i_2000~w_0.25~s_4294967295~v_max~e_js');
    expect(text.length).toBeLessThan(100);
    expect(decodeState(text)).toEqual({ config: CHANGED });
  });

  it('round-trips the extremes of every numeric row exactly (1e-7 is written without "+")', () => {
    for (const f of CONFIG_FIELDS) {
      if (f.kind !== 'int' && f.kind !== 'number' && f.kind !== 'speed') continue;
      const lo = 'minExclusive' in f && f.minExclusive ? f.min + 1e-7 : f.min;
      const hi = 'maxExclusive' in f && f.maxExclusive ? f.max - 1e-7 : f.max;
      for (const v of [lo, hi]) {
        // blobs: the one generator that takes any class count
        const config = { ...DEFAULT_CONFIG, generator: 'blobs' as const, [f.key]: v };
        const text = encodeState({ config });
        expect(text).toMatch(/^[A-Za-z0-9._~-]+$/);
        expect(decodeState(text).config[f.key]).toBe(v);
      }
    }
  });

  it('rejects a wrong version, unknown or repeated keys, and bad values, naming the field', () => {
    rejects('v2~h_8', 'version', /"v2" is not a version/);
    rejects('', 'version', /"" is not a version/);
    rejects('v1~q_3', 'state', /"q" is not a setting's key/);
    rejects('v1~h_3~h_4', 'state', /"h" appears twice/);
    rejects('v1~h', 'state', /must be key_value/);
    rejects('v1~_3', 'state', /must be key_value/);
    rejects('v1~h_', 'hiddenUnits', /1 to 40 characters/);
    rejects('v1~h_65', 'hiddenUnits', /"65" is not allowed; expected an integer from 1 to 64/);
    rejects('v1~h_2.5', 'hiddenUnits', /an integer/);
    rejects('v1~lr_0', 'learningRate', /greater than 0/);
    rejects('v1~lr_NaN', 'learningRate', /"NaN" is not allowed/);
    rejects('v1~lr_Infinity', 'learningRate', /"Infinity" is not allowed/);
    rejects('v1~lr_1e999', 'learningRate', /not allowed/);
    rejects('v1~e_gpu', 'engine', /"gpu" is not allowed; expected one of "auto", "wasm", "js"/);
    rejects('v1~g_bogus', 'generator', /"bogus" is not allowed/);
    rejects('v1~c_3', 'classes', /3 is not allowed; expected 2 for generator "circles"/);
    rejects('v1~g_custom', 'data', /generator "custom" needs the data field/);
    rejects(`v1~s_${'1'.repeat(41)}`, 'seed', /1 to 40 characters/);
  });

  it('rejects what is not state text before reading it: kind, length, characters, field count', () => {
    rejects(42, 'state', /must be a string; got number/);
    rejects(null, 'state', /must be a string; got object/);
    rejects('v1~' + 'a'.repeat(MAX_STATE_CHARS), 'state', /at most 80000 characters/);
    rejects('v1~h_<img src=x onerror=alert(1)>', 'state', /character 6 \("\\u003c"\) is not allowed/);
    rejects('v1~h_8 ', 'state', /character 7/);
    rejects('v1~h_é', 'state', /character 6 \("é"\)/);
    rejects('v1' + '~'.repeat(1000), 'state', /holds 1000 fields; at most 16/);
  });
});

describe('encodeState / decodeState: custom data', () => {
  it('holds 1,000 two-class points in under 6,000 characters, each coordinate within max|x|/32767', () => {
    const data = points(1000);
    const text = encodeState({ config: custom(), data });
    expect(text.length).toBe('v1~g_custom~D_'.length + 5506);
    const back = decodeState(text).data!;
    expect(back.t).toEqual(data.t);
    let m = 0;
    for (const x of data.X.data) m = Math.max(m, Math.abs(x));
    for (let i = 0; i < data.X.data.length; i++) {
      expect(Math.abs(back.X.data[i] - data.X.data[i])).toBeLessThanOrEqual(m / 32767);
    }
    // Decoded data are on the grid: encoding them again gives the same text.
    expect(encodeState({ config: custom(), data: back })).toBe(text);
  });

  it('packs labels of up to five classes, and a single point', () => {
    const rng = new RandomState(11);
    for (const classes of [2, 3, 4, 5]) {
      for (const n of [1, 2, 3, 7, 8, 9, 333]) {
        const t = new Int32Array(n).map(() => rng.randomInterval(classes - 1));
        const X = new Float64Array(2 * n).map(() => rng.standardNormal() * 1000);
        const back = decodeState(
          encodeState({ config: custom(classes), data: { X: { rows: n, cols: 2, data: X }, t } }),
        );
        expect(back.data!.t).toEqual(t);
        expect(back.data!.X.rows).toBe(n);
      }
    }
  });

  it('keeps the largest allowed coordinates within ±1e6 and all-zero data exact', () => {
    const X = new Float64Array([1e6, -1e6, 0, 0.5]);
    const back = decodeState(
      encodeState({ config: custom(), data: { X: { rows: 2, cols: 2, data: X }, t: new Int32Array([0, 1]) } }),
    );
    expect(Math.max(...back.data!.X.data.map(Math.abs))).toBeLessThanOrEqual(1e6);
    const zeros = decodeState(
      encodeState({
        config: custom(),
        data: { X: { rows: 1, cols: 2, data: new Float64Array(2) }, t: new Int32Array(1) },
      }),
    );
    expect(Array.from(zeros.data!.X.data)).toEqual([0, 0]);
  });

  it('rejects a data field whose header or length is wrong, before allocating for it', () => {
    const header = (n: number, bits: number, e: number, extra = 0) => {
      const b = new Uint8Array(4 + extra);
      new DataView(b.buffer).setUint16(0, n, true);
      b[2] = bits;
      new DataView(b.buffer).setInt8(3, e);
      return `v1~g_custom~D_${toBase64Url(b)}`;
    };
    rejects('v1~g_custom~D_', 'data', /4-byte header; got 0 bytes/);
    rejects(header(0, 1, 0), 'data', /1 to 10000 points; the header says 0/);
    rejects(header(65535, 1, 0), 'data', /1 to 10000 points; the header says 65535/);
    rejects(header(2, 4, 0), 'data', /label bits must be 1, 2 or 3; got 4/);
    rejects(header(2, 1, 61), 'data', /exponent must be from -8 to 60; got 61/);
    rejects(header(2, 1, 0), 'data', /2 points need 13 bytes; got 4/);
    const far = new Uint8Array(4 + 4 + 1);
    far.set([1, 0, 1, 0xf8, 0xff, 0x7f]); // 1 point, 1 label bit, e = −8, x1 = 32767·2⁸
    rejects(`v1~g_custom~D_${toBase64Url(far)}`, 'data', /point 1 must be within ±1000000; got 8388352/);
    rejects('v1~g_custom~D_A', 'data', /1 characters is not a base64url length/);
    rejects('v1~g_custom~D_AB', 'data', /bits set beyond the data/);
    rejects('v1~g_custom~D_AA.A', 'data', /character 3 is not base64url/);
  });

  it('rejects labels of 5 and more, and bits set past the last label', () => {
    const b = new Uint8Array(4 + 4 + 1);
    new DataView(b.buffer).setUint16(0, 1, true);
    b[2] = 3;
    b[8] = 5;
    rejects(`v1~g_custom~D_${toBase64Url(b)}`, 'data', /label 1 must be from 0 to 1 \(classes 2\); got 5/);
    b[2] = 1;
    b[8] = 0b10;
    rejects(`v1~g_custom~D_${toBase64Url(b)}`, 'data', /bits set beyond the labels/);
    b[8] = 1;
    rejects(
      `v1~D_${toBase64Url(b)}`,
      'data',
      /only generator "custom" carries data; this state's generator is "circles"/,
    );
    expect(decodeState(`v1~g_custom~D_${toBase64Url(b)}`).data!.t).toEqual(new Int32Array([1]));
  });
});

describe('encodeState / decodeState: parameters', () => {
  it('round-trips float64 parameters exactly (2→3→2 in under 200 characters)', () => {
    const p = params(3);
    const text = encodeState({
      config: DEFAULT_CONFIG,
      params: { params: p, shape: { inputs: 2, hidden: 3, classes: 2 } },
    });
    expect(text.length).toBeLessThan(200);
    const back = decodeState(text).params!;
    expect(back.shape).toEqual({ inputs: 2, hidden: 3, classes: 2 });
    expect(Array.from(back.params)).toEqual(Array.from(p));
  });

  it('rejects a shape the settings do not build, a wrong count, and non-finite numbers', () => {
    const shape = { inputs: 2, hidden: 3, classes: 2 };
    const text = encodeState({ config: DEFAULT_CONFIG, params: { params: params(3), shape } });
    const field = text.slice(text.indexOf('P_'));
    rejects(`v1~h_4~${field}`, 'params', /3 hidden units but the settings say hidden-units 4/);
    const bytes = (d: number, h: number, c: number, values: number[]) => {
      const b = new Uint8Array(3 + 8 * values.length);
      b.set([d, h, c]);
      const view = new DataView(b.buffer);
      values.forEach((v, i) => view.setFloat64(3 + 8 * i, v, true));
      return `v1~P_${toBase64Url(b)}`;
    };
    rejects(bytes(3, 3, 2, []), 'params', /2 inputs; got 3/);
    rejects(bytes(2, 0, 2, []), 'params', /hidden units must be from 1 to 64; got 0/);
    rejects(bytes(2, 3, 9, []), 'params', /classes must be from 2 to 5; got 9/);
    rejects(bytes(2, 3, 2, [1, 2]), 'params', /needs 17 float64 numbers \(136 bytes\); got 16 bytes/);
    const bad = Array.from(params(3));
    bad[4] = Number.NaN;
    rejects(bytes(2, 3, 2, bad), 'params', /number 5 must be finite; got NaN/);
    bad[4] = -Infinity;
    rejects(bytes(2, 3, 2, bad), 'params', /number 5 must be finite; got -Infinity/);
  });

  it('refuses to encode non-finite parameters (a diverged run) or a mismatched shape', () => {
    const p = params(3);
    p[0] = Number.NaN;
    expect(() =>
      encodeState({ config: DEFAULT_CONFIG, params: { params: p, shape: { inputs: 2, hidden: 3, classes: 2 } } }),
    ).toThrow(/params: number 1 must be finite/);
    expect(() =>
      encodeState({
        config: DEFAULT_CONFIG,
        params: { params: params(4), shape: { inputs: 2, hidden: 4, classes: 2 } },
      }),
    ).toThrow(/settings say hidden-units 3/);
  });

  it('fits the largest state (10,000 five-class points, a 2→64→5 network) within the length bound', () => {
    const rng = new RandomState(5);
    const n = 10_000;
    const data = {
      X: { rows: n, cols: 2, data: new Float64Array(2 * n).map(() => rng.standardNormal()) },
      t: new Int32Array(n).map(() => rng.randomInterval(4)),
    };
    const shape = { inputs: 2, hidden: 64, classes: 5 };
    const text = encodeState({
      config: { ...CHANGED, generator: 'custom', classes: 5, hiddenUnits: 64 },
      data,
      params: { params: params(64, 5), shape },
    });
    expect(text.length).toBeLessThan(MAX_STATE_CHARS);
    const back = decodeState(text);
    expect(back.params!.shape).toEqual(shape);
    expect(back.data!.t).toEqual(data.t);
  });
});

import { describe, expect, it } from 'vitest';
import { fromRows } from '../../core/matrix';
import { nn } from '../../core/network';
import type { Params } from '../../core/types';
import fixture from '../../render/__fixtures__/seed-1-final.json';
import { seed1Data, seed1Params } from '../../render/__fixtures__/seed-1';
import { DEFAULT_CONFIG, DEFAULT_PAGE_SETTINGS, validatePartialConfig } from '../config-schema';
import { checkFormat, configJson, costsCsv, embedCode, paramsJson } from './exports';

describe('costsCsv', () => {
  it('writes iteration and cost from 0, in full precision', () => {
    expect(costsCsv(new Float64Array([69.31471805599453, 1e-7, 12]))).toBe(
      'iteration,cost\n0,69.31471805599453\n1,1e-7\n2,12\n',
    );
  });

  it('adds test_cost where the run has a test set (an empty cell where one is missing)', () => {
    expect(costsCsv([3, 2, 1], [4, 3])).toBe('iteration,cost,test_cost\n0,3,4\n1,2,3\n2,1,\n');
    expect(costsCsv([3], [])).toBe('iteration,cost\n0,3\n');
  });
});

describe('paramsJson', () => {
  it('writes the tutorial shapes as nested arrays: the numpy fixture’s own trained Wh, bh, Wo, bo', () => {
    const json = JSON.parse(paramsJson(seed1Params())) as Record<string, number[][]>;
    expect(Object.keys(json)).toEqual(['Wh', 'bh', 'Wo', 'bo']);
    expect(json.Wh).toEqual(fixture.final.Wh); // 2×3, as np.array(json['Wh']).shape
    expect(json.bh).toEqual(fixture.final.bh); // 1×3
    expect(json.Wo).toEqual(fixture.final.Wo); // 3×2
    expect(json.bo).toEqual(fixture.final.bo); // 1×2
  });

  it('gives the core’s nn the same probabilities, to the bit', () => {
    const params = seed1Params();
    const json = JSON.parse(paramsJson(params)) as Record<keyof Params, number[][]>;
    const back: Params = { Wh: fromRows(json.Wh), bh: fromRows(json.bh), Wo: fromRows(json.Wo), bo: fromRows(json.bo) };
    const data = seed1Data();
    const X = { rows: data.samples, cols: 2, data: data.X };
    expect(Array.from(nn(X, back).data)).toEqual(Array.from(nn(X, params).data));
  });
});

describe('configJson', () => {
  it('writes every setting by property name, and reads back through the schema', () => {
    const config = { ...DEFAULT_CONFIG, hiddenUnits: 8, speed: 'max' as const };
    const text = configJson(config);
    expect(JSON.parse(text)).toEqual(config);
    expect(validatePartialConfig(JSON.parse(text))).toEqual(config);
  });
});

describe('embedCode', () => {
  it('is the bare element for the defaults', () => {
    expect(embedCode({ config: { ...DEFAULT_CONFIG }, page: { ...DEFAULT_PAGE_SETTINGS } })).toBe(
      '<backprop-lab></backprop-lab>',
    );
  });

  it('writes non-default settings only, as attributes in table order, with page rows and flags', () => {
    const code = embedCode({
      config: { ...DEFAULT_CONFIG, learningRate: 0.1, hiddenUnits: 8, speed: 'max' },
      page: { views: 'cost-curve decision-map', controls: 'transport', noCaptions: true },
      flags: { autoplay: true, 'url-state': false },
    });
    expect(code).toBe(
      '<backprop-lab autoplay hidden-units="8" learning-rate="0.1" speed="max" views="cost-curve decision-map" controls="transport" no-captions></backprop-lab>',
    );
  });

  it('escapes attribute values', () => {
    const code = embedCode({
      config: { ...DEFAULT_CONFIG },
      page: { ...DEFAULT_PAGE_SETTINGS, views: '"><script>x&' },
    });
    expect(code).toBe('<backprop-lab views="&quot;&gt;&lt;script&gt;x&amp;"></backprop-lab>');
  });
});

describe('checkFormat', () => {
  it('names the method and the allowed format', () => {
    expect(() => checkFormat('exportCosts', 'xlsx', 'csv')).toThrow('exportCosts: format must be "csv"; got "xlsx"');
    expect(() => checkFormat('exportParams', undefined, 'json')).toThrow(/got undefined/);
  });
});

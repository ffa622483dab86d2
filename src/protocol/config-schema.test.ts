import { describe, expect, it } from 'vitest';
import { GENERATOR_NAMES, TWO_CLASS_GENERATORS as CORE_TWO_CLASS } from '../core/datasets/generate';
import {
  CONFIG_FIELDS,
  GENERATORS,
  TWO_CLASS_GENERATORS,
  mergeConfig,
  ConfigError,
  allowedText,
  fieldDoc,
  parseFieldText,
  readFieldText,
  resetScope,
  typeText,
  DEFAULT_CONFIG,
  DEFAULT_PAGE_SETTINGS,
  DEFAULT_VIEWS,
  PAGE_FIELDS,
  SETTING_FIELDS,
  isPageField,
  pageFieldDoc,
  pageTypeText,
  parseControls,
  parseViews,
  validatePartialConfig,
} from './config-schema';

const field = (key: string) => CONFIG_FIELDS.find((f) => f.key === key)!;

describe('config schema', () => {
  it('says every range in plain words', () => {
    expect(allowedText(field('samples'))).toBe('an integer from 2 to 10000');
    expect(allowedText(field('momentum'))).toBe('a number at least 0 and less than 1');
    expect(allowedText(field('learningRate'))).toBe('a number greater than 0 and at most 100');
    expect(allowedText(field('generator'))).toBe('one of "circles", "moons", "blobs", "xor", "spiral", "custom"');
    expect(allowedText(field('speed'))).toBe('"max" or a number of iterations per second from 1 to 1000000');
  });

  it('parses text strictly and names field, value and range when it cannot', () => {
    expect(parseFieldText('noise', ' 1e-1 ')).toBe(0.1);
    expect(parseFieldText('speed', 'MAX')).toBe('max');
    for (const text of ['', 'abc', '0x10', '1,5', '0.5.1']) {
      expect(() => parseFieldText('noise', text)).toThrow(ConfigError);
    }
    expect(() => parseFieldText('factor', '1')).toThrow(
      'factor: 1 is not allowed; expected a number at least 0 and less than 1.',
    );
  });

  it('reads text as the field type without judging it, keeping text that is no such value', () => {
    expect(readFieldText('noise', ' 1e-1 ')).toBe(0.1);
    expect(readFieldText('factor', '1')).toBe(1); // out of range, but a number: validation judges it
    expect(readFieldText('speed', 'Max')).toBe('max');
    expect(readFieldText('generator', ' circles ')).toBe('circles');
    for (const text of ['', 'abc', '0x10', '1,5']) expect(readFieldText('noise', text)).toBe(text);
  });

  it('documents each field from the table: type, allowed range, default', () => {
    expect(typeText(field('speed'))).toBe("number | 'max'");
    expect(typeText(field('generator'))).toBe("'circles' | 'moons' | 'blobs' | 'xor' | 'spiral' | 'custom'");
    expect(fieldDoc(field('learningRate'))).toBe(
      'Step size of gradient descent. Allowed: a number greater than 0 and at most 100; default 0.02. Changing it keeps the run.',
    );
  });

  it('knows what a change costs the run', () => {
    expect(resetScope(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, learningRate: 0.1, speed: 'max' })).toBe('none');
    expect(resetScope(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, hiddenUnits: 4 })).toBe('params');
    expect(resetScope(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, hiddenUnits: 4, seed: 2 })).toBe('data');
  });
});

describe('config schema: page rows', () => {
  it('keeps the page rows out of the training config and the worker’s validation', () => {
    const pageKeys = PAGE_FIELDS.map((f) => f.key);
    expect(pageKeys).toEqual(['views', 'controls', 'noCaptions']);
    for (const key of pageKeys) {
      expect(key in DEFAULT_CONFIG).toBe(false);
      expect(CONFIG_FIELDS.map((f): string => f.key)).not.toContain(key);
      expect(() => validatePartialConfig({ [key]: DEFAULT_PAGE_SETTINGS[key] })).toThrow(ConfigError);
    }
    expect(PAGE_FIELDS.every((f) => isPageField(f) && f.scope === 'page')).toBe(true);
    expect(CONFIG_FIELDS.some((f) => isPageField(f))).toBe(false);
    // the one table lists both, training rows first; attributes are unique across it
    expect(SETTING_FIELDS.map((f) => f.key)).toEqual([...CONFIG_FIELDS.map((f) => f.key), ...pageKeys]);
    const attributes = SETTING_FIELDS.map((f) => f.attribute);
    expect(new Set(attributes).size).toBe(attributes.length);
  });

  it('reads the view list in display order and names what is wrong', () => {
    expect(parseViews(DEFAULT_PAGE_SETTINGS.views)).toEqual([...DEFAULT_VIEWS]);
    expect(parseViews('  cost-curve\n decision-map ')).toEqual(['cost-curve', 'decision-map']);
    expect(() => parseViews('decision-map loss')).toThrow(
      'views: "decision-map loss" is not allowed; expected a space-separated list of distinct views from "decision-map", "hidden-space", "cost-curve", "gradient-check", "network"; "loss" is not a view.',
    );
    expect(() => parseViews('cost-curve cost-curve')).toThrow('"cost-curve" is listed twice');
    expect(() => parseViews('   ')).toThrow('at least one');
    expect(() => parseViews(3)).toThrow(ConfigError);
  });

  it('reads the controls mode', () => {
    expect(parseControls(' Transport ')).toBe('transport');
    expect(parseControls('none')).toBe('none');
    expect(() => parseControls('some')).toThrow(
      'controls: "some" is not allowed; expected one of "all", "transport", "none".',
    );
  });

  it('documents each page row as the manifest shows it', () => {
    const [views, controls, captions] = PAGE_FIELDS;
    expect(pageTypeText(views)).toBe('string');
    expect(pageTypeText(controls)).toBe("'all' | 'transport' | 'none'");
    expect(pageTypeText(captions)).toBe('boolean');
    expect(pageFieldDoc(controls)).toContain('default "all"');
    expect(pageFieldDoc(views)).toContain('never resets the run');
  });

  it('offers every core generator and custom, and judges the two-class rule in mergeConfig', () => {
    expect(GENERATORS).toEqual([...GENERATOR_NAMES, 'custom']);
    expect(TWO_CLASS_GENERATORS).toEqual(CORE_TWO_CLASS);
    expect(mergeConfig(DEFAULT_CONFIG, { generator: 'spiral', classes: 5, testFraction: 0.9 })).toMatchObject({
      generator: 'spiral',
      classes: 5,
      testFraction: 0.9,
    });
    const base = { ...DEFAULT_CONFIG, generator: 'blobs' as const, classes: 3 };
    for (const generator of ['circles', 'moons', 'xor']) {
      expect(() => mergeConfig(base, { generator })).toThrow(
        `classes: 3 is not allowed; expected 2 for generator "${generator}" (it has two classes; "blobs", "spiral" and "custom" take 2 to 5).`,
      );
    }
    expect(() => mergeConfig(DEFAULT_CONFIG, { testFraction: 0.95 })).toThrow(
      'testFraction: 0.95 is not allowed; expected a number from 0 to 0.9.',
    );
    expect(() => mergeConfig(DEFAULT_CONFIG, { classes: 6 })).toThrow(ConfigError);
  });
});

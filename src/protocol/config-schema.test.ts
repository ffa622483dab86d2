import { describe, expect, it } from 'vitest';
import {
  CONFIG_FIELDS,
  ConfigError,
  allowedText,
  fieldDoc,
  parseFieldText,
  readFieldText,
  resetScope,
  typeText,
  DEFAULT_CONFIG,
} from './config-schema';

const field = (key: string) => CONFIG_FIELDS.find((f) => f.key === key)!;

describe('config schema', () => {
  it('says every range in plain words', () => {
    expect(allowedText(field('samples'))).toBe('an integer from 2 to 10000');
    expect(allowedText(field('momentum'))).toBe('a number at least 0 and less than 1');
    expect(allowedText(field('learningRate'))).toBe('a number greater than 0 and at most 100');
    expect(allowedText(field('generator'))).toBe('one of "circles"');
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
    expect(typeText(field('generator'))).toBe("'circles'");
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

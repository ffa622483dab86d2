import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, DEFAULT_CONFIG } from '../protocol/config-schema';
import { SETTING_PROPERTIES, settingConverter } from './setting-properties';

describe('setting properties', () => {
  it('converts attribute text through the schema, keeping unparsable text to report', () => {
    const speed = settingConverter('speed');
    expect(speed.fromAttribute('max')).toBe('max');
    expect(speed.fromAttribute(' 120 ')).toBe(120);
    expect(speed.fromAttribute('fast')).toBe('fast');
    expect(speed.fromAttribute(null)).toBe(DEFAULT_CONFIG.speed);
  });

  it('reads only: a value out of range stays for ConfigSync to judge', () => {
    expect(settingConverter('momentum').fromAttribute('1')).toBe(1);
    expect(settingConverter('learningRate').fromAttribute('-1')).toBe(-1);
  });

  it('declares one property per schema field, with its attribute', () => {
    expect(Object.keys(SETTING_PROPERTIES)).toEqual(CONFIG_FIELDS.map((f) => f.key));
    expect(SETTING_PROPERTIES.learningRate.attribute).toBe('learning-rate');
  });
});

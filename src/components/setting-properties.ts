// The settings as Lit reactive properties, declared from the schema table (CONFIG_FIELDS): one
// attribute per field, its name from the table, its text read by the table's parser. The
// converter reads only; ConfigSync validates the value, once, and reports what was wrong.
import type { PropertyDeclaration } from 'lit';
import { CONFIG_FIELDS, DEFAULT_CONFIG, readFieldText, type ConfigKey } from '../protocol/config-schema';

/**
 * An attribute converter for one setting: text → the field's type ("0.5" → 0.5, "max" →
 * 'max'); text that is no such value stays text, so validation can quote exactly what was
 * written. A removed attribute means the default.
 */
export function settingConverter(key: ConfigKey) {
  return {
    fromAttribute(text: string | null): unknown {
      return text === null ? DEFAULT_CONFIG[key] : readFieldText(key, text);
    },
    toAttribute(value: unknown): string {
      return String(value);
    },
  };
}

/** `static properties` of the settings: property `hiddenUnits` ↔ attribute `hidden-units`, … */
export const SETTING_PROPERTIES: Readonly<Record<ConfigKey, PropertyDeclaration>> = Object.fromEntries(
  CONFIG_FIELDS.map((f) => [f.key, { attribute: f.attribute, converter: settingConverter(f.key) }]),
) as Record<ConfigKey, PropertyDeclaration>;

import { LitElement, type PropertyDeclaration } from 'lit';
import {
  DEFAULT_CONFIG,
  DEFAULT_PAGE_SETTINGS,
  PAGE_FIELDS,
  type PageKey,
  type PageSettings,
  type TrainConfig,
} from '../protocol/config-schema';
import { SETTING_PROPERTIES } from './setting-properties';

/**
 * The page rows of the schema table (`scope: 'page'`) as properties: a boolean row is an HTML
 * boolean attribute; the others keep the attribute's text, which <backprop-lab> judges through
 * the schema (so an invalid value can be quoted in its error and the last good one kept).
 */
const PAGE_PROPERTIES = Object.fromEntries(
  PAGE_FIELDS.map((f) => [
    f.key,
    f.kind === 'boolean' ? { type: Boolean, attribute: f.attribute } : { attribute: f.attribute },
  ]),
) as Record<PageKey, PropertyDeclaration>;

/**
 * <backprop-lab>'s base: LitElement with one reactive property per row of the schema table:
 * the training settings (typed as TrainConfig, starting at the defaults; ConfigSync sends them
 * to the worker) and the page settings (PageSettings; never sent), so none is declared twice.
 */
class Settings extends LitElement {
  static override properties = { ...SETTING_PROPERTIES, ...PAGE_PROPERTIES };

  constructor() {
    super();
    Object.assign(this, DEFAULT_CONFIG, DEFAULT_PAGE_SETTINGS);
  }
}

/** The constructor of a LitElement that also has every TrainConfig and PageSettings field as a property. */
export const SettingsElement = Settings as unknown as Omit<typeof LitElement, 'prototype'> &
  (new () => LitElement & TrainConfig & PageSettings);

import { LitElement } from 'lit';
import { DEFAULT_CONFIG, type TrainConfig } from '../protocol/config-schema';
import { SETTING_PROPERTIES } from './setting-properties';

/**
 * <backprop-lab>'s base: LitElement with one reactive property per setting of the schema table
 * (typed as TrainConfig, starting at the defaults), so no setting is declared twice.
 */
class Settings extends LitElement {
  static override properties = SETTING_PROPERTIES;

  constructor() {
    super();
    Object.assign(this, DEFAULT_CONFIG);
  }
}

/** The constructor of a LitElement that also has every TrainConfig field as a property. */
export const SettingsElement = Settings as unknown as Omit<typeof LitElement, 'prototype'> &
  (new () => LitElement & TrainConfig);

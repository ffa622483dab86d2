import type { ReactiveControllerHost } from 'lit';
import {
  CONFIG_FIELDS,
  ConfigError,
  DEFAULT_CONFIG,
  parseFieldText,
  validateField,
  type ConfigKey,
  type TrainConfig,
} from '../protocol/config-schema';

/** Where a setting came from: the host page (attributes, properties) or the user (controls). */
export type ConfigOrigin = 'host' | 'user';

const CONFIG_KEYS = CONFIG_FIELDS.map((f) => f.key) as ConfigKey[];

/**
 * An attribute converter for one setting: text → typed value through the schema; text that
 * does not parse stays text, so that validation can report exactly what was written.
 */
export function settingConverter(key: ConfigKey) {
  return {
    fromAttribute(text: string | null): unknown {
      if (text === null) return DEFAULT_CONFIG[key];
      try {
        return parseFieldText(key, text);
      } catch {
        return text;
      }
    },
    toAttribute(value: unknown): string {
      return String(value);
    },
  };
}

export interface ConfigSyncOptions {
  /** the host's current value of a setting (its property) */
  read: (key: ConfigKey) => unknown;
  /** sets the host's property (a value the user entered) */
  write: (key: ConfigKey, value: unknown) => void;
  /** sends a change to the worker; settles once the page shows it */
  configure: (change: Partial<TrainConfig>) => Promise<void>;
  /** after each applied change (autoplay starts here) */
  afterApply?: () => Promise<void>;
  /** a configure failed for another reason than a rejected setting */
  onFault: (message: string) => void;
}

/**
 * The settings' way from the host's properties to the worker (STYLE.md, "the way the data
 * travels", step 1): validates each changed property through the schema, keeps the
 * per-setting error messages, and sends the worker what it does not have yet, one configure
 * at a time, remembering where the change came from. The host calls it from willUpdate and
 * when it gets a worker; it asks the host to render when the errors change.
 */
export class ConfigSync {
  /** rejected settings: each message says setting, value and what is allowed */
  errors: Partial<Record<ConfigKey, string>> = {};
  /** where the configure in flight came from (configures run one at a time) */
  configuring: ConfigOrigin | null = null;
  /** the values already sent to the current worker (nothing is sent twice) */
  private sent: Partial<Record<ConfigKey, unknown>> = {};
  /** the next property change comes from the user */
  private userInput = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConfigSyncOptions,
  ) {}

  /** Settles once every queued change has reached the worker (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  /**
   * From the host's willUpdate: validates the settings that changed and sends the valid ones
   * (when a worker is there; `workerAttached` sends everything to a new one).
   */
  propertiesChanged(changed: (key: ConfigKey) => boolean, hasWorker: boolean): void {
    const change: Partial<Record<ConfigKey, unknown>> = {};
    let touched = false;
    let valid = false;
    const errors = { ...this.errors };
    for (const key of CONFIG_KEYS) {
      if (!changed(key)) continue;
      touched = true;
      try {
        change[key] = validateField(key, this.options.read(key));
        delete errors[key];
        valid = true;
      } catch (err) {
        errors[key] = err instanceof Error ? err.message : String(err);
      }
    }
    if (touched) this.setErrors(errors);
    const origin: ConfigOrigin = this.userInput ? 'user' : 'host';
    this.userInput = false;
    if (valid && hasWorker) this.apply(change as Partial<TrainConfig>, origin);
  }

  /** A new worker (first connection, a re-added element) gets every valid setting. */
  workerAttached(): void {
    this.sent = {};
    const config: Partial<Record<ConfigKey, unknown>> = {};
    for (const key of CONFIG_KEYS) {
      try {
        config[key] = validateField(key, this.options.read(key));
      } catch {
        // shown as an error; the worker keeps its last good value
      }
    }
    this.apply(config as Partial<TrainConfig>, 'host');
  }

  /**
   * Text the user typed into a control. A valid value becomes the property (and travels as
   * a user change); an invalid one becomes the setting's error. Returns the error, if any.
   */
  userEntered(key: ConfigKey, text: string): string | undefined {
    try {
      const value = parseFieldText(key, text);
      this.userInput = true;
      this.options.write(key, value);
      if (this.errors[key]) {
        const errors = { ...this.errors };
        delete errors[key];
        this.setErrors(errors);
      }
      return undefined;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.setErrors({ ...this.errors, [key]: message });
      return message;
    }
  }

  /** Records a value that was sent to the worker by other means (autoplay's speed). */
  markSent(key: ConfigKey, value: unknown): void {
    this.sent[key] = value;
  }

  private apply(change: Partial<TrainConfig>, origin: ConfigOrigin): void {
    // On connection both the new worker's full configuration and the first update's changes
    // arrive here: send only what the worker has not been sent yet.
    const fresh: Partial<Record<ConfigKey, unknown>> = {};
    for (const [key, value] of Object.entries(change) as Array<[ConfigKey, unknown]>) {
      if (this.sent[key] !== value) fresh[key] = this.sent[key] = value;
    }
    if (Object.keys(fresh).length === 0) return;
    this.queue = this.queue
      .then(() => {
        this.configuring = origin;
        return this.options.configure(fresh as Partial<TrainConfig>);
      })
      .finally(() => {
        this.configuring = null;
      })
      .then(() => this.options.afterApply?.())
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        for (const key of Object.keys(fresh) as ConfigKey[]) delete this.sent[key]; // not applied
        if (err instanceof ConfigError) this.setErrors({ ...this.errors, [err.field]: message });
        else this.options.onFault(message);
      });
  }

  private setErrors(errors: Partial<Record<ConfigKey, string>>): void {
    this.errors = errors;
    this.host.requestUpdate();
  }
}

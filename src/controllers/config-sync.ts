import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  CONFIG_FIELDS,
  ConfigError,
  DEFAULT_CONFIG,
  checkConfigRules,
  parseFieldText,
  validateField,
  type ConfigKey,
  type TrainConfig,
} from '../protocol/config-schema';
import type { ConfigInputDetail } from '../events';
import type { TrainerController } from './trainer-controller';

/** Where a setting came from: the host page (attributes, properties) or the user (controls). */
export type ConfigOrigin = 'host' | 'user';

type Settings = Partial<Record<ConfigKey, unknown>>;

// The training rows only: the table's page rows (PAGE_FIELDS, `scope: 'page'`) shape the page
// and never travel to the worker.
const CONFIG_KEYS: readonly ConfigKey[] = CONFIG_FIELDS.map((f) => f.key);

export interface ConfigSyncOptions {
  /** the host's current value of a setting (its property): typed, or the text an attribute held */
  read: (key: ConfigKey) => unknown;
  /** sets the host's property (a value the user entered) */
  write: (key: ConfigKey, value: unknown) => void;
  /** the worker: whether one is there, the way a change reaches it, and its 'attach' events */
  trainer: Pick<TrainerController, 'attached' | 'attaching' | 'ready' | 'configure' | 'on'>;
  /** after each applied change (autoplay starts here) */
  afterApply?: () => Promise<void>;
  /** a configure failed for another reason than a rejected setting */
  onFault: (message: string) => void;
  /** the user entered a value the schema rejects (the message names setting, value and range) */
  onRejected?: (message: string, key: ConfigKey) => void;
}

/**
 * The settings' way from the host's properties to the worker. An attribute's converter only
 * reads its text; the value is judged here, once: before each host update this finds the
 * settings whose value changed, validates each through the schema, keeps the per-setting error
 * messages, and sends the worker what it does not have yet, one configure at a time,
 * remembering where the change came from. A new worker gets every valid setting.
 */
export class ConfigSync implements ReactiveController {
  /** rejected settings: each message says setting, value and what is allowed */
  errors: Partial<Record<ConfigKey, string>> = {};
  /** where the configure in flight came from (configures run one at a time) */
  configuring: ConfigOrigin | null = null;
  /** each setting's value at the last host update (what "changed" is measured against) */
  private readonly seen: Settings = {};
  /** the valid value of each setting, as validated once */
  private readonly valid: Settings = {};
  /** the values already sent to the current worker (nothing is sent twice) */
  private sent: Settings = {};
  private queue: Promise<void> = Promise.resolve();
  /** the message of a broken rule between settings, shown as the `classes` error */
  private ruleError?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConfigSyncOptions,
  ) {
    host.addController(this);
    options.trainer.on((event) => {
      if (event.type === 'attach') this.workerAttached();
    });
  }

  /**
   * Settles once every queued change has reached the worker (or failed); while the worker is
   * on its way (made after the element's first paint), once it has every setting.
   */
  settled(): Promise<void> {
    const { trainer } = this.options;
    if (!trainer.attached && trainer.attaching) return trainer.ready().then(() => this.queue);
    return this.queue;
  }

  /** Before each host update: sends the settings that changed since the last one, if valid. */
  hostUpdate(): void {
    const change = this.takeChanges();
    if (change && this.options.trainer.attached) this.apply(change, 'host');
  }

  /** A new worker (first connection, a re-added element) gets every valid setting. */
  workerAttached(): void {
    this.sent = {};
    this.takeChanges();
    this.apply({ ...this.valid } as Partial<TrainConfig>, 'host');
  }

  /**
   * Validates, once, each setting whose value changed since the last look (every setting, the
   * first time), and updates the errors. Returns the valid changes, if any. Allocates nothing
   * when nothing changed (it runs on every host update, i.e. every frame while training).
   */
  private takeChanges(): Partial<TrainConfig> | undefined {
    let change: Settings | undefined;
    let errors: Partial<Record<ConfigKey, string>> | undefined;
    let pairChanged = false;
    for (const key of CONFIG_KEYS) {
      const value = this.options.read(key);
      if (key in this.seen && Object.is(value, this.seen[key])) continue;
      this.seen[key] = value;
      if (key === 'generator' || key === 'classes') pairChanged = true;
      errors ??= { ...this.errors };
      try {
        this.valid[key] = validateField(key, value);
        delete errors[key];
        (change ??= {})[key] = value;
      } catch (err) {
        delete this.valid[key]; // a new worker keeps its own value, as for any invalid setting
        errors[key] = err instanceof Error ? err.message : String(err);
      }
    }
    if (errors && pairChanged) change = this.checkRules(change ?? {}, errors);
    if (errors) this.setErrors(errors);
    return change && Object.keys(change).length > 0 ? (change as Partial<TrainConfig>) : undefined;
  }

  /**
   * The rules between settings (checkConfigRules: circles, moons and xor have two classes),
   * judged on the valid values after a change of `generator` or `classes`. Broken: the error
   * goes to `classes`, and neither travels (the last good run goes on). Kept again: both
   * travel (apply sends only what the worker does not have). Returns the change to send.
   */
  private checkRules(change: Settings, errors: Partial<Record<ConfigKey, string>>): Settings {
    const pair = {
      generator: (this.valid.generator ?? DEFAULT_CONFIG.generator) as TrainConfig['generator'],
      classes: (this.valid.classes ?? DEFAULT_CONFIG.classes) as number,
    };
    try {
      checkConfigRules(pair);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.classes = this.ruleError = message;
      const { generator: _g, classes: _c, ...rest } = change;
      return rest;
    }
    if (this.ruleError !== undefined && errors.classes === this.ruleError) delete errors.classes;
    this.ruleError = undefined;
    const out = { ...change };
    if ('generator' in this.valid) out.generator = this.valid.generator;
    if ('classes' in this.valid) out.classes = this.valid.classes;
    return out;
  }

  /**
   * Values the worker already took by another way than a configure (custom data made the
   * generator `custom` and may have raised `classes`): the host's properties follow, and
   * nothing is sent again.
   */
  adopt(values: Partial<TrainConfig>): void {
    let errors: Partial<Record<ConfigKey, string>> | undefined;
    for (const [key, value] of Object.entries(values) as Array<[ConfigKey, unknown]>) {
      this.seen[key] = this.valid[key] = this.sent[key] = value;
      this.options.write(key, value);
      if (this.errors[key] !== undefined) delete (errors ??= { ...this.errors })[key];
    }
    if (errors) this.setErrors(errors);
    this.ruleError = undefined;
  }

  /**
   * Text the user typed into a control. A valid value becomes the property and travels to the
   * worker as a user change; an invalid one becomes the setting's error. Returns the error, if any.
   */
  userEntered(key: ConfigKey, text: string): string | undefined {
    try {
      const value = parseFieldText(key, text);
      // validated here once: the host update that the write causes finds nothing new
      this.seen[key] = this.valid[key] = value;
      this.options.write(key, value);
      const errors = { ...this.errors };
      delete errors[key];
      let change: Settings = { [key]: value };
      if (key === 'generator' || key === 'classes') change = this.checkRules(change, errors);
      this.setErrors(errors);
      if (this.options.trainer.attached && Object.keys(change).length > 0)
        this.apply(change as Partial<TrainConfig>, 'user');
      return key === 'generator' || key === 'classes' ? this.ruleError : undefined;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.setErrors({ ...this.errors, [key]: message });
      return message;
    }
  }

  /** `bp-config-input` from the controls: the text the user entered into one setting's field. */
  readonly onConfigInput = (event: CustomEvent<ConfigInputDetail>): void => {
    event.stopPropagation();
    const { key, text } = event.detail;
    const message = this.userEntered(key, text);
    if (message !== undefined) this.options.onRejected?.(message, key);
  };

  /** Records a value that was sent to the worker by other means (autoplay's speed). */
  markSent(key: ConfigKey, value: unknown): void {
    this.sent[key] = value;
  }

  private apply(change: Partial<TrainConfig>, origin: ConfigOrigin): void {
    // On connection both the new worker's full configuration and the first update's changes
    // arrive here: send only what the worker has not been sent yet.
    const fresh: Settings = {};
    for (const [key, value] of Object.entries(change) as Array<[ConfigKey, unknown]>) {
      if (this.sent[key] !== value) fresh[key] = this.sent[key] = value;
    }
    if (Object.keys(fresh).length === 0) return;
    this.queue = this.queue
      .then(() => {
        this.configuring = origin;
        return this.options.trainer.configure(fresh as Partial<TrainConfig>);
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

// The one table of training settings: attribute ↔ property ↔ config field ↔ URL key ↔ limits
// ↔ error text. The element, the worker and (later) URL sharing all parse through it, so
// limits and messages live in exactly one place. DOM-free: it runs in the worker too.

/** Data generators. Only the tutorial's circles for now (the roadmap adds moons, XOR, ...). */
export type Generator = 'circles';
export const GENERATORS: readonly Generator[] = ['circles'];

/** Iterations per second, or as fast as the core allows. */
export type Speed = number | 'max';

/** Everything that defines a training run. Defaults are the tutorial's (seed 1 = the notebook). */
export interface TrainConfig {
  generator: Generator;
  samples: number;
  noise: number;
  factor: number;
  hiddenUnits: number;
  learningRate: number;
  momentum: number;
  iterations: number;
  initScale: number;
  seed: number;
  speed: Speed;
}

export type ConfigKey = keyof TrainConfig;

/** What a change of a field costs the current run. */
export type ResetScope = 'data' | 'params' | 'none';

interface FieldBase<K extends ConfigKey> {
  key: K;
  /** kebab-case HTML attribute */
  attribute: string;
  /** short key for URL state (sharing, on the roadmap) */
  urlKey: string;
  label: string;
  /** one line for tooltips and docs */
  description: string;
  /** `data`: regenerate data and parameters; `params`: redraw the initial parameters; `none`: keep the run */
  resets: ResetScope;
  default: TrainConfig[K];
}

export interface NumberField<K extends ConfigKey> extends FieldBase<K> {
  kind: 'int' | 'number';
  min: number;
  max: number;
  /** true when `min` itself is not allowed (learning rate > 0) */
  minExclusive?: boolean;
  /** true when `max` itself is not allowed (momentum < 1) */
  maxExclusive?: boolean;
  /** input step for the controls */
  step: number;
}

export interface EnumField<K extends ConfigKey> extends FieldBase<K> {
  kind: 'enum';
  values: readonly string[];
}

export interface SpeedField<K extends ConfigKey> extends FieldBase<K> {
  kind: 'speed';
  min: number;
  max: number;
  step: number;
}

export type FieldSpec = {
  [K in ConfigKey]: NumberField<K> | EnumField<K> | SpeedField<K>;
}[ConfigKey];

/** Field order is the order of the controls. */
export const CONFIG_FIELDS = [
  {
    key: 'generator',
    attribute: 'generator',
    urlKey: 'g',
    label: 'Data',
    description: 'The data set: two concentric noisy circles, as scikit-learn’s make_circles.',
    resets: 'data',
    kind: 'enum',
    values: GENERATORS,
    default: 'circles',
  },
  {
    key: 'samples',
    attribute: 'samples',
    urlKey: 'n',
    label: 'Samples',
    description: 'Number of data points (half outer circle, half inner).',
    resets: 'data',
    kind: 'int',
    min: 2,
    max: 10000,
    step: 1,
    default: 100,
  },
  {
    key: 'noise',
    attribute: 'noise',
    urlKey: 'z',
    label: 'Noise',
    description: 'Standard deviation of the Gaussian noise added to each coordinate.',
    resets: 'data',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.1,
  },
  {
    key: 'factor',
    attribute: 'factor',
    urlKey: 'f',
    label: 'Factor',
    description: 'Radius of the inner circle relative to the outer one.',
    resets: 'data',
    kind: 'number',
    min: 0,
    max: 1,
    maxExclusive: true,
    step: 0.01,
    default: 0.3,
  },
  {
    key: 'hiddenUnits',
    attribute: 'hidden-units',
    urlKey: 'h',
    label: 'Hidden units',
    description: 'Logistic units in the hidden layer (the tutorial uses 3).',
    resets: 'params',
    kind: 'int',
    min: 1,
    max: 64,
    step: 1,
    default: 3,
  },
  {
    key: 'learningRate',
    attribute: 'learning-rate',
    urlKey: 'lr',
    label: 'Learning rate',
    description: 'Step size of gradient descent.',
    resets: 'none',
    kind: 'number',
    min: 0,
    minExclusive: true,
    max: 100,
    step: 0.001,
    default: 0.02,
  },
  {
    key: 'momentum',
    attribute: 'momentum',
    urlKey: 'm',
    label: 'Momentum',
    description: 'Fraction of the previous velocity kept at each step.',
    resets: 'none',
    kind: 'number',
    min: 0,
    max: 1,
    maxExclusive: true,
    step: 0.01,
    default: 0.9,
  },
  {
    key: 'iterations',
    attribute: 'iterations',
    urlKey: 'i',
    label: 'Iterations',
    description: 'Where the run stops.',
    resets: 'none',
    kind: 'int',
    min: 1,
    max: 10_000_000,
    step: 1,
    default: 300,
  },
  {
    key: 'initScale',
    attribute: 'init-scale',
    urlKey: 'w',
    label: 'Init scale',
    description: 'Standard deviation of the initial weights (the tutorial uses 0.1).',
    resets: 'params',
    kind: 'number',
    min: 0,
    minExclusive: true,
    max: 10,
    step: 0.01,
    default: 0.1,
  },
  {
    key: 'seed',
    attribute: 'seed',
    urlKey: 's',
    label: 'Seed',
    description: 'Seed of the single random stream (data, then parameters); 1 is the notebook’s.',
    resets: 'data',
    kind: 'int',
    min: 0,
    max: 4294967295,
    step: 1,
    default: 1,
  },
  {
    key: 'speed',
    attribute: 'speed',
    urlKey: 'v',
    label: 'Speed',
    description: 'Iterations per second, or "max" to train as fast as possible.',
    resets: 'none',
    kind: 'speed',
    min: 1,
    max: 1_000_000,
    step: 1,
    default: 60,
  },
] as const satisfies readonly FieldSpec[];

export const DEFAULT_CONFIG: Readonly<TrainConfig> = Object.freeze(
  Object.fromEntries(CONFIG_FIELDS.map((f) => [f.key, f.default])) as unknown as TrainConfig,
);

const FIELD_BY_KEY = new Map<string, FieldSpec>(CONFIG_FIELDS.map((f) => [f.key, f]));

/** A rejected setting: which field, which value, what is allowed. */
export class ConfigError extends RangeError {
  override name = 'ConfigError';
  constructor(
    readonly field: ConfigKey | string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${field}: ${describeValue(value)} is not allowed; expected ${allowed}.`);
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return typeof value;
}

/** "an integer from 2 to 10000", "a number at least 0 and less than 1": the allowed range in words. */
export function allowedText(field: FieldSpec): string {
  switch (field.kind) {
    case 'enum':
      return `one of ${field.values.map((v) => `"${v}"`).join(', ')}`;
    case 'speed':
      return `"max" or a number of iterations per second from ${field.min} to ${field.max}`;
    case 'int':
    case 'number': {
      const what = field.kind === 'int' ? 'an integer' : 'a number';
      if (!field.minExclusive && !field.maxExclusive) return `${what} from ${field.min} to ${field.max}`;
      const lo = field.minExclusive ? `greater than ${field.min}` : `at least ${field.min}`;
      const hi = field.maxExclusive ? `less than ${field.max}` : `at most ${field.max}`;
      return `${what} ${lo} and ${hi}`;
    }
  }
}

function checkNumber(field: NumberField<ConfigKey> | SpeedField<ConfigKey>, value: unknown): number {
  const allowed = allowedText(field as FieldSpec);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(field.key, value, allowed);
  if (field.kind === 'int' && !Number.isInteger(value)) throw new ConfigError(field.key, value, allowed);
  const lowOk = 'minExclusive' in field && field.minExclusive ? value > field.min : value >= field.min;
  const highOk = 'maxExclusive' in field && field.maxExclusive ? value < field.max : value <= field.max;
  if (!lowOk || !highOk) throw new ConfigError(field.key, value, allowed);
  return value;
}

/** Validates one already-typed value (from a property, a message or a URL after parsing). */
export function validateField<K extends ConfigKey>(key: K, value: unknown): TrainConfig[K] {
  const field = FIELD_BY_KEY.get(key);
  if (!field) throw new ConfigError(key, value, `a known setting (${CONFIG_FIELDS.map((f) => f.key).join(', ')})`);
  switch (field.kind) {
    case 'enum':
      if (typeof value !== 'string' || !field.values.includes(value)) {
        throw new ConfigError(key, value, allowedText(field));
      }
      return value as TrainConfig[K];
    case 'speed':
      if (value === 'max') return value as TrainConfig[K];
      return checkNumber(field, value) as TrainConfig[K];
    default:
      return checkNumber(field, value) as TrainConfig[K];
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads a string (an attribute, a form input, a URL parameter) as the field's type, without
 * judging the value: "0.5" → 0.5, "MAX" → 'max', " circles " → 'circles'. Text that is not
 * written as such a value ("abc", "0x10", "1,5", "") comes back unchanged, so that
 * `validateField` can quote it in its error. Strict: "1e-2" and " 0.5 " are numbers.
 */
export function readFieldText(key: ConfigKey, text: string): unknown {
  const field = FIELD_BY_KEY.get(key);
  if (!field) return text;
  const trimmed = text.trim();
  if (field.kind === 'enum') return trimmed;
  if (field.kind === 'speed' && trimmed.toLowerCase() === 'max') return 'max';
  return DECIMAL.test(trimmed) ? Number(trimmed) : text;
}

/** Parses a string into a valid value: `readFieldText`, then `validateField`. */
export function parseFieldText<K extends ConfigKey>(key: K, text: string): TrainConfig[K] {
  return validateField(key, readFieldText(key, text));
}

/** The TypeScript type of a field's values, as docs show it (`number`, `'circles'`, `number | 'max'`). */
export function typeText(field: FieldSpec): string {
  switch (field.kind) {
    case 'enum':
      return field.values.map((v) => `'${v}'`).join(' | ');
    case 'speed':
      return "number | 'max'";
    default:
      return 'number';
  }
}

/** What changing a field does to the current run, in words. */
const RESET_TEXT: Readonly<Record<ResetScope, string>> = {
  data: 'Changing it starts a new run (new data and parameters).',
  params: 'Changing it starts a new run (new initial parameters).',
  none: 'Changing it keeps the run.',
};

/** A field's documentation in one line: description, what is allowed, the default, what a change costs. */
export function fieldDoc(field: FieldSpec): string {
  const allowed = allowedText(field);
  return `${field.description} Allowed: ${allowed}; default ${JSON.stringify(field.default)}. ${RESET_TEXT[field.resets]}`;
}

/**
 * Validates a partial config from an untrusted source (a message, an imported file).
 * Rejects unknown keys; returns a new object holding only the given, valid fields.
 */
export function validatePartialConfig(input: unknown): Partial<TrainConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('config', input, 'an object of settings');
  }
  const out: Partial<Record<ConfigKey, unknown>> = {};
  for (const [key, value] of Object.entries(input)) {
    out[key as ConfigKey] = validateField(key as ConfigKey, value);
  }
  return out as Partial<TrainConfig>;
}

/** Merges a partial change into a full config, validating the change. */
export function mergeConfig(base: TrainConfig, change: unknown): TrainConfig {
  return { ...base, ...validatePartialConfig(change) };
}

/** The widest reset a change from `before` to `after` requires. */
export function resetScope(before: TrainConfig, after: TrainConfig): ResetScope {
  let scope: ResetScope = 'none';
  for (const f of CONFIG_FIELDS) {
    if (before[f.key] === after[f.key]) continue;
    if (f.resets === 'data') return 'data';
    if (f.resets === 'params') scope = 'params';
  }
  return scope;
}

// The one table of training settings: attribute ↔ property ↔ config field ↔ URL key ↔ limits
// ↔ error text. The element, the worker and (later) URL sharing all parse through it, so
// limits and messages live in exactly one place. DOM-free: it runs in the worker too.
import type { EngineChoice } from '../core/engine';

/**
 * Where the data come from: a generator drawing from the run's stream (src/core/datasets), or
 * `custom`: data the page gave (importData, the `data` property), kept by the worker.
 */
export type Generator = 'circles' | 'moons' | 'blobs' | 'xor' | 'spiral' | 'custom';
export const GENERATORS: readonly Generator[] = ['circles', 'moons', 'blobs', 'xor', 'spiral', 'custom'];

/** Generators whose data always have two classes (the core's TWO_CLASS_GENERATORS; a test keeps them equal). */
export const TWO_CLASS_GENERATORS: readonly Generator[] = ['circles', 'moons', 'xor'];

/**
 * Which engine trains: 'auto' (WebAssembly SIMD where the page and browser allow it, else JS),
 * 'wasm' or 'js'. Only the type comes from the core: the page's bundle carries no kernel.
 */
export type { EngineChoice } from '../core/engine';
export const ENGINE_CHOICES = ['auto', 'wasm', 'js'] as const satisfies readonly EngineChoice[];

/** Iterations per second, or as fast as the core allows. */
export type Speed = number | 'max';

/** Everything that defines a training run. Defaults are the tutorial's (seed 1 = the notebook). */
export interface TrainConfig {
  generator: Generator;
  classes: number;
  testFraction: number;
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
  engine: EngineChoice;
}

export type ConfigKey = keyof TrainConfig;

/**
 * What a change of a field costs the current run, widest first: `data` (new data and initial
 * parameters), `params` (new initial parameters), `restart` (back to iteration 0 with the same
 * data and initial parameters), `none` (the run goes on).
 */
export type ResetScope = 'data' | 'params' | 'restart' | 'none';

interface FieldBase<K extends ConfigKey> {
  key: K;
  /** kebab-case HTML attribute */
  attribute: string;
  /** short key for URL state (sharing, on the roadmap) */
  urlKey: string;
  label: string;
  /** one line for tooltips and docs */
  description: string;
  /** `data`: regenerate data and parameters; `params`: redraw the initial parameters; `restart`: same data and initial parameters from iteration 0; `none`: keep the run */
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
    description:
      'The data set: "circles" (two concentric noisy circles, as scikit-learn’s make_circles), "moons", "blobs", "xor", "spiral" (README: Data sets), or "custom": the data given with importData() or the `data` property.',
    resets: 'data',
    kind: 'enum',
    values: GENERATORS,
    default: 'circles',
  },
  {
    key: 'classes',
    attribute: 'classes',
    urlKey: 'c',
    label: 'Classes',
    description:
      'Number of classes C, the network’s outputs. "blobs", "spiral" and "custom" take 2 to 5; "circles", "moons" and "xor" have exactly 2.',
    resets: 'data',
    kind: 'int',
    min: 2,
    max: 5,
    step: 1,
    default: 2,
  },
  {
    key: 'testFraction',
    attribute: 'test-fraction',
    urlKey: 't',
    label: 'Test fraction',
    description:
      'Fraction f of the points held out for testing: ⌊f·N⌋ test points drawn by a permutation right after the data; training uses the rest.',
    resets: 'data',
    kind: 'number',
    min: 0,
    max: 0.9,
    step: 0.05,
    default: 0,
  },
  {
    key: 'samples',
    attribute: 'samples',
    urlKey: 'n',
    label: 'Samples',
    description: 'Number of data points N a generator draws (not used by "custom").',
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
  {
    key: 'engine',
    attribute: 'engine',
    urlKey: 'e',
    label: 'Engine',
    description:
      'What computes the training: "auto" takes WebAssembly SIMD where the browser and the Content-Security-Policy allow it (else JavaScript, saying why); "wasm" insists on it; "js" is the reference JavaScript core.',
    // The engines' arithmetic differs in the last bits, so a run cannot change engine midway
    // and stay one run: it starts again from iteration 0 on the same data and parameters.
    resets: 'restart',
    kind: 'enum',
    values: ENGINE_CHOICES,
    default: 'auto',
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
  restart: 'Changing it restarts the run from iteration 0 with the same data and initial parameters.',
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

/**
 * The rules between fields, for a config whose fields are each valid: "circles", "moons" and
 * "xor" have two classes. Throws a ConfigError naming `classes`. The element (ConfigSync) and
 * the worker (mergeConfig) both judge a config here.
 */
export function checkConfigRules(config: Pick<TrainConfig, 'generator' | 'classes'>): void {
  const { generator, classes } = config;
  if (classes !== 2 && TWO_CLASS_GENERATORS.includes(generator)) {
    throw new ConfigError(
      'classes',
      classes,
      `2 for generator "${generator}" (it has two classes; "blobs", "spiral" and "custom" take 2 to 5)`,
    );
  }
}

/** Merges a partial change into a full config, validating the change and the rules between fields. */
export function mergeConfig(base: TrainConfig, change: unknown): TrainConfig {
  const next = { ...base, ...validatePartialConfig(change) };
  checkConfigRules(next);
  return next;
}

/** The widest reset a change from `before` to `after` requires. */
export function resetScope(before: TrainConfig, after: TrainConfig): ResetScope {
  let scope: ResetScope = 'none';
  for (const f of CONFIG_FIELDS) {
    if (before[f.key] === after[f.key]) continue;
    if (f.resets === 'data') return 'data';
    if (f.resets === 'params') scope = 'params';
    else if (f.resets === 'restart' && scope === 'none') scope = 'restart';
  }
  return scope;
}

// ── Page settings: the same table's presentation rows ─────────────────────────────────────────
// Rows with `scope: 'page'` say what the element shows, not how the network trains: they never
// travel to the worker and never reset a run. The element declares them as properties from
// these rows, parses and judges them here, and the manifest documents them beside the others.

/** Every view the element can show. */
export type LabView = 'decision-map' | 'hidden-space' | 'cost-curve' | 'gradient-check' | 'network';
export const LAB_VIEWS: readonly LabView[] = [
  'decision-map',
  'hidden-space',
  'cost-curve',
  'gradient-check',
  'network',
];
/** The views shown by default, in display order (the network diagram is asked for by name). */
export const DEFAULT_VIEWS: readonly LabView[] = ['decision-map', 'hidden-space', 'cost-curve', 'gradient-check'];

/** `all`: settings and transport; `transport`: play/pause, step, reset, speed and status; `none`. */
export type ControlsMode = 'all' | 'transport' | 'none';
export const CONTROLS_MODES: readonly ControlsMode[] = ['all', 'transport', 'none'];

/** What the element shows. Properties of <backprop-lab>, never part of a run's TrainConfig. */
export interface PageSettings {
  views: string;
  controls: ControlsMode;
  noCaptions: boolean;
}

export type PageKey = keyof PageSettings;

interface PageFieldBase<K extends PageKey> {
  key: K;
  attribute: string;
  scope: 'page';
  label: string;
  description: string;
  default: PageSettings[K];
}

export interface ViewListField extends PageFieldBase<'views'> {
  /** a space-separated list of distinct names from `values`, in display order */
  kind: 'view-list';
  values: readonly LabView[];
}

export interface PageEnumField extends PageFieldBase<'controls'> {
  kind: 'enum';
  values: readonly ControlsMode[];
}

export interface PageBooleanField extends PageFieldBase<'noCaptions'> {
  /** an HTML boolean attribute: present means true */
  kind: 'boolean';
}

export type PageFieldSpec = ViewListField | PageEnumField | PageBooleanField;

/** The presentation rows, in the order the docs list them. */
export const PAGE_FIELDS = [
  {
    key: 'views',
    attribute: 'views',
    scope: 'page',
    label: 'Views',
    description:
      'The views to show, space-separated, in display order. A view not listed is not created: it draws nothing and holds no WebGL context.',
    kind: 'view-list',
    values: LAB_VIEWS,
    default: DEFAULT_VIEWS.join(' '),
  },
  {
    key: 'controls',
    attribute: 'controls',
    scope: 'page',
    label: 'Controls',
    description:
      'Which controls to show: "all" (settings and transport), "transport" (play/pause, step, reset, speed and the status line) or "none". The boolean `no-controls` is an alias of "none".',
    kind: 'enum',
    values: CONTROLS_MODES,
    default: 'all',
  },
  {
    key: 'noCaptions',
    attribute: 'no-captions',
    scope: 'page',
    label: 'No captions',
    description:
      'Hide the caption under each view. To replace a caption instead, slot your own: `<p slot="decision-map-caption">…</p>`.',
    kind: 'boolean',
    default: false,
  },
] as const satisfies readonly PageFieldSpec[];

export const DEFAULT_PAGE_SETTINGS: Readonly<PageSettings> = Object.freeze({
  views: DEFAULT_VIEWS.join(' '),
  controls: 'all',
  noCaptions: false,
});

/** Every row of the table: the training settings, then the page settings. For docs and tools. */
export const SETTING_FIELDS: ReadonlyArray<FieldSpec | PageFieldSpec> = [...CONFIG_FIELDS, ...PAGE_FIELDS];

/** Whether a row only shapes the page (never sent to the worker, never resets a run). */
export function isPageField(field: FieldSpec | PageFieldSpec): field is PageFieldSpec {
  return 'scope' in field && field.scope === 'page';
}

const PAGE_FIELD_BY_KEY = new Map<string, PageFieldSpec>(PAGE_FIELDS.map((f) => [f.key, f]));

/** The allowed values of a page row, in words. */
export function pageAllowedText(field: PageFieldSpec): string {
  switch (field.kind) {
    case 'view-list':
      return `a space-separated list of distinct views from ${field.values.map((v) => `"${v}"`).join(', ')}`;
    case 'enum':
      return `one of ${field.values.map((v) => `"${v}"`).join(', ')}`;
    case 'boolean':
      return 'a boolean (present or absent)';
  }
}

/**
 * Reads the view list: "cost-curve  decision-map" → ['cost-curve', 'decision-map']. Throws a
 * ConfigError naming `views`, the value and the known views for an unknown or repeated name,
 * or an empty list.
 */
export function parseViews(value: unknown): LabView[] {
  const field = PAGE_FIELD_BY_KEY.get('views') as ViewListField;
  const allowed = pageAllowedText(field);
  if (typeof value !== 'string') throw new ConfigError('views', value, allowed);
  const names = value.trim().split(/\s+/).filter(Boolean);
  if (names.length === 0) throw new ConfigError('views', value, `${allowed}; at least one`);
  const seen = new Set<string>();
  for (const name of names) {
    if (!(LAB_VIEWS as readonly string[]).includes(name)) {
      throw new ConfigError('views', value, `${allowed}; "${name}" is not a view`);
    }
    if (seen.has(name)) throw new ConfigError('views', value, `${allowed}; "${name}" is listed twice`);
    seen.add(name);
  }
  return names as LabView[];
}

/** Validates the controls mode (attribute text is trimmed and lower-cased first). */
export function parseControls(value: unknown): ControlsMode {
  const field = PAGE_FIELD_BY_KEY.get('controls') as PageEnumField;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof text !== 'string' || !(field.values as readonly string[]).includes(text)) {
    throw new ConfigError('controls', value, pageAllowedText(field));
  }
  return text as ControlsMode;
}

/** The TypeScript type of a page row, as docs show it. */
export function pageTypeText(field: PageFieldSpec): string {
  switch (field.kind) {
    case 'view-list':
      return 'string';
    case 'enum':
      return field.values.map((v) => `'${v}'`).join(' | ');
    case 'boolean':
      return 'boolean';
  }
}

/** A page row's documentation in one line: description, what is allowed, the default. */
export function pageFieldDoc(field: PageFieldSpec): string {
  return `${field.description} Allowed: ${pageAllowedText(field)}; default ${JSON.stringify(field.default)}. Shapes the page only: never resets the run.`;
}

// A run's state as a short, URL-safe text: the settings (the schema's URL keys, non-default
// values only), and optionally custom data and a network's parameters. Pure and DOM-free.
//
//   state   := 'v1' ( '~' field )*            only A–Z a–z 0–9 - . _ ~ (safe unescaped anywhere in a URL)
//   field   := urlKey '_' value               a CONFIG_FIELDS row whose value is not the default
//            | 'D_' base64url(data bytes)     custom points and labels
//            | 'P_' base64url(param bytes)    packed Wh, bh, Wo, bo and their shape
//
// Numbers are written as JavaScript's shortest round-trip decimal (`0.02`, `1e-7`), so every
// setting comes back exactly. The tutorial's set-up (every default) is `v1`; `hidden-units=8,
// learning-rate=0.1` is `v1~h_8~lr_0.1`.
//
// Data bytes (little-endian):  u16 N · u8 label bits b (1–3) · i8 exponent e · N × (i16 q1, i16 q2)
//   · N labels of b bits, packed from the lowest bit of each byte. Data travel exactly when the
//   generator is "custom" (generated data are made again from the settings); labels < classes.
//   Each coordinate is x = q·2⁻ᵉ with the largest e (−8 to 60) that keeps every |q| ≤ 32767:
//   16-bit fixed point scaled by a power of two, so decoding is exact and re-encoding decoded
//   data gives the same numbers. Precision: each coordinate is within max|x|/32767 of the
//   original (within 3.1e-5 for data inside ±1.3, the tutorial's circles). 1,000 two-class
//   points take 4,129 bytes (5,506 characters).
// Param bytes: u8 D · u8 H · u8 C · (D·H + H + H·C + C) float64: exact, so a loaded network is
//   the sender's to the last bit and draws the same picture.
//
// Decoding treats the text as hostile: its length is bounded before anything else is read,
// every size is checked before anything is allocated, and every value is checked (finite
// numbers, the schema's ranges and enum values, the shape against the settings). Each
// rejection is a ShareStateError naming the field and the problem; no message quotes more
// than a short escaped excerpt of the input.
import { excerpt, DATA_LIMITS } from '../../core/data-io/limits';
import type { Dataset } from '../../core/datasets/types';
import { paramCount } from '../../core/params';
import type { Shape } from '../../core/types';
import {
  CONFIG_FIELDS,
  ConfigError,
  checkConfigRules,
  DEFAULT_CONFIG,
  readFieldText,
  validateField,
  type ConfigKey,
  type FieldSpec,
  type TrainConfig,
} from '../config-schema';
import { ByteReader, ByteWriter, fromBase64Url, toBase64Url } from './bytes';

/** The version this module writes and the only one it reads. */
export const STATE_VERSION = 'v1';

/** The longest state text read at all (the largest valid state, 10,000 points and a 2→64→5 network, is ~64k). */
export const MAX_STATE_CHARS = 80_000;

/** Keys of the data and parameter fields (upper case: the schema's URL keys are lower case). */
export const DATA_KEY = 'D';
export const PARAMS_KEY = 'P';

/** A network's packed parameters (Wh D×H, bh 1×H, Wo H×C, bo 1×C, row-major) and their shape. */
export interface SharedParams {
  params: Float64Array;
  shape: Shape;
}

/** What a state holds: every setting (defaults filled in), and custom data and parameters if shared. */
export interface SharedState {
  config: TrainConfig;
  data?: Dataset;
  params?: SharedParams;
}

/** A rejected state: `field` is the setting, `data`, `params`, `version` or `state`. */
export class ShareStateError extends Error {
  override name = 'ShareStateError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`shared state, ${field}: ${problem}`);
  }
}

const SAFE = /^[A-Za-z0-9._~-]*$/;
const FIELD_BY_URL_KEY = new Map<string, FieldSpec>(CONFIG_FIELDS.map((f) => [f.urlKey, f]));
/** Parameters' and data's largest sizes, from the schema and the data limits. */
const MAX_HIDDEN = rowMax('hiddenUnits');
const MAX_VALUE_CHARS = 40;
/** Coordinates are q·2⁻ᵉ, e in this range. */
const MIN_EXPONENT = -8;
const MAX_EXPONENT = 60;
const MAX_Q = 32767;

for (const f of CONFIG_FIELDS) {
  if (!/^[a-z]+$/.test(f.urlKey)) throw new Error(`config schema: URL key "${f.urlKey}" must be lower-case letters`);
}

function rowMax(key: ConfigKey): number {
  const row = CONFIG_FIELDS.find((f) => f.key === key);
  if (!row || row.kind !== 'int') throw new Error(`config schema: ${key} must be an int row`);
  return row.max;
}

// ── encoding ──────────────────────────────────────────────────────────────────────────────────

/** A setting's value as URL-safe text: `0.02`, `1e-7` (never `e+`), `max`, `circles`. */
function valueText(field: FieldSpec, value: unknown): string {
  const text = typeof value === 'number' ? String(value).replace('e+', 'e') : String(value);
  if (!SAFE.test(text) || text.includes('~') || text.length === 0) {
    throw new ShareStateError(field.key, `the value ${excerpt(text)} cannot be written into a link`);
  }
  return text;
}

/**
 * The state as text. `config` is validated through the schema (a bad value throws its
 * ConfigError); data and parameters are checked as the decoder will check them, so every
 * text this returns decodes to the same state (data quantised as documented above).
 */
export function encodeState(state: SharedState): string {
  let out = STATE_VERSION;
  for (const field of CONFIG_FIELDS) {
    const value = validateField(field.key, state.config[field.key]);
    if (Object.is(value, field.default)) continue;
    out += `~${field.urlKey}_${valueText(field, value)}`;
  }
  if ((state.data !== undefined) !== (state.config.generator === 'custom')) {
    throw new ShareStateError('data', 'a state carries data exactly when its generator is "custom"');
  }
  if (state.data) out += `~${DATA_KEY}_${toBase64Url(encodeData(state.data, state.config.classes))}`;
  if (state.params) {
    const config = { ...DEFAULT_CONFIG, ...state.config };
    out += `~${PARAMS_KEY}_${toBase64Url(encodeParams(state.params, config))}`;
  }
  return out;
}

/** The largest e in [MIN_EXPONENT, MAX_EXPONENT] with every |round(x·2ᵉ)| ≤ 32767. */
function exponentFor(points: Float64Array): number {
  let m = 0;
  for (let i = 0; i < points.length; i++) m = Math.max(m, Math.abs(points[i]));
  if (m === 0) return MAX_EXPONENT;
  let e = Math.min(MAX_EXPONENT, Math.floor(Math.log2(MAX_Q / m)) + 1);
  while (e > MIN_EXPONENT && Math.round(m * 2 ** e) > MAX_Q) e--;
  return e;
}

function encodeData(data: Dataset, classes: number): Uint8Array {
  const n = data.t.length;
  const points = data.X.data;
  if (data.X.cols !== 2 || data.X.rows !== n || points.length !== 2 * n) {
    throw new ShareStateError('data', `must be N×2 points with N labels; got ${data.X.rows}×${data.X.cols} and ${n}`);
  }
  if (n < 1 || n > DATA_LIMITS.maxRows) {
    throw new ShareStateError('data', `must hold 1 to ${DATA_LIMITS.maxRows} points; got ${n}`);
  }
  let maxLabel = 1;
  for (let i = 0; i < n; i++) {
    const label = data.t[i];
    if (!(label >= 0 && label < classes)) {
      throw new ShareStateError(
        'data',
        `label ${i + 1} must be from 0 to ${classes - 1} (classes ${classes}); got ${label}`,
      );
    }
    maxLabel = Math.max(maxLabel, label);
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]) || Math.abs(points[i]) > DATA_LIMITS.maxAbs) {
      throw new ShareStateError('data', `point ${(i >> 1) + 1} must be finite and within ±${DATA_LIMITS.maxAbs}`);
    }
  }
  const bits = 32 - Math.clz32(maxLabel);
  const e = exponentFor(points);
  const scale = 2 ** e;
  const w = new ByteWriter();
  w.u16(n);
  w.u8(bits);
  w.i8(e);
  for (let i = 0; i < points.length; i++) {
    const x = points[i];
    w.i16(Math.sign(x) * Math.round(Math.abs(x) * scale));
  }
  const labels = new Uint8Array(Math.ceil((n * bits) / 8));
  for (let i = 0; i < n; i++) {
    const at = i * bits;
    // b ≤ 3 bits may straddle two bytes
    const v = data.t[i] << (at & 7);
    labels[at >> 3] |= v & 0xff;
    if (v > 0xff) labels[(at >> 3) + 1] |= v >> 8;
  }
  w.bytes(labels);
  return w.result();
}

function encodeParams({ params, shape }: SharedParams, config: TrainConfig): Uint8Array {
  checkShape(shape, config);
  if (!(params instanceof Float64Array) || params.length !== paramCount(shape)) {
    throw new ShareStateError('params', `must hold ${paramCount(shape)} numbers for the shape`);
  }
  const w = new ByteWriter();
  w.u8(shape.inputs);
  w.u8(shape.hidden);
  w.u8(shape.classes);
  for (let i = 0; i < params.length; i++) {
    if (!Number.isFinite(params[i]))
      throw new ShareStateError('params', `number ${i + 1} must be finite; got ${params[i]}`);
    w.f64(params[i]);
  }
  return w.result();
}

// ── decoding ──────────────────────────────────────────────────────────────────────────────────

/**
 * Reads a state text (hostile input). Throws a ShareStateError naming the field and the
 * problem; returns a new state, every setting filled in (absent ones are the defaults).
 */
export function decodeState(text: unknown): SharedState {
  if (typeof text !== 'string') throw new ShareStateError('state', `must be a string; got ${typeof text}`);
  if (text.length > MAX_STATE_CHARS) {
    throw new ShareStateError('state', `must be at most ${MAX_STATE_CHARS} characters; got ${text.length}`);
  }
  if (!SAFE.test(text)) {
    const at = text.search(/[^A-Za-z0-9._~-]/);
    throw new ShareStateError(
      'state',
      `character ${at + 1} (${excerpt(text.slice(at, at + 1))}) is not allowed; a state holds only A–Z, a–z, 0–9, -, ., _ and ~`,
    );
  }
  let fields = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 126 /* ~ */) fields++;
  const parts = text.split('~', CONFIG_FIELDS.length + 3);
  const version = parts[0];
  if (version !== STATE_VERSION) {
    throw new ShareStateError(
      'version',
      `${excerpt(version)} is not a version this page reads; expected "${STATE_VERSION}"`,
    );
  }
  if (fields > CONFIG_FIELDS.length + 2) {
    throw new ShareStateError(
      'state',
      `holds ${fields} fields; at most ${CONFIG_FIELDS.length + 2} (the settings, data and parameters)`,
    );
  }
  const config: TrainConfig = { ...DEFAULT_CONFIG };
  const seen = new Set<string>();
  let dataText: string | undefined;
  let paramsText: string | undefined;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const sep = part.indexOf('_');
    if (sep <= 0) throw new ShareStateError('state', `field ${i} (${excerpt(part)}) must be key_value`);
    const key = part.slice(0, sep);
    const value = part.slice(sep + 1);
    if (seen.has(key)) throw new ShareStateError('state', `the key ${excerpt(key)} appears twice`);
    seen.add(key);
    if (key === DATA_KEY) dataText = value;
    else if (key === PARAMS_KEY) paramsText = value;
    else readSetting(config, key, value);
  }
  try {
    checkConfigRules(config);
  } catch (err) {
    if (err instanceof ConfigError)
      throw new ShareStateError(err.field, `${String(err.value)} is not allowed; expected ${err.allowed}`);
    throw err;
  }
  const state: SharedState = { config };
  if ((dataText !== undefined) !== (config.generator === 'custom')) {
    throw new ShareStateError(
      'data',
      dataText === undefined
        ? 'generator "custom" needs the data field (D_), which this state does not have'
        : `only generator "custom" carries data; this state's generator is "${config.generator}"`,
    );
  }
  if (dataText !== undefined) state.data = decodeData(dataText, config.classes);
  if (paramsText !== undefined) state.params = decodeParams(paramsText, config);
  return state;
}

function readSetting(config: TrainConfig, key: string, value: string): void {
  const field = FIELD_BY_URL_KEY.get(key);
  if (!field) throw new ShareStateError('state', `${excerpt(key)} is not a setting's key`);
  if (value.length === 0 || value.length > MAX_VALUE_CHARS) {
    throw new ShareStateError(field.key, `its value must be 1 to ${MAX_VALUE_CHARS} characters; got ${value.length}`);
  }
  try {
    (config as unknown as Record<ConfigKey, unknown>)[field.key] = validateField(
      field.key,
      readFieldText(field.key, value),
    );
  } catch (err) {
    if (err instanceof ConfigError)
      throw new ShareStateError(field.key, `${excerpt(value)} is not allowed; expected ${err.allowed}`);
    throw err;
  }
}

function bytesOf(field: string, text: string): ByteReader {
  const bytes = fromBase64Url(text);
  if (typeof bytes === 'string') throw new ShareStateError(field, bytes);
  return new ByteReader(bytes);
}

function decodeData(text: string, classes: number): Dataset {
  const r = bytesOf('data', text);
  if (r.remaining < 4) throw new ShareStateError('data', `must start with a 4-byte header; got ${r.remaining} bytes`);
  const n = r.u16();
  const bits = r.u8();
  const e = r.i8();
  if (n < 1 || n > DATA_LIMITS.maxRows) {
    throw new ShareStateError('data', `must hold 1 to ${DATA_LIMITS.maxRows} points; the header says ${n}`);
  }
  if (bits < 1 || bits > 3) throw new ShareStateError('data', `label bits must be 1, 2 or 3; got ${bits}`);
  if (e < MIN_EXPONENT || e > MAX_EXPONENT) {
    throw new ShareStateError('data', `the scale exponent must be from ${MIN_EXPONENT} to ${MAX_EXPONENT}; got ${e}`);
  }
  const labelBytes = Math.ceil((n * bits) / 8);
  const expected = 4 + 4 * n + labelBytes;
  if (r.bytes.length !== expected) {
    throw new ShareStateError('data', `${n} points need ${expected} bytes; got ${r.bytes.length}`);
  }
  const points = new Float64Array(2 * n);
  const step = 2 ** -e;
  for (let i = 0; i < 2 * n; i++) {
    const x = r.i16() * step;
    if (Math.abs(x) > DATA_LIMITS.maxAbs) {
      throw new ShareStateError('data', `point ${(i >> 1) + 1} must be within ±${DATA_LIMITS.maxAbs}; got ${x}`);
    }
    points[i] = x;
  }
  const t = new Int32Array(n);
  const mask = (1 << bits) - 1;
  const base = r.offset;
  for (let i = 0; i < n; i++) {
    const at = i * bits;
    const lo = r.bytes[base + (at >> 3)];
    const hi = (at >> 3) + 1 < labelBytes ? r.bytes[base + (at >> 3) + 1] : 0;
    const label = (((hi << 8) | lo) >> (at & 7)) & mask;
    if (label >= classes) {
      throw new ShareStateError(
        'data',
        `label ${i + 1} must be from 0 to ${classes - 1} (classes ${classes}); got ${label}`,
      );
    }
    t[i] = label;
  }
  if (n * bits < labelBytes * 8 && r.bytes[base + labelBytes - 1] >> ((n * bits) & 7) !== 0) {
    throw new ShareStateError('data', 'the last label byte has bits set beyond the labels');
  }
  return { X: { rows: n, cols: 2, data: points }, t };
}

/** The network's shape must be the one the settings build: 2 inputs, hidden-units, the run's classes. */
function checkShape(shape: Shape, config: TrainConfig): void {
  const { inputs, hidden, classes } = shape;
  if (inputs !== 2) throw new ShareStateError('params', `the network must have 2 inputs; got ${inputs}`);
  if (!(hidden >= 1 && hidden <= MAX_HIDDEN)) {
    throw new ShareStateError('params', `the network's hidden units must be from 1 to ${MAX_HIDDEN}; got ${hidden}`);
  }
  if (hidden !== config.hiddenUnits) {
    throw new ShareStateError(
      'params',
      `the network has ${hidden} hidden units but the settings say hidden-units ${config.hiddenUnits}`,
    );
  }
  if (!(classes >= 2 && classes <= DATA_LIMITS.maxClasses)) {
    throw new ShareStateError(
      'params',
      `the network's classes must be from 2 to ${DATA_LIMITS.maxClasses}; got ${classes}`,
    );
  }
  if (classes !== config.classes) {
    throw new ShareStateError(
      'params',
      `the network has ${classes} classes but the settings say classes ${config.classes}`,
    );
  }
}

function decodeParams(text: string, config: TrainConfig): SharedParams {
  const r = bytesOf('params', text);
  if (r.remaining < 3) throw new ShareStateError('params', `must start with a 3-byte shape; got ${r.remaining} bytes`);
  const shape: Shape = { inputs: r.u8(), hidden: r.u8(), classes: r.u8() };
  checkShape(shape, config);
  const count = paramCount(shape);
  if (r.remaining !== 8 * count) {
    throw new ShareStateError(
      'params',
      `a 2→${shape.hidden}→${shape.classes} network needs ${count} float64 numbers (${8 * count} bytes); got ${r.remaining} bytes`,
    );
  }
  const params = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = r.f64();
    if (!Number.isFinite(v)) throw new ShareStateError('params', `number ${i + 1} must be finite; got ${v}`);
    params[i] = v;
  }
  return { params, shape };
}

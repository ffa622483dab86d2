// What imported data may be, and how a rejection names what was wrong. Every input here is
// hostile: messages quote at most a short, escaped excerpt of it (no markup can get through
// even if a page misuses the text as HTML), and nothing reads a property of it that could run
// its code (no `constructor.name`, no `toString`).
import { MAX_CLASSES } from '../datasets/types';

/** The limits of imported data (the issue's): rows, text size, and the size of coordinates. */
export const DATA_LIMITS = {
  /** data rows at most */
  maxRows: 10_000,
  /** text (or file) size at most: 1 MB; counted in characters for a string, bytes for a Blob */
  maxBytes: 1_000_000,
  /** |x1|, |x2| at most */
  maxAbs: 1e6,
  /** labels are 0 .. maxClasses − 1 at most (classes 2 to 5) */
  maxClasses: MAX_CLASSES,
} as const;

/** The header a CSV may start with; the columns are always in this order. */
export const CSV_COLUMNS = ['x1', 'x2', 'label'] as const;
export type DataColumn = (typeof CSV_COLUMNS)[number];

/** Counts the parser's work (characters scanned, values visited), for tests that bound it. */
export interface WorkMeter {
  steps: number;
}

const EXCERPT_CHARS = 24;

/**
 * A short quoted excerpt of untrusted text: at most 24 characters, then "…"; quotes,
 * backslashes, control characters, `<`, `>` and `&` written as escapes (\n, \u003c).
 */
export function excerpt(text: string): string {
  const cut = text.length > EXCERPT_CHARS;
  const head = cut ? text.slice(0, EXCERPT_CHARS) : text;
  let out = '"';
  for (let i = 0; i < head.length; i++) {
    const ch = head[i];
    const code = head.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      code === 0x7f ||
      ch === '<' ||
      ch === '>' ||
      ch === '&' ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + (cut ? '…"' : '"');
}

/**
 * What kind of value this is, for a message, without reading any of its properties (a getter
 * or a Proxy trap could throw or hang): `a string "ab"`, `the number NaN`, `an array`, `null`.
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'nothing (undefined)';
    case 'number':
      return `the number ${String(value)}`;
    case 'string':
      return `the string ${excerpt(value)}`;
    case 'boolean':
      return `${String(value)} (a boolean)`;
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return isArrayLike(value) ? 'an array' : 'an object';
  }
}

/** An Array or a numeric typed array (not a DataView). Array.isArray can throw on a revoked Proxy: callers guard. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** `1,000,000`: counts in messages, grouped by thousands (locale-independent). */
export function count(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? '-' : '') + out;
}

/** The classes a set of labels needs: the largest label + 1, and at least 2. */
export function requiredClasses(t: ArrayLike<number>): number {
  let max = 1;
  for (let i = 0; i < t.length; i++) if (t[i] > max) max = t[i];
  return max + 1;
}

/** `labels go up to 4, so classes must be raised to 5`: what the element says before raising it. */
export function classRaiseNotice(required: number): string {
  return `labels go up to ${required - 1}, so classes must be raised to ${required}`;
}

/**
 * A label at or above `classes`: the message names the row and the column, and says which
 * class count the data need. `required` is what to set `classes` to (≤ 5), so the element can
 * raise it for the user and say so.
 */
export class ClassCountError extends RangeError {
  override name = 'ClassCountError';
  constructor(
    message: string,
    /** the class count the data need: the largest label + 1 */
    readonly required: number,
    /** the class count they were checked against */
    readonly classes: number,
  ) {
    super(message);
  }
}

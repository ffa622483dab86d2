// CSV import: one point per line, `x1,x2,label`, with an optional header line `x1,x2,label`.
// A hand-written scanner, not a regular expression: each character is looked at a bounded
// number of times, so any text up to the size limit parses in linear time.
import type { Dataset } from '../datasets/types';
import { CSV_COLUMNS, DATA_LIMITS, count, excerpt, type WorkMeter } from './limits';
import { coordinate, label } from './validate';
import { checkFits, checkText } from './text';

export interface ParseOptions {
  /** labels must be below this (2 to 5); default 5. Use requiredClasses on the result to size a run. */
  classes?: number;
  /** counts the characters scanned and values visited (tests bound the work) */
  meter?: WorkMeter;
}

/**
 * True when s[start, end) is a decimal number: an optional sign, digits with at most one
 * point (at least one digit), an optional exponent `e±digits`. Not hex, `Infinity`, `NaN`,
 * `1_000` or an empty field, all of which Number() would take or turn into 0.
 */
export function isDecimal(s: string, start: number, end: number): boolean {
  let i = start;
  if (i < end && (s[i] === '+' || s[i] === '-')) i++;
  const intStart = i;
  while (i < end && s[i] >= '0' && s[i] <= '9') i++;
  let digits = i - intStart;
  if (i < end && s[i] === '.') {
    const fracStart = ++i;
    while (i < end && s[i] >= '0' && s[i] <= '9') i++;
    digits += i - fracStart;
  }
  if (digits === 0) return false;
  if (i < end && (s[i] === 'e' || s[i] === 'E')) {
    i++;
    if (i < end && (s[i] === '+' || s[i] === '-')) i++;
    const expStart = i;
    while (i < end && s[i] >= '0' && s[i] <= '9') i++;
    if (i === expStart) return false;
  }
  return i === end;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

/** One field of a line, trimmed of spaces and tabs and of one pair of surrounding double quotes. */
function fieldText(line: string, start: number, end: number): string {
  while (start < end && isSpace(line[start])) start++;
  while (end > start && isSpace(line[end - 1])) end--;
  const quoted = end - start >= 2 && line[start] === '"' && line[end - 1] === '"';
  return quoted ? line.slice(start + 1, end - 1) : line.slice(start, end);
}

/** The comma-separated fields of a line; stops counting past 4 (a row needs exactly 3). */
function fields(line: string, meter: WorkMeter | undefined): string[] {
  const out: string[] = [];
  let start = 0;
  if (meter) meter.steps += 2 * line.length + 4;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === ',') {
      if (out.length === 4) return out;
      out.push(fieldText(line, start, i));
      start = i + 1;
    }
  }
  return out;
}

const ORDINAL = ['1st', '2nd', '3rd'];

function number(fn: string, where: string, column: number, text: string): number {
  const name = `${CSV_COLUMNS[column]} (${ORDINAL[column]})`;
  if (!isDecimal(text, 0, text.length)) {
    const what = text.length === 0 ? 'an empty field' : excerpt(text);
    throw new TypeError(`${fn}: ${where}, column ${name}: must be a decimal number; got ${what}`);
  }
  const v = Number(text);
  if (column === 2) return label(fn, where, v, [], DATA_LIMITS.maxClasses);
  return coordinate(fn, where, name, v);
}

function isHeader(parts: string[]): boolean {
  return parts.length === 3 && parts.every((p, k) => p.toLowerCase() === CSV_COLUMNS[k]);
}

/**
 * Parses CSV text into a Dataset. Lines end in \n, \r\n or \r; blank lines are skipped; a
 * byte-order mark and spaces around fields are ignored. The first non-blank line may be the
 * header `x1,x2,label` (any case); every other line is one point: two decimal numbers within
 * ±1e6, then a whole-number label. Rejections are TypeErrors (not a number) or RangeErrors
 * (out of range, wrong column count, too many rows or characters) naming the line as an
 * editor counts it (1-based), the column and the problem, with a short escaped excerpt.
 */
export function parseDataCsv(text: unknown, options: ParseOptions = {}): Dataset {
  const fn = 'parseDataCsv';
  checkText(fn, text, options.meter);
  const s = text as string;
  const meter = options.meter;
  const xs: number[] = [];
  const labels: number[] = [];
  const lines: number[] = [];
  let pos = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let firstContent = true;
  while (pos <= s.length) {
    let end = pos;
    while (end < s.length && s[end] !== '\n' && s[end] !== '\r') end++;
    if (meter) meter.steps += end - pos + 1;
    const line = s.slice(pos, end);
    pos = end + (s[end] === '\r' && s[end + 1] === '\n' ? 2 : 1);
    lineNo++;
    const parts = fields(line, meter);
    if (parts.length === 1 && parts[0] === '') continue;
    const where = `line ${lineNo}`;
    if (firstContent) {
      firstContent = false;
      if (isHeader(parts)) continue;
      if (parts[0].length > 0 && !isDecimal(parts[0], 0, parts[0].length)) {
        // Neither the header nor a row: say both, as the user may have meant either.
        throw new TypeError(
          `${fn}: ${where}: must be the header x1,x2,label or a row of numbers; got ${excerpt(line)}`,
        );
      }
    }
    if (parts.length !== 3) {
      const got = parts.length > 3 ? 'more than 3' : String(parts.length);
      throw new RangeError(`${fn}: ${where}: must have 3 columns x1,x2,label; got ${got} in ${excerpt(line)}`);
    }
    if (labels.length === DATA_LIMITS.maxRows) {
      throw new RangeError(`${fn}: ${where}: a file may hold at most ${count(DATA_LIMITS.maxRows)} data rows`);
    }
    xs.push(number(fn, where, 0, parts[0]), number(fn, where, 1, parts[1]));
    labels.push(number(fn, where, 2, parts[2]));
    lines.push(lineNo);
  }
  if (labels.length === 0) throw new RangeError(`${fn}: the text must hold at least 1 data row x1,x2,label; got none`);
  const data: Dataset = {
    X: { rows: labels.length, cols: 2, data: Float64Array.from(xs) },
    t: Int32Array.from(labels),
  };
  checkFits(fn, data, options.classes, (i) => `line ${lines[i]}`);
  return data;
}

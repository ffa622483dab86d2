// Argument checks for the core's entry points. Every message has one shape:
// `<function>: <argument> must <what was expected>; got <what was given>`, so a caller can tell
// which argument broke which rule without a debugger. Wrong kinds of values (a string for a
// number, an Array for a Matrix) are TypeErrors; right kind, wrong value (a shape mismatch,
// NaN, 2.5 units) are RangeErrors. The inner training loop never calls these: the trainer
// checks once, at creation and per `step` call.
import type { Matrix, Shape } from './types';

/** `3×2`, the way shapes appear in messages. */
export function shapeText(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/** `1 row`, `3 rows`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A short description of any value for a message: `"3" (string)`, `Array(4)`, `NaN`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Float64Array).length})`;
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `${String(value)} (${typeof value})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Throws unless `m` is a well-formed Matrix with at least one row and one column. */
export function checkMatrix(fn: string, name: string, m: unknown): asserts m is Matrix {
  if (!isRecord(m) || !(m.data instanceof Float64Array) || typeof m.rows !== 'number' || typeof m.cols !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a Matrix {rows, cols, data: Float64Array}; got ${describe(m)}`);
  }
  const { rows, cols } = m;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`${fn}: ${name} must have a positive whole number of rows and columns; got ${rows}×${cols}`);
  }
  if (m.data.length !== rows * cols) {
    throw new RangeError(
      `${fn}: ${name}.data must hold rows×cols = ${rows * cols} numbers for a ${rows}×${cols} matrix; got ${m.data.length}`,
    );
  }
}

/** Throws if any entry of `m` is NaN or ±Infinity, naming the first one by (row, col). */
export function checkFinite(fn: string, name: string, m: Matrix): void {
  const { data, cols } = m;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const row = Math.floor(i / cols);
      throw new RangeError(`${fn}: ${name} must hold finite numbers; got ${v} at (${row}, ${i - row * cols})`);
    }
  }
}

/** A well-formed, finite matrix. */
export function checkData(fn: string, name: string, m: unknown): asserts m is Matrix {
  checkMatrix(fn, name, m);
  checkFinite(fn, name, m);
}

/** Throws unless `m` is exactly rows×cols; `why` finishes the sentence ("to match X"). */
export function checkShape(fn: string, name: string, m: Matrix, rows: number, cols: number, why: string): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`${fn}: ${name} must be ${rows}×${cols} ${why}; got ${shapeText(m)}`);
  }
}

/** Throws unless `m` has `rows` rows, e.g. `Wh must have 2 rows to match X's 2 columns; got 3×3`. */
export function checkRows(fn: string, name: string, m: Matrix, rows: number, why: string): void {
  if (m.rows !== rows) {
    throw new RangeError(`${fn}: ${name} must have ${plural(rows, 'row')} ${why}; got ${shapeText(m)}`);
  }
}

/** A whole number ≥ `min` (sizes and counts). */
export function checkInteger(
  fn: string,
  name: string,
  value: unknown,
  min: number,
  max = Infinity,
): asserts value is number {
  const rule = max === Infinity ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be ${rule}; got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${fn}: ${name} must be ${rule}; got ${value}`);
  }
}

/** A finite number in [min, max] (or (min, max) where exclusive). */
export function checkNumber(
  fn: string,
  name: string,
  value: unknown,
  limits: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {},
): asserts value is number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = limits;
  const parts: string[] = [];
  if (min > -Infinity) parts.push(`${minExclusive ? '>' : '≥'} ${min}`);
  if (max < Infinity) parts.push(`${maxExclusive ? '<' : '≤'} ${max}`);
  const rule = `a finite number${parts.length ? ' ' + parts.join(' and ') : ''}`;
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be ${rule}; got ${describe(value)}`);
  const ok =
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) throw new RangeError(`${fn}: ${name} must be ${rule}; got ${value}`);
}

/**
 * Checks a parameter set for internal consistency (Wh D×H, bh 1×H, Wo H×C, bo 1×C, all
 * finite) and, when given, against the data's D inputs. Returns the network's shape.
 */
export function checkParams(
  fn: string,
  params: unknown,
  inputs?: { count: number; what: string },
  name = 'params',
): Shape {
  if (!isRecord(params)) {
    throw new TypeError(`${fn}: ${name} must be an object {Wh, bh, Wo, bo} of matrices; got ${describe(params)}`);
  }
  const { Wh, bh, Wo, bo } = params;
  checkData(fn, `${name}.Wh`, Wh);
  checkData(fn, `${name}.bh`, bh);
  checkData(fn, `${name}.Wo`, Wo);
  checkData(fn, `${name}.bo`, bo);
  if (inputs) checkRows(fn, `${name}.Wh`, Wh, inputs.count, `to match ${inputs.what}`);
  const hidden = Wh.cols;
  const classes = Wo.cols;
  checkShape(fn, `${name}.bh`, bh, 1, hidden, `to match ${name}.Wh's ${plural(hidden, 'column')}`);
  checkRows(fn, `${name}.Wo`, Wo, hidden, `to match ${name}.Wh's ${plural(hidden, 'column')}`);
  checkShape(fn, `${name}.bo`, bo, 1, classes, `to match ${name}.Wo's ${plural(classes, 'column')}`);
  return { inputs: Wh.rows, hidden, classes };
}

/**
 * Checks a training problem as a whole: X (N×D) and T (N×C) finite, and `params` a network
 * from D inputs to C classes. Returns the network's shape.
 */
export function checkProblem(fn: string, X: unknown, T: unknown, params: unknown): Shape {
  checkData(fn, 'X', X);
  checkData(fn, 'T', T);
  const shape = checkParams(fn, params, { count: X.cols, what: `X's ${plural(X.cols, 'column')}` });
  const why = `to match X's ${plural(X.rows, 'row')} and params.Wo's ${plural(shape.classes, 'column')}`;
  checkShape(fn, 'T', T, X.rows, shape.classes, why);
  return shape;
}

/** The arguments of every engine's `trainer.step(k, costsOut?, outOffset?)`: k ≥ 0 costs fit in costsOut. */
export function checkStepArguments(k: number, costsOut: Float64Array | undefined, outOffset: number): void {
  checkInteger('trainer.step', 'k', k, 0);
  if (costsOut === undefined) return;
  // typed callers can still be handed anything at run time
  if (!((costsOut as unknown) instanceof Float64Array)) {
    throw new TypeError(`trainer.step: costsOut must be a Float64Array; got ${describe(costsOut)}`);
  }
  checkInteger('trainer.step', 'outOffset', outOffset, 0);
  if (outOffset + k > costsOut.length) {
    throw new RangeError(
      `trainer.step: costsOut must have room for ${k} costs from offset ${outOffset} (length ≥ ${outOffset + k}); got length ${costsOut.length}`,
    );
  }
}

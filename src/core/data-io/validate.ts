// The `data` value ({ X: number[][], t: number[] }) checked and copied into a Dataset. The
// value may be anything a page script or JSON.parse can make, Proxies and throwing getters
// included: whatever reading it throws becomes this module's TypeError.
import type { Dataset } from '../datasets/types';
import {
  ClassCountError,
  DATA_LIMITS,
  classRaiseNotice,
  count,
  isArrayLike,
  kindOf,
  requiredClasses,
  type WorkMeter,
} from './limits';

/** The plain shape of data that pages and JSON files use. */
export interface DataValue {
  /** N rows [x1, x2] */
  X: number[][];
  /** N labels, integers 0..C−1 */
  t: number[];
}

export interface ValidateOptions {
  /** labels must be below this (2 to 5); default 5, so any label a run can have is accepted */
  classes?: number;
  /** counts the values visited (tests bound the work) */
  meter?: WorkMeter;
}

/** An error this module raised on purpose, as opposed to one thrown by reading the value. */
const OURS = new WeakSet<object>();

function fail<E extends Error>(error: E): never {
  OURS.add(error);
  throw error;
}

function checkClasses(fn: string, classes: unknown): number {
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > DATA_LIMITS.maxClasses) {
    throw new RangeError(
      `${fn}: classes must be a whole number from 2 to ${DATA_LIMITS.maxClasses}; got ${kindOf(classes)}`,
    );
  }
  return classes;
}

/**
 * Checks a data value and returns it as a Dataset (new typed arrays; the value is not kept).
 * Rows are named 1-based (`row 3`, that is `X[2]`). Rejects, with a TypeError for a wrong
 * kind of value and a RangeError for a wrong number:
 * - anything but an object with arrays X and t of the same length, 1 to 10,000 rows;
 * - a row of X that is not [x1, x2]; a coordinate that is not a finite number within ±1e6;
 * - a label that is not a whole number from 0 to classes − 1 (a ClassCountError, a
 *   RangeError saying which class count the labels need, when the label is a class ≤ 4).
 */
export function validateData(value: unknown, options: ValidateOptions = {}): Dataset {
  return validateAs('validateData', value, options);
}

/** validateData with another function's name in its messages (parseDataJson's). */
export function validateAs(fn: string, value: unknown, options: ValidateOptions): Dataset {
  const classes = checkClasses(fn, options.classes ?? DATA_LIMITS.maxClasses);
  try {
    return read(fn, value, classes, options.meter);
  } catch (error) {
    if (typeof error === 'object' && error !== null && OURS.has(error)) throw error;
    throw new TypeError(`${fn}: the data could not be read: reading it threw`, { cause: error });
  }
}

function read(fn: string, value: unknown, classes: number, meter: WorkMeter | undefined): Dataset {
  if (typeof value !== 'object' || value === null || isArrayLike(value)) {
    fail(new TypeError(`${fn}: data must be an object { X: number[][], t: number[] }; got ${kindOf(value)}`));
  }
  const { X, t } = value as Record<string, unknown>;
  if (!Array.isArray(X)) fail(new TypeError(`${fn}: data.X must be an array of rows [x1, x2]; got ${kindOf(X)}`));
  if (!isArrayLike(t)) fail(new TypeError(`${fn}: data.t must be an array of labels; got ${kindOf(t)}`));
  const n = X.length;
  const { maxRows } = DATA_LIMITS;
  if (n > maxRows) fail(new RangeError(`${fn}: data.X must hold at most ${count(maxRows)} rows; got ${count(n)}`));
  if (n === 0) fail(new RangeError(`${fn}: data.X must hold at least 1 row; got none`));
  if (t.length !== n) {
    fail(new RangeError(`${fn}: data.t must hold one label per row of data.X (${count(n)}); got ${count(t.length)}`));
  }
  const points = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (meter) meter.steps += 4;
    const row: unknown = X[i];
    const where = `row ${i + 1} (data.X[${i}])`;
    if (!isArrayLike(row)) fail(new TypeError(`${fn}: ${where} must be an array [x1, x2]; got ${kindOf(row)}`));
    if (row.length !== 2) {
      fail(new RangeError(`${fn}: ${where} must hold 2 numbers [x1, x2]; got ${count(row.length)}`));
    }
    points[2 * i] = coordinate(fn, where, 'x1', row[0]);
    points[2 * i + 1] = coordinate(fn, where, 'x2', row[1]);
  }
  for (let i = 0; i < n; i++) {
    if (meter) meter.steps += 1;
    labels[i] = label(fn, `row ${i + 1} (data.t[${i}])`, t[i], t, classes);
  }
  return { X: { rows: n, cols: 2, data: points }, t: labels };
}

/** One coordinate: a finite number within ±1e6. */
export function coordinate(fn: string, where: string, column: string, v: unknown): number {
  if (typeof v !== 'number')
    fail(new TypeError(`${fn}: ${where}, column ${column}: must be a number; got ${kindOf(v)}`));
  const { maxAbs } = DATA_LIMITS;
  if (!Number.isFinite(v)) fail(new RangeError(`${fn}: ${where}, column ${column}: must be finite; got ${String(v)}`));
  if (Math.abs(v) > maxAbs) {
    fail(new RangeError(`${fn}: ${where}, column ${column}: must be within ±${maxAbs}; got ${String(v)}`));
  }
  return v;
}

/**
 * One label: a whole number from 0 to classes − 1. A class the product has (≤ 4) but not this
 * run is a ClassCountError naming the class count all of `labels` need.
 */
export function label(fn: string, where: string, v: unknown, labels: ArrayLike<unknown>, classes: number): number {
  if (typeof v !== 'number') fail(new TypeError(`${fn}: ${where}, column label: must be a number; got ${kindOf(v)}`));
  const rule = `a whole number from 0 to ${classes - 1}`;
  if (!Number.isInteger(v) || v < 0)
    fail(new RangeError(`${fn}: ${where}, column label: must be ${rule}; got ${String(v)}`));
  if (v >= classes) {
    if (v >= DATA_LIMITS.maxClasses) {
      const most = `at most ${DATA_LIMITS.maxClasses} classes, labels 0 to ${DATA_LIMITS.maxClasses - 1}`;
      fail(new RangeError(`${fn}: ${where}, column label: must be ${rule} (${most}); got ${String(v)}`));
    }
    const required = requiredLabelClasses(labels);
    const why = `with ${classes} classes, labels go from 0 to ${classes - 1}; ${classRaiseNotice(required)}`;
    fail(new ClassCountError(`${fn}: ${where}, column label: ${String(v)} is not a class (${why})`, required, classes));
  }
  return v;
}

/** requiredClasses over labels that may hold anything: only the usable classes (0..4) count. */
function requiredLabelClasses(labels: ArrayLike<unknown>): number {
  const usable: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < DATA_LIMITS.maxClasses) usable.push(v);
  }
  return requiredClasses(usable);
}

/** A Dataset as the plain value pages use (new arrays): the `data` getter's result. */
export function toDataValue(data: Dataset): DataValue {
  const n = data.t.length;
  const X: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) X[i] = [data.X.data[2 * i], data.X.data[2 * i + 1]];
  return { X, t: Array.from(data.t) };
}

// Checks shared by the text parsers: the text itself, and the labels against a class count.
import type { Dataset } from '../datasets/types';
import {
  ClassCountError,
  DATA_LIMITS,
  classRaiseNotice,
  count,
  kindOf,
  requiredClasses,
  type WorkMeter,
} from './limits';

/** Throws unless text is a string of at most 1 MB (counted in UTF-16 units: ≤ its UTF-8 bytes for ASCII). */
export function checkText(fn: string, text: unknown, meter: WorkMeter | undefined): asserts text is string {
  if (typeof text !== 'string') throw new TypeError(`${fn}: text must be a string; got ${kindOf(text)}`);
  const { maxBytes } = DATA_LIMITS;
  if (text.length > maxBytes) {
    throw new RangeError(`${fn}: text must be at most ${count(maxBytes)} characters (1 MB); got ${count(text.length)}`);
  }
  if (meter) meter.steps += 1;
}

/**
 * Throws a ClassCountError at the first label ≥ classes (when classes is given), naming its row
 * by `where(i)` and the class count all labels need.
 */
export function checkFits(fn: string, data: Dataset, classes: number | undefined, where: (i: number) => string): void {
  if (classes === undefined) return;
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > DATA_LIMITS.maxClasses) {
    throw new RangeError(
      `${fn}: classes must be a whole number from 2 to ${DATA_LIMITS.maxClasses}; got ${kindOf(classes)}`,
    );
  }
  const { t } = data;
  for (let i = 0; i < t.length; i++) {
    if (t[i] >= classes) {
      const required = requiredClasses(t);
      const why = `with ${classes} classes, labels go from 0 to ${classes - 1}; ${classRaiseNotice(required)}`;
      throw new ClassCountError(`${fn}: ${where(i)}, column label: ${t[i]} is not a class (${why})`, required, classes);
    }
  }
}

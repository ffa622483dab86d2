// JSON import: the `data` shape, { "X": [[x1, x2], ...], "t": [label, ...] }.
import type { Dataset } from '../datasets/types';
import type { ParseOptions } from './csv';
import { findJsonSyntaxError } from './json-syntax';
import { excerpt } from './limits';
import { checkFits, checkText } from './text';
import { validateAs } from './validate';

/** `line 3, column 14` of a 0-based offset into text (linear in the offset). */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return `line ${line}, column ${column}`;
}

/**
 * Parses JSON text in the `data` shape into a Dataset, with validateData's rules (rows named
 * 1-based, `row 3 (data.X[2])`). Text that is not JSON is a TypeError naming the line and
 * column of the first syntax error, what was expected there, and a short escaped excerpt. The JSON parser is the
 * engine's own (linear time, no code run); the text limit (1 MB) is checked before it runs.
 */
export function parseDataJson(text: unknown, options: ParseOptions = {}): Dataset {
  const fn = 'parseDataJson';
  const data = validateAs(fn, parseText(fn, text, options), { meter: options.meter });
  checkFits(fn, data, options.classes, (i) => `row ${i + 1} (data.t[${i}])`);
  return data;
}

function parseText(fn: string, text: unknown, options: ParseOptions): unknown {
  checkText(fn, text, options.meter);
  if (options.meter) options.meter.steps += text.length;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError))
      throw new RangeError(`${fn}: the JSON is nested too deeply to read`, { cause: error });
    const found = findJsonSyntaxError(body);
    if (found === null) throw new TypeError(`${fn}: the text is not valid JSON`, { cause: error });
    const near = body.slice(found.offset, found.offset + 24);
    const got = near.length > 0 ? excerpt(near) : 'the end of the text';
    throw new TypeError(
      `${fn}: ${lineAndColumn(body, found.offset)}: the text is not valid JSON: expected ${found.expected}; got ${got}`,
      { cause: error },
    );
  }
}

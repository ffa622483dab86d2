// Thousands of malformed and random inputs, from a seeded RandomState: each is either parsed to
// valid data or rejected with a TypeError or RangeError of the parser's own, naming where, with
// no markup in the message, in work linear in the input (counted, not timed).
import { describe, expect, it } from 'vitest';
import { mutateText, pickFrom, pickText } from '../../../test/helpers/fuzz';
import { makeBlobs } from '../datasets';
import type { Dataset } from '../datasets/types';
import { RandomState } from '../random';
import {
  DATA_LIMITS,
  exportDataCsv,
  exportDataJson,
  parseDataCsv,
  parseDataJson,
  validateData,
  type WorkMeter,
} from './index';
import { findJsonSyntaxError } from './json-syntax';

const rng = new RandomState(20261129);
const ALPHABET = [
  ...'0123456789',
  ...'.,-+eE \n\r\t"x12labe[]{}:',
  '<',
  '&',
  '\u0000',
  '\ufeff',
  'é',
  '\ud800',
  'NaN',
  'Infinity',
  '1e999',
  'x1,x2,label',
  '"X":',
  '"t":',
  'null',
  'true',
];

const pick = <T>(items: readonly T[]): T => pickFrom(rng, items);
const randomText = (max: number): string => pickText(rng, ALPHABET, rng.randomInterval(max));

/** A valid text with a few random edits (replace, insert, delete, cut, repeat). */
function mutate(text: string): string {
  return mutateText(rng, text, ALPHABET);
}

function validSource(): Dataset {
  const classes = 2 + rng.randomInterval(3);
  return makeBlobs({ nSamples: 1 + rng.randomInterval(12), classes, noise: 0.5 }, rng);
}

function checkDataset(data: Dataset): void {
  const n = data.t.length;
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(DATA_LIMITS.maxRows);
  expect(data.X.rows).toBe(n);
  expect(data.X.data.length).toBe(2 * n);
  for (const v of data.X.data) expect(Number.isFinite(v) && Math.abs(v) <= DATA_LIMITS.maxAbs).toBe(true);
  for (const label of data.t) expect(label >= 0 && label < DATA_LIMITS.maxClasses).toBe(true);
}

/** Runs one input: parsed data must be valid, a rejection must be the parser's own, clean error. */
function attempt(fn: string, run: (meter: WorkMeter) => Dataset, size: number): 'parsed' | 'rejected' {
  const meter: WorkMeter = { steps: 0 };
  let outcome: 'parsed' | 'rejected';
  try {
    checkDataset(run(meter));
    outcome = 'parsed';
  } catch (error) {
    expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
    const message = (error as Error).message;
    expect(message.startsWith(`${fn}: `)).toBe(true);
    expect(message).not.toMatch(/[<>]/);
    expect(message.length).toBeLessThan(300);
    outcome = 'rejected';
  }
  // Linear work: a bounded number of steps per character (or per value visited).
  expect(meter.steps).toBeLessThanOrEqual(8 * (size + 1) + 64);
  return outcome;
}

describe('data import fuzz', () => {
  it('parses or cleanly rejects 3,000 CSV texts', () => {
    const tally = { parsed: 0, rejected: 0 };
    for (let i = 0; i < 3000; i++) {
      const text = i % 3 === 0 ? randomText(120) : mutate(exportDataCsv(validSource()));
      tally[attempt('parseDataCsv', (meter) => parseDataCsv(text, { meter }), text.length)]++;
    }
    // Both outcomes occur, so the fuzz exercises acceptance as well as rejection.
    expect(tally.parsed).toBeGreaterThan(100);
    expect(tally.rejected).toBeGreaterThan(1000);
  });

  it('parses or cleanly rejects 3,000 JSON texts, and locates every syntax error JSON.parse finds', () => {
    const tally = { parsed: 0, rejected: 0 };
    for (let i = 0; i < 3000; i++) {
      const text = i % 3 === 0 ? randomText(120) : mutate(exportDataJson(validSource()));
      tally[attempt('parseDataJson', (meter) => parseDataJson(text, { meter }), text.length)]++;
      let valid = true;
      try {
        JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) === null).toBe(valid);
    }
    expect(tally.parsed).toBeGreaterThan(100);
    expect(tally.rejected).toBeGreaterThan(1000);
  });

  it('validates or cleanly rejects 2,000 random values, throwing getters and Proxies included', () => {
    const leaves: (() => unknown)[] = [
      () => rng.uniform(-2e6, 2e6),
      () => rng.randomInterval(6),
      () => pick([NaN, Infinity, -Infinity, -0, 2.5, 1e6, -1e6, 1e6 + 1]),
      () => pick(['1', '', '<b>', null, undefined, true, 0n, Symbol('s')]),
      () =>
        new Proxy([1, 2], {
          get: () => {
            throw new Error('trap');
          },
        }),
      () => ({
        get length(): number {
          throw 7;
        },
      }),
    ];
    const value = (depth: number): unknown => {
      if (depth > 2 || rng.randomSample() < 0.3) return pick(leaves)();
      const n = rng.randomInterval(4);
      return Array.from({ length: n }, () => value(depth + 1));
    };
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const n = 1 + rng.randomInterval(3);
      const candidate =
        i % 4 === 0
          ? value(0)
          : {
              X: Array.from({ length: n }, () =>
                rng.randomSample() < 0.9 ? [pick(leaves.slice(0, 2))(), pick(leaves.slice(0, 3))()] : value(1),
              ),
              t: Array.from({ length: n + (rng.randomSample() < 0.1 ? 1 : 0) }, () => pick(leaves.slice(1, 4))()),
            };
      if (attempt('validateData', (meter) => validateData(candidate, { meter }), 4 * n + 4) === 'parsed') accepted++;
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it('rejects oversized and deeply nested inputs cleanly, within the same work bound', () => {
    const rows = '1,2,0\n'.repeat(DATA_LIMITS.maxRows + 1);
    expect(attempt('parseDataCsv', (meter) => parseDataCsv(rows, { meter }), rows.length)).toBe('rejected');
    const big = `{"X": [${'[1, 2],'.repeat(140_000)}[1, 2]]}`;
    expect(attempt('parseDataJson', (meter) => parseDataJson(big, { meter }), big.length)).toBe('rejected');
    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    expect(attempt('parseDataJson', (meter) => parseDataJson(deep, { meter }), deep.length)).toBe('rejected');
    const unclosed = '['.repeat(900_000);
    expect(attempt('parseDataJson', (meter) => parseDataJson(unclosed, { meter }), unclosed.length)).toBe('rejected');
    const commas = ','.repeat(999_999);
    expect(attempt('parseDataCsv', (meter) => parseDataCsv(commas, { meter }), commas.length)).toBe('rejected');
  });
});

// 10,000 random and mutated state texts from a seeded RandomState: each is either rejected
// with a ShareStateError naming a field (no markup in its message), or decoded to a state that
// encodes and decodes to itself.
import { describe, expect, it } from 'vitest';
import { mutateText, pickText } from '../../../test/helpers/fuzz';
import { makeBlobs } from '../../core/datasets';
import { paramCount } from '../../core/params';
import { RandomState } from '../../core/random';
import { CONFIG_FIELDS, DEFAULT_CONFIG, type TrainConfig } from '../config-schema';
import { ShareStateError, decodeState, encodeState, type SharedState } from './state-codec';

const rng = new RandomState(20261129);
const TOKENS = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~',
  ...CONFIG_FIELDS.map((f) => `~${f.urlKey}_`),
  'v1',
  '~D_',
  '~P_',
  'max',
  'e-7',
  '1e999',
  'NaN',
  '<',
  '%3C',
  '\u0000',
  'é',
  '\ud800',
  ' ',
];

function randomText(): string {
  const n = rng.randomInterval(60);
  const start = rng.randomSample() < 0.5 ? 'v1' : '';
  return start + pickText(rng, TOKENS, n);
}

/** A valid state: a few changed settings, and sometimes data and parameters. */
function validState(): SharedState {
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    hiddenUnits: 1 + rng.randomInterval(5),
    learningRate: 0.001 * (1 + rng.randomInterval(100)),
  };
  const state: SharedState = { config };
  if (rng.randomSample() < 0.5) {
    config.classes = 2 + rng.randomInterval(3);
    config.generator = 'custom';
    state.data = makeBlobs({ nSamples: 1 + rng.randomInterval(30), classes: config.classes, noise: 0.5 }, rng);
  }
  if (rng.randomSample() < 0.5) {
    const shape = { inputs: 2, hidden: config.hiddenUnits, classes: config.classes };
    const params = new Float64Array(paramCount(shape));
    for (let i = 0; i < params.length; i++) params[i] = rng.standardNormal();
    state.params = { params, shape };
  }
  return state;
}

/** A valid text with a few random edits (replace, insert, delete, cut, repeat). */
function mutate(text: string): string {
  return mutateText(rng, text, TOKENS);
}

function sameState(a: SharedState, b: SharedState): void {
  expect(b.config).toEqual(a.config);
  expect(b.data === undefined).toBe(a.data === undefined);
  if (a.data && b.data) {
    expect(Array.from(b.data.X.data)).toEqual(Array.from(a.data.X.data));
    expect(Array.from(b.data.t)).toEqual(Array.from(a.data.t));
  }
  expect(b.params === undefined).toBe(a.params === undefined);
  if (a.params && b.params) {
    expect(b.params.shape).toEqual(a.params.shape);
    expect(Array.from(b.params.params)).toEqual(Array.from(a.params.params));
  }
}

describe('decodeState fuzz', () => {
  it('rejects or round-trips 10,000 random and mutated texts', () => {
    const fields = new Set(['state', 'version', 'data', 'params', ...CONFIG_FIELDS.map((f) => f.key)]);
    let decoded = 0;
    let rejected = 0;
    for (let k = 0; k < 10_000; k++) {
      const text = k % 3 === 0 ? randomText() : mutate(encodeState(validState()));
      let state: SharedState;
      try {
        state = decodeState(text);
      } catch (err) {
        if (!(err instanceof ShareStateError))
          throw new Error(`not a ShareStateError for ${JSON.stringify(text)}`, { cause: err });
        expect(fields.has(err.field)).toBe(true);
        expect(err.message).not.toMatch(/[<>]/);
        expect(err.message.length).toBeLessThan(300);
        rejected++;
        continue;
      }
      decoded++;
      sameState(state, decodeState(encodeState(state)));
    }
    // Both outcomes occur often enough for the test to mean something.
    expect(rejected).toBeGreaterThan(5000);
    expect(decoded).toBeGreaterThan(300);
  });
});

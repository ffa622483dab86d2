// Fuzz inputs for hostile-input tests (data import, shared state): seeded, so every run tries
// the same strings and a failure can be replayed.
import type { RandomState } from '../../src/core/random';

/** One of `items`, drawn from `rng`. */
export function pickFrom<T>(rng: RandomState, items: readonly T[]): T {
  return items[rng.randomInterval(items.length - 1)];
}

/** `n` items of `alphabet`, each drawn from `rng`, joined. */
export function pickText(rng: RandomState, alphabet: readonly string[], n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pickFrom(rng, alphabet);
  return s;
}

/** `text` with 1 to 4 random edits: replace, insert (from `alphabet`), delete, cut, repeat a stretch. */
export function mutateText(rng: RandomState, text: string, alphabet: readonly string[]): string {
  let s = text;
  const edits = 1 + rng.randomInterval(3);
  for (let k = 0; k < edits; k++) {
    const at = rng.randomInterval(s.length);
    switch (rng.randomInterval(4)) {
      case 0:
        s = s.slice(0, at) + pickFrom(rng, alphabet) + s.slice(at + 1);
        break;
      case 1:
        s = s.slice(0, at) + pickFrom(rng, alphabet) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at + 1 + rng.randomInterval(5));
        break;
      case 3:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + s.slice(at, at + 20).repeat(1 + rng.randomInterval(4)) + s.slice(at);
    }
  }
  return s;
}

// Compile-time test (checked by `npm run typecheck`, never run): what readers of TrainerClient
// may do. The run snapshot and the cost store are read-only from outside; only the client
// writes them.
import type { RunSnapshot, TrainerClient } from '../../src/client/trainer-client';
import type { ReadonlyCostStore } from '../../src/client/cost-store';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function assert<T extends true>(): T | undefined {
  return undefined;
}

/** The keys of T that a reader could assign. */
type WritableKeys<T> = {
  [K in keyof T]-?: Equal<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }> extends true ? K : never;
}[keyof T];

assert<Equal<WritableKeys<RunSnapshot>, never>>();
assert<Equal<TrainerClient['snapshot'], RunSnapshot>>();
assert<Equal<WritableKeys<RunSnapshot['config']>, never>>();
assert<Equal<TrainerClient['costs'], ReadonlyCostStore>>();
assert<Equal<WritableKeys<Omit<ReadonlyCostStore, 'toArray'>>, never>>();
// readers get values, version, length and a copy; nothing appends or clears
assert<Equal<keyof ReadonlyCostStore, 'length' | 'version' | 'values' | 'toArray'>>();

export function readersCannotWrite(client: TrainerClient): void {
  // @ts-expect-error the snapshot is read-only
  client.snapshot.iteration = 3;
  // @ts-expect-error the config inside it too
  client.snapshot.config.seed = 3;
  // @ts-expect-error only the client appends costs
  client.costs.append(0, new Float64Array(1));
}

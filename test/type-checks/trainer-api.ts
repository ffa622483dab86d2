// Compile-time test (checked by `npm run typecheck`, never run): pins the surface the page
// sees through Comlink, as Comlink's own tests/type-checks.ts does. If TrainerApi changes in
// a way that changes Remote<TrainerApi>, this file stops compiling.
import type { Remote } from 'comlink';
import type { TrainConfig } from '../../src/protocol/config-schema';
import type {
  Batch,
  BatchListener,
  Evaluation,
  GradientCheckReport,
  GradientCheckSubject,
  ParamSnapshot,
  RunInfo,
  SeekResult,
  Shape,
  StatusInfo,
  StepGradients,
  TrainerApi,
} from '../../src/protocol/trainer-api';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function assert<T extends true>(): T | undefined {
  return undefined;
}

type R = Remote<TrainerApi>;

/** A remote method's parameters and resolved value, as the page calls it. */
type Call<K extends keyof TrainerApi> = { args: Parameters<R[K]>; result: ReturnType<R[K]> };

assert<Equal<Exclude<keyof R, symbol>, keyof TrainerApi>>();
assert<Equal<Call<'configure'>, { args: [change: Partial<TrainConfig>]; result: Promise<RunInfo> }>>();
assert<Equal<Call<'start'>, { args: []; result: Promise<StatusInfo> }>>();
assert<Equal<Call<'pause'>, { args: []; result: Promise<StatusInfo> }>>();
assert<Equal<Call<'step'>, { args: [n: number]; result: Promise<StatusInfo> }>>();
assert<Equal<Call<'reset'>, { args: []; result: Promise<RunInfo> }>>();
assert<Equal<Call<'gradientCheck'>, { args: [at?: GradientCheckSubject]; result: Promise<GradientCheckReport> }>>();
assert<Equal<Call<'evaluate'>, { args: [points: Float64Array]; result: Promise<Evaluation> }>>();
assert<Equal<Call<'getSnapshot'>, { args: [iteration: number]; result: Promise<ParamSnapshot> | Promise<null> }>>();
assert<
  Equal<Call<'gradientsAt'>, { args: [params: Float64Array, iteration?: number]; result: Promise<StepGradients> }>
>();
assert<Equal<Call<'seek'>, { args: [iteration: number]; result: Promise<SeekResult> }>>();
assert<Equal<Call<'branch'>, { args: [iteration: number]; result: Promise<StatusInfo> }>>();
assert<Equal<Call<'adoptParams'>, { args: [params: Float64Array, shape: Shape]; result: Promise<RunInfo> }>>();
// subscribe takes the listener (a Comlink proxy on the page's side) and resolves when registered
assert<Equal<Parameters<R['subscribe']>[0] extends BatchListener ? true : false, true>>();
assert<Equal<ReturnType<R['subscribe']>, Promise<void>>>();
// every remote method is async, whatever the worker's implementation returns
// (Comlink distributes over unions: `Promise<A | null>` arrives as `Promise<A> | Promise<null>`)
assert<
  Equal<{ [K in keyof TrainerApi]: ReturnType<R[K]> extends Promise<unknown> ? true : false }[keyof TrainerApi], true>
>();
// the contract carries no UI policy: which batch answers a configure is the page's to know
assert<Equal<Extract<keyof Batch, 'stateFromConfigure'>, never>>();

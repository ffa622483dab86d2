// Replay: the exact state of a past iteration of the current run. The snapshot history
// (snapshot-history.ts) keeps parameters and velocities within the run's memory budget; where
// it has thinned a range away, the run's own trainer steps on from the nearest kept snapshot
// with the hyperparameters the run used there (hyperparameter-log.ts). Same engine, same
// kernels, same order: the numbers are bit for bit those of training from the start.
//
// The trainer is borrowed a slice at a time (≤ SLICE_MS) and put back at its latest state
// before each yield, so training, commands and pings go on between slices; the replay's own
// state waits in `run.cursor`, which also lets the next seek forward start from there.
import { transfer } from 'comlink';
import type { TrainerState } from '../src/core/index';
import { replaySteps } from '../src/core/trainer';
import type { ParamSnapshot, SeekResult } from '../src/protocol/trainer-api';
import { latestParams, type Run } from './run';
import { SLICE_MS } from './training-loop';

/** A state the run had, with the cost and accuracy of its parameters. */
export interface ReplayState extends TrainerState {
  cost: number;
  accuracy: number;
}

/**
 * Most updates per engine call while replaying. A replay starts at one update per call and
 * doubles while a call takes under a quarter of a slice, so a large network (N = 10,000,
 * H = 64: milliseconds per update) still checks the clock after every update.
 */
const MAX_CHUNK = 64;

const now = (): number => performance.now();

/** A macrotask yield (a MessageChannel: setTimeout clamps nested calls to 4 ms). */
const yielder = new MessageChannel();
const yieldWaiters: Array<() => void> = [];
yielder.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yielder.port2.postMessage(0);
  });
}

/** Thrown when the run the replay read was replaced or branched before it finished. */
export class ReplayInterruptedError extends Error {
  override name = 'ReplayInterruptedError';
}

/** Throws unless `iteration` is a whole number from 0 to the run's latest iteration. */
export function checkIteration(fn: string, run: Run, iteration: unknown): asserts iteration is number {
  const latest = run.trainer.iteration;
  if (typeof iteration !== 'number' || !Number.isInteger(iteration) || iteration < 0 || iteration > latest) {
    throw new RangeError(
      `${fn}: iteration must be an integer from 0 to ${latest} (the latest); got ${String(iteration)}`,
    );
  }
}

/** The trainer's current state, copied. */
function capture(run: Run): ReplayState {
  const { trainer } = run;
  const size = run.packed.length / 2;
  const params = new Float64Array(size);
  const velocities = new Float64Array(size);
  trainer.writePackedParams(params);
  trainer.writePackedVelocities(velocities);
  return { iteration: trainer.iteration, params, velocities, cost: trainer.cost, accuracy: trainer.accuracy };
}

/**
 * The run's state after exactly `iteration` updates (0 … latest). `isCurrent` says whether the
 * run is still the service's and unbranched; checked after every yield. Resolves with the
 * state and how many updates were replayed to reach it.
 */
export async function stateAt(
  run: Run,
  iteration: number,
  isCurrent: () => boolean,
): Promise<{ state: ReplayState; replayed: number }> {
  const { trainer, history, hyperLog } = run;
  if (iteration === trainer.iteration) return { state: capture(run), replayed: 0 };
  const size = run.packed.length / 2;
  const kept = history.at(iteration);
  if (!kept) throw new Error(`seek: no snapshot at or before iteration ${iteration}`);
  let start: TrainerState = {
    iteration: kept.iteration,
    params: kept.params.subarray(0, size),
    velocities: kept.params.subarray(size),
  };
  const cursor = run.cursor;
  if (cursor && cursor.iteration <= iteration && cursor.iteration >= start.iteration) start = cursor;
  // After more changes of the hyperparameters than the log keeps, the oldest ranges cannot be
  // replayed exactly: the nearest kept snapshot is the answer (its iteration says so).
  if (start.iteration < hyperLog.exactFrom) iteration = start.iteration;
  const generation = run.branches;
  let replayed = 0;
  let chunk = 1;
  for (;;) {
    const live = capture(run);
    let state: ReplayState;
    try {
      // A restore costs a full pass over the data: the slice counts from after it, and makes
      // at least one update, so a slice always moves the replay on.
      trainer.restore(start);
      const deadline = now() + SLICE_MS;
      do {
        const at = trainer.iteration;
        trainer.setHyperparameters(hyperLog.at(at));
        const n = Math.min(chunk, iteration - at, hyperLog.nextChange(at) - at);
        const began = now();
        if (replaySteps(trainer, n) !== n)
          throw new Error(`seek: the replay diverged at iteration ${trainer.iteration + 1}`);
        replayed += n;
        if (chunk < MAX_CHUNK && now() - began < SLICE_MS / 4) chunk *= 2;
      } while (trainer.iteration < iteration && now() < deadline);
      state = capture(run);
    } finally {
      trainer.restore(live);
      trainer.setHyperparameters(run.config);
    }
    run.cursor = state;
    if (state.iteration === iteration) return { state, replayed };
    start = state;
    await yieldToEventLoop();
    if (!isCurrent() || run.branches !== generation) {
      throw new ReplayInterruptedError('seek: a new run or a branch replaced the run before the replay finished');
    }
  }
}

/** `seek`'s answer: the state (with the test rows' cost and accuracy, if any), transferred. */
export function seekResult(run: Run, state: ReplayState, replayed: number): SeekResult {
  const { params, velocities } = state;
  const result: SeekResult = {
    runId: run.id,
    iteration: state.iteration,
    params: params.slice(),
    velocities: velocities.slice(),
    cost: state.cost,
    accuracy: state.accuracy,
    shape: run.shape,
    replayed,
  };
  const { test, trainer } = run;
  if (test) {
    result.testCost = test.evaluatePacked(result.params);
    result.testAccuracy = test.accuracy;
    // the evaluator holds what the next batch reports: the latest parameters' numbers
    test.evaluate(trainer.params);
  }
  return transfer(result, [result.params.buffer, result.velocities.buffer]);
}

/** The parameters at `iteration`, or the nearest kept ones before it; null if none is kept. */
export function snapshotAt(run: Run, iteration: number): ParamSnapshot | null {
  if (!Number.isInteger(iteration) || iteration < 0) {
    throw new RangeError(`getSnapshot: iteration must be a non-negative integer; got ${String(iteration)}`);
  }
  const { history, id, shape, trainer } = run;
  if (iteration >= trainer.iteration) {
    const params = latestParams(run);
    return transfer({ runId: id, iteration: trainer.iteration, params, shape }, [params.buffer]);
  }
  const snap = history.at(iteration);
  if (!snap) return null;
  const params = snap.params.slice(0, snap.params.length / 2);
  return transfer({ runId: id, iteration: snap.iteration, params, shape }, [params.buffer]);
}

// Replay: the parameters of a past iteration of the current run, from its snapshot history
// (snapshot-history.ts keeps them within the run's memory budget).
import { transfer } from 'comlink';
import type { ParamSnapshot } from '../src/protocol/trainer-api';
import { latestParams, type Run } from './run';

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
  return transfer({ runId: id, iteration: snap.iteration, params: snap.params, shape }, [snap.params.buffer]);
}

// "Look at this network": the current run's data and settings with parameters the page gives.
// The given parameters become the run's initial ones: a new run from iteration 0 with zero
// velocities, idle. The message is hostile input, checked before anything is touched.
import { createTrainer, paramCount, unpackParams, type Trainer } from '../src/core/index';
import type { Shape } from '../src/core/types';
import { ConfigError } from '../src/protocol/config-schema';
import type { Run } from './run';
import { historyBudget } from './run';
import { HyperparameterLog } from './hyperparameter-log';
import { SnapshotHistory, replayStride } from './snapshot-history';

function shapeText(s: Shape): string {
  return `${s.inputs}→${s.hidden}→${s.classes}`;
}

/**
 * A copy of `params` if they fit the run: a Float64Array of paramCount(shape) finite numbers,
 * `shape` the run's own. Throws a TypeError or RangeError naming the argument otherwise.
 */
export function checkAdoptedParams(params: unknown, shape: unknown, runShape: Shape): Float64Array {
  const fn = 'adoptParams';
  if (typeof shape !== 'object' || shape === null)
    throw new TypeError(`${fn}: shape must be an object {inputs, hidden, classes}`);
  const { inputs, hidden, classes } = shape as Record<string, unknown>;
  if (inputs !== runShape.inputs || hidden !== runShape.hidden || classes !== runShape.classes) {
    const got = [inputs, hidden, classes].map((v) => (typeof v === 'number' ? String(v) : typeof v)).join('→');
    throw new RangeError(`${fn}: shape must be the current run's ${shapeText(runShape)}; got ${got}`);
  }
  if (!(params instanceof Float64Array)) throw new TypeError(`${fn}: params must be a Float64Array`);
  const count = paramCount(runShape);
  if (params.length !== count) {
    throw new RangeError(
      `${fn}: params must hold ${count} numbers for a ${shapeText(runShape)} network; got ${params.length}`,
    );
  }
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(params[i])) throw new RangeError(`${fn}: params[${i}] must be finite; got ${params[i]}`);
  }
  return params.slice();
}

/**
 * Run `id`: `base`'s data, settings and engine, trained from `given` (checked) at iteration 0
 * with zero velocities, its history holding them as iteration 0. `base` is left as it was.
 */
export function runWithParams(id: number, base: Run, given: Float64Array): Run {
  const { X, T, shape, config } = base;
  const make = (engine: 'wasm' | 'js'): Trainer =>
    createTrainer(X, T, unpackParams(given.slice(), shape), { ...config, engine });
  let engine = base.engine;
  let trainer: Trainer;
  try {
    trainer = make(engine.engine);
  } catch (error) {
    // As buildRun: WebAssembly that cannot be instantiated here falls back to JS under 'auto'.
    if (engine.engine !== 'wasm') throw error;
    const why = `the WebAssembly engine could not start: ${error instanceof Error ? error.message : String(error)}`;
    if (config.engine === 'wasm') throw new ConfigError('engine', config.engine, `"auto" or "js" (${why})`);
    engine = { engine: 'js', fallback: why };
    trainer = make('js');
  }
  // As buildRun: snapshots are the parameters then the velocities (zero here), the
  // hyperparameter log starts afresh, no branch or replay cursor yet.
  const packed = new Float64Array(2 * paramCount(shape));
  const history = new SnapshotHistory(
    packed.length,
    historyBudget(X.rows, shape),
    replayStride(X.rows, paramCount(shape), trainer.engine),
  );
  history.record(0, trainer);
  // The test rows' cost at iteration 0 is the adopted network's (the evaluator keeps the last one).
  base.test?.evaluate(trainer.params);
  return {
    ...base,
    id,
    trainer,
    engine,
    history,
    packed,
    hyperLog: new HyperparameterLog(config),
    branches: 0,
    cursor: undefined,
    divergedAt: undefined,
    error: undefined,
  };
}

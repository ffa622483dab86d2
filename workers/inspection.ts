// Questions about the current run that leave it as it is: the gradient check of its
// parameters, and the network's outputs at points the page asks about.
import { transfer } from 'comlink';
import { gradientCheck, hiddenActivations, outputActivations } from '../src/core/index';
import { describe } from '../src/core/errors';
import type { Matrix } from '../src/core/types';
import type { Evaluation, GradientCheckReport } from '../src/protocol/trainer-api';
import type { Run } from './run';

/** Backprop's gradients against central differences, at the run's current parameters. */
export function checkGradients(run: Run): GradientCheckReport {
  const { X, T, trainer, id } = run;
  const report = gradientCheck(X, T, trainer.params);
  return {
    runId: id,
    iteration: trainer.iteration,
    ok: report.ok,
    maxAbsDiff: report.maxAbsDiff,
    maxRelDiff: report.maxRelDiff,
    entries: report.entries.map((e) => ({ ...e })),
  };
}

/** Class probabilities (P×C) and hidden activations (P×H) at `points` (P×D row-major). */
export function evaluateAt(run: Run, points: Float64Array): Evaluation {
  const { shape, trainer } = run;
  if (!(points instanceof Float64Array) || points.length % shape.inputs !== 0) {
    throw new TypeError(
      `evaluate: points must be a Float64Array of P×${shape.inputs} coordinates; got ${describe(points)}`,
    );
  }
  const P = points.length / shape.inputs;
  if (P === 0) {
    return { probabilities: new Float64Array(0), hidden: new Float64Array(0), points: 0, shape };
  }
  const X: Matrix = { rows: P, cols: shape.inputs, data: points };
  const { Wh, bh, Wo, bo } = trainer.params;
  const H = hiddenActivations(X, Wh, bh);
  const probabilities = outputActivations(H, Wo, bo).data;
  const hidden = H.data;
  return transfer({ probabilities, hidden, points: P, shape }, [probabilities.buffer, hidden.buffer]);
}

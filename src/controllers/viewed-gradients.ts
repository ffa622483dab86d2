import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunSnapshot } from '../client/trainer-client';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import type { TrainerController } from './trainer-controller';

/**
 * Whether two packed parameter sets hold the same numbers: a seek to the iteration already shown
 * hands the views a new array of the same parameters, which needs no new answer from the worker.
 */
export function sameParams(a: Float64Array | null, b: Float64Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export interface ViewedGradientsOptions {
  trainer: Pick<TrainerController, 'ready' | 'attached'>;
  /** the snapshot the views show (TimelineController.view): the gradients are at its params */
  view: () => Readonly<RunSnapshot>;
  /**
   * the update that led to a past iteration the page sought (TimelineController.viewedUpdate),
   * for when the worker no longer knows it (its last replay went elsewhere since)
   */
  viewedUpdate?: () => Float64Array | null;
}

/**
 * Backprop's gradients at the viewed parameters (the timeline's: the latest while live, a past
 * iteration's after a seek), and the update that led to them, asked of the worker once per
 * parameter set while the run is not training (a step, a pause, the end, a seek or the
 * scrubber): during training they would be stale at once, so none are asked for then. An
 * answer for parameters no longer shown is dropped, so while scrubbing only the shown
 * iteration's answer lands.
 */
export class ViewedGradientsController implements ReactiveController {
  /** ∂ξ/∂P at the viewed parameters, or null (training, not answered yet, or failed) */
  gradients: Params | null = null;
  /** −ε·J + μ·V that produced them, when the worker still knows it */
  update: Params | null = null;
  /** the packed parameters the values above belong to, or were last asked about */
  private subject: Float64Array | null = null;
  /** whether the worker was asked about `subject` */
  private asked = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ViewedGradientsOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const run = this.options.view();
    if (!sameParams(run.params, this.subject)) {
      this.subject = run.params;
      this.asked = false;
      this.gradients = null;
      this.update = null;
    }
    // asked once per parameter set, as soon as the run is not training with it
    const { trainer } = this.options;
    if (this.asked || !run.params || run.state === 'running' || !trainer.attached) return;
    this.asked = true;
    const params = run.params;
    const { runId, iteration, shape } = run;
    void trainer
      .ready()
      .then((client) => client.gradientsAt(params, iteration))
      .then((answer) => {
        if (!sameParams(this.subject, params) || answer.runId !== runId) return;
        this.gradients = unpackParams(answer.gradients, shape);
        const update = answer.update ?? this.options.viewedUpdate?.() ?? null;
        this.update = update ? unpackParams(update, shape) : null;
        this.host.requestUpdate();
      })
      .catch(() => {
        // a worker that died or a run replaced meanwhile: no gradients for these parameters
      });
  }
}

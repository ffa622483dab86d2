import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { unpackParams } from '../core/params';
import type { Params } from '../core/types';
import type { TrainerController } from './trainer-controller';

/**
 * Backprop's gradients at the viewed parameters (the snapshot's), and the update that led to
 * them, asked of the worker once per parameter set while the run is not training (a step, a
 * pause, the end, or a seek to a past iteration): during training they would be stale at
 * once, so none are asked for then. An answer for parameters no longer shown is dropped.
 */
export class ViewedGradientsController implements ReactiveController {
  /** ∂ξ/∂P at the snapshot's parameters, or null (training, not answered yet, or failed) */
  gradients: Params | null = null;
  /** −ε·J + μ·V that produced them, when the worker still knows it */
  update: Params | null = null;
  /** the packed parameters the values above belong to, or were last asked about */
  private subject: Float64Array | null = null;
  /** whether the worker was asked about `subject` */
  private asked = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly trainer: TrainerController,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const run = this.trainer.snapshot;
    if (run.params !== this.subject) {
      this.subject = run.params;
      this.asked = false;
      this.gradients = null;
      this.update = null;
    }
    // asked once per parameter set, as soon as the run is not training with it
    if (this.asked || !run.params || run.state === 'running' || !this.trainer.attached) return;
    this.asked = true;
    const params = run.params;
    const { runId, iteration, shape } = run;
    void this.trainer
      .ready()
      .then((client) => client.gradientsAt(params, iteration))
      .then((answer) => {
        if (this.subject !== params || answer.runId !== runId) return;
        this.gradients = unpackParams(answer.gradients, shape);
        this.update = answer.update ? unpackParams(answer.update, shape) : null;
        this.host.requestUpdate();
      })
      .catch(() => {
        // a worker that died or a run replaced meanwhile: no gradients for these parameters
      });
  }
}

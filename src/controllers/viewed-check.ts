import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunSnapshot, TrainerClient } from '../client/trainer-client';
import type { GradientCheckReport } from '../protocol/trainer-api';
import type { TrainerController } from './trainer-controller';
import { sameParams } from './viewed-gradients';

export interface ViewedCheckOptions {
  trainer: Pick<TrainerController, 'on'>;
  /** the snapshot the views show (TimelineController.view): its params are the ones checked */
  view: () => Readonly<RunSnapshot>;
  /** the client once pending property changes have reached the worker */
  settled: () => Promise<TrainerClient>;
}

/**
 * The gradient check of the viewed parameters (the worker's, in slices), and the table's state.
 *
 * `check()` (the method, the table's button) checks the parameters the views show, labelled
 * with their iteration. Once the table shows a report of this run, it follows the viewed
 * iteration: whenever the shown parameters change while the run is not training (a step, a
 * pause, a seek, the scrubber), the worker checks them anew. The latest request wins: the
 * worker stops an older check when a newer one comes (`GradientCheckInterruptedError`), and
 * only the latest answer reaches the table, so scrubbing does not pile checks up.
 */
export class ViewedCheckController implements ReactiveController {
  /** the last completed check of this run, if any */
  report: GradientCheckReport | null = null;
  /** a check is under way */
  checking = false;
  /** why the last check failed or stopped, if it did */
  error = '';
  /** the last check was stopped (by a pause, a reset, a new run), not failed */
  interrupted = false;
  /** the number of the latest check asked for: only it updates the table */
  private number = 0;
  /** the packed parameters the latest check asked for was about */
  private subject: Float64Array | null = null;
  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ViewedCheckOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off ??= this.options.trainer.on((event) => {
      if (event.type !== 'run') return;
      this.report = null;
      this.subject = null;
      this.host.requestUpdate();
    });
  }

  hostUpdate(): void {
    // following: the table shows this run's check and the views now show other parameters
    const view = this.options.view();
    const report = this.report;
    if (!report || !view.params || sameParams(view.params, this.subject)) return;
    if (view.runId !== report.runId || view.state === 'running' || view.state === 'error') return;
    this.run(this.options.settled(), view).catch(() => {
      // shown in the table's error line
    });
  }

  /**
   * Checks the viewed parameters. Rejects with an Error named 'GradientCheckInterruptedError'
   * when a pause, a reset, a new run or a newer check (the table following the viewed iteration
   * too) stops it first; the table then says so instead of waiting.
   */
  async check(): Promise<GradientCheckReport> {
    const client = await this.options.settled();
    return this.run(client, this.options.view());
  }

  private async run(
    ready: TrainerClient | Promise<TrainerClient>,
    view: Readonly<RunSnapshot>,
  ): Promise<GradientCheckReport> {
    const number = ++this.number;
    const params = view.params;
    this.subject = params;
    this.set(true, '', false);
    try {
      const client = await ready;
      // before the first batch the page has no parameters: the worker's own (iteration 0)
      const report = await client.gradientCheck(params ? { params, iteration: view.iteration } : undefined);
      if (number === this.number) {
        this.report = report;
        this.set(false, '', false);
      }
      return report;
    } catch (err) {
      if (number === this.number) {
        const interrupted = err instanceof Error && err.name === 'GradientCheckInterruptedError';
        this.set(false, err instanceof Error ? err.message : String(err), interrupted);
      }
      throw err;
    }
  }

  /** `bp-gradient-check-request` from the table's button. */
  readonly onRequest = (event: Event): void => {
    event.stopPropagation();
    this.check().catch(() => {
      // shown in the table's error line
    });
  };

  private set(checking: boolean, error: string, interrupted: boolean): void {
    this.checking = checking;
    this.error = error;
    this.interrupted = interrupted;
    this.host.requestUpdate();
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigKey } from '../protocol/config-schema';
import type { TrainerState } from '../protocol/trainer-api';
import type { RunSnapshot } from '../client/trainer-client';
import { publicEvent } from '../events';
import type { TrainerController } from './trainer-controller';

export interface RunEventsOptions {
  trainer: Pick<TrainerController, 'on' | 'snapshot'>;
  /** true while the change under way is one the host made itself (a property it set) */
  isHostChange: () => boolean;
  /** the live region's words for a state the run entered */
  describe: (state: TrainerState, run: Readonly<RunSnapshot>) => string;
}

/**
 * Turns the run into the public events and the live announcement: `bp-progress` at most once
 * per frame (and before each state change, so listeners see the last iteration before
 * `bp-done` or `bp-diverged`), `bp-state-change`, `bp-done`, `bp-diverged` and `bp-error`.
 * Public events are for user actions and training: what the host caused by setting a property
 * (a new seed, fewer iterations) is not announced back to it.
 */
export class RunEventsController implements ReactiveController {
  /** what the polite live region says: the last state change, or the last rejected entry */
  announcement = '';
  private lastProgressIteration = -1;

  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RunEventsOptions,
  ) {
    host.addController(this);
  }

  /**
   * Listens to the trainer from the first connection on, and keeps listening while detached:
   * the trainer keeps its worker through a move and reports its detach after the host left.
   */
  hostConnected(): void {
    this.off ??= this.options.trainer.on((event) => {
      switch (event.type) {
        case 'frame':
          this.progress();
          break;
        case 'run':
          // progress events report training, not a fresh run at iteration 0
          this.lastProgressIteration = this.options.trainer.snapshot.iteration;
          break;
        case 'state':
          this.stateChanged(event.state, event.previous, event.fromConfigure);
          break;
      }
    });
  }

  /** Fires `bp-error` (a failed worker, or a setting the user entered, then `field` names it). */
  error(message: string, field?: ConfigKey): void {
    this.host.dispatchEvent(publicEvent('bp-error', field === undefined ? { message } : { message, field }));
  }

  /** Says `message` in the live region (a rejected entry). */
  announce(message: string): void {
    this.announcement = message;
    this.host.requestUpdate();
  }

  /** Fires bp-progress if the run moved on since the last one. */
  private progress(): void {
    const run = this.options.trainer.snapshot;
    if (run.iteration === this.lastProgressIteration) return;
    this.lastProgressIteration = run.iteration;
    this.host.dispatchEvent(
      publicEvent('bp-progress', { iteration: run.iteration, cost: run.cost, accuracy: run.accuracy }),
    );
  }

  private stateChanged(next: TrainerState, previous: TrainerState, fromConfigure: boolean): void {
    const run = this.options.trainer.snapshot;
    if (!(fromConfigure && this.options.isHostChange())) {
      this.progress();
      this.host.dispatchEvent(publicEvent('bp-state-change', { state: next, previous }));
      if (next === 'done') {
        this.host.dispatchEvent(
          publicEvent('bp-done', { iteration: run.iteration, cost: run.cost, accuracy: run.accuracy }),
        );
      }
      if (next === 'diverged') {
        this.host.dispatchEvent(publicEvent('bp-diverged', { iteration: run.divergedAt ?? run.iteration }));
      }
    }
    this.announcement = this.options.describe(next, run);
    this.host.requestUpdate();
  }
}

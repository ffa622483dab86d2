import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrainerController } from './trainer-controller';

export interface FaultRecoveryOptions {
  trainer: Pick<TrainerController, 'on' | 'snapshot' | 'alive' | 'restart'>;
  /** tells the host page (`bp-error`) */
  report: (message: string) => void;
  /** a fresh run on the same worker (the element's `reset()`) */
  reset: () => Promise<void>;
}

/**
 * The fault notice: what went wrong with the worker or a command, and its one way out. A worker
 * that died gets a fresh one (`restart`); a worker that is still there, a fresh run (`reset`).
 */
export class FaultRecoveryController implements ReactiveController {
  /** the notice's text; empty when all is well */
  message = '';

  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FaultRecoveryOptions,
  ) {
    host.addController(this);
  }

  /**
   * Listens to the trainer from the first connection on, and keeps listening while detached:
   * the trainer keeps its worker through a move and reports its detach after the host left.
   */
  hostConnected(): void {
    this.off ??= this.options.trainer.on((event) => {
      if (event.type === 'fault') {
        this.show(event.message);
        this.options.report(event.message);
      } else if (event.type === 'state' && event.state === 'error') {
        // an error the worker reported in a batch (a dead worker's fault came first)
        const error = this.options.trainer.snapshot.error;
        if (error && !this.message) {
          this.show(error);
          this.options.report(error);
        }
      }
    });
  }

  /** Whether the way out is a new worker (the current one died). */
  get needsRestart(): boolean {
    return !this.options.trainer.alive;
  }

  /** Shows `message` in the notice (without telling the host page). */
  show(message: string): void {
    this.message = message;
    this.host.requestUpdate();
  }

  /** Hides the notice. */
  clear(): void {
    this.show('');
  }

  /** The notice's button: a fresh worker if it died, else a fresh run. */
  readonly recover = (): void => {
    const recover = this.needsRestart ? this.options.trainer.restart() : this.options.reset();
    recover.then(
      () => this.clear(),
      (err: unknown) => this.show(err instanceof Error ? err.message : String(err)),
    );
  };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrainerState } from '../protocol/trainer-api';
import type { CommandDetail } from '../events';
import type { TrainerClient } from '../client/trainer-client';
import type { TrainerController } from './trainer-controller';

/** How a run ended, for `whenFinished()`. */
export interface RunResult {
  state: Extract<TrainerState, 'done' | 'diverged' | 'error'>;
  iteration: number;
  cost: number;
  accuracy: number;
  error?: string;
}

export interface RunControllerOptions {
  trainer: Pick<TrainerController, 'on' | 'snapshot' | 'ready' | 'restart'>;
  /** settles once the host's pending property changes have reached the worker */
  settings: () => Promise<void>;
  /** a reset succeeded: the fault notice goes */
  onReset: () => void;
  /** a command from the controls failed (the methods reject instead) */
  onFailure: (message: string) => void;
}

/**
 * The run's commands as the element's methods offer them: each waits until pending property
 * changes have reached the worker, then settles once the page shows its effect. Keeps the
 * waiters of `whenFinished()`.
 */
export class RunController implements ReactiveController {
  private finishWaiters: Array<(result: RunResult) => void> = [];

  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly updateComplete: Promise<boolean> },
    private readonly options: RunControllerOptions,
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
        case 'state': {
          const result = this.finishedResult();
          if (result) this.settleFinished(result);
          break;
        }
        case 'detach':
          this.settleFinished({
            state: 'error',
            iteration: 0,
            cost: Number.NaN,
            accuracy: Number.NaN,
            error: 'The element was removed before the run finished',
          });
          break;
      }
    });
  }

  async start(): Promise<void> {
    const client = await this.settled();
    await client.start();
  }

  async pause(): Promise<void> {
    const client = await this.settled();
    await client.pause();
  }

  async step(n: number): Promise<void> {
    const client = await this.settled();
    await client.step(n);
  }

  /** Back to iteration 0 (on a fresh worker if the current one died). */
  async reset(): Promise<void> {
    const client = await this.settled();
    if (!client.alive) await this.options.trainer.restart();
    else await client.reset();
    this.options.onReset();
  }

  async whenFinished(): Promise<RunResult> {
    await this.settled();
    const result = this.finishedResult();
    if (result) return result;
    return new Promise((resolve) => this.finishWaiters.push(resolve));
  }

  /** `bp-command` from the controls: Play, Pause, Step (one iteration) or Reset. */
  readonly onCommand = (event: CustomEvent<CommandDetail>): void => {
    event.stopPropagation();
    const command = event.detail.command;
    const done = command === 'step' ? this.step(1) : this[command]();
    done.catch((err: unknown) => this.options.onFailure(err instanceof Error ? err.message : String(err)));
  };

  /** The client, once pending property changes have reached the worker. */
  private async settled(): Promise<TrainerClient> {
    await this.host.updateComplete;
    await this.options.settings();
    return this.options.trainer.ready();
  }

  private settleFinished(result: RunResult): void {
    const waiters = this.finishWaiters;
    this.finishWaiters = [];
    for (const resolve of waiters) resolve(result);
  }

  private finishedResult(): RunResult | null {
    const run = this.options.trainer.snapshot;
    if (run.state !== 'done' && run.state !== 'diverged' && run.state !== 'error') return null;
    return {
      state: run.state,
      iteration: run.iteration,
      cost: run.cost,
      accuracy: run.accuracy,
      ...(run.error ? { error: run.error } : {}),
    };
  }
}

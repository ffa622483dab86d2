import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigSync } from './config-sync';
import type { TrainerController } from './trainer-controller';

export interface AutoplayOptions {
  trainer: Pick<TrainerController, 'on' | 'ready'>;
  settings: Pick<ConfigSync, 'markSent'>;
  /** the host's `autoplay` property */
  enabled: () => boolean;
}

/**
 * Autoplay: starts the run once per connection to a worker, after the host's settings have
 * reached it. Under `prefers-reduced-motion: reduce` it trains at full speed instead, so the
 * views jump to the result rather than animate.
 */
export class AutoplayController implements ReactiveController {
  private played = false;
  private readonly reducedMotion =
    typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AutoplayOptions,
  ) {
    host.addController(this);
    options.trainer.on((event) => {
      if (event.type === 'detach') this.played = false; // a new worker autoplays again
    });
  }

  hostConnected(): void {
    this.reducedMotion?.addEventListener('change', this.onMotionChange);
  }

  hostDisconnected(): void {
    this.reducedMotion?.removeEventListener('change', this.onMotionChange);
  }

  /** After each applied settings change: starts the run the first time, if autoplay is on. */
  async maybeStart(): Promise<void> {
    if (!this.options.enabled() || this.played) return;
    this.played = true;
    const client = await this.options.trainer.ready();
    if (this.reducedMotion?.matches) {
      this.options.settings.markSent('speed', 'max');
      await client.configure({ speed: 'max' });
    }
    if (client.state === 'idle') await client.start();
  }

  private readonly onMotionChange = (): void => this.host.requestUpdate();
}

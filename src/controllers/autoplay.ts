import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigSync } from './config-sync';
import type { TrainerController } from './trainer-controller';

/** Autoplay waits at most this long (ms) for the views' set-up before it starts the run. */
export const AUTOPLAY_VIEWS_WAIT_MS = 2000;

export interface AutoplayOptions {
  trainer: Pick<TrainerController, 'on' | 'ready'>;
  settings: Pick<ConfigSync, 'markSent'>;
  /** the host's `autoplay` property */
  enabled: () => boolean;
  /**
   * Resolves when the host's views are ready to show the run (their set-up done, or after
   * AUTOPLAY_VIEWS_WAIT_MS): the run starts after it, not while the views are being set up.
   */
  viewsReady?: () => Promise<void>;
}

/**
 * Autoplay: starts the run once per connection to a worker, after the host's settings have
 * reached it and its views are set up (viewsReady): the run is seen from its first iteration,
 * and the views' set-up (a WebGL program's link is a synchronous wait on the GPU process) does
 * not share two cores with a worker training at full speed. Under `prefers-reduced-motion:
 * reduce` it trains at full speed instead, so the views jump to the result rather than animate.
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
    await this.options.viewsReady?.();
    if (client.state === 'idle') await client.start();
  }

  private readonly onMotionChange = (): void => this.host.requestUpdate();
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks whether a host element is worth drawing: connected, intersecting the viewport and
 * in a visible tab. Calls `onChange(visible)` when that flips, so views skip all drawing work
 * while off-screen or in a hidden tab and catch up once when they come back.
 */
export class VisibilityController implements ReactiveController {
  /** true while the host is on-screen in a visible document */
  visible = false;
  private intersecting = false;
  private observer?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (visible: boolean) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        const last = entries[entries.length - 1];
        if (last) this.intersecting = last.isIntersecting;
        this.update();
      });
      this.observer.observe(this.host);
    } else {
      this.intersecting = true;
    }
    document.addEventListener('visibilitychange', this.update);
    this.update();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    document.removeEventListener('visibilitychange', this.update);
    this.intersecting = false;
    this.update();
  }

  private readonly update = (): void => {
    const next = this.intersecting && document.visibilityState !== 'hidden' && this.host.isConnected;
    if (next === this.visible) return;
    this.visible = next;
    this.onChange(next);
  };
}

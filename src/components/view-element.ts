import { LitElement } from 'lit';
import { VisibilityController } from '../controllers/visibility';
import type { ViewFrames } from '../render/canvas/view-frames';

/**
 * What every view element shares (not an element itself): the canvas views extend it through
 * CanvasViewElement, the cost curve directly. One visibility rule (the VisibilityController:
 * connected, intersecting the viewport, in a visible tab), one frame rule (ViewFrames: an input
 * change marks the view dirty; it draws in the page's next draw phase, at most once per frame,
 * never off-screen) and one theme rule: colours are read from the `--bp-*` custom properties on
 * connect, on a colour-scheme change and in refreshColors(), never per frame.
 */
export abstract class ViewElement extends LitElement {
  /** When the view draws: dirty flag, visibility, waiters and the page's draw phase. */
  protected abstract readonly frames: ViewFrames;

  private readonly visibility = new VisibilityController(this, (visible) => this.visibilityChanged(visible));
  private readonly colorScheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

  /** Frames drawn so far (diagnostics, tests). */
  get drawCount(): number {
    return this.frames.drawCount;
  }

  /**
   * Resolves once the pending frame (if any) is drawn; at once while nothing will be drawn
   * (off-screen, context lost, detached), so it never hangs. `toDataURL()` draws anyway.
   */
  get drawComplete(): Promise<void> {
    return this.updateComplete.then(() => this.frames.whenDrawn());
  }

  /**
   * Re-reads the colour custom properties (and font) and redraws. Colours are read when the
   * element connects and when the colour scheme changes, not per frame: call this after changing them.
   */
  refreshColors(): void {
    this.readColors();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme?.addEventListener('change', this.onColorScheme);
    this.readColors();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.onColorScheme);
  }

  /** Whether the element is on-screen in a visible document. */
  protected get onScreen(): boolean {
    return this.visibility.visible;
  }

  /** The element came on-screen or went off it. Default: the frames follow. */
  protected visibilityChanged(visible: boolean): void {
    this.frames.setVisible(visible);
  }

  /** Reads the colours from CSS into what draws, and asks for a frame with them. */
  protected abstract readColors(): void;

  private readonly onColorScheme = (): void => this.readColors();
}

// What a CanvasView asks of the element that owns it, and the states it reports.
import type { SurfaceRenderer, ViewRegl } from './view-renderer';

/**
 * `webgl` and `fallback` draw; `lost` waits for the context to come back; `parked` has no
 * canvas (off-screen, or not yet shown) and makes one when visible, or its WebGL set-up is under way; `none` is detached, or
 * attached with nothing that can draw.
 */
export type ViewMode = 'webgl' | 'fallback' | 'lost' | 'parked' | 'none';

export interface CanvasViewOptions<R extends SurfaceRenderer> {
  /** where the canvas goes (inside the element's shadow root); its content box is measured */
  container: HTMLElement;
  /**
   * builds the WebGL renderer with `regl`, its own instance on the page's shared context: it
   * draws into the lower-left width×height (from resize()) of a drawing buffer that may be
   * larger, so every draw names its viewport. Throws when a limit it needs is missing.
   */
  createWebgl(regl: ViewRegl): R;
  /** builds a renderer on a fresh canvas when WebGL fails (a 2-D canvas); none: draw nothing */
  createFallback?(canvas: HTMLCanvasElement): R;
  /** draws the frame; called with the renderer already sized */
  draw(renderer: R): void;
  /** mode or renderer changed: attached, fell back, lost, restored, parked or unparked */
  onModeChange?(mode: ViewMode): void;
  /** the canvas's CSS size changed */
  onResize?(width: number, height: number): void;
  /** attributes for each new canvas (part, aria) */
  decorate?(canvas: HTMLCanvasElement): void;
  /** cap on device pixels per CSS pixel (memory and fill rate on 3× screens) */
  maxPixelRatio?: number;
  /** cap on either side of the drawing buffer, in device pixels */
  maxCanvasSide?: number;
}

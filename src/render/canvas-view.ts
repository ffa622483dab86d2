// The lifecycle every view's canvas shares, kept out of the Lit elements: one canvas and one
// renderer per connection, sized to its box × devicePixelRatio, drawn at most once per
// animation frame and only while visible, rebuilt after a lost WebGL context, and released
// (context included) on detach. No Lit here; the elements call attach/detach/requestDraw.
import { releaseContext } from './create-regl';

export interface ViewRenderer {
  resize(width: number, height: number, pixelRatio: number): void;
  destroy(): void;
}

/** `webgl` and `fallback` draw; `lost` waits for the context to come back; `none` is detached. */
export type ViewMode = 'webgl' | 'fallback' | 'lost' | 'none';

export interface CanvasViewOptions<R extends ViewRenderer> {
  /** where the canvas goes (inside the element's shadow root); its content box is measured */
  container: HTMLElement;
  /** builds the WebGL renderer on `canvas`; throws when WebGL (or a limit it needs) is missing */
  createWebgl(canvas: HTMLCanvasElement): R;
  /** builds a renderer on a fresh canvas when WebGL fails (a 2-D canvas); none: draw nothing */
  createFallback?(canvas: HTMLCanvasElement): R;
  /** draws the frame; called with the renderer already sized */
  draw(renderer: R): void;
  /** mode or renderer changed: attached, fell back, lost or restored the context */
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

export class CanvasView<R extends ViewRenderer> {
  canvas: HTMLCanvasElement | null = null;
  renderer: R | null = null;
  mode: ViewMode = 'none';
  /** frames drawn since construction (diagnostics and tests) */
  drawCount = 0;
  /** why the WebGL renderer could not be made (the last attach), if it could not */
  failure: unknown = null;
  /** CSS size of the canvas box */
  cssWidth = 0;
  cssHeight = 0;
  private visible = false;
  private dirty = true;
  private frame = 0;
  private observer: ResizeObserver | null = null;
  private waiters: (() => void)[] = [];
  private pixelSize: [number, number, number] = [1, 1, 1];

  constructor(private readonly options: CanvasViewOptions<R>) {}

  /** Creates the canvas and its renderer; `forceFallback` skips WebGL. */
  attach(forceFallback = false): void {
    if (this.canvas) return;
    let canvas = this.newCanvas();
    this.failure = null;
    let renderer = forceFallback ? null : this.tryCreate(this.options.createWebgl, canvas);
    let mode: ViewMode = 'webgl';
    if (renderer) {
      canvas.addEventListener('webglcontextlost', this.onLost);
      canvas.addEventListener('webglcontextrestored', this.onRestored);
    } else {
      if (!forceFallback) {
        // a canvas that once held a WebGL context cannot give a 2-D one: start over
        releaseContext(canvas);
        canvas.remove();
        canvas = this.newCanvas();
      }
      renderer = this.options.createFallback ? this.tryCreate(this.options.createFallback, canvas) : null;
      mode = renderer ? 'fallback' : 'none';
    }
    renderer?.resize(...this.pixelSize);
    this.renderer = renderer;
    this.setMode(mode);
    this.observer = new ResizeObserver(this.onResize);
    try {
      this.observer.observe(this.options.container, { box: 'device-pixel-content-box' });
    } catch {
      this.observer.observe(this.options.container);
    }
    this.dirty = true;
  }

  /** Destroys the renderer, releases the WebGL context and removes the canvas. */
  detach(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.observer?.disconnect();
    this.observer = null;
    const canvas = this.canvas;
    if (canvas) {
      canvas.removeEventListener('webglcontextlost', this.onLost);
      canvas.removeEventListener('webglcontextrestored', this.onRestored);
    }
    this.renderer?.destroy();
    if (canvas && (this.mode === 'webgl' || this.mode === 'lost')) releaseContext(canvas);
    canvas?.remove();
    this.canvas = null;
    this.renderer = null;
    this.setMode('none');
    this.flushWaiters();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.dirty) this.schedule();
  }

  /** Asks for a frame: drawn on the next animation frame if visible, else once it is. */
  requestDraw(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Draws now if anything is pending, visible or not (snapshots, read-back, benchmarks). */
  drawNow(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.dirty) this.render();
  }

  /** Resolves after the next frame is drawn, or at once when nothing is pending. */
  whenDrawn(): Promise<void> {
    if (!this.dirty || !this.renderer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private tryCreate(create: (canvas: HTMLCanvasElement) => R, canvas: HTMLCanvasElement): R | null {
    try {
      return create(canvas);
    } catch (err) {
      this.failure = err;
      return null;
    }
  }

  private newCanvas(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    this.options.decorate?.(canvas);
    [canvas.width, canvas.height] = this.pixelSize;
    this.options.container.append(canvas);
    this.canvas = canvas;
    return canvas;
  }

  private schedule(): void {
    if (this.frame || !this.visible || !this.renderer) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.dirty && this.visible) this.render();
    });
  }

  private render(): void {
    const renderer = this.renderer;
    if (!renderer) return;
    this.dirty = false;
    this.options.draw(renderer);
    this.drawCount++;
    this.flushWaiters();
  }

  private flushWaiters(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private setMode(mode: ViewMode): void {
    this.mode = mode;
    this.options.onModeChange?.(mode);
  }

  private readonly onResize = (entries: ResizeObserverEntry[]): void => {
    const entry = entries[entries.length - 1];
    if (!entry || !this.canvas) return;
    const css = entry.contentBoxSize?.[0];
    const cssWidth = css ? css.inlineSize : entry.contentRect.width;
    const cssHeight = css ? css.blockSize : entry.contentRect.height;
    const device = entry.devicePixelContentBoxSize?.[0];
    const dpr = window.devicePixelRatio || 1;
    let width = device ? device.inlineSize : Math.round(cssWidth * dpr);
    let height = device ? device.blockSize : Math.round(cssHeight * dpr);
    const ratio = cssWidth > 0 ? width / cssWidth : dpr;
    const cap = Math.min(
      1,
      (this.options.maxPixelRatio ?? 3) / ratio,
      (this.options.maxCanvasSide ?? 4096) / Math.max(width, height, 1),
    );
    width = Math.max(1, Math.round(width * cap));
    height = Math.max(1, Math.round(height * cap));
    this.cssWidth = cssWidth;
    this.cssHeight = cssHeight;
    this.options.onResize?.(cssWidth, cssHeight);
    const pixelRatio = cssWidth > 0 ? width / cssWidth : 1;
    if (width === this.pixelSize[0] && height === this.pixelSize[1] && this.canvas.width === width) return;
    this.pixelSize = [width, height, pixelRatio];
    this.canvas.width = width;
    this.canvas.height = height;
    this.renderer?.resize(width, height, pixelRatio);
    // resizing cleared the canvas; observers run before paint, so redraw in this frame
    this.dirty = true;
    if (this.visible) this.drawNow();
  };

  private readonly onLost = (event: Event): void => {
    // preventDefault tells the browser we want the context back (webglcontextrestored)
    event.preventDefault();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.renderer?.destroy();
    this.renderer = null;
    this.dirty = true;
    this.setMode('lost');
  };

  private readonly onRestored = (): void => {
    const canvas = this.canvas;
    if (!canvas) return;
    const renderer = this.tryCreate(this.options.createWebgl, canvas);
    if (!renderer) return;
    this.renderer = renderer;
    const [width, height, pixelRatio] = this.pixelSize;
    renderer.resize(width, height, pixelRatio);
    this.setMode('webgl');
    this.requestDraw();
  };
}

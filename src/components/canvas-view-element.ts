import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Params } from '../core/types';
import type { DatasetMessage } from '../protocol/trainer-api';
import { CanvasView } from '../render/canvas/canvas-view';
import type { ViewMode } from '../render/canvas/canvas-view';
import type { ViewFrames } from '../render/canvas/view-frames';
import { viewNotice } from '../render/canvas/view-notice';
import type { ViewRegl, ViewRenderer } from '../render/canvas/view-renderer';
import { paramsFinite } from '../render/gl/params-finite';
import { readTheme } from '../render/gl/theme';
import type { ViewTheme } from '../render/gl/theme';
import { ViewElement } from './view-element';

/**
 * What the views that draw a snapshot on one canvas share (not an element itself), on top of
 * the views' shared visibility, frame and theme rules (ViewElement): the `params`, `data` and
 * `no-webgl` inputs, a {@link CanvasView} (one canvas and renderer per connection, the renderer
 * drawing on the page's one shared WebGL context, given back off-screen and rebuilt after a
 * loss), and the non-finite guard: a
 * snapshot with a weight that is not finite is not drawn, the last good frame stays.
 *
 * A view supplies its renderers, its canvas's attributes and its frame through the protected
 * hooks below; its shadow DOM must place `surface` (the canvas's parent).
 */
export abstract class CanvasViewElement<R extends ViewRenderer> extends ViewElement {
  /**
   * The parameters to draw (Wh 2×H, bh 1×H, Wo H×C, bo 1×C). Set a new object to redraw; one
   * with a non-finite weight is ignored (the last good one stays drawn).
   */
  @property({ attribute: false }) params: Params | null = null;

  /** The samples (X N×2, t class indices). */
  @property({ attribute: false }) data: DatasetMessage | null = null;

  /** Draw the CPU fallback even when WebGL is available. */
  @property({ type: Boolean, attribute: 'no-webgl' }) noWebgl = false;

  /** The view's state, for the notice (rendered, so the notice follows it). */
  @state() protected mode: ViewMode = 'none';

  /** The last parameters that were fit to draw (all finite). */
  protected shown: Params | null = null;
  /** `shown` changed in this update (set in willUpdate(), cleared in updated()). */
  protected paramsFresh = false;
  /** The canvas's parent, made here so the canvas exists from connection on; render() places it. */
  protected readonly surface = Object.assign(document.createElement('div'), { className: 'surface' });
  /** The view's lifecycle: its canvas, renderer and frames. */
  protected readonly view = new CanvasView<R>({
    container: this.surface,
    createWebgl: (regl) => this.createWebglRenderer(regl),
    createFallback: (canvas) => this.createFallbackRenderer(canvas),
    draw: (renderer) => this.drawFrame(renderer),
    onModeChange: (mode) => {
      this.mode = mode;
    },
    onResize: (width, height) => this.sizeReported(width, height),
    decorate: (canvas) => {
      canvas.setAttribute('part', 'canvas');
      this.decorateCanvas(canvas);
    },
  });

  /** a size was handed to viewResized() (the first one waits a frame: sizeReported) */
  private sized = false;
  /** the animation frame that hands the first size over, while it waits */
  private sizePending = 0;

  /** read in the first draw after connecting, a colour-scheme change or refreshColors(): never per frame */
  private theme?: ViewTheme;
  /** the colours are to be read again before the next draw */
  private themeStale = true;

  /**
   * Which renderer draws: `webgl`, `cpu` (fallback), or `none`: detached, context lost, or no
   * canvas (not shown yet, or off-screen for 2 s and its renderer released).
   */
  get backend(): 'webgl' | 'cpu' | 'none' {
    return this.view.renderer?.kind ?? 'none';
  }

  /** Whether the view's renderer is made with all its set-up pieces, the idle ones too (diagnostics and tests). */
  get setupComplete(): boolean {
    return this.view.setupComplete;
  }

  /** The canvas as an image (no HTML ticks or labels). Draws first if a frame is pending, off-screen too. */
  toDataURL(type = 'image/png', quality?: number): string {
    this.view.drawNow();
    return this.view.canvas?.toDataURL(type, quality) ?? 'data:,';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.attachView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.sizePending);
    this.sizePending = 0;
    this.view.detach();
  }

  /**
   * The canvas's box size, from the view's resize observer. Its first report arrives in the
   * frame that first lays the view out, on a page's load the frame that the task building the
   * page is part of: there the hidden space's axis-label layout and re-render took 6–22 ms of
   * script (measured, cold loads). So the first size goes to viewResized() in the next frame
   * (an animation frame asked for from the observer runs after this frame's paint), later ones
   * at once. Nothing moves: what viewResized() places (labels over the plot) is not shown
   * before a size is known, and the canvas itself is sized at once.
   */
  private sizeReported(width: number, height: number): void {
    cancelAnimationFrame(this.sizePending);
    this.sizePending = 0;
    if (this.sized) {
      this.viewResized(width, height);
      return;
    }
    this.sizePending = requestAnimationFrame(() => {
      this.sizePending = 0;
      this.sized = true;
      this.viewResized(width, height);
    });
  }

  protected override get frames(): ViewFrames {
    return this.view.frames;
  }

  protected override visibilityChanged(visible: boolean): void {
    this.view.setVisible(visible);
  }

  protected override readColors(): void {
    // read when drawing (an animation frame, where the page's style is resolved anyway): a
    // getComputedStyle now, as the element connects in the task that builds the page, forces a
    // style recalculation there (178 ms of the start-up task, measured on a cold load)
    this.themeStale = true;
    this.view.requestDraw();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) this.paramsFresh = this.accept(this.params);
    // here rather than in updated(): the mode this sets renders in this same update
    if (this.needsReattach(changed)) this.attachView();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.paramsFresh || this.needsRedraw(changed)) this.view.requestDraw();
    this.paramsFresh = false;
  }

  /**
   * Builds the WebGL renderer with `regl`, its own on the page's one shared WebGL context; it
   * draws into the lower-left width×height given by resize(), naming the viewport in every
   * draw (the drawing buffer may be larger). Throws when a limit it needs is missing.
   */
  protected abstract createWebglRenderer(regl: ViewRegl): R;

  /** Builds the CPU-drawn renderer on a fresh (2-D) canvas, when WebGL is off or fails. */
  protected abstract createFallbackRenderer(canvas: HTMLCanvasElement): R;

  /** Draws one frame on a sized renderer; syncRenderer() hands it the shared inputs. */
  protected abstract drawFrame(renderer: R): void;

  /** Sets each new canvas's accessibility attributes (`part="canvas"` is already set). */
  protected abstract decorateCanvas(canvas: HTMLCanvasElement): void;

  /** The canvas's CSS size changed (px). Default: nothing. */
  protected viewResized(_width: number, _height: number): void {}

  /** Whether the next attach skips WebGL. Default: `noWebgl`. */
  protected forcesFallback(): boolean {
    return this.noWebgl;
  }

  /**
   * Called in willUpdate() after `params` were taken: whether to attach the view anew (WebGL or
   * not has changed). Default: `noWebgl` was toggled while connected (not its first value).
   */
  protected needsReattach(changed: PropertyValues<this>): boolean {
    return changed.has('noWebgl') && changed.get('noWebgl') !== undefined && this.isConnected;
  }

  /** Whether an input other than `params` changed in this update, so the view redraws. Default: `data`. */
  protected needsRedraw(changed: PropertyValues<this>): boolean {
    return changed.has('data');
  }

  /** Hands `renderer` the theme (read now if it is stale), the last good parameters and the data. */
  protected syncRenderer(renderer: R): void {
    if (this.themeStale || !this.theme) this.theme = readTheme(this, this.theme);
    this.themeStale = false;
    renderer.setTheme(this.theme);
    renderer.setParams(this.shown);
    renderer.setData(this.data);
  }

  /** The status line for the view's mode; `what` names the view in it ("map", "view"). */
  protected notice(what: string): string {
    return viewNotice(this.mode, this.view.failure, what, this.isConnected);
  }

  /** A fresh canvas and renderer, WebGL unless forcesFallback(), drawn as soon as visible. */
  protected attachView(): void {
    const view = this.view;
    view.detach();
    view.attach(this.forcesFallback());
    view.setVisible(this.onScreen);
    view.requestDraw();
  }

  /** Takes `params` to draw unless a weight is not finite (then the last good frame stays). */
  private accept(params: Params | null): boolean {
    if (params && !paramsFinite(params)) return false;
    this.shown = params;
    return true;
  }
}

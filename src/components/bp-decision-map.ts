import { html, LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VisibilityController } from '../controllers/visibility';
import type { Params } from '../core/types';
import type { DatasetMessage } from '../protocol/trainer-api';
import { CanvasView } from '../render/canvas-view';
import type { ViewMode } from '../render/canvas-view';
import { CpuMapRenderer } from '../render/cpu-map-renderer';
import { createRegl, viewNotice } from '../render/create-regl';
import { DecisionMapRenderer } from '../render/decision-map-renderer';
import { paramsFinite } from '../render/params-finite';
import type { ProbabilityGrid } from '../render/probability-grid';
import type { MapQuality, MapRenderer } from '../render/map-renderer';
import { readTheme } from '../render/theme';
import type { ViewTheme } from '../render/theme';
import { decisionMapStyles } from './bp-decision-map.styles';

const TICKS = ['−2', '−1', '0', '1', '2'];

/**
 * The decision map: the network's class probabilities over the input plane [−2, 2]², x₁ to the
 * right and x₂ up, lightly shaded by the class colours (stronger where the network is surer),
 * the p = 0.5 decision boundary as a line, and the data on top: class 0 as stars, class 1 as
 * circles. The shading is the network evaluated per pixel in a WebGL fragment shader; without
 * WebGL a CPU-drawn map on a 100×100 grid takes its place, with a notice (also when a lost
 * context is not restored within 3 s). Draws at most once per animation frame, only when an
 * input changed, and not at all while off-screen; after 2 s off-screen it gives its canvas and
 * WebGL context back (browsers keep only a few live contexts per page) and redraws on a new one
 * when it returns. A snapshot with non-finite weights is not drawn: the last good frame stays.
 * Nothing animates, so `prefers-reduced-motion` needs no special case.
 *
 * @csspart plot - the square plot area (canvas and frame); the axes' ticks sit around it
 * @csspart canvas - the map's canvas (WebGL, or 2-D in the fallback)
 * @csspart notice - status line, shown when the map is CPU-drawn or its WebGL context is lost
 * @cssprop --bp-class-0-color - class 0 (outer ring, stars); default #d62728
 * @cssprop --bp-class-1-color - class 1 (inner disc, circles); default #1f77b4
 * @cssprop --bp-class-2-color - class 2 (roadmap; squares); --bp-class-3-color (triangles) and --bp-class-4-color (diamonds) likewise
 * @cssprop --bp-text-color - ticks, titles, the boundary line and marker outlines; default inherited
 * @cssprop --bp-font-family - ticks and titles; default inherited
 */
export class BpDecisionMap extends LitElement {
  static override styles = decisionMapStyles;

  /**
   * The parameters to draw (Wh 2×H, bh 1×H, Wo H×C, bo 1×C). Set a new object to redraw; one
   * with a non-finite weight is ignored (the last good one stays drawn).
   */
  @property({ attribute: false }) params: Params | null = null;

  /** The samples drawn on top (X N×2, t class indices). */
  @property({ attribute: false }) data: DatasetMessage | null = null;

  /**
   * `full`: the network at every pixel (paused, done). `fast` (while training fast): on at most
   * 200×200 cells, fewer for large H (about 118² at H = 16, 64² at H = 64), upscaled with the
   * boundary still drawn at full resolution.
   */
  @property() quality: MapQuality = 'full';

  /** Draw the CPU fallback even when WebGL is available. */
  @property({ type: Boolean, attribute: 'no-webgl' }) noWebgl = false;

  @state() private mode: ViewMode = 'none';

  /** read on connect, on a colour-scheme change and in refreshColors(): never per frame */
  private theme?: ViewTheme;
  /** the last parameters that were fit to draw (all finite) */
  private shown: Params | null = null;
  /** `shown` changed in this update */
  private paramsFresh = false;
  /** hidden units the GPU shader holds; larger networks are drawn on the CPU */
  private gpuMaxHidden = Infinity;
  /** the current network is too large for the GPU shader */
  private cpuForced = false;
  /** the canvas's parent, made here so the canvas exists from connection on */
  private readonly surface = Object.assign(document.createElement('div'), { className: 'surface' });
  private readonly view = new CanvasView<MapRenderer>({
    container: this.surface,
    createWebgl: (canvas) => {
      const renderer = new DecisionMapRenderer(createRegl(canvas));
      this.gpuMaxHidden = renderer.maxHidden;
      return renderer;
    },
    createFallback: (canvas) => new CpuMapRenderer(canvas),
    draw: (renderer) => this.drawFrame(renderer),
    onModeChange: (mode) => {
      this.mode = mode;
    },
    decorate: (canvas) => {
      canvas.setAttribute('part', 'canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute(
        'aria-label',
        'Decision map over x₁ and x₂ from −2 to 2: the shading shows the class the network predicts, the line its decision boundary; the samples are drawn as stars (class 0) and circles (class 1).',
      );
    },
  });
  private readonly visibility = new VisibilityController(this, (visible) => this.view.setVisible(visible));
  private readonly colorScheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

  /**
   * Which renderer draws: `webgl`, `cpu` (fallback), or `none`: detached, context lost, or no
   * canvas (not shown yet, or off-screen for 2 s and its context released).
   */
  get backend(): 'webgl' | 'cpu' | 'none' {
    return this.view.renderer?.kind ?? 'none';
  }

  /** Frames drawn so far (diagnostics, tests). */
  get drawCount(): number {
    return this.view.drawCount;
  }

  /**
   * Resolves once the pending frame (if any) is on the canvas; at once while nothing will be
   * drawn (off-screen, context lost, detached), so it never hangs. `toDataURL()` draws anyway.
   */
  get drawComplete(): Promise<void> {
    return this.updateComplete.then(() => this.view.whenDrawn());
  }

  /** The plot area as an image (no axes labels). Draws first if a frame is pending, off-screen too. */
  toDataURL(type = 'image/png', quality?: number): string {
    this.view.drawNow();
    return this.view.canvas?.toDataURL(type, quality) ?? 'data:,';
  }

  /**
   * P(class 0) and the predicted class on numpy's grid `linspace(−2, 2, n)²` (row i is
   * y = linspace[i], column j is x), computed exactly as the map is (the shader, read back
   * from an offscreen n×n target; the CPU pass in the fallback). Null without parameters.
   */
  async renderProbabilityGrid(n = 200): Promise<ProbabilityGrid | null> {
    await this.updateComplete;
    const renderer = this.view.wake();
    if (!renderer) return null;
    this.sync(renderer);
    return renderer.renderProbabilityGrid(n);
  }

  /**
   * Re-reads the colour custom properties and redraws. Colours are read when the element
   * connects and when the colour scheme changes, not per frame: call this after changing them.
   */
  refreshColors(): void {
    this.theme = readTheme(this, this.theme);
    this.view.requestDraw();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme?.addEventListener('change', this.onColorScheme);
    this.theme = readTheme(this, this.theme);
    this.attachView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.onColorScheme);
    this.view.detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) this.paramsFresh = this.accept(this.params);
    // here rather than in updated(): the mode this sets renders in this same update
    const backToGpu = this.cpuForced && this.paramsFresh && (this.shown?.Wh.cols ?? 0) <= this.gpuMaxHidden;
    if (backToGpu) this.cpuForced = false;
    if ((changed.has('noWebgl') && changed.get('noWebgl') !== undefined && this.isConnected) || backToGpu)
      this.attachView();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.paramsFresh || changed.has('data') || changed.has('quality')) this.view.requestDraw();
    this.paramsFresh = false;
  }

  protected override render() {
    return html`
      <div class="plot" part="plot">
        ${this.surface}
        ${TICKS.map((label, k) => html`<span class="tick x at-${k}" aria-hidden="true">${label}</span>`)}
        ${TICKS.map((label, k) => html`<span class="tick y at-${k}" aria-hidden="true">${label}</span>`)}
        <span class="title x" aria-hidden="true">x₁</span>
        <span class="title y" aria-hidden="true">x₂</span>
        <p class="notice" part="notice" role="status">${this.noticeFor(this.mode)}</p>
      </div>
    `;
  }

  private attachView(): void {
    const view = this.view;
    view.detach();
    view.attach(this.noWebgl || this.cpuForced);
    view.setVisible(this.visibility.visible);
    view.requestDraw();
  }

  /** Takes `params` to draw unless a weight is not finite (then the last good frame stays). */
  private accept(params: Params | null): boolean {
    if (params && !paramsFinite(params)) return false;
    this.shown = params;
    return true;
  }

  private sync(renderer: MapRenderer): void {
    this.theme ??= readTheme(this);
    renderer.setTheme(this.theme);
    renderer.setParams(this.shown);
    renderer.setData(this.data);
  }

  private drawFrame(renderer: MapRenderer): void {
    if (renderer instanceof DecisionMapRenderer && this.shown && !renderer.supports(this.shown)) {
      // more hidden units than this GPU's uniform arrays hold: draw this network on the CPU
      this.cpuForced = true;
      queueMicrotask(() => this.attachView());
      return;
    }
    this.sync(renderer);
    renderer.draw(this.quality);
  }

  private noticeFor(mode: ViewMode): string {
    if (mode === 'fallback' && this.cpuForced) {
      return `WebGL here draws at most ${this.gpuMaxHidden} hidden units: showing a CPU-drawn map`;
    }
    return viewNotice(mode, this.view.failure, 'map', this.isConnected);
  }

  private readonly onColorScheme = (): void => this.refreshColors();
}

if (!customElements.get('bp-decision-map')) customElements.define('bp-decision-map', BpDecisionMap);

declare global {
  interface HTMLElementTagNameMap {
    'bp-decision-map': BpDecisionMap;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ViewRegl } from '../render/canvas/view-renderer';
import { CpuMapRenderer } from '../render/map/cpu-map-renderer';
import { GlMapRenderer } from '../render/map/gl-map-renderer';
import type { ProbabilityGrid } from '../render/map/probability-grid';
import { MAP_RANGE } from '../render/map/map-renderer';
import type { MapQuality, MapRenderer } from '../render/map/map-renderer';
import { nearestSample, stepSample } from '../render/map/point-pick';
import type { CursorStep } from '../render/map/point-pick';
import { internalEvent } from '../events';
import type { PointHoverDetail } from '../events';
import { cssomStyle } from './cssom-style';
import { describeMarkers } from '../render/gl/palette';
import { decisionMapStyles } from './bp-decision-map.styles';
import { CanvasViewElement } from './canvas-view-element';
import { MapPointEditor, pointEditorStyles } from './map-point-editor';

const TICKS = ['−2', '−1', '0', '1', '2'];
/** how near (CSS px) the pointer must be to a sample to pick it */
const PICK_RADIUS = 8;
const KEY_STEPS: Readonly<Record<string, CursorStep>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/**
 * The decision map: the network's class probabilities over the input plane [−2, 2]², x₁ to the
 * right and x₂ up, lightly shaded by the class colours blended by probability (stronger where
 * the network is surer), the decision boundaries (where the most likely class changes) as
 * lines, and the data on top: class 0 as stars, class 1 as circles, classes 2–4 as squares,
 * triangles and diamonds; the run's test points hollow. The shading is the network evaluated per pixel in a WebGL fragment shader; without
 * WebGL a CPU-drawn map on a 100×100 grid takes its place, with a notice (also when a lost
 * context is not restored within 3 s). Draws at most once per animation frame, only when an
 * input changed, and not at all while off-screen; it draws on the one WebGL context every view
 * on the page shares (browsers keep only a few live contexts per page), and after 2 s
 * off-screen it gives its canvas and GPU memory back and redraws when it returns. A snapshot with non-finite weights is not drawn: the last good frame stays.
 * Nothing animates, so `prefers-reduced-motion` needs no special case.
 *
 * Hovering a sample, or focusing the plot and moving its cursor with the arrow keys (Home and
 * End: first and last sample; Escape: none), rings it (`highlightedPoint`) and tells
 * <backprop-lab>, which rings the same sample's image in the hidden space and gives its readout.
 *
 * @csspart plot - the square plot area (canvas and frame); the axes' ticks sit around it
 * @csspart canvas - the map's canvas (WebGL, or 2-D in the fallback)
 * @csspart notice - status line, shown when the map is CPU-drawn or its WebGL context is lost
 * @cssprop --bp-class-0-color - class 0 (the circles’ outer ring): stars; default #d62728 (#ff8a80 under light text, i.e. on a dark background)
 * @cssprop --bp-class-1-color - class 1 (inner disc): circles; default #1f77b4 (#3d9bff under light text)
 * @cssprop --bp-class-2-color - class 2: squares; default #009e73 (#8ae8cc under light text)
 * @cssprop --bp-class-3-color - class 3: triangles; default #e69f00 (#f4d371 under light text)
 * @cssprop --bp-class-4-color - class 4: diamonds; default #aa3377 (#e94fb8 under light text)
 * @cssprop --bp-text-color - ticks, titles, the boundary line and marker outlines; default inherited
 * @cssprop --bp-font-family - ticks and titles; default inherited
 * @cssprop --bp-accent-color - the ring on the highlighted sample; default Highlight
 * @cssprop --bp-focus-color - focus ring of the plot; default Highlight
 */
export class BpDecisionMap extends CanvasViewElement<MapRenderer> {
  static override styles = [decisionMapStyles, pointEditorStyles];

  /**
   * `full`: the network at every pixel (paused, done). `fast` (while training fast): on at most
   * 200×200 cells, fewer for large H (about 118² at H = 16, 64² at H = 64), upscaled with the
   * boundary still drawn at full resolution.
   */
  @property() quality: MapQuality = 'full';

  /** The sample (index into `data`) to ring; null for none. Hovering a sample or the arrow keys set it. */
  @property({ attribute: false }) highlightedPoint: number | null = null;
  /** Points can be added, moved and deleted by pointer and keyboard (MapPointEditor; `bp-point-edit`). */
  @property({ type: Boolean, reflect: true }) editable = false;

  private readonly editor = new MapPointEditor(this, () => this.view.requestDraw());

  /** hidden units the GPU shader holds; larger networks are drawn on the CPU */
  private gpuMaxHidden = Infinity;
  /** the current network is too large for the GPU shader */
  private cpuForced = false;

  /**
   * P(class 0) and the predicted class on numpy's grid `linspace(−2, 2, n)²` (row i is
   * y = linspace[i], column j is x), computed exactly as the map is (the shader, read back
   * from an offscreen n×n target; the CPU pass in the fallback). Null without parameters.
   */
  async renderProbabilityGrid(n = 200): Promise<ProbabilityGrid | null> {
    await this.updateComplete;
    const renderer = this.view.wake();
    if (!renderer) return null;
    this.syncRenderer(renderer);
    return renderer.renderProbabilityGrid(n);
  }

  protected override render() {
    return html`
      <div
        class="plot"
        part="plot"
        tabindex="0"
        role="application"
        aria-roledescription="scatter plot"
        aria-label="Samples on the decision map. Arrow keys move a cursor between samples, Escape clears it."
        @pointermove=${this.onPointerMove}
        @pointerleave=${this.onPointerLeave}
        @keydown=${this.onKeyDown}
        @focus=${this.onFocus}
        @blur=${this.onBlur}
      >
        ${this.surface} ${this.renderRing()}
        ${TICKS.map((label, k) => html`<span class="tick x at-${k}" aria-hidden="true">${label}</span>`)}
        ${TICKS.map((label, k) => html`<span class="tick y at-${k}" aria-hidden="true">${label}</span>`)}
        <span class="title x" aria-hidden="true">x₁</span>
        <span class="title y" aria-hidden="true">x₂</span>
        <p class="notice" part="notice" role="status">${this.mapNotice()}</p>
        ${this.editor.render()}
      </div>
    `;
  }

  protected override createWebglRenderer(regl: ViewRegl): MapRenderer {
    // the quality it starts in is built first; the other path in idle time
    const renderer = new GlMapRenderer(regl, this.quality);
    this.gpuMaxHidden = renderer.maxHidden;
    return renderer;
  }

  protected override createFallbackRenderer(canvas: HTMLCanvasElement): MapRenderer {
    return new CpuMapRenderer(canvas);
  }

  protected override decorateCanvas(canvas: HTMLCanvasElement): void {
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', this.canvasLabel());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('data')) this.view.canvas?.setAttribute('aria-label', this.canvasLabel());
  }

  private canvasLabel(): string {
    const data = this.data;
    const markers = describeMarkers(data?.classes ?? 2, data?.testRows?.length ?? 0);
    return `Decision map over x₁ and x₂ from −2 to 2: the shading shows the class the network predicts (a blend of the class colours by probability), the lines its decision boundaries; in the samples, ${markers}.`;
  }

  protected override forcesFallback(): boolean {
    return this.noWebgl || this.cpuForced;
  }

  /** Also back to WebGL once a new network fits the shader again. */
  protected override needsReattach(changed: PropertyValues<this>): boolean {
    const backToGpu = this.cpuForced && this.paramsFresh && (this.shown?.Wh.cols ?? 0) <= this.gpuMaxHidden;
    if (backToGpu) this.cpuForced = false;
    return super.needsReattach(changed) || backToGpu;
  }

  protected override needsRedraw(changed: PropertyValues<this>): boolean {
    return super.needsRedraw(changed) || changed.has('quality');
  }

  protected override drawFrame(renderer: MapRenderer): void {
    if (renderer instanceof GlMapRenderer && this.shown && !renderer.supports(this.shown)) {
      // more hidden units than this GPU's uniform arrays hold: draw this network on the CPU
      this.cpuForced = true;
      queueMicrotask(() => this.attachView());
      return;
    }
    this.syncRenderer(renderer);
    renderer.draw(this.quality);
  }

  /** The ring on the highlighted sample, placed in percent of the plot (no layout read). */
  private renderRing() {
    const i = this.highlightedPoint;
    const data = this.data;
    if (i === null || !data || !Number.isInteger(i) || i < 0 || i >= data.samples || data.inputs < 2) return nothing;
    const span = MAP_RANGE.hi - MAP_RANGE.lo;
    const left = (100 * (data.X[i * data.inputs] - MAP_RANGE.lo)) / span;
    const top = (100 * (MAP_RANGE.hi - data.X[i * data.inputs + 1])) / span;
    return html`<span class="ring" data-index=${i} ${cssomStyle({ left: `${left}%`, top: `${top}%` })}></span>`;
  }

  /** The cursor is on sample `index` (or none): ring it and tell the dashboard. */
  private hover(index: number | null, source: PointHoverDetail['source']): void {
    if (index === this.highlightedPoint) return;
    this.highlightedPoint = index;
    this.dispatchEvent(internalEvent('bp-point-hover', { index, source }));
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return;
    const span = MAP_RANGE.hi - MAP_RANGE.lo;
    const x1 = MAP_RANGE.lo + (span * (event.clientX - box.left)) / box.width;
    const x2 = MAP_RANGE.hi - (span * (event.clientY - box.top)) / box.height;
    this.hover(nearestSample(this.data, x1, x2, (span * PICK_RADIUS) / box.width), 'pointer');
  };

  private readonly onPointerLeave = (): void => {
    if (this.matches(':focus-within')) return;
    this.hover(null, 'pointer');
  };

  /** Focus puts the cursor on the first sample (unless one is highlighted already). */
  private readonly onFocus = (): void => {
    if (this.highlightedPoint === null && this.data && this.data.samples > 0) this.hover(0, 'keyboard');
  };

  private readonly onBlur = (): void => {
    this.hover(null, 'keyboard');
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const data = this.data;
    if (!data || data.samples === 0 || data.inputs < 2) return;
    const from = this.highlightedPoint !== null && this.highlightedPoint < data.samples ? this.highlightedPoint : null;
    let next: number | null;
    const step = KEY_STEPS[event.key];
    if (step) next = from === null ? 0 : stepSample(data, from, step);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = data.samples - 1;
    else if (event.key === 'Escape') next = null;
    else return;
    event.preventDefault();
    this.hover(next, 'keyboard');
  };

  /** The data drawn: a dragged or carried point at its new place until the edit arrives. */
  protected override syncRenderer(renderer: MapRenderer): void {
    super.syncRenderer(renderer);
    const shown = this.editor.shownData(this.data);
    if (shown !== this.data) renderer.setData(shown);
  }

  private mapNotice(): string {
    if (this.mode === 'fallback' && this.cpuForced) {
      return `WebGL here draws at most ${this.gpuMaxHidden} hidden units: showing a CPU-drawn map`;
    }
    return this.notice('map');
  }
}

if (!customElements.get('bp-decision-map')) customElements.define('bp-decision-map', BpDecisionMap);

declare global {
  interface HTMLElementTagNameMap {
    'bp-decision-map': BpDecisionMap;
  }
}

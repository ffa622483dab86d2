import { html } from 'lit';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createRegl } from '../render/gl/create-regl';
import { CpuMapRenderer } from '../render/map/cpu-map-renderer';
import { GlMapRenderer } from '../render/map/gl-map-renderer';
import type { ProbabilityGrid } from '../render/map/probability-grid';
import type { MapQuality, MapRenderer } from '../render/map/map-renderer';
import { describeMarkers } from '../render/gl/palette';
import { decisionMapStyles } from './bp-decision-map.styles';
import { CanvasViewElement } from './canvas-view-element';

const TICKS = ['−2', '−1', '0', '1', '2'];

/**
 * The decision map: the network's class probabilities over the input plane [−2, 2]², x₁ to the
 * right and x₂ up, lightly shaded by the class colours blended by probability (stronger where
 * the network is surer), the decision boundaries (where the most likely class changes) as
 * lines, and the data on top: class 0 as stars, class 1 as circles, classes 2–4 as squares,
 * triangles and diamonds; the run's test points hollow. The shading is the network evaluated per pixel in a WebGL fragment shader; without
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
 * @cssprop --bp-class-0-color - class 0 (the circles’ outer ring): stars; default #d62728 (#ff8a80 under light text, i.e. on a dark background)
 * @cssprop --bp-class-1-color - class 1 (inner disc): circles; default #1f77b4 (#3d9bff under light text)
 * @cssprop --bp-class-2-color - class 2: squares; default #009e73 (#8ae8cc under light text)
 * @cssprop --bp-class-3-color - class 3: triangles; default #e69f00 (#f4d371 under light text)
 * @cssprop --bp-class-4-color - class 4: diamonds; default #aa3377 (#e94fb8 under light text)
 * @cssprop --bp-text-color - ticks, titles, the boundary line and marker outlines; default inherited
 * @cssprop --bp-font-family - ticks and titles; default inherited
 */
export class BpDecisionMap extends CanvasViewElement<MapRenderer> {
  static override styles = decisionMapStyles;

  /**
   * `full`: the network at every pixel (paused, done). `fast` (while training fast): on at most
   * 200×200 cells, fewer for large H (about 118² at H = 16, 64² at H = 64), upscaled with the
   * boundary still drawn at full resolution.
   */
  @property() quality: MapQuality = 'full';

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
      <div class="plot" part="plot">
        ${this.surface}
        ${TICKS.map((label, k) => html`<span class="tick x at-${k}" aria-hidden="true">${label}</span>`)}
        ${TICKS.map((label, k) => html`<span class="tick y at-${k}" aria-hidden="true">${label}</span>`)}
        <span class="title x" aria-hidden="true">x₁</span>
        <span class="title y" aria-hidden="true">x₂</span>
        <p class="notice" part="notice" role="status">${this.mapNotice()}</p>
      </div>
    `;
  }

  protected override createWebglRenderer(canvas: HTMLCanvasElement): MapRenderer {
    // the quality it starts in is built first; the other path in idle time
    const renderer = new GlMapRenderer(createRegl(canvas), this.quality);
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

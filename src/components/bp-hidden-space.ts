import { html, nothing, svg } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { AxisLabelLayout } from '../render/hidden-space/axis-labels';
import { CpuHiddenSpaceRenderer } from '../render/hidden-space/cpu-hidden-space-renderer';
import type { ViewRegl } from '../render/canvas/view-renderer';
import type { HiddenSpaceRenderer } from '../render/hidden-space/hidden-space-renderer';
import { GlHiddenSpaceRenderer } from '../render/hidden-space/gl-hidden-space-renderer';
import { axisTitles, DEFAULT_UNITS, resolveUnits } from '../render/hidden-space/hidden-units';
import type { AxisUnits } from '../render/hidden-space/hidden-units';
import { clampElevation, DEFAULT_CAMERA, wrapAzimuth } from '../render/hidden-space/orbit-camera';
import type { OrbitCamera } from '../render/hidden-space/orbit-camera';
import { dragOrbit, keyOrbit } from '../render/hidden-space/orbit-input';
import { PointerDrag } from '../render/hidden-space/pointer-drag';
import { HiddenPointPicker } from '../render/hidden-space/point-picker';
import type { PickerView } from '../render/hidden-space/point-picker';
import { internalEvent } from '../events';
import { hiddenSpaceStyles } from './bp-hidden-space.styles';
import { CanvasViewElement } from './canvas-view-element';
import { cssomStyle } from './cssom-style';
import { describeMarkers } from '../render/gl/palette';

const AXIS_NAMES = ['x', 'y', 'z'] as const;
/** how near (CSS px) the pointer must be to a point's image to pick it */
const PICK_RADIUS = 8;

/**
 * The hidden space: every sample at its activations (h_a, h_b, h_c) ∈ [0, 1]³ of three hidden
 * units, class 0 as stars and class 1 as circles, in a unit cube with ticks at 0, 0.5 and 1.
 * This is where the tutorial's point lands: the hidden layer moves the two circles apart until
 * a plane separates them. Activations are computed in the vertex shader from the inputs and
 * the parameters, so a new snapshot costs three uniforms.
 *
 * Rotate by dragging (mouse, pen or touch) or, when focused, with the arrow keys (Shift: 15°
 * steps; Home resets). The default camera is the tutorial's `view_init(elev=30, azim=−20)`.
 * With more than three hidden units, three selects choose the units shown; with fewer, the
 * missing axes are padded with 0 (every point lies on that axis's 0 plane). Like the decision
 * map, it draws only while on-screen (on the page's one shared WebGL context), gives its
 * canvas and GPU memory back after 2 s off-screen, falls back to a CPU-drawn view when a lost context is not restored within 3 s,
 * and keeps the last good frame when a snapshot's weights are not finite. Nothing animates, so
 * `prefers-reduced-motion` needs no special case.
 *
 * Two overlays, each with a checkbox (and a `no-*` switch): the **output plane**, where the output
 * layer is undecided between two classes, (Wo[:, b] − Wo[:, a])·h + (bo_b − bo_a) = 0, clipped
 * to the cube and translucent (for two classes a, b = 0, 1; for more, the two classes most
 * probable on average over the data; with more than three units, the section through the three
 * shown, the others held at their mean over the data); and the **warped grid**, the images
 * h(x) of the input grid lines x₁ = c and x₂ = c over [−2, 2]² (Olah's "Neural Networks,
 * Manifolds, and Topology"), showing how the hidden layer bends the input plane.
 *
 * Hovering a point rings it (`highlightedPoint`) and tells <backprop-lab>, which rings the same
 * sample on the decision map and gives its readout.
 *
 * @csspart plot - the focusable, draggable view (canvas and labels)
 * @csspart canvas - the WebGL canvas (2-D in the fallback)
 * @csspart controls - the row under the view: unit selects and the reset button
 * @csspart unit-select - each of the three unit selects (shown when H > 3)
 * @csspart reset-button - the "Reset view" button
 * @csspart overlay-toggle - each of the "Plane" and "Grid" checkboxes
 * @csspart notice - status line, shown when WebGL is unavailable or its context is lost
 * @cssprop --bp-class-0-color - class 0: stars; default #d62728 (#ff8a80 under light text, i.e. on a dark background)
 * @cssprop --bp-class-1-color - class 1: circles; default #1f77b4 (#3d9bff under light text)
 * @cssprop --bp-class-2-color - class 2: squares; default #009e73 (#8ae8cc under light text)
 * @cssprop --bp-class-3-color - class 3: triangles; default #e69f00 (#f4d371 under light text)
 * @cssprop --bp-class-4-color - class 4: diamonds; default #aa3377 (#e94fb8 under light text)
 * @cssprop --bp-text-color - labels, cube edges and marker outlines; default inherited
 * @cssprop --bp-font-family - labels and controls; default inherited
 * @cssprop --bp-focus-color - focus ring of the view; default Highlight
 * @cssprop --bp-accent-color - the highlighted axis and sample ring; default Highlight
 */
export class BpHiddenSpace extends CanvasViewElement<HiddenSpaceRenderer> {
  static override styles = hiddenSpaceStyles;

  /** Camera elevation in degrees above the first two axes' plane, −90 … 90. */
  @property({ type: Number }) elevation = DEFAULT_CAMERA.elevation;

  /** Camera azimuth in degrees about the third axis, −180 … 180. */
  @property({ type: Number }) azimuth = DEFAULT_CAMERA.azimuth;

  /** The hidden units on the three axes, 1-based (h1 … hH); clamped to the network's H. */
  @property({ attribute: false }) units: readonly number[] = DEFAULT_UNITS;

  /** Hide the output layer's decision plane. */
  @property({ type: Boolean, attribute: 'no-plane' }) noPlane = false;

  /** Hide the warped grid (the input plane's grid lines carried into the hidden space). */
  @property({ type: Boolean, attribute: 'no-grid' }) noGrid = false;

  /**
   * The hidden unit whose axis to highlight, counted from 0 (unit k is "h{k+1}", as the network
   * diagram's `unit-K`); null for none. A unit not on one of the three axes highlights nothing.
   */
  @property({ attribute: false }) highlightedUnit: number | null = null;

  /** The sample (index into `data`) whose image is ringed; null for none. Hovering a point sets it. */
  @property({ attribute: false }) highlightedPoint: number | null = null;

  @state() private box = { width: 0, height: 0 };
  @state() private dragging = false;

  /** the units on the axes, resolved when `units` or H change */
  private axisUnits: AxisUnits = DEFAULT_UNITS;
  private readonly labelLayout = new AxisLabelLayout();
  private readonly drag = new PointerDrag();
  private readonly picker = new HiddenPointPicker();

  /** The units actually shown: null marks an axis padded with 0 (H < 3). */
  get shownUnits(): AxisUnits {
    return resolveUnits(this.units, this.params?.Wh.cols ?? 3);
  }

  /** Back to the tutorial's view (elevation 30°, azimuth −20°). */
  resetView(): void {
    this.camera = DEFAULT_CAMERA;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.drag.end();
    this.dragging = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('elevation')) this.elevation = clampElevation(Number(this.elevation) || 0);
    if (changed.has('azimuth')) this.azimuth = wrapAzimuth(Number(this.azimuth) || 0);
    // clamp the choice when H shrinks (H < 3 pads instead, keeping the request for later)
    if (changed.has('params') || changed.has('units')) {
      const H = this.params?.Wh.cols ?? 0;
      const shown = resolveUnits(this.units, H || 3);
      if (H >= 3 && shown.some((u, k) => u !== this.units[k])) this.units = shown as readonly number[];
      this.axisUnits = shown;
    }
    // a no-op unless the camera, the box or the units changed (not for a new snapshot)
    this.labelLayout.update(this.camera, this.box.width, this.box.height, this.axisUnits);
  }

  protected override render() {
    const shown = this.axisUnits;
    const titles = axisTitles(shown);
    const H = this.params?.Wh.cols ?? 0;
    const unitAxis = this.highlightedAxis;
    return html`
      <div
        class="plot ${this.dragging ? 'dragging' : ''}"
        part="plot"
        tabindex="0"
        role="application"
        aria-roledescription="3-D scatter plot"
        aria-label="Hidden layer: each sample at its activations of ${titles.join(', ')}, from 0 to 1; ${describeMarkers(this.data?.classes ?? 2, this.data?.testRows?.length ?? 0)}.${this.noPlane ? '' : ' A translucent plane shows where the output layer is undecided.'}${this.noGrid ? '' : ' Curves show the input grid carried into the hidden layer.'} Elevation ${Math.round(this.elevation)}°, azimuth ${Math.round(this.azimuth)}°. Drag or use the arrow keys to rotate, Home to reset."
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerleave=${this.onPointerLeave}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @lostpointercapture=${this.onPointerUp}
        @keydown=${this.onKeyDown}
      >
        ${this.surface}
        <div class="labels" aria-hidden="true">
          ${guard([this.labelLayout.version, unitAxis], () => this.renderLabels(unitAxis))}${this.renderRing()}
        </div>
        <p class="notice" part="notice" role="status">${this.notice('view')}</p>
      </div>
      <div class="controls" part="controls">
        ${H > 3 ? AXIS_NAMES.map((axis, k) => this.renderUnitSelect(axis, k, H, shown[k])) : nothing}
        ${H > 0 && H < 3 ? html`<span class="note">H = ${H}: the ${H === 2 ? 'z axis is' : 'y and z axes are'} 0 (no unit)</span>` : nothing}
        <label
          ><input
            type="checkbox"
            part="overlay-toggle"
            data-overlay="plane"
            .checked=${!this.noPlane}
            @change=${this.onOverlayToggle}
          />
          Plane</label
        >
        <label
          ><input
            type="checkbox"
            part="overlay-toggle"
            data-overlay="grid"
            .checked=${!this.noGrid}
            @change=${this.onOverlayToggle}
          />
          Grid</label
        >
        <button type="button" part="reset-button" @click=${this.resetView}>Reset view</button>
      </div>
    `;
  }

  protected override createWebglRenderer(regl: ViewRegl): HiddenSpaceRenderer {
    return new GlHiddenSpaceRenderer(regl);
  }

  protected override createFallbackRenderer(canvas: HTMLCanvasElement): HiddenSpaceRenderer {
    return new CpuHiddenSpaceRenderer(canvas);
  }

  protected override decorateCanvas(canvas: HTMLCanvasElement): void {
    canvas.setAttribute('aria-hidden', 'true');
  }

  protected override viewResized(width: number, height: number): void {
    if (width !== this.box.width || height !== this.box.height) this.box = { width, height };
  }

  protected override needsRedraw(changed: PropertyValues<this>): boolean {
    return (
      super.needsRedraw(changed) ||
      changed.has('elevation') ||
      changed.has('azimuth') ||
      changed.has('units') ||
      changed.has('noPlane') ||
      changed.has('noGrid')
    );
  }

  protected override drawFrame(renderer: HiddenSpaceRenderer): void {
    renderer.setUnits(this.axisUnits);
    this.syncRenderer(renderer);
    renderer.setCamera(this.camera);
    renderer.setOverlays({ plane: !this.noPlane, grid: !this.noGrid });
    renderer.draw();
  }

  private renderUnitSelect(axis: string, k: number, H: number, unit: number | null) {
    return html`<label
      >${axis}
      <select
        part="unit-select"
        aria-label="Hidden unit on the ${axis} axis"
        data-axis=${k}
        @change=${this.onUnitChange}
      >
        ${Array.from({ length: H }, (_, j) => html`<option value=${j + 1} .selected=${unit === j + 1}>h${j + 1}</option>`)}
      </select></label
    >`;
  }

  /** Re-rendered only when the layout or the highlighted axis changed (a guard), not per snapshot. */
  private renderLabels(unitAxis: number) {
    const { width, height } = this.box;
    const axis = this.labelLayout.axes[unitAxis];
    return html`${this.labelLayout.labels.map((label) => {
      const transform = `translate(${label.x.toFixed(1)}px, ${label.y.toFixed(1)}px) translate(-50%, -50%)`;
      const lit = label.kind === 'title' && label.axis === unitAxis ? 'highlighted' : '';
      return html`<span class="label ${label.kind} ${lit}" ${cssomStyle({ transform })}>${label.text}</span>`;
    })}${
      axis
        ? html`<svg class="axis-highlight" viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
            ${svg`<line x1=${axis.x1} y1=${axis.y1} x2=${axis.x2} y2=${axis.y2} />`}
          </svg>`
        : nothing
    }`;
  }

  /** The ring on the highlighted sample's image (moves with each snapshot while one is highlighted). */
  private renderRing() {
    const i = this.highlightedPoint;
    const at = i === null ? null : this.picker.position(this.pickerView, i);
    if (!at) return nothing;
    const transform = `translate(${at.x.toFixed(1)}px, ${at.y.toFixed(1)}px) translate(-50%, -50%)`;
    return html`<span class="ring" data-index=${i} ${cssomStyle({ transform })}></span>`;
  }

  /** The axis (0–2) showing `highlightedUnit`, or −1. */
  private get highlightedAxis(): number {
    const k = this.highlightedUnit;
    return k === null || !Number.isInteger(k) ? -1 : this.axisUnits.indexOf(k + 1);
  }

  private get pickerView(): PickerView {
    return {
      params: this.shown,
      data: this.data,
      units: this.axisUnits,
      camera: this.camera,
      width: this.box.width,
      height: this.box.height,
    };
  }

  /** The pointer is on sample `index` (or none): ring it and tell the dashboard. */
  private hover(index: number | null): void {
    if (index === this.highlightedPoint) return;
    this.highlightedPoint = index;
    this.dispatchEvent(internalEvent('bp-point-hover', { index, source: 'pointer' }));
  }

  private readonly onOverlayToggle = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.overlay === 'plane') this.noPlane = !input.checked;
    else this.noGrid = !input.checked;
  };

  private readonly onPointerLeave = (): void => {
    if (!this.dragging) this.hover(null);
  };

  private readonly onUnitChange = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    const axis = Number(select.dataset.axis);
    const next = [...this.shownUnits].map((u) => u ?? 0);
    next[axis] = Number(select.value);
    this.units = next;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (this.drag.start(event)) this.dragging = true;
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const delta = this.drag.move(event);
    if (delta) this.camera = dragOrbit(this.camera, delta[0], delta[1], this.box.width);
    else if (!this.dragging && event.buttons === 0) {
      const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
      this.hover(this.picker.pick(this.pickerView, event.clientX - box.left, event.clientY - box.top, PICK_RADIUS));
    }
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (this.drag.end(event)) this.dragging = false;
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const next = keyOrbit(this.camera, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    this.camera = next;
  };

  private get camera(): OrbitCamera {
    return { elevation: this.elevation, azimuth: this.azimuth };
  }

  private set camera(camera: OrbitCamera) {
    this.elevation = camera.elevation;
    this.azimuth = camera.azimuth;
  }
}

if (!customElements.get('bp-hidden-space')) customElements.define('bp-hidden-space', BpHiddenSpace);

declare global {
  interface HTMLElementTagNameMap {
    'bp-hidden-space': BpHiddenSpace;
  }
}

import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { packParams } from '../core/params';
import type { Params } from '../core/types';
import type { ViewRegl } from '../render/canvas/view-renderer';
import { CpuNetworkRenderer } from '../render/network/cpu-network-renderer';
import { GlNetworkRenderer } from '../render/network/gl-network-renderer';
import { layoutNetwork, linkAt, unitBox, type NetworkLayout, type UnitRef } from '../render/network/network-layout';
import type { NetworkRenderer } from '../render/network/network-renderer';
import { buildScene, type DiagramFocus, type NetworkColors } from '../render/network/network-scene';
import { readNetworkColors } from '../render/network/network-theme';
import { networkStyles } from './bp-network.styles';
import { CanvasViewElement } from './canvas-view-element';
import { describeItem, diagramItems, type DiagramItem } from './network-items';

/** Side (px) of the PNG `toDataURL('unit-K')` returns. */
export const UNIT_IMAGE_SIZE = 200;

/**
 * The network diagram: input nodes x₁, x₂, the hidden units and the output classes, each
 * hidden unit's box holding its response map h_k(x) over [−2, 2]² and each class's box its
 * probability map, on a diverging scale (`--bp-low-color` at 0, the background at 0.5,
 * `--bp-high-color` at 1). Links between them are as wide as |w| (relative to the largest) and
 * coloured by sign; a disc under each unit is its bias. When `gradients` are given (the run is
 * paused or stepped), a mark on each link and bias shows the descent direction −∂ξ/∂w and its
 * size relative to the largest. Every map is evaluated per pixel in a fragment shader from the
 * same parameters as the decision map, all in this view's one canvas (viewports and scissors);
 * without WebGL the maps are CPU-drawn on a coarse grid. Up to 16 hidden units are drawn as a
 * diagram; more as a grid of unit maps without links.
 *
 * Every unit, link and bias is reachable from the keyboard (one tab stop, then the arrow keys,
 * Home and End); focusing or hovering one shows its details below the diagram (a weight, its
 * gradient and its last update) and a unit's map enlarged.
 *
 * @fires bp-highlight-unit - (internal) the focused or hovered hidden unit changed; detail {unit: number | null}
 * @csspart plot - the square diagram (canvas and the focusable overlay)
 * @csspart canvas - the diagram's canvas (WebGL, or 2-D in the fallback)
 * @csspart details - the focused item's details
 * @csspart notice - status line, shown when the diagram is CPU-drawn or its WebGL context is lost
 * @cssprop --bp-low-color - a unit's value 0 on the maps' diverging scale; default #f59322
 * @cssprop --bp-high-color - a unit's value 1; default #0877bd
 * @cssprop --bp-negative-weight-color - links and biases below 0; default the low colour
 * @cssprop --bp-positive-weight-color - links and biases above 0; default the high colour
 * @cssprop --bp-background - behind the enlarged map; default the page's Canvas colour
 * @cssprop --bp-text-color - labels, frames, focus and the update marks; default inherited
 * @cssprop --bp-accent-color - the focus ring of the overlay's items
 */
export class BpNetwork extends CanvasViewElement<NetworkRenderer> {
  static override styles = networkStyles;

  /** Backprop's gradients ∂ξ/∂P at `params` (the viewed iteration's), or null: no update marks. */
  @property({ attribute: false }) gradients: Params | null = null;

  /** The update that led to `params`, −ε·J + μ·V (= P_k − P_{k−1}), or null when unknown. */
  @property({ attribute: false }) lastUpdate: Params | null = null;

  /** The iteration `params` belong to (for the details). */
  @property({ type: Number }) iteration = 0;

  /** the plot's CSS side */
  @state() private plotSize = 0;
  /** the roving tab stop: index into the items */
  @state() private active = 0;
  @state() private focused: DiagramFocus | null = null;
  @state() private hovered: DiagramFocus | null = null;

  private layout: NetworkLayout | null = null;
  private items: DiagramItem[] = [];
  private colors?: NetworkColors;
  /** the colours are to be read again before the next draw */
  private colorsStale = true;
  private packed: { source: Params; values: Float64Array } | null = null;
  private packedGradients: { source: Params; values: Float64Array } | null = null;
  private gpuMaxHidden = Infinity;
  private cpuForced = false;
  private highlighted: number | null = null;

  /** The focused or hovered item (hover wins). */
  get shownFocus(): DiagramFocus | null {
    return this.hovered ?? this.focused;
  }

  /**
   * The canvas as a PNG, or with `'unit-K'` hidden unit K's map (K from 0) and with
   * `'output-C'` class C's probability map, UNIT_IMAGE_SIZE² over [−2, 2]², y up.
   */
  override toDataURL(type = 'image/png', quality?: number): string {
    const unit = parseUnitName(type);
    if (!unit) return super.toDataURL(type, quality);
    const renderer = this.view.wake();
    if (!renderer) return 'data:,';
    this.syncAll(renderer);
    const image = renderer.unitImage(unit, UNIT_IMAGE_SIZE);
    if (!image) return 'data:,';
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = UNIT_IMAGE_SIZE;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png');
  }

  /**
   * A unit's value (h_k, or class c's probability) at the centres of an n×n grid over
   * [−2, 2]², row 0 at the top (y = 2), evaluated as its map is drawn. Null without parameters.
   */
  async unitValues(unit: UnitRef, n = 64): Promise<Float32Array | null> {
    await this.updateComplete;
    const renderer = this.view.wake();
    if (!renderer) return null;
    this.syncAll(renderer);
    return renderer.unitValues(unit, n);
  }

  /** Where unit `unit`'s box is, in CSS px of the plot (tests, hosts placing notes). */
  unitBox(unit: UnitRef): { x: number; y: number; size: number } | null {
    return (this.layout && unitBox(this.layout, unit)) ?? null;
  }

  /** 'diagram' up to 16 hidden units, 'grid' above; null before the first layout. */
  get layoutMode(): 'diagram' | 'grid' | null {
    return this.layout?.mode ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.highlight(null);
  }

  protected override render() {
    const focus = this.shownFocus;
    const focusedItem = focus ? this.items.find((item) => sameFocus(item.focus, focus)) : undefined;
    return html`
      <div class="plot" part="plot" @pointermove=${this.onPointerMove} @pointerleave=${this.onPointerLeave}>
        ${this.surface}
        <div
          class="overlay"
          role="group"
          aria-label="Network diagram: ${this.summary()}. Arrow keys move between units, links and biases."
          @keydown=${this.onKeyDown}
          @focusin=${this.onFocusIn}
          @focusout=${this.onFocusOut}
        >
          ${this.items.map(
            (item, k) =>
              html`<button
                type="button"
                class="item ${item.focus.kind}"
                tabindex=${k === this.active ? 0 : -1}
                aria-label=${item.name}
                aria-describedby="details"
                data-item=${item.key}
                style=${styleMap({
                  left: `${item.x}px`,
                  top: `${item.y}px`,
                  width: `${item.w}px`,
                  height: `${item.h}px`,
                })}
              >
                ${item.focus.kind === 'input' ? html`<span aria-hidden="true">${item.short}</span>` : nothing}
              </button>`,
          )}
        </div>
        <p class="notice" part="notice" role="status">${this.diagramNotice()}</p>
      </div>
      <p class="details" id="details" part="details">${focusedItem ? this.details(focusedItem) : this.hint()}</p>
    `;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('params') || (changed as Map<PropertyKey, unknown>).has('plotSize')) this.relayout();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.shownFocus;
    this.highlight(focus?.kind === 'unit' && focus.unit.layer === 'hidden' ? focus.unit.index : null);
  }

  protected override createWebglRenderer(regl: ViewRegl): NetworkRenderer {
    const renderer = new GlNetworkRenderer(regl);
    this.gpuMaxHidden = renderer.maxHidden;
    return renderer;
  }

  protected override createFallbackRenderer(canvas: HTMLCanvasElement): NetworkRenderer {
    return new CpuNetworkRenderer(canvas);
  }

  protected override decorateCanvas(canvas: HTMLCanvasElement): void {
    // the overlay names every unit, link and bias; the picture itself is decoration
    canvas.setAttribute('aria-hidden', 'true');
  }

  protected override viewResized(width: number): void {
    this.plotSize = width;
  }

  protected override readColors(): void {
    // read when drawing, as the theme is (CanvasViewElement.readColors)
    this.colorsStale = true;
    super.readColors();
  }

  protected override forcesFallback(): boolean {
    return this.noWebgl || this.cpuForced;
  }

  protected override needsReattach(changed: PropertyValues<this>): boolean {
    const backToGpu = this.cpuForced && this.paramsFresh && (this.shown?.Wh.cols ?? 0) <= this.gpuMaxHidden;
    if (backToGpu) this.cpuForced = false;
    return super.needsReattach(changed) || backToGpu;
  }

  protected override needsRedraw(changed: PropertyValues<this>): boolean {
    // the private states too: the layout, the focus ring and the enlarged map follow them
    const own = changed as Map<PropertyKey, unknown>;
    return (
      super.needsRedraw(changed) ||
      changed.has('gradients') ||
      own.has('plotSize') ||
      own.has('focused') ||
      own.has('hovered')
    );
  }

  protected override drawFrame(renderer: NetworkRenderer): void {
    if (renderer instanceof GlNetworkRenderer && this.shown && !renderer.supports(this.shown)) {
      // more hidden units than this GPU's uniform arrays hold: draw this network on the CPU
      this.cpuForced = true;
      queueMicrotask(() => this.attachView());
      return;
    }
    this.syncAll(renderer);
    if (!this.layout) return renderer.draw([]);
    renderer.draw(
      buildScene({
        layout: this.layout,
        params: this.packedParams(),
        gradients: this.packedGradientsFor(),
        focus: this.shownFocus,
        colors: this.readColorsIfStale(),
      }),
    );
  }

  private syncAll(renderer: NetworkRenderer): void {
    this.syncRenderer(renderer);
    renderer.setColors(this.readColorsIfStale());
  }

  /** The diagram's colours, read again if they are stale. */
  private readColorsIfStale(): NetworkColors {
    if (this.colorsStale || !this.colors) this.colors = readNetworkColors(this, this.colors);
    this.colorsStale = false;
    return this.colors;
  }

  private packedParams(): Float64Array | null {
    const params = this.shown;
    if (!params) return null;
    if (this.packed?.source !== params) this.packed = { source: params, values: packParams(params) };
    return this.packed.values;
  }

  /** The gradients packed, when they have the shown parameters' shape. */
  private packedGradientsFor(): Float64Array | null {
    const { gradients, shown } = this;
    if (!gradients || !shown || gradients.Wh.cols !== shown.Wh.cols || gradients.Wo.cols !== shown.Wo.cols) return null;
    if (this.packedGradients?.source !== gradients) {
      this.packedGradients = { source: gradients, values: packParams(gradients) };
    }
    return this.packedGradients.values;
  }

  private relayout(): void {
    const params = this.shown;
    const size = this.plotSize;
    const shape = params
      ? { inputs: params.Wh.rows, hidden: params.Wh.cols, classes: params.Wo.cols }
      : { inputs: 2, hidden: 0, classes: 0 };
    const current = this.layout;
    if (
      current &&
      current.size === size &&
      current.shape.inputs === shape.inputs &&
      current.shape.hidden === shape.hidden &&
      current.shape.classes === shape.classes
    ) {
      return;
    }
    this.layout = size > 0 ? layoutNetwork(shape, size) : null;
    const previous = this.items[this.active]?.key;
    this.items = this.layout ? diagramItems(this.layout) : [];
    const kept = this.items.findIndex((item) => item.key === previous);
    this.active = kept >= 0 ? kept : 0;
    if (this.focused && !this.items.some((item) => sameFocus(item.focus, this.focused!))) this.focused = null;
    this.hovered = null;
  }

  private summary(): string {
    const layout = this.layout;
    if (!layout || layout.shape.hidden === 0) return 'no network yet';
    const { inputs: D, hidden: H, classes: C } = layout.shape;
    const grid = layout.mode === 'grid' ? ', shown as a grid of unit maps without links' : '';
    return `${D} inputs, ${H} hidden units, ${C} classes${grid}`;
  }

  private details(item: DiagramItem) {
    return describeItem(item, {
      params: this.packedParams(),
      gradients: this.packedGradientsFor(),
      update: this.lastUpdate ? packParams(this.lastUpdate) : null,
      iteration: this.iteration,
    });
  }

  private hint(): string {
    return this.items.length > 0
      ? 'Focus or hover a unit, link or bias for its map, weight, gradient and last update.'
      : '';
  }

  private diagramNotice(): string {
    if (this.mode === 'fallback' && this.cpuForced) {
      return `WebGL here draws at most ${this.gpuMaxHidden} hidden units: showing CPU-drawn maps`;
    }
    return this.notice('diagram');
  }

  /** Tells the host which hidden unit to highlight in the hidden space (once per change). */
  private highlight(unit: number | null): void {
    if (unit === this.highlighted) return;
    this.highlighted = unit;
    this.dispatchEvent(new CustomEvent('bp-highlight-unit', { detail: { unit } }));
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const n = this.items.length;
    if (n === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowRight: this.active + 1,
      ArrowUp: this.active - 1,
      ArrowLeft: this.active - 1,
      Home: 0,
      End: n - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.active = Math.max(0, Math.min(n - 1, next));
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-item="${this.items[this.active].key}"]`)?.focus(),
    );
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const key = (event.target as HTMLElement).dataset.item;
    const index = this.items.findIndex((item) => item.key === key);
    if (index < 0) return;
    this.active = index;
    this.focused = this.items[index].focus;
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.focused = null;
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const layout = this.layout;
    if (!layout) return;
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const inside = (b: { x: number; y: number; size: number }) =>
      x >= b.x && x <= b.x + b.size && y >= b.y && y <= b.y + b.size;
    let hover: DiagramFocus | null = null;
    const hidden = layout.hidden.findIndex(inside);
    const output = layout.outputs.findIndex(inside);
    const input = layout.inputs.findIndex(inside);
    const bias = layout.biases.findIndex((b) => Math.hypot(x - b.x, y - b.y) <= b.radius + 2);
    if (hidden >= 0) hover = { kind: 'unit', unit: { layer: 'hidden', index: hidden } };
    else if (output >= 0) hover = { kind: 'unit', unit: { layer: 'output', index: output } };
    else if (input >= 0) hover = { kind: 'input', index: input };
    else if (bias >= 0) hover = { kind: 'bias', index: bias };
    else {
      const link = linkAt(layout, x, y);
      if (link >= 0) hover = { kind: 'link', index: link };
    }
    if (!sameFocus(hover, this.hovered)) this.hovered = hover;
  };

  private readonly onPointerLeave = (): void => {
    this.hovered = null;
  };
}

/** `unit-K` → hidden unit K, `output-C` → class C; anything else null. */
function parseUnitName(name: string): UnitRef | null {
  const match = /^(unit|output)-(\d{1,3})$/.exec(name);
  if (!match) return null;
  return { layer: match[1] === 'unit' ? 'hidden' : 'output', index: Number(match[2]) };
}

export function sameFocus(a: DiagramFocus | null, b: DiagramFocus | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'unit' && b.kind === 'unit') return a.unit.layer === b.unit.layer && a.unit.index === b.unit.index;
  return a.kind === b.kind && 'index' in a && 'index' in b && a.index === b.index;
}

if (!customElements.get('bp-network')) customElements.define('bp-network', BpNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'bp-network': BpNetwork;
  }
}

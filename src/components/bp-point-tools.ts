import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { internalEvent, type PointEditorRequest } from '../events';
import { addMarker, cssRgba } from '../render/gl/marker-paths';
import { readTheme } from '../render/gl/theme';
import { MAP_SIZES } from '../render/map/map-renderer';
import { afterNextPaint } from './after-paint';
import { controlStyles, themeStyles } from './shared.styles';

/**
 * Beside the decision map while its points can be edited by hand: the class that clicks and
 * Enter add (each with its marker, drawn as the map draws it), Undo and Redo. Asks the lab
 * through `bp-point-request`; holds no state of its own.
 *
 * @fires bp-point-request - internal: `{ request: 'class', cls }`, `{ request: 'undo' }`, `{ request: 'redo' }`
 */
export class BpPointTools extends LitElement {
  static override styles = [
    themeStyles,
    controlStyles,
    css`
      :host {
        display: block;
        font-size: 0.75rem;
        background: transparent;
      }
      /* one row under the map: the classes, then Undo and Redo at the end */
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.25rem 0.5rem;
      }
      button {
        min-height: 1.75rem;
        min-width: 1.75rem;
        padding: 0 0.4rem;
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem;
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        float: left;
        margin-right: 0.35rem;
        padding: 0;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.2rem;
        min-height: 1.75rem;
        padding: 0 0.3rem;
        border: 1px solid transparent;
        border-radius: var(--_bp-radius);
        cursor: pointer;
      }
      label:has(input:checked) {
        border-color: var(--_bp-accent);
        background: var(--_bp-surface);
      }
      label:has(input:focus-visible) {
        outline: 2px solid var(--_bp-accent);
        outline-offset: 1px;
      }
      canvas {
        width: 16px;
        height: 16px;
      }
      .history {
        display: flex;
        gap: 0.25rem;
      }
    `,
  ];

  /** the run's class count: the picker offers 0 … classes − 1 */
  @property({ type: Number }) classes = 2;
  /** the class new points get */
  @property({ type: Number }) selected = 0;
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;

  /** Re-reads the class colours into the markers (the lab calls it with its views'). */
  refreshColors(): void {
    this.drawMarkers();
  }

  protected override render() {
    const classes = Array.from({ length: Math.max(0, Math.min(5, this.classes)) }, (_, k) => k);
    return html`<div class="bar">
      <fieldset>
        <legend>Add</legend>
        ${classes.map(
          (k) =>
            html`<label
              ><input
                type="radio"
                class="visually-hidden"
                name="class"
                .checked=${k === this.selected}
                @change=${() => this.ask({ request: 'class', cls: k })}
              /><canvas data-class=${k} width="32" height="32" aria-hidden="true"></canvas
              ><span class="visually-hidden">class </span>${k}</label
            >`,
        )}
      </fieldset>
      <div class="history">
        <button
          type="button"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          ?disabled=${!this.canUndo}
          @click=${() => this.ask({ request: 'undo' })}
        >
          <span aria-hidden="true">↶</span>
        </button>
        <button
          type="button"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          ?disabled=${!this.canRedo}
          @click=${() => this.ask({ request: 'redo' })}
        >
          <span aria-hidden="true">↷</span>
        </button>
      </div>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // after the next paint: the colours' getComputedStyle would force a style recalculation
    // in the task that builds the page (after-paint.ts)
    if (changed.has('classes')) {
      this.cancelMarkers?.();
      this.cancelMarkers = afterNextPaint(() => {
        this.cancelMarkers = null;
        if (this.isConnected) this.drawMarkers();
      });
    }
  }

  private cancelMarkers: (() => void) | null = null;

  private drawMarkers(): void {
    const theme = readTheme(this);
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-class]')) {
      const k = Number(canvas.dataset.class);
      // a canvas on the CPU (a few 32 px icons): with GPU compositing, making a GPU one waited
      // for the GPU process at start-up, busy with the worker's WebGL warm-up (this piece: a
      // median 95 ms of script on cold loads, 54 ms on the CPU; measured with the tests' flags)
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) continue;
      const path = new Path2D();
      addMarker(path, k, 16, 16, MAP_SIZES.markerRadius * 2.2);
      ctx.clearRect(0, 0, 32, 32);
      ctx.fillStyle = cssRgba(theme.classColors[k], 1);
      ctx.strokeStyle = cssRgba(theme.text, 0.9);
      ctx.lineWidth = 1.5;
      ctx.lineJoin = 'round';
      ctx.fill(path);
      ctx.stroke(path);
    }
  }

  private ask(detail: PointEditorRequest): void {
    this.dispatchEvent(internalEvent('bp-point-request', detail));
  }
}

if (!customElements.get('bp-point-tools')) customElements.define('bp-point-tools', BpPointTools);

declare global {
  interface HTMLElementTagNameMap {
    'bp-point-tools': BpPointTools;
  }
}

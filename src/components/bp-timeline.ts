import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { internalEvent, type TimelineCommand } from '../events';
import { cssomStyle } from './cssom-style';
import { controlStyles, themeStyles } from './shared.styles';

/** Where a key moves the scrubber on 0 … latest: ← → ↑ ↓ one, PageUp/PageDown a tenth, Home/End the ends. */
export function scrubKey(value: number, latest: number, key: string): number | null {
  const page = Math.max(1, Math.round(latest / 10));
  const moves: Record<string, number> = {
    ArrowLeft: value - 1,
    ArrowDown: value - 1,
    ArrowRight: value + 1,
    ArrowUp: value + 1,
    PageDown: value - page,
    PageUp: value + page,
    Home: 0,
    End: latest,
  };
  const next = moves[key];
  return next === undefined ? null : Math.max(0, Math.min(latest, next));
}

/**
 * The timeline under the views: a slider over iterations 0 … `latest` showing the `value`
 * iteration (drag it, or use ← → ↑ ↓, PageUp/PageDown, Home/End), play-back of the history at a
 * chosen speed, "Branch here" and "Pin run". It only reports what the user asks for:
 * <backprop-lab> seeks, and hands back `value`.
 *
 * @fires bp-seek - internal: `{ iteration }` while dragging or on a key
 * @fires bp-timeline-command - internal: `{ command: 'play' | 'stop' | 'branch' | 'pin', speed? }`
 *
 * @csspart slider - the track (role slider)
 * @csspart button - each button
 */
export class BpTimeline extends LitElement {
  static override styles = [
    themeStyles,
    controlStyles,
    css`
      /* one line down to a ~520 px wide element; it wraps below that */
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
      }
      .slider {
        position: relative;
        flex: 1 1 8rem;
        min-width: 6rem;
        height: var(--_bp-target);
        touch-action: none;
        cursor: pointer;
        border-radius: var(--_bp-radius);
      }
      .slider:focus-visible {
        outline: 2px solid var(--_bp-accent);
        outline-offset: 2px;
      }
      .track {
        position: absolute;
        inset: calc(50% - 2px) 0.5rem auto;
        height: 4px;
        border-radius: 2px;
        background: var(--_bp-border);
      }
      .fill {
        position: absolute;
        inset: 0 auto 0 0;
        border-radius: 2px;
        background: var(--_bp-accent);
      }
      .thumb {
        position: absolute;
        top: 50%;
        width: 1rem;
        height: 1rem;
        margin: -0.5rem 0 0 -0.5rem;
        border-radius: 50%;
        background: var(--_bp-accent);
        border: 2px solid var(--_bp-background);
      }
      .readout {
        font-variant-numeric: tabular-nums;
        color: var(--_bp-muted);
        white-space: nowrap;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
      }
    `,
  ];

  /** the latest iteration (the slider's maximum) */
  @property({ type: Number }) latest = 0;
  /** the last iteration the run will reach (sizes the readout so it doesn't widen as the run goes on) */
  @property({ type: Number }) end = 0;
  /** the iteration shown */
  @property({ type: Number }) value = 0;
  /** whether the views follow the latest iteration */
  @property({ type: Boolean }) live = true;
  /** iterations a frame while playing back, 0 when not */
  @property({ type: Number }) playing = 0;
  /** the play-back speeds offered */
  @property({ attribute: false }) speeds: readonly number[] = [1, 10, 100];
  /** whether another run can be pinned */
  @property({ type: Boolean, attribute: 'can-pin' }) canPin = true;

  private speed = 1;
  /** the iteration last asked for, until `value` shows it */
  private requested: number | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.value === this.requested) this.requested = null;
    if (changed.has('latest') && this.requested !== null && this.requested > this.latest) this.requested = null;
  }
  private dragging = false;

  private get valueText(): string {
    return `iteration ${this.value} of ${this.latest}${this.live ? ' (latest)' : ''}`;
  }

  private seekTo(iteration: number): void {
    if (iteration === (this.requested ?? this.value) && !this.dragging) return;
    this.requested = iteration;
    this.dispatchEvent(internalEvent('bp-seek', { iteration }));
  }

  private command(command: TimelineCommand): void {
    this.dispatchEvent(internalEvent('bp-timeline-command', { command, speed: this.speed }));
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    // keys step from the iteration last asked for: a key pressed before a seek is drawn counts
    const next = scrubKey(this.requested ?? this.value, this.latest, event.key);
    if (next === null) return;
    event.preventDefault();
    this.seekTo(next);
  };

  private iterationAt(event: PointerEvent): number {
    const track = this.renderRoot.querySelector<HTMLElement>('.track');
    if (!track) return this.value;
    const box = track.getBoundingClientRect();
    const f = box.width > 0 ? (event.clientX - box.left) / box.width : 0;
    return Math.max(0, Math.min(this.latest, Math.round(f * this.latest)));
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const target = event.currentTarget as HTMLElement;
    target.focus();
    target.setPointerCapture(event.pointerId);
    this.dragging = true;
    this.seekTo(this.iterationAt(event));
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (this.dragging) this.seekTo(this.iterationAt(event));
  };

  private readonly onPointerUp = (): void => {
    this.dragging = false;
  };

  protected override render(): unknown {
    const f = this.latest > 0 ? this.value / this.latest : 1;
    const percent = `${(100 * f).toFixed(3)}%`;
    return html`
      <div
        class="slider"
        part="slider"
        role="slider"
        tabindex="0"
        aria-label="Iteration shown"
        aria-valuemin="0"
        aria-valuemax=${this.latest}
        aria-valuenow=${this.value}
        aria-valuetext=${this.valueText}
        @keydown=${this.onKeyDown}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      >
        <div class="track">
          <div class="fill" ${cssomStyle({ width: percent })}></div>
          <div class="thumb" ${cssomStyle({ left: percent })}></div>
        </div>
      </div>
      <span
        class="readout"
        aria-hidden="true"
        ${cssomStyle({ 'min-width': `${2 * String(Math.max(this.latest, this.end)).length + 4}ch` })}
        >${this.value} of ${this.latest}</span
      >
      <button
        part="button"
        type="button"
        aria-pressed=${this.playing > 0 ? 'true' : 'false'}
        @click=${() => this.command(this.playing > 0 ? 'stop' : 'play')}
      >
        Play back
      </button>
      <label
        ><select
          @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}
          aria-label="Play-back speed, iterations a frame"
        >
          ${this.speeds.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
        </select></label
      >
      <button part="button" type="button" aria-disabled=${this.live ? 'true' : 'false'} @click=${this.onBranch}>
        Branch here
      </button>
      <button part="button" type="button" aria-disabled=${this.canPin ? 'false' : 'true'} @click=${this.onPin}>
        Pin run
      </button>
    `;
  }

  private readonly onBranch = (): void => {
    if (!this.live) this.command('branch');
  };

  private readonly onPin = (): void => {
    if (this.canPin) this.command('pin');
  };
}

if (!customElements.get('bp-timeline')) customElements.define('bp-timeline', BpTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'bp-timeline': BpTimeline;
  }
}

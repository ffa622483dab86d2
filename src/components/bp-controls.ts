import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { internalEvent, type Command } from '../events';
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  allowedText,
  type ConfigKey,
  type FieldSpec,
  type TrainConfig,
} from '../protocol/config-schema';
import type { TrainerState } from '../protocol/trainer-api';
import { controlsStyles } from './bp-controls.styles';
import './bp-export-menu';
import type { ExportItem } from './bp-export-menu';
import { controlStyles, themeStyles } from './shared.styles';
import { STATE_LABELS } from './state-labels';
import { afterPaint } from './after-paint';

type Drafts = Partial<Record<ConfigKey, string>>;

// Decorative 16×16 icons (inline SVG: no icon font, nothing fetched, CSP-safe).
const ICONS = {
  play: svg`<path d="M4 2.5v11l9-5.5z" />`,
  pause: svg`<path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />`,
  step: svg`<path d="M2.5 2.5v11l8-5.5zM11 2.5h2.5v11H11z" />`,
  settings: svg`<path d="M2 4h12M2 8h12M2 12h12" fill="none" stroke="currentColor" stroke-width="1.8" /><circle cx="5" cy="4" r="1.8" /><circle cx="11" cy="8" r="1.8" /><circle cx="7" cy="12" r="1.8" />`,
  reset: svg`<path d="M3 8a5 5 0 1 0 1.46-3.54" fill="none" stroke="currentColor" stroke-width="1.8" /><path d="M1.5 1.5h5l-5 5z" />`,
};

const speedField: FieldSpec = CONFIG_FIELDS.find((f) => f.key === 'speed')!;

function icon(name: keyof typeof ICONS): unknown {
  return html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;
}

/** A config value as the controls show it ("0.02", "max", "circles"). */
function formatValue(value: TrainConfig[ConfigKey]): string {
  return String(value);
}

/** "Number of data points (…). Allowed: an integer from 2 to 10000." */
export function helpText(field: FieldSpec): string {
  return `${field.description} Allowed: ${allowedText(field)}.`;
}

/** Which controls show: every setting and the transport, or the transport and the speed only. */
export type ControlsPanelMode = 'all' | 'transport';

/**
 * The training controls: Play/Pause, Step and Reset, and one labelled input per setting of
 * the config schema (CONFIG_FIELDS, in table order). Compact: each field's description and
 * allowed range is its `aria-describedby` text, shown while the field has focus (and in its
 * error); in a narrow container (under 48rem) the settings fold behind a "Settings" button. Inputs report exactly what the user typed;
 * <backprop-lab> parses it through the schema and hands back `config` and `errors`. A field
 * with an error keeps the user's text (marked `aria-invalid`, message beside it) until they
 * fix it, or press Escape to go back to the current value.
 *
 * Transport buttons stay focusable when unavailable (`aria-disabled`), so focus is never lost
 * when the run finishes under the keyboard.
 *
 * @fires bp-config-input - internal: `{ key, text }` on change or Enter (raw text), on the
 *   "Max speed" toggle (`{ key: 'speed', text: 'max' }` or the last numeric speed), and on
 *   Escape over an invalid field (the current value, so the error clears)
 * @fires bp-command - internal: `{ command }`, one of start, pause, step, reset
 * @fires bp-data-import - internal: `{ file }`, a file chosen in the "Import data…" picker
 * @fires bp-data-export - internal: `{ format }`, "Download CSV" or "Download JSON"
 *
 * @csspart controls - the whole panel
 * @csspart transport - the row of buttons and the state
 * @csspart button - Play/Pause, Step, Reset
 * @csspart state - "State: Running"
 * @csspart field - one setting: label, input, help and error
 * @csspart label - a setting's label
 * @csspart input - a setting's text input or select
 * @csspart toggle - the "Max speed" checkbox's label
 * @csspart help - a setting's description and allowed range (shown while the field has focus)
 * @slot status - replaces "State: …" at the end of the transport row (<backprop-lab> puts its status line there)
 * @csspart settings-toggle - the "Settings" disclosure button (narrow containers only)
 * @csspart error - a setting's error message, or a rejected import's
 * @csspart data - the data group: import, downloads and the last import's outcome
 * @csspart data-message - the last import's outcome when it succeeded
 *
 * @cssprop --bp-text-color - text
 * @cssprop --bp-muted-color - help text and borders
 * @cssprop --bp-background - background of the panel and inputs
 * @cssprop --bp-accent-color - focus ring, hover and the checkbox
 * @cssprop --bp-font-family - font
 * @cssprop --bp-danger-color - error messages and invalid inputs
 */
export class BpControls extends LitElement {
  static override styles = [themeStyles, controlStyles, controlsStyles];

  /** The current, valid settings. */
  @property({ attribute: false }) config: TrainConfig = { ...DEFAULT_CONFIG };

  /** Where the run stands; decides Play/Pause and which buttons are available. */
  @property({ reflect: true }) state: TrainerState = 'idle';

  /** Inline error message per field, set by the parent after parsing. */
  @property({ attribute: false }) errors: Partial<Record<ConfigKey, string>> = {};

  /** Fields the user cannot change right now. */
  @property({ attribute: false }) disabledFields: ConfigKey[] = [];

  /** `all`: every setting; `transport`: the buttons, the state and the speed only. */
  @property({ reflect: true }) mode: ControlsPanelMode = 'all';

  /** The last data import's outcome (shown under the data buttons). */
  @property({ attribute: false }) dataMessage = '';

  /** Whether `dataMessage` is a rejection. */
  @property({ attribute: false }) dataError = false;

  /** The "Share" menu's entries (links, embed code, files, PNGs), when the host offers them. */
  @property({ attribute: false }) exports?: () => ExportItem[];

  /** Whether the folded settings are open (narrow containers; wide ones always show them). */
  @state() private settingsOpen = false;

  /** Texts the user typed that `config` does not reflect (yet, or ever: invalid ones). */
  @state() private drafts: Drafts = {};

  /** The text last reported per field, so Enter followed by `change` reports once. */
  private readonly reported: Drafts = {};
  private lastNumericSpeed = DEFAULT_CONFIG.speed as number;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('config')) return;
    const config = this.config;
    if (typeof config.speed === 'number') this.lastNumericSpeed = config.speed;
    const before = changed.get('config');
    if (!before) return;
    // A new good value replaces the draft, unless that field is still in error.
    let next: Drafts | undefined;
    for (const key of Object.keys(this.drafts) as ConfigKey[]) {
      if (this.errors[key] || before[key] === config[key]) continue;
      next ??= { ...this.drafts };
      delete next[key];
    }
    if (next) this.drafts = next;
  }

  private text(key: ConfigKey): string {
    return this.drafts[key] ?? formatValue(this.config[key]);
  }

  private setDraft(key: ConfigKey, text: string | undefined): void {
    const next = { ...this.drafts };
    if (text === undefined) delete next[key];
    else next[key] = text;
    this.drafts = next;
  }

  private report(key: ConfigKey, text: string): void {
    if (this.reported[key] === text) return;
    this.reported[key] = text;
    this.dispatchEvent(internalEvent('bp-config-input', { key, text }));
  }

  private onInput(key: ConfigKey, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    delete this.reported[key];
    this.setDraft(key, value);
  }

  private onChange(key: ConfigKey, event: Event): void {
    this.report(key, (event.target as HTMLInputElement | HTMLSelectElement).value);
  }

  private onKeydown(key: ConfigKey, event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (event.key === 'Enter') {
      this.report(key, input.value);
    } else if (event.key === 'Escape') {
      const good = formatValue(this.config[key]);
      const hadError = Boolean(this.errors[key]);
      if (this.drafts[key] === undefined && !hadError) return;
      event.preventDefault();
      delete this.reported[key];
      this.setDraft(key, undefined);
      input.value = good;
      // Tell the parent the field is back to its good value, so it clears the error.
      if (hadError) this.report(key, good);
    }
  }

  private onMaxSpeed(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const text = checked ? 'max' : formatValue(this.lastNumericSpeed);
    delete this.reported.speed;
    this.setDraft('speed', text);
    this.report('speed', text);
  }

  private command(command: Command, available: boolean): void {
    if (!available) return;
    this.dispatchEvent(internalEvent('bp-command', { command }));
  }

  /** The Import button opens the (hidden) file input's chooser. */
  private chooseFile(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#data-file')?.click();
  }

  private onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again (after fixing it) imports it again.
    input.value = '';
    if (file) this.dispatchEvent(internalEvent('bp-data-import', { file }));
  }

  private renderData(): unknown {
    const message = this.dataMessage;
    return html`<div class="data" part="data" role="group" aria-label="Data">
      <button
        part="button"
        type="button"
        class="import"
        aria-describedby="data-help${message ? ' data-message' : ''}"
        @click=${this.chooseFile}
      >
        Import data…
      </button>
      <input
        id="data-file"
        type="file"
        hidden
        accept=".csv,.json,text/csv,application/json"
        @change=${this.onFileChosen}
      />
      <button
        part="button"
        type="button"
        class="export-csv"
        @click=${() => this.dispatchEvent(internalEvent('bp-data-export', { format: 'csv' }))}
      >
        Download CSV
      </button>
      <button
        part="button"
        type="button"
        class="export-json"
        @click=${() => this.dispatchEvent(internalEvent('bp-data-export', { format: 'json' }))}
      >
        Download JSON
      </button>
      <p class="help data-help" id="data-help">
        CSV with columns x1, x2, label (a header line is optional), or JSON { "X": [[x1, x2], …], "t": [label, …] }; at
        most 10,000 rows and 1 MB. You can also drop a file on the lab.
      </p>
      ${
        message
          ? html`<p
              class=${this.dataError ? 'error data-message' : 'data-message'}
              part=${this.dataError ? 'error' : 'data-message'}
              id="data-message"
            >
              ${this.dataError ? html`<span aria-hidden="true">⚠ </span>` : nothing}${message}
            </p>`
          : nothing
      }
    </div>`;
  }

  private describedBy(key: ConfigKey): string {
    return this.errors[key] ? `help-${key} error-${key}` : `help-${key}`;
  }

  private renderTextInput(field: FieldSpec, disabled: boolean): unknown {
    const key = field.key;
    const invalid = Boolean(this.errors[key]);
    return html`<input
      id="field-${key}"
      part="input"
      type="text"
      inputmode=${field.kind === 'speed' ? 'text' : 'decimal'}
      autocomplete="off"
      spellcheck="false"
      .value=${live(this.text(key))}
      ?disabled=${disabled}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${this.describedBy(key)}
      @input=${(e: Event) => this.onInput(key, e)}
      @change=${(e: Event) => this.onChange(key, e)}
      @keydown=${(e: KeyboardEvent) => this.onKeydown(key, e)}
    />`;
  }

  private renderControl(field: FieldSpec, disabled: boolean): unknown {
    const key = field.key;
    switch (field.kind) {
      case 'enum':
        return html`<select
          id="field-${key}"
          part="input"
          ?disabled=${disabled}
          aria-invalid=${this.errors[key] ? 'true' : 'false'}
          aria-describedby=${this.describedBy(key)}
          @change=${(e: Event) => this.onChange(key, e)}
        >
          ${field.values.map((v) => html`<option value=${v} ?selected=${v === this.text(key)}>${v}</option>`)}
        </select>`;
      case 'speed': {
        const max = this.text(key).trim().toLowerCase() === 'max';
        return html`<div class="with-toggle">
          ${this.renderTextInput(field, disabled)}
          <label class="toggle" part="toggle" for="max-${key}">
            <input
              id="max-${key}"
              type="checkbox"
              .checked=${live(max)}
              ?disabled=${disabled}
              aria-describedby="help-${key}"
              @change=${this.onMaxSpeed}
            />Max speed
          </label>
        </div>`;
      }
      default:
        return this.renderTextInput(field, disabled);
    }
  }

  private renderField(field: FieldSpec): unknown {
    const key = field.key;
    const error = this.errors[key];
    const disabled = this.disabledFields.includes(key);
    return html`<div class="field" part="field" data-key=${key}>
      <label part="label" for="field-${key}">${field.label}</label>
      ${this.renderControl(field, disabled)}
      <p class="help" part="help" id="help-${key}">${helpText(field)}</p>
      ${
        error
          ? html`<p class="error" part="error" id="error-${key}"><span aria-hidden="true">⚠ </span>${error}</p>`
          : nothing
      }
    </div>`;
  }

  /**
   * Set before its first render (by a lab built over frames): that render waits for a task
   * after a paint, a frame of its own (its settings' fields are the costliest part of the
   * lab's first build: 10–15 ms of script on a cold start-up here).
   */
  @property({ attribute: false }) deferFirstRender = false;

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !this.deferFirstRender) return super.scheduleUpdate();
    return afterPaint().then(() => super.scheduleUpdate());
  }

  protected override render(): unknown {
    const state = this.state;
    const running = state === 'running';
    const finished = state === 'done' || state === 'diverged' || state === 'error';
    const canPlay = !finished;
    const canStep = !running && !finished;
    const play = running ? 'Pause' : 'Play';
    return html`
      <div class="controls" part="controls">
        <div class="transport" part="transport">
          <button
            part="button"
            type="button"
            class="play"
            aria-label=${play}
            aria-disabled=${canPlay ? 'false' : 'true'}
            @click=${() => this.command(running ? 'pause' : 'start', canPlay)}
          >
            ${icon(running ? 'pause' : 'play')}<span class="text">${play}</span>
          </button>
          <button
            part="button"
            type="button"
            class="step"
            title="Step one iteration"
            aria-disabled=${canStep ? 'false' : 'true'}
            @click=${() => this.command('step', canStep)}
          >
            ${icon('step')}<span class="text">Step</span>
          </button>
          <button
            part="button"
            type="button"
            class="reset"
            title="Back to iteration 0"
            @click=${() => this.command('reset', true)}
          >
            ${icon('reset')}<span class="text">Reset</span>
          </button>
          ${
            this.mode === 'all'
              ? html`<button
                  part="button settings-toggle"
                  type="button"
                  class="settings-toggle"
                  title="Show or hide the settings"
                  aria-expanded=${this.settingsOpen ? 'true' : 'false'}
                  aria-controls="fields"
                  @click=${() => (this.settingsOpen = !this.settingsOpen)}
                >
                  ${icon('settings')}<span class="text">Settings</span>
                </button>`
              : nothing
          }
          ${this.mode === 'all' && this.exports ? html`<bp-export-menu .items=${this.exports}></bp-export-menu>` : nothing}
          ${this.mode === 'transport' ? this.renderField(speedField) : nothing}
          <slot name="status"
            ><span class="state" part="state">State: <strong>${STATE_LABELS[state] ?? state}</strong></span></slot
          >
        </div>
        ${
          this.mode === 'all'
            ? html`<div
                id="fields"
                class="fields ${this.settingsOpen ? 'open' : ''} ${Object.keys(this.errors).length ? 'has-error' : ''}"
                role="group"
                aria-label="Training settings"
              >
                ${CONFIG_FIELDS.map((f: FieldSpec) => this.renderField(f))} ${this.renderData()}
              </div>`
            : nothing
        }
      </div>
    `;
  }
}

if (!customElements.get('bp-controls')) customElements.define('bp-controls', BpControls);

declare global {
  interface HTMLElementTagNameMap {
    'bp-controls': BpControls;
  }
}

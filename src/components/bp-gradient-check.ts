import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { internalEvent } from '../events';
import type { GradientCheckEntry, GradientCheckReport } from '../protocol/trainer-api';
import { gradientCheckStyles } from './bp-gradient-check.styles';
import { controlStyles, themeStyles } from './shared.styles';

/** How many failing entries the summary names before "…". */
const NAMED_FAILURES = 5;

/** "Wh[0,1]": the parameter matrix and the entry's row and column, as the tutorial writes them. */
export function entryName(entry: Pick<GradientCheckEntry, 'param' | 'row' | 'col'>): string {
  return `${entry.param}[${entry.row},${entry.col}]`;
}

/** Six significant digits, exponent form for tiny or huge magnitudes, "—" when not finite. */
export function formatGradient(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(6)));
  return value.toExponential(3).replace(/\.?0+e/, 'e');
}

/** The tutorial's verdict: "No gradient errors found" or which entries differ. */
export function summarize(report: GradientCheckReport): string {
  const failed = report.entries.filter((e) => !e.close);
  if (report.ok && failed.length === 0) return 'No gradient errors found';
  const total = report.entries.length;
  if (failed.length === 0) return 'Gradient errors found';
  const names = failed.slice(0, NAMED_FAILURES).map(entryName).join(', ');
  const more = failed.length > NAMED_FAILURES ? '…' : '';
  return `Gradient errors found in ${failed.length} of ${total} entries: ${names}${more}`;
}

/**
 * Compares backpropagation's gradient with a numerical (finite-difference) one, entry by
 * entry, like the tutorial's gradient check. Shows a verdict, the largest differences, the
 * iteration checked (in <backprop-lab>, the viewed one: the table follows the timeline once it
 * has a report), and a table of every parameter entry (scrolls inside its box).
 *
 * The button stays focusable while busy (`aria-disabled`), so keyboard focus is not lost.
 *
 * @fires bp-gradient-check-request - internal: the user asked for a check (detail undefined)
 *
 * @csspart button - "Run gradient check" / "Checking…"
 * @csspart summary - the verdict line
 * @csspart stats - max differences and the iteration checked
 * @csspart error - why the last check failed to run, or what stopped it
 * @csspart scroller - the scrolling box around the table
 * @csspart table - the table of entries
 *
 * @cssprop --bp-text-color - text
 * @cssprop --bp-muted-color - secondary text and borders
 * @cssprop --bp-background - background
 * @cssprop --bp-accent-color - focus ring
 * @cssprop --bp-font-family - font
 * @cssprop --bp-success-color - "No gradient errors found" and "✓ close"
 * @cssprop --bp-danger-color - errors and "✗ differs"
 * @cssprop --bp-gradient-check-max-height - height before the table scrolls (default 18rem)
 */
export class BpGradientCheck extends LitElement {
  static override styles = [
    themeStyles,
    controlStyles,
    gradientCheckStyles,
    // a stopped check is news, not a failure
    css`
      .error.interrupted {
        color: inherit;
      }
    `,
  ];

  /** The latest check (its `iteration` is the one it checked), or null before the first. */
  @property({ attribute: false }) report: GradientCheckReport | null = null;

  /** A check is running: the button reads "Checking…" and does nothing. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** Why the last check could not run ('' when it did), or what stopped it. */
  @property() error = '';

  /**
   * The last check was stopped before its end (by a pause, a reset, a new run): `error` says
   * by what, shown as it is rather than as a failure.
   */
  @property({ type: Boolean }) interrupted = false;

  private request(): void {
    if (this.busy) return;
    this.dispatchEvent(internalEvent('bp-gradient-check-request', undefined));
  }

  private renderError(): unknown {
    if (!this.error) return nothing;
    if (this.interrupted) return html`<p class="error interrupted" part="error">${this.error}</p>`;
    return html`<p class="error" part="error">Gradient check failed: ${this.error}</p>`;
  }

  private renderSummary(report: GradientCheckReport | null): unknown {
    if (!report) {
      return html`<p class="summary" part="summary">Not checked yet</p>`;
    }
    const failed = report.entries.some((e) => !e.close) || !report.ok;
    return html`
      <p class="summary ${failed ? 'failed' : 'ok'}" part="summary">
        <span class="icon" aria-hidden="true">${failed ? '✗' : '✓'}</span>${summarize(report)}
      </p>
      <p class="stats" part="stats">
        max |difference| ${formatGradient(report.maxAbsDiff)} · max relative difference
        ${formatGradient(report.maxRelDiff)} · checked at iteration ${report.iteration}
      </p>
    `;
  }

  private renderTable(report: GradientCheckReport): unknown {
    return html`
      <div class="scroller" part="scroller" tabindex="0" role="region" aria-labelledby="caption">
        <table part="table">
          <caption id="caption">
            Gradient check at iteration ${report.iteration}: ${report.entries.length} parameter entries
          </caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Analytic</th>
              <th scope="col">Numerical</th>
              <th scope="col">|Difference|</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            ${report.entries.map(
              (e) => html`
                <tr class=${e.close ? 'close' : 'differs'}>
                  <th scope="row">${entryName(e)}</th>
                  <td>${formatGradient(e.analytic)}</td>
                  <td>${formatGradient(e.numeric)}</td>
                  <td>${formatGradient(Math.abs(e.analytic - e.numeric))}</td>
                  <td class="result ${e.close ? 'ok' : 'failed'}">${e.close ? '✓ close' : '✗ differs'}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  protected override render(): unknown {
    const report = this.report;
    return html`
      <div class="bar">
        <button part="button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.request}>
          ${this.busy ? 'Checking…' : 'Run gradient check'}
        </button>
      </div>
      <div role="status" aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.renderError()} ${this.renderSummary(report)}
      </div>
      ${report && report.entries.length > 0 ? this.renderTable(report) : nothing}
    `;
  }
}

if (!customElements.get('bp-gradient-check')) customElements.define('bp-gradient-check', BpGradientCheck);

declare global {
  interface HTMLElementTagNameMap {
    'bp-gradient-check': BpGradientCheck;
  }
}

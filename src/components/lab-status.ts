// <backprop-lab>'s status line and notices, as template parts of its shadow DOM (no element of
// their own, so parts, roles and styles stay where hosts and tests find them).
import { html, nothing, type TemplateResult } from 'lit';
import type { RunSnapshot } from '../client/trainer-client';
import { STATE_LABELS, formatNumber, formatPercent } from './state-labels';

/** State, iteration, cost, accuracy and speed (iterations per second while running). */
export function renderStatus(run: Readonly<RunSnapshot>, rate: number): TemplateResult {
  return html`<dl class="status" part="status" aria-label="Training status">
    <div>
      <dt class="visually-hidden">State</dt>
      <dd class="state">${STATE_LABELS[run.state]}</dd>
    </div>
    <div>
      <dt>Iteration</dt>
      <dd>${run.iteration} / ${run.config.iterations}</dd>
    </div>
    <div>
      <dt>Cost</dt>
      <dd>${formatNumber(run.cost)}</dd>
    </div>
    <div>
      <dt>Accuracy</dt>
      <dd>${formatPercent(run.accuracy)}</dd>
    </div>
    <div>
      <dt>Speed</dt>
      <dd>${run.state === 'running' ? `${Math.round(rate)} it/s` : '—'}</dd>
    </div>
  </dl>`;
}

/** The rejected settings, when there are no controls to show them beside their field. */
export function renderSettingErrors(
  errors: Readonly<Record<string, string | undefined>>,
): TemplateResult | typeof nothing {
  const messages = Object.values(errors);
  if (messages.length === 0) return nothing;
  return html`<div class="notice" part="error" role="status">
    ${messages.map((message) => html`<div>${message}</div>`)}
  </div>`;
}

/** The fault notice and its one way out: a new worker if it died, else a new run. */
export function renderFault(message: string, restart: boolean, recover: () => void): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="notice" role="alert">
    ${message}
    <button type="button" @click=${recover}>${restart ? 'Restart the worker' : 'Reset the run'}</button>
  </div>`;
}

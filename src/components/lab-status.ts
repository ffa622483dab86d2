// <backprop-lab>'s status line and notices, as template parts of its shadow DOM (no element of
// their own, so parts, roles and styles stay where hosts and tests find them).
import { html, nothing, type TemplateResult } from 'lit';
import type { RunSnapshot } from '../client/trainer-client';
import { cssomStyle } from './cssom-style';
import { STATE_LABELS, formatNumber, formatPercent } from './state-labels';

/**
 * State, iteration, cost, accuracy, speed (iterations per second while running) and engine. Each figure
 * sits in a box of fixed width in tabular digits (backprop-lab.styles.ts), so a changing value
 * never moves its neighbours (the iteration's box is as wide as the run's last iteration; a worded
 * figure's box as wide as its widest value, `data-fit`).
 * `slot`: where it goes in <bp-controls> (the end of the transport row).
 */
export function renderStatus(run: Readonly<RunSnapshot>, rate: number, slot?: string): TemplateResult {
  return html`<dl class="status" part="status" slot=${slot ?? nothing} aria-label="Training status">
    <div class="item-state">
      <dt class="visually-hidden">State</dt>
      <dd class="state" data-fit=${STATE_FIT}>${STATE_LABELS[run.state]}</dd>
    </div>
    <div class="item-iteration">
      <dt>Iteration</dt>
      <dd ${cssomStyle({ 'min-width': `${2 * String(run.config.iterations).length + 3}ch` })}>
        ${run.iteration} / ${run.config.iterations}
      </dd>
    </div>
    <div class="item-cost">
      <dt>Cost</dt>
      <dd>${formatNumber(run.cost)}</dd>
    </div>
    <div class="item-accuracy">
      <dt>Accuracy</dt>
      <dd data-fit=${ACCURACY_FIT}>${formatPercent(run.accuracy)}</dd>
    </div>
    <div class="item-speed">
      <dt>Speed</dt>
      <dd>${run.state === 'running' ? `${Math.round(rate)} it/s` : '—'}</dd>
    </div>
    ${renderEngine(run)}
  </dl>`;
}

const ENGINE_LABELS = { wasm: 'WebAssembly', js: 'JS' } as const;

// A worded figure's possible values, one a line: laid out invisibly in its box (the styles'
// `dd[data-fit]`), so the box is as wide as the widest of them in whatever font the page uses.
const STATE_FIT = Object.values(STATE_LABELS).join('\n');
const ACCURACY_FIT = formatPercent(1);
const ENGINE_FIT = [ENGINE_LABELS.wasm, `${ENGINE_LABELS.js} (fallback)`].join('\n');

/**
 * The engine training the run. A fallback from `auto` to JS is no error: it says "JS (fallback)"
 * with the reason as its tooltip and, once, to screen readers (a polite live region that Lit
 * rewrites only when the engine or the reason changes).
 */
function renderEngine(run: Readonly<RunSnapshot>): TemplateResult {
  const fallback = run.engine === 'js' ? run.engineFallback : undefined;
  const label = run.engine === undefined ? '—' : ENGINE_LABELS[run.engine];
  return html`<div class="item-engine">
    <dt>Engine</dt>
    <dd class="engine" data-fit=${ENGINE_FIT} aria-live="polite" title=${fallback ?? nothing}>
      ${label}${fallback === undefined ? nothing : html` (fallback)<span class="visually-hidden">: ${fallback}</span>`}
    </dd>
  </div>`;
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

// <backprop-lab>'s four figures, as a template part of its shadow DOM: each view with its
// caption, fed from the one run snapshot.
import { html, type TemplateResult } from 'lit';
import type { Params } from '../core/types';
import type { GradientCheckReport } from '../protocol/trainer-api';
import type { RunSnapshot } from '../client/trainer-client';
import './bp-cost-curve';
import './bp-decision-map';
import './bp-gradient-check';
import './bp-hidden-space';

/** A view that `toDataURL(view)` can snapshot. */
export type ViewName = 'decision-map' | 'hidden-space' | 'cost-curve';
export const VIEW_NAMES: readonly ViewName[] = ['decision-map', 'hidden-space', 'cost-curve'];

/** What <backprop-lab> asks of each view. */
interface ViewElement extends HTMLElement {
  toDataURL(): string;
  refreshColors(): void;
}

/** The view element of part `name` in the lab's shadow root (none before the first render). */
export function findView(root: ParentNode, name: ViewName): ViewElement | null {
  return root.querySelector<ViewElement>(`[part~="${name}"]`);
}

export interface FiguresInput {
  run: Readonly<RunSnapshot>;
  /** the snapshot's parameters as matrices */
  params: Params | null;
  /** every delivered cost and the store's version (a new version: new costs to draw) */
  costs: { values: Float64Array; version: number };
  check: { report: GradientCheckReport | null; busy: boolean; error: string };
  onGradientCheckRequest: (event: Event) => void;
}

export function renderFigures({ run, params, costs, check, onGradientCheckRequest }: FiguresInput): TemplateResult {
  // While training, the map renders at a frame-budget resolution; sharp once it stops.
  const quality = run.state === 'running' ? 'fast' : 'full';
  return html`<div class="figures">
    <figure>
      <bp-decision-map part="decision-map" .params=${params} .data=${run.data} .quality=${quality}></bp-decision-map>
      <figcaption>
        <strong>Decision boundary.</strong> Each pixel of [-2, 2]² is classified by the network as it is now; the line
        is where both classes are equally likely. Stars are the outer circle, dots the inner one.
      </figcaption>
    </figure>
    <figure>
      <bp-hidden-space part="hidden-space" .params=${params} .data=${run.data}></bp-hidden-space>
      <figcaption>
        <strong>Hidden space.</strong> Each point moved to the activations of three hidden units. Training pulls the
        classes apart until one plane (the output layer) separates them.
      </figcaption>
    </figure>
    <figure>
      <bp-cost-curve
        part="cost-curve"
        .costs=${costs.values}
        .revision=${costs.version}
        .run=${run.runId}
        .iterations=${run.config.iterations}
      ></bp-cost-curve>
      <figcaption>
        <strong>Cost.</strong> The summed cross-entropy after each iteration of gradient descent with momentum.
      </figcaption>
    </figure>
    <figure>
      <bp-gradient-check
        part="gradient-check"
        .report=${check.report}
        .busy=${check.busy}
        .error=${check.error}
        @bp-gradient-check-request=${onGradientCheckRequest}
      ></bp-gradient-check>
      <figcaption>
        <strong>Gradient check.</strong> Backpropagation's gradients against central differences (ε = 10⁻⁴), compared as
        numpy's <code>isclose</code>.
      </figcaption>
    </figure>
  </div>`;
}

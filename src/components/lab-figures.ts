// <backprop-lab>'s figures, as a template part of its shadow DOM: the views the host asked for,
// in its order, each with its caption (or the host's slotted one), fed from the one run snapshot.
// A view not asked for is not in the DOM at all: it draws nothing and holds no WebGL context.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Params } from '../core/types';
import type { LabView } from '../protocol/config-schema';
import type { GradientCheckReport } from '../protocol/trainer-api';
import type { RunSnapshot } from '../client/trainer-client';
import type { CostGhost } from './bp-cost-curve';
import type { PointEditingController } from '../controllers/point-editing';
import './bp-cost-curve';
import './bp-decision-map';
import './bp-gradient-check';
import './bp-hidden-space';
import './bp-network';
import './bp-point-tools';

/** A view that `toDataURL(view)` can snapshot. */
export type ViewName = 'decision-map' | 'hidden-space' | 'cost-curve' | 'network';
export const VIEW_NAMES: readonly ViewName[] = ['decision-map', 'hidden-space', 'cost-curve', 'network'];

/** What <backprop-lab> asks of each view. */
interface ViewElement extends HTMLElement {
  toDataURL(type?: string): string;
  refreshColors(): void;
  /** settles once the view has rendered (and made what it makes after its first paint) */
  readonly updateComplete: Promise<boolean>;
  /** settles once the view has drawn its pending frame */
  readonly drawComplete: Promise<void>;
}

/** The view element of part `name` in the lab's shadow root (none before the first render, or when not shown). */
export function findView(root: ParentNode, name: ViewName): ViewElement | null {
  return root.querySelector<ViewElement>(`[part~="${name}"]`);
}

/** Settles once every shown view has drawn what it was last handed. */
export async function viewsDrawn(root: ParentNode): Promise<void> {
  await Promise.all(VIEW_NAMES.map((name) => findView(root, name)?.drawComplete));
}

export interface FiguresInput {
  /**
   * The snapshot every view draws from: the viewed iteration's (TimelineController.view). Its
   * `iteration`, `params`, `cost` and `accuracy` are those of the iteration the timeline shows
   * (the latest while live); read the viewed parameters here, nowhere else.
   */
  run: Readonly<RunSnapshot>;
  /** the snapshot's parameters as matrices */
  params: Params | null;
  /** the cost curve's timeline marks: the viewed iteration (−1 while live) and the pinned runs */
  timeline: { viewed: number; pinned: readonly CostGhost[] };
  /** the iteration the worded figures show (ReadoutPace: at most every 100 ms while training), for the cost curve's readout */
  readoutIteration: number;
  /** every delivered cost and the store's version (a new version: new costs to draw) */
  costs: { values: Float64Array; version: number };
  /** the test rows' costs, aligned with `costs` (empty without a test set) */
  testCosts: { values: Float64Array; version: number };
  check: { report: GradientCheckReport | null; busy: boolean; error: string; interrupted: boolean };
  onGradientCheckRequest: (event: Event) => void;
  /** backprop's gradients at the shown parameters and the update that led to them (null: unknown) */
  viewed: { gradients: Params | null; update: Params | null };
  /** the views to show, in display order */
  views: readonly LabView[];
  /** false: no captions (`no-captions`) */
  captions: boolean;
  /** the sample hovered in either point view (PointLinkController), and its event handler */
  point: number | null;
  onPointHover: (event: CustomEvent) => void;
  /** the data editing by hand on the decision map, with its tools beside it; null: off */
  editing: PointEditingController | null;
}

/** Each view's default caption; a host replaces one with `slot="<view>-caption"`. */
const CAPTIONS: Readonly<Record<LabView, TemplateResult>> = {
  'decision-map': html`<strong>Decision boundary.</strong> The network's class at each point of [-2, 2]²; the line is
    where both are equally likely. Stars: outer circle; dots: inner.`,
  'hidden-space': html`<strong>Hidden space.</strong> Each point at its hidden units' activations. Training pulls the
    classes apart until one plane (the output layer) splits them.`,
  'cost-curve': html`<strong>Cost.</strong> Summed cross-entropy per iteration of gradient descent with momentum.`,
  network: html`<strong>Network.</strong> Each hidden unit's response h<sub>k</sub>(x) and each class's probability over
    [-2, 2]²; links as wide as |w|, coloured by sign. Paused, marks show each weight's descent direction.`,
  'gradient-check': html`<strong>Gradient check.</strong> Backpropagation's gradients against central differences (ε =
    10⁻⁴) at the viewed iteration, compared as numpy's <code>isclose</code>.`,
};

/** The run's training and test row counts (the cost curve's per-sample view divides by them). */
function rowCounts(run: Readonly<RunSnapshot>): { train: number; test: number } {
  const test = run.data?.testRows?.length ?? 0;
  return { train: (run.data?.samples ?? 0) - test, test };
}

function renderView(view: LabView, input: FiguresInput): TemplateResult {
  const { run, params, costs, testCosts, check } = input;
  switch (view) {
    case 'decision-map':
      // While training, the map renders at a frame-budget resolution; sharp once it stops.
      return html`<bp-decision-map
          part="decision-map"
          .params=${params}
          .data=${run.data}
          .quality=${run.state === 'running' ? 'fast' : 'full'}
          .highlightedPoint=${input.point}
          @bp-point-hover=${input.onPointHover}
          .editable=${input.editing !== null}
          @bp-point-edit=${input.editing?.onEdit}
          @bp-point-request=${input.editing?.onRequest}
          @keydown=${input.editing?.onKeyDown}
        ></bp-decision-map
        >${input.editing ? renderPointTools(input.editing) : nothing}`;
    case 'hidden-space':
      return html`<bp-hidden-space
        part="hidden-space"
        .params=${params}
        .data=${run.data}
        .highlightedPoint=${input.point}
        @bp-point-hover=${input.onPointHover}
      ></bp-hidden-space>`;
    case 'cost-curve':
      return html`<bp-cost-curve
        part="cost-curve"
        .costs=${costs.values}
        .revision=${costs.version}
        .run=${run.runId}
        .iterations=${run.config.iterations}
        .testCosts=${testCosts.values}
        .testRevision=${testCosts.version}
        .rows=${rowCounts(run)}
        .viewed=${input.timeline.viewed}
        .pinned=${input.timeline.pinned}
        .readoutIteration=${input.readoutIteration}
      ></bp-cost-curve>`;
    case 'network':
      return html`<bp-network
        part="network"
        .params=${params}
        .gradients=${input.viewed.gradients}
        .lastUpdate=${input.viewed.update}
        .iteration=${run.iteration}
        @bp-highlight-unit=${highlightHiddenUnit}
      ></bp-network>`;
    case 'gradient-check':
      return html`<bp-gradient-check
        part="gradient-check"
        .report=${check.report}
        .busy=${check.busy}
        .error=${check.error}
        .interrupted=${check.interrupted}
        @bp-gradient-check-request=${input.onGradientCheckRequest}
      ></bp-gradient-check>`;
  }
}

function renderPointTools(editing: PointEditingController): TemplateResult {
  return html`<bp-point-tools
    part="point-tools"
    .classes=${editing.classes}
    .selected=${editing.selectedClass}
    .canUndo=${editing.canUndo}
    .canRedo=${editing.canRedo}
    @bp-point-request=${editing.onRequest}
    @keydown=${editing.onKeyDown}
  ></bp-point-tools>`;
}

/**
 * The diagram's focused hidden unit, highlighted in the hidden space beside it (the hidden
 * space's `highlightedUnit`), so the unit's map and its axis can be read together.
 */
function highlightHiddenUnit(event: Event): void {
  const { unit } = (event as CustomEvent<{ unit: number | null }>).detail;
  const root = (event.currentTarget as Element).getRootNode() as ParentNode;
  const hidden = root.querySelector('bp-hidden-space');
  if (hidden) Object.assign(hidden, { highlightedUnit: unit });
}

export function renderFigures(input: FiguresInput): TemplateResult {
  return html`<div class="figures" data-count=${input.views.length}>
    ${repeat(
      input.views,
      (view) => view,
      (view) =>
        html`<figure part="figure" data-view=${view}>
          ${renderView(view, input)}
          ${
            input.captions
              ? html`<figcaption part="caption"><slot name="${view}-caption">${CAPTIONS[view]}</slot></figcaption>`
              : nothing
          }
        </figure>`,
    )}
  </div>`;
}

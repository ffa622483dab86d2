// Every event of backprop-lab, declared once. Public events (`bp-progress` …) bubble and are
// composed, so a host page hears them from outside the shadow root; internal ones travel from
// the dashboard's parts to <backprop-lab> and stop there.
import type { ConfigKey } from './protocol/config-schema';
import type { TrainerState } from './protocol/trainer-api';

/** `bp-progress`: training advanced (at most once per animation frame). */
export interface ProgressDetail {
  iteration: number;
  cost: number;
  accuracy: number;
}

/** `bp-state-change`: the run's state changed. */
export interface StateChangeDetail {
  state: TrainerState;
  previous: TrainerState;
}

/** `bp-done`: the run reached its last iteration. */
export interface DoneDetail {
  iteration: number;
  cost: number;
  accuracy: number;
}

/** `bp-diverged`: a non-finite cost or parameter stopped the run. */
export interface DivergedDetail {
  /** the iteration whose update went non-finite */
  iteration: number;
}

/** `bp-error`: the worker failed, or a setting was rejected. */
export interface ErrorDetail {
  message: string;
  /** the setting that was rejected, if that is what happened */
  field?: ConfigKey;
}

export interface BackpropLabEventMap {
  'bp-progress': CustomEvent<ProgressDetail>;
  'bp-state-change': CustomEvent<StateChangeDetail>;
  'bp-done': CustomEvent<DoneDetail>;
  'bp-diverged': CustomEvent<DivergedDetail>;
  'bp-error': CustomEvent<ErrorDetail>;
}

// ── internal: parts → <backprop-lab> ─────────────────────────────────────────────────────

/** A control's text changed (the dashboard parses it through the config schema). */
export interface ConfigInputDetail {
  key: ConfigKey;
  text: string;
}

export type Command = 'start' | 'pause' | 'step' | 'reset';

export interface CommandDetail {
  command: Command;
}

/** The pointer or the keyboard's cursor is on a sample in a view (index into the data), or left it (null). */
export interface PointHoverDetail {
  index: number | null;
  /** `keyboard`: moved by the keys (the dashboard announces it); `pointer`: a hover */
  source: 'pointer' | 'keyboard';
}

/** The controls' file picker chose a file to import. */
export interface DataImportDetail {
  file: File;
}

/** The controls' download of the data, as CSV or JSON. */
export interface DataExportDetail {
  format: 'csv' | 'json';
}

/** The scrubber asks to show an iteration. */
export interface SeekDetail {
  iteration: number;
}

export type TimelineCommand = 'play' | 'stop' | 'branch' | 'pin';

/** The scrubber's buttons: play the history back (at `speed` iterations a frame), stop, branch, pin. */
export interface TimelineCommandDetail {
  command: TimelineCommand;
  speed?: number;
}

/** The cost curve's legend: remove pinned run `index`. */
export interface UnpinDetail {
  index: number;
}

/** An edit of the data by hand on the decision map (src/components/map-point-editor.ts). */
export type PointEdit =
  | { op: 'add'; x: number; y: number }
  | { op: 'move'; index: number; x: number; y: number }
  | { op: 'delete'; index: number };

/** What the point editor asks of the lab besides edits: undo, redo, a class, or a message to say. */
export type PointEditorRequest =
  { request: 'undo' } | { request: 'redo' } | { request: 'class'; cls: number } | { request: 'say'; message: string };

export interface InternalEventMap {
  'bp-point-edit': CustomEvent<PointEdit>;
  'bp-point-request': CustomEvent<PointEditorRequest>;
  'bp-data-import': CustomEvent<DataImportDetail>;
  'bp-data-export': CustomEvent<DataExportDetail>;
  'bp-config-input': CustomEvent<ConfigInputDetail>;
  'bp-command': CustomEvent<CommandDetail>;
  'bp-gradient-check-request': CustomEvent<void>;
  'bp-point-hover': CustomEvent<PointHoverDetail>;
  'bp-seek': CustomEvent<SeekDetail>;
  'bp-timeline-command': CustomEvent<TimelineCommandDetail>;
  'bp-unpin': CustomEvent<UnpinDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bp-progress': CustomEvent<ProgressDetail>;
    'bp-state-change': CustomEvent<StateChangeDetail>;
    'bp-done': CustomEvent<DoneDetail>;
    'bp-diverged': CustomEvent<DivergedDetail>;
    'bp-error': CustomEvent<ErrorDetail>;
  }
}

/** Makes a public event: bubbles, composed, typed detail. */
export function publicEvent<K extends keyof BackpropLabEventMap>(
  type: K,
  detail: BackpropLabEventMap[K]['detail'],
): BackpropLabEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as BackpropLabEventMap[K];
}

/**
 * Makes an internal event: bubbles up to <backprop-lab> inside its shadow root, no further
 * (not composed, and kept out of the global event map: hosts never see these).
 */
export function internalEvent<K extends keyof InternalEventMap>(
  type: K,
  detail: InternalEventMap[K]['detail'],
): InternalEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: false }) as InternalEventMap[K];
}

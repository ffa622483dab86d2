import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DATA_LIMITS } from '../core/data-io/index';
import type { Dataset } from '../core/datasets/types';
import type { PointEdit, PointEditorRequest } from '../events';
import type { DatasetMessage } from '../protocol/trainer-api';
import type { TrainerController } from './trainer-controller';

/** Undo steps kept (older ones are dropped). */
export const EDIT_HISTORY_STEPS = 50;
/** Rows kept across the history at most (10,000-row data: 40 steps, about 8 MB). */
const EDIT_HISTORY_ROWS = 400_000;

export interface PointEditingOptions {
  trainer: Pick<TrainerController, 'snapshot'>;
  /** replaces the data as the `data` setter does; announces `message` once the new run is on */
  apply: (data: Dataset, message: string) => Promise<void>;
  /** the worker refused the data (shown and reported as the setter's failures are) */
  failed: (err: unknown) => void;
  announce: (message: string) => void;
}

interface Step {
  data: Dataset;
  /** what the step did, e.g. "added class 1 point at (0.42, −1.10)" */
  label: string;
}

/**
 * The data edited by hand (issue 11): the decision map's pointer and keyboard edits
 * (`bp-point-edit`, from src/components/map-point-editor.ts) become new data, sent as the
 * `data` setter sends them (generator `custom`, the run restarts from the same seed). Keeps the
 * class of new points and a bounded undo/redo history of whole data sets. The history is
 * dropped when the data change otherwise (an import, the setter, another generator).
 */
export class PointEditingController implements ReactiveController {
  /** the class the next added point gets (0 … C − 1) */
  selectedClass = 0;
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  /** the data as the last edit left them (null: the run's data are the base) */
  private current: Dataset | null = null;
  /** edits sent but not yet taken by the worker */
  private pending = 0;
  /** the run data last compared with `current` */
  private checked: Readonly<DatasetMessage> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PointEditingOptions,
  ) {
    host.addController(this);
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  /** the run's class count (the picker offers 0 … classes − 1) */
  get classes(): number {
    return this.options.trainer.snapshot.data?.classes ?? this.options.trainer.snapshot.config.classes;
  }

  hostUpdate(): void {
    if (this.selectedClass >= this.classes) this.selectedClass = this.classes - 1;
    // data that did not come from an edit (an import, the setter, a generator) end the history
    const data = this.options.trainer.snapshot.data;
    if (this.pending > 0 || data === this.checked) return;
    this.checked = data;
    if (this.current && !(data && sameData(data, this.current))) this.forget();
  }

  readonly onEdit = (event: CustomEvent<PointEdit>): void => {
    event.stopPropagation();
    const base = this.base();
    if (!base) return;
    const result = editData(base, event.detail, Math.min(this.selectedClass, this.classes - 1));
    if (typeof result === 'string') {
      this.options.announce(result);
      return;
    }
    this.undoSteps.push({ data: base, label: result.label });
    this.redoSteps = [];
    this.trim();
    this.send(result.data, capitalise(result.label));
  };

  readonly onRequest = (event: CustomEvent<PointEditorRequest>): void => {
    event.stopPropagation();
    const detail = event.detail;
    if (detail.request === 'undo') this.undo();
    else if (detail.request === 'redo') this.redo();
    else if (detail.request === 'say') this.options.announce(detail.message);
    else if (detail.request === 'class' && detail.cls >= 0 && detail.cls < this.classes) {
      this.selectedClass = detail.cls;
      this.host.requestUpdate();
    }
  };

  /** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes (on the map and its tools). */
  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) this.undo();
    else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) this.redo();
    else return;
    event.preventDefault();
  };

  undo(): void {
    const step = this.undoSteps.pop();
    const base = this.base();
    if (!step || !base) return this.options.announce('Nothing to undo.');
    this.redoSteps.push({ data: base, label: step.label });
    this.send(step.data, `Undid: ${step.label}`);
  }

  redo(): void {
    const step = this.redoSteps.pop();
    const base = this.base();
    if (!step || !base) return this.options.announce('Nothing to redo.');
    this.undoSteps.push({ data: base, label: step.label });
    this.send(step.data, `Redid: ${step.label}`);
  }

  /** What the next edit starts from: the last edit's data, else the run's. */
  private base(): Dataset | null {
    if (this.current) return this.current;
    const data = this.options.trainer.snapshot.data;
    if (!data || data.inputs !== 2) return null;
    return { X: { rows: data.samples, cols: 2, data: data.X.slice() }, t: data.t.slice() };
  }

  private send(data: Dataset, label: string): void {
    this.current = data;
    this.pending++;
    this.host.requestUpdate();
    const n = data.t.length;
    this.options
      .apply(data, `${label}; ${n} ${n === 1 ? 'point' : 'points'}`)
      .catch((err: unknown) => {
        this.forget();
        this.options.failed(err);
      })
      .finally(() => {
        this.pending--;
        this.host.requestUpdate();
      });
  }

  private forget(): void {
    this.current = null;
    this.undoSteps = [];
    this.redoSteps = [];
    this.host.requestUpdate();
  }

  /** At most EDIT_HISTORY_STEPS undo steps and EDIT_HISTORY_ROWS rows kept: the oldest go. */
  private trim(): void {
    let rows = this.undoSteps.reduce((sum, step) => sum + step.data.t.length, 0);
    while (this.undoSteps.length > EDIT_HISTORY_STEPS || (rows > EDIT_HISTORY_ROWS && this.undoSteps.length > 1)) {
      rows -= this.undoSteps.shift()!.data.t.length;
    }
  }
}

/** The data after `edit`, with what it did; or why it cannot be done. */
export function editData(base: Dataset, edit: PointEdit, cls: number): { data: Dataset; label: string } | string {
  const n = base.t.length;
  const X = base.X.data;
  if (edit.op === 'add') {
    if (n >= DATA_LIMITS.maxRows) {
      return `Not added: the data hold at most ${DATA_LIMITS.maxRows.toLocaleString('en-US')} points.`;
    }
    const data = resized(n + 1);
    data.X.data.set(X);
    data.t.set(base.t);
    data.X.data[2 * n] = edit.x;
    data.X.data[2 * n + 1] = edit.y;
    data.t[n] = cls;
    return { data, label: `added class ${cls} point at ${formatPoint(edit.x, edit.y)}` };
  }
  const i = edit.index;
  if (!Number.isInteger(i) || i < 0 || i >= n) return 'There is no point there.';
  const at = formatPoint(X[2 * i], X[2 * i + 1]);
  if (edit.op === 'move') {
    const data = resized(n);
    data.X.data.set(X);
    data.t.set(base.t);
    data.X.data[2 * i] = edit.x;
    data.X.data[2 * i + 1] = edit.y;
    return { data, label: `moved class ${base.t[i]} point from ${at} to ${formatPoint(edit.x, edit.y)}` };
  }
  if (n <= 1) return 'Not deleted: the data need at least one point.';
  const data = resized(n - 1);
  data.X.data.set(X.subarray(0, 2 * i));
  data.X.data.set(X.subarray(2 * i + 2), 2 * i);
  data.t.set(base.t.subarray(0, i));
  data.t.set(base.t.subarray(i + 1), i);
  return { data, label: `deleted class ${base.t[i]} point at ${at}` };
}

/** "(0.42, −1.10)": two decimals, a true minus sign. */
export function formatPoint(x: number, y: number): string {
  return `(${formatCoordinate(x)}, ${formatCoordinate(y)})`;
}

function formatCoordinate(value: number): string {
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text.replace('-', '−');
}

function resized(rows: number): Dataset {
  return { X: { rows, cols: 2, data: new Float64Array(2 * rows) }, t: new Int32Array(rows) };
}

function sameData(message: Readonly<DatasetMessage>, data: Dataset): boolean {
  if (message.samples !== data.t.length || message.inputs !== 2) return false;
  for (let i = 0; i < data.t.length; i++) if (message.t[i] !== data.t[i]) return false;
  for (let i = 0; i < data.X.data.length; i++) if (message.X[i] !== data.X.data[i]) return false;
  return true;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

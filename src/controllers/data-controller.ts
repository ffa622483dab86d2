import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DATA_LIMITS,
  exportDataCsv,
  exportDataJson,
  parseDataCsv,
  parseDataJson,
  requiredClasses,
  toDataValue,
  validateData,
  type DataValue,
} from '../core/data-io/index';
import type { Dataset } from '../core/datasets/types';
import type { DataExportDetail, DataImportDetail } from '../events';
import type { TrainConfig } from '../protocol/config-schema';
import type { TrainerController } from './trainer-controller';

/** The text formats of importData and exportData. */
export type DataFormat = 'csv' | 'json';
const FORMATS: readonly DataFormat[] = ['csv', 'json'];

export interface DataControllerOptions {
  trainer: Pick<TrainerController, 'snapshot' | 'ready'>;
  /** settles once the host's pending setting changes have reached the worker */
  settings: () => Promise<void>;
  /** the host's `classes` as it stands (a valid class count, or anything an invalid setting holds) */
  classes: () => unknown;
  /** the worker took the data: the host's settings follow (ConfigSync.adopt) */
  adopt: (values: Partial<TrainConfig>) => void;
  /** says a message in the live region */
  announce: (message: string) => void;
  /** an import the user started (file picker, drop) failed: the `bp-error` event */
  reportError: (message: string) => void;
}

/**
 * The element's data in and out: the `data` property, `importData` (text or a file, CSV or
 * JSON), `exportData`, the controls' file picker and download, and files dropped on the host.
 * Every input is hostile: src/core/data-io parses and checks it (limits, row and column in
 * each message), nothing changes on a rejection, and nothing throws outside a promise but the
 * `data` setter's own TypeError or RangeError. The worker checks the data again (setData).
 */
export class DataController implements ReactiveController {
  /** what the controls show under the data buttons: the last import's outcome */
  message = '';
  /** whether `message` reports a rejection */
  error = false;
  /** the last import or replacement asked for: only it reports its outcome */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DataControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('drop', this.onDrop);
  }

  /** A copy of the run's points and labels, training and test (empty before the first run). */
  get data(): DataValue {
    const data = this.options.trainer.snapshot.data;
    if (!data) return { X: [], t: [] };
    return toDataValue({ X: { rows: data.samples, cols: 2, data: data.X }, t: data.t });
  }

  /**
   * The `data` setter: checks `value` now (a TypeError or RangeError naming row, column and what
   * is allowed; nothing changes), then replaces the data. Returns the new run's promise.
   */
  replace(value: unknown): Promise<void> {
    const data = validateData(value);
    return this.apply(data, 'data');
  }

  /** importData: parses and checks `source`, then replaces the data; see BackpropLab.importData. */
  async importData(source: unknown, format?: unknown): Promise<void> {
    const data = await this.parse(source, format);
    await this.apply(data, 'import');
  }

  /**
   * A hand edit's data (the map's point editing): replaced as the setter does, and on success
   * `message` is shown and announced instead of the setter's.
   */
  edit(data: Dataset, message: string): Promise<void> {
    return this.apply(data, message);
  }

  /** The setter's replacement failed in the worker (it checks again): shown and reported. */
  failed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.show(`The data were not taken: ${message}`, true);
    this.options.reportError(message);
  }

  /** The run's data as text (CSV `x1,x2,label` with a header, or JSON `{ "X": …, "t": … }`). */
  exportData(format: unknown = 'csv'): string {
    if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
      throw new TypeError(`exportData: format must be "csv" or "json"; got ${describeFormat(format)}`);
    }
    const data = this.options.trainer.snapshot.data;
    if (!data) throw new Error('exportData: there are no data yet (the first run has not arrived from the worker)');
    const dataset: Dataset = { X: { rows: data.samples, cols: 2, data: data.X }, t: data.t };
    return format === 'json' ? exportDataJson(dataset) : exportDataCsv(dataset);
  }

  /** A file from the controls' picker or a drop: imported, its outcome shown and announced. */
  importFile(file: File): void {
    const generation = this.generation + 1;
    this.importData(file).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (generation >= this.generation) this.show(`Import failed: ${message}`, true);
      this.options.reportError(message);
    });
  }

  /** The controls' download: the data as a file named backprop-lab-data.csv or .json. */
  download(format: DataFormat): void {
    let text: string;
    try {
      text = this.exportData(format);
    } catch (err) {
      this.show(err instanceof Error ? err.message : String(err), true);
      return;
    }
    const type = format === 'json' ? 'application/json' : 'text/csv';
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `backprop-lab-data.${format}`;
    link.click();
    // The click has started the download synchronously; the URL is no longer needed after it.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** `bp-data-import` from the controls' file picker. */
  readonly onImportRequest = (event: CustomEvent<DataImportDetail>): void => {
    event.stopPropagation();
    this.importFile(event.detail.file);
  };

  /** `bp-data-export` from the controls' download buttons. */
  readonly onExportRequest = (event: CustomEvent<DataExportDetail>): void => {
    event.stopPropagation();
    this.download(event.detail.format);
  };

  private readonly onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = 'copy';
  };

  private readonly onDrop = (event: DragEvent): void => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault(); // the browser would open the file instead
    this.importFile(file);
  };

  /** Text or a Blob → a checked Dataset (rejects naming row, column and problem). */
  private async parse(source: unknown, format: unknown): Promise<Dataset> {
    if (format !== undefined && (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format))) {
      throw new TypeError(`importData: format must be "csv" or "json" (or left out); got ${describeFormat(format)}`);
    }
    let text: string;
    let named: DataFormat | undefined = format as DataFormat | undefined;
    if (typeof source === 'string') {
      text = source;
    } else if (isBlob(source)) {
      if (source.size > DATA_LIMITS.maxBytes) {
        throw new RangeError(`importData: a file may be at most 1,000,000 bytes (1 MB); got ${source.size} bytes`);
      }
      named ??= formatOfFile(source);
      text = await source.text();
    } else {
      throw new TypeError(`importData: source must be a string or a Blob (a File); got ${describeSource(source)}`);
    }
    named ??= /^\uFEFF?\s*[{[]/.test(text.slice(0, 64)) ? 'json' : 'csv';
    return named === 'json' ? parseDataJson(text) : parseDataCsv(text);
  }

  /**
   * Sends the data to the worker with the class count they need: the current `classes`, or
   * more when the labels go higher (said in the live region). Settles once the new run is on
   * the page; only then do the host's `generator` and `classes` follow.
   */
  private async apply(data: Dataset, how: 'import' | 'data' | (string & {})): Promise<void> {
    const generation = ++this.generation;
    const current = this.options.classes();
    const valid = typeof current === 'number' && Number.isInteger(current) && current >= 2 && current <= 5;
    const base = valid ? current : this.options.trainer.snapshot.config.classes;
    const required = requiredClasses(data.t);
    const classes = Math.max(base, required);
    await this.options.settings();
    const client = await this.options.trainer.ready();
    await client.setData(data.X.data, data.t, classes);
    this.options.adopt({ generator: 'custom', classes });
    if (generation !== this.generation) return;
    if (how !== 'import' && how !== 'data') return this.show(how, false);
    const points = `${data.t.length} ${data.t.length === 1 ? 'point' : 'points'}`;
    const what = how === 'import' ? `Imported ${points}` : `New data: ${points}`;
    const raised =
      classes > base ? `; labels go up to ${required - 1}, so classes went from ${base} to ${classes}` : '';
    this.show(`${what} in ${classes} classes${raised}. A new run started.`, false);
  }

  private show(message: string, error: boolean): void {
    this.message = message;
    this.error = error;
    this.options.announce(message);
    this.host.requestUpdate();
  }
}

/** 'json' for a .json file or a JSON type, 'csv' for .csv or a CSV or text type, else unknown. */
function formatOfFile(blob: Blob): DataFormat | undefined {
  const name = blob instanceof File ? blob.name.toLowerCase() : '';
  if (name.endsWith('.json') || blob.type === 'application/json') return 'json';
  if (name.endsWith('.csv') || blob.type === 'text/csv') return 'csv';
  return undefined;
}

function describeFormat(format: unknown): string {
  return typeof format === 'string' ? JSON.stringify(format.slice(0, 24)) : typeof format;
}

function describeSource(source: unknown): string {
  if (source === null) return 'null';
  return typeof source === 'object' ? 'an object' : typeof source;
}

/** A real Blob (or File); a Proxy whose traps throw is none. */
function isBlob(source: unknown): source is Blob {
  try {
    return source instanceof Blob;
  } catch {
    return false;
  }
}

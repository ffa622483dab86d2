// A run as files and markup: the costs as CSV, the parameters and the settings as JSON, and
// the element's markup. Pure and DOM-free; the element hands in what it shows.
import type { Params } from '../../core/types';
import { CONFIG_FIELDS, PAGE_FIELDS, type PageSettings, type TrainConfig } from '../config-schema';

/** What the export methods accept; one format each for now. */
export type CostsFormat = 'csv';
export type JsonFormat = 'json';

/** Throws a TypeError unless `format` is the one allowed. */
export function checkFormat(fn: string, format: unknown, allowed: string): void {
  if (format !== allowed) {
    const got = typeof format === 'string' ? JSON.stringify(format.slice(0, 20)) : typeof format;
    throw new TypeError(`${fn}: format must be "${allowed}"; got ${got}`);
  }
}

/**
 * `iteration,cost` rows from iteration 0, with a `test_cost` column when the run has a test
 * set (`testCosts`, one per iteration; a missing one is an empty cell). Numbers are written in
 * full (JavaScript's shortest round-trip form), so `np.loadtxt` gets the float64s back.
 */
export function costsCsv(costs: ArrayLike<number>, testCosts?: ArrayLike<number> | null): string {
  const withTest = testCosts != null && testCosts.length > 0;
  const lines: string[] = [withTest ? 'iteration,cost,test_cost' : 'iteration,cost'];
  for (let i = 0; i < costs.length; i++) {
    let line = `${i},${num(costs[i])}`;
    if (withTest) line += `,${i < testCosts.length ? num(testCosts[i]) : ''}`;
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

/** A number for CSV and JSON: finite ones in full, others as empty (CSV) text. */
function num(v: number): string {
  return Number.isFinite(v) ? String(v) : '';
}

function rows(m: { rows: number; cols: number; data: ArrayLike<number> }): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < m.cols; c++) row.push(m.data[r * m.cols + c]);
    out.push(row);
  }
  return out;
}

/**
 * `{ "Wh": [[…]], "bh": [[…]], "Wo": [[…]], "bo": [[…]] }`: the tutorial's shapes (Wh D×H,
 * bh 1×H, Wo H×C, bo 1×C) as nested arrays, so `np.array(json['Wh'])` is the notebook's `Wh`.
 * Exact: JSON numbers round-trip float64.
 */
export function paramsJson(params: Params): string {
  const value = { Wh: rows(params.Wh), bh: rows(params.bh), Wo: rows(params.Wo), bo: rows(params.bo) };
  return JSON.stringify(value);
}

/** Every training setting by property name (`{ "hiddenUnits": 3, … }`), in table order. */
export function configJson(config: TrainConfig): string {
  const value: Record<string, unknown> = {};
  for (const f of CONFIG_FIELDS) value[f.key] = config[f.key];
  return JSON.stringify(value, null, 2) + '\n';
}

/** `&`, `"`, `<`, `>` as entities: safe inside a double-quoted attribute and as text. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface EmbedInput {
  config: TrainConfig;
  page: PageSettings;
  /** extra boolean attributes to write when true (`autoplay`) */
  flags?: Readonly<Record<string, boolean>>;
}

/**
 * `<backprop-lab hidden-units="8" learning-rate="0.1"></backprop-lab>`: the settings that
 * differ from the defaults (training and page rows of the schema table), as attributes in
 * table order, values escaped. Pasted into a page it trains the same run.
 */
export function embedCode({ config, page, flags = {} }: EmbedInput): string {
  const attrs: string[] = [];
  for (const [name, on] of Object.entries(flags)) if (on) attrs.push(name);
  for (const f of CONFIG_FIELDS) {
    const value = config[f.key];
    if (!Object.is(value, f.default)) attrs.push(`${f.attribute}="${escapeAttribute(String(value))}"`);
  }
  for (const f of PAGE_FIELDS) {
    const value = page[f.key];
    if (value === f.default) continue;
    if (f.kind === 'boolean') {
      if (value) attrs.push(f.attribute);
    } else attrs.push(`${f.attribute}="${escapeAttribute(String(value))}"`);
  }
  return `<backprop-lab${attrs.map((a) => ` ${a}`).join('')}></backprop-lab>`;
}

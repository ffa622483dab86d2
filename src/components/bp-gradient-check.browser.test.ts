import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { GradientCheckEntry, GradientCheckReport } from '../protocol/trainer-api';
import { entryName, formatGradient, summarize, type BpGradientCheck } from './bp-gradient-check';

const mounted: HTMLElement[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

async function mount(props: Partial<Pick<BpGradientCheck, 'report' | 'busy' | 'error'>> = {}) {
  const el = document.createElement('bp-gradient-check');
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

function entry(
  param: GradientCheckEntry['param'],
  row: number,
  col: number,
  analytic: number,
  numeric: number,
  close = true,
) {
  return { param, row, col, analytic, numeric, close };
}

/** Every entry of a 2→H→2 network: Wh (2×H), bh (1×H), Wo (H×2), bo (1×2). */
function fullReport(hidden: number, failing: (name: string) => boolean = () => false): GradientCheckReport {
  const entries: GradientCheckEntry[] = [];
  const add = (param: GradientCheckEntry['param'], rows: number, cols: number): void => {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const g = 0.01 * (r + 1) - 0.003 * c;
        const bad = failing(`${param}[${r},${c}]`);
        entries.push(entry(param, r, c, g, bad ? g + 0.5 : g + 1e-10, !bad));
      }
    }
  };
  add('Wh', 2, hidden);
  add('bh', 1, hidden);
  add('Wo', hidden, 2);
  add('bo', 1, 2);
  const failed = entries.filter((e) => !e.close);
  return {
    runId: 1,
    iteration: 120,
    ok: failed.length === 0,
    maxAbsDiff: failed.length ? 0.5 : 1e-10,
    maxRelDiff: failed.length ? 0.97 : 3.2e-8,
    entries,
  };
}

const root = (el: BpGradientCheck): ShadowRoot => el.shadowRoot!;
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: BpGradientCheck): HTMLButtonElement => root(el).querySelector('button')!;

describe('bp-gradient-check helpers', () => {
  it('names entries like the tutorial and formats numbers compactly', () => {
    expect(entryName({ param: 'Wh', row: 0, col: 1 })).toBe('Wh[0,1]');
    expect(formatGradient(0.0123456789)).toBe('0.0123457');
    expect(formatGradient(-1.5)).toBe('-1.5');
    expect(formatGradient(1.234e-10)).toBe('1.234e-10');
    expect(formatGradient(0)).toBe('0');
    expect(formatGradient(NaN)).toBe('—');
    expect(formatGradient(Infinity)).toBe('—');
    expect(formatGradient(-Infinity)).toBe('—');
  });
});

describe('bp-gradient-check', () => {
  it('fires bp-gradient-check-request from the button (click and keyboard)', async () => {
    const el = await mount();
    const events: Event[] = [];
    el.addEventListener('bp-gradient-check-request', (e) => events.push(e));
    expect(text(button(el))).toBe('Run gradient check');
    await userEvent.click(button(el));
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(CustomEvent);
    expect(events[0].bubbles).toBe(true);
    expect(events[0].composed).toBe(false);
    button(el).focus();
    await userEvent.keyboard('{Enter}');
    expect(events).toHaveLength(2);
    expect(text(root(el).querySelector('[part="summary"]'))).toBe('Not checked yet');
    expect(root(el).querySelector('table')).toBeNull();
  });

  it('shows busy: "Checking…", aria-disabled, no event, focus kept', async () => {
    const el = await mount({ busy: true });
    const events: Event[] = [];
    el.addEventListener('bp-gradient-check-request', (e) => events.push(e));
    const b = button(el);
    expect(text(b)).toBe('Checking…');
    expect(b.getAttribute('aria-disabled')).toBe('true');
    b.click(); // Playwright refuses to click an aria-disabled button: click it as a script would
    b.focus();
    await userEvent.keyboard('{Enter}');
    expect(events).toHaveLength(0);
    expect(root(el).activeElement).toBe(b);
    expect(root(el).querySelector('[role="status"]')!.getAttribute('aria-busy')).toBe('true');
    el.busy = false;
    await el.updateComplete;
    expect(text(b)).toBe('Run gradient check');
    expect(b.getAttribute('aria-disabled')).toBe('false');
  });

  it('renders a passing report: summary, stats and a row per entry', async () => {
    const report = fullReport(3);
    const el = await mount({ report });
    expect(text(root(el).querySelector('[part="summary"]'))).toBe('✓No gradient errors found');
    expect(summarize(report)).toBe('No gradient errors found');
    const stats = text(root(el).querySelector('[part="stats"]'));
    expect(stats).toContain('max |difference| 1e-10');
    expect(stats).toContain('max relative difference 3.2e-8');
    expect(stats).toContain('checked at iteration 120');

    const table = root(el).querySelector('table')!;
    expect(text(table.querySelector('caption'))).toBe('Gradient check at iteration 120: 17 parameter entries');
    expect(Array.from(table.querySelectorAll('thead th[scope="col"]'), text)).toEqual([
      'Parameter',
      'Analytic',
      'Numerical',
      '|Difference|',
      'Result',
    ]);
    const rows = table.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(17); // 2·3 + 3 + 3·2 + 2
    const first = Array.from(rows[1].children, text);
    expect(first[0]).toBe('Wh[0,1]');
    expect(first[1]).toBe(formatGradient(report.entries[1].analytic));
    expect(first[2]).toBe(formatGradient(report.entries[1].numeric));
    expect(first[3]).toBe(formatGradient(Math.abs(report.entries[1].analytic - report.entries[1].numeric)));
    expect(first[4]).toBe('✓ close');
    expect(rows[1].querySelector('th')!.getAttribute('scope')).toBe('row');
  });

  it('names the failing entries', async () => {
    const report = fullReport(3, (name) => name === 'Wh[0,1]' || name === 'bo[0,0]');
    const el = await mount({ report });
    expect(text(root(el).querySelector('[part="summary"]'))).toBe(
      '✗Gradient errors found in 2 of 17 entries: Wh[0,1], bo[0,0]',
    );
    const rows = Array.from(root(el).querySelectorAll('tbody tr'));
    const bad = rows.filter((r) => text(r.lastElementChild) === '✗ differs').map((r) => text(r.firstElementChild));
    expect(bad).toEqual(['Wh[0,1]', 'bo[0,0]']);
    expect(text(root(el).querySelector('[part="stats"]'))).toContain('max relative difference 0.97');
  });

  it('names the first few failures of many, then "…"', async () => {
    const report = fullReport(64, (name) => name.startsWith('Wo'));
    expect(report.entries).toHaveLength(322);
    const el = await mount({ report });
    expect(text(root(el).querySelector('[part="summary"]'))).toBe(
      '✗Gradient errors found in 128 of 322 entries: Wo[0,0], Wo[0,1], Wo[1,0], Wo[1,1], Wo[2,0]…',
    );
    // the long table scrolls inside a labelled, focusable box
    const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
    expect(scroller.tabIndex).toBe(0);
    expect(scroller.getAttribute('role')).toBe('region');
    expect(root(el).getElementById(scroller.getAttribute('aria-labelledby')!)!.tagName).toBe('CAPTION');
    expect(scroller.scrollHeight).toBeGreaterThan(scroller.clientHeight);
    scroller.focus();
    expect(root(el).activeElement).toBe(scroller);
    await userEvent.keyboard('{PageDown}');
    await vi.waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  });

  it('shows "—" for non-finite numbers, never NaN', async () => {
    const report: GradientCheckReport = {
      runId: 2,
      iteration: 7,
      ok: false,
      maxAbsDiff: NaN,
      maxRelDiff: Infinity,
      entries: [entry('bh', 0, 0, NaN, 0.25, false), entry('Wo', 1, 0, Infinity, -Infinity, false)],
    };
    const el = await mount({ report });
    const all = text(root(el).querySelector('[role="status"]')) + text(root(el).querySelector('table'));
    expect(all).not.toMatch(/NaN|Infinity/);
    const cells = Array.from(root(el).querySelectorAll('tbody tr'), (r) => Array.from(r.children, text));
    expect(cells).toEqual([
      ['bh[0,0]', '—', '0.25', '—', '✗ differs'],
      ['Wo[1,0]', '—', '—', '—', '✗ differs'],
    ]);
    expect(text(root(el).querySelector('[part="stats"]'))).toContain('max |difference| — · max relative difference —');
  });

  it('shows why a check failed to run', async () => {
    const el = await mount({ error: 'worker crashed' });
    expect(text(root(el).querySelector('[part="error"]'))).toBe('Gradient check failed: worker crashed');
  });
});

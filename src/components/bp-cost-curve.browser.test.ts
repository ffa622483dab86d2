import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { nextFrame } from '../../test/helpers/browser';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import { BpCostCurve, formatCost } from './bp-cost-curve';

const WIDTH = 600;
const mounted: HTMLElement[] = [];

afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

function series(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (0.7 / (1 + i / 40)) * (1 + 0.05 * Math.sin(i));
  return out;
}

async function mount(
  props: Partial<
    Pick<BpCostCurve, 'costs' | 'revision' | 'run' | 'iterations' | 'scale' | 'testCosts' | 'testRevision' | 'rows'>
  > = {},
) {
  const el = document.createElement('bp-cost-curve');
  el.style.width = `${WIDTH}px`;
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Waits until the element is on-screen and drew what it was last given. */
async function drawn(el: BpCostCurve): Promise<void> {
  await vi.waitFor(() => {
    expect(el.renderedPointCount).toBeGreaterThan(0);
  });
  await el.drawComplete;
  await el.updateComplete;
}

function shadow(el: BpCostCurve): ShadowRoot {
  return el.shadowRoot!;
}

function readout(el: BpCostCurve): string {
  return shadow(el).querySelector('[part="readout"]')!.textContent!.trim();
}

function canvas(el: BpCostCurve): HTMLCanvasElement {
  return shadow(el).querySelector('canvas')!;
}

/** Moves the pointer over the plot area to the pixel of iteration `i` (x axis from 0 to xMax). */
function hover(el: BpCostCurve, i: number, xMax: number): void {
  const over = shadow(el).querySelector<HTMLElement>('.u-over')!;
  const rect = over.getBoundingClientRect();
  const init = { bubbles: true, clientX: rect.left + (i / xMax) * rect.width, clientY: rect.top + rect.height / 2 };
  over.dispatchEvent(new MouseEvent('mouseenter', init));
  over.dispatchEvent(new MouseEvent('mousemove', init));
}

function plotOf(el: BpCostCurve): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[part="plot"]')!;
}

function liveRegion(el: BpCostCurve): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[aria-live="polite"]')!;
}

/** The marker's x offset in the plot, from its transform (translate(x px, y px)). */
function markerX(el: BpCostCurve): number {
  const marker = shadow(el).querySelector<HTMLElement>('.marker')!;
  return Number(/translate\(([-\d.]+)px/.exec(marker.style.transform)?.[1]);
}

function paintedPixels(el: BpCostCurve): number {
  const c = canvas(el);
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let painted = 0;
  for (let k = 3; k < data.length; k += 4) if (data[k] > 0) painted += 1;
  return painted;
}

describe('bp-cost-curve', () => {
  it('is defined once, idempotently', async () => {
    expect(customElements.get('bp-cost-curve')).toBe(BpCostCurve);
    await import('./bp-cost-curve');
    expect(customElements.get('bp-cost-curve')).toBe(BpCostCurve);
  });

  it('shows a placeholder with no costs, and a framed chart with axes', async () => {
    const el = await mount({ iterations: 300 });
    expect(shadow(el).querySelector('[part="placeholder"]')?.textContent).toBe('No iterations yet');
    expect(shadow(el).querySelectorAll('.u-axis')).toHaveLength(2);
    expect(shadow(el).querySelector('[part="plot"]')!.getAttribute('aria-label')).toContain('no iterations yet');
  });

  it('renders with axes, labels and uPlot’s stylesheet inside the shadow root', async () => {
    const el = await mount({ costs: series(300), revision: 1, iterations: 300 });
    await drawn(el);
    expect(shadow(el).querySelector('[part="placeholder"]')).toBeNull();
    expect(shadow(el).querySelectorAll('.u-axis')).toHaveLength(2);
    // uPlot's CSS is adopted by the shadow root, not injected into the page
    const over = shadow(el).querySelector<HTMLElement>('.u-over')!;
    expect(getComputedStyle(over).position).toBe('absolute');
    const sheets = shadow(el).adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules, (r) => r.cssText));
    expect(sheets.some((t) => t.includes('.u-over'))).toBe(true);
    const pageCss = Array.from(document.querySelectorAll('style'), (s) => s.textContent ?? '').join('\n');
    expect(pageCss).not.toContain('.u-over');
    // sharp: the backing store is the CSS size times devicePixelRatio (uPlot follows later
    // changes through a matchMedia listener, which headless emulation does not fire)
    const c = canvas(el);
    expect(c.width).toBe(Math.round(c.getBoundingClientRect().width * devicePixelRatio));
    expect(c.getBoundingClientRect().width).toBeGreaterThan(WIDTH - 2);
    // labels and ticks are drawn: the axis gutters are painted
    expect(paintedPixels(el)).toBeGreaterThan(500);
    const label = shadow(el).querySelector('[part="plot"]')!.getAttribute('aria-label')!;
    expect(label).toContain('iteration 0 to 299 of 300');
    expect(label).toContain(`latest cost ${formatCost(series(300)[299])}`);
    expect(readout(el)).toBe(`iteration 299 · cost ${formatCost(series(300)[299])}`);
  });

  it('draws 100,000 costs with O(width) points', async () => {
    const el = await mount({ costs: series(100_000), revision: 1, iterations: 100_000 });
    await drawn(el);
    expect(el.renderedPointCount).toBeGreaterThan(100);
    expect(el.renderedPointCount).toBeLessThanOrEqual(4 * WIDTH);
  });

  it('reads only the appended costs: 1,000 more on a 100,000 history process 1,000', async () => {
    const all = series(101_000);
    const el = await mount({ costs: all.subarray(0, 100_000), revision: 1, iterations: 100_000 });
    await drawn(el);
    const before = el.processedCount;
    el.costs = all;
    el.revision = 2;
    await el.updateComplete;
    await vi.waitFor(() => expect(el.processedCount - before).toBe(1000));
    await nextFrame();
    expect(el.processedCount - before).toBe(1000);
    expect(el.renderedPointCount).toBeLessThanOrEqual(4 * WIDTH);
    expect(readout(el)).toBe(`iteration 100999 · cost ${formatCost(all[100_999])}`);
  });

  it('redraws at most once per frame', async () => {
    const all = series(2000);
    const el = await mount({ costs: all.subarray(0, 1000), revision: 1, iterations: 2000 });
    await drawn(el);
    const before = el.processedCount;
    for (let k = 1; k <= 10; k++) {
      el.costs = all.subarray(0, 1000 + 100 * k);
      el.revision += 1;
      await el.updateComplete;
    }
    await nextFrame();
    await nextFrame();
    expect(el.processedCount - before).toBe(1000);
  });

  it('draws a revision set before a frame in that frame', async () => {
    const all = series(400);
    const el = await mount({ costs: all.subarray(0, 300), revision: 1, iterations: 400 });
    await drawn(el);
    const frame = frameScheduler.frames;
    const draws = el.drawCount;
    el.costs = all;
    el.revision = 2;
    await frameScheduler.afterDraw();
    expect(frameScheduler.frames).toBe(frame + 1);
    expect(el.drawCount).toBe(draws + 1);
    expect(el.renderedPointCount).toBe(400);
  });

  it('does not draw while off-screen, and catches up once visible', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    mounted.push(spacer);
    const el = await mount({ costs: series(300), revision: 1, iterations: 300 });
    for (let k = 0; k < 5; k++) await nextFrame();
    expect(el.renderedPointCount).toBe(0);
    expect(el.processedCount).toBe(0);
    el.scrollIntoView();
    await drawn(el);
    expect(el.renderedPointCount).toBe(300);
    window.scrollTo(0, 0);
  });

  it('toggles the log scale by click and by keyboard', async () => {
    const el = await mount({ costs: series(500), revision: 1, iterations: 500 });
    await drawn(el);
    const button = shadow(el).querySelector<HTMLButtonElement>('button[part~="button"]')!;
    expect(button.textContent!.trim()).toBe('Log scale');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    const linear = el.toDataURL();

    await userEvent.click(button);
    await el.updateComplete;
    expect(el.scale).toBe('log');
    expect(el.getAttribute('scale')).toBe('log');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await drawn(el);
    const log = el.toDataURL();
    expect(log).not.toBe(linear);

    button.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(el.scale).toBe('linear');
    expect(button.getAttribute('aria-pressed')).toBe('false');

    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(el.scale).toBe('log');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await drawn(el);
    // the curve is drawn on the log axis, with the same point count rules
    expect(el.renderedPointCount).toBeGreaterThan(0);
  });

  it('log scale clamps costs ≤ 0 and the scale attribute sets it', async () => {
    const costs = Float64Array.from([0.5, 0.2, 0, -1, 0.05, 0.01]);
    const el = document.createElement('bp-cost-curve');
    el.setAttribute('scale', 'log');
    el.costs = costs;
    el.revision = 1;
    document.body.append(el);
    mounted.push(el);
    await drawn(el);
    expect(el.scale).toBe('log');
    expect(el.renderedPointCount).toBe(6);
    expect(el.toDataURL()).toMatch(/^data:image\/png;base64,/);
  });

  it('reads the exact cost of the hovered iteration', async () => {
    const costs = series(100_000);
    const el = await mount({ costs, revision: 1, iterations: 100_000 });
    await drawn(el);
    hover(el, 5, 99_999);
    await el.updateComplete;
    const match = /^iteration (\d+) · cost (.+)$/.exec(readout(el));
    expect(match).not.toBeNull();
    const i = Number(match![1]);
    // within one pixel column of the target, and the exact (not decimated) value of that iteration
    expect(Math.abs(i - 5)).toBeLessThanOrEqual(100_000 / 500);
    expect(match![2]).toBe(formatCost(costs[i]));

    const short = await mount({ costs: series(100), revision: 1, iterations: 1000 });
    await drawn(short);
    // the frame spans [0, 1000]: 5% of the width is iteration 50
    hover(short, 50, 1000);
    await short.updateComplete;
    expect(readout(short)).toBe(`iteration 50 · cost ${formatCost(series(100)[50])}`);
    const marker = shadow(short).querySelector<HTMLElement>('.marker')!;
    expect(marker.hidden).toBe(false);
    // leaving the plot shows the latest cost again
    const over = shadow(short).querySelector('.u-over')!;
    over.dispatchEvent(new MouseEvent('mouseleave', { bubbles: false }));
    await short.updateComplete;
    await vi.waitFor(() => expect(readout(short)).toBe(`iteration 99 · cost ${formatCost(series(100)[99])}`));
  });

  it('never draws non-finite costs', async () => {
    const costs = series(200);
    for (let i = 150; i < 200; i++) costs[i] = NaN;
    costs[100] = Infinity;
    costs[120] = -Infinity;
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent): void => void errors.push(e.error);
    window.addEventListener('error', onError);
    const el = await mount({ costs, revision: 1, iterations: 200 });
    await drawn(el);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    // 148 finite costs (150 minus ±Infinity), all kept (short history), no NaN handed to uPlot
    expect(el.renderedPointCount).toBe(148);
    expect(readout(el)).toBe('iteration 199 · cost not finite');
    expect(readout(el)).not.toContain('NaN');
    hover(el, 175, 199);
    await el.updateComplete;
    expect(readout(el)).toMatch(/^iteration 17\d · cost not finite$/);
    expect(shadow(el).querySelector<HTMLElement>('.marker')!.hidden).toBe(true);
    hover(el, 60, 199);
    await el.updateComplete;
    expect(readout(el)).toMatch(/^iteration \d+ · cost \d/);
  });

  it('follows its width', async () => {
    const el = await mount({ costs: series(300), revision: 1, iterations: 300 });
    await drawn(el);
    el.style.width = '400px';
    await vi.waitFor(() => expect(Math.round(canvas(el).getBoundingClientRect().width)).toBe(400));
    expect(canvas(el).width).toBe(Math.round(400 * devicePixelRatio));
  });

  it('starts over when the costs shrink (a new run)', async () => {
    const el = await mount({ costs: series(5000), revision: 1, iterations: 5000 });
    await drawn(el);
    el.costs = series(10);
    el.revision = 2;
    el.iterations = 10;
    await el.updateComplete;
    await vi.waitFor(() => expect(el.renderedPointCount).toBe(10));
    el.costs = new Float64Array(0);
    el.revision = 3;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="placeholder"]')).not.toBeNull();
    await vi.waitFor(() => expect(el.renderedPointCount).toBe(0));
    expect(readout(el)).toBe('');
  });

  it('survives being removed and added again', async () => {
    const el = await mount({ costs: series(300), revision: 1, iterations: 300 });
    await drawn(el);
    el.remove();
    expect(shadow(el).querySelector('.uplot')).toBeNull();
    document.body.append(el);
    await drawn(el);
    expect(shadow(el).querySelectorAll('.uplot')).toHaveLength(1);
    expect(el.renderedPointCount).toBe(300);
    el.costs = series(400);
    el.revision = 2;
    await vi.waitFor(() => expect(el.renderedPointCount).toBe(400));
    expect(el.toDataURL().length).toBeGreaterThan(1000);
  });

  it('redraws for a new revision, run or iterations, not for a new costs object alone', async () => {
    const all = series(400);
    const el = await mount({ costs: all.subarray(0, 300), revision: 1, run: 1, iterations: 400 });
    await drawn(el);
    const draws = el.drawCount;
    // the host's every render passes a new subarray of the same store, with the same revision
    for (let k = 0; k < 5; k++) {
      el.costs = all.subarray(0, 300);
      await el.updateComplete;
      await nextFrame();
    }
    await nextFrame();
    expect(el.drawCount).toBe(draws);
    el.costs = all.subarray(0, 350);
    el.revision = 2;
    await vi.waitFor(() => expect(el.drawCount).toBe(draws + 1));
    el.iterations = 500;
    await vi.waitFor(() => expect(el.drawCount).toBe(draws + 2));
    el.run = 2;
    await vi.waitFor(() => expect(el.drawCount).toBe(draws + 3));
    await nextFrame();
    expect(el.drawCount).toBe(draws + 3);
  });

  it('starts over when the run changes, even if the new costs look like a continuation', async () => {
    // a new run that begins and (at the old length) ends like the old one: only the run id tells
    const old = series(100);
    old[50] = 10;
    const next = series(200);
    const el = await mount({ costs: old, revision: 1, run: 1, iterations: 200 });
    await drawn(el);
    const before = el.processedCount;
    el.costs = next;
    el.revision = 2;
    el.run = 2;
    await vi.waitFor(() => expect(el.processedCount - before).toBe(200));
    // the same change without a new run id reads only the appended 100 (the old spike stays)
    const same = await mount({ costs: old, revision: 1, run: 1, iterations: 200 });
    await drawn(same);
    const sameBefore = same.processedCount;
    same.costs = next;
    same.revision = 2;
    await vi.waitFor(() => expect(same.processedCount - sameBefore).toBe(100));
  });

  it('reads costs from the keyboard: arrows, Shift, Home and End, announced politely', async () => {
    const costs = series(500);
    const el = await mount({ costs, revision: 1, iterations: 500 });
    await drawn(el);
    const plot = plotOf(el);
    expect(plot.tabIndex).toBe(0);
    expect(plot.getAttribute('role')).toBe('group');
    expect(plot.getAttribute('aria-roledescription')).toBe('chart');
    expect(plot.getAttribute('aria-label')).toContain('arrow keys');
    const live = liveRegion(el);
    expect(live.textContent).toBe('');
    // hovering changes the readout but announces nothing
    hover(el, 100, 500);
    await el.updateComplete;
    expect(readout(el)).toMatch(/^iteration \d+ · cost /);
    expect(live.textContent).toBe('');
    shadow(el).querySelector('.u-over')!.dispatchEvent(new MouseEvent('mouseleave'));

    // Tab from the header's last button (per sample) reaches the chart, with a visible focus ring
    shadow(el).querySelector<HTMLButtonElement>('button.per-sample')!.focus();
    await userEvent.keyboard('{Tab}');
    expect(shadow(el).activeElement).toBe(plot);
    const style = getComputedStyle(plot);
    expect(style.outlineStyle).toBe('solid');
    expect(parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);

    const expectAt = async (i: number): Promise<void> => {
      await el.updateComplete;
      const text = `iteration ${i} · cost ${formatCost(costs[i])}`;
      expect(readout(el)).toBe(text);
      expect(live.textContent).toBe(text);
      expect(shadow(el).querySelector<HTMLElement>('.marker')!.hidden).toBe(false);
    };
    await userEvent.keyboard('{End}');
    await expectAt(499);
    const endX = markerX(el);
    await userEvent.keyboard('{ArrowLeft}');
    await expectAt(498);
    expect(markerX(el)).toBeLessThan(endX);
    await userEvent.keyboard('{Home}');
    await expectAt(0);
    await userEvent.keyboard('{ArrowLeft}');
    await expectAt(0);
    await userEvent.keyboard('{ArrowRight}');
    await expectAt(1);
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await expectAt(51);
    await userEvent.keyboard('{Shift>}{ArrowLeft}{ArrowLeft}{/Shift}');
    await expectAt(0);
    // with the pointer resting on the chart, a key still reads (and announces) its own iteration
    hover(el, 300, 500);
    await userEvent.keyboard('{ArrowRight}');
    await expectAt(1);
    await userEvent.keyboard('{ArrowLeft}');
    await expectAt(0);

    // hovering while a keyboard cursor is set still announces nothing new
    hover(el, 300, 500);
    await el.updateComplete;
    expect(live.textContent).toBe(`iteration 0 · cost ${formatCost(costs[0])}`);
    shadow(el).querySelector('.u-over')!.dispatchEvent(new MouseEvent('mouseleave'));
    await el.updateComplete;
    expect(readout(el)).toBe(`iteration 0 · cost ${formatCost(costs[0])}`);

    // leaving the chart returns the readout to the latest cost
    plot.blur();
    await el.updateComplete;
    expect(readout(el)).toBe(`iteration 499 · cost ${formatCost(costs[499])}`);
    expect(shadow(el).querySelector<HTMLElement>('.marker')!.hidden).toBe(true);
  });

  it('with a test set: a second, labelled series, per-sample view, log scale and keys for both', async () => {
    const costs = series(300);
    const testCosts = costs.map((c) => 0.5 * c + 0.1);
    const el = await mount({
      costs,
      revision: 1,
      testCosts,
      testRevision: 1,
      rows: { train: 70, test: 30 },
      iterations: 300,
    });
    await drawn(el);
    expect(el.processedTestCount).toBe(300);
    const legend = shadow(el).querySelector('[part="legend"]')!;
    expect(Array.from(legend.children, (c) => c.textContent!.trim())).toEqual(['training', 'test']);
    expect(readout(el)).toBe(`iteration 299 · cost ${formatCost(costs[299])} · test ${formatCost(testCosts[299])}`);
    const plot = plotOf(el);
    expect(plot.getAttribute('aria-label')).toContain('training and test');
    expect(plot.getAttribute('aria-label')).toContain(
      `latest cost ${formatCost(costs[299])} · test ${formatCost(testCosts[299])}`,
    );
    // both series drawn: about twice the points of the training series alone
    const both = el.renderedPointCount;
    expect(both).toBe(600);

    // per sample: each series over its own row count; the axis says so
    const perSample = shadow(el).querySelector<HTMLButtonElement>('button.per-sample')!;
    expect(perSample.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(perSample);
    await drawn(el);
    expect(el.perSample).toBe(true);
    expect(el.hasAttribute('per-sample')).toBe(true);
    expect(perSample.getAttribute('aria-pressed')).toBe('true');
    expect(readout(el)).toBe(
      `iteration 299 · cost per sample ${formatCost(costs[299] / 70)} · test ${formatCost(testCosts[299] / 30)}`,
    );
    expect(plot.getAttribute('aria-label')).toMatch(/^Cost per sample per iteration, training and test/);

    // log scale keeps both; the keys read both, with a marker on each
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('button[part~="button"]')!);
    await drawn(el);
    expect(el.scale).toBe('log');
    expect(el.renderedPointCount).toBe(both);
    plot.focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    expect(readout(el)).toBe(
      `iteration 0 · cost per sample ${formatCost(costs[0] / 70)} · test ${formatCost(testCosts[0] / 30)}`,
    );
    const [trainMarker, testMarker] = shadow(el).querySelectorAll<HTMLElement>('.marker');
    expect(trainMarker.hidden).toBe(false);
    expect(testMarker.hidden).toBe(false);
    expect(testMarker.style.transform).not.toBe(trainMarker.style.transform);
  });

  it('decimates a long test series like the training one', async () => {
    const costs = series(100_000);
    const el = await mount({
      costs,
      revision: 1,
      testCosts: costs.map((c) => 2 * c),
      testRevision: 1,
      iterations: 100_000,
    });
    await drawn(el);
    expect(el.processedTestCount).toBe(100_000);
    expect(el.renderedPointCount).toBeGreaterThan(200);
    expect(el.renderedPointCount).toBeLessThanOrEqual(8 * WIDTH);
  });

  it('a new viewed iteration moves the cursor line and the readout without drawing the chart again', async () => {
    const costs = series(300);
    const el = await mount({ costs, revision: 1, iterations: 300 });
    await drawn(el);
    const line = shadow(el).querySelector<HTMLElement>('.viewed')!;
    expect(line.hidden).toBe(true);
    const draws = el.drawCount;
    el.viewed = 100;
    await el.updateComplete;
    expect(line.hidden).toBe(false);
    const at100 = line.style.transform;
    expect(readout(el)).toBe(`iteration 100 · cost ${formatCost(costs[100])}`);
    el.viewed = 200;
    await el.updateComplete;
    expect(readout(el)).toBe(`iteration 200 · cost ${formatCost(costs[200])}`);
    // further right, proportionally: x runs from 0 to 300 over the plot
    const x = (t: string): number => Number(/translateX\(([-\d.]+)px\)/.exec(t)![1]);
    expect(x(line.style.transform)).toBeCloseTo(2 * x(at100), 0);
    await frameScheduler.afterDraw();
    expect(el.drawCount).toBe(draws);
    // back to live: the line goes
    el.viewed = -1;
    await el.updateComplete;
    expect(line.hidden).toBe(true);
    expect(readout(el)).toBe(`iteration 299 · cost ${formatCost(costs[299])}`);
  });
});

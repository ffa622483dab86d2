// Layout by the element's own width (container queries): the demo's first screen is the
// training, and an embed in a 700 px or 360 px column looks designed. Also `views`, `controls`,
// captions and the size reserved before the element upgrades.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  type Box,
  columnPage,
  countWebglContexts,
  lab,
  labsRendered,
  mapPlotBox,
  partBoxes,
  prop,
  waitForState,
  webglContextCount,
} from './support/lab';

const inViewport = (box: Box, viewport: { width: number; height: number }) =>
  box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;

/** Document and element: nothing wider than its box (no sideways scrolling). */
function sidewaysOverflow(page: Page): Promise<{ page: number; element: number }> {
  return page.evaluate(() => {
    const host = document.querySelector('backprop-lab')!;
    const right = host.getBoundingClientRect().right;
    let element = 0;
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0) element = Math.max(element, r.right - right);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(host.shadowRoot!);
    return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, element };
  });
}

test.describe('the demo’s first screen', () => {
  test('at 1440×900 the decision map, the hidden space and the cost curve are whole in view', async ({ page }) => {
    const viewport = { width: 1440, height: 900 };
    await page.setViewportSize(viewport);
    await page.goto('/');
    await labsRendered(page);
    const { parts } = await partBoxes(page, ['decision-map', 'hidden-space', 'cost-curve']);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    for (const name of ['decision-map', 'hidden-space', 'cost-curve']) {
      expect(parts[name], name).toHaveLength(1);
      expect(inViewport(parts[name][0], viewport), `${name} ${JSON.stringify(parts[name][0])}`).toBe(true);
    }
    await expect(page).toHaveTitle(/backprop-lab: .*neural network/);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /neural network/);
  });

  test('at 390×844 the decision map and the play control are in view', async ({ page }) => {
    const viewport = { width: 390, height: 844 };
    await page.setViewportSize(viewport);
    await page.goto('/');
    await labsRendered(page);
    const { parts } = await partBoxes(page, ['decision-map']);
    expect(inViewport(parts['decision-map'][0], viewport), JSON.stringify(parts['decision-map'][0])).toBe(true);
    const play = page.locator(lab).getByRole('button', { name: /^(Play|Pause)$/ });
    await expect(play).toBeInViewport({ ratio: 1 });
    // the settings are one tap away
    const toggle = page.locator(lab).getByRole('button', { name: 'Settings' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator(lab).getByLabel('Samples', { exact: true })).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator(lab).getByLabel('Samples', { exact: true })).toBeVisible();
    expect((await sidewaysOverflow(page)).page).toBeLessThanOrEqual(0);
  });

  test('a setting’s allowed range is its description, shown while it has focus', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    const noise = page.locator(lab).getByLabel('Noise', { exact: true });
    const help = page.locator(lab).locator('#help-noise');
    await expect(help).toBeHidden();
    await expect(noise).toHaveAccessibleDescription(/Allowed: a number from 0 to 1/);
    await noise.focus();
    await expect(help).toBeVisible();
    await expect(help).toContainText('a number from 0 to 1');
  });
});

test.describe('layout by the element’s own width', () => {
  for (const controls of ['all', 'transport'] as const) {
    // The 480 px budget predates two required rows: the timeline scrubber under the views (any
    // controls) and the point-editing tools under the decision map (controls="all" only). Each is
    // measured on its own and must be one line of at most 48 px; the rest of the element keeps the
    // old budget of 480 px.
    test(`700 px column, two views, controls="${controls}": side by side, at most 480 px tall`, async ({ page }) => {
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.goto(columnPage(700, { views: 'decision-map cost-curve', controls }));
      await labsRendered(page);
      const { host, parts } = await partBoxes(page, [
        'decision-map',
        'cost-curve',
        'hidden-space',
        'gradient-check',
        'timeline',
        'point-tools',
      ]);
      expect(host.width).toBe(700);
      const rows = await page.evaluate(() => {
        const root = document.querySelector('backprop-lab')!.shadowRoot!;
        /** A row's height, and whether its visible items all share one line. */
        const row = (el: Element | null) => {
          if (!el) return null;
          const items = Array.from((el.shadowRoot ?? el).children)
            .map((c) => c.getBoundingClientRect())
            .filter((r) => r.width > 0 && r.height > 0);
          const oneLine = Math.max(...items.map((r) => r.top)) < Math.min(...items.map((r) => r.bottom));
          return { height: el.getBoundingClientRect().height, oneLine, items: items.length };
        };
        const timeline = root.querySelector('[part="timeline"]')!;
        const figures = root.querySelector('.figures')!.getBoundingClientRect();
        return {
          timeline: row(timeline)!,
          // the timeline's share of the element: its own height and the gap above it
          timelineShare: timeline.getBoundingClientRect().bottom - figures.bottom,
          pointTools: row(root.querySelector('[part="point-tools"]')),
        };
      });
      expect(parts['timeline']).toHaveLength(1);
      expect(rows.timeline.items).toBeGreaterThanOrEqual(5);
      expect(rows.timeline.oneLine, 'the timeline is one line').toBe(true);
      expect(rows.timeline.height).toBeLessThanOrEqual(48);
      let rest = host.height - rows.timelineShare;
      if (controls === 'all') {
        expect(parts['point-tools']).toHaveLength(1);
        expect(rows.pointTools!.oneLine, 'the point tools are one line').toBe(true);
        expect(rows.pointTools!.height).toBeLessThanOrEqual(48);
        rest -= rows.pointTools!.height;
      } else {
        expect(parts['point-tools']).toHaveLength(0);
      }
      expect(rest).toBeLessThanOrEqual(480);
      const [map] = parts['decision-map'];
      const [cost] = parts['cost-curve'];
      expect(Math.abs(map.y - cost.y)).toBeLessThanOrEqual(1);
      expect(map.x + map.width).toBeLessThanOrEqual(cost.x);
      expect(parts['hidden-space']).toHaveLength(0);
      expect(parts['gradient-check']).toHaveLength(0);
      const plot = (await mapPlotBox(page))!;
      expect(Math.abs(plot.width - plot.height)).toBeLessThanOrEqual(1);
      await expect(page.locator(lab).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
      expect(await sidewaysOverflow(page)).toEqual({ page: 0, element: expect.any(Number) });
      expect((await sidewaysOverflow(page)).element).toBeLessThanOrEqual(0.5);
    });
  }

  test('the views follow the order of `views`', async ({ page }) => {
    await page.goto(columnPage(700, { views: 'cost-curve decision-map' }));
    await labsRendered(page);
    const { parts } = await partBoxes(page, ['decision-map', 'cost-curve']);
    expect(parts['cost-curve'][0].x + parts['cost-curve'][0].width).toBeLessThanOrEqual(parts['decision-map'][0].x);
    const order = await page.evaluate(() =>
      Array.from(document.querySelector('backprop-lab')!.shadowRoot!.querySelectorAll('figure'), (f) => f.dataset.view),
    );
    expect(order).toEqual(['cost-curve', 'decision-map']);
    expect(await prop<string[]>(page, 'shownViews')).toEqual(['cost-curve', 'decision-map']);
  });

  test('360 px column: stacked, the map square, nothing overflows sideways', async ({ page }) => {
    await page.setViewportSize({ width: 400, height: 800 });
    await page.goto(columnPage(360, { views: 'decision-map cost-curve' }));
    await labsRendered(page);
    const { host, parts } = await partBoxes(page, ['decision-map', 'cost-curve']);
    expect(host.width).toBe(360);
    const [map] = parts['decision-map'];
    const [cost] = parts['cost-curve'];
    expect(cost.y).toBeGreaterThanOrEqual(map.y + map.height);
    expect(map.width).toBeLessThanOrEqual(host.width);
    const plot = (await mapPlotBox(page))!;
    expect(Math.abs(plot.width - plot.height)).toBeLessThanOrEqual(1);
    const overflow = await sidewaysOverflow(page);
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.element).toBeLessThanOrEqual(0.5);
  });

  test('all four views at 1200 px form one screen', async ({ page }) => {
    const viewport = { width: 1280, height: 900 };
    await page.setViewportSize(viewport);
    await page.goto(columnPage(1200));
    await labsRendered(page);
    const { host, parts } = await partBoxes(page, ['decision-map', 'hidden-space', 'cost-curve', 'gradient-check']);
    expect(host.y + host.height).toBeLessThanOrEqual(viewport.height);
    const tops = Object.values(parts).map((boxes) => boxes[0].y);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(1); // one row
  });

  test('--bp-view-max-size caps the views', async ({ page }) => {
    await page.goto(columnPage(1200, { views: 'decision-map cost-curve' }));
    await labsRendered(page);
    await page.evaluate(() => document.querySelector('backprop-lab')!.style.setProperty('--bp-view-max-size', '240px'));
    const { parts } = await partBoxes(page, ['decision-map', 'cost-curve']);
    expect(parts['decision-map'][0].width).toBe(240);
    expect(parts['cost-curve'][0].width).toBe(240);
    const plot = (await mapPlotBox(page))!;
    expect(Math.abs(plot.width - plot.height)).toBeLessThanOrEqual(1);
  });
});

test.describe('views, controls and captions', () => {
  test('a view not shown makes no WebGL context', async ({ page }) => {
    await countWebglContexts(page);
    await page.goto(columnPage(700, { views: 'cost-curve gradient-check' }));
    await labsRendered(page);
    expect(await page.locator(lab).locator('bp-decision-map, bp-hidden-space').count()).toBe(0);
    expect(await webglContextCount(page)).toBe(0);
    // the map, once asked for, makes its own
    await page.evaluate(() => document.querySelector('backprop-lab')!.setAttribute('views', 'decision-map'));
    await expect.poll(() => webglContextCount(page)).toBeGreaterThan(0);
    expect(await page.locator(lab).locator('bp-hidden-space').count()).toBe(0);
  });

  test('an unknown view is a named error and the last good views stay', async ({ page }) => {
    await page.goto(columnPage(700, { views: 'decision-map cost-curve' }));
    await labsRendered(page);
    await page.evaluate(() =>
      document.querySelector('backprop-lab')!.setAttribute('views', 'decision-map loss-landscape'),
    );
    const error = page.locator(lab).locator('[part~="error"]');
    await expect(error).toContainText('views: "decision-map loss-landscape" is not allowed');
    await expect(error).toContainText('"loss-landscape" is not a view');
    const errors = await prop<Record<string, string>>(page, 'configErrors');
    expect(errors.views).toMatch(/^views: .*"loss-landscape" is not a view/);
    expect(await prop<string[]>(page, 'shownViews')).toEqual(['decision-map', 'cost-curve']);
    await expect(page.locator(lab).locator('[part~="cost-curve"]')).toHaveCount(1);
    // a repeated view and an empty list are errors too; a good value clears the error
    await page.evaluate(() => document.querySelector('backprop-lab')!.setAttribute('views', 'cost-curve cost-curve'));
    await expect(error).toContainText('"cost-curve" is listed twice');
    await page.evaluate(() => document.querySelector('backprop-lab')!.setAttribute('views', 'hidden-space'));
    await expect(error).toHaveCount(0);
    expect(await prop<string[]>(page, 'shownViews')).toEqual(['hidden-space']);
    expect((await prop<Record<string, string>>(page, 'configErrors')).views).toBeUndefined();
  });

  test('controls="transport" keeps play/pause, step, reset, speed and the status line', async ({ page }) => {
    await page.goto(columnPage(700, { controls: 'transport' }));
    await labsRendered(page);
    const element = page.locator(lab);
    for (const name of ['Play', 'Step', 'Reset'])
      await expect(element.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(element.getByLabel('Speed', { exact: true })).toBeVisible();
    await expect(element.getByLabel('Max speed', { exact: true })).toBeVisible();
    await expect(element.locator('[part="status"]')).toBeVisible();
    for (const label of ['Samples', 'Hidden units', 'Learning rate', 'Seed']) {
      await expect(element.getByLabel(label, { exact: true })).toHaveCount(0);
    }
    await expect(element.getByRole('button', { name: 'Settings' })).toHaveCount(0);
    // the transport works
    await element.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => prop<number>(page, 'iteration')).toBe(1);
    await element.getByLabel('Speed', { exact: true }).fill('200');
    await element.getByLabel('Speed', { exact: true }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('backprop-lab')!.config.speed)).toBe(200);
  });

  const hideAll: Array<[string, Record<string, string | true>]> = [
    ['controls="none"', { controls: 'none' }],
    ['no-controls (its alias)', { 'no-controls': true }],
  ];
  for (const [name, attributes] of hideAll) {
    test(`${name} hides every control and the status line`, async ({ page }) => {
      await page.goto(columnPage(700, attributes));
      await labsRendered(page);
      const element = page.locator(lab);
      await expect(element.getByRole('button', { name: 'Play' })).toHaveCount(0);
      await expect(element.locator('bp-controls')).toHaveCount(0);
      await expect(element.locator('[part="status"]')).toHaveCount(0);
      await expect(element.locator('[part~="decision-map"]')).toHaveCount(1);
    });
  }

  test('an invalid controls value is a named error; the last good one stays', async ({ page }) => {
    await page.goto(columnPage(700, { controls: 'transport' }));
    await labsRendered(page);
    await page.evaluate(() => document.querySelector('backprop-lab')!.setAttribute('controls', 'some'));
    await expect(page.locator(lab).locator('[part~="error"]')).toContainText(
      'controls: "some" is not allowed; expected one of "all", "transport", "none".',
    );
    await expect(page.locator(lab).getByRole('button', { name: 'Step', exact: true })).toBeVisible();
    await expect(page.locator(lab).getByLabel('Samples', { exact: true })).toHaveCount(0);
  });

  test('no-captions removes the captions; a slotted caption replaces one', async ({ page }) => {
    await page.goto(columnPage(700, { 'no-captions': true }));
    await labsRendered(page);
    await expect(page.locator(lab).locator('figcaption')).toHaveCount(0);

    await page.goto(columnPage(700, { caption: 'Our own words about the boundary.' }));
    await labsRendered(page);
    const captions = page.locator(lab).locator('figcaption');
    await expect(captions).toHaveCount(4);
    // the slotted words show in the first caption, in place of its default text
    await expect(page.locator('backprop-lab > p[slot="decision-map-caption"]')).toBeVisible();
    await expect(captions.first().getByText('Decision boundary.')).toBeHidden();
    await expect(captions.nth(1).getByText('Hidden space.')).toBeVisible();
    const assigned = await page.evaluate(() => {
      const slot = document
        .querySelector('backprop-lab')!
        .shadowRoot!.querySelector<HTMLSlotElement>('slot[name="decision-map-caption"]')!;
      return slot.assignedElements().map((e) => e.textContent);
    });
    expect(assigned).toEqual(['Our own words about the boundary.']);
  });

  for (const controls of ['all', 'transport', 'none'] as const) {
    for (const views of ['decision-map cost-curve', 'hidden-space gradient-check', 'cost-curve']) {
      for (const width of [700, 360]) {
        test(`no axe violations: controls="${controls}" views="${views}" in ${width} px`, async ({ page }) => {
          await page.goto(columnPage(width, { controls, views }));
          await labsRendered(page);
          const results = await new AxeBuilder({ page }).include(lab).analyze();
          expect(
            results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          ).toEqual([]);
        });
      }
    }
  }
});

test.describe('size reserved before the element upgrades', () => {
  test('the status figures keep their boxes from the first render to the end of the run', async ({ page }) => {
    // at 768 px the status line wraps: a figure that grows (the engine's "WebAssembly", the
    // accuracy's "100%") pushed an item to a new line and the views down mid-run
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto('/');
    await labsRendered(page);
    const boxes = () =>
      page.evaluate(() => {
        const el = document.querySelector('backprop-lab')!;
        const status = el.shadowRoot!.querySelector('[part="status"]')!;
        return {
          host: el.getBoundingClientRect().height,
          items: Array.from(status.children, (item) => {
            const r = item.getBoundingClientRect();
            return `${item.className} ${r.width.toFixed(1)}×${r.height.toFixed(1)} at ${r.top.toFixed(1)}`;
          }),
        };
      });
    const before = await boxes();
    expect(await prop<string>(page, 'state')).not.toBe('done');
    await waitForState(page, 'done');
    expect(await boxes()).toEqual(before);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`the documented :not(:defined) rule holds the box at ${viewport.width}×${viewport.height}`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto('/e2e/fixtures/late-define.html');
      const measure = () =>
        page.evaluate(() => ({
          lab: document.querySelector('backprop-lab')!.getBoundingClientRect().toJSON() as DOMRect,
          footer: document.querySelector('footer')!.getBoundingClientRect().top,
          defined: customElements.get('backprop-lab') !== undefined,
        }));
      const before = await measure();
      expect(before.defined).toBe(false);
      expect(before.lab.height).toBeGreaterThan(300);
      await page.evaluate(() => {
        // every shift from here on, frame by frame (not only the end state)
        const shifts: number[] = [];
        (window as unknown as { __shifts: number[] }).__shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) shifts.push(entry.value);
          }
        }).observe({ type: 'layout-shift' });
        const script = document.createElement('script');
        script.type = 'module';
        script.src = '/demo/main.ts';
        document.head.append(script);
      });
      await labsRendered(page);
      const after = await measure();
      expect(after.defined).toBe(true);
      // what would shift the page: the element's top and height, and what follows it
      expect(Math.abs(after.lab.y - before.lab.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.lab.height - before.lab.height)).toBeLessThanOrEqual(12);
      expect(Math.abs(after.footer - before.footer)).toBeLessThanOrEqual(12);
      // nor in any frame between (Lighthouse's target: a cumulative shift ≤ 0.02)
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(0.02);
    });
  }
});

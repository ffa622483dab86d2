// The whole element with its real worker: the page's one frame scheduler draws a batch in the
// animation frame that follows its arrival, never one frame later.
import { describe, expect, it, onTestFinished } from 'vitest';
import { presents } from '../render/canvas/canvas-view';
import type { PresentMode } from '../render/canvas/deferred-present';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import { READOUT_INTERVAL_MS } from '../controllers/readout-pace';
import { until } from '../../test/helpers/browser';
import { mountLab, placeLab } from '../../test/helpers/lab';
import { AUTOPLAY_VIEWS_WAIT_MS } from '../controllers/autoplay';
import { createTrainerWorker } from '../client/worker-factory';
import { afterPaintPending } from './after-paint';
import { PART_TAGS, type BackpropLab } from './backprop-lab';

/** What happened to the decision map in the frame whose commit phase fired one bp-progress. */
interface FrameCheck {
  /** the frame's draw phase ran right after this commit (frameScheduler.frames went up by one) */
  sameFrame: boolean;
  /** the decision map drew in that draw phase */
  mapDrew: boolean;
}

/** For the current test: no draw budget to hold a view over, and presents in `mode`. */
function unbudgeted(mode: PresentMode): void {
  const budget = frameScheduler.drawBudgetMs;
  frameScheduler.drawBudgetMs = Infinity;
  presents.mode = mode;
  onTestFinished(() => {
    frameScheduler.drawBudgetMs = budget;
    presents.mode = 'auto';
  });
}

/**
 * Per frame that takes a batch: `note()` in its commit phase (bp-progress fires there), and the
 * look it returns right after that frame's draw phase (a draw task asked for now runs in this
 * frame; its microtask, after every draw).
 */
function watchBatchFrames<T>(lab: HTMLElement, note: () => () => T): Array<Promise<T>> {
  const checks: Array<Promise<T>> = [];
  lab.addEventListener('bp-progress', () => {
    const look = note();
    checks.push(new Promise((resolve) => frameScheduler.requestDraw(() => queueMicrotask(() => resolve(look())))));
  });
  return checks;
}

describe('<backprop-lab>', () => {
  it('starts its worker after its first paint, not in the task that builds it', async () => {
    // animation frames begun since the element was added, as each worker was made
    let framesBegun = 0;
    const count = (): void => {
      framesBegun++;
      counter = requestAnimationFrame(count);
    };
    let counter = requestAnimationFrame(count);
    const made: number[] = [];
    const lab = document.createElement('backprop-lab');
    lab.workerFactory = () => {
      made.push(framesBegun);
      return createTrainerWorker();
    };
    lab.style.cssText = 'display: block; width: 640px';
    document.body.append(lab);
    onTestFinished(() => {
      cancelAnimationFrame(counter);
      lab.remove();
    });
    await lab.updateComplete;
    // built and rendered, no worker yet
    expect(made).toEqual([]);
    // the run works once it has one
    await lab.step(1);
    expect(lab.iteration).toBe(1);
    expect(made).toHaveLength(1);
    expect(made[0]).toBeGreaterThanOrEqual(1);

    // removed before its first paint: no worker at all
    const early = document.createElement('backprop-lab');
    early.workerFactory = () => {
      made.push(-1);
      return createTrainerWorker();
    };
    document.body.append(early);
    early.remove();
    await until(() => afterPaintPending() === 0, 'the work waiting for a paint');
    expect(made).toHaveLength(1);
  });

  it('upgraded in place with a reserved box, is built over frames: box held, layout shown once its controls have rendered', async () => {
    let framesBegun = 0;
    let counter = requestAnimationFrame(function count() {
      framesBegun++;
      counter = requestAnimationFrame(count);
    });
    const style = document.createElement('style');
    style.textContent = '.reserved:not(:defined) { display: block; min-height: 900px; }';
    document.head.append(style);
    // made in a document without custom elements (as the parser makes a page's element before
    // its script defines it), then connected here: upgraded in place
    const inert = document.implementation.createHTMLDocument('');
    const lab = inert.createElement('backprop-lab') as BackpropLab;
    lab.className = 'reserved';
    lab.style.width = '640px';
    document.body.append(lab);
    onTestFinished(() => {
      cancelAnimationFrame(counter);
      lab.remove();
      style.remove();
    });
    const root = lab.shadowRoot!;
    const seen: { frame: number; building: boolean; controlsRendered: boolean }[] = [];
    const observer = new MutationObserver(() => {
      const layout = root.querySelector('.layout');
      if (!layout || seen.length > 0) return;
      seen.push({
        frame: framesBegun,
        building: layout.classList.contains('building'),
        controlsRendered: root.querySelector('bp-controls')?.hasUpdated ?? true,
      });
    });
    observer.observe(root, { childList: true, subtree: true });
    onTestFinished(() => observer.disconnect());
    // defined, not rendered yet: the reserved height holds its box
    expect(customElements.get('backprop-lab')).toBeDefined();
    expect(root.querySelector('.layout')).toBeNull();
    expect(lab.getBoundingClientRect().height).toBe(900);
    // updateComplete: the controls' first render too
    await lab.updateComplete;
    expect(root.querySelector('bp-controls')?.hasUpdated).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].frame).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatchObject({ building: true, controlsRendered: false });
    const layout = root.querySelector<HTMLElement>('.layout')!;
    await until(() => !layout.classList.contains('building'), 'the layout shown');
    expect(getComputedStyle(layout).visibility).toBe('visible');
    // its own height again (the page's reservation no longer applies, and none is held inline)
    expect(lab.style.minHeight).toBe('');
    expect(lab.getAttribute('style')).toBe('width: 640px;');
    // made by script, an element renders at once: no frame begins before its first render
    const made = document.createElement('backprop-lab');
    made.style.cssText = 'display: block; width: 640px';
    const before = framesBegun;
    document.body.append(made);
    onTestFinished(() => made.remove());
    await made.updateComplete;
    expect(framesBegun).toBe(before);
    expect(made.shadowRoot!.querySelector('.layout.building')).toBeNull();
  });

  it('PART_TAGS (whose style sheets are built ahead of the first render) names every element the lab may hold', async () => {
    const lab = await mountLab({ views: 'decision-map hidden-space cost-curve gradient-check network' });
    const tags = new Set<string>();
    const walk = (root: ParentNode): void => {
      for (const element of root.querySelectorAll('*')) {
        if (element.tagName.startsWith('BP-')) tags.add(element.tagName.toLowerCase());
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(lab.shadowRoot!);
    expect(tags.size).toBeGreaterThanOrEqual(8);
    expect([...tags].filter((tag) => !(PART_TAGS as readonly string[]).includes(tag))).toEqual([]);
  });

  it('autoplay starts the run once its views are set up', async () => {
    const connected = performance.now();
    const lab = placeLab({ autoplay: '', speed: '10', iterations: '100000' });
    onTestFinished(() => lab.remove());
    const atStart = await new Promise<{ backends: string[]; after: number }>((resolve) =>
      lab.addEventListener('bp-state-change', function once(event) {
        if (event.detail.state !== 'running') return;
        lab.removeEventListener('bp-state-change', once);
        const views = (['bp-decision-map', 'bp-hidden-space'] as const).map((tag) =>
          lab.shadowRoot!.querySelector(tag),
        );
        resolve({ backends: views.map((view) => view?.backend ?? 'missing'), after: performance.now() - connected });
      }),
    );
    // set up (WebGL here), unless the set-up took longer than autoplay waits for it
    if (atStart.after < AUTOPLAY_VIEWS_WAIT_MS) expect(atStart.backends).toEqual(['webgl', 'webgl']);
    else expect(atStart.backends).not.toContain('missing');
  });

  it('draws each delivered batch in the animation frame after it arrives', async () => {
    // The phases' order, not the machine's speed: whether the views fit the draw budget
    // together depends on how fast this machine draws (with software compositing a view's draw
    // includes its raster), and `npm run bench -- --only=dashboard` measures that ("batch
    // frames that drew every view"). With no budget to hold a view over, every batch must be
    // drawn in the frame after it arrives. Presents are made immediate for the same reason:
    // where presenting waits for the raster the views show their frames once the GPU has run
    // them and hold meanwhile, however fast this machine rasterises (deferred-present.ts; its
    // own tests in canvas-view.browser.test.ts), and a loaded machine may time its first
    // presents as waiting.
    unbudgeted('immediate');
    const lab = await mountLab({ 'no-controls': '', speed: '30', iterations: '100000' });
    const map = lab.shadowRoot!.querySelector('bp-decision-map')!;
    await lab.step(1);
    await until(() => map.backend !== 'none' && map.drawCount > 0, "the map's first frame", 10_000);
    // and the views' set-up over: a set-up piece (an idle one too) holds the draws of the frame
    // it runs in, by design (canvas-view.ts; view-setup.browser.test.ts tests those turns)
    await until(() => frameScheduler.pendingSetup === 0 && map.setupComplete, "the views' set-up", 20_000);

    const checks = watchBatchFrames<FrameCheck>(lab, () => {
      const frame = frameScheduler.frames;
      const drawn = map.drawCount;
      return () => ({ sameFrame: frameScheduler.frames === frame + 1, mapDrew: map.drawCount > drawn });
    });
    await lab.start();
    await until(() => checks.length >= 20, '20 frames with new batches', 15_000);
    await lab.pause();
    const results = await Promise.all(checks);
    expect(results.length).toBeGreaterThanOrEqual(20);
    for (const result of results) expect(result).toEqual({ sameFrame: true, mapDrew: true });
  });

  it('where frames are shown later, every batch is drawn by every WebGL view: the next waits until they are shown', async () => {
    // the deferred path whatever this machine's compositing (a view's frame is shown once the
    // GPU has run it, and the views hold meanwhile), and no budget to hold a view over (the
    // bench measures whether they fit a frame): the training stream takes the next batch only
    // once the views have shown the last (paceBatches), so no batch arrives while they hold
    unbudgeted('deferred');
    const lab = await mountLab({ 'no-controls': '', speed: 'max', iterations: '1000000' });
    const [map, hidden] = [
      lab.shadowRoot!.querySelector('bp-decision-map')!,
      lab.shadowRoot!.querySelector('bp-hidden-space')!,
    ];
    await lab.step(1);
    await until(
      () => frameScheduler.pendingSetup === 0 && map.setupComplete && hidden.setupComplete,
      "the views' set-up",
      20_000,
    );
    const checks = watchBatchFrames(lab, () => {
      const heldAtCommit = presents.pending;
      const drawn = [map.drawCount, hidden.drawCount];
      return () => ({ heldAtCommit, bothDrew: map.drawCount > drawn[0] && hidden.drawCount > drawn[1] });
    });
    await lab.start();
    await until(() => checks.length >= 20, '20 frames with new batches', 15_000);
    await lab.pause();
    const results = await Promise.all(checks);
    for (const result of results) expect(result).toEqual({ heldAtCommit: false, bothDrew: true });
  });

  it('with a test split and five classes, the cost curve shows the test costs and the views the classes', async () => {
    const lab = await mountLab({
      'no-controls': '',
      generator: 'blobs',
      classes: '5',
      'test-fraction': '0.3',
      iterations: '20',
      views: 'decision-map cost-curve',
    });
    await lab.start();
    await lab.whenFinished();
    const curve = lab.shadowRoot!.querySelector('bp-cost-curve')!;
    await until(() => curve.processedTestCount === 21, 'the 21 test costs drawn', 10_000);
    expect(curve.rows).toEqual({ train: 70, test: 30 });
    expect(curve.shadowRoot!.querySelector('[part="legend"]')).not.toBeNull();
    expect(curve.shadowRoot!.querySelector('[part="readout"]')!.textContent).toMatch(
      /^iteration 20 · cost [\d.]+ · test [\d.]+$/,
    );
    const map = lab.shadowRoot!.querySelector('bp-decision-map')!;
    await until(() => map.shadowRoot!.querySelector('canvas') !== null, "the map's canvas", 10_000);
    expect(map.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')).toContain(
      'diamonds class 4; the 30 test points are hollow',
    );
  });

  it('while training, the worded figures change at most every READOUT_INTERVAL_MS; a pause shows the last ones at once', async () => {
    const lab = await mountLab({ speed: 'max', iterations: '10000000' });
    const status = lab.shadowRoot!.querySelector('.item-iteration dd')!;
    const readout = lab.shadowRoot!.querySelector('bp-timeline')!.shadowRoot!.querySelector('.readout')!;
    await lab.updateComplete;
    const curve = lab.shadowRoot!.querySelector('bp-cost-curve')!;
    const costReadout = curve.shadowRoot!.querySelector('[part="readout"]')!;
    let frames = 0;
    const seen = new Set<number>();
    const countFrames = (): void => {
      frames++;
      seen.add(lab.iteration);
    };
    frameScheduler.onFrame = countFrames;
    // from when the run trains: the idle run's figures (shown once the worker, made after the
    // element's first paint, has the settings) and the start show at once
    await lab.start();
    const changes: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() => changes.push({ at: performance.now(), text: status.textContent! }));
    observer.observe(status, { characterData: true, subtree: true, childList: true });
    const costChanges: { at: number; text: string }[] = [];
    const costObserver = new MutationObserver(() =>
      costChanges.push({ at: performance.now(), text: costReadout.textContent! }),
    );
    costObserver.observe(costReadout, { characterData: true, subtree: true, childList: true });
    await until(() => changes.length >= 8 && frames >= 40, 'eight changes of the status line', 20_000);
    frameScheduler.onFrame = null;
    const training = changes.slice();
    const costTraining = costChanges.slice();
    observer.disconnect();
    costObserver.disconnect();
    await lab.pause();
    await lab.updateComplete;
    // the views saw a new iteration in most frames; the figures changed far less often
    expect(seen.size).toBeGreaterThan(training.length);
    // (the observer notes a change when its callback runs, a few ms after the render at most;
    // without the pace a change comes every frame, 17 ms apart)
    for (const figure of [training, costTraining]) {
      expect(figure.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < figure.length; i++) {
        expect(figure[i]!.at - figure[i - 1]!.at, JSON.stringify(figure)).toBeGreaterThanOrEqual(
          READOUT_INTERVAL_MS - 10,
        );
      }
    }
    // paused: the figures are the run's, at once
    const last = `${lab.iteration} / 10000000`;
    expect(status.textContent!.replace(/\s+/g, ' ').trim()).toBe(last);
    expect(readout.textContent!.replace(/\s+/g, ' ').trim()).toBe(`${lab.iteration} of ${lab.iteration}`);
    // (the readout changes in the update that pacing off starts)
    while (!(await curve.updateComplete));
    expect(costReadout.textContent).toMatch(new RegExp(`^iteration ${lab.iteration} · cost [\\d.]+$`));
    lab.remove();
  });
});

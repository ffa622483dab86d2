import { ReactiveElement } from 'lit';
import { describe, expect, test } from 'vitest';
import { frames } from '../../../test/helpers/browser';
import { FrameScheduler } from './frame-scheduler';
import type { FrameStats } from './frame-scheduler';

/** A scheduler of its own (not the page's), whose task errors land in `errors`. */
function makeScheduler(errors: unknown[] = []): FrameScheduler {
  return new FrameScheduler({ reportError: (error) => errors.push(error) });
}

/** Keeps the main thread busy for `ms` (a task's script time, as a view's draw or a link costs). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A Lit element whose update asks `scheduler` for a draw, as the views' updated() does. */
class DrawOnUpdate extends ReactiveElement {
  scheduler: FrameScheduler | null = null;
  draw: () => void = () => {};
  protected override updated(): void {
    this.scheduler?.requestDraw(this.draw);
  }
}
customElements.define('test-draw-on-update', DrawOnUpdate);

describe('FrameScheduler', () => {
  test('a task asked for twice before its frame runs once', async () => {
    const scheduler = makeScheduler();
    let commits = 0;
    let draws = 0;
    const commit = (): number => commits++;
    const draw = (): number => draws++;
    scheduler.requestCommit(commit);
    scheduler.requestDraw(draw);
    scheduler.requestCommit(commit);
    scheduler.requestDraw(draw);
    await scheduler.afterDraw();
    expect([commits, draws, scheduler.frames]).toEqual([1, 1, 1]);
    // and not again in later frames
    await frames(2);
    expect([commits, draws]).toEqual([1, 1]);
    expect(scheduler.isPending(commit) || scheduler.isPending(draw)).toBe(false);
  });

  test('a draw asked for in the commit phase, or in the microtasks after it (a Lit update), runs in that frame', async () => {
    const scheduler = makeScheduler();
    const ranAt = new Map<string, number>();
    const mark = (name: string) => (): void => void ranAt.set(name, scheduler.frames);
    const element = new DrawOnUpdate();
    element.scheduler = scheduler;
    element.draw = mark('draw after a Lit update');
    document.body.append(element);
    await element.updateComplete;
    await frames(1);
    ranAt.clear();
    const frame = scheduler.frames;
    scheduler.requestCommit(() => {
      mark('commit')();
      scheduler.requestDraw(mark('draw from the commit'));
      queueMicrotask(() => scheduler.requestDraw(mark('draw from a microtask')));
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => scheduler.requestDraw(mark('draw from a later microtask')));
      element.requestUpdate();
    });
    await scheduler.afterDraw();
    expect(Object.fromEntries(ranAt)).toEqual({
      commit: frame,
      'draw from the commit': frame,
      'draw from a microtask': frame,
      'draw from a later microtask': frame,
      'draw after a Lit update': frame,
    });
    expect(scheduler.frames).toBe(frame + 1);
    element.remove();
  });

  test('a commit or draw asked for in the draw phase runs in the next frame', async () => {
    const scheduler = makeScheduler();
    const ranAt = new Map<string, number>();
    const mark = (name: string) => (): void => void ranAt.set(name, scheduler.frames);
    scheduler.requestDraw(() => {
      mark('draw')();
      scheduler.requestCommit(mark('commit from the draw'));
      scheduler.requestDraw(mark('draw from the draw'));
    });
    await scheduler.afterDraw();
    expect(Object.fromEntries(ranAt)).toEqual({ draw: 0 });
    await scheduler.afterDraw();
    expect(Object.fromEntries(ranAt)).toEqual({ draw: 0, 'commit from the draw': 1, 'draw from the draw': 1 });
  });

  test('a throwing task does not stop the others, nor later frames', async () => {
    const errors: unknown[] = [];
    const scheduler = makeScheduler(errors);
    const ran: string[] = [];
    scheduler.requestCommit(() => {
      throw new Error('commit failed');
    });
    scheduler.requestCommit(() => ran.push('commit'));
    scheduler.requestDraw(() => {
      throw new Error('draw failed');
    });
    scheduler.requestDraw(() => ran.push('draw'));
    await scheduler.afterDraw();
    expect(ran).toEqual(['commit', 'draw']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['commit failed', 'draw failed']);
    scheduler.requestDraw(() => ran.push('next frame'));
    await scheduler.afterDraw();
    expect(ran).toEqual(['commit', 'draw', 'next frame']);
  });

  test('a cancelled task does not run', async () => {
    const scheduler = makeScheduler();
    let runs = 0;
    const task = (): number => runs++;
    scheduler.requestCommit(task);
    scheduler.requestDraw(task);
    scheduler.cancel(task);
    expect(scheduler.isPending(task)).toBe(false);
    await scheduler.afterDraw();
    expect(runs).toBe(0);
  });

  test("set-up tasks run one per frame, first asked first, before that frame's commits", async () => {
    const scheduler = makeScheduler();
    const ran: string[] = [];
    const setup = (name: string) => () => ran.push(`${name} in frame ${scheduler.frames}`);
    scheduler.requestSetup(setup('a'));
    scheduler.requestSetup(setup('b'));
    scheduler.requestSetup(setup('c'));
    scheduler.requestCommit(() => ran.push(`commit in frame ${scheduler.frames}`));
    await scheduler.afterDraw();
    expect(ran).toEqual(['a in frame 0', 'commit in frame 0']);
    await scheduler.afterDraw();
    await scheduler.afterDraw();
    expect(ran).toEqual(['a in frame 0', 'commit in frame 0', 'b in frame 1', 'c in frame 2']);
    expect(scheduler.frames).toBe(3);
  });

  test('a set-up task that asks again runs again in the next frame, after the ones before it', async () => {
    const scheduler = makeScheduler();
    const ran: string[] = [];
    let steps = 0;
    const staged = (): void => {
      ran.push(`step ${++steps}`);
      if (steps < 3) scheduler.requestSetup(staged);
    };
    scheduler.requestSetup(staged);
    scheduler.requestSetup(() => ran.push('other'));
    for (let k = 0; k < 4; k++) await scheduler.afterDraw();
    expect(ran).toEqual(['step 1', 'other', 'step 2', 'step 3']);
    expect(scheduler.isPending(staged)).toBe(false);
  });

  test("page work that ran after the last paint (holdSetup) puts that frame's set-up task off to the next frame", async () => {
    const scheduler = makeScheduler();
    const ran: string[] = [];
    scheduler.requestSetup(() => ran.push(`set-up in frame ${scheduler.frames}`));
    scheduler.requestCommit(() => ran.push(`commit in frame ${scheduler.frames}`));
    scheduler.holdSetup();
    await scheduler.afterDraw();
    expect(ran).toEqual(['commit in frame 0']);
    expect(scheduler.pendingSetup).toBe(1);
    // the scheduler asks for that frame itself
    await new Promise<void>((resolve) => scheduler.requestSetup(resolve));
    expect(ran).toEqual(['commit in frame 0', 'set-up in frame 1']);
  });

  test("a set-up task spends the frame's script budget first: a measured draw that no longer fits waits a frame", async () => {
    const scheduler = new FrameScheduler({ drawBudgetMs: 16 });
    const ran: string[] = [];
    const view = (): void => {
      ran.push(`view in frame ${scheduler.frames}`);
      busy(4);
    };
    for (let k = 0; k < 3; k++) {
      scheduler.requestDraw(view);
      await scheduler.afterDraw();
    }
    expect(scheduler.drawCost(view).script).toBeGreaterThanOrEqual(2);
    ran.length = 0;
    const frame = scheduler.frames;
    // a short set-up leaves room for it
    scheduler.requestSetup(() => busy(2));
    scheduler.requestDraw(view);
    await scheduler.afterDraw();
    expect(ran).toEqual([`view in frame ${frame}`]);
    // a long one (a program's link) does not: the view draws in the next frame; a waiter still runs
    scheduler.requestSetup(() => busy(20));
    scheduler.requestDraw(view);
    await scheduler.afterDraw();
    expect(ran).toEqual([`view in frame ${frame}`]);
    expect(scheduler.isPending(view)).toBe(true);
    await scheduler.afterDraw();
    expect(ran).toEqual([`view in frame ${frame}`, `view in frame ${frame + 2}`]);
  });

  test('whenSetUp: at once with no set-up task waiting, else after the frame that ran the last, or after its time', async () => {
    const scheduler = makeScheduler();
    let resolved = false;
    await scheduler.whenSetUp(10_000);
    expect(scheduler.frames).toBe(0);
    scheduler.requestSetup(() => {});
    let steps = 0;
    const staged = (): void => {
      if (++steps < 3) scheduler.requestSetup(staged);
    };
    scheduler.requestSetup(staged);
    const done = scheduler.whenSetUp(10_000).then(() => (resolved = true));
    await scheduler.afterDraw();
    expect(resolved).toBe(false);
    await done;
    // one set-up task per frame: the first, then the staged one's three steps
    expect([steps, scheduler.frames, scheduler.pendingSetup]).toEqual([3, 4, 0]);
    // a set-up that never ends is waited for no longer than asked
    const forever = (): void => scheduler.requestSetup(forever);
    scheduler.requestSetup(forever);
    await scheduler.whenSetUp(50);
    expect(scheduler.pendingSetup).toBe(1);
    scheduler.cancel(forever);
  });

  test('idle tasks run one per idle callback, in order; cancel forgets them', async () => {
    const callbacks: (() => void)[] = [];
    const scheduler = new FrameScheduler({ idle: (callback) => callbacks.push(callback) });
    const ran: string[] = [];
    const dropped = (): number => ran.push('dropped');
    scheduler.requestIdle(() => ran.push('first'));
    scheduler.requestIdle(dropped);
    scheduler.requestIdle(() => ran.push('second'));
    scheduler.cancel(dropped);
    // one callback asked for at a time
    expect(callbacks.length).toBe(1);
    callbacks.shift()!();
    expect(ran).toEqual(['first']);
    expect(callbacks.length).toBe(1);
    callbacks.shift()!();
    expect(ran).toEqual(['first', 'second']);
    expect(callbacks.length).toBe(0);
  });

  test("the page's idle callbacks come without a frame being asked for", async () => {
    const scheduler = makeScheduler();
    const idle = new Promise<string>((resolve) => scheduler.requestIdle(() => resolve('ran')));
    expect(await idle).toBe('ran');
    expect(scheduler.frames).toBe(0);
  });

  test('a draw over the budget draws alone; the draws it held over go first in the next frame', async () => {
    const scheduler = new FrameScheduler({ drawBudgetMs: 16 });
    const ran: string[][] = [];
    const draw = (name: string, gpuMs: number) => {
      const task = (): void => void (ran[scheduler.frames] ??= []).push(name);
      return { task, ask: () => scheduler.requestDraw(task, () => gpuMs) };
    };
    // a heavy view (20 ms of GPU work) and two light ones, all dirty every frame, as while training
    const views = [draw('heavy', 20), draw('a', 4), draw('b', 4)];
    const frames: FrameStats[] = [];
    scheduler.onFrame = (stats) => frames.push({ ...stats });
    for (let k = 0; k < 4; k++) {
      for (const view of views) view.ask();
      await scheduler.afterDraw();
    }
    scheduler.onFrame = null;
    expect(ran.slice(0, 4)).toEqual([['heavy'], ['a', 'b'], ['heavy'], ['a', 'b']]);
    expect(frames.map((f) => [f.drawn > 0, f.deferred])).toEqual([
      [true, 2],
      [true, 1],
      [true, 2],
      [true, 1],
    ]);
    expect(frames[0].gpuMs).toBe(20);
    expect(frames[1].gpuMs).toBe(8);
  });

  test('drawTogether: the next draw phase holds nothing over, the one after keeps the budget again', async () => {
    const scheduler = new FrameScheduler({ drawBudgetMs: 16 });
    const ran: string[][] = [];
    const views = ['heavy', 'a', 'b'].map((name, i) => {
      const task = (): void => void (ran[scheduler.frames] ??= []).push(name);
      return () => scheduler.requestDraw(task, () => (i === 0 ? 20 : 4));
    });
    scheduler.drawTogether();
    for (const ask of views) ask();
    await scheduler.afterDraw();
    for (const ask of views) ask();
    await scheduler.afterDraw();
    expect(ran).toEqual([['heavy', 'a', 'b'], ['heavy']]);
  });

  test('light draws all run in the frame they were asked for, and a cheap one always does', async () => {
    const scheduler = new FrameScheduler({ drawBudgetMs: 16 });
    const ran: string[] = [];
    scheduler.requestDraw(
      () => ran.push('a'),
      () => 5,
    );
    scheduler.requestDraw(
      () => ran.push('b'),
      () => 5,
    );
    scheduler.requestDraw(
      () => ran.push('c'),
      () => 5,
    );
    await scheduler.afterDraw();
    expect(ran).toEqual(['a', 'b', 'c']);
    // after a heavy draw, a cheap task (a waiter, a frame from a cache) still runs in its frame
    ran.length = 0;
    scheduler.requestDraw(
      () => ran.push('heavy'),
      () => 40,
    );
    scheduler.requestDraw(
      () => ran.push('cheap'),
      () => 0,
    );
    await scheduler.afterDraw();
    expect(ran).toEqual(['heavy', 'cheap']);
  });

  test('script time counts too: a draw measured over the budget is held over next time', async () => {
    const scheduler = new FrameScheduler({ drawBudgetMs: 16 });
    const ran: string[] = [];
    const slow = (): void => {
      ran.push('slow');
      busy(40);
    };
    const light = (): number => ran.push('light');
    // measured in a few frames (the first measurement alone never marks a task heavy)
    for (let k = 0; k < 4; k++) {
      scheduler.requestDraw(slow);
      await scheduler.afterDraw();
    }
    expect(scheduler.drawCost(slow).script).toBeGreaterThan(16);
    ran.length = 0;
    scheduler.requestDraw(light, () => 2);
    scheduler.requestDraw(slow);
    await scheduler.afterDraw();
    expect(ran).toEqual(['light']);
    expect(scheduler.isPending(slow)).toBe(true);
    await scheduler.afterDraw();
    expect(ran).toEqual(['light', 'slow']);
  });
});

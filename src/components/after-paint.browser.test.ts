import { describe, expect, it } from 'vitest';
import { frameScheduler } from '../render/canvas/frame-scheduler';
import { afterNextPaint, afterPaintPending } from './after-paint';

/** The number of animation frames begun so far, counted from the call on. */
function frameCounter(): { readonly frames: number; stop(): void } {
  let frames = 0;
  let id = requestAnimationFrame(function tick() {
    frames++;
    id = requestAnimationFrame(tick);
  });
  return {
    get frames() {
      return frames;
    },
    stop: () => cancelAnimationFrame(id),
  };
}

describe('afterNextPaint', () => {
  it('runs waiting work one piece per frame, in the order asked, each after a paint', async () => {
    const counter = frameCounter();
    const ran: [string, number][] = [];
    const done = new Promise<void>((resolve) => {
      afterNextPaint(() => ran.push(['a', counter.frames]));
      afterNextPaint(() => ran.push(['b', counter.frames]));
      afterNextPaint(() => {
        ran.push(['c', counter.frames]);
        resolve();
      });
    });
    expect(afterPaintPending()).toBe(3);
    await done;
    counter.stop();
    expect(ran.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    const [[, a], [, b], [, c]] = ran;
    expect(a).toBeGreaterThanOrEqual(1);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(afterPaintPending()).toBe(0);
  });

  it('runs nothing cancelled, and the pieces after it still run', async () => {
    const ran: string[] = [];
    const cancel = afterNextPaint(() => ran.push('cancelled'));
    await new Promise<void>((resolve) => {
      afterNextPaint(() => {
        ran.push('kept');
        resolve();
      });
      cancel();
    });
    expect(ran).toEqual(['kept']);
    expect(afterPaintPending()).toBe(0);
  });

  it("puts the page's set-up task of the frame after it off to the next frame", async () => {
    // the scheduler's frame (draw phases run so far) in which the work and the set-up ran
    const { workFrame, setupFrame } = await new Promise<{ workFrame: number; setupFrame: number }>((resolve) =>
      afterNextPaint(() => {
        const workFrame = frameScheduler.frames;
        frameScheduler.requestSetup(() => resolve({ workFrame, setupFrame: frameScheduler.frames }));
      }),
    );
    // not in the next frame (the one the work ran before), in the one after
    expect(setupFrame).toBe(workFrame + 1);
  });
});

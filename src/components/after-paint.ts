// Work that reads the page's style or layout (getComputedStyle, sizes), put off until after the
// next frame is painted: run in the task that builds the page, such a read forces the style and
// layout of everything built so far in that task (178 ms on a cold start-up, measured); after a
// paint they are resolved already and the read costs nothing. A hidden tab paints no frames, so a
// timer stands in after FALLBACK_MS.
//
// The page's pieces of such work wait in one queue and run one per frame: each is the first
// task after a paint (the cost curve's chart, 20–25 ms on software GL, and the point tools'
// markers, whose first colour read makes the page's 2-D probe canvas, 25–55 ms, ran after the
// same paint: one frame of 80 ms of script on a cold start-up, measured). The frame scheduler's
// set-up task of that frame waits for the next one (frameScheduler.holdSetup).

import { frameScheduler } from '../render/canvas/frame-scheduler';

/** A hidden tab (no frames) runs the waiting work after this long (ms), one piece a task. */
export const FALLBACK_MS = 250;

/** The work waiting for a paint, oldest first (one runs per frame). */
const queue = new Set<() => void>();
/** the pump's pending frame request and fallback timer, while it runs */
let frame = 0;
let timer = 0;
/** the pump's current wait: a message or timer of an earlier one runs nothing */
let wait = 0;
/** numbers the pump's waits */
let generation = 0;

/**
 * Runs `work` once, in a task after a paint (or after FALLBACK_MS without frames): the first
 * task after the next paint, unless other such work waits: one piece runs per frame, in the
 * order asked. Returns a cancel function.
 */
export function afterNextPaint(work: () => void): () => void {
  // a job of its own: the same work asked for twice runs twice (a Set keeps one of each)
  const job = (): void => work();
  queue.add(job);
  pump();
  return () => {
    queue.delete(job);
  };
}

/** Resolves as afterNextPaint runs its work: in a task after a paint, one piece per frame. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => afterNextPaint(resolve));
}

/** Pieces of work waiting for a paint (tests). */
export function afterPaintPending(): number {
  return queue.size;
}

/** Asks for the next frame, after whose paint the oldest waiting piece runs. */
function pump(): void {
  if (wait || queue.size === 0) return;
  const id = ++generation;
  wait = id;
  frame = requestAnimationFrame(() => {
    // a message is the first task after this frame's rendering
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      runNext(id);
    };
    channel.port2.postMessage(null);
  });
  timer = window.setTimeout(() => runNext(id), FALLBACK_MS);
}

/** Runs the oldest waiting piece, then waits for the next paint (or the timer) for the rest. */
function runNext(id: number): void {
  if (id !== wait) return;
  cancelAnimationFrame(frame);
  clearTimeout(timer);
  frame = timer = wait = 0;
  const [job] = queue;
  if (job) {
    queue.delete(job);
    // this frame's set-up piece (frame-scheduler.ts) waits for the next one
    frameScheduler.holdSetup();
    try {
      job();
    } finally {
      pump();
    }
  }
}

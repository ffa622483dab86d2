// Work that reads the page's style or layout (getComputedStyle, sizes), put off until after the
// next frame is painted: run in the task that builds the page, such a read forces the style and
// layout of everything built so far in that task (178 ms on a cold start-up, measured); after a
// paint they are resolved already and the read costs nothing. A hidden tab paints no frames, so a
// timer stands in after FALLBACK_MS.

/** A hidden tab (no frames) runs the work after this long (ms). */
const FALLBACK_MS = 250;

/** Runs `work` once, in a task after the next paint (or after FALLBACK_MS); returns a cancel function. */
export function afterNextPaint(work: () => void): () => void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    work();
  };
  const frame = requestAnimationFrame(() => {
    // a message is the first task after this frame's rendering
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  });
  const timer = setTimeout(run, FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

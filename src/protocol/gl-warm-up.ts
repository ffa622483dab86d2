// The one message the training worker sends outside Comlink: its WebGL warm-up
// (workers/gl-warm-up.ts) is over, so the page's first context no longer waits on it
// (src/render/gl/shared-context.ts). Comlink ignores it (no request id).

/** What the worker posts once its scratch WebGL context is made and dropped (or none could be). */
export const GL_WARM_MESSAGE = { backpropLab: 'gl-warm' } as const;

/** Whether a message from the worker is GL_WARM_MESSAGE. */
export function isGlWarmMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { backpropLab?: unknown }).backpropLab === 'gl-warm';
}

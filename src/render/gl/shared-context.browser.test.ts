// The page's first WebGL context waits for a training worker's WebGL warm-up (a real trainer
// worker: it makes and drops a context, then posts GL_WARM_MESSAGE); a worker that fails, or a
// context that exists already, keeps nobody waiting.
import { afterEach, describe, expect, test } from 'vitest';
import { createTrainerWorker } from '../../client/worker-factory';
import { isGlWarmMessage } from '../../protocol/gl-warm-up';
import { SharedGlContext } from './shared-context';

const workers: Worker[] = [];
const contexts: SharedGlContext[] = [];
afterEach(() => {
  while (workers.length) workers.pop()!.terminate();
  while (contexts.length) contexts.pop()!.release();
});

function context(): SharedGlContext {
  const ctx = new SharedGlContext();
  contexts.push(ctx);
  return ctx;
}

function trainerWorker(): Worker {
  const worker = createTrainerWorker();
  workers.push(worker);
  return worker;
}

/** Resolves with the worker's first message that is GL_WARM_MESSAGE. */
function warmed(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent): void => {
      if (!isGlWarmMessage(event.data)) return;
      worker.removeEventListener('message', onMessage);
      resolve();
    };
    worker.addEventListener('message', onMessage);
  });
}

describe('SharedGlContext and the worker’s WebGL warm-up', () => {
  test('the first context waits until the trainer worker says its warm-up is over', async () => {
    const ctx = context();
    const worker = trainerWorker();
    expect(ctx.awaitWarmUp(worker)).toBe(worker);
    // listened to after the context's own listener: each listener's microtasks run before the next
    const done = warmed(worker);
    expect(ctx.warming).toBe(true);
    await done;
    expect(ctx.warming).toBe(false);
    expect(ctx.makeContext()).toBe(true);
    expect(ctx.created).toBe(1);
  });

  test('a worker that fails to start keeps nobody waiting', async () => {
    const ctx = context();
    const worker = new Worker(URL.createObjectURL(new Blob(['throw new Error("no warm-up here")'])));
    workers.push(worker);
    ctx.awaitWarmUp(worker);
    // handled here (after the context's own listener): a worker's uncaught error would otherwise reach the page's error handler
    const failed = new Promise<void>((resolve) =>
      worker.addEventListener(
        'error',
        (event) => {
          event.preventDefault();
          resolve();
        },
        { once: true },
      ),
    );
    expect(ctx.warming).toBe(true);
    await failed;
    expect(ctx.warming).toBe(false);
  });

  test('with a context made already, a new worker keeps nobody waiting', () => {
    const ctx = context();
    expect(ctx.makeContext()).toBe(true);
    ctx.awaitWarmUp(trainerWorker());
    expect(ctx.warming).toBe(false);
  });
});

// The memory bench's probe (bench/memory.browser.ts): reads the page's newest training worker's
// memory over the Chrome DevTools Protocol. The page's CDP session auto-attaches to its
// dedicated workers (on the first call, so other suites run unobserved), and commands go to a
// worker through Target.sendMessageToTarget (Playwright's CDPSession has no way to address a
// flattened child session).
// Runtime.getHeapUsage gives V8's heap (used, total) and, apart from it, the backing stores of
// ArrayBuffers and Blink's heap in that thread; the WebAssembly memories are neither, so the
// probe sums `buffer.byteLength` over the WebAssembly.Memory objects alive (Runtime.queryObjects).

import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

/** @param {import('playwright').Page} page */
export async function workerMemoryProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  /** sessionId → url, in the order the workers were attached */
  const workers = new Map();
  const waiting = new Map();
  let nextId = 1;
  let attached = false;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.url);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    const settle = waiting.get(message.id);
    if (!settle) return;
    waiting.delete(message.id);
    settle(message);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      // a worker that went away without a detach event never answers
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${method}: no answer from the worker in 10 s`));
      }, 10_000);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result);
      });
      const message = JSON.stringify({ id, method, params });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch((error) => {
        clearTimeout(timer);
        waiting.delete(id);
        reject(error);
      });
    });
  const newestTrainer = () => [...workers].filter(([, url]) => url.includes('trainer.worker')).at(-1)?.[0];

  async function measure(session, gc) {
    if (gc) await send(session, 'HeapProfiler.collectGarbage');
    const usage = await send(session, 'Runtime.getHeapUsage');
    let wasm = null;
    if (gc) {
      const proto = await send(session, 'Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
      const found = await send(session, 'Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
      const sum = await send(session, 'Runtime.callFunctionOn', {
        objectId: found.objects.objectId,
        functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
        returnByValue: true,
      });
      wasm = sum.result.value;
      // The handles would keep the memories alive.
      for (const objectId of [proto.result.objectId, found.objects.objectId]) {
        await send(session, 'Runtime.releaseObject', { objectId });
      }
    }
    return {
      heapUsed: usage.usedSize,
      heapTotal: usage.totalSize,
      arrayBuffers: usage.backingStorageSize ?? 0,
      embedder: usage.embedderHeapUsedSize ?? 0,
      wasm,
    };
  }

  /** @param {boolean} gc a full GC first, and the WebAssembly memories counted */
  return async (gc) => {
    if (!attached) {
      attached = true;
      await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    }
    for (;;) {
      // A worker started since is attached within a few ms (its first answer to the page comes later).
      for (let i = 0; i < 50 && !newestTrainer(); i++) await sleep(20);
      const session = newestTrainer();
      if (!session) return null;
      try {
        return await measure(session, gc);
      } catch (error) {
        // a worker terminated since it was attached: forget it and ask the next newest
        if (workers.has(session) && !/No session|no answer/.test(String(error))) throw error;
        workers.delete(session);
      }
    }
  };
}

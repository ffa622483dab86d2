// Starting the training worker, wherever the library is served from.
//
// The worker is its own self-contained ES module (trainer.worker.js next to the library's
// entry file). Browsers only start a worker script of the page's own origin, so:
// - same origin (an app bundle, or the library copied onto the site): `new Worker(url)`;
//   CSP needs `worker-src 'self'` (or script-src 'self' when worker-src is absent).
// - another origin (a CDN): a one-line same-origin `blob:` module worker imports the real one
//   through CORS; CSP needs the CDN in `script-src` and `worker-src blob: <the CDN>` (a module
//   worker's imports are checked against worker-src).
// A host with a strict CSP that allows neither can copy trainer.worker.js onto its own origin
// and point `worker-url` (or `setTrainerWorkerUrl`) at it, or pass its own `workerFactory`.
import trainerWorkerUrl from '../../workers/trainer.worker.ts?worker&url';

const WORKER_NAME = 'backprop-lab-trainer';
let overrideUrl: string | undefined;

/** The default worker script URL for every <backprop-lab> on the page (e.g. a self-hosted copy). */
export function setTrainerWorkerUrl(url: string | URL | undefined): void {
  overrideUrl = url === undefined ? undefined : String(url);
}

/** The bundled worker's URL, absolute (resolved against this module). */
export function bundledWorkerUrl(): URL {
  return new URL(trainerWorkerUrl, import.meta.url);
}

export interface CreateWorkerOptions {
  /**
   * Refuse a URL on another origin. Set for the `worker-url` attribute: markup is not code,
   * and a cross-origin worker script would run with the page's origin (its cookies, storage).
   * Code that means it calls `setTrainerWorkerUrl` or sets `workerFactory` instead.
   */
  sameOriginOnly?: boolean;
}

/** Starts a training worker from `url` (default: the override, else the bundled one). */
export function createTrainerWorker(url?: string | URL, options: CreateWorkerOptions = {}): Worker {
  const resolved = new URL(String(url ?? overrideUrl ?? bundledWorkerUrl()), document.baseURI);
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:' && resolved.protocol !== 'blob:') {
    throw new TypeError(`worker-url: expected an http(s) or blob: URL; got ${resolved.protocol}`);
  }
  if (options.sameOriginOnly && url !== undefined && resolved.origin !== location.origin) {
    throw new TypeError(
      `worker-url: must be on this page's origin (${location.origin}); got ${resolved.href}. ` +
        'To load the worker from elsewhere, call setTrainerWorkerUrl() or set workerFactory from a script.',
    );
  }
  if (resolved.origin === location.origin || resolved.protocol === 'blob:') {
    return new Worker(resolved, { type: 'module', name: WORKER_NAME });
  }
  const bootstrap = new Blob([`import ${JSON.stringify(resolved.href)};\n`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(bootstrap);
  const worker = new Worker(blobUrl, { type: 'module', name: WORKER_NAME });
  // The worker has resolved its script by the time it speaks; keep the URL alive until then.
  const revoke = (): void => URL.revokeObjectURL(blobUrl);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}

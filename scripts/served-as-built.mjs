// The benchmarks' built pages: bench/startup.html built as the demo is (vite.config.ts: one
// bundle, regl's production build) into dist-bench/, with the demo and the gallery, and a
// dev-server plugin that serves them as a static host would, on the bench page's own origin.
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build, createServer } from 'vite';

/** Builds the benchmarks' pages into dist-bench/ (bench/startup.html at dist-bench/bench/startup.html). */
export async function buildBenchPages() {
  await build({
    logLevel: 'error',
    build: {
      outDir: 'dist-bench',
      emptyOutDir: true,
      rolldownOptions: { input: { startup: resolve('bench/startup.html') } },
    },
  });
}

/** Content types of the built files, by extension. */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Answers `res` with the file under `root` that a plain static host serves for the URL path
 * `path` (a directory: its index.html), as it is, with `headers` added; 404 outside `root` or
 * for a missing file.
 */
export function sendStaticFile(res, root, path, headers = {}) {
  const clean = normalize(path);
  const file = join(root, clean.endsWith('/') ? `${clean}index.html` : clean);
  let ok = file.startsWith(root + sep);
  try {
    ok &&= statSync(file).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
  createReadStream(file).pipe(res);
}

/** A dev-server plugin serving `dir` under `prefix` as a static host would: the files as they are. */
export function servedAsBuilt(prefix, dir) {
  const root = resolve(dir);
  return {
    name: 'bench:served-as-built',
    configureServer(devServer) {
      devServer.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        if (!path.startsWith(prefix)) return next();
        sendStaticFile(res, root, path.slice(prefix.length));
      });
    },
  };
}

/**
 * The benchmarks' dev server on a free local port, serving dist-bench/ under /dist-bench/ as
 * built (servedAsBuilt) and the sources as Vite does. Returns the server and its port.
 */
export async function startBenchServer() {
  const server = await createServer({
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'error',
    plugins: [servedAsBuilt('/dist-bench/', resolve('dist-bench'))],
  });
  await server.listen();
  return { server, port: server.httpServer.address().port };
}

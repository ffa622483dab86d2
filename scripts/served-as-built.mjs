// The benchmarks' built pages: bench/startup.html built as the demo is (vite.config.ts: one
// bundle, regl's production build) into dist-bench/, with the demo and the gallery, and a
// dev-server plugin that serves them as a static host would, on the bench page's own origin.
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'vite';

/** Builds the benchmarks' pages into dist-bench/ (bench/startup.html at dist-bench/bench/startup.html). */
export async function buildBenchPages() {
  await build({
    logLevel: 'error',
    build: {
      outDir: 'dist-bench',
      emptyOutDir: true,
      rollupOptions: { input: { startup: resolve('bench/startup.html') } },
    },
  });
}

/** A dev-server plugin serving `dir` under `prefix` as a static host would: the files as they are. */
export function servedAsBuilt(prefix, dir) {
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.map': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
  };
  return {
    name: 'bench:served-as-built',
    configureServer(devServer) {
      devServer.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        if (!path.startsWith(prefix)) return next();
        const file = join(dir, normalize(path.slice(prefix.length)));
        let ok = file.startsWith(dir + sep);
        try {
          ok &&= statSync(file).isFile();
        } catch {
          ok = false;
        }
        if (!ok) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
      });
    },
  };
}

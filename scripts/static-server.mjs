// A plain static file server for the e2e tests of the built library (no Vite): serves the
// repository on two ports, i.e. two origins, so a page on one can load the bundle from the
// other as from a CDN. Every response allows CORS, as public CDNs do.
// Usage: node scripts/static-server.mjs [port …]   (default 4180 4181)
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ports = process.argv.slice(2).map(Number).filter(Boolean);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The README's plain-HTML snippet with its CDN address pointed at a local origin (`?bundle=`). */
function snippet(url, res) {
  const bundle = url.searchParams.get('bundle') ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d{2,5}$/.test(bundle)) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bundle must be a loopback origin');
    return;
  }
  const html = readFileSync(join(root, 'e2e/fixtures/snippets/plain.html'), 'utf8').replace(
    'https://unpkg.com/backprop-lab/',
    `${bundle}/`,
  );
  res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(html);
}

function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/__snippet/plain.html') {
    snippet(url, res);
    return;
  }
  const path = normalize(decodeURIComponent(url.pathname));
  const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (!file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`) || file.includes(`${sep}.git`)) {
    res.writeHead(403).end();
    return;
  }
  let size;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

for (const port of ports.length ? ports : [4180, 4181]) {
  createServer(handle).listen(port, '127.0.0.1', () => console.log(`static: http://127.0.0.1:${port}/`));
}

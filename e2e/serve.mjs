// The static server for the built site (dist/), used by the end-to-end
// tests (on a free port) and by scripts/serve (on 8080, run as a program):
//
//   node e2e/serve.mjs [DIR] [--port 8080] [--host 127.0.0.1] [--prefix /some/path/]
//
// It serves the site as a static host should (README, "Hosting it yourself"):
// - the precompressed NAME.br or NAME.gz that scripts/post-build.mjs wrote,
//   as the request's Accept-Encoding allows (br, then gzip, else the file
//   itself), with Content-Encoding and Vary: Accept-Encoding;
// - the right Content-Type (application/wasm lets the browser compile the
//   wasm while it downloads);
// - Cache-Control: hashed file names are immutable, everything else
//   (index.html, the service worker, the templates) is revalidated each time;
// - under any prefix: with --prefix /topoform/ the site lives at
//   /topoform/ and nothing outside it exists, as on GitHub Pages or an S3
//   prefix. The app must then ask only for addresses under the prefix.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Trunk names built files NAME-<hash>.EXT (the hash's leading zeros dropped). */
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;

/** The codings a request accepts (q > 0), from its Accept-Encoding header. */
export function accepted(header) {
  const ok = new Set();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && !(Number(q.slice(2)) > 0)) continue;
    ok.add(name);
  }
  return ok;
}

/** The codings to try for a request, best first: br, then gzip. */
export function codings(header) {
  const ok = accepted(header);
  const out = [];
  if (ok.has('br') || ok.has('*')) out.push('br');
  if (ok.has('gzip') || ok.has('x-gzip') || ok.has('*')) out.push('gzip');
  return out;
}

/** Normalises a prefix to `/…/` (`''` or `/` mean the root). */
function normalPrefix(prefix) {
  const p = `/${String(prefix ?? '').replace(/^\/+|\/+$/g, '')}/`;
  return p === '//' ? '/' : p;
}

async function fileAt(path) {
  return (await stat(path).catch(() => null)) ?? null;
}

/**
 * Serves `root` on `host:port` (port 0: a free one) under `prefix`.
 * Resolves to `{ url, prefix, close }`; `url` ends with the prefix.
 */
export async function serve(root, { port = 0, host = '127.0.0.1', prefix = '/' } = {}) {
  const base = resolve(root);
  const pre = normalPrefix(prefix);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url, 'http://localhost');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      if (pre !== '/' && path === pre.slice(0, -1)) {
        // /prefix -> /prefix/, or the page's relative URLs would miss.
        res.writeHead(301, { location: pre + url.search }).end();
        return;
      }
      if (!path.startsWith(pre) || path.includes('\0')) {
        res.writeHead(404).end('not found');
        return;
      }
      let file = resolve(base, `.${sep}${path.slice(pre.length)}`);
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(404).end('not found');
        return;
      }
      let info = await fileAt(file);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        file = resolve(file, 'index.html');
        info = await fileAt(file);
      }
      if (!info?.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if ((await fileAt(`${file}.br`))?.isFile() || (await fileAt(`${file}.gz`))?.isFile()) headers.vary = 'Accept-Encoding';
      let body = null;
      for (const coding of codings(req.headers['accept-encoding'])) {
        body = await readFile(`${file}.${coding === 'br' ? 'br' : 'gz'}`).catch(() => null);
        if (body) {
          headers['content-encoding'] = coding;
          break;
        }
      }
      body ??= await readFile(file);
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const { port: bound } = server.address();
  return { url: `http://${host}:${bound}${pre}`, prefix: pre, close: () => new Promise((ok) => server.close(ok)) };
}

// Run as a program (scripts/serve): serve until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts = { port: 8080 };
  let root = 'dist';
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new Error(`${a} needs a value`);
      i += 1;
      return args[i];
    };
    if (a === '--port') opts.port = Number(value());
    else if (a === '--host') opts.host = value();
    else if (a === '--prefix') opts.prefix = value();
    else if (a.startsWith('-')) throw new Error(`unknown option ${a} (known: --port, --host, --prefix)`);
    else root = a;
  }
  if (!(await fileAt(resolve(root, 'index.html')))?.isFile()) {
    console.error(`serve: ${resolve(root)} has no index.html (build first: trunk build --release)`);
    process.exit(2);
  }
  const { url, close } = await serve(root, opts);
  console.log(`serving ${resolve(root)} at ${url} (Ctrl-C stops)`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Static hosting: the built site served under a sub-path, with precompressed
// files and the right headers, keeps working offline once loaded.
// (a) The server (e2e/serve.mjs, as scripts/serve runs it): every wasm, js,
//     css, html, json and svg file has a .br and a .gz beside it (gzip with
//     mtime 0); the wasm arrives as br, gzip or itself as Accept-Encoding
//     allows, always as application/wasm, immutable; index.html and sw.js
//     are revalidated; nothing exists outside the prefix.
// (b) The app opened at /some/prefix/?template=aurora-global draws the
//     template; every request stays under the prefix (the runner fails on
//     any other address); the browser got its wasm compressed.
// (c) Offline: once the service worker controls the page, the browser goes
//     offline, the page reloads from the worker's cache, still opens a
//     template from the picker and exports it (the exporter's worker module,
//     never loaded online in this page, comes from the cache too).
// (d) A new build replaces the old cache: a copy of the site, changed and
//     finished again by scripts/post-build.mjs, gets a new cache version;
//     a page that ran the old one ends with only the new cache and shows
//     the new index.html. (In a context of its own, on a server of its own.)
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../serve.mjs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export const prefix = '/some/prefix/';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMPRESSED = /\.(wasm|js|css|html|json|svg)$/;

function get(url, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

function expect(what, actual, wanted) {
  if (actual !== wanted) throw new Error(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
}

function siteFiles(dir, base = '') {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? siteFiles(dir, join(base, e.name)) : [join(base, e.name)]);
}

async function expectTemplate(page, regions, cidrs) {
  const svg = page.locator('svg[aria-label^="Canvas of design"]');
  await svg.waitFor({ timeout: 20000 });
  for (const code of regions) {
    if ((await page.locator('[data-kind="region"]', { hasText: code }).count()) === 0) throw new Error(`region ${code} is not drawn`);
  }
  const text = await svg.textContent();
  for (const cidr of cidrs) if (!text.includes(cidr)) throw new Error(`VPC ${cidr} is not drawn`);
}

export default async function (page, { url, dist, shot }) {
  // (a) Files and headers.
  const files = siteFiles(dist).filter((f) => !/\.(br|gz)$/.test(f));
  const compressible = files.filter((f) => COMPRESSED.test(f));
  if (!compressible.some((f) => f.endsWith('.wasm'))) throw new Error(`no wasm in ${dist}: ${files.join(', ')}`);
  for (const f of compressible) {
    const raw = readFileSync(join(dist, f));
    const br = readFileSync(join(dist, `${f}.br`));
    const gz = readFileSync(join(dist, `${f}.gz`));
    if (!brotliDecompressSync(br).equals(raw)) throw new Error(`${f}.br is not ${f}`);
    if (!gunzipSync(gz).equals(raw)) throw new Error(`${f}.gz is not ${f}`);
    expect(`${f}.gz header mtime`, gz.readUInt32LE(4), 0);
  }
  // The app's own wasm (hashed, immutable); the exporter's is unhashed.
  const wasm = compressible.find((f) => /^topoform-web-[0-9a-f]+_bg\.wasm$/.test(f));
  if (!wasm) throw new Error(`no topoform-web wasm in ${dist}: ${files.join(', ')}`);
  const raw = readFileSync(join(dist, wasm));
  for (const [accept, coding] of [['gzip, deflate, br', 'br'], ['br;q=0, gzip', 'gzip'], ['gzip', 'gzip'], [undefined, undefined], ['identity', undefined]]) {
    const res = await get(url + wasm, accept);
    const what = `${wasm} with Accept-Encoding ${accept ?? '(none)'}`;
    expect(`${what}: status`, res.status, 200);
    expect(`${what}: Content-Type`, res.headers['content-type'], 'application/wasm');
    expect(`${what}: Content-Encoding`, res.headers['content-encoding'], coding);
    expect(`${what}: Vary`, res.headers.vary, 'Accept-Encoding');
    expect(`${what}: Cache-Control`, res.headers['cache-control'], 'public, max-age=31536000, immutable');
    const body = coding === 'br' ? brotliDecompressSync(res.body) : coding === 'gzip' ? gunzipSync(res.body) : res.body;
    if (!body.equals(raw)) throw new Error(`${what}: the body is not the wasm`);
  }
  for (const [path, type] of [['', 'text/html; charset=utf-8'], ['sw.js', 'text/javascript; charset=utf-8']]) {
    const res = await get(url + path, 'br');
    expect(`${path || 'index'}: status`, res.status, 200);
    expect(`${path || 'index'}: Content-Type`, res.headers['content-type'], type);
    expect(`${path || 'index'}: Content-Encoding`, res.headers['content-encoding'], 'br');
    expect(`${path || 'index'}: Cache-Control`, res.headers['cache-control'], 'no-cache');
  }
  const origin = new URL(url).origin;
  expect('the prefix without its slash: status', (await get(url.slice(0, -1))).status, 301);
  expect('the prefix without its slash: Location', (await get(url.slice(0, -1))).headers.location, prefix);
  expect('the site root (outside the prefix)', (await get(`${origin}/`)).status, 404);
  expect(`/${wasm} (outside the prefix)`, (await get(`${origin}/${wasm}`)).status, 404);
  expect('a path climbing out of the site', (await get(`${url}..%2f..%2fpackage.json`)).status, 404);

  // (b) The app under the prefix; the browser's own wasm response.
  const wasmResponses = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmResponses.push(r); });
  await page.goto(`${url}?template=aurora-global`);
  await expectTemplate(page, ['us-east-1', 'eu-west-1'], ['10.0.0.0/16', '10.1.0.0/16']);
  await shot('under-prefix');
  if (!wasmResponses.length) throw new Error('the browser never fetched the wasm');
  for (const r of wasmResponses) {
    if (!r.url().startsWith(url)) throw new Error(`wasm fetched outside the prefix: ${r.url()}`);
    const h = await r.allHeaders();
    expect('the browser\'s wasm: Content-Type', h['content-type'], 'application/wasm');
    if (!['br', 'gzip'].includes(h['content-encoding'])) throw new Error(`the browser got the wasm with Content-Encoding ${h['content-encoding']}`);
  }

  // (c) Offline. The worker installs after the page's load event, caches
  // every file, then claims the page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect('service worker scope', scope, url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const all = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)));
    return { names, urls: all.flat() };
  });
  expect('caches', cached.names.length, 1);
  for (const f of files.filter((f) => f !== 'sw.js')) {
    if (!cached.urls.includes(url + f.split('\\').join('/'))) throw new Error(`${f} is not cached: ${cached.urls.join(', ')}`);
  }

  await page.context().setOffline(true);
  const fromNetwork = [];
  page.on('response', (r) => { if (!r.fromServiceWorker()) fromNetwork.push(r.url()); });
  await page.reload();
  await expectTemplate(page, ['us-east-1', 'eu-west-1'], ['10.0.0.0/16', '10.1.0.0/16']);
  await page.selectOption('select[aria-label="Starter template"]', 'active-active');
  await expectTemplate(page, ['us-east-1', 'eu-west-1', 'ap-southeast-1'], ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']);
  await shot('offline-active-active');
  // The exporter (a worker module loaded on the first export) comes from the
  // cache too.
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  await page.locator('[data-path="regions/ap-southeast-1/main.tf"]').waitFor({ timeout: 20000 });
  await shot('offline-export');
  await page.keyboard.press('Escape');
  if (fromNetwork.length) throw new Error(`offline, yet not served by the worker: ${fromNetwork.join(', ')}`);
  expect('navigator.onLine while offline', await page.evaluate(() => navigator.onLine), false);
  await page.context().setOffline(false);

  // (d) A new build.
  const site = mkdtempSync(join(tmpdir(), 'topoform-site-'));
  const build = (marker) => {
    rmSync(site, { recursive: true, force: true });
    cpSync(dist, site, { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
    cpSync(join(ROOT, 'public', 'sw.js'), join(site, 'sw.js'));
    const index = join(site, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', `<head><meta name="topoform-test-build" content="${marker}">`));
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'post-build.mjs'), site]);
  };
  build('one');
  const other = await serve(site, { prefix });
  const context = await page.context().browser().newContext();
  try {
    const p = await context.newPage();
    const builtAs = () => p.evaluate(() => document.querySelector('meta[name="topoform-test-build"]')?.content);
    const cacheNames = () => p.evaluate(() => caches.keys());
    await p.goto(other.url);
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    const first = await cacheNames();
    expect('caches after the first build', first.length, 1);
    build('two');
    await p.reload();
    // The worker is checked on navigation; the new one caches, activates
    // and deletes the old cache.
    let now = first;
    for (const started = Date.now(); now.length !== 1 || now[0] === first[0]; now = await cacheNames()) {
      if (Date.now() - started > 20000) throw new Error(`the new build's worker never replaced the cache: ${now.join(', ')}`);
      await p.waitForTimeout(100);
    }
    await p.reload();
    expect('index.html after the new build', await builtAs(), 'two');
    await expectTemplate(p, ['us-east-1', 'us-west-2'], ['10.0.0.0/16', '10.1.0.0/16']);
  } finally {
    await context.close();
    await other.close();
    rmSync(site, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml): finishes the site Trunk assembled in
// TRUNK_STAGING_DIR (or the directory given as the first argument).
//
// For a release build (TRUNK_PROFILE=release):
//   0. gives the editor's two files (which Trunk builds with plain names, as
//      index.html's loader starts them itself, after the first paint)
//      content-hashed names, NAME-<hash>.js and NAME-<hash>_bg.wasm, and
//      writes those into index.html: a host may cache them forever, and a
//      page never pairs one build's script with another's wasm;
//   1. writes the list of the site's files and a hash of them into sw.js, so
//      the service worker caches this build under a name of its own;
//   2. writes precompressed copies beside every wasm, js, css, html, json and
//      svg file: NAME.br (brotli, quality 11) and NAME.gz (gzip, level 9), for
//      a server that honours Accept-Encoding (e2e/serve.mjs, scripts/serve).
// The output is deterministic: the same files give the same bytes (the gzip
// header's mtime is 0, no file name is stored, brotli has no timestamp).
// A debug build is left as Trunk wrote it (the worker then caches nothing).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSED = new Set(['.wasm', '.js', '.css', '.html', '.json', '.svg']);
const WORKER = 'sw.js';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: no directory (set TRUNK_STAGING_DIR or pass one)');
  process.exit(2);
}
const release = process.argv[2] !== undefined || process.env.TRUNK_PROFILE === 'release';
if (!release) process.exit(0);

/** Every file under `root`, as sorted '/'-separated paths relative to it. */
function files(root) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

// 0. The editor's content-hashed names (both files hashed together).
function hashEditor(name) {
  const page = join(dir, 'index.html');
  const html = readFileSync(page, 'utf8');
  const [js, wasm] = [`${name}.js`, `${name}_bg.wasm`];
  // A site finished before (a copy of one, as e2e 09 makes) has them already.
  if (!existsSync(join(dir, js)) && !existsSync(join(dir, wasm)) && !html.includes(`'./${js}'`)) return;
  for (const f of [js, wasm]) {
    if (html.split(`'./${f}'`).length !== 2) throw new Error(`post-build: index.html must name './${f}' exactly once (its loader)`);
  }
  const h = createHash('sha256').update(readFileSync(join(dir, js))).update('\0').update(readFileSync(join(dir, wasm)));
  const tag = h.digest('hex').slice(0, 16);
  const [hjs, hwasm] = [`${name}-${tag}.js`, `${name}-${tag}_bg.wasm`];
  renameSync(join(dir, js), join(dir, hjs));
  renameSync(join(dir, wasm), join(dir, hwasm));
  writeFileSync(page, html.replace(`'./${js}'`, `'./${hjs}'`).replace(`'./${wasm}'`, `'./${hwasm}'`));
}
hashEditor('topoform-web');

// Compressed copies from an earlier run are outputs, never inputs.
const site = files(dir).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
if (!site.includes(WORKER)) throw new Error(`post-build: ${WORKER} is missing from ${dir} (index.html copies it)`);

// 1. The worker's version and file list.
const cached = site.filter((f) => f !== WORKER);
const hash = createHash('sha256');
for (const f of cached) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);
const workerPath = join(dir, WORKER);
let worker = readFileSync(workerPath, 'utf8');
const fill = (marker, value) => {
  if (worker.split(marker).length !== 2) throw new Error(`post-build: ${WORKER} must contain \`${marker}\` exactly once`);
  worker = worker.replace(marker, value);
};
fill("const VERSION = '';", `const VERSION = ${JSON.stringify(version)};`);
fill('const FILES = [];', `const FILES = ${JSON.stringify(cached)};`);
writeFileSync(workerPath, worker);

// 2. Precompressed copies.
let raw = 0;
let br = 0;
let gz = 0;
for (const f of site) {
  if (!COMPRESSED.has(extname(f))) continue;
  const body = readFileSync(join(dir, f));
  const b = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: extname(f) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const g = gzipSync(body, { level: 9 });
  writeFileSync(join(dir, `${f}.br`), b);
  writeFileSync(join(dir, `${f}.gz`), g);
  raw += body.length;
  br += b.length;
  gz += g.length;
}
console.log(`post-build: worker cache ${version} (${cached.length} files); precompressed ${raw} bytes to ${gz} gzip, ${br} brotli`);

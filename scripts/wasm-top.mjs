#!/usr/bin/env node
// Where a wasm module's code goes, per crate and per Topoform module: the
// size of every function body (code section) under its name (the "name"
// custom section), summed by the first path segment of the name (the crate)
// and, for Topoform, by its first three (`topoform::core::export`). Also
// prints the data section (static strings, tables) and, with --grep RE, the
// functions whose names match (to check what a module links).
//
//   node scripts/wasm-top.mjs target/wasm32-unknown-unknown/release/topoform-web.wasm [--top N] [--grep RE]
//
// Use the wasm cargo writes (it keeps the name section); Trunk's output has
// been through wasm-bindgen and wasm-opt, which drop the names, and is
// smaller. Sizes here are raw bytes before wasm-opt: read them as shares.
// Nothing to install (twiggy reports the same from the same section).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--grep'].includes(args[i - 1]));
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const top = Number(opt('--top') ?? 25);
const grep = opt('--grep') ? new RegExp(opt('--grep')) : null;
if (!file) {
  console.error('usage: node scripts/wasm-top.mjs FILE.wasm [--top N] [--grep RE]');
  process.exit(2);
}

const buf = readFileSync(file);
if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm module`);
let pos = 8;
const uleb = () => {
  let result = 0; let shift = 0; let byte;
  do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
const name = () => { const n = uleb(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; };

let imported = 0; // imported functions come first in the function index space
const bodies = []; // [index, size]
const names = new Map();
let data = 0;
while (pos < buf.length) {
  const id = buf[pos++];
  const size = uleb();
  const end = pos + size;
  if (id === 2) { // imports: count the functions
    for (let n = uleb(); n > 0; n--) {
      name(); name();
      const kind = buf[pos++];
      if (kind === 0) { uleb(); imported++; }
      else if (kind === 1) { pos++; const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 2) { const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; uleb(); }
    }
  } else if (id === 10) {
    const count = uleb();
    for (let i = 0; i < count; i++) { const s = uleb(); bodies.push([imported + i, s]); pos += s; }
  } else if (id === 11) {
    data = size;
  } else if (id === 0 && name() === 'name') {
    while (pos < end) {
      const sub = buf[pos++]; const len = uleb(); const subEnd = pos + len;
      if (sub === 1) for (let n = uleb(); n > 0; n--) { const idx = uleb(); names.set(idx, name()); }
      pos = subEnd;
    }
  }
  pos = end;
}
if (!names.size) throw new Error(`${file} has no name section: use the wasm cargo writes, not Trunk's`);

// Rust's legacy mangling (`_ZN8topoform4core6export3zip3zip17h…E`): length-
// prefixed segments, the last one a hash, `$LT$`-style escapes.
const ESCAPES = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')', C: ',' };
function demangle(n) {
  const m = /^_?_ZN(.*)E(\.\d+)?$/.exec(n);
  if (!m) return n;
  const parts = [];
  let rest = m[1];
  while (rest.length) {
    const len = /^(\d+)/.exec(rest);
    if (!len) break;
    const start = len[1].length;
    parts.push(rest.slice(start, start + Number(len[1])));
    rest = rest.slice(start + Number(len[1]));
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .map((p) => p.replace(/^_\$/, '$').replace(/\$([A-Z]+|u[0-9a-f]+)\$/g, (_, e) =>
      ESCAPES[e] ?? (e.startsWith('u') ? String.fromCharCode(parseInt(e.slice(1), 16)) : e)).replace(/\.\./g, '::'))
    .join('::');
}
// `<T as core::fmt::Debug>::fmt` belongs to T's crate; `_<impl …>` prefixes go.
const path = (n) => demangle(n).replace(/^_*<(impl )?/, '').replace(/^&(mut )?/, '').replace(/^dyn /, '').split('::');
const crateOf = (p) => p[0].replace(/[^A-Za-z0-9_].*$/, '') || '?';
const byCrate = new Map();
const byModule = new Map();
let code = 0;
const matched = [];
for (const [idx, size] of bodies) {
  const n = names.get(idx) ?? `code[${idx}]`;
  code += size;
  const p = path(n);
  const c = crateOf(p);
  byCrate.set(c, (byCrate.get(c) ?? 0) + size);
  if (c === 'topoform') {
    const m = p.slice(0, 3).join('::').replace(/[^A-Za-z0-9_:].*$/, '');
    byModule.set(m, (byModule.get(m) ?? 0) + size);
  }
  if (grep?.test(demangle(n))) matched.push([size, demangle(n)]);
}
const pct = (s) => `${((100 * s) / code).toFixed(1).padStart(5)} %`;
const table = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, s] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(s).padStart(10)} ${pct(s)}  ${k}`);
};
console.log(`${file}: ${buf.length} bytes; code ${code} in ${bodies.length} functions; data ${data}`);
table('code by crate', byCrate);
table('code by topoform module', byModule);
if (grep) {
  console.log(`\nfunctions matching ${grep}: ${matched.length}, ${matched.reduce((a, [s]) => a + s, 0)} bytes`);
  for (const [s, n] of matched.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${String(s).padStart(10)}  ${n}`);
}

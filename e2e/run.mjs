// Runs every scenario in e2e/scenarios/ against the release build in dist/,
// in Debian's Chromium driven by playwright-core (no browser download).
// Each scenario gets a fresh browser context; screenshots go to e2e/out/.
// A scenario that exports `prefix` (say '/some/prefix/') gets a server of its
// own with the site under that prefix only, as on GitHub Pages or an S3 prefix.
// Ends with the plain line "N passed, N failed"; exits 1 on any failure.
import { chromium } from 'playwright-core';
import { readdir, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const out = join(here, 'out');
// Fresh screenshots each run, so none from an older run is mistaken for this one's.
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const shared = await serve(dist);
const only = process.argv[2];
const files = (await readdir(join(here, 'scenarios'))).filter((f) => f.endsWith('.mjs') && (!only || f.includes(only))).sort();

let passed = 0;
let failed = 0;
for (const file of files) {
  const { default: scenario, prefix } = await import(join(here, 'scenarios', file));
  const own = prefix ? await serve(dist, { prefix }) : null;
  const server = own ?? shared;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const outside = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const name = file.replace(/\.mjs$/, '');
  let step = 0;
  const ctx = {
    url: server.url,
    dist,
    shot: async (label) => {
      step += 1;
      const path = join(out, `${name}-${String(step).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path });
      return path;
    },
  };
  const started = Date.now();
  try {
    await scenario(page, ctx);
    if (outside.length) throw new Error(`the app requested outside addresses: ${outside.join(', ')}`);
    if (errors.length) throw new Error(`the page reported errors: ${errors.join(' | ')}`);
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
    await ctx.shot('failure').catch(() => {});
  }
  await context.close();
  await own?.close();
}
await shared.close();
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

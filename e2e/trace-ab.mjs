// Traces drag releases (or, with TRACE_STEP=wheel, wheel steps zooming in
// from Fit; with TRACE_STEP=cidr, CIDR edits of the first VPC, alternately
// overlapping another VPC's and a free one; with TRACE_STEP=add, Auto
// Scaling groups added into the first VPC, some moving the rows of regions
// below and some not) on the stress design in one or more builds, the builds taken
// alternately (2 rounds of 3 releases or 5 wheel steps), and prints per
// build the median ms of each piece of the main thread's work: the event's
// script, style, layout, pre-paint, paint, layerize. Steadier than the
// real-input latencies of bench-input.mjs for comparing two builds whose
// difference is the browser's rendering (docs/build.md, "The browser's
// share of an edit"). Prints figures and never fails on timing.
//
//   node e2e/trace-ab.mjs /tmp/dist-before dist
//   TRACE_STEP=wheel node e2e/trace-ab.mjs /tmp/dist-before dist
//   TRACE_STEP=cidr node e2e/trace-ab.mjs /tmp/dist-before dist
//   TRACE_STEP=add node e2e/trace-ab.mjs /tmp/dist-before dist
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { openStressDesign, pressOn, settle, stressDesignFile, typeOverlappingCidr } from './stress-steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dists = process.argv.slice(2);
if (dists.length === 0) dists.push(join(root, 'dist'));
const NAMES = ['EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'HitTest'];
const { design, done: removeDesign } = stressDesignFile(root);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
});
const results = new Map();
try {
  for (let round = 0; round < 2; round++) {
    for (const dist of dists) {
      const server = await serve(dist);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}?template=active-passive`);
        await page.locator('svg.canvas [data-id]').first().waitFor({ timeout: 60000 });
        await openStressDesign(page, design);
        await page.waitForTimeout(1500);
        const wheel = process.env.TRACE_STEP === 'wheel';
        const adding = process.env.TRACE_STEP === 'add';
        const cidr = process.env.TRACE_STEP === 'cidr' || adding ? await typeOverlappingCidr(page, design) : null;
        if (adding) await page.keyboard.press('Escape');
        const overlapping = cidr ? await cidr.inputValue() : null;
        if (wheel) {
          const svg = await page.locator('svg.canvas').boundingBox();
          await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
        }
        for (let k = 0; k < (wheel || cidr ? 5 : 3); k++) {
          let release = () => page.mouse.up();
          if (adding) {
            const button = page.locator('.editbar button[data-palette="Auto Scaling group"]');
            await page.waitForFunction(() => !document.querySelector('.stage[data-routing]'), null, { timeout: 20000 });
            release = () => button.click();
          } else if (cidr) {
            await cidr.fill(k % 2 === 0 ? overlapping : '10.254.0.0/16');
            release = () => cidr.press('Enter');
          } else if (!wheel) {
            // A different load balancer each time (at Fit the press takes its VPC).
            const node = await page.evaluate((k) => document.querySelectorAll('svg.canvas g[data-id][data-kind="alb"]')[k * 7]?.getAttribute('data-id'), k);
            const at = await pressOn(page, node);
            for (let i = 1; i <= 10; i++) await page.mouse.move(at.x + i * 3, at.y + i);
            await page.waitForTimeout(400);
          } else {
            release = () => page.mouse.wheel(0, -120);
          }
          await browser.startTracing(page, { categories: ['devtools.timeline'] });
          await release();
          await settle(page);
          const trace = JSON.parse((await browser.stopTracing()).toString());
          const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur);
          const tid = events.find((e) => e.name === 'EventDispatch')?.tid;
          const mine = events.filter((e) => e.tid === tid);
          const sum = {};
          // An event inside another of its name (a change dispatched
          // within the keydown that caused it) is counted once, in the outer.
          const outer = (e, all) => !all.some((o) => o !== e && o.ts <= e.ts && e.ts + e.dur <= o.ts + o.dur);
          for (const n of NAMES) {
            const all = mine.filter((e) => e.name === n);
            sum[n] = all.filter((e) => outer(e, all)).reduce((a, e) => a + e.dur / 1000, 0);
          }
          sum.total = NAMES.reduce((a, n) => a + sum[n], 0);
          if (!results.has(dist)) results.set(dist, []);
          results.get(dist).push(sum);
          await page.waitForTimeout(wheel ? 300 : 600);
        }
      } finally {
        await context.close();
        await server.close?.();
      }
    }
  }
  for (const [dist, rows] of results) {
    const median = (n) => { const v = rows.map((r) => r[n]).sort((a, b) => a - b); return v[v.length >> 1].toFixed(1); };
    console.log(`trace-ab: ${dist}: ${[...NAMES, 'total'].map((n) => `${n} ${median(n)}`).join(' | ')} (median of ${rows.length} ${{ wheel: 'wheel steps', cidr: 'CIDR edits', add: 'adds' }[process.env.TRACE_STEP] ?? 'releases'}, ms)`);
  }
} finally {
  await browser.close();
  await removeDesign();
}

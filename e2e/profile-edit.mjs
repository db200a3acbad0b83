// Profiles one interaction on the stress design with Chromium's sampling
// profiler (CDP) and prints the functions that took the time, self and
// inclusive. Point it at a build whose wasm keeps its names (see
// docs/build.md, "Profiling an edit"):
//
//   PROFILE_DIST=/tmp/prof node e2e/profile-edit.mjs release|undo|cidr|add|select
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { openStressDesign, pressOn, settle, stressDesignFile, typeOverlappingCidr } from './stress-steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.PROFILE_DIST ?? join(root, 'dist');
const what = process.argv[2] ?? 'release';
const { design, done: removeDesign } = stressDesignFile(root);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
});
const server = await serve(dist);
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error', String(e)));
  await page.goto(`${server.url}?template=active-passive`);
  await page.locator('svg.canvas [data-id]').first().waitFor({ timeout: 60000 });
  await openStressDesign(page, design);
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  let act;
  if (what === 'cidr') {
    // PROFILE_REPEAT=n: n edits in one profile, the CIDR set in turn to
    // one no other VPC has and back to the overlapping one, as bench-input
    // does; with PROFILE_TASK, the samples of every edit's input task
    // count, which steadies a profile that one edit leaves to chance.
    const cidr = await typeOverlappingCidr(page, design);
    const overlapping = await cidr.inputValue();
    const times = Number(process.env.PROFILE_REPEAT ?? 1);
    act = async () => {
      for (let k = 0; k < times; k++) {
        if (k > 0) { await cidr.fill(k % 2 === 1 ? '10.254.0.0/16' : overlapping); await settle(page); }
        await cidr.press('Enter');
        if (k + 1 < times) await settle(page);
      }
    };
  } else if (what === 'add') {
    // As bench-input does: the first VPC selected, then the palette's Auto
    // Scaling group clicked (added into it).
    await typeOverlappingCidr(page, design);
    await page.keyboard.press('Escape');
    // PROFILE_REPEAT=n: n adds into that VPC, each routed before the next.
    const button = await page.locator('.editbar button[data-palette="Auto Scaling group"]').elementHandle();
    const times = Number(process.env.PROFILE_REPEAT ?? 1);
    act = async () => {
      for (let k = 0; k < times; k++) {
        await button.click();
        await settle(page);
        if (k + 1 < times) await page.waitForFunction(() => !document.querySelector('.stage[data-routing]'), null, { timeout: 20000, polling: 'raf' });
      }
    };
  } else if (what === 'select') {
    // As bench-input does: the first problem row clicked, its subjects
    // selected and the canvas centred on them.
    const row = await page.locator('.problems li button').first().elementHandle();
    act = () => row.click();
  } else {
    const node = await page.evaluate(() => document.querySelector('svg.canvas g[data-id][data-kind="alb"], svg.canvas g[data-id][data-kind="asg"]')?.getAttribute('data-id'));
    const at = await pressOn(page, node);
    for (let i = 1; i <= 20; i++) await page.mouse.move(at.x + i * 3, at.y + i);
    await page.waitForTimeout(300);
    if (what === 'undo') {
      await page.mouse.up(); await settle(page); await page.waitForTimeout(500);
      const undo = await page.getByRole('button', { name: 'Undo' }).elementHandle();
      act = () => undo.click();
    }
    else act = () => page.mouse.up();
  }
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await act();
  await settle(page);
  // And the links it moved routed after the frame (ui/canvas/routing.rs).
  await page.waitForFunction(() => !document.querySelector('.stage[data-routing]'), null, { timeout: 20000, polling: 'raf' });
  const wall = Date.now() - t0;
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString());
  // Top-level work on the page's main thread, by event name.
  const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur);
  const main = events.find((e) => e.name === 'FunctionCall' || e.name === 'EventDispatch');
  const tid = main?.tid;
  const mine = events.filter((e) => e.tid === tid).sort((a, b) => a.ts - b.ts);
  const sums = new Map(); let end = 0;
  for (const e of mine) { if (e.ts >= end) { sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000); end = e.ts + e.dur; } }
  const inner = new Map();
  for (const e of mine) if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'RasterTask', 'Commit', 'HitTest', 'ParseHTML', 'MinorGC', 'MajorGC', 'V8.GC_MC_BACKGROUND_MARKING'].includes(e.name) || /GC|Style|Layout|Paint/.test(e.name)) inner.set(e.name, (inner.get(e.name) ?? 0) + e.dur / 1000);
  // Style and layout that script forced (nested in a task's script) rather
  // than the frame's own.
  const scripts = mine.filter((e) => /FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks/.test(e.name));
  for (const e of mine.filter((e) => /^(UpdateLayoutTree|Layout)$/.test(e.name))) {
    const host = scripts.find((s) => s.ts <= e.ts && e.ts + e.dur <= s.ts + s.dur);
    if (host) console.log(`forced ${e.name} ${(e.dur / 1000).toFixed(1)} ms inside ${host.name} ${JSON.stringify(host.args?.data ?? {}).slice(0, 160)}`);
  }
  if (process.env.PROFILE_TASKS) {
    const t0 = mine[0]?.ts ?? 0;
    for (const t of mine.filter((e) => e.name === 'RunTask' && e.dur > 3000)) {
      const kids = new Map();
      for (const e of mine) if (e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.name !== 'RunTask') kids.set(e.name, Math.max(kids.get(e.name) ?? 0, e.dur / 1000));
      const top = [...kids].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      console.log(`task at +${((t.ts - t0) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms: ${top}`);
    }
  }
  if (process.env.PROFILE_DETAIL) for (const e of mine.filter((e) => /UpdateLayoutTree|Paint|Layout$/.test(e.name))) console.log(e.name, (e.dur / 1000).toFixed(1), JSON.stringify(e.args).slice(0, 300));
  console.log('-- main thread, top level --\n' + [...sums].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k}`).join('\n'));
  console.log('-- rendering (nested included) --\n' + [...inner].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k}`).join('\n'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let dt = profile.timeDeltas; const self = new Map(); const incl = new Map();
  // PROFILE_TASK=1: only the samples inside the edit's own input task (an
  // event dispatch over 20 ms; every such one with PROFILE_REPEAT), not the
  // routing and drawing after the frame: what stands between the input and
  // the screen.
  if (process.env.PROFILE_TASK) {
    const tasks = mine.filter((e) => e.name === 'EventDispatch' && e.dur > 20000);
    let t = profile.startTime; const at = dt.map((d) => (t += d));
    dt = dt.map((d, i) => (tasks.some((task) => at[i] >= task.ts && at[i] <= task.ts + task.dur) ? d : 0));
    console.log(`samples limited to the input tasks: ${tasks.map((task) => (task.dur / 1000).toFixed(1)).join(', ') || 'none'} ms`);
  }
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  profile.samples.forEach((id, i) => {
    const d = (dt[i + 1] ?? 0) / 1000;
    const n = byId.get(id); self.set(name(n), (self.get(name(n)) ?? 0) + d);
    const seen = new Set();
    for (let c = id; c !== undefined; c = parent.get(c)) { const k = name(byId.get(c)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + d); } }
  });
  // PROFILE_UI=1: every sample charged to the innermost function of the
  // app's own views (topoform::ui::) on its stack, else to its outermost
  // named frame: which view's work the time was, whatever it called.
  if (process.env.PROFILE_UI) {
    const buckets = new Map();
    // PROFILE_UI=topoform::core::,4 charges to the first four path parts of
    // the innermost frame under that prefix instead.
    const [prefix, depth] = process.env.PROFILE_UI === '1' ? ['topoform::ui::', 99] : [process.env.PROFILE_UI.split(',')[0], Number(process.env.PROFILE_UI.split(',')[1] ?? 99)];
    profile.samples.forEach((id, i) => {
      let k = null; let outer = null;
      for (let c = id; c !== undefined; c = parent.get(c)) {
        const n = name(byId.get(c));
        // PROFILE_UI=re:REGEX charges to the innermost frame matching it,
        // hash kept: which memo or effect (by its closure's hash) it was.
        if (!k && prefix.startsWith('re:') && new RegExp(prefix.slice(3)).test(n)) k = n;
        else if (!k && !prefix.startsWith('re:') && n.startsWith(prefix)) k = n.replace(/::h[0-9a-f]{16}$/, '').split('::').slice(0, depth).join('::');
        if (!/^\((root|program|idle|garbage collector)\)$/.test(n)) outer = n;
      }
      if (!k) k = `(no view) ${name(byId.get(id)) === '(idle)' ? '(idle)' : (outer ?? name(byId.get(id))).slice(0, 80)}`;
      buckets.set(k, (buckets.get(k) ?? 0) + (dt[i + 1] ?? 0) / 1000);
    });
    console.log('-- by view --\n' + [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k.slice(0, 140)}`).join('\n'));
  }
  // PROFILE_CALLERS=regex: the callers (five frames up) of the samples
  // whose own function matches, heaviest first.
  if (process.env.PROFILE_CALLERS) {
    const re = new RegExp(process.env.PROFILE_CALLERS); const chains = new Map();
    profile.samples.forEach((id, i) => {
      if (!re.test(name(byId.get(id)))) return;
      const up = []; for (let c = parent.get(id); c !== undefined && up.length < 5; c = parent.get(c)) up.push(name(byId.get(c)).replace(/::h[0-9a-f]{16}/, '').slice(0, 90));
      const k = up.join(' < '); chains.set(k, (chains.get(k) ?? 0) + (dt[i + 1] ?? 0) / 1000);
    });
    console.log('-- callers of ' + re + ' --\n' + [...chains].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k}`).join('\n'));
  }
  // PROFILE_UNDER=regex: the samples with a matching function on their
  // stack, by their own function: what a function's inclusive time went to.
  if (process.env.PROFILE_UNDER) {
    const re = new RegExp(process.env.PROFILE_UNDER); const under = new Map();
    profile.samples.forEach((id, i) => {
      let inside = false;
      for (let c = id; c !== undefined && !inside; c = parent.get(c)) inside = re.test(name(byId.get(c)));
      if (inside) { const k = name(byId.get(id)).replace(/::h[0-9a-f]{16}/, ''); under.set(k, (under.get(k) ?? 0) + (dt[i + 1] ?? 0) / 1000); }
    });
    console.log('-- under ' + re + ', by own function --\n' + [...under].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k.slice(0, 140)}`).join('\n'));
  }
  const top = (m, n, re) => [...m].filter(([k]) => !re || re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k.slice(0, 150)}`).join('\n');
  console.log(`${what}: ${wall} ms wall (settled)\n-- self --\n${top(self, 40)}\n-- inclusive, topoform --\n${top(incl, 60, /topoform::/)}\n-- inclusive, tachys --\n${top(incl, 25, /tachys|leptos::/)}`);
} finally {
  await server.close(); await browser.close();
  await removeDesign();
}

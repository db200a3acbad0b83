// What an add changes in the page (issue 13, docs/build.md "An add moves no
// region's elements"): on the stress design in the release build, the first
// VPC selected and the palette's Auto Scaling group clicked, as bench-input
// does; a MutationObserver over the page counts the nodes added and removed
// and the attributes set in the 2.5 s after, by container, then the nodes
// taken out that are back in the page (moved, not made anew). Counts, not
// timings: the same on any machine.
//
//   node e2e/mutations-add.mjs [dist]
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { openStressDesign, stressDesignFile, typeOverlappingCidr } from './stress-steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { design, done } = stressDesignFile(root);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const server = await serve(process.argv[2] ?? join(root, 'dist'));
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${server.url}?template=active-passive`);
await page.locator('svg.canvas [data-id]').first().waitFor();
await openStressDesign(page, design);
await page.waitForTimeout(1000);
await typeOverlappingCidr(page, design);
await page.keyboard.press('Escape');
await page.waitForTimeout(500);
await page.evaluate(() => {
  window.__m = new Map();
  window.__removed = [];
  const where = (n) => {
    const e = n.nodeType === 1 ? n : n.parentElement;
    if (!e) return '?';
    const part = e.closest('[data-part]');
    if (part) return `sheet ${part.getAttribute('class')} ${part.getAttribute('data-part')}`;
    const c = e.closest('svg.canvas > g, .problems, .inspector, aside, nav, header, .minimap, .cost, .outage, [class]');
    return c ? `${c.tagName.toLowerCase()}.${(c.getAttribute('class') ?? '').split(' ')[0]}` : e.tagName;
  };
  const bump = (k, n) => window.__m.set(k, (window.__m.get(k) ?? 0) + n);
  window.__obs = new MutationObserver((ms) => {
    for (const m of ms) {
      if (m.type === 'childList') for (const n of m.removedNodes) window.__removed.push([where(m.target), n]);
      if (m.type === 'childList') bump(`${where(m.target)} +${m.addedNodes.length ? 'add' : ''}${m.removedNodes.length ? 'rm' : ''}`, m.addedNodes.length + m.removedNodes.length);
      else bump(`${where(m.target)} ${m.type} ${m.attributeName ?? ''}`, 1);
    }
  });
  window.__obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  // What the add did before the frame that shows it: the counts as they
  // stand in the first animation callback after the click (the edit's
  // task and its microtasks, the observer's deliveries included, are done).
  document.addEventListener('click', () => requestAnimationFrame(() => {
    window.__obs.takeRecords();
    window.__atFrame = new Map(window.__m);
  }), { capture: true, once: true });
});
await page.locator('.editbar button[data-palette="Auto Scaling group"]').click();
await page.waitForTimeout(2500);
const m = await page.evaluate(() => [...window.__m].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => [k, v, window.__atFrame?.get(k) ?? 0]));
console.log('   all  before the frame');
for (const [k, v, f] of m) console.log(String(v).padStart(6), String(f).padStart(6), ' ', k);
// A node taken out and in the document again at the end was moved, not
// made anew by a keyed list (docs/build.md, "Regions in columns").
const moved = await page.evaluate(() => {
  const by = new Map();
  for (const [k, n] of window.__removed) if (n.isConnected) by.set(k, (by.get(k) ?? 0) + 1);
  return [...by].sort((a, b) => b[1] - a[1]);
});
console.log(moved.length ? 'moved (taken out and put back):' : 'moved (taken out and put back): none');
for (const [k, v] of moved) console.log(String(v).padStart(6), k);
await server.close();
await browser.close();
await done();

// The first paint (issue 13): a small module draws the design the editor
// will open before the editor's module has arrived, and the editor takes
// over from it.
// (a) With the editor's wasm held back, the page shows the template drawn
//     (its regions and VPC ranges) in the loading screen and says the
//     editor is loading; it asked for the editor's wasm only once the first
//     paint's had arrived (the two never share the network); released, the
//     editor mounts and the loading screen is gone (no shape drawn twice).
// (b) A reload draws the autosaved design, not the template, in the theme
//     the user pinned (dark).
// (c) An editor that cannot load leaves the drawing and says why (in a
//     context of its own: the page's error is the point there).
// (d) A first paint that cannot load does not stop the editor.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');

/** Holds every request for the editor's wasm until `release()`; notes whether the first paint's wasm had arrived first. */
async function holdEditor(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  const seen = { asked: false, viewerFirst: null, viewer: false };
  page.on('requestfinished', (r) => { if (/topoform-view-[0-9a-f]+_bg\.wasm$/.test(r.url())) seen.viewer = true; });
  await page.route(/topoform-web-[0-9a-f]+_bg\.wasm$/, async (route) => {
    seen.asked = true;
    seen.viewerFirst = seen.viewer;
    await gate;
    await route.continue();
  });
  return { seen, release: () => release() };
}

async function expectDrawn(page, texts) {
  await page.locator('.boot.drawn svg').waitFor({ timeout: 20000 });
  const text = await page.locator('.boot').textContent();
  for (const t of texts) if (!text.includes(t)) throw new Error(`the first paint does not show "${t}"`);
  if (!text.includes('Loading the editor')) throw new Error('the first paint does not say the editor is loading');
  if (await page.locator('svg.canvas').count()) throw new Error('the editor mounted while its wasm was held back');
}

async function expectEditor(page) {
  await page.locator('svg.canvas [data-id]').first().waitFor({ timeout: 30000 });
  // The drawing goes with the loading screen: no shape is in the page twice.
  await page.locator('.boot').waitFor({ state: 'detached', timeout: 5000 });
}

export default async function (runnerPage, { url, shot }) {
  // Contexts of their own with no service worker: requests a worker answers
  // cannot be held back or refused by the test.
  const browser = runnerPage.context().browser();
  const errors = [];
  const fresh = async (viewport = { width: 1440, height: 900 }) => {
    const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    return { context, p };
  };
  const { context: main, p: page } = await fresh();
  // The runner's screenshots are of its own page: show it this one's state.
  const snap = async (label) => {
    await runnerPage.setContent(`<img src="data:image/png;base64,${(await page.screenshot()).toString('base64')}" style="display:block">`);
    await shot(label);
  };

  // (a) The template drawn before the editor.
  const held = await holdEditor(page);
  await page.goto(`${url}?template=aurora-global`);
  await expectDrawn(page, ['us-east-1', 'eu-west-1', '10.0.0.0/16']);
  await snap('template-drawn-editor-loading');
  for (let i = 0; i < 50 && !held.seen.asked; i++) await page.waitForTimeout(100);
  if (!held.seen.asked) throw new Error('the editor was never asked for');
  if (held.seen.viewerFirst !== true) throw new Error("the editor was asked for before the first paint's wasm had arrived");
  held.release();
  await expectEditor(page);
  await snap('editor-took-over');
  await page.unroute(/topoform-web-[0-9a-f]+_bg\.wasm$/);

  // (b) The autosaved design, in the pinned theme.
  // Stored from a page of the site where the app does not run (leaving the
  // app saves its design, which would overwrite this).
  await page.goto(`${url}templates/aurora-global.json`);
  await page.evaluate(async () => {
    const d = await (await fetch('aurora-global.json')).json();
    d.name = 'first-paint-check';
    localStorage.setItem('topoform.autosave', JSON.stringify(d));
    localStorage.setItem('topoform.theme', 'dark');
  });
  const held2 = await holdEditor(page);
  await page.goto(url);
  await expectDrawn(page, ['first-paint-check', 'eu-west-1']);
  const bg = await page.locator('.boot svg > rect').first().getAttribute('fill');
  if (bg !== '#12171d') throw new Error(`the first paint ignores the pinned dark theme (background ${bg})`);
  await snap('autosave-dark');
  held2.release();
  await expectEditor(page);
  const name = await page.evaluate(() => JSON.parse(localStorage.getItem('topoform.autosave')).name);
  if (name !== 'first-paint-check') throw new Error(`the editor opened another design (${name})`);
  await page.unroute(/topoform-web-[0-9a-f]+_bg\.wasm$/);

  await main.close();
  if (errors.length) throw new Error(`the page reported errors: ${errors.join(' | ')}`);

  // (c) and (d), each in a context of its own.
  for (const [what, blocked] of [['editor', /topoform-web-[0-9a-f]+_bg\.wasm$/], ['first paint', /topoform-view-[0-9a-f]+_bg\.wasm$/]]) {
    const { context, p } = await fresh({ width: 1280, height: 800 });
    await p.route(blocked, (route) => route.abort());
    await p.goto(`${url}?template=active-passive`);
    if (what === 'editor') {
      await p.locator('.boot.drawn svg').waitFor({ timeout: 20000 });
      await p.locator('.boot', { hasText: 'Topoform could not start' }).waitFor({ timeout: 20000 });
      if (await p.locator('svg.canvas').count()) throw new Error('an editor mounted without its wasm');
      await p.screenshot({ path: join(OUT, '14-first-paint-editor-blocked.png') });
    } else {
      await expectEditor(p);
      if (!(await p.locator('[data-kind="region"]', { hasText: 'us-west-2' }).count())) throw new Error('the editor did not draw the template');
    }
    await context.close();
    // The blocked editor's error is the point of (c); (d) must have none.
    if (what === 'editor') errors.length = 0;
    else if (errors.length) throw new Error(`with the first paint blocked, the page reported errors: ${errors.join(' | ')}`);
  }
}

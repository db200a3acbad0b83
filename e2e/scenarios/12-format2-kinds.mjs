// The format 2 kinds by drag and drop, on the active-passive template: an
// ECS service and an ElastiCache cache dragged from the palette into the
// primary VPC, the service linked to the load balancer by dragging its
// handle (the group already there, so both get a traffic weight), scaling
// set in the inspector on the service and on the group; no error badge on
// any of them, the saved file holds them (version 2) and a reload brings
// them back. Screenshots zoomed in and at Fit, light and dark; at Fit no
// canvas text falls under 11 px.
import { dropItem, link } from '../gestures.mjs';
import { MIN_PX, saved, smallestText } from '../page.mjs';
import { readFile } from 'node:fs/promises';

const ALB = 'use1-alb';
const GROUP = 'use1-app';
const nodes = (d) => d.regions.flatMap((r) => r.vpcs).flatMap((v) => v.nodes);
const byId = (d, id) => nodes(d).find((n) => n.id === id);

async function theme(page, want) {
  // The theme button cycles light -> dark -> system; stop at the wanted one.
  for (let i = 0; i < 3; i++) {
    const now = await page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    if (now === want) return;
    await page.locator('button.theme, [aria-label^="Theme"]').first().click();
  }
  throw new Error(`no ${want} theme`);
}

async function key(page, k) {
  await page.locator('svg.canvas').focus();
  await page.keyboard.press(k);
  await page.waitForTimeout(300);
}

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator(`svg.canvas [data-id="${ALB}"]`).first().waitFor({ timeout: 20000 });

  // Dragged from the palette onto the VPC's header.
  // Each, selected once dropped, shows the subnets it uses.
  const shown = (id) => page.locator(`.subnet-use-shown[data-shown^="link@uses-subnet@${id}@"]`).count();
  const ecs = await dropItem(page, 'ECS service', await headerOf(page, 'use1-main'));
  if ((await shown(ecs)) < 2) throw new Error(`the service shows ${await shown(ecs)} subnet lines`);
  const cache = await dropItem(page, 'ElastiCache cache', await headerOf(page, 'use1-main'));
  if ((await shown(cache)) < 2) throw new Error(`the cache shows ${await shown(cache)} subnet lines`);
  if (ecs !== 'use1-api' || cache !== 'use1-cache') throw new Error(`dropped ${ecs} and ${cache}`);
  for (const id of [ecs, cache]) {
    if ((await page.locator(`[data-id="${id}"][data-kind]`).count()) !== 1) throw new Error(`${id} is not drawn`);
    if (!(await page.locator(`[data-id="${id}"] .icon-glyph`).count())) throw new Error(`${id} has no icon`);
  }
  await shot('dropped');

  // The service's handle dragged onto the load balancer links them.
  await link(page, ecs, `[data-id="${ALB}"] > rect`);
  const line = page.locator(`g.link-group[data-kind="asg-target"][data-from="${ecs}"][data-to="${ALB}"]`);
  await line.waitFor({ timeout: 5000 });

  // Scaling: the service's target CPU, and the group's policy switched on.
  await page.locator(`[data-id="${ecs}"] > rect`).first().click();
  const pct = page.locator('.inspector [data-field="scaling.target_percent"] input');
  await pct.fill('60');
  await pct.press('Enter');
  await page.locator(`[data-id="${GROUP}"] > rect`).first().click();
  await page.locator('.inspector [data-field="scaling.metric"] select').selectOption('cpu');
  const d = await saved(
    page,
    (d) => byId(d, ecs)?.target === ALB && byId(d, ecs)?.scaling?.target_percent === 60 && byId(d, GROUP)?.scaling?.target_percent === 70,
    'the service linked and scaled, and the group scaled',
  );
  if (byId(d, ecs).weight !== 100 || byId(d, GROUP).weight !== 100) {
    throw new Error(`weights ${byId(d, ecs).weight} and ${byId(d, GROUP).weight}: a mixed load balancer splits traffic evenly`);
  }
  for (const id of [ecs, cache, ALB, GROUP]) {
    const bad = page.locator(`.badge.error[data-badge="${id}"]`);
    if (await bad.count()) throw new Error(`${id} has errors: ${await bad.getAttribute('aria-label')}`);
  }

  // Zoomed in and at Fit, light and dark: the icons and labels are there.
  await page.locator(`[data-id="${ecs}"] > rect`).first().click();
  await key(page, 'z');
  await theme(page, 'light');
  await shot('zoomed-light');
  await theme(page, 'dark');
  await shot('zoomed-dark');
  await page.keyboard.press('Escape');
  await key(page, '0');
  const fit = await smallestText(page);
  if (fit.px < MIN_PX) throw new Error(`at Fit, "${fit.text}" is ${fit.px.toFixed(1)} px on screen`);
  await shot('fit-dark');
  await theme(page, 'light');
  await shot('fit-light');

  // Saved: the file is version 2 and holds both, as edited.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.editbar button', { hasText: /^Save$/ }).click(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  if (file.version !== 2) throw new Error(`saved as version ${file.version}`);
  const s = byId(file, ecs);
  const c = byId(file, cache);
  if (s?.kind !== 'ecs' || s.target !== ALB || s.scaling?.target_percent !== 60) throw new Error(`saved service: ${JSON.stringify(s)}`);
  if (c?.kind !== 'elasticache' || c.subnets.length < 2) throw new Error(`saved cache: ${JSON.stringify(c)}`);

  // Reloaded: the same design, the link drawn again.
  await page.reload();
  await page.locator(`svg.canvas [data-id="${ecs}"]`).first().waitFor({ timeout: 20000 });
  await line.waitFor({ timeout: 5000 });
  if ((await page.locator(`[data-id="${cache}"]`).count()) !== 1) throw new Error('the cache did not come back');
  const back = await saved(page, () => true, 'the design');
  if (JSON.stringify(byId(back, ecs)) !== JSON.stringify(s)) throw new Error('the service changed across the reload');
  await shot('reloaded');
}

/** A point on the header of VPC `id` (its frame label). */
async function headerOf(page, id) {
  const box = await page.locator(`[data-target="${id}"]`).first().boundingBox();
  if (!box) throw new Error(`VPC ${id} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

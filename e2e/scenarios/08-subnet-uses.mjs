// Which subnets a workload uses, at the smallest supported window
// (1280×720) with the active-passive template: at Fit no canvas text falls
// under 11 px (the faint lines go with the subnet names); selecting the load
// balancer shows its two subnet lines in full and lists them in the
// inspector; zoomed in, the lines are drawn, and a real
// mouse click on one line selects it and the inspector says what it means;
// Delete takes the subnet off the load balancer (the problems panel says it
// now spans one AZ) and Ctrl+Z brings it back. Screenshots of each step.
import { MIN_PX, saved, smallestText } from '../page.mjs';
const ALB = 'use1-alb';
const LINE = `g.link-group[data-kind="uses-subnet"][data-from="${ALB}"][data-to="use1-pub-a"]`;

const albSubnets = (d) => d.regions.flatMap((r) => r.vpcs).flatMap((v) => v.nodes).find((n) => n.id === ALB)?.subnets ?? [];

/** A screen point on the line `selector` where the line itself is on top. */
async function onLine(page, selector) {
  const p = await page.evaluate((sel) => {
    const g = document.querySelector(sel);
    const path = g?.querySelector('path.link');
    if (!path) return null;
    // The canvas's matrix: a line's coordinates are its region's, the
    // canvas's less the origin its sheet or group names (`data-origin`),
    // and Chromium's getScreenCTM of an element inside a foreignObject has
    // the wrong translation.
    const m = document.querySelector('svg.canvas').getScreenCTM();
    const [ox, oy] = (path.closest('[data-origin]')?.getAttribute('data-origin') ?? '0 0').split(' ').map(Number);
    const len = path.getTotalLength();
    for (let i = 1; i < 40; i++) {
      const l = path.getPointAtLength((len * i) / 40);
      const q = { x: l.x + ox, y: l.y + oy };
      const x = m.a * q.x + m.c * q.y + m.e;
      const y = m.b * q.x + m.d * q.y + m.f;
      if (document.elementFromPoint(x, y)?.closest('.link-group') === g) return { x, y };
    }
    return null;
  }, selector);
  if (!p) throw new Error(`${selector}: no point of the line is on top`);
  return p;
}

export default async function (page, { url, shot }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator(`svg.canvas [data-id="${ALB}"]`).first().waitFor({ timeout: 20000 });
  // At Fit: whatever is drawn is legible (the faint lines go with the subnet names).
  await shot('fit-1280x720');
  const drawnAtFit = await page.locator('g.link-group[data-kind="uses-subnet"]').count();
  const fit = await smallestText(page);
  if (fit.px < MIN_PX) throw new Error(`at Fit, "${fit.text}" is ${fit.px.toFixed(1)} px on screen`);

  // Selecting the load balancer shows which subnets it uses, whatever the zoom,
  // and its inspector lists them among its links.
  await page.locator(`[data-id="${ALB}"] > rect`).first().click();
  const shown = page.locator(`.subnet-use-shown[data-shown^="link@uses-subnet@${ALB}@"]`);
  if ((await shown.count()) !== 2) throw new Error(`${await shown.count()} subnet lines shown for the selected load balancer`);
  if (!((await shown.first().boundingBox())?.width > 0)) throw new Error('the selected load balancer\'s subnet lines are not on screen');
  const listed = await page.locator('.inspector .links-now li[data-link^="link@uses-subnet@"]').count();
  if (listed !== 2) throw new Error(`the inspector lists ${listed} subnet uses`);
  await shot('load-balancer-selected');

  // Zoomed to it, the faint lines are drawn and a click on one selects it.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('z');
  await page.locator(LINE).waitFor({ state: 'visible', timeout: 5000 });
  const zoomed = await smallestText(page);
  if (zoomed.px < MIN_PX) throw new Error(`zoomed in, "${zoomed.text}" is ${zoomed.px.toFixed(1)} px on screen`);
  await shot('zoomed-lines-drawn');
  const at = await onLine(page, LINE);
  await page.mouse.click(at.x, at.y);
  const meaning = page.locator('.inspector [data-field="meaning"]');
  await meaning.waitFor({ timeout: 5000 });
  const says = (await meaning.textContent()).trim();
  if (says !== 'Load balancer web places its nodes in subnet public-a (use1-az1, public, 10.0.0.0/24).') throw new Error(`the inspector says: ${says}`);
  await shot('line-selected');

  // Delete: one subnet fewer, and the rule says what that costs.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Delete');
  await saved(page, (d) => albSubnets(d).join() === 'use1-pub-b', 'use1-pub-a taken off the load balancer');
  if (await page.locator(LINE).count()) throw new Error('the deleted line is still drawn');
  const problem = page.locator('.problems', { hasText: 'Load balancer web in VPC main (us-east-1) spans 1 AZ; it needs two.' });
  await problem.waitFor({ timeout: 5000 });
  await shot('line-deleted');

  await page.keyboard.press('Control+z');
  await saved(page, (d) => albSubnets(d).join() === 'use1-pub-a,use1-pub-b', 'the subnet restored');
  if ((await page.locator(LINE).count()) !== 1) throw new Error('undo did not bring the line back');
  await shot('line-restored');
  console.log(`  ${drawnAtFit} subnet-use lines drawn at Fit, ${await page.locator('g.link-group[data-kind="uses-subnet"]').count()} zoomed in; smallest text ${fit.px.toFixed(1)} px at Fit, ${zoomed.px.toFixed(1)} px zoomed`);
}

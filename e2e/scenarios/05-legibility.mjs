// Legibility at the smallest supported window (1280×720): with the
// active-active template (three regions) fitted, every piece of canvas
// text that is shown measures at least 11 px on screen (the rest is hidden
// by level of detail), and zooming in brings the smaller text back. Also:
// the static loading state is gone once the app is up, and a list of
// problems far taller than the window scrolls in the side column, never the
// page (hidden text in rows once pushed the page 12,000 px tall).
import { readFile } from 'node:fs/promises';
import { MIN_PX, smallestText } from '../page.mjs';

export default async function (page, { url, shot }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-active`);
  await page.locator('svg.canvas [data-id="apse1-main"]').first().waitFor({ timeout: 20000 });
  if (await page.locator('.boot').isVisible()) throw new Error('the loading state is still shown after the app mounted');
  await shot('fit-1280x720');
  const fit = await smallestText(page);
  if (fit.px < MIN_PX) throw new Error(`at Fit, "${fit.text}" is ${fit.px.toFixed(1)} px on screen (under ${MIN_PX})`);
  const shownAtFit = await page.locator('svg.canvas text').evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).length);
  if (shownAtFit === 0) throw new Error('at Fit no text is shown at all');
  // Every box says what it is: each node and subnet shows a name at Fit
  // (blank boxes were what three regions at 1280×720 looked like before
  // the larger far-away names).
  const unnamed = await page.evaluate(() => {
    const out = [];
    const boxes = document.querySelectorAll('svg.canvas .layer-items .shape-subnet, svg.canvas .layer-items .node');
    if (boxes.length < 20) out.push(`only ${boxes.length} boxes found`);
    for (const g of boxes) {
      const named = [...g.querySelectorAll('text')].some((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0);
      if (!named) out.push(g.getAttribute('data-id'));
    }
    return out;
  });
  if (unnamed.length) throw new Error(`at Fit these boxes show no name: ${unnamed.join(', ')}`);

  // Zoomed on one subnet, its CIDR is readable.
  await page.locator('[data-id="euw1-db-a"] > rect').first().click();
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('z');
  await shot('zoomed-to-subnet');
  const cidr = page.locator('[data-id="euw1-db-a"] text.cidr');
  if (!(await cidr.isVisible())) throw new Error('zoomed in, the subnet CIDR is still hidden');
  const zoomed = await smallestText(page);
  if (zoomed.px < MIN_PX) throw new Error(`zoomed in, "${zoomed.text}" is ${zoomed.px.toFixed(1)} px on screen`);

  // Every VPC moved to a block none of its subnets is in: an error a subnet.
  const json = JSON.parse(await readFile(new URL('../../public/templates/active-active.json', import.meta.url), 'utf8'));
  json.regions.flatMap((r) => r.vpcs ?? []).forEach((v, i) => { v.cidr = `10.${200 + i}.0.0/16`; });
  await page.locator('input[type="file"][aria-label^="Design file"]').setInputFiles({ name: 'many-problems.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.waitForFunction(() => document.querySelectorAll('.problems .problem.error').length >= 18, null, { timeout: 20000 });
  const heights = await page.evaluate(() => ({ page: document.scrollingElement.scrollHeight, window: innerHeight, side: document.querySelector('.side').scrollHeight }));
  if (heights.side <= heights.window) throw new Error(`the problems fit the window (${JSON.stringify(heights)}): the check proves nothing`);
  if (heights.page > heights.window) throw new Error(`the page itself scrolls with many problems: ${JSON.stringify(heights)}`);
  await page.locator('.problems .problem').last().scrollIntoViewIfNeeded();
  const top = await page.locator('header.toolbar').boundingBox();
  if (!top || top.y < 0) throw new Error(`the last problem scrolled into view moved the page: ${JSON.stringify(top)}`);
  await shot('many-problems-scrolled');
}

// Long names (found by an outside test: a 500-character name pushed the
// inspector, the problems panel and the export dialog's text out of their
// boxes). Names are valid at any length, so the panels wrap them: no scroll
// box in the side column or the export dialog is wider inside than out.
const LONG = 'n'.repeat(250) + '😀'.repeat(50) + 'x'.repeat(200);

/** Scroll boxes (and the panels themselves) whose content is wider than they are. */
const overflowing = (page, root) => page.evaluate((root) => {
  const out = [];
  for (const el of document.querySelectorAll(`${root}, ${root} *`)) {
    if (el.matches('input, select, textarea, pre, .sr-only, .sr-only *')) continue;
    const ox = getComputedStyle(el).overflowX;
    const panel = el.matches(`${root}, ${root} > *`);
    if (!panel && ox === 'visible') continue;
    // (A visually hidden label, 1 px wide, is clipped on purpose.)
    if (el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`);
    }
  }
  return out;
}, root);

export default async function (page, { url, shot }) {
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ state: 'attached', timeout: 20000 });
  // The names of a VPC and a load balancer, typed into the inspector (the
  // load balancer's makes a problem that quotes it).
  for (const [i, target] of ['[data-target="use1-main"]', '[data-id="use1-alb"] > rect'].entries()) {
    await page.locator(target).first().click();
    const name = page.locator('.inspector input[aria-label="Name"]');
    await name.fill(LONG);
    await name.press('Enter');
    await name.blur();
    // (Autosaved: the design holds it.)
    await page.waitForFunction((k) => (localStorage.getItem('topoform.autosave') ?? '').split('n'.repeat(250)).length > k, i + 1, { timeout: 5000 })
      .catch(() => { throw new Error(`the name of ${target} was not taken`); });
  }
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Escape');
  await page.locator('.side .problems li').first().waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  await shot('settings');
  // On the canvas, the VPC's name is cut to its frame (at Fit, the overview
  // label; it ran a fifth past the frame, into the next region).
  const over = await page.evaluate(() => {
    const frame = document.querySelector('svg.canvas [data-id="use1-main"] rect.frame')?.getBoundingClientRect();
    const label = document.querySelector('svg.canvas .ov-vpc[data-target="use1-main"] text, svg.canvas .frame-label[data-target="use1-main"] text');
    const box = label?.getBoundingClientRect();
    return frame && box ? { frame: [frame.left, frame.right], text: [box.left, box.right], label: label.textContent.slice(0, 40) } : null;
  });
  if (!over) throw new Error('no VPC frame or label found on the canvas');
  if (over.text[1] > over.frame[1] + 1) throw new Error(`the VPC's label runs past its frame: ${JSON.stringify(over)}`);
  let bad = await overflowing(page, '.side');
  if (bad.length) throw new Error(`with nothing selected these overflow: ${bad.join('; ')}`);

  await page.locator('[data-target="use1-main"]').click();
  await page.locator('.inspector').waitFor();
  await page.waitForTimeout(300);
  await shot('inspector');
  bad = await overflowing(page, '.side');
  if (bad.length) throw new Error(`with the VPC selected these overflow: ${bad.join('; ')}`);

  await page.locator('.toolbar button.export').click();
  await page.locator('.export-dialog .export-refused, .export-dialog [data-path]').first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(300);
  await shot('export');
  bad = await overflowing(page, '.export-dialog');
  if (bad.length) throw new Error(`in the export dialog these overflow: ${bad.join('; ')}`);
}

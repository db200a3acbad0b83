// Small windows (found by an outside test: at 375×667 the toolbar wrapped
// into five rows and the canvas was 35 px wide; at 320×240 it had no height
// at all). The canvas gets the full width and at least half the window's
// height, the toolbar and the edit bar stay one row each, and a toolbar
// button and a palette button still work.
export default async function (page, { url, shot }) {
  for (const [w, h] of [[375, 667], [320, 240], [800, 300]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`${url}?template=active-passive`);
    await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ state: 'attached', timeout: 20000 });
    await page.waitForTimeout(300);
    const m = await page.evaluate(() => {
      const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
      return { canvas: box('svg.canvas'), toolbar: box('.toolbar'), editbar: box('.editbar'), pageW: document.scrollingElement.scrollWidth };
    });
    const name = `${w}x${h}`;
    const minW = w < 700 ? w * 0.9 : w * 0.5;
    if (m.canvas.w < minW || m.canvas.h < h / 2) {
      throw new Error(`${name}: the canvas is ${Math.round(m.canvas.w)}×${Math.round(m.canvas.h)}, want at least ${Math.round(minW)}×${h / 2}`);
    }
    if (m.toolbar.h > 56 || m.editbar.h > 48) {
      throw new Error(`${name}: the toolbar is ${m.toolbar.h} px and the edit bar ${m.editbar.h} px high: they wrap`);
    }
    if (m.pageW > w) throw new Error(`${name}: the page is ${m.pageW} px wide, wider than the window`);
    await shot(`${name}`);

    // The theme button (at the toolbar's far end) and a palette button work.
    const theme = page.locator('.toolbar button.theme');
    const before = await theme.getAttribute('aria-label');
    await theme.click();
    if (await theme.getAttribute('aria-label') === before) throw new Error(`${name}: the theme button did nothing`);
    await theme.click();
    await theme.click();
    const regions = () => page.locator('svg.canvas g[data-kind="region"]').count();
    const n = await regions();
    await page.locator('svg.canvas').focus();
    await page.keyboard.press('Escape');
    await page.locator('.editbar button[data-palette="Region"]').click();
    await page.waitForFunction((k) => document.querySelectorAll('svg.canvas g[data-kind="region"]').length > k, n, { timeout: 5000 })
      .catch(() => { throw new Error(`${name}: adding a region from the palette did nothing`); });
    await shot(`${name}-added`);
  }
  // A desktop window keeps the side panel beside the canvas.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
  const side = await page.evaluate(() => {
    const c = document.querySelector('svg.canvas').getBoundingClientRect();
    const s = document.querySelector('.side').getBoundingClientRect();
    return { beside: s.x >= c.right - 1 && s.width >= 300, h: c.height };
  });
  if (!side.beside || side.h < 600) throw new Error(`at 1280×800 the layout changed: ${JSON.stringify(side)}`);
}

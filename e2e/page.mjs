// Page readings shared by the scenarios: how small the canvas text is on
// screen, and the autosaved design once it shows an edit.

/** The smallest text the scenarios accept on the canvas, in screen pixels. */
export const MIN_PX = 11;

// The smallest on-screen font size among the visible texts of the canvas,
// and which text that is. SVG text is scaled by the view box, so the size
// on screen is the computed font size times the canvas's pixels per unit.
export async function smallestText(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.canvas');
    const ctm = svg.getScreenCTM();
    const scale = ctm ? ctm.a : 1;
    let min = { px: Infinity, text: '' };
    for (const t of svg.querySelectorAll('text, tspan')) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // hidden (display: none)
      if (getComputedStyle(t).visibility === 'hidden') continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < min.px) min = { px, text: t.textContent.trim().slice(0, 40) };
    }
    return min;
  });
}

/** The autosaved design, once it satisfies `ok` (autosave waits 400 ms). */
export async function saved(page, ok, what) {
  for (let i = 0; i < 40; i++) {
    const d = await page.evaluate(() => JSON.parse(localStorage.getItem('topoform.autosave') ?? 'null'));
    if (d && ok(d)) return d;
    await page.waitForTimeout(100);
  }
  throw new Error(`the autosaved design never showed ${what}`);
}

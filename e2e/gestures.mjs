// Mouse gestures as a person makes them, shared by the scenarios: press,
// move in steps, release. Positions are read from the page each time,
// because the canvas refits after every edit.

/** The centre (or a point at fractions fx, fy) of the first match. */
export async function point(page, selector, fx = 0.5, fy = 0.5) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Press at `from`, move to `to` in steps, release. */
export async function drag(page, from, to, { shift = false } = {}) {
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
}

/** A point of the canvas with no shape under it (the grid or the bare SVG). */
export async function emptySpot(page) {
  const spot = await page.evaluate(() => {
    const svg = document.querySelector('svg.canvas');
    const r = svg.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.98; fy += 0.04) {
      for (const fx of [0.96, 0.04, 0.9, 0.1, 0.8, 0.2, 0.7, 0.3]) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el === svg || el?.classList?.contains('grid')) return { x, y };
      }
    }
    return null;
  });
  if (!spot) throw new Error('no empty space on the canvas');
  return spot;
}

/** Fails with the page's message when an alert is showing. */
export async function noAlert(page, what) {
  const alert = page.locator('[role="alert"]');
  if (await alert.count()) throw new Error(`${what} refused: ${await alert.textContent()}`);
}

/** Drags palette `item` onto `to`; returns the new object's id (it is selected). */
export async function dropItem(page, item, to) {
  await drag(page, await point(page, `[data-palette="${item}"]`), to);
  await noAlert(page, `dropping ${item}`);
  return (await page.locator('.inspector .id').textContent()).replace('id ', '').trim();
}

/** Selects `from` with a click, then drags its handle onto `to` (a selector). */
export async function link(page, from, to) {
  await page.locator(`[data-id="${from}"] > rect`).first().click();
  await drag(page, await point(page, `[data-handle="${from}"]`), await point(page, to));
  await noAlert(page, `linking ${from} to ${to}`);
}

// The export dialog is a modal for the keyboard too (found by an outside
// test: focus stayed on the toolbar behind it and Tab walked out into the
// page). Opened with Enter on Export, focus moves into it; Tab and
// Shift+Tab go round its own controls only; Escape closes it (without
// clearing the canvas's selection) and focus goes back to the Export
// button; closed from the canvas, focus goes back to the canvas.
const inDialog = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { inside: !!a?.closest('.export-dialog'), what: `${a?.tagName} ${a?.getAttribute('aria-label') ?? a?.textContent?.trim().slice(0, 30)}` };
});

export default async function (page, { url, shot }) {
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ state: 'attached', timeout: 20000 });
  // Something selected, which Escape in the dialog must not clear.
  await page.locator('[data-target="use1-main"]').click();
  await page.locator('.inspector').waitFor();

  await page.locator('.toolbar button.export').focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('.export-dialog');
  await dialog.waitFor();
  if (await dialog.getAttribute('role') !== 'dialog' || await dialog.getAttribute('aria-modal') !== 'true') {
    throw new Error('the export dialog is not marked as a modal dialog');
  }
  await page.waitForFunction(() => document.activeElement?.closest('.export-dialog'), null, { timeout: 5000 })
    .catch(async () => { throw new Error(`focus did not move into the dialog: it is on ${(await inDialog(page)).what}`); });
  const first = await inDialog(page);
  if (!/Layout/.test(first.what)) throw new Error(`focus starts on ${first.what}, not the first control (Layout)`);
  await page.locator('.export-dialog [data-path]').first().waitFor({ timeout: 20000 });
  await shot('export-focused');

  // Tab goes round the dialog's controls and comes back to the first.
  const controls = await dialog.evaluate((d) => d.querySelectorAll('button:not([disabled]), select, [tabindex="0"], summary').length);
  const seen = new Set();
  for (let i = 0; i < controls + 3; i++) {
    await page.keyboard.press('Tab');
    const at = await inDialog(page);
    if (!at.inside) throw new Error(`Tab press ${i + 1} left the dialog for ${at.what}`);
    seen.add(at.what);
  }
  if (seen.size < 5) throw new Error(`Tab visited only ${[...seen].join(', ')}`);
  for (let i = 0; i < controls + 3; i++) {
    await page.keyboard.press('Shift+Tab');
    const at = await inDialog(page);
    if (!at.inside) throw new Error(`Shift+Tab press ${i + 1} left the dialog for ${at.what}`);
  }
  // Back on the first control, Shift+Tab wraps to the last (the preview).
  await dialog.locator('select[aria-label="Layout"]').focus();
  await page.keyboard.press('Shift+Tab');
  const last = await page.evaluate(() => document.activeElement?.matches('.export-dialog pre[data-preview]'));
  if (!last) throw new Error(`Shift+Tab from the first control went to ${(await inDialog(page)).what}, not the last control`);

  // Escape closes it; focus is back on Export; the selection stays.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
  const back = await page.evaluate(() => document.activeElement?.className ?? '');
  if (!/\bexport\b/.test(back)) throw new Error(`after Escape focus is on "${back}", not the Export button`);
  if (!(await page.locator('.inspector').count())) throw new Error('Escape in the dialog also cleared the selection');

  // Opened while the canvas has focus, closed with its Close button: focus
  // goes back to the canvas.
  await page.locator('svg.canvas').focus();
  await page.evaluate(() => document.querySelector('.toolbar button.export').click());
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('.export-dialog'), null, { timeout: 5000 });
  await dialog.getByRole('button', { name: 'Close' }).press('Enter');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
  const canvas = await page.evaluate(() => document.activeElement?.matches('svg.canvas'));
  if (!canvas) throw new Error(`after Close focus is on ${(await page.evaluate(() => document.activeElement?.tagName))}, not the canvas`);

  // The shortcuts overlay (`?` on the canvas) is the same kind of modal:
  // focus moves into it, Tab stays inside, `?` closes it and focus goes
  // back to the canvas.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('?');
  const keys = page.locator('.modal.shortcuts');
  await keys.waitFor({ timeout: 5000 });
  await page.waitForFunction(() => document.activeElement?.closest('.modal.shortcuts'), null, { timeout: 5000 })
    .catch(() => { throw new Error('the shortcuts overlay did not take focus'); });
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    if (!(await page.evaluate(() => !!document.activeElement?.closest('.modal.shortcuts')))) {
      throw new Error(`Tab press ${i + 1} left the shortcuts overlay`);
    }
  }
  await page.keyboard.press('?');
  await keys.waitFor({ state: 'detached', timeout: 5000 });
  if (!(await page.evaluate(() => document.activeElement?.matches('svg.canvas')))) {
    throw new Error('after closing the shortcuts overlay focus is not on the canvas');
  }
}

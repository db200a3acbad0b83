// Losing a region, as a workshop would show it: the active-passive template,
// the outage panel's "Region us-east-1" pressed, RTO and RPO read from the
// panel (the numbers of `topoform simulate`: 10 min and 1 min), the
// timeline's manual steps marked, the design untouched (failing is not an
// edit: nothing to undo, nothing saved), then Restore. The objective set in
// the design turns the verdict to "breached". Screenshots of each step.
const stored = (page) => page.evaluate(() => localStorage.getItem('topoform.autosave'));

export default async function (page, { url, shot }) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-alb"]').first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(600); // past the autosave debounce
  const before = await stored(page);

  const panel = page.locator('section.outage');
  await panel.getByText('Strategy: warm standby.').waitFor({ timeout: 5000 });
  const lose = panel.locator('button.fail-place', { hasText: 'Region us-east-1' });
  await lose.click();
  if ((await lose.getAttribute('aria-pressed')) !== 'true') throw new Error('the pressed place is not marked');
  const figures = panel.locator('.outage-report .figures');
  await figures.waitFor({ timeout: 5000 });
  const text = await figures.innerText();
  if (!/RTO\s+10 min/.test(text) || !/RPO\s+1 min/.test(text)) throw new Error(`panel says: ${text}`);
  const manual = await panel.locator('.timeline li.manual').count();
  if (manual !== 3) throw new Error(`${manual} manual steps marked`);
  const title = await panel.locator('.timeline li').first().getAttribute('title');
  if (!title || !title.includes('Route 53')) throw new Error(`the first step's source: ${title}`);
  await shot('us-east-1-lost');

  // Failing is session state: the design (and its autosave) is unchanged.
  await page.waitForTimeout(600);
  if ((await stored(page)) !== before) throw new Error('failing a region changed the saved design');

  // Restore clears it.
  await panel.locator('button.restore').click();
  if ((await panel.locator('.outage-report').count()) !== 0) throw new Error('the report stays after Restore');

  // An AZ of the standby region: the service carries on.
  await panel.locator('button.fail-place', { hasText: 'AZ usw2-az1' }).click();
  const az = await panel.locator('.outage-report .figures').innerText();
  if (!/RTO\s+0 s/.test(az)) throw new Error(`standby AZ: ${az}`);
  await shot('standby-az-lost');

  await panel.locator('button.restore').click();

  // From the canvas: the region's own Fail button.
  const toggle = page.locator('g.fail-toggle[data-fail="us-east-1"]');
  await toggle.click();
  await page.locator('[data-failed="use1"]').waitFor({ timeout: 5000 });
  if ((await lose.getAttribute('aria-pressed')) !== 'true') throw new Error('the panel does not show the canvas\'s failure');
  const carrying = await page.locator('.link-group[data-fate="carrying"][data-kind="dns"]').getAttribute('data-to');
  if (carrying !== 'usw2-alb') throw new Error(`traffic goes to ${carrying}`);
  if ((await toggle.textContent()).trim() !== 'Restore') throw new Error('the button does not offer Restore');
  await shot('canvas-us-east-1-failed');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('canvas-us-east-1-failed-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Escape');
  if ((await page.locator('.failed-place').count()) !== 0) throw new Error('Escape did not restore');

  // O on the DR replica (one AZ): its AZ fails and the replica is lost.
  await page.locator('[data-id="usw2-db"] > rect').click();
  await page.keyboard.press('z');
  await page.keyboard.press('-');
  await page.keyboard.press('o');
  await page.locator('[data-lost="usw2-db"]').waitFor({ timeout: 5000 });
  const pressedAz = await panel.locator('button.fail-place[aria-pressed="true"]').innerText();
  if (pressedAz !== 'AZ usw2-az1') throw new Error(`O failed ${pressedAz}`);
  await shot('canvas-az-lost');
  await page.keyboard.press('o');
  if ((await page.locator('.lost-tag').count()) !== 0) throw new Error('O again did not restore');
  if ((await stored(page)) !== before) throw new Error('failing from the canvas changed the saved design');
}

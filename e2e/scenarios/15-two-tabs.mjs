// One design open in two tabs: both autosave under one key, so the tab that
// saved last used to replace the other's design without a word (found by
// an outside test). Now a tab that sees the other autosave says so, keeps
// its own design, and before its next save keeps the other tab's version
// under a backup key: neither tab's work is lost.
import { saved } from '../page.mjs';

const regions = (d) => d.regions.length;
const notice = (page) => page.locator('.toast, [role="alert"], [role="status"]').allTextContents().then((t) => t.join(' | '));

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.locator('svg.canvas').waitFor({ timeout: 20000 });
  // Adds a region (nothing selected, so it goes on the canvas) and waits
  // until it is drawn.
  const addRegion = async (p) => {
    const drawn = () => p.locator('svg.canvas g[data-kind="region"]').count();
    const before = await drawn();
    await p.locator('svg.canvas').focus();
    await p.keyboard.press('Escape');
    await p.locator('.editbar button[data-palette="Region"]').click();
    await p.waitForFunction((n) => document.querySelectorAll('svg.canvas g[data-kind="region"]').length > n, before, { timeout: 10000 });
  };
  await addRegion(page);
  // (Not `>=`: the page left by the reload above saved the template.)
  const n = await page.locator('svg.canvas g[data-kind="region"]').count();
  await saved(page, (d) => regions(d) === n, 'the first tab\'s region');

  // The second tab opens the autosave, adds two regions and saves.
  const second = await page.context().newPage();
  await second.bringToFront();
  await second.goto(url.replace(/\?.*$/, ''));
  await second.locator('svg.canvas').waitFor({ timeout: 20000 });
  await addRegion(second);
  await addRegion(second);
  await saved(second, (d) => regions(d) === n + 2, 'the second tab\'s two regions')
    .catch(async (e) => { throw new Error(`${e.message}: it holds ${await second.evaluate(() => localStorage.getItem('topoform.autosave')?.length)} chars, ${await second.locator('svg.canvas g[data-kind="region"]').count()} regions drawn, n=${n}; ${await notice(second)}`); });

  // The first tab heard it, keeps its own design, and says so.
  await page.waitForFunction(() => /open in another tab/.test(document.body.textContent), null, { timeout: 5000 })
    .catch(async () => { throw new Error(`the first tab said nothing: ${await notice(page)}`); });
  await shot('told');
  // Its next edit saves its own design, and the second tab's is kept. (In
  // front again: a background tab's timers, the autosave's among them,
  // are throttled.)
  await page.bringToFront();
  await addRegion(page);
  await saved(page, (d) => regions(d) === n + 1, 'the first tab\'s next region')
    .catch(async (e) => { throw new Error(`${e.message}: the autosave holds ${await page.evaluate(() => JSON.parse(localStorage.getItem('topoform.autosave') ?? 'null')?.regions?.length)} regions, n=${n}, the tab draws ${await page.locator('svg.canvas g[data-kind="region"]').count()}; ${await notice(page)}`); });
  const backups = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('topoform.backup.'))
    .map((k) => JSON.parse(localStorage.getItem(k))));
  if (!backups.some((d) => regions(d) === n + 2)) {
    throw new Error(`the second tab's design (${n + 2} regions) was not kept: backups hold ${backups.map(regions).join(', ') || 'nothing'}`);
  }
  await page.waitForFunction(() => /kept in this browser under "topoform\.backup\./.test(document.body.textContent), null, { timeout: 5000 })
    .catch(async () => { throw new Error(`the first tab did not say where: ${await notice(page)}`); });
  await shot('kept');
  await second.close();
}

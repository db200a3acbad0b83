// Editing as a person would: (b) make two VPCs overlap in the inspector,
// see the error on both, fix it and see it go; (d) ten edits undone and
// redone; (c) reload and find the design intact.
const badge = (page, id) => page.locator(`[data-badge="${id}"]`);

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ timeout: 20000 });

  // (b) overlap, see it on both VPCs, fix it.
  await page.locator('[data-target="use1-main"]').click();
  const cidr = page.locator('.inspector input[aria-label="CIDR"]');
  await cidr.fill('10.1.0.0/16');
  await cidr.press('Enter');
  await cidr.blur();
  await badge(page, 'usw2-main').waitFor({ timeout: 5000 });
  await badge(page, 'use1-main').waitFor({ timeout: 5000 });
  await shot('overlap-on-both');
  await cidr.fill('10.0.0.0/16');
  await cidr.blur();
  await badge(page, 'usw2-main').waitFor({ state: 'detached', timeout: 5000 });
  await shot('overlap-fixed');

  // (d) ten edits, undone and redone.
  await page.locator('[data-target="use1-main"]').click();
  const count = () => page.locator('[data-kind="subnet"]').count();
  const before = await count();
  for (let i = 0; i < 10; i++) {
    await page.locator('[data-target="use1-main"]').click();
    await page.locator('[data-palette="Subnet"]').click();
  }
  if ((await count()) !== before + 10) throw new Error(`expected ${before + 10} subnets, got ${await count()}`);
  await shot('ten-subnets');
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Undo' }).click();
  if ((await count()) !== before) throw new Error(`undo left ${await count()} subnets`);
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Redo' }).click();
  if ((await count()) !== before + 10) throw new Error(`redo gave ${await count()} subnets`);

  // (c) reload: autosave brings the design back. The address named the
  // template when it was opened; the first edit took that off, so a reload
  // restores the edits instead of the template.
  if (page.url().includes('template=')) throw new Error(`the edited design still claims to be a template: ${page.url()}`);
  await page.reload();
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ timeout: 20000 });
  if ((await count()) !== before + 10) throw new Error(`after reload ${await count()} subnets`);
  await shot('after-reload');
}

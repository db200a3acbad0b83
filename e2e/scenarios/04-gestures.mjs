// Direct manipulation at the smallest supported window (1280×720): a drop
// refused mid-drag with its reason, a shape moved and undone, a region moved
// by its header and still there after a reload, a box selection, Ctrl+D,
// the shortcuts overlay and the dark theme. Screenshots of each.
import { drag, point } from '../gestures.mjs';

// World x: the box's x plus its region sheet's origin (a sheet draws in its
// region's own coordinates).
const x = (page, id) => page.locator(`[data-id="${id}"] > rect`).first().evaluate((r) =>
  Number(r.getAttribute('x')) + Number(r.closest('svg.sheet')?.getAttribute('data-origin')?.split(' ')[0] ?? 0));

export default async function (page, { url, shot }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ timeout: 20000 });
  await shot('1280x720');

  // A subnet held over a region's header: refused, the reason beside the pointer.
  const from = await point(page, '[data-palette="Subnet"]');
  const over = await point(page, '[data-target="usw2"]', 0.5, 0.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(over.x, over.y, { steps: 6 });
  await page.locator('.drag-hint.refused').filter({ hasText: 'drop it on a VPC' }).waitFor({ timeout: 3000 });
  await shot('drop-refused-mid-drag');
  const vpc = await point(page, '[data-target="usw2-main"]');
  await page.mouse.move(vpc.x, vpc.y, { steps: 4 });
  await page.locator('.drag-hint.ok').waitFor({ timeout: 3000 });
  await shot('drop-accepted-mid-drag');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  if (await page.locator('.drag-hint').count()) throw new Error('Escape left the drag hint');

  // Move the ASG by dragging it; one undo puts it back.
  const before = await x(page, 'use1-app');
  const asg = await point(page, '[data-id="use1-app"] > rect');
  await page.mouse.move(asg.x, asg.y);
  await page.mouse.down();
  await page.mouse.move(asg.x - 30, asg.y + 20, { steps: 4 });
  await shot('asg-mid-drag');
  await page.mouse.move(asg.x - 60, asg.y + 40, { steps: 4 });
  await page.mouse.up();
  const after = await x(page, 'use1-app');
  if (!(after < before - 10)) throw new Error(`the ASG did not move: ${before} -> ${after}`);
  await shot('asg-moved');
  await page.keyboard.press('Control+z');
  if ((await x(page, 'use1-app')) !== before) throw new Error('undo did not put the ASG back');

  // Move the second region by its header; the position survives a reload.
  const regionBefore = await x(page, 'usw2');
  const header = await point(page, '[data-target="usw2"]', 0.2, 0.5);
  await drag(page, header, { x: header.x + 80, y: header.y + 50 });
  const regionAfter = await x(page, 'usw2');
  if (!(regionAfter > regionBefore + 20)) throw new Error(`the region did not move: ${regionBefore} -> ${regionAfter}`);
  await page.waitForTimeout(700);
  await page.goto(url);
  await page.locator('svg.canvas [data-id="usw2"]').first().waitFor({ timeout: 20000 });
  if ((await x(page, 'usw2')) !== regionAfter) throw new Error('the moved region came back elsewhere after a reload');
  await shot('region-moved-and-reloaded');

  // Shift-drag a box around the first VPC: it, its subnets and workloads.
  const box = await page.locator('[data-id="use1-main"] > rect').first().boundingBox();
  await drag(page, { x: box.x - 4, y: box.y - 4 }, { x: box.x + box.width + 4, y: box.y + box.height + 4 }, { shift: true });
  const picked = await page.locator('.selected-outline').count();
  if (picked !== 10) throw new Error(`box selection picked ${picked}, expected 10`);
  await shot('box-selected');
  await page.keyboard.press('Escape');

  // Duplicate a subnet with Ctrl+D.
  const subnets = await page.locator('[data-kind="subnet"]').count();
  await page.locator('[data-id="use1-db-a"] > rect').click();
  await page.keyboard.press('Control+d');
  if ((await page.locator('[data-kind="subnet"]').count()) !== subnets + 1) throw new Error('Ctrl+D made no copy');
  await shot('duplicated');

  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await shot('shortcuts');
  await page.keyboard.press('Escape');

  await page.locator('button.theme').click(); // light
  await page.locator('button.theme').click(); // dark
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark') throw new Error('no dark theme');
  await page.locator('[data-id="use1-alb"] > rect').click();
  await shot('dark');
}

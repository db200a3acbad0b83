// (a) From an empty design to a valid two-region active-passive design with
// the mouse and keyboard only: palette items dragged onto the canvas
// (regions, VPCs, subnets in two AZs, ALB, ASG, RDS), a cross-region replica
// and a failover DNS record drawn from their handles; zero errors; export;
// the zip holds every stack.
import { execFileSync } from 'node:child_process';
import { dropItem, emptySpot, link, point } from '../gestures.mjs';

async function region(page, shot, n) {
  await page.keyboard.press('Escape');
  const id = await dropItem(page, 'Region', await emptySpot(page));
  const vpc = await dropItem(page, 'VPC', await point(page, `[data-id="${id}"] > rect`, 0.5, 0.9));
  // Subnets land in the VPC's least-used AZ: six drops give three tiers in two AZs.
  for (let i = 0; i < 6; i++) await dropItem(page, 'Subnet', await point(page, `[data-target="${vpc}"]`, 0.5, 0.5));
  if (n === 1) await shot('subnets-dropped');
  const alb = await dropItem(page, 'Load balancer', await point(page, `[data-target="${vpc}"]`));
  await dropItem(page, 'Auto Scaling group', await point(page, `[data-target="${vpc}"]`)); // joins the free load balancer
  const rds = await dropItem(page, 'RDS database', await point(page, `[data-target="${vpc}"]`));
  return { alb, rds };
}

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.locator('svg.canvas').waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'New' }).click();
  // New asks before replacing a design that counts as unsaved (one restored
  // from the autosave, which depends on whether the first page's autosave
  // landed before the reload); answer it when it asks.
  const ask = page.getByRole('alertdialog');
  if (await ask.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
    await ask.getByRole('button', { name: 'Replace' }).click();
  }
  await page.locator('.empty').waitFor();
  await shot('empty');

  // A palette item dragged over a region header shows where it would go.
  const one = await region(page, shot, 1);
  const two = await region(page, shot, 2);
  await link(page, two.rds, `[data-id="${one.rds}"] > rect`); // the second region's database replicates the first's
  await shot('replica-linked');

  await page.keyboard.press('Escape');
  const record = await dropItem(page, 'DNS record', await emptySpot(page));
  await page.selectOption('.inspector select[aria-label="Policy"]', 'failover');
  await link(page, record, `[data-id="${one.alb}"] > rect`);
  await link(page, record, `[data-id="${two.alb}"] > rect`);
  await page.keyboard.press('Escape');
  await page.locator('[role="status"][data-counts]').filter({ hasText: /^0 errors/ }).waitFor({ timeout: 5000 });
  const subnets = await page.locator('[data-kind="subnet"]').count();
  if (subnets !== 12) throw new Error(`expected 12 subnets, found ${subnets}`);
  for (const kind of ['rds-replica', 'dns']) {
    if ((await page.locator(`.link-group[data-kind="${kind}"]`).count()) === 0) throw new Error(`no ${kind} link drawn`);
  }
  await page.keyboard.press('f');
  await shot('zero-errors');
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', await download.path()]).toString();
  for (const want of ['bootstrap/', 'regions/us-east-1/main.tf', 'regions/us-west-2/main.tf', 'global/main.tf', 'backends/']) {
    if (!names.includes(want)) throw new Error(`${want} missing from the zip`);
  }
  await shot('exported');
}

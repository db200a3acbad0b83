// (a) From an empty design to a valid two-region active-passive design with
// clicks and keys only: regions, VPCs, subnets in two AZs, ALB, ASG, RDS with
// a cross-region replica, a failover DNS record; zero errors; export; the
// zip holds every stack.
import { execFileSync } from 'node:child_process';

async function add(page, item) {
  await page.click(`[data-palette="${item}"]`);
  const alert = page.locator('[role="alert"]');
  if (await alert.count()) throw new Error(`adding ${item} refused: ${await alert.textContent()}`);
  return (await page.locator('.inspector .id').textContent()).replace('id ', '').trim();
}

async function connect(page, to) {
  await page.selectOption('.inspector select[aria-label="Connect to"]', to);
  await page.click('.inspector button[aria-label="Connect"]');
  const alert = page.locator('[role="alert"]');
  if (await alert.count()) throw new Error(`connect to ${to} refused: ${await alert.textContent()}`);
}

async function region(page) {
  await page.keyboard.press('Escape');
  await add(page, 'Region');
  await add(page, 'VPC');
  for (let i = 0; i < 6; i++) await add(page, 'Subnet');
  const alb = await add(page, 'Load balancer');
  await add(page, 'Auto Scaling group'); // joins the free load balancer of its VPC
  const rds = await add(page, 'RDS database');
  return { alb, rds };
}

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.locator('svg.canvas').waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'New' }).click();
  await page.locator('.empty').waitFor();
  await shot('empty');
  const one = await region(page);
  const two = await region(page); // its RDS is selected
  await connect(page, one.rds); // the second region's database replicates the first's
  await shot('two-regions');
  await page.keyboard.press('Escape');
  await add(page, 'DNS record');
  await page.selectOption('.inspector select[aria-label="Policy"]', 'failover');
  await connect(page, one.alb);
  await connect(page, two.alb);
  await page.keyboard.press('Escape');
  await page.locator('[role="status"]').filter({ hasText: /^0 errors/ }).waitFor({ timeout: 5000 });
  const subnets = await page.locator('[data-kind="subnet"]').count();
  if (subnets !== 12) throw new Error(`expected 12 subnets, found ${subnets}`);
  await page.locator('button[title="Fit"]').click();
  await shot('zero-errors');
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', await download.path()]).toString();
  for (const want of ['bootstrap/', 'regions/us-east-1/main.tf', 'regions/us-west-2/main.tf', 'global/main.tf']) {
    if (!names.includes(want)) throw new Error(`${want} missing from the zip`);
  }
  await shot('exported');
}

// Issue 10, as a newcomer would act: from an empty design, name it and set
// its state bucket and DNS zone in Design settings; build a two-region
// failover design, linking the DR load balancer to the record first; reach
// zero errors; export and find the user's bucket, zone and failover roles
// in the zip; select a link with the keyboard, delete it and undo; edit one
// field of each object kind in the inspector; copy a VPC into a second tab.
import { execFileSync } from 'node:child_process';
import { dropItem, emptySpot, link, point } from '../gestures.mjs';
import { saved } from '../page.mjs';

const BUCKET = `shop-dr-state-${Date.now().toString(36)}`;
const ZONE = 'shop-dr-test.net';

const unzip = (args) => execFileSync('unzip', args, { maxBuffer: 32 << 20 }).toString();

/** Every object of the saved design, flattened (regions, VPCs, subnets, nodes, records). */
function objects(d) {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      if (typeof v.id === 'string') out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(d);
  return out;
}
const find = (d, id) => objects(d).find((o) => o.id === id);

/** Types `value` into the inspector field `label` and commits it. */
async function setField(page, label, value) {
  const input = page.locator(`.inspector input[aria-label="${label}"]`).first();
  await input.fill(String(value));
  await input.press('Enter');
  await input.blur();
}

async function region(page) {
  await page.keyboard.press('Escape');
  const id = await dropItem(page, 'Region', await emptySpot(page));
  const vpc = await dropItem(page, 'VPC', await point(page, `[data-id="${id}"] > rect`, 0.5, 0.9));
  for (let i = 0; i < 6; i++) await dropItem(page, 'Subnet', await point(page, `[data-target="${vpc}"]`, 0.5, 0.5));
  const alb = await dropItem(page, 'Load balancer', await point(page, `[data-target="${vpc}"]`));
  const asg = await dropItem(page, 'Auto Scaling group', await point(page, `[data-target="${vpc}"]`));
  const rds = await dropItem(page, 'RDS database', await point(page, `[data-target="${vpc}"]`));
  return { id, vpc, alb, asg, rds };
}

export default async function (page, { url, shot }) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.locator('svg.canvas').waitFor({ timeout: 20000 });
  // New asks "Start a new design?" when the open design counts as unsaved
  // (one restored from the autosave); a first visit's design does not.
  await page.getByRole('button', { name: 'New' }).click();
  const ask = page.getByRole('alertdialog');
  if (await ask.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
    if (!(await ask.textContent()).includes('Start a new design?')) throw new Error(`New asked: ${await ask.textContent()}`);
    await ask.getByRole('button', { name: 'Replace' }).click();
  }
  await page.locator('.empty').waitFor();
  await shot('empty');

  // Design settings: project, state bucket, DNS zone.
  await page.getByRole('button', { name: 'Design settings' }).click();
  const settings = page.locator('section[aria-label="Design settings"]');
  await settings.waitFor();
  for (const [label, value] of [['Project', 'shopdr'], ['State bucket', BUCKET], ['DNS zone', ZONE]]) {
    const input = settings.locator(`input[aria-label="${label}"]`);
    await input.fill(value);
    await input.press('Enter');
    await input.blur();
    if (await settings.locator('[role="alert"]').count()) throw new Error(`${label} refused: ${await settings.locator('[role="alert"]').first().textContent()}`);
  }
  await saved(page, (d) => d.name === 'shopdr' && d.state?.bucket === BUCKET && d.dns?.zone === ZONE, 'the settings');
  await shot('settings');

  // Two regions: us-east-1 (primary), then us-west-2 (secondary).
  const one = await region(page);
  const two = await region(page);
  const codes = await saved(page, (d) => d.regions?.length === 2, 'two regions');
  const code = (id) => codes.regions.find((r) => r.id === id)?.code;
  if (code(one.id) !== 'us-east-1' || code(two.id) !== 'us-west-2') throw new Error(`regions are ${code(one.id)} and ${code(two.id)}`);
  await link(page, two.rds, `[data-id="${one.rds}"] > rect`);
  await shot('regions-built');

  // A failover record; the DR load balancer is linked FIRST.
  await page.keyboard.press('Escape');
  const record = await dropItem(page, 'DNS record', await emptySpot(page));
  await page.selectOption('.inspector select[aria-label="Policy"]', 'failover');
  await link(page, record, `[data-id="${two.alb}"] > rect`);
  await link(page, record, `[data-id="${one.alb}"] > rect`);
  await page.keyboard.press('Escape');
  const counts = page.locator('[role="status"][data-counts]');
  try {
    await counts.filter({ hasText: /^0 errors/ }).waitFor({ timeout: 5000 });
  } catch {
    throw new Error(`not 0 errors: ${await counts.textContent()}`);
  }
  await page.keyboard.press('f');
  await shot('zero-errors');

  // Export; the zip names the user's bucket, zone and the failover roles.
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  await shot('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const zip = await download.path();
  const names = unzip(['-Z1', zip]).split('\n').filter(Boolean);
  const backends = names.filter((n) => /\/backends\/[^/]+\.hcl$/.test(n));
  if (backends.length < 2) throw new Error(`backends: ${backends.join(', ')}`);
  // Shared stacks keep their state in the user's bucket; each region's root
  // in `<bucket>-<region code>`, in its own region (docs/state.md).
  for (const b of backends) {
    const text = unzip(['-p', zip, b]);
    const code = b.match(/\/backends\/([^/]+)\.hcl$/)[1];
    const want = /^[a-z]{2}-[a-z]+-\d$/.test(code) ? `${BUCKET}-${code}` : BUCKET;
    if (!text.includes(`"${want}"`)) throw new Error(`${b} does not name ${want}:\n${text}`);
  }
  const globalTf = names.find((n) => n.endsWith('/global/main.tf'));
  if (!globalTf) throw new Error('no global/main.tf');
  const global = unzip(['-p', zip, globalTf]);
  if (!global.includes(`"${ZONE}"`)) throw new Error(`global/main.tf lacks the zone ${ZONE}`);
  const records = global.split(/(?=resource\s+"aws_route53_record")/).filter((c) => c.startsWith('resource "aws_route53_record"'));
  const role = (alb) => {
    const r = records.find((c) => c.split(/\nresource /)[0].includes(`albs["${alb}"]`));
    return r?.match(/failover_routing_policy\s*\{[^}]*type\s*=\s*"(\w+)"/)?.[1];
  };
  if (role(one.alb) !== 'PRIMARY' || role(two.alb) !== 'SECONDARY') {
    throw new Error(`failover roles: us-east-1 ${role(one.alb)}, us-west-2 ${role(two.alb)}\n${records.join('\n')}`);
  }
  await page.keyboard.press('Escape');
  await page.locator('.export-dialog').waitFor({ state: 'detached', timeout: 5000 });
  await shot('exported');

  // Keyboard only: focus the canvas, Tab past the shapes onto a link, Delete, Ctrl+Z.
  const links = () => page.locator('.link-group').count();
  const linksBefore = await links();
  await page.keyboard.press('Escape');
  await page.locator('svg.canvas').focus();
  let tabs = 0;
  while (!(await page.locator('.inspector .link-ends').count())) {
    if (++tabs > 60) throw new Error('Tab never reached a link');
    await page.keyboard.press('Tab');
  }
  const linkId = (await page.locator('.inspector .id').textContent()).trim();
  await shot('link-selected-by-keyboard');
  await page.keyboard.press('Delete');
  if ((await links()) !== linksBefore - 1) throw new Error(`Delete on link ${linkId}: ${linksBefore} -> ${await links()} links`);
  await shot('link-deleted');
  await page.keyboard.press('Control+z');
  if ((await links()) !== linksBefore) throw new Error(`Ctrl+Z after deleting ${linkId}: ${await links()} links, expected ${linksBefore}`);
  await shot('link-restored');
  console.log(`  link ${linkId} selected after ${tabs} Tab(s), deleted and restored`);

  // One field of each object kind, through the inspector.
  await page.locator(`[data-target="${one.vpc}"]`).click();
  await setField(page, 'Name', 'shop-main');
  await saved(page, (d) => find(d, one.vpc)?.name === 'shop-main', 'the VPC renamed');
  // A subnet of the first VPC: its CIDR moved within the VPC.
  const d0 = await saved(page, () => true, 'anything');
  const subnet = find(d0, one.vpc).subnets[0];
  const used = new Set(find(d0, one.vpc).subnets.map((s) => s.cidr));
  const base = find(d0, one.vpc).cidr.split('.').slice(0, 2).join('.');
  const free = [...Array(200).keys()].map((i) => `${base}.${i + 50}.0/24`).find((c) => !used.has(c));
  await page.locator(`[data-id="${subnet.id}"] > rect`).first().click();
  await setField(page, 'CIDR', free);
  await saved(page, (d) => find(d, subnet.id)?.cidr === free, `subnet ${subnet.id} at ${free}`);
  const edits = [
    [one.alb, 'Listener port', '8080', (o) => JSON.stringify(o).includes('8080')],
    [one.asg, 'Desired', '3', (o) => JSON.stringify(o).includes('"desired":3')],
    [one.rds, 'Storage (GiB)', '150', (o) => JSON.stringify(o).includes('150')],
  ];
  for (const [id, label, value, ok] of edits) {
    await page.locator(`[data-id="${id}"] > rect`).first().click();
    await setField(page, label, value);
    await saved(page, (d) => ok(find(d, id) ?? {}), `${label} = ${value} on ${id}`);
  }
  // The record: its name (its TTL would be an error: alias targets take none, R53-11).
  await page.locator(`[data-id="${record}"] > rect`).first().click();
  await setField(page, 'Name', 'shop');
  await saved(page, (d) => find(d, record)?.name === 'shop', 'the record renamed');
  // The DR region: moved from us-west-2 to us-west-1 (after the export checked the roles).
  await page.locator(`[data-target="${two.id}"]`).click();
  await page.selectOption('.inspector select[aria-label="Region"]', 'us-west-1');
  await saved(page, (d) => find(d, two.id)?.code === 'us-west-1', 'the DR region moved to us-west-1');
  await page.locator('[data-kind="region"]', { hasText: 'us-west-1' }).first().waitFor({ timeout: 3000 });
  await page.keyboard.press('Escape');
  const after = await page.locator('[role="status"][data-counts]').textContent();
  console.log(`  after the inspector edits: ${after}`);
  await shot('inspector-edits');

  // Copy a VPC into a second tab.
  await page.locator(`[data-target="${two.vpc}"]`).click();
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Control+c');
  await page.locator('.said, [aria-live]').filter({ hasText: 'Copied.' }).first().waitFor({ timeout: 3000 }).catch(() => {});
  const second = await page.context().newPage();
  try {
    await second.goto(`${url}?template=active-passive`);
    await second.locator('svg.canvas [data-id="usw2"]').first().waitFor({ timeout: 20000 });
    const idsBefore = await second.locator('[data-kind="vpc"]').evaluateAll((es) => es.map((e) => e.dataset.id));
    const vpcsBefore = idsBefore.length;
    await second.locator('[data-target="usw2"]').click();
    await second.locator('svg.canvas').focus();
    await second.keyboard.press('Control+v');
    await second.waitForFunction((n) => document.querySelectorAll('[data-kind="vpc"]').length === n + 1, vpcsBefore, { timeout: 5000 })
      .catch(async () => { throw new Error(`no VPC pasted in the second tab: ${await second.locator('[role="alert"], [role="status"]').allTextContents()}`); });
    const pasted = (await second.locator('.inspector .id').first().textContent()).replace('id ', '').trim();
    const ids = await second.locator('[data-kind="vpc"]').evaluateAll((es) => es.map((e) => e.dataset.id));
    if (!ids.includes(pasted) || idsBefore.includes(pasted)) throw new Error(`pasted id ${pasted}: VPCs before ${idsBefore}, after ${ids}`);
    // Pasted again into the same region: another copy, another fresh id.
    await second.locator('[data-target="usw2"]').click();
    await second.locator('svg.canvas').focus();
    await second.keyboard.press('Control+v');
    await second.waitForFunction((n) => document.querySelectorAll('[data-kind="vpc"]').length === n + 2, vpcsBefore, { timeout: 5000 });
    const again = (await second.locator('.inspector .id').first().textContent()).replace('id ', '').trim();
    if (again === pasted || idsBefore.includes(again)) throw new Error(`the second paste reused the id ${again}`);
    console.log(`  pasted VPC ${two.vpc} twice in the second tab: ids ${pasted}, ${again} (there before: ${idsBefore.join(', ')})`);
    await second.screenshot({ path: (await shot('copied-vpc-first-tab')).replace('first-tab', 'second-tab') });
  } finally {
    await second.close();
  }
}

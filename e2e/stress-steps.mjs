// Steps on the stress design shared by the benchmark (bench-input.mjs) and
// the profiler (profile-edit.mjs).
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/**
 * The stress design's file: STRESS_DESIGN when set, else one written now by
 * `cargo run --example stress_design` (from the repository at `root`).
 * `done()` removes a file written here.
 */
export function stressDesignFile(root) {
  if (process.env.STRESS_DESIGN) return { design: process.env.STRESS_DESIGN, done: async () => {} };
  const design = `${tmpdir()}/topoform-stress-${process.pid}.json`;
  const r = spawnSync('cargo', ['run', '--quiet', '--example', 'stress_design', '--', design], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not write the stress design (cargo run --example stress_design)');
  return { design, done: () => rm(design, { force: true }) };
}

/** Presses the pointer on the centre of the canvas shape `id`; returns that point. */
export async function pressOn(page, id) {
  const box = await page.locator(`svg.canvas [data-id="${id}"] > rect`).first().boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  return at;
}

/** Resolves once two frames and 50 ms have passed: the last edit rendered. */
export const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

/** Opens the design file through Open…'s file input and waits until it is drawn. */
export async function openStressDesign(page, design) {
  await page.locator('input[type="file"][aria-label^="Design file"]').setInputFiles(design);
  await page.waitForFunction(() => document.querySelectorAll('svg.canvas [data-id]').length > 4000, null, { timeout: 120000, polling: 100 });
}

/**
 * Selects the first VPC with the find box and types a second VPC's CIDR
 * into its CIDR field, not yet committed: returns the field, so the caller
 * presses Enter when it is ready to measure (the edit overlaps two VPCs).
 */
export async function typeOverlappingCidr(page, designPath) {
  const [vpc, other] = await page.evaluate(() => [...document.querySelectorAll('svg.canvas g[data-id][data-kind="vpc"]')].slice(0, 2).map((g) => g.getAttribute('data-id')));
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(vpc);
  await page.keyboard.press('Enter');
  const cidr = page.locator('.inspector input[aria-label="CIDR"]');
  await cidr.waitFor({ timeout: 10000 });
  const json = JSON.parse(await readFile(designPath, 'utf8'));
  const vpcs = json.regions.flatMap((r) => r.vpcs ?? []);
  await cidr.fill((vpcs.find((v) => v.id === other) ?? vpcs[1]).cidr);
  return cidr;
}

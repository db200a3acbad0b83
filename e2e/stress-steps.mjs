// Steps on the stress design shared by the benchmark (bench-input.mjs) and
// the profiler (profile-edit.mjs).
import { readFile } from 'node:fs/promises';

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

// Export from the app as a person would: open the export dialog, look at the
// files, download the zip and check it holds every stack.
import { execFileSync } from 'node:child_process';

export default async function (page, { url, shot }) {
  await page.goto(`${url}?template=active-passive`);
  await page.locator('[role="status"]').filter({ hasText: '0 errors' }).waitFor({ timeout: 20000 });
  await shot('problems-panel');
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  await page.locator('[data-path="regions/us-east-1/main.tf"]').click();
  const preview = await page.locator('[data-preview]').textContent();
  if (!preview.includes('module "vpc_use1-main"')) throw new Error(`preview: ${preview.slice(0, 200)}`);
  await shot('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const path = await download.path();
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path]).toString().split('\n');
  for (const want of ['bootstrap/main.tf', 'regions/us-east-1/main.tf', 'regions/us-west-2/main.tf', 'global/main.tf', 'backends/us-east-1.hcl', 'README.md']) {
    if (!names.some((n) => n.endsWith(`/${want}`))) throw new Error(`${want} missing from the zip: ${names.join(', ')}`);
  }
}

// Export from the app as a person would: open the export dialog, look at the
// files, download the zip and check it holds every stack. The exporter is a
// second wasm module in a web worker: no worker runs until the dialog opens,
// then one from export-worker.js does the export (the zip and the preview
// can only come from it: the app's own wasm does not link the exporter).
import { execFileSync } from 'node:child_process';

export default async function (page, { url, shot }) {
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${url}?template=active-passive`);
  await page.locator('[role="status"]').filter({ hasText: '0 errors' }).waitFor({ timeout: 20000 });
  await shot('problems-panel');
  if (workers.length) throw new Error(`a worker started before the first export: ${workers.join(', ')}`);
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  await page.locator('[data-path="regions/us-east-1/main.tf"]').click();
  const preview = await page.locator('[data-preview]').textContent();
  if (!preview.includes('module "vpc_use1-main"')) throw new Error(`preview: ${preview.slice(0, 200)}`);
  await shot('export-dialog');
  if (workers.length !== 1 || !workers[0].endsWith('/export-worker.js')) throw new Error(`the export ran in workers ${JSON.stringify(workers)}, not one export-worker.js`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const path = await download.path();
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path]).toString().split('\n');
  for (const want of ['bootstrap/main.tf', 'regions/us-east-1/main.tf', 'regions/us-west-2/main.tf', 'global/main.tf', 'backends/us-east-1.hcl', 'README.md']) {
    if (!names.some((n) => n.endsWith(`/${want}`))) throw new Error(`${want} missing from the zip: ${names.join(', ')}`);
  }
  // A second export (the other layout) reuses the worker.
  await page.selectOption('select[aria-label="Layout"]', 'single-root');
  await page.locator('[data-path="main.tf"]').waitFor({ timeout: 20000 });
  if (workers.length !== 1) throw new Error(`a second export started another worker: ${JSON.stringify(workers)}`);
}

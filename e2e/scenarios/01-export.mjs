// Export from the app as a person would: open the export dialog, look at the
// files, download the zip and check it holds every stack. The export runs in
// a web worker: no worker runs until the dialog opens, then one from
// export-worker.js does the export with the editor's own module, handed to it
// compiled (the page fetches no second wasm). A host that serves wasm with
// the wrong type (no streaming compile) still exports: the worker is then
// handed the wasm's address and fetches it itself.
import { execFileSync } from 'node:child_process';

export default async function (page, { url, shot }) {
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(new URL(r.url()).pathname.split('/').pop()); });
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
  // One download of each module: the first paint's and the editor's, which
  // the worker ran without fetching it again.
  const kinds = wasm.map((f) => f.replace(/-[0-9a-f]+_bg\.wasm$/, ''));
  if (kinds.length !== 2 || !kinds.includes('topoform-view') || !kinds.includes('topoform-web')) throw new Error(`wasm fetched: ${JSON.stringify(wasm)}, not the viewer's and the editor's once each`);

  // A host that types wasm wrongly: the page cannot compile while
  // downloading, so the worker is handed the wasm's address instead.
  // (A context of its own: this one's service worker would answer from its
  // cache, past the route.)
  const fresh = await page.context().browser().newContext({ viewport: { width: 1440, height: 900 } });
  const other = await fresh.newPage();
  const problems = [];
  other.on('pageerror', (e) => problems.push(String(e)));
  other.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const retyped = [];
  await other.route(/_bg\.wasm$/, async (route) => {
    const response = await route.fetch();
    retyped.push(route.request().url());
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await other.goto(`${url}?template=active-passive`);
  await other.locator('[role="status"]').filter({ hasText: '0 errors' }).waitFor({ timeout: 20000 });
  await other.getByRole('button', { name: 'Export Terraform' }).click();
  await other.locator('[data-path="regions/us-east-1/main.tf"]').click();
  const again = await other.locator('[data-preview]').textContent();
  if (!again.includes('module "vpc_use1-main"')) throw new Error(`preview with wasm typed wrongly: ${again.slice(0, 200)}`);
  if (!retyped.some((u) => /topoform-web-[0-9a-f]+_bg\.wasm$/.test(u))) throw new Error(`the editor's wasm was not served retyped: ${JSON.stringify(retyped)}`);
  if (problems.length) throw new Error(`with wasm typed wrongly, the page reported errors: ${problems.join(' | ')}`);
  await fresh.close();
}

// Pictures and "what changes" from the export dialog, through the real
// exporter worker (issue 17): Picture… downloads an SVG that carries the
// design and a PNG twice its size; Compare with a previous export… reads an
// earlier design (here the same one with its state layered, so the DynamoDB
// table moves between roots), lists the addresses and the changed files
// (diffs collapsed), and the zip then holds the moved.tf blocks. Screenshots
// of the picture form and of the comparison.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const zipNames = (path) => execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path]).toString().split('\n');
const zipDesign = (path) => execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print(z.read([n for n in z.namelist() if n.endswith("/topoform.json")][0]).decode())', path]).toString();

export default async function (page, { url, shot }) {
  const scratch = await mkdtemp(join(tmpdir(), 'topoform-13-'));
  try {
    await page.goto(`${url}?template=active-active`);
    await page.locator('[role="status"]').filter({ hasText: '0 errors' }).waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: 'Export Terraform' }).click();
    await page.locator('[data-path="README.md"]').waitFor({ timeout: 20000 });

    // Pictures, keyboard first: the toggle is a button in the dialog's header.
    const toggle = page.getByRole('button', { name: 'Picture…' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.picture-panel').waitFor({ timeout: 5000 });
    await shot('picture-form');
    const save = async () => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download picture' }).click()]);
      return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
    };
    const svg = await save();
    const text = svg.bytes.toString();
    if (!svg.name.endsWith('.svg') || !text.includes('<metadata id="topoform-design">')) throw new Error(`SVG ${svg.name}: ${text.slice(0, 200)}`);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(text)[1]);
    await page.selectOption('select[aria-label="Picture format"]', 'png');
    const png = await save();
    if (png.bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`${png.name} is not a PNG`);
    if (png.bytes.readUInt32BE(16) !== 2 * width) throw new Error(`PNG ${png.bytes.readUInt32BE(16)} wide, SVG ${width}`);

    // The current export's zip, and an "earlier" design: the same, layered.
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
    const design = JSON.parse(zipDesign(await zip.path()));
    design.state = { ...(design.state ?? {}), split: 'region_layer' };
    const old = join(scratch, 'topoform.json');
    await writeFile(old, JSON.stringify(design));

    // A file that is not a design first: a message, nothing compared.
    const junk = join(scratch, 'notes.json');
    await writeFile(junk, 'not a design');
    const input = page.locator('input[aria-label="Previous export: its zip or topoform.json"]');
    await input.setInputFiles(junk);
    await page.locator('.export-status').filter({ hasText: 'Nothing was compared' }).waitFor({ timeout: 10000 });
    if (await page.locator('.export-changes').count()) throw new Error('a bad file showed changes');

    await input.setInputFiles(old);
    const changes = page.locator('.export-changes');
    await changes.waitFor({ timeout: 20000 });
    const moves = await changes.locator('[data-action="move to another root"]').count();
    if (!moves) throw new Error(`no move to another root: ${await changes.innerText()}`);
    if (await changes.locator('details[open]').count()) throw new Error('diffs start open');
    await changes.locator('details summary').first().click();
    await changes.evaluate((el) => { el.scrollTop = 0; });
    await shot('comparison');
    const [after] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
    const names = zipNames(await after.path());
    if (!names.some((n) => n.endsWith('/moved.tf'))) throw new Error(`no moved.tf in the zip: ${names.join(', ')}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

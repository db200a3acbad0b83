// Designs Topoform did not write, through the app as a person would use it,
// each answer checked against the built CLI on the same file.
// tests/fixtures/outside/ok: legal designs from an outside generator and
// odd ones (a region with no VPC, a VPC with no subnets, no nodes, no
// regions, huge unicode names with quotes and `${`, a six-region replica
// chain, format version 1, 40-character ids, canvas positions at 1e300,
// objectives of 0 s). Each is opened with the "Design file" input;
// the canvas draws every object; the problems panel counts what `topoform
// check` counts, rule by rule; losing each region and one AZ in the outage
// panel gives `topoform simulate`'s RTO and RPO; the cost panel gives
// `topoform cost`'s total; the export dialog lists the files `topoform
// export` writes (or refuses when it does), and the zip holds them; a share
// link opened in a fresh browser holds the same design; a duplicate then
// Undo gives the design back.
// tests/fixtures/outside/bad: designs one step wrong that still load: the
// same findings as `topoform check`, the export refused as the CLI refuses.
// tests/fixtures/outside/refused: files that do not load (`topoform check`
// exits 2), and damaged share links: a message that names what was wrong,
// and the open design untouched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(root, 'tests', 'fixtures', 'outside');
const cli = process.env.TOPOFORM ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'topoform');
const files = (dir) => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).sort().map((f) => join(FIXTURES, dir, f));

/** Runs the CLI; its exit status and standard output. */
function run(args) {
  try {
    return { status: 0, out: execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString() };
  } catch (e) {
    if (typeof e.status !== 'number') throw e;
    return { status: e.status, out: e.stdout.toString() };
  }
}

/** `topoform check`'s findings: per severity, and the error rules. */
function check(file) {
  const { status, out } = run(['check', file, '--format', 'json']);
  if (status === 2) throw new Error(`topoform check cannot load ${file}`);
  const ds = JSON.parse(out).diagnostics;
  const n = (s) => ds.filter((d) => d.severity === s).length;
  return { errors: n('error'), warnings: n('warning'), infos: n('info'), rules: ds.map((d) => `${d.severity} ${d.rule}`).sort() };
}

/** The files `topoform export` writes (relative paths), or null when it refuses. */
function exported(file, layout) {
  const dir = mkdtempSync(join(tmpdir(), 'topoform-outside-'));
  try {
    const { status } = run(['export', file, '--out', join(dir, 'out'), ...(layout ? ['--layout', layout] : [])]);
    if (status !== 0) return null;
    const out = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else out.push(relative(join(dir, 'out'), join(d, e.name)));
      }
    };
    walk(join(dir, 'out'));
    return out.sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The duration as the panel (and the CLI's text) writes it. */
const duration = (s) => (s < 60 ? `${s} s` : s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`);
const money = (x) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Every object the canvas draws, by id. */
function objects(d) {
  const ids = [];
  for (const r of d.regions ?? []) {
    ids.push(r.id);
    for (const n of r.nodes ?? []) ids.push(n.id);
    for (const v of r.vpcs ?? []) {
      ids.push(v.id, ...v.subnets.map((s) => s.id), ...v.nodes.map((n) => n.id));
    }
  }
  for (const a of d.accelerators ?? []) ids.push(a.id);
  return ids;
}
const nodes = (d) => (d.regions ?? []).flatMap((r) => [...(r.nodes ?? []), ...(r.vpcs ?? []).flatMap((v) => v.nodes)]);

// The autosaved design, as one line (the saved text is indented).
const stored = (page) => page.evaluate(() => JSON.stringify(JSON.parse(localStorage.getItem('topoform.autosave') ?? 'null')));
const counts = (page) => page.locator('[data-counts]').innerText();
const countsText = ({ errors: e, warnings: w, infos: i }) => {
  if (e + w + i === 0) return 'No problems';
  const p = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return [p(e, 'error'), p(w, 'warning'), ...(i ? [`${i} info`] : [])].join(' · ');
};

/** Opens `name` with `text` through the "Design file" input. */
async function open(page, name, text) {
  await page.locator('input[type="file"][aria-label^="Design file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** The panel's findings, as `check` lists them. */
async function panelRules(page) {
  const rows = await page.locator('.problems .problem').evaluateAll((ls) => ls.map((l) => `${l.classList[1]} ${l.querySelector('.rule').textContent}`));
  return rows.sort();
}

let mayAsk = false;

/** The open design as Save downloads it, on one line. */
async function current(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.editbar button', { hasText: /^Save$/ }).click()]);
  return JSON.stringify(JSON.parse(readFileSync(await download.path(), 'utf8')));
}

/** Opens `file`, waits until its findings show, and checks them against the CLI. */
async function openChecked(page, file) {
  const text = readFileSync(file, 'utf8');
  const design = JSON.parse(text);
  const want = check(file);
  await open(page, file.split('/').pop(), text);
  // (After a reload the open design is autosaved work no file holds: the
  // app asks before replacing it.)
  if (mayAsk) {
    mayAsk = false;
    const ask = page.getByRole('alertdialog');
    await ask.waitFor({ timeout: 5000 });
    await ask.getByRole('button', { name: 'Replace' }).click();
  }
  // Opened (every region drawn, the file's name in what Save writes) and its findings listed.
  await page.waitForFunction((ids) => document.querySelectorAll('svg.canvas g[data-kind="region"]').length === ids.length
    && ids.every((id) => document.querySelector(`svg.canvas [data-id="${id}"]`)), (design.regions ?? []).map((r) => r.id), { timeout: 5000 })
    .catch(() => { throw new Error(`${file}: its regions are not drawn`); });
  const now = JSON.parse(await current(page));
  if (now.name !== design.name) throw new Error(`${file}: Save writes design ${now.name}`);
  await page.waitForFunction((t) => document.querySelector('[data-counts]')?.textContent === t, countsText(want), { timeout: 5000 })
    .catch(async () => { throw new Error(`${file}: the status says "${await counts(page)}", topoform check counts ${countsText(want)}`); });
  const rules = await panelRules(page);
  if (rules.join() !== want.rules.join()) throw new Error(`${file}: the problems panel lists ${rules.join(', ')}; topoform check ${want.rules.join(', ')}`);
  return { design, want };
}

/** The export dialog's files and zip for the open design against `topoform export`. */
async function exportMatches(page, file, layout) {
  const want = exported(file, layout);
  await page.getByRole('button', { name: 'Export Terraform' }).click();
  const dialog = page.locator('.export-dialog');
  await dialog.waitFor({ timeout: 5000 });
  // (The dialog keeps the last layout chosen.)
  await page.selectOption('select[aria-label="Layout"]', layout ?? 'per-region');
  const listed = dialog.locator('.file-tree [data-path]');
  const refused = dialog.locator('.export-refused');
  await listed.first().or(refused).waitFor({ timeout: 20000 });
  if (want === null) {
    if (!(await refused.count())) throw new Error(`${file}: topoform export refuses, the app lists files`);
    const said = await refused.innerText();
    if (!/not exported/.test(said)) throw new Error(`${file}: the refusal says ${said}`);
  } else {
    if (await refused.count()) throw new Error(`${file}: the app refuses to export (${await refused.innerText()}); topoform export writes it`);
    const paths = (await listed.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-path')))).sort();
    if (paths.join() !== want.join()) throw new Error(`${file} (${layout ?? 'per-region'}): the dialog lists ${paths.join(', ')}; topoform export writes ${want.join(', ')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .zip' }).click()]);
    const zip = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(n.split("/",1)[1] for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.endswith("/")))', await download.path()])
      .toString().trim().split('\n').sort();
    if (zip.join() !== want.join()) throw new Error(`${file}: the zip holds ${zip.join(', ')}; topoform export writes ${want.join(', ')}`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
}

/** Each region's loss and the first AZ's, against `topoform simulate`. */
async function outageMatches(page, file, design) {
  const panel = page.locator('section.outage');
  const places = [...(design.regions ?? []).map((r) => r.code)];
  const az = (design.regions ?? []).flatMap((r) => r.vpcs ?? []).flatMap((v) => v.subnets)[0]?.az;
  if (az) places.push(az);
  if (!places.length) {
    if (await panel.locator('button.fail-place').count()) throw new Error(`${file}: places to lose in a design with no region`);
    return;
  }
  const sim = JSON.parse(run(['simulate', file, ...places.flatMap((p) => ['--fail', p]), '--format', 'json']).out).scenarios;
  for (const s of sim) {
    const button = panel.locator('button.fail-place', { hasText: new RegExp(`^(Region|AZ) ${s.fail}$`) });
    await button.click();
    const rto = await panel.locator('.outage-report .rto b').innerText({ timeout: 5000 });
    const rpo = await panel.locator('.outage-report .rpo b').innerText();
    const want = [s.rto_seconds === null ? 'does not recover' : duration(s.rto_seconds), s.rpo_seconds === null ? 'data lost' : duration(s.rpo_seconds)];
    if (rto !== want[0] || rpo !== want[1]) throw new Error(`${file}, ${s.fail} lost: the panel says RTO ${rto}, RPO ${rpo}; topoform simulate ${want.join(', ')}`);
    const lost = await panel.locator('.outage-report .lost').count();
    if (Boolean(lost) !== s.unrecoverable.length > 0) throw new Error(`${file}, ${s.fail} lost: unrecoverable ${s.unrecoverable.join(',')} but the panel ${lost ? 'lists some' : 'lists none'}`);
  }
  await panel.locator('button.restore').click();
}

export default async function (page, { url, shot }) {
  const base = url.replace(/\?.*$/, '');
  await page.goto(base);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${base}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-alb"]').first().waitFor({ timeout: 20000 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });

  // A second browser for the share links: its own storage, its own errors.
  const other = await page.context().browser().newContext({ viewport: { width: 1440, height: 900 } });
  const viewer = await other.newPage();
  const problems = [];
  viewer.on('pageerror', (e) => problems.push(String(e)));
  viewer.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  viewer.on('request', (r) => { if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) problems.push(`requested ${r.url()}`); });
  let viewerOpen = false;

  // Opened over a template named in the address: the address stops naming
  // it, and a reload brings back the opened design, not the template.
  // A region failed in the outage panel stays with the design it was
  // failed in: the next file (with a region of the same code) opens with
  // nothing failed.
  await openChecked(page, join(FIXTURES, 'ok', 'g07-cachey.json'));
  await page.locator('section.outage button.fail-place', { hasText: /^Region us-east-1$/ }).click();
  await page.locator('[data-failed]').first().waitFor({ timeout: 5000 });
  await openChecked(page, join(FIXTURES, 'ok', 'g17-chain.json'));
  const pressed = await page.locator('section.outage button.fail-place[aria-pressed="true"]').allInnerTexts();
  const failedShown = await page.locator('[data-failed]').count() + await page.locator('section.outage .outage-report').count();
  if (pressed.length || failedShown) throw new Error(`g17-chain.json opened with ${pressed.join(', ') || 'a place'} failed`);
  if (new URL(page.url()).search) throw new Error(`after opening a file the address is ${page.url()}`);
  await page.reload();
  await page.locator('svg.canvas [data-id="usw2-main-db2"]').first().waitFor({ timeout: 20000 })
    .catch(async () => { throw new Error(`the reload after opening g17-chain.json shows ${await page.locator('#template-picker').inputValue() || 'another design'}`); });
  mayAsk = true;

  const shots = new Set(['g05-quad.json', 'o04-huge-names.json', 'o01-empty-region-empty-vpc.json']);
  for (const file of files('ok')) {
    const name = file.split('/').pop();
    const { design } = await openChecked(page, file);

    // Every object drawn, none of them empty.
    const missing = await page.evaluate((ids) => ids.filter((id) => {
      const el = document.querySelector(`svg.canvas [data-id="${id}"], svg.canvas [data-target="${id}"]`);
      if (!el) return true;
      const b = el.getBoundingClientRect();
      return b.width === 0 || b.height === 0;
    }), objects(design));
    if (missing.length) throw new Error(`${name}: not drawn: ${missing.join(', ')}`);
    if (shots.has(name)) await shot(name.replace(/\.json$/, ''));

    await outageMatches(page, file, design);

    const cost = await page.locator('section.cost .total').innerText();
    const total = JSON.parse(run(['cost', file, '--format', 'json']).out).monthly_total;
    if (cost !== `${money(total)} a month`) throw new Error(`${name}: the cost panel says ${cost}; topoform cost ${total}`);

    await exportMatches(page, file, name.startsWith('g21') ? 'single-root' : undefined);

    // A share link, opened in a fresh browser: the same design (checked
    // below, once the other page has autosaved it).
    const mine = await current(page);
    await page.locator('.editbar .share-button').click();
    await page.locator('.toast', { hasText: 'is on the clipboard' }).waitFor({ timeout: 5000 });
    const link = await page.evaluate(() => navigator.clipboard.readText());
    if (!link.startsWith(`${base}#d1.`)) throw new Error(`${name}: the link is ${link.slice(0, 80)}`);
    if (!viewerOpen) {
      await viewer.goto(link);
      viewerOpen = true;
    } else {
      await viewer.evaluate((l) => { location.hash = l.split('#')[1]; }, link);
    }

    // An edit (the first object duplicated), then Undo: the design as opened.
    const first = nodes(design)[0]?.id ?? design.regions?.[0]?.vpcs?.[0]?.id;
    if (first) {
      const shapes = () => page.locator('svg.canvas [data-id]').count();
      const before = await shapes();
      await page.locator(`svg.canvas [data-id="${first}"] > rect, svg.canvas [data-target="${first}"]`).first().click();
      await page.getByRole('button', { name: 'Duplicate selection' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('svg.canvas [data-id]').length > n, before, { timeout: 5000 })
        .catch(() => { throw new Error(`${name}: duplicating ${first} drew nothing new`); });
      // The edited design still loads in the CLI.
      const edited = await current(page);
      if (edited === mine) throw new Error(`${name}: duplicating ${first} changed nothing`);
      const dir = mkdtempSync(join(tmpdir(), 'topoform-outside-'));
      try {
        writeFileSync(join(dir, 'edited.json'), edited);
        const { status, out } = run(['check', join(dir, 'edited.json')]);
        if (status === 2) throw new Error(`${name}: duplicating ${first} saved a design the CLI cannot load: ${out}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await page.getByRole('button', { name: 'Undo' }).click();
      const undone = await current(page);
      if (undone !== mine) {
        const now = JSON.parse(undone);
        const was = JSON.parse(mine);
        const diff = Object.keys(was).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
        throw new Error(`${name}: after Undo the design differs in ${diff.map((k) => `${k}: ${JSON.stringify(was[k]).slice(0, 300)} -> ${JSON.stringify(now[k]).slice(0, 300)}`).join('; ')}`);
      }
      if ((await shapes()) !== before) throw new Error(`${name}: after Undo the canvas draws ${await shapes()} shapes, not ${before}`);
      await page.keyboard.press('Escape');
    }

    await viewer.waitForFunction((m) => JSON.stringify(JSON.parse(localStorage.getItem('topoform.autosave') ?? 'null')) === m, mine, { timeout: 10000 })
      .catch(async () => { throw new Error(`${name}: the link opened another design: ${(await viewer.evaluate(() => localStorage.getItem('topoform.autosave')))?.slice(0, 200)}`); });
    if (problems.length) throw new Error(`${name}: the page opened from the link reported: ${problems.join(' | ')}`);
  }
  await other.close();

  // The outage panel on a four-region design, a region lost.
  await openChecked(page, join(FIXTURES, 'ok', 'g05-quad.json'));
  await page.locator('section.outage button.fail-place', { hasText: /^Region eu-west-1$/ }).click();
  await page.locator('section.outage .outage-report').scrollIntoViewIfNeeded();
  await shot('g05-quad-eu-west-1-lost');
  await page.locator('section.outage button.restore').click();

  // Designs one step wrong that load: the CLI's findings, the export refused as the CLI refuses.
  for (const file of files('bad')) {
    const { want } = await openChecked(page, file);
    if (!want.errors) throw new Error(`${file} has no error: not one step wrong`);
    await exportMatches(page, file);
  }

  // Files that do not load, opened over a good design: said, and nothing changes.
  const good = join(FIXTURES, 'ok', 'g07-cachey.json');
  const { want: goodCounts } = await openChecked(page, good);
  const kept = await current(page);
  const shapes = await page.locator('svg.canvas [data-id]').count();
  const toast = page.locator('.toast[role="alert"]');
  const unchanged = async (what) => {
    if ((await current(page)) !== kept) throw new Error(`${what} changed the design`);
    if ((await counts(page)) !== countsText(goodCounts)) throw new Error(`${what}: the status now says ${await counts(page)}`);
    if ((await page.locator('svg.canvas [data-id]').count()) !== shapes) throw new Error(`${what}: the canvas changed`);
    if (await page.getByRole('alertdialog').count()) throw new Error(`${what}: the app asks to replace the design`);
  };
  const dismiss = async () => {
    await toast.locator('button').first().click();
    await toast.waitFor({ state: 'detached', timeout: 5000 });
  };
  for (const file of files('refused')) {
    const name = file.split('/').pop();
    if (run(['check', file]).status !== 2) throw new Error(`${name} loads in the CLI`);
    await open(page, name, readFileSync(file));
    await toast.waitFor({ timeout: 5000 }).catch(() => { throw new Error(`${name}: no message`); });
    const said = await toast.innerText();
    if (!said.startsWith(`${name} was not opened: `) || !said.includes('The open design is unchanged.')) throw new Error(`${name}: the app says ${said}`);
    if (name === 'l06-truncated.json') await shot('truncated-refused');
    await unchanged(name);
    await dismiss();
  }

  // Damaged share links over the same design.
  const link = run(['share', good]).out.trim();
  if (!link.startsWith('#d1.')) throw new Error(`topoform share printed ${link.slice(0, 40)}`);
  const mid = Math.floor(link.length / 2);
  const damaged = {
    'cut off': link.slice(0, mid),
    'a letter changed': link.slice(0, mid) + (link[mid] === 'A' ? 'B' : 'A') + link.slice(mid + 1),
    'not base64': `${link.slice(0, mid)}*!~${link.slice(mid + 3)}`,
    'a newer version': link.replace(/^#d1\./, '#d9.'),
    empty: '#d1.',
  };
  for (const [what, fragment] of Object.entries(damaged)) {
    await page.evaluate((f) => { location.hash = f; }, fragment);
    await toast.waitFor({ timeout: 5000 }).catch(() => { throw new Error(`a link ${what}: no message`); });
    const said = await toast.innerText();
    if (!said.startsWith('The link was not opened: ') || !said.includes('The open design is unchanged.')) throw new Error(`a link ${what}: the app says ${said}`);
    // Says why once, in the browser's own words where it has them (it said
    // "damaged ... (the compressed data is damaged)").
    if ((said.match(/damaged/g) || []).length > 1) throw new Error(`a link ${what}: the message repeats itself: ${said}`);
    await unchanged(`a link ${what}`);
    await dismiss();
  }
  // Nothing refused was autosaved either.
  await page.waitForTimeout(450);
  if ((await stored(page)) !== kept) throw new Error('a refused file or link changed the autosaved design');
}

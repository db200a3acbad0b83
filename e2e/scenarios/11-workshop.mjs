// Issue 16's proof in one story, as a workshop runs it. A student has
// autosaved work; opens the overlap-peer exercise from a share link (made
// now with the built CLI, `topoform share`) and is asked before that work is
// replaced (Cancel keeps it; the link again, then Replace). The checklist
// fails "no overlap" on NET-10; the student gives eu-west-1 its own block in
// the inspector (the VPC, then each subnet) and watches the checklist follow;
// takes a hint; finishes (score 100, time, 1 hint); downloads the report as
// JSON and CSV and reads both; reloads and finds work and exercise intact.
// A damaged link says so and changes nothing. The teacher grades two
// submissions (the student's and the untouched start) in the browser.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saved } from '../page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXERCISE = join(root, 'public', 'exercises', 'overlap-peer.json');
const TITLE = 'Make the two VPCs peerable';
const stored = (page) => page.evaluate(() => localStorage.getItem('topoform.autosave'));
const goal = (page, id) => page.locator(`.exercise .goal[data-goal="${id}"]`);

/** The `#x1.…` fragment of the exercise, from the CLI the teacher uses. */
function fragment() {
  // The CLI scripts/test built (cargo's target directory, wherever CARGO_TARGET_DIR puts it).
  const cli = process.env.TOPOFORM ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'topoform');
  const out = execFileSync(cli, ['share', EXERCISE]).toString().trim();
  if (!out.startsWith('#x1.')) throw new Error(`topoform share printed ${out.slice(0, 40)}`);
  return out;
}

/** Waits until goal `id` shows `passed` ("true"/"false"); returns its message. */
async function expectGoal(page, id, passed) {
  const g = goal(page, id);
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.getAttribute('data-passed') === want,
    [`.exercise .goal[data-goal="${id}"]`, passed],
    { timeout: 5000 },
  ).catch(async () => {
    throw new Error(`goal ${id} is not passed=${passed}: ${await g.innerText().catch(() => '(missing)')}`);
  });
  return g.locator('.why').innerText();
}

/** Clicks `shape` on the canvas and commits `value` into its CIDR field. */
async function setCidr(page, shape, value) {
  await page.locator(shape).first().click();
  const cidr = page.locator('.inspector input[aria-label="CIDR"]').first();
  await cidr.waitFor({ timeout: 5000 });
  await cidr.fill(value);
  await cidr.press('Enter');
  await cidr.blur();
}

/** The file a click on `button` downloads, as text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export default async function (page, { url, shot }) {
  const link = fragment();
  const exercise = JSON.parse(await readFile(EXERCISE, 'utf8'));
  const start = exercise.start.design;
  const euw1 = start.regions.find((r) => r.code === 'eu-west-1').vpcs[0];

  // The student's own work, autosaved: a template with one more subnet.
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator('[data-target="use1-main"]').first().waitFor({ timeout: 20000 });
  const subnets = () => page.locator('[data-kind="subnet"]').count();
  const mine = (await subnets()) + 1;
  await page.locator('[data-target="use1-main"]').first().click();
  await page.locator('[data-palette="Subnet"]').click();
  const work = await saved(page, (d) => countSubnets(d) === mine, 'the added subnet');
  const workText = JSON.stringify(work);

  // The link: the app asks before the autosaved work is replaced. Cancel.
  await page.goto(`${url}${link}`);
  const ask = page.getByRole('alertdialog');
  await ask.waitFor({ timeout: 20000 });
  const question = await ask.innerText();
  if (!question.includes(`Start the exercise “${TITLE}”?`)) throw new Error(`the app asked: ${question}`);
  await shot('asked-before-replacing');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  if (page.url().includes('#')) throw new Error(`the link stays in the address: ${page.url()}`);
  if ((await subnets()) !== mine) throw new Error('Cancel did not keep the work');
  if ((await page.locator('.exercise h2').count()) !== 0) throw new Error('Cancel still started the exercise');
  if (JSON.stringify(await saved(page, () => true, 'the work')) !== workText) throw new Error('Cancel changed the saved work');

  // The link again; Replace.
  await page.goto(`${url}${link}`);
  await ask.waitFor({ timeout: 20000 });
  await ask.getByRole('button', { name: 'Replace' }).click();
  await page.locator('.exercise h2', { hasText: TITLE }).waitFor({ timeout: 5000 });
  await page.locator('[data-target="euw1-main"]').first().waitFor({ timeout: 5000 });
  const brief = page.locator('.exercise .brief');
  if ((await brief.locator('strong').count()) === 0) throw new Error('the brief is not rendered as Markdown');
  const overlap = await expectGoal(page, 'no-overlap', 'false');
  if (!overlap.includes('NET-10')) throw new Error(`no-overlap fails for another reason: ${overlap}`);
  await expectGoal(page, 'clean', 'false');
  await expectGoal(page, 'peered', 'true');
  if ((await page.locator('.exercise .progress').innerText()).indexOf('Score 33/100') !== 0) {
    throw new Error(`progress: ${await page.locator('.exercise .progress').innerText()}`);
  }
  await page.locator('.exercise .exercise-actions').scrollIntoViewIfNeeded();
  await shot('exercise-open-failing');

  // The fix, in the inspector: the VPC's block first. The overlap goes,
  // but the subnets now lie outside their VPC: still not clean.
  await setCidr(page, `[data-target="${euw1.id}"]`, '10.1.0.0/16');
  await expectGoal(page, 'no-overlap', 'true');
  const still = await expectGoal(page, 'clean', 'false');
  if (still.includes('NET-10')) throw new Error(`NET-10 still reported after the fix: ${still}`);
  await page.locator('.exercise .exercise-actions').scrollIntoViewIfNeeded();
  await shot('overlap-fixed-subnets-outside');

  // A hint before its time: counted.
  await page.keyboard.press('Escape');
  await page.locator('.exercise .take-hint').click();
  await page.locator('.exercise .hint').first().waitFor({ timeout: 5000 });
  if (!(await page.locator('.exercise .hint').first().innerText()).includes('NET-10')) throw new Error('the first hint is not shown');
  if (!(await page.locator('.exercise .progress').innerText()).endsWith('1 hint used')) throw new Error('the hint is not counted');

  // Each subnet into the new block.
  for (const s of euw1.subnets) await setCidr(page, `[data-id="${s.id}"] > rect`, s.cidr.replace(/^10\.0\./, '10.1.'));
  await expectGoal(page, 'clean', 'true');
  await expectGoal(page, 'no-overlap', 'true');
  await expectGoal(page, 'peered', 'true');
  await page.keyboard.press('Escape');
  await page.locator('.exercise .exercise-actions').scrollIntoViewIfNeeded();
  await shot('all-goals-passed');

  // Finish: score, time, hints.
  await page.locator('.exercise .finish-button').click();
  const summary = await page.locator('.exercise .finish .summary').innerText();
  if (!/^Score 100\/100, passed · \d+:\d\d · 1 hint used$/.test(summary)) throw new Error(`finish says: ${summary}`);
  await shot('finished');

  // The grade report, as JSON and as CSV.
  const json = await download(page, page.locator('.exercise .finish button', { hasText: 'Report (JSON)' }));
  if (json.name !== 'overlap-peer-report.json') throw new Error(`JSON report named ${json.name}`);
  const report = JSON.parse(json.text);
  if (report.exercise !== 'overlap-peer' || report.score !== 100 || report.passed !== true) throw new Error(`report: ${json.text}`);
  if (report.hints_used !== 1 || report.hints !== exercise.hints.length) throw new Error(`report hints: ${json.text}`);
  if (!(report.seconds >= 0)) throw new Error(`report time: ${report.seconds}`);
  const ids = report.goals.map((g) => `${g.id}:${g.passed}`).join(',');
  if (ids !== 'no-overlap:true,clean:true,peered:true') throw new Error(`report goals: ${ids}`);
  const csv = await download(page, page.locator('.exercise .finish button', { hasText: 'Report (CSV)' }));
  if (csv.name !== 'overlap-peer-report.csv') throw new Error(`CSV report named ${csv.name}`);
  if (!csv.text.includes('\r\n')) throw new Error('the CSV does not end its lines with CRLF');
  const rows = parseCsv(csv.text);
  if (rows[0].join(',') !== 'exercise,goal,passed,message,seconds,hints_used') throw new Error(`CSV header: ${rows[0]}`);
  const goalRows = rows.slice(1, -1);
  if (goalRows.map((r) => `${r[1]}:${r[2]}`).join(',') !== 'no-overlap:yes,clean:yes,peered:yes') throw new Error(`CSV goals: ${csv.text}`);
  const total = rows[rows.length - 1];
  if (total.join(',') !== `overlap-peer,total,yes,score 100,${report.seconds},1`) throw new Error(`CSV total: ${total}`);
  for (const cell of rows.flat()) {
    if (/^[=+\-@]/.test(cell)) throw new Error(`a CSV cell a spreadsheet would run as a formula: ${cell}`);
  }

  // Reload: the work and the exercise (finished, 1 hint) are intact.
  // (The whole fix: the exercise's design with the VPC and every subnet
  // moved. The student's own work also has a 10.1.0.0/16 VPC, and the
  // edits may come faster than the autosave's debounce.)
  const fixed = (d) => {
    if (d.name !== start.name) return false;
    const v = d.regions.flatMap((r) => r.vpcs ?? []).find((x) => x.id === euw1.id);
    return v?.cidr === '10.1.0.0/16' && v.subnets.every((s) => s.cidr.startsWith('10.1.'));
  };
  const done = await saved(page, fixed, 'the fix');
  await page.reload();
  await page.locator('.exercise h2', { hasText: TITLE }).waitFor({ timeout: 20000 });
  if (!(await page.locator('.exercise .finish .summary').innerText()).startsWith('Score 100/100, passed')) throw new Error('the reload lost the finish');
  if (!(await page.locator('.exercise .finish .summary').innerText()).endsWith('1 hint used')) throw new Error('the reload lost the hint count');
  await expectGoal(page, 'clean', 'true');
  if (JSON.stringify(JSON.parse(await stored(page))) !== JSON.stringify(done)) throw new Error('the reload changed the design');
  const afterReload = await stored(page);

  // A damaged link (cut off): a clear message; design and exercise stay.
  await page.evaluate((f) => { location.hash = f; }, link.slice(0, Math.floor(link.length / 2)));
  const toast = page.locator('.toast[role="alert"]');
  await toast.waitFor({ timeout: 5000 });
  const said = await toast.innerText();
  if (!said.includes('not opened') || !said.includes('damaged') || !said.includes('unchanged')) throw new Error(`damaged link: ${said}`);
  await shot('damaged-link');
  await page.waitForTimeout(600);
  if ((await stored(page)) !== afterReload) throw new Error('the damaged link changed the design');
  await page.locator('.exercise h2', { hasText: TITLE }).waitFor({ timeout: 1000 });

  // The teacher: two submissions, the student's (passes) and the start (fails).
  const dir = await mkdtemp(join(tmpdir(), 'topoform-workshop-'));
  try {
    const good = join(dir, 'ana.json');
    const bad = join(dir, 'ben.json');
    await writeFile(good, afterReload);
    await writeFile(bad, JSON.stringify(start));
    const teacher = page.locator('details.teacher');
    await teacher.locator('summary').click();
    await teacher.locator('input[type="file"]').setInputFiles([good, bad]);
    await teacher.locator('tr[data-file="ben.json"] .score').waitFor({ timeout: 5000 });
    const cells = async (file) => (await teacher.locator(`tr[data-file="${file}"] td`).allInnerTexts()).join(' ');
    if ((await cells('ana.json')) !== '✓ ✓ ✓ 100') throw new Error(`ana: ${await cells('ana.json')}`);
    if ((await cells('ben.json')) !== '✗ ✗ ✓ 33') throw new Error(`ben: ${await cells('ben.json')}`);
    const why = await teacher.locator('tr[data-file="ben.json"] td').first().getAttribute('title');
    if (!why?.includes('NET-10')) throw new Error(`ben's failed goal says: ${why}`);
    const totals = (await teacher.locator('tfoot td').allInnerTexts()).join(' ').trim();
    if (totals !== '1 1 2') throw new Error(`passed per goal: ${totals}`);
    await teacher.scrollIntoViewIfNeeded();
    await shot('teacher-table');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every subnet of a saved design. */
function countSubnets(d) {
  return d.regions.flatMap((r) => r.vpcs).flatMap((v) => v.subnets).length;
}

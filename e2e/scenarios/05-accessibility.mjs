// axe-core over the main view (with the design settings panel), the
// inspector of an object and of a link, the context menu, find, the
// shortcuts, export and confirmation dialogs, in the light and the dark
// theme: no serious or critical violation anywhere.
import { scan } from '../axe.mjs';

async function theme(page, want) {
  // The theme button cycles light -> dark -> system; stop at the wanted one.
  for (let i = 0; i < 3; i++) {
    const now = await page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    if (now === want) return;
    await page.locator('button.theme, [aria-label^="Theme"]').first().click();
  }
}

async function everything(page, shot, label) {
  await scan(page, `${label} main view`);
  // Selecting a shape opens its inspector.
  await page.locator('[data-id="use1-alb"]').first().click();
  await scan(page, `${label} inspector`);
  // The context menu on the selection.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Shift+F10');
  await page.locator('[role="menu"]').waitFor({ timeout: 5000 });
  await scan(page, `${label} context menu`);
  await page.keyboard.press('Escape');
  // Find.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('Control+f');
  await page.locator('.find-box').waitFor({ timeout: 5000 });
  await page.keyboard.type('web');
  await scan(page, `${label} find`);
  await page.keyboard.press('Escape');
  // A selected link and its inspector.
  await page.locator('g.link-group[data-kind="dns"] path.link').first().dispatchEvent('click');
  await page.locator('.inspector .link-ends').waitFor({ timeout: 5000 });
  await scan(page, `${label} link inspector`);
  // The in-page confirmation (deleting a VPC changes other objects).
  await page.locator('[data-target="use1-main"]').click();
  await page.getByRole('button', { name: 'Delete selection' }).click();
  await page.locator('[role="alertdialog"]').waitFor({ timeout: 5000 });
  await scan(page, `${label} confirm dialog`);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
  // The shortcuts overlay.
  await page.locator('svg.canvas').focus();
  await page.keyboard.press('?');
  await page.locator('[role="dialog"]').first().waitFor({ timeout: 5000 });
  await scan(page, `${label} shortcuts dialog`);
  await page.keyboard.press('Escape');
  // The export dialog.
  await page.getByRole('button', { name: /^Export/ }).first().click();
  await page.locator('.export-dialog').waitFor({ timeout: 20000 });
  await scan(page, `${label} export dialog`);
  await shot(`${label}-export`);
  await page.keyboard.press('Escape');
}

export default async function (page, { url, shot }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${url}?template=active-passive`);
  await page.locator('svg.canvas [data-id="use1-main"]').first().waitFor({ timeout: 20000 });
  await theme(page, 'light');
  await everything(page, shot, 'light');
  await theme(page, 'dark');
  await everything(page, shot, 'dark');
}

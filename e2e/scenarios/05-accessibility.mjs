// axe-core over the main view, every panel and every dialog, in the light
// and the dark theme: no serious or critical violation anywhere.
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
  await page.locator('[data-id="use1-main"]').first().waitFor({ timeout: 20000 });
  await theme(page, 'light');
  await everything(page, shot, 'light');
  await theme(page, 'dark');
  await everything(page, shot, 'dark');
}

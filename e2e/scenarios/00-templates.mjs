// Every template opens from its address and shows its regions and VPCs;
// the picker switches between them. Screenshots of each for a person to look at.
const TEMPLATES = {
  'active-passive': { regions: ['us-east-1', 'us-west-2'], cidrs: ['10.0.0.0/16', '10.1.0.0/16'] },
  'aurora-global': { regions: ['us-east-1', 'eu-west-1'], cidrs: ['10.0.0.0/16', '10.1.0.0/16'] },
  'active-active': { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'], cidrs: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'] },
};

async function expectShown(page, id) {
  const { regions, cidrs } = TEMPLATES[id];
  const svg = page.locator('svg[aria-label^="Canvas of design"]');
  await svg.waitFor({ timeout: 20000 });
  for (const code of regions) {
    const region = page.locator(`[data-kind="region"]`, { hasText: code });
    if ((await region.count()) === 0) throw new Error(`${id}: region ${code} is not drawn`);
  }
  const text = await svg.textContent();
  for (const cidr of cidrs) {
    if (!text.includes(cidr)) throw new Error(`${id}: VPC ${cidr} is not drawn`);
  }
}

export default async function (page, { url, shot }) {
  for (const id of Object.keys(TEMPLATES)) {
    await page.goto(`${url}?template=${id}`);
    await expectShown(page, id);
    await shot(id);
  }
  await page.selectOption('select[aria-label="Starter template"]', 'active-passive');
  await expectShown(page, 'active-passive');
}

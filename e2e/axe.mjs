// Accessibility scan with axe-core (a pinned npm package, injected from
// node_modules: no network). `scan` fails on any serious or critical
// violation and returns the counts of every impact for the log.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export async function scan(page, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: axePath });
  }
  const result = await page.evaluate(async () => {
    // WCAG 2.x A and AA, and axe's best practices (landmarks, headings).
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`),
      count: v.nodes.length,
    }));
  });
  const counts = {};
  for (const v of result) counts[v.impact] = (counts[v.impact] ?? 0) + v.count;
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${label}: ${JSON.stringify(counts)}`);
  if (bad.length) {
    const text = bad.map((v) => `${v.impact} ${v.id} (${v.help}) x${v.count}\n    ${v.nodes.join('\n    ')}`).join('\n  ');
    throw new Error(`axe ${label}: ${bad.length} serious/critical rule(s):\n  ${text}`);
  }
  return counts;
}

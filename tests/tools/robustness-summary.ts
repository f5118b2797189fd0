/**
 * The robustness summary table (issue 7, part 7; docs/evaluation.md §4): gathers the rows the
 * robustness tests recorded (tests/support/robustness-report.ts) and prints one table, so the
 * figures can be quoted. Run after `npm run test:unit` and the e2e specs:
 *   npm run robustness:summary
 * Rows older than 24 hours are marked stale. Exit code 1 when any row has failures.
 */
import { readRobustnessRows, ROBUSTNESS_DIR } from '../support/robustness-report';

const ORDER = ['extract', 'hostile-text extract', 'import', 'hostile-render (e2e)', 'two-panels (e2e)'];
const rows = readRobustnessRows().sort((a, b) => {
  const ia = ORDER.indexOf(a.part);
  const ib = ORDER.indexOf(b.part);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.part.localeCompare(b.part);
});
if (!rows.length) {
  console.log(`No robustness rows in ${ROBUSTNESS_DIR}: run npm run test:unit and the e2e specs first.`);
  process.exit(0);
}
const DAY = 24 * 3_600_000;
const table = rows.map((r) => ({
  part: r.part,
  tried: String(r.tried),
  failures: String(r.failures),
  recorded: `${new Date(r.at).toISOString().slice(0, 16).replace('T', ' ')}${Date.now() - r.at > DAY ? ' (stale)' : ''}`,
  details: r.details ?? '',
}));
const total = { part: 'total', tried: String(rows.reduce((n, r) => n + r.tried, 0)), failures: String(rows.reduce((n, r) => n + r.failures, 0)), recorded: '', details: '' };
const columns = ['part', 'tried', 'failures', 'recorded', 'details'] as const;
const all = [...table, total];
const width = Object.fromEntries(columns.map((c) => [c, Math.max(c.length, ...all.map((r) => r[c].length))])) as Record<(typeof columns)[number], number>;
const line = (r: Record<(typeof columns)[number], string>) =>
  columns.map((c) => (c === 'tried' || c === 'failures' ? r[c].padStart(width[c]) : r[c].padEnd(width[c]))).join('  ').trimEnd();
console.log('Robustness summary');
console.log(line({ part: 'part', tried: 'tried', failures: 'failures', recorded: 'recorded (UTC)', details: 'details' }));
console.log(columns.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of table) console.log(line(r));
console.log(line(total));
process.exit(rows.some((r) => r.failures > 0) ? 1 : 0);

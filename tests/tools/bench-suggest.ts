/**
 * Suggest-call speed (docs/evaluation.md §3, "suggest" row), in Node:
 *   npx tsx tests/tools/bench-suggest.ts [runs]
 * A synthetic brand (lib/bench/zipf-corpus.ts: seeded PRNG, Zipf-distributed vocabulary): 5,000
 * templates, 50,000 past replies, 2,000 articles (`npm run bench` times the same corpus in
 * Chromium). Prints median and p95 per suggest call beside the floor measured in the same run: a
 * linear scan over the corpus that only tokenises the query. TUNING='{"postingsBudget":600}'
 * overrides engine tuning (lib/suggest/tuning.ts) for experiments.
 */
import os from 'node:os';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';
import { terms } from '../../lib/suggest/text';
import { detectLanguage } from '../../lib/suggest/language';
import { zipfCorpus } from '../../lib/bench/zipf-corpus';

const { templates, pairs, articles, queries, sentence } = zipfCorpus();

const cpus = os.cpus();
console.log(`# suggest benchmark · ${new Date().toISOString()} · ${cpus[0]?.model ?? 'CPU'} × ${cpus.length} · Node ${process.version}`);
let t0 = performance.now();
const suggester = createSuggester({ tuning: JSON.parse(process.env.TUNING ?? '{}'), brand: { name: 'Bench', signature: '^AB' }, templates, pairs, articles, detectLanguage });
const buildMs = performance.now() - t0;
t0 = performance.now();
for (let i = 0; i < 100; i++) suggester.addPair({ id: `new${i}`, customerText: sentence(12), replyText: sentence(20) });
const addMs = (performance.now() - t0) / 100;

const runs = Number(process.argv[2] ?? 400);
if (process.env.BUILD_ONLY) process.exit(0);
const corpusIds = new Int32Array(templates.length + pairs.length + articles.length).map((_, i) => i);
function time(fn: (q: ConversationInput) => unknown): number[] {
  for (let i = 0; i < 30; i++) fn(queries[i % queries.length]!); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = queries[i % queries.length]!;
    const s = performance.now();
    fn(q);
    out.push(performance.now() - s);
  }
  return out.sort((a, b) => a - b);
}
const q = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
let sink = 0;
const engine = time((c) => suggester.suggest(c, 5));
const floor = time((c) => {
  const t = terms(c.customerMessages.join(' '));
  for (let i = 0; i < corpusIds.length; i++) sink += corpusIds[i]! & t.length;
});
console.log(`corpus: ${suggester.size.templates} templates, ${suggester.size.pairs} past replies, ${suggester.size.articles} articles · build ${(buildMs / 1000).toFixed(1)} s · addPair ${addMs.toFixed(2)} ms`);
console.log('| scenario | runs | median ms | p95 ms | floor median ms | floor p95 ms |');
console.log('|:--|--:|--:|--:|--:|--:|');
console.log(`| suggest (k=5) | ${runs} | ${q(engine, 0.5).toFixed(2)} | ${q(engine, 0.95).toFixed(2)} | ${q(floor, 0.5).toFixed(3)} | ${q(floor, 0.95).toFixed(3)} |`);
console.log(`target p95 < 10 ms: ${q(engine, 0.95) < 10 ? 'met' : 'NOT met'}${sink === -1 ? '' : ''}`);

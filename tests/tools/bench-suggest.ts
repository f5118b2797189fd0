/**
 * Suggest-call speed (docs/evaluation.md §3, "suggest" row), in Node:
 *   npx tsx tests/tools/bench-suggest.ts [runs]
 * A synthetic brand (seeded PRNG, Zipf-distributed vocabulary): 5,000 templates, 50,000 past
 * replies, 2,000 articles. Prints median and p95 per suggest call beside the floor measured in the
 * same run: a linear scan over the corpus that only tokenises the query.
 */
import os from 'node:os';
import { createSuggester, type ConversationInput, type PastPair, type TemplateInput, type ArticleInput } from '../../lib/suggest/engine';
import { terms } from '../../lib/suggest/text';
import { detectLanguage } from '../../lib/suggest/language';

import { mulberry32 } from '../../lib/bench/prng';
const rand = mulberry32(20240611);
const syllables = 'ka lo mi ne ru ta sho vin dra pel qua zor bix fen gal hup jet kor lum'.split(' ');
const VOCAB = Array.from({ length: 6000 }, (_, i) => {
  let w = '';
  for (let n = i + 7; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
  return w;
});
// Zipf(1) over the vocabulary, via a cumulative table.
const cdf: number[] = [];
VOCAB.reduce((s, _, i) => (cdf.push(s + 1 / (i + 1)), s + 1 / (i + 1)), 0);
const total = cdf[cdf.length - 1]!;
function word(): string {
  const x = rand() * total;
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
}
const sentence = (n: number): string => Array.from({ length: n }, word).join(' ');
const between = (a: number, b: number): number => a + Math.floor(rand() * (b - a + 1));

const templates: TemplateInput[] = Array.from({ length: 5000 }, (_, i) => ({
  id: `t${i}`,
  title: sentence(between(2, 5)),
  body: `Hi {{customer.first_name}}, ${sentence(between(15, 40))} {{agent.signature}}`,
  tags: [word(), word()],
}));
const pairs: PastPair[] = Array.from({ length: 50_000 }, (_, i) => ({
  id: `p${i}`,
  customerText: `@brand ${sentence(between(6, 30))}`,
  replyText: `@cust${i} Hi Sam, ${sentence(between(8, 35))} ^AB`,
  customerHandle: `cust${i}`,
}));
const articles: ArticleInput[] = Array.from({ length: 2000 }, (_, i) => ({
  id: `a${i}`,
  url: `https://help.example.com/articles/${sentence(between(2, 5)).replace(/ /gu, '-')}-${i}`,
  text: i % 2 ? sentence(between(50, 200)) : '',
}));
const queries: ConversationInput[] = Array.from({ length: 400 }, () => ({
  customerMessages: [sentence(between(5, 40))],
  platform: 'x',
  isPublic: true,
  customer: { displayName: 'Jo Doe', handle: 'jodoe' },
}));

const cpus = os.cpus();
console.log(`# suggest benchmark · ${new Date().toISOString()} · ${cpus[0]?.model ?? 'CPU'} × ${cpus.length} · Node ${process.version}`);
let t0 = performance.now();
const suggester = createSuggester({ brand: { name: 'Bench', signature: '^AB' }, templates, pairs, articles, detectLanguage });
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

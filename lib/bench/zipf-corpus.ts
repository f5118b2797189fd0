/**
 * A synthetic brand for the suggest benchmark (docs/evaluation.md §3, "suggest" row): seeded PRNG,
 * a 6,000-word vocabulary drawn Zipf(1), so common words touch most documents and rare ones few,
 * as in real support text. 5,000 templates, 50,000 past replies, 2,000 articles, 400 queries.
 * Used by the Node harness (tests/tools/bench-suggest.ts) and the browser bench page.
 */
import type { ArticleInput, ConversationInput, PastPair, TemplateInput } from '../suggest/engine';
import { mulberry32 } from './prng';

export interface ZipfCorpus {
  templates: TemplateInput[];
  pairs: PastPair[];
  articles: ArticleInput[];
  queries: ConversationInput[];
  /** More text of the same kind (for timing addPair). */
  sentence: (n: number) => string;
}

export function zipfCorpus(seed = 20240611, size = { templates: 5000, pairs: 50_000, articles: 2000, queries: 400 }): ZipfCorpus {
  const rand = mulberry32(seed);
  const syllables = 'ka lo mi ne ru ta sho vin dra pel qua zor bix fen gal hup jet kor lum'.split(' ');
  const vocab = Array.from({ length: 6000 }, (_, i) => {
    let w = '';
    for (let n = i + 7; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
    return w;
  });
  // Zipf(1) over the vocabulary, via a cumulative table.
  const cdf: number[] = [];
  vocab.reduce((s, _, i) => (cdf.push(s + 1 / (i + 1)), s + 1 / (i + 1)), 0);
  const total = cdf[cdf.length - 1]!;
  const word = (): string => {
    const x = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const sentence = (n: number): string => Array.from({ length: n }, word).join(' ');
  const between = (a: number, b: number): number => a + Math.floor(rand() * (b - a + 1));

  const templates: TemplateInput[] = Array.from({ length: size.templates }, (_, i) => ({
    id: `t${i}`,
    title: sentence(between(2, 5)),
    body: `Hi {{customer.first_name}}, ${sentence(between(15, 40))} {{agent.signature}}`,
    tags: [word(), word()],
  }));
  const pairs: PastPair[] = Array.from({ length: size.pairs }, (_, i) => ({
    id: `p${i}`,
    customerText: `@brand ${sentence(between(6, 30))}`,
    replyText: `@cust${i} Hi Sam, ${sentence(between(8, 35))} ^AB`,
    customerHandle: `cust${i}`,
  }));
  const articles: ArticleInput[] = Array.from({ length: size.articles }, (_, i) => ({
    id: `a${i}`,
    url: `https://help.example.com/articles/${sentence(between(2, 5)).replace(/ /gu, '-')}-${i}`,
    text: i % 2 ? sentence(between(50, 200)) : '',
  }));
  const queries: ConversationInput[] = Array.from({ length: size.queries }, () => ({
    customerMessages: [sentence(between(5, 40))],
    platform: 'x',
    isPublic: true,
    customer: { displayName: 'Jo Doe', handle: 'jodoe' },
  }));
  return { templates, pairs, articles, queries, sentence };
}

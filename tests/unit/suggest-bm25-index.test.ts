import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../lib/suggest/bm25-index';
import { topBy } from '../../lib/suggest/top';

type Doc = { id: number; text: string };

/** `count` documents that all say "router", most with other words of their own. */
function routerIndex(count: number, limits?: { postings: number; results: number }): Bm25Index<Doc> {
  const index = new Bm25Index<Doc>(['text'], limits);
  for (let i = 0; i < count; i++) index.add({ id: i, text: `router ${'word'.repeat(1 + (i % 7))} extra${i}` });
  return index;
}

const ids = (results: readonly { id: unknown }[]) => results.map((r) => r.id);

describe('Bm25Index: a search over many postings is kept until the index changes', () => {
  it('gives the same ranking as a search over few postings would, and the kept list on the next call', () => {
    const wide = routerIndex(60, { postings: 50, results: 1000 });
    const narrow = routerIndex(60, { postings: 1000, results: 1000 });
    const first = wide.search(['router'], undefined, 10);
    expect(ids(first)).toEqual(ids(narrow.search(['router'], undefined, 10)));
    expect(first).toHaveLength(10);
    expect(wide.search(['router'], undefined, 10)).toBe(first);
    // A search under the threshold is ranked afresh each time.
    expect(narrow.search(['router'], undefined, 10)).not.toBe(narrow.search(['router'], undefined, 10));
  });

  it('keeps limits and boosts apart', () => {
    const index = routerIndex(60, { postings: 50, results: 1000 });
    const ten = index.search(['router'], undefined, 10);
    expect(index.search(['router'], undefined, 5)).toHaveLength(5);
    expect(index.search(['router'], { text: 2 }, 10)).not.toBe(ten);
    expect(index.search(['router'], undefined, 10)).toBe(ten);
  });

  it('forgets what it kept when a document is added or removed', () => {
    const index = routerIndex(60, { postings: 50, results: 1000 });
    const before = index.search(['router'], undefined, 5);
    // The shortest document that says "router" twice ranks first once added.
    index.add({ id: 999, text: 'router router' });
    const added = index.search(['router'], undefined, 5);
    expect(added[0]!.id).toBe(999);
    expect(ids(before)).not.toContain(999);
    index.discard(999);
    expect(ids(index.search(['router'], undefined, 5))).toEqual(ids(before));
  });

  it('drops the least recently used list once it keeps more results than allowed', () => {
    // Two words, each in 60 documents: lists of 40 results, at most 100 results kept.
    const index = new Bm25Index<Doc>(['text'], { postings: 50, results: 100 });
    for (let i = 0; i < 60; i++) index.add({ id: i, text: `router modem refund ${'x'.repeat(1 + (i % 5))}` });
    const router = index.search(['router'], undefined, 40);
    const modem = index.search(['modem'], undefined, 40);
    expect(index.search(['router'], undefined, 40)).toBe(router); // router is now the most recent
    index.search(['refund'], undefined, 40); // 120 kept: modem, the oldest, goes
    expect(index.search(['router'], undefined, 40)).toBe(router);
    const modemAgain = index.search(['modem'], undefined, 40);
    expect(modemAgain).not.toBe(modem);
    expect(ids(modemAgain)).toEqual(ids(modem));
  });
});

describe('topBy', () => {
  it('gives what a stable descending sort gives, ties in input order', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const items = Array.from({ length: 1 + Math.floor(rand() * 80) }, (_, i) => ({ i, s: Math.floor(rand() * 6) }));
      const sorted = [...items].sort((a, b) => b.s - a.s);
      for (const k of [1, 2, 3, 10, 100]) {
        expect(topBy(items, k, (x) => x.s).map((x) => x.item.i)).toEqual(sorted.slice(0, k).map((x) => x.i));
      }
    }
  });

  it('returns nothing for k ≤ 0 and every item for a k beyond the list', () => {
    expect(topBy([3, 1, 2], 0, (x) => x)).toEqual([]);
    expect(topBy([3, 1, 2], 9, (x) => x).map((x) => x.item)).toEqual([3, 2, 1]);
  });
});

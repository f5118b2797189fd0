/**
 * Builds the brand's suggestion engine from the database: its templates, its own past replies
 * (each paired with the customer message it answered) and its knowledge base. Built once per
 * brand per panel and kept in memory; new templates/articles are added incrementally.
 */
import { createSuggester, type PastPair, type Suggester } from '../suggest/engine';
import type { CasesideDb } from '../db/schema';

/** The engine is measured with this many pairs (evaluation.md §3); older ones add little. */
const MAX_PAIRS = 50_000;

const cache = new Map<string, Promise<Suggester>>();

/** (customer message → brand reply) pairs from stored history, newest last. */
export async function pastPairs(db: CasesideDb, brandId: string, limit = MAX_PAIRS): Promise<PastPair[]> {
  const lastInbound = new Map<string, { text: string; author: string }>();
  const pairs: PastPair[] = [];
  await db.messages
    .where('[brandId+sentAt]')
    .between([brandId, -Infinity], [brandId, Infinity])
    .each((m) => {
      if (m.direction === 'in') {
        const prev = lastInbound.get(m.conversationId);
        // Consecutive customer messages are one question.
        lastInbound.set(m.conversationId, { text: prev ? `${prev.text}\n${m.text}` : m.text, author: m.author });
      } else if (m.direction === 'out') {
        const q = lastInbound.get(m.conversationId);
        if (q) {
          pairs.push({ id: m.id, customerText: q.text, replyText: m.text, customerName: q.author });
          lastInbound.delete(m.conversationId);
        }
      }
    });
  return pairs.slice(-limit);
}

export function suggesterFor(db: CasesideDb, brandId: string): Promise<Suggester> {
  let p = cache.get(brandId);
  if (!p) {
    p = (async () => {
      const [brand, templates, articles, pairs] = await Promise.all([
        db.brands.get(brandId),
        db.templates.where('brandId').equals(brandId).toArray(),
        db.kbArticles.where('brandId').equals(brandId).filter((a) => a.customerId === null).toArray(),
        pastPairs(db, brandId),
      ]);
      return createSuggester({
        brand: { name: brand?.name ?? '', signature: brand?.signature, tone: brand?.tone },
        templates,
        articles,
        pairs,
      });
    })();
    p.catch(() => cache.delete(brandId));
    cache.set(brandId, p);
  }
  return p;
}

/** Templates or articles changed (options page, capture): rebuild on next use. */
export function invalidateSuggester(brandId: string): void {
  cache.delete(brandId);
}

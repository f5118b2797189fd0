/**
 * A minisearch (BM25+) index with a document-frequency table beside it, so a query can be cut to
 * its informative terms before searching. Why: minisearch scores every document containing any
 * query term; with 50,000 past replies a few common words ("order", "help") touch most of them and
 * one call costs hundreds of ms. Keeping the rarest terms within a postings budget bounds the work
 * (docs/evaluation.md §3: p95 < 10 ms) and drops only words that carry little BM25 weight anyway.
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { processTerm, tokenizeForIndex } from './text';

const SEARCH = { prefix: false, fuzzy: false, combineWith: 'OR' } as const;
/**
 * A ranking search that scores more postings than this is kept until the index changes. Such a
 * search is one common word (queryTerms keeps the rarest term even over the budget, and nothing
 * after it), and the same common words come back query after query: on a brand whose customers
 * write the same few phrases, scoring "router" over 2,400 of 50,000 past messages took most of a
 * suggest call's p95 (`npm run bench -- --only suggest --profile <file>`).
 */
const WIDE_POSTINGS = 500;
/** Results kept over all wide searches of one index (oldest dropped first). */
const WIDE_RESULTS = 10_000;
const FIND_MAX_CHARS = 200;
const FIND_MAX_TERMS = 8;

export class Bm25Index<T extends { id: number }> {
  private readonly ms: MiniSearch<T>;
  private readonly df = new Map<string, number>();
  private readonly docTerms = new Map<number, string[]>();
  private readonly wide = new Map<string, readonly SearchResult[]>();
  private wideResults = 0;

  constructor(
    private readonly fields: (keyof T & string)[],
    private readonly wideLimits = { postings: WIDE_POSTINGS, results: WIDE_RESULTS },
  ) {
    this.ms = new MiniSearch<T>({ fields, tokenize: tokenizeForIndex, processTerm, searchOptions: SEARCH });
  }

  get size(): number {
    return this.ms.documentCount;
  }

  add(doc: T): void {
    const seen = new Set<string>();
    for (const f of this.fields) {
      const value = doc[f];
      if (typeof value !== 'string') continue;
      for (const tok of tokenizeForIndex(value)) {
        const t = processTerm(tok);
        if (t) seen.add(t);
      }
    }
    const terms = [...seen];
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docTerms.set(doc.id, terms);
    this.ms.add(doc);
    this.forgetWide();
  }

  /** Removes a document (minisearch discard: no rebuild; vacuuming happens in the background). */
  discard(id: number): void {
    const terms = this.docTerms.get(id);
    if (!terms) return;
    for (const t of terms) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
    this.docTerms.delete(id);
    this.ms.discard(id);
    this.forgetWide();
  }

  /**
   * Processed query terms, rarest first, while their summed document frequency stays within
   * `postingsBudget` (the rarest term is always kept).
   */
  queryTerms(text: string, postingsBudget: number, maxTerms = 16): string[] {
    const unique = new Set<string>();
    for (const tok of tokenizeForIndex(text)) {
      const t = processTerm(tok);
      if (t && this.df.has(t)) unique.add(t);
    }
    const sorted = [...unique].sort((a, b) => this.df.get(a)! - this.df.get(b)!);
    const out: string[] = [];
    let postings = 0;
    for (const t of sorted) {
      const d = this.df.get(t)!;
      if (out.length > 0 && (postings + d > postingsBudget || out.length >= maxTerms)) break;
      out.push(t);
      postings += d;
    }
    return out;
  }

  /**
   * Search as someone types: every word must match, the last one as a prefix (it may be half
   * typed) once it has 3 letters, longer words with one typo allowed. For a person looking for a
   * document, not ranking. (A 2-letter prefix matches much of a large vocabulary: 80 ms a
   * keystroke on 5,000 templates, against 4 ms from the third letter.) Only the first
   * FIND_MAX_TERMS words of the first FIND_MAX_CHARS characters count: a pasted message of 60
   * words cost 170 ms, and no one types more to find a document.
   */
  find(text: string, options: SearchOptions = {}): SearchResult[] {
    const terms: string[] = [];
    for (const tok of tokenizeForIndex(text.slice(0, FIND_MAX_CHARS))) {
      const t = processTerm(tok);
      if (t && !terms.includes(t)) terms.push(t);
      if (terms.length >= FIND_MAX_TERMS) break;
    }
    if (!terms.length) return [];
    return this.ms.search(terms.join(' '), {
      ...options,
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      combineWith: 'AND',
      prefix: (term, i, all) => i === all.length - 1 && term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
    });
  }

  /**
   * BM25 ranking of processed query terms (from queryTerms), best first, at most `limit` results.
   * The list is shared with later calls: read it, do not change it.
   */
  search(terms: readonly string[], boost?: Record<string, number>, limit = Infinity): readonly SearchResult[] {
    if (terms.length === 0) return [];
    let postings = 0;
    for (const t of terms) postings += this.df.get(t) ?? 0;
    if (postings <= this.wideLimits.postings) return this.rank(terms, boost, limit);
    const key = `${limit}\u0000${JSON.stringify(boost ?? {})}\u0000${terms.join(' ')}`;
    const kept = this.wide.get(key);
    if (kept) {
      // Most recently used last, so the oldest is dropped first.
      this.wide.delete(key);
      this.wide.set(key, kept);
      return kept;
    }
    const results = this.rank(terms, boost, limit);
    this.wide.set(key, results);
    this.wideResults += results.length;
    for (const [k, v] of this.wide) {
      if (this.wideResults <= this.wideLimits.results || k === key) break;
      this.wide.delete(k);
      this.wideResults -= v.length;
    }
    return results;
  }

  private rank(terms: readonly string[], boost: Record<string, number> | undefined, limit: number): SearchResult[] {
    // Terms are already processed: search them as they are.
    const results = this.ms.search(terms.join(' '), { ...(boost ? { boost } : {}), tokenize: (s) => s.split(' '), processTerm: (t) => t });
    return results.length > limit ? results.slice(0, limit) : results;
  }

  private forgetWide(): void {
    if (this.wide.size === 0) return;
    this.wide.clear();
    this.wideResults = 0;
  }
}

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
const FIND_MAX_CHARS = 200;
const FIND_MAX_TERMS = 8;

export class Bm25Index<T extends { id: number }> {
  private readonly ms: MiniSearch<T>;
  private readonly df = new Map<string, number>();
  private readonly docTerms = new Map<number, string[]>();

  constructor(private readonly fields: (keyof T & string)[]) {
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

  search(terms: string[], options: SearchOptions = {}): SearchResult[] {
    if (terms.length === 0) return [];
    // Terms are already processed: search them as they are.
    return this.ms.search(terms.join(' '), { ...options, tokenize: (s) => s.split(' '), processTerm: (t) => t });
  }
}

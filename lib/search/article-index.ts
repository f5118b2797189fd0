/**
 * MiniSearch index over one brand's knowledge-base articles. Same term processing, query
 * capping and match options as the history index (normalize.ts), so both searches behave alike.
 */
import MiniSearch from 'minisearch';
import type { KbArticle } from '../db/records';
import { processTerm, queryTerms, runQuery, tokenize } from './normalize';

type ArticleDoc = Pick<KbArticle, 'id' | 'title' | 'excerpt' | 'text'>;

export type ArticleHit = { id: string; score: number; terms: string[] };

export type ArticleIndex = {
  search(query: string, limit: number): ArticleHit[];
  /** Puts `doc` in place of the page with its id (added if new). */
  replace(doc: ArticleDoc): void;
  /** Removes the page with this id, if indexed. */
  remove(id: string): void;
  readonly documentCount: number;
};

export function createArticleIndex(articles: readonly ArticleDoc[]): ArticleIndex {
  const index = new MiniSearch<ArticleDoc>({
    fields: ['title', 'excerpt', 'text'],
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions: { tokenize, processTerm, combineWith: 'AND', boost: { title: 3, excerpt: 1.5, text: 1 } },
  });
  index.addAll(articles.map(({ id, title, excerpt, text }) => ({ id, title, excerpt, text })));
  const remove = (id: string) => {
    if (index.has(id)) index.discard(id);
  };
  return {
    get documentCount() {
      return index.documentCount;
    },
    replace({ id, title, excerpt, text }) {
      remove(id);
      index.add({ id, title, excerpt, text });
    },
    remove,
    search(query, limit) {
      const terms = queryTerms(typeof query === 'string' ? query : '');
      if (terms.length === 0) return [];
      return runQuery(index, terms, limit).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }));
    },
  };
}

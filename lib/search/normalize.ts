/**
 * Term processing shared by every full-text index (history, knowledge base): one definition,
 * so the index and the query always agree on what a term is.
 *
 * Accent-insensitive by folding to NFD and dropping combining marks: "atención" and "atencion"
 * are one term, and so are "ñ" and "n" (agents type without accents on mobile keyboards).
 */
import type MiniSearch from 'minisearch';
import type { SearchOptions, SearchResult } from 'minisearch';

/** Splits on whitespace and punctuation, as MiniSearch's default tokenizer does. */
const SEPARATORS = /[\n\r\p{Z}\p{P}]+/u;
/** A term as the tokenizer cuts it (what lies between separators): snippets find words with it. */
export const TERM_RUN = /[^\n\r\p{Z}\p{P}]+/gu;

/**
 * Very common English and Spanish words. Dropping them keeps posting lists small (index size
 * and query time on 100k messages) without hurting support searches. Negations ("no", "not")
 * are deliberately kept: "no signal" is a query agents type.
 * Since index version 2 also the English pronouns, auxiliaries and question words people type
 * when they search with a sentence ("where is my refund", "can you check my account"): every
 * word must match (AND), so they cost recall, and "my" alone is in a large share of messages:
 * those two queries took 45–65 ms on the bench store, 20–27 ms without them.
 * Since index version 3 they are dropped from free text only (message text, note bodies,
 * articles): names, handles and tags keep every word (processNameTerm), so "Will" and "@al" are
 * found; they cost little there (short fields, and few names are stop words).
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for from has have i if in into is it its of on or our so ' +
    'that the their them then there these they this to was we were will with you your ' +
    'my me mine us am been being can could would should do does did done ' +
    'what which who whom when where why how ' +
    'al como con de del el en es esta este la las le lo los me mi por que se su sus te tu un una unos y ya'
  ).split(' '),
);

/** Longest term kept: longer "words" are hashes, URLs or junk and only bloat the index. */
const MAX_TERM_LENGTH = 40;

export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  return text.split(SEPARATORS).filter((t) => t.length > 0);
}

/**
 * `processTerm` for fields where every word counts — people's names, handles, tags: folded, or
 * null when empty or too long. Stop words are kept: a customer named "Will" or "@al" is found by it.
 */
export function processNameTerm(term: string): string | null {
  const folded = foldTerm(term);
  if (folded.length === 0 || folded.length > MAX_TERM_LENGTH) return null;
  return folded;
}

/** MiniSearch `processTerm` for free text (message text, note bodies, articles): stop words dropped. */
export function processTerm(term: string): string | null {
  const folded = processNameTerm(term);
  return folded === null || STOP_WORDS.has(folded) ? null : folded;
}

/** A query longer than this is cut: nobody types more, and every term costs prefix/fuzzy work. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 8;

/**
 * Turns whatever the user typed (or pasted: 10 KB, `*`, lone quotes) into at most
 * MAX_QUERY_TERMS processed, de-duplicated terms. MiniSearch has no query syntax, so nothing
 * here is an operator; the cap bounds the work a query can cause. With `processNameTerm`, stop
 * words are kept (a query for names and handles only).
 */
export function queryTerms(query: string, process: (term: string) => string | null = processTerm): string[] {
  const terms: string[] = [];
  for (const raw of tokenize(query.slice(0, MAX_QUERY_CHARS))) {
    const term = process(raw);
    if (term !== null && !terms.includes(term)) terms.push(term);
    if (terms.length >= MAX_QUERY_TERMS) break;
  }
  return terms;
}

/**
 * Prefix on terms of 3+ letters, and on the last term from 2 letters (the word being typed).
 * Short terms stay exact: "tv" must not match half the index.
 */
const prefix = (last: number) => (term: string, i: number) => term.length >= 3 || (i === last && term.length >= 2);

/** One typo from 5 letters, two from 9; never in numbers (order 4471 is not order 4417). */
const fuzzy = (term: string) => (/\d/.test(term) ? false : term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);

/** Fields to search (default: all) and the processing their terms had (as the query's terms). */
export type QueryScope = Pick<SearchOptions, 'fields' | 'processTerm'>;

/**
 * Runs processed query terms on a MiniSearch index: exact and prefix matches first, and only
 * when those give fewer than `limit` results a second pass that also allows typos. Fuzzy
 * matching is the costly part on a large index, and a typo pass is only needed when exact
 * matching comes up short.
 */
export function runQuery<T>(
  index: MiniSearch<T>,
  terms: readonly string[],
  limit: number,
  filter?: (result: SearchResult) => boolean,
  scope?: QueryScope,
): SearchResult[] {
  const query = terms.join(' ');
  const options = { prefix: prefix(terms.length - 1), ...(filter ? { filter } : {}), ...scope };
  const exact = index.search(query, { ...options, fuzzy: false });
  if (exact.length >= limit || !terms.some((t) => fuzzy(t) !== false)) return exact.slice(0, limit);
  return index.search(query, { ...options, fuzzy }).slice(0, limit);
}

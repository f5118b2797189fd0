/**
 * One brand's MiniSearch index over customers, messages and notes. HistorySearch keeps one of
 * these per brand, never a shared one, so brand isolation does not depend on a filter.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { HistoryDoc, HistoryKind } from './documents';
import { processNameTerm, processTerm, tokenize } from './normalize';

/** Bump when fields, stored fields or term processing change: cached indexes are then rebuilt. */
export const HISTORY_INDEX_VERSION = 3;

const KIND_PREFIX: Record<HistoryKind, string> = { customer: 'c', message: 'm', note: 'n' };
const PREFIX_KIND: Record<string, HistoryKind> = { c: 'customer', m: 'message', n: 'note' };

/** Index ids carry the kind, since a customer, a message and a note may share a record id. */
export const indexId = (kind: HistoryKind, id: string) => `${KIND_PREFIX[kind]}:${id}`;

export function parseIndexId(key: string): { kind: HistoryKind; id: string } {
  const kind = PREFIX_KIND[key.slice(0, 1)];
  if (!kind || key[1] !== ':') throw new Error(`history index: malformed id ${key}`);
  return { kind, id: key.slice(2) };
}

/** Stored per document, with short keys: they repeat 100k times in the serialised index. */
export type StoredFields = { c: string; v?: string; t: number };

type IndexedDoc = StoredFields & {
  key: string;
  name: string;
  handles: string;
  tags: string;
  body: string;
};

export function toIndexed(doc: HistoryDoc): IndexedDoc {
  return {
    key: indexId(doc.kind, doc.id),
    c: doc.customerId,
    ...(doc.conversationId === undefined ? {} : { v: doc.conversationId }),
    t: doc.time,
    name: doc.name,
    handles: doc.handles,
    tags: doc.tags,
    body: doc.body,
  };
}

export const FIELD_BOOST = { name: 2, handles: 2, tags: 1.5, body: 1 };

/**
 * Fields that keep stop words (a customer named "Will", handle @al, a tag "on hold", a message's
 * author): the only fields a query made of stop words alone is run on (HistorySearch.search).
 */
export const NAME_FIELDS = ['name', 'handles', 'tags'];

/** Stop words are dropped from the free text (message text, note bodies) only. */
const processIndexTerm = (term: string, field?: string) => (field === 'body' ? processTerm(term) : processNameTerm(term));

const OPTIONS: Options<IndexedDoc> = {
  idField: 'key',
  fields: ['name', 'handles', 'tags', 'body'],
  storeFields: ['c', 'v', 't'],
  tokenize,
  processTerm: processIndexTerm,
  searchOptions: { processTerm, tokenize, combineWith: 'AND', boost: FIELD_BOOST },
};

export type HistoryIndex = MiniSearch<IndexedDoc>;

export function createHistoryIndex(): HistoryIndex {
  return new MiniSearch<IndexedDoc>(OPTIONS);
}

/** Throws on malformed JSON; callers fall back to a rebuild. */
export function loadHistoryIndex(json: string): HistoryIndex {
  return MiniSearch.loadJSON<IndexedDoc>(json, OPTIONS);
}

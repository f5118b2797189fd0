/**
 * Full-text search across the active brand's history (issue 5 part 8).
 *
 * One MiniSearch per brand: a search names its brand and only that brand's index is read, so
 * no result of brand B can appear under brand A whatever the query or filter.
 *
 * Lifecycle in the panel: `restoreOrBuild` (persist.ts) on open, then `add`/`update`/`remove`
 * as messages are captured and notes saved, and `persistIndex` when the panel hides.
 */
import Dexie from 'dexie';
import type { SearchResult } from 'minisearch';
import type { CasesideDb } from '../db/schema';
import { customerDoc, messageDoc, noteDoc, snippetSource, type HistoryDoc, type HistoryKind } from './documents';
import {
  createHistoryIndex,
  indexId,
  loadHistoryIndex,
  NAME_FIELDS,
  parseIndexId,
  toIndexed,
  type HistoryIndex,
  type StoredFields,
} from './history-index';
import { processNameTerm, queryTerms, runQuery, type QueryScope } from './normalize';
import { makeSnippet, type Snippet } from './snippet';

export type SearchOptions = {
  kinds?: readonly HistoryKind[];
  customerId?: string;
  /** Default 20, at most 200. */
  limit?: number;
};

export type HistoryHit = {
  kind: HistoryKind;
  id: string;
  customerId: string;
  conversationId?: string;
  score: number;
  time: number;
  /** Document terms that matched (folded), for highlighting. */
  terms: string[];
};

export type HistoryResult = HistoryHit & { snippet: Snippet };

export type LoadOptions = {
  /** Records read and indexed per step before yielding to the event loop. Default 2,000. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (indexed: number, total: number) => void;
  /** Rebuild even when the brand is already loaded. */
  force?: boolean;
};

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type Building = { index: HistoryIndex; removed: Set<string>; done: Promise<void> };

export class HistorySearch {
  private readonly ready = new Map<string, HistoryIndex>();
  private readonly building = new Map<string, Building>();

  isLoaded(brandId: string): boolean {
    return this.ready.has(brandId);
  }

  /** Documents in the brand's index (0 when not loaded). */
  documentCount(brandId: string): number {
    return this.ready.get(brandId)?.documentCount ?? 0;
  }

  unloadBrand(brandId: string): void {
    this.ready.delete(brandId);
  }

  /**
   * Builds the brand's index from Dexie in chunks, yielding between them so the panel stays
   * responsive. Changes reported through add/update/remove while it runs are kept.
   */
  loadBrand(db: CasesideDb, brandId: string, options: LoadOptions = {}): Promise<void> {
    const pending = this.building.get(brandId);
    if (pending) return pending.done;
    if (this.ready.has(brandId) && !options.force) return Promise.resolve();
    const building: Building = { index: createHistoryIndex(), removed: new Set(), done: Promise.resolve() };
    building.done = this.build(db, brandId, building, options).finally(() => {
      this.building.delete(brandId);
    });
    this.building.set(brandId, building);
    return building.done;
  }

  private async build(db: CasesideDb, brandId: string, b: Building, options: LoadOptions) {
    const chunkSize = options.chunkSize ?? 2_000;
    const [customerKeys, messageKeys, noteKeys] = await Promise.all([
      db.customers.where('brandId').equals(brandId).primaryKeys(),
      db.messages.where('[brandId+sentAt]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey]).primaryKeys(),
      db.notes.where('brandId').equals(brandId).primaryKeys(),
    ]);
    const total = customerKeys.length + messageKeys.length + noteKeys.length;
    let done = 0;
    const steps = [
      { keys: customerKeys, table: db.customers, toDoc: customerDoc },
      { keys: messageKeys, table: db.messages, toDoc: messageDoc },
      { keys: noteKeys, table: db.notes, toDoc: noteDoc },
    ] as const;
    for (const step of steps) {
      for (let i = 0; i < step.keys.length; i += chunkSize) {
        options.signal?.throwIfAborted();
        const rows = await (step.table as typeof db.notes).bulkGet(step.keys.slice(i, i + chunkSize));
        const docs = [];
        for (const row of rows) {
          // Missing: deleted since the keys were read. Foreign brand: cannot happen through the
          // brand-keyed query, checked anyway because this is the isolation boundary.
          if (!row || row.brandId !== brandId) continue;
          const doc = toIndexed((step.toDoc as (r: typeof row) => HistoryDoc)(row));
          // Already present: added or updated while building, which is newer than this read.
          if (b.index.has(doc.key) || b.removed.has(doc.key)) continue;
          docs.push(doc);
        }
        b.index.addAll(docs);
        done += rows.length;
        options.onProgress?.(done, total);
        await yieldToEventLoop();
      }
    }
    options.signal?.throwIfAborted();
    this.ready.set(brandId, b.index);
  }

  /**
   * Replaces the brand's index with one built from these documents, synchronously (imports,
   * tests, the benchmark). Documents of another brand are refused, not indexed.
   */
  loadDocuments(brandId: string, docs: Iterable<HistoryDoc>): void {
    const index = createHistoryIndex();
    const batch = [];
    for (const doc of docs) {
      if (doc.brandId !== brandId) throw new Error(`history search: a ${doc.kind} of another brand was given for ${brandId}`);
      batch.push(toIndexed(doc));
    }
    index.addAll(batch);
    this.ready.set(brandId, index);
  }

  /** The index that incremental changes for this brand go to, if any. */
  private target(brandId: string): { index: HistoryIndex; removed?: Set<string> } | undefined {
    const b = this.building.get(brandId);
    if (b) return { index: b.index, removed: b.removed };
    const index = this.ready.get(brandId);
    return index && { index };
  }

  /** Adds or replaces a document. Ignored for a brand not loaded (its build reads Dexie). */
  add(doc: HistoryDoc): void {
    this.update(doc);
  }

  update(doc: HistoryDoc): void {
    const t = this.target(doc.brandId);
    if (!t) return;
    const indexed = toIndexed(doc);
    t.removed?.delete(indexed.key);
    if (t.index.has(indexed.key)) t.index.replace(indexed);
    else t.index.add(indexed);
  }

  remove(brandId: string, kind: HistoryKind, id: string): void {
    const t = this.target(brandId);
    if (!t) return;
    const key = indexId(kind, id);
    t.removed?.add(key);
    if (t.index.has(key)) t.index.discard(key);
  }

  /** Ranked hits within one brand. Unknown or unloaded brand, or an empty query: []. */
  search(brandId: string, query: string, options: SearchOptions = {}): HistoryHit[] {
    const index = this.ready.get(brandId);
    if (!index || typeof query !== 'string') return [];
    // Content words, searched everywhere. A query of stop words alone ("will", "al") can only
    // mean a name, handle or tag, the fields that keep them: it is searched there.
    let terms = queryTerms(query);
    let scope: QueryScope | undefined;
    if (terms.length === 0) {
      terms = queryTerms(query, processNameTerm);
      scope = { fields: NAME_FIELDS, processTerm: processNameTerm };
    }
    if (terms.length === 0) return [];
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const kinds = options.kinds && new Set(options.kinds);
    const prefixes = kinds && new Set([...kinds].map((k) => indexId(k, '')));
    const filter = (r: SearchResult) =>
      (!prefixes || prefixes.has((r.id as string).slice(0, 2))) &&
      (options.customerId === undefined || r.c === options.customerId);
    const results = runQuery(index, terms, limit, filter, scope);
    return results.map((r) => {
      const { kind, id } = parseIndexId(r.id as string);
      const stored = r as unknown as StoredFields;
      return {
        kind,
        id,
        customerId: stored.c,
        ...(stored.v === undefined ? {} : { conversationId: stored.v }),
        score: r.score,
        time: stored.t,
        terms: r.terms,
      };
    });
  }

  /**
   * `search`, then the hits' current records are read to cut snippets. Hits whose record is
   * gone (deleted by another context, erased, pruned) are dropped and taken out of the index;
   * the limit counts what is left, so deleted records never hide live ones.
   */
  async searchWithSnippets(
    db: CasesideDb,
    brandId: string,
    query: string,
    options: SearchOptions = {},
  ): Promise<HistoryResult[]> {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    for (;;) {
      const hits = this.search(brandId, query, options);
      const found = await this.withSnippets(db, brandId, hits);
      // Every hit still stored, or nothing more to find: done. Otherwise the gone ones have
      // left the index, and the search runs again for the rest.
      if (found.length === hits.length || hits.length < limit) return found.slice(0, limit);
    }
  }

  private async withSnippets(db: CasesideDb, brandId: string, hits: HistoryHit[]): Promise<HistoryResult[]> {
    const ids = (kind: HistoryKind) => hits.filter((h) => h.kind === kind).map((h) => h.id);
    const [customers, messages, notes] = await Promise.all([
      db.customers.bulkGet(ids('customer')),
      db.messages.bulkGet(ids('message')),
      db.notes.bulkGet(ids('note')),
    ]);
    const docs = new Map<string, HistoryDoc>();
    for (const c of customers) if (c) docs.set(indexId('customer', c.id), customerDoc(c));
    for (const m of messages) if (m) docs.set(indexId('message', m.id), messageDoc(m));
    for (const n of notes) if (n) docs.set(indexId('note', n.id), noteDoc(n));
    const out: HistoryResult[] = [];
    for (const hit of hits) {
      const doc = docs.get(indexId(hit.kind, hit.id));
      if (!doc || doc.brandId !== brandId) {
        this.remove(brandId, hit.kind, hit.id);
        continue;
      }
      out.push({ ...hit, snippet: makeSnippet(snippetSource(doc), hit.terms) });
    }
    return out;
  }

  /** The brand's index as JSON (MiniSearch toJSON), for the cache in `meta`. */
  serialize(brandId: string): string {
    const index = this.ready.get(brandId);
    if (!index) throw new Error(`history search: brand ${brandId} is not loaded`);
    return JSON.stringify(index);
  }

  /** Installs a serialised index for the brand. Throws on malformed JSON (then rebuild). */
  deserialize(brandId: string, json: string): void {
    this.ready.set(brandId, loadHistoryIndex(json));
  }
}

/**
 * The panel's full-text index of the active brand's history (customers, messages, notes).
 * Built lazily on the first search — from the cached copy in `meta` when its counts still
 * match, else from IndexedDB — then kept current while the panel is open:
 * - every message and customer written after the load started (captured by the background,
 *   whatever its date; imported; edited, e.g. a tag added) is re-read before the next search:
 *   the database reports the keys of each write, in any extension context (onRecordChanges,
 *   lib/db/schema.ts), and only those records are read;
 * - notes follow every write (added, edited, deleted, here or in another panel) through a Dexie
 *   live query over the brand's notes, whose first answer also corrects a cached index that an
 *   edit elsewhere made stale (an edit changes no count, so the cache check cannot see it).
 * Hits whose record is gone are dropped at search time (HistorySearch.searchWithSnippets).
 */
import { liveQuery } from 'dexie';
import { HistorySearch } from '../search/history-search';
import { restoreOrBuild } from '../search/persist';
import { customerDoc, messageDoc, noteDoc, type HistoryDoc, type HistoryKind } from '../search/documents';
import { onRecordChanges, type CasesideDb, type RecordChanges } from '../db/schema';

const search = new HistorySearch();
const loading = new Map<string, Promise<unknown>>();

/** Keys of messages and customers written since they were last applied to a brand's index. */
type Pending = { dbName: string; messages: Set<string>; customers: Set<string>; rebuild: boolean };
const pending = new Map<string, Pending>();
/**
 * More waiting keys than this (a large import while the panel is open): the brand's index is
 * rebuilt from its own records instead, which also bounds the memory the keys take.
 */
const MAX_PENDING = 50_000;
/** Records read and indexed per step when applying changes, before yielding to the event loop. */
const APPLY_CHUNK = 2_000;
/** Applying changes, per brand: a search waits for the one before it, so none sees half of them. */
const applying = new Map<string, Promise<void>>();
let listening = false;

function noteChanges(changes: RecordChanges): void {
  for (const p of pending.values()) {
    if (p.dbName !== changes.db || p.rebuild) continue;
    // Keys of every brand: a record's brand is known once it is read.
    for (const id of changes.messages) p.messages.add(id);
    for (const id of changes.customers) p.customers.add(id);
    if (p.messages.size + p.customers.size > MAX_PENDING) {
      p.rebuild = true;
      p.messages.clear();
      p.customers.clear();
    }
  }
}

/** Starts collecting the brand's changes; called before its index is read, so none is missed. */
function track(db: CasesideDb, brandId: string): void {
  if (!listening) {
    listening = true;
    onRecordChanges(noteChanges);
  }
  if (!pending.has(brandId)) pending.set(brandId, { dbName: db.name, messages: new Set(), customers: new Set(), rebuild: false });
}

export function ensureLoaded(db: CasesideDb, brandId: string, onProgress?: (done: number, total: number) => void): Promise<unknown> {
  if (search.isLoaded(brandId)) return Promise.resolve();
  let p = loading.get(brandId);
  if (!p) {
    track(db, brandId);
    p = restoreOrBuild(db, search, brandId, { onProgress })
      .then(() => followNotes(db, brandId))
      .finally(() => loading.delete(brandId));
    loading.set(brandId, p);
  }
  return p;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function topUp(db: CasesideDb, brandId: string): Promise<void> {
  const next = (applying.get(brandId) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => applyChanges(db, brandId));
  applying.set(brandId, next);
  return next;
}

async function applyChanges(db: CasesideDb, brandId: string): Promise<void> {
  const p = pending.get(brandId);
  if (!p) return;
  if (p.rebuild) {
    p.rebuild = false;
    try {
      await search.loadBrand(db, brandId, { force: true });
    } catch (error) {
      p.rebuild = true; // the keys were let go: only a rebuild can catch up
      throw error;
    }
    return;
  }
  if (p.messages.size === 0 && p.customers.size === 0) return;
  const customerIds = [...p.customers];
  const messageIds = [...p.messages];
  p.customers.clear();
  p.messages.clear();
  const large = customerIds.length + messageIds.length > APPLY_CHUNK;
  try {
    await reindex(brandId, 'customer', customerIds, p.customers, (ids) => db.customers.bulkGet(ids), customerDoc, large);
  } catch (error) {
    for (const id of messageIds) p.messages.add(id);
    throw error;
  }
  await reindex(brandId, 'message', messageIds, p.messages, (ids) => db.messages.bulkGet(ids), messageDoc, large);
}

/**
 * Reads these records again and puts each in the brand's index, or takes it out (gone, or not
 * this brand's). On a failed read the ids not yet applied go back to `requeue` for the next search.
 */
async function reindex<T extends { brandId: string }>(
  brandId: string,
  kind: HistoryKind,
  ids: readonly string[],
  requeue: Set<string>,
  read: (ids: string[]) => Promise<(T | undefined)[]>,
  toDoc: (record: T) => HistoryDoc,
  yieldBetween: boolean,
): Promise<void> {
  for (let i = 0; i < ids.length; i += APPLY_CHUNK) {
    const chunk = ids.slice(i, i + APPLY_CHUNK);
    let rows: (T | undefined)[];
    try {
      rows = await read(chunk);
    } catch (error) {
      for (const id of ids.slice(i)) requeue.add(id);
      throw error;
    }
    rows.forEach((row, j) => (row?.brandId === brandId ? search.update(toDoc(row)) : search.remove(brandId, kind, chunk[j]!)));
    // Only a large batch (an import) yields: the usual handful of changes costs no extra turn.
    if (yieldBetween) await yieldToEventLoop();
  }
}

/** Brands whose notes a live query keeps current in the index. */
const followed = new Set<string>();

function followNotes(db: CasesideDb, brandId: string): void {
  if (followed.has(brandId)) return;
  followed.add(brandId);
  // Each indexed note's updatedAt: only notes that changed are indexed again.
  const seen = new Map<string, number>();
  let first = true;
  liveQuery(() => db.notes.where('brandId').equals(brandId).toArray()).subscribe({
    next: (notes) => {
      const present = new Set<string>();
      for (const n of notes) {
        present.add(n.id);
        if (first || seen.get(n.id) !== n.updatedAt) search.update(noteDoc(n));
        seen.set(n.id, n.updatedAt);
      }
      for (const id of [...seen.keys()]) {
        if (present.has(id)) continue;
        search.remove(brandId, 'note', id);
        seen.delete(id);
      }
      first = false;
    },
    // A failed read leaves the index as it is (stale hits are still dropped at search time).
    error: () => undefined,
  });
}

export async function searchHistory(db: CasesideDb, brandId: string, query: string, limit = 30) {
  await ensureLoaded(db, brandId);
  await topUp(db, brandId);
  return search.searchWithSnippets(db, brandId, query, { limit });
}

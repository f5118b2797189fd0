/**
 * The panel's full-text index of the active brand's history (customers, messages, notes).
 * Built lazily on the first search — from the cached copy in `meta` when its counts still
 * match, else from IndexedDB — then kept current while the panel is open:
 * - messages and customers recently captured are topped up before each search;
 * - notes follow every write (added, edited, deleted, here or in another panel) through a Dexie
 *   live query over the brand's notes, whose first answer also corrects a cached index that an
 *   edit elsewhere made stale (an edit changes no count, so the cache check cannot see it).
 * Hits whose record is gone are dropped at search time (HistorySearch.searchWithSnippets).
 */
import { liveQuery } from 'dexie';
import { HistorySearch } from '../search/history-search';
import { restoreOrBuild } from '../search/persist';
import { customerDoc, messageDoc, noteDoc } from '../search/documents';
import type { CasesideDb } from '../db/schema';

const search = new HistorySearch();
const loading = new Map<string, Promise<unknown>>();
const toppedUpTo = new Map<string, number>();
/** Captured messages can carry an older page time; look this far back when topping up. */
const TOP_UP_WINDOW_MS = 7 * 24 * 3_600_000;

export function ensureLoaded(db: CasesideDb, brandId: string, onProgress?: (done: number, total: number) => void): Promise<unknown> {
  if (search.isLoaded(brandId)) return Promise.resolve();
  let p = loading.get(brandId);
  if (!p) {
    p = restoreOrBuild(db, search, brandId, { onProgress })
      .then(() => followNotes(db, brandId))
      .finally(() => loading.delete(brandId));
    toppedUpTo.set(brandId, Date.now());
    loading.set(brandId, p);
  }
  return p;
}

async function topUp(db: CasesideDb, brandId: string): Promise<void> {
  const since = (toppedUpTo.get(brandId) ?? Date.now()) - TOP_UP_WINDOW_MS;
  toppedUpTo.set(brandId, Date.now());
  const [recent, customers] = await Promise.all([
    db.messages.where('[brandId+sentAt]').between([brandId, since], [brandId, Infinity]).toArray(),
    // New customers (and those seen again) since: found by name as soon as they are recorded.
    db.customers.where('[brandId+lastSeenAt]').between([brandId, since], [brandId, Infinity]).toArray(),
  ]);
  for (const m of recent) search.update(messageDoc(m));
  for (const c of customers) search.update(customerDoc(c));
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

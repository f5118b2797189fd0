/**
 * The panel's full-text index of the active brand's history (customers, messages, notes).
 * Built lazily on the first search — from the cached copy in `meta` when its counts still
 * match, else from IndexedDB — and topped up with recently captured messages before each
 * search, so the index of a panel that stays open follows what the content script records.
 */
import { HistorySearch } from '../search/history-search';
import { restoreOrBuild } from '../search/persist';
import { messageDoc } from '../search/documents';
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
    p = restoreOrBuild(db, search, brandId, { onProgress }).finally(() =>
      loading.delete(brandId),
    );
    toppedUpTo.set(brandId, Date.now());
    loading.set(brandId, p);
  }
  return p;
}

async function topUp(db: CasesideDb, brandId: string): Promise<void> {
  const since = (toppedUpTo.get(brandId) ?? Date.now()) - TOP_UP_WINDOW_MS;
  toppedUpTo.set(brandId, Date.now());
  const recent = await db.messages.where('[brandId+sentAt]').between([brandId, since], [brandId, Infinity]).toArray();
  for (const m of recent) search.update(messageDoc(m));
}

export async function searchHistory(db: CasesideDb, brandId: string, query: string, limit = 30) {
  await ensureLoaded(db, brandId);
  await topUp(db, brandId);
  return search.searchWithSnippets(db, brandId, query, { limit });
}

/**
 * Caches a brand's history index in the `meta` table so the panel does not rebuild it on
 * every open. The cache is trusted only when its version matches HISTORY_INDEX_VERSION and
 * its per-kind document counts match Dexie's now (messages captured by the background while
 * the panel was closed change the counts, so the index is rebuilt).
 *
 * An edit changes no count, so a cache can be stale after a note was edited while no panel had
 * it open: the panel re-indexes the brand's notes once after loading (lib/panel/history-search.ts)
 * and drops hits of deleted records at search time. A customer renamed (or re-tagged) while no
 * panel had the brand's index loaded is still found by the old name until the index is next
 * rebuilt; while a panel has it loaded, every message and customer written is followed
 * (lib/panel/history-search.ts).
 */
import Dexie from 'dexie';
import { z } from 'zod';
import type { CasesideDb } from '../db/schema';
import { HISTORY_INDEX_VERSION } from './history-index';
import type { HistorySearch, LoadOptions } from './history-search';

import { historyIndexKey } from '../db/ids';

const CountsSchema = z.object({
  customers: z.number().int().min(0),
  messages: z.number().int().min(0),
  notes: z.number().int().min(0),
});
type Counts = z.infer<typeof CountsSchema>;

const CachedIndexSchema = z.object({
  version: z.number().int(),
  counts: CountsSchema,
  savedAt: z.number(),
  json: z.string(),
});

async function countRecords(db: CasesideDb, brandId: string): Promise<Counts> {
  const [customers, messages, notes] = await Promise.all([
    db.customers.where('brandId').equals(brandId).count(),
    db.messages.where('[brandId+sentAt]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey]).count(),
    db.notes.where('brandId').equals(brandId).count(),
  ]);
  return { customers, messages, notes };
}

const total = (c: Counts) => c.customers + c.messages + c.notes;
const sameCounts = (a: Counts, b: Counts) =>
  a.customers === b.customers && a.messages === b.messages && a.notes === b.notes;

/**
 * Saves the loaded brand's index. Returns false (and saves nothing) when the brand is not
 * loaded or its document count differs from Dexie's: an index out of step is not worth caching.
 */
export async function persistIndex(db: CasesideDb, search: HistorySearch, brandId: string): Promise<boolean> {
  if (!search.isLoaded(brandId)) return false;
  const counts = await countRecords(db, brandId);
  if (search.documentCount(brandId) !== total(counts)) return false;
  const value = { version: HISTORY_INDEX_VERSION, counts, savedAt: Date.now(), json: search.serialize(brandId) };
  await db.meta.put({ key: historyIndexKey(brandId), value });
  return true;
}

export type RestoreOutcome = 'restored' | 'missing' | 'stale-version' | 'stale-counts' | 'corrupt';

/** Loads the cached index into `search` when it is still valid; otherwise leaves it unloaded. */
export async function restoreIndex(db: CasesideDb, search: HistorySearch, brandId: string): Promise<RestoreOutcome> {
  const row = await db.meta.get(historyIndexKey(brandId));
  if (!row) return 'missing';
  const cached = CachedIndexSchema.safeParse(row.value);
  if (!cached.success) return 'corrupt';
  if (cached.data.version !== HISTORY_INDEX_VERSION) return 'stale-version';
  if (!sameCounts(cached.data.counts, await countRecords(db, brandId))) return 'stale-counts';
  try {
    search.deserialize(brandId, cached.data.json);
  } catch {
    return 'corrupt';
  }
  if (search.documentCount(brandId) !== total(cached.data.counts)) {
    search.unloadBrand(brandId);
    return 'corrupt';
  }
  return 'restored';
}

/** What the panel calls on open: the cached index if valid, else a build that is then cached. */
export async function restoreOrBuild(
  db: CasesideDb,
  search: HistorySearch,
  brandId: string,
  options: LoadOptions = {},
): Promise<RestoreOutcome | 'built'> {
  const outcome = await restoreIndex(db, search, brandId);
  if (outcome === 'restored') return outcome;
  await search.loadBrand(db, brandId, options);
  await persistIndex(db, search, brandId);
  return 'built';
}

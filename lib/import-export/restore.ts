/**
 * Restoring a parsed backup (issue 7, part 3).
 *
 * `planRestore` tells the user what will happen (adds / replaces / skips per store) before
 * anything is written; `applyRestore` writes it all in ONE read-write transaction over every
 * store, so a failure midway (an exception, a quota error) rolls back to exactly what was
 * stored before. The price: the transaction cannot yield to the event loop, so progress is
 * reported but the page is busy while a very large restore runs.
 *
 * Policies, per row whose key already exists:
 * - skip: keep what is stored;
 * - replace: the backup wins;
 * - keep-newer: the backup wins only if its row is strictly newer (see `freshness`); ties keep
 *   what is stored. Rows without a time (meta) are never "newer".
 * A brand's list kept in one settings row (its pending promises, its known issues) is merged entry
 * by entry under replace and keep-newer, as if each entry were a row: restoring an old backup
 * neither drops what was declared since nor loses what the backup holds.
 * Whatever the policy, a stored row of another brand is never replaced: a backup row whose id is
 * stored with a different brandId refuses the whole restore (RestoreConflictError), and a
 * brand's backup keeps a stored settings row that is not that brand's own.
 *
 * Case references stay unique within a brand. A backup case whose reference another case of the
 * brand already holds (backups restored out of order: a case opened since got the same number) is
 * still restored, with the brand's next free reference, and the brand's counter moves past it; the
 * plan lists each such case (`renamedReferences`, old and new reference) before anything is
 * written. Renaming loses nothing (every row is kept); refusing the row would lose the case.
 */
import { KB_CHANGES_PREFIX, bumpKbRevision, readKbRevision } from '../db/repositories/kb';
import { mergeEntries, validEntries } from '../db/repositories/meta-list';
import { PENDING_PROMISES_PREFIX, PendingPromiseSchema, promiseKey } from '../db/repositories/promises';
import { INCIDENTS_PREFIX, IncidentSchema } from '../db/repositories/incidents';
import Dexie from 'dexie';
import type { CasesideDb } from '../db/schema';
import { nextFreeReference, referenceCounterKey } from '../cases/reference';
import { HISTORY_INDEX_PREFIX, metaBelongsToBrand } from '../db/ids';
import type { Brand, Meta } from '../db/records';
import { accountConflicts } from '../db/repositories/brands';
import { retentionCutoff } from '../db/retention';
import { t } from '../i18n';
import { type Backup, type BackupScope, clip, primaryKeyOf, TABLE_NAMES, type TableName } from './backup-schema';

export { parseBackup, type ParseBackupResult, type BackupSummary, MAX_BACKUP_BYTES } from './parse-backup';

export type RestorePolicy = 'skip' | 'replace' | 'keep-newer';
export type TablePlan = { adds: number; replaces: number; skips: number };
/** A backup case restored under a new reference: `from` was already held by another case of its brand. */
export type RenamedReference = { caseId: string; brandId: string; from: string; to: string };
export type RestorePlan = { policy: RestorePolicy; tables: Record<TableName, TablePlan>; totals: TablePlan; renamedReferences: RenamedReference[] };
/**
 * Messages the restore would write that are older than their brand keeps (Brands → Keep history,
 * as it will be after the restore): the next daily clean-up deletes them. One entry per brand.
 */
export type RetentionNote = { brandId: string; name: string; months: number; messages: number };
export type RestoreProgress = (progress: { table: TableName; done: number; total: number }) => void;

const CHUNK_ROWS = 5_000;
type Row = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? v : -Infinity);

/** Comparable freshness of a row: [time, tie-breaker]. Larger is newer. */
export function freshness(table: TableName, row: Row): [number, number] {
  switch (table) {
    case 'brands':
      // Settings saved since (a signature, a tone, an account); a brand saved before updatedAt
      // existed counts from its creation.
      return [num(row.updatedAt ?? row.createdAt), 0];
    case 'customers':
      return [num(row.lastSeenAt), 0];
    case 'conversations':
      return [num(row.lastMessageAt), 0];
    case 'messages':
    case 'kbArticles':
      return [num(row.capturedAt), 0];
    case 'cases':
      return [num(row.updatedAt), num(row.revision)];
    case 'notes':
    case 'templates':
      return [num(row.updatedAt), 0];
    case 'followUps':
      // Every change stamps updatedAt (a snooze moves no other time); rows written before it
      // existed fall back to the latest time they hold.
      return [typeof row.updatedAt === 'number' ? row.updatedAt : Math.max(num(row.createdAt), num(row.doneAt), num(row.notifiedAt)), 0];
    case 'meta':
      return [-Infinity, 0];
  }
}

const isNewer = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

type Decision = { plan: TablePlan; toWrite: Row[]; renamed: RenamedReference[]; counters: Map<string, number> };

/**
 * Gives each case about to be written whose reference another case of its brand holds (a stored
 * case it does not replace, or an earlier row of the backup) the brand's next free reference.
 * Stored cases keep theirs; so does a backup case that replaces the stored case holding it.
 * Numbers start after the brand's counter and skip every reference held or arriving, as
 * allocateReference does. Reads only: `counters` is each renaming brand's new counter value.
 */
async function giveTakenReferencesNewOnes(db: CasesideDb, toWrite: Row[]): Promise<Pick<Decision, 'toWrite' | 'renamed' | 'counters'>> {
  const renamed: RenamedReference[] = [];
  const counters = new Map<string, number>();
  const out = toWrite.slice();
  const byBrand = new Map<string, number[]>();
  out.forEach((row, i) => {
    const list = byBrand.get(row.brandId as string) ?? [];
    list.push(i);
    byBrand.set(row.brandId as string, list);
  });
  for (const [brandId, indexes] of byBrand) {
    const stored = await db.cases.where('[brandId+reference]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey], true, true).toArray();
    const holder = new Map<string, string>(stored.map((c) => [c.reference, c.id]));
    const storedRef = new Map(stored.map((c) => [c.id, c.reference]));
    const arriving = new Set(indexes.map((i) => out[i]!.reference as string));
    let n: number | null = null;
    for (const i of indexes) {
      const row = out[i]!;
      const id = row.id as string;
      const from = row.reference as string;
      // The stored case this row replaces gives up its own reference.
      const before = storedRef.get(id);
      if (before !== undefined && holder.get(before) === id) holder.delete(before);
      const taken = holder.get(from);
      if (taken === undefined || taken === id) {
        holder.set(from, id);
        continue;
      }
      if (n === null) {
        const counter = (await db.meta.get(referenceCounterKey(brandId)))?.value;
        n = typeof counter === 'number' ? counter : 0;
      }
      const prefix = /^(.*)-\d+$/.exec(from)?.[1] ?? (await db.brands.get(brandId))?.referencePrefix ?? 'REF';
      const next = await nextFreeReference(prefix, n, (ref) => holder.has(ref) || arriving.has(ref));
      const to = next.reference;
      n = next.n;
      holder.set(to, id);
      out[i] = { ...row, reference: to };
      renamed.push({ caseId: id, brandId, from, to });
      counters.set(brandId, n);
    }
  }
  return { toWrite: out, renamed, counters };
}

/**
 * A backup row whose id is stored for another brand: restoring it would write over that brand's
 * data (or move the row to the backup's brand). Ids are UUIDs or hold their brand, so this only
 * happens with an edited or damaged file; the whole restore is refused, nothing written.
 */
export class RestoreConflictError extends Error {
  override readonly name = 'RestoreConflictError';
}

/**
 * Caches in older backups are not restored: a search index is rebuilt from the records (and an
 * old one may still hold words of customers erased since).
 */
const isCache = (table: TableName, row: Row) => table === 'meta' && String(row.key).startsWith(HISTORY_INDEX_PREFIX);

/** Settings rows that hold a list of entries, each with an id and a time (mergeEntries). */
const LIST_ROWS = [
  { prefix: PENDING_PROMISES_PREFIX, merge: (a: unknown, b: unknown, policy: 'replace' | 'keep-newer') => mergeEntries(validEntries(PendingPromiseSchema, a), validEntries(PendingPromiseSchema, b), promiseKey, (p) => p.proposedAt, policy) },
  { prefix: INCIDENTS_PREFIX, merge: (a: unknown, b: unknown, policy: 'replace' | 'keep-newer') => mergeEntries(validEntries(IncidentSchema, a), validEntries(IncidentSchema, b), (i) => i.id, (i) => i.updatedAt, policy) },
] as const;

/** The stored list row with the backup's merged in; null when nothing changes; undefined when it is not a list row. */
function mergedListRow(stored: Row, row: Row, policy: RestorePolicy): Row | null | undefined {
  const kind = LIST_ROWS.find((k) => String(row.key).startsWith(k.prefix));
  if (!kind) return undefined;
  if (policy === 'skip') return null;
  const merged = kind.merge(stored.value, row.value, policy);
  return JSON.stringify(merged) === JSON.stringify(stored.value) ? null : { ...row, value: merged };
}

async function decideTable(db: CasesideDb, table: TableName, allRows: Row[], policy: RestorePolicy, scope: BackupScope): Promise<Decision> {
  const rows = allRows.filter((row) => !isCache(table, row));
  const pk = primaryKeyOf(table);
  const plan: TablePlan = { adds: 0, replaces: 0, skips: 0 };
  const toWrite: Row[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const existing = (await db.table(table).bulkGet(chunk.map((r) => r[pk] as string))) as Array<Row | undefined>;
    chunk.forEach((row, i) => {
      const stored = existing[i];
      if (stored !== undefined && table !== 'meta' && table !== 'brands' && stored.brandId !== row.brandId) {
        throw new RestoreConflictError(
          t('import.restore.otherBrand', {
            table: t(`data.table.${table}`),
            key: clip(String(row[pk])),
            brand: clip(String(row.brandId)),
            stored: clip(String(stored.brandId)),
          }),
        );
      }
      // A brand's backup never replaces a settings row that is not that brand's own (a shared
      // row such as a conversation's tracking, now held by another brand): it is kept.
      const othersMeta = table === 'meta' && stored !== undefined && scope.kind === 'brand' && !metaBelongsToBrand(stored as Meta, scope.brandId);
      const mergedList = table === 'meta' && stored !== undefined && !othersMeta ? mergedListRow(stored, row, policy) : undefined;
      if (stored === undefined) {
        plan.adds++;
        toWrite.push(row);
      } else if (othersMeta) {
        plan.skips++;
      } else if (mergedList !== undefined) {
        if (mergedList) {
          plan.replaces++;
          toWrite.push(mergedList);
        } else plan.skips++;
      } else if (policy === 'replace' || (policy === 'keep-newer' && isNewer(freshness(table, row), freshness(table, stored)))) {
        plan.replaces++;
        toWrite.push(row);
      } else plan.skips++;
    });
  }
  if (table === 'brands') {
    // A restored brand may not claim an account another stored brand now answers from: the
    // conversations of that account would start being recorded under the restored brand.
    for (const row of toWrite) {
      const taken = await accountConflicts(db, row as unknown as Brand);
      if (taken.length) throw new RestoreConflictError(t('import.restore.accountTaken', { brand: clip(String(row.name)), accounts: taken.join(', ') }));
    }
  }
  if (table === 'cases') return { plan, ...(await giveTakenReferencesNewOnes(db, toWrite)) };
  return { plan, toWrite, renamed: [], counters: new Map() };
}

function totalsOf(tables: Record<TableName, TablePlan>): TablePlan {
  const totals: TablePlan = { adds: 0, replaces: 0, skips: 0 };
  for (const t of TABLE_NAMES) {
    totals.adds += tables[t].adds;
    totals.replaces += tables[t].replaces;
    totals.skips += tables[t].skips;
  }
  return totals;
}

/** What applyRestore would do now. Reads only. */
export async function planRestore(db: CasesideDb, backup: Backup, policy: RestorePolicy): Promise<RestorePlan> {
  const tables = {} as Record<TableName, TablePlan>;
  let renamedReferences: RenamedReference[] = [];
  for (const table of TABLE_NAMES) {
    const decision = await decideTable(db, table, backup.tables[table] as Row[], policy, backup.scope);
    tables[table] = decision.plan;
    if (table === 'cases') renamedReferences = decision.renamed;
  }
  return { policy, tables, totals: totalsOf(tables), renamedReferences };
}

/**
 * How many of the messages applyRestore would write under `policy` are older than their brand
 * keeps (its Keep history setting as it will be after the restore: the backup's brand row when
 * that is written, else the stored one). The next daily clean-up deletes them. Reads only.
 */
export async function planRestoreRetention(db: CasesideDb, backup: Backup, policy: RestorePolicy, now = Date.now()): Promise<RetentionNote[]> {
  const brands = new Map<string, Brand>();
  for (const b of await db.brands.toArray()) brands.set(b.id, b);
  for (const row of (await decideTable(db, 'brands', backup.tables.brands as Row[], policy, backup.scope)).toWrite) brands.set(row.id as string, row as unknown as Brand);
  const older = new Map<string, RetentionNote>();
  for (const m of (await decideTable(db, 'messages', backup.tables.messages as Row[], policy, backup.scope)).toWrite) {
    const brand = brands.get(m.brandId as string);
    if (!brand?.retentionMonths || (m.sentAt as number) >= retentionCutoff(now, brand.retentionMonths)) continue;
    const note = older.get(brand.id) ?? { brandId: brand.id, name: brand.name, months: brand.retentionMonths, messages: 0 };
    note.messages++;
    older.set(brand.id, note);
  }
  return [...older.values()];
}

/**
 * Writes the backup under `policy` in one transaction. Resolves with what was done; rejects
 * (with nothing written) if anything fails, including an exception thrown by `onProgress`.
 */
export async function applyRestore(
  db: CasesideDb,
  backup: Backup,
  policy: RestorePolicy,
  onProgress?: RestoreProgress,
): Promise<RestorePlan> {
  const stores = TABLE_NAMES.map((t) => db.table(t));
  return db.transaction('rw', stores, async () => {
    const tables = {} as Record<TableName, TablePlan>;
    // Brands whose knowledge base the backup may write, with their revision before it does: an
    // open panel's engine and the knowledge-base search follow that revision.
    const kbBefore = new Map<string, number>();
    // (Pages kept in a customer's history are not part of it.)
    for (const row of backup.tables.kbArticles) if (row.customerId === null && !kbBefore.has(row.brandId)) kbBefore.set(row.brandId, await readKbRevision(db, row.brandId));
    const kbWritten = new Set<string>();
    let renamedReferences: RenamedReference[] = [];
    let counters = new Map<string, number>();
    for (const table of TABLE_NAMES) {
      const { plan, toWrite, renamed, counters: moved } = await decideTable(db, table, backup.tables[table] as Row[], policy, backup.scope);
      tables[table] = plan;
      if (table === 'cases') [renamedReferences, counters] = [renamed, moved];
      if (table === 'kbArticles') for (const row of toWrite) if (row.customerId === null) kbWritten.add(row.brandId as string);
      onProgress?.({ table, done: 0, total: toWrite.length });
      for (let start = 0; start < toWrite.length; start += CHUNK_ROWS) {
        await db.table(table).bulkPut(toWrite.slice(start, start + CHUNK_ROWS));
        onProgress?.({ table, done: Math.min(start + CHUNK_ROWS, toWrite.length), total: toWrite.length });
      }
    }
    // Unless the backup's own meta row already moved it on (a restore into an empty store keeps
    // the data exactly as exported).
    for (const brandId of kbWritten) {
      const before = kbBefore.get(brandId) ?? 0;
      if ((await readKbRevision(db, brandId)) <= before) await bumpKbRevision(db, brandId, before);
    }
    // The knowledge bases' change logs (kbChangesSince) say nothing true about what a restore
    // wrote, and a backup's own log would claim changes of another store: none is kept, so an
    // open panel behind the revision reads the whole knowledge base once.
    await db.meta.where('key').startsWith(KB_CHANGES_PREFIX).delete();
    // A brand whose case got a new reference: its counter moves past it (after the meta rows, which
    // may have written the backup's older counter).
    for (const [brandId, n] of counters) {
      const key = referenceCounterKey(brandId);
      const current = (await db.meta.get(key))?.value;
      if (!(typeof current === 'number' && current >= n)) await db.meta.put({ key, value: n });
    }
    return { policy, tables, totals: totalsOf(tables), renamedReferences };
  });
}

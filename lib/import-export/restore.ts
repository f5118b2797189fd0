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
 * A counter kept in a settings row (a brand's case-reference counter, its knowledge-base revision)
 * never goes back, whatever the policy: it becomes the larger of the stored value and the
 * backup's. An older backup's counter would hand out again a case number given to a customer
 * erased since (allocateReference only skips numbers still held), and take an open panel's
 * knowledge-base revision back to a number it has seen, so that later changes go unnoticed.
 * Whatever the policy, a stored row of another brand is never replaced: a backup row whose id is
 * stored with a different brandId refuses the whole restore (RestoreConflictError), and a
 * brand's backup keeps a stored settings row that is not that brand's own.
 *
 * Case references stay unique within a brand. A backup case whose reference another case of the
 * brand already holds (backups restored out of order: a case opened since got the same number) is
 * still restored, with the brand's next free reference, and the brand's counter moves past it; the
 * plan lists each such case (`renamedReferences`, old and new reference) before anything is
 * written. Renaming loses nothing (every row is kept); refusing the row would lose the case.
 *
 * The same person recorded by another browser: each browser gives a customer its own id (capture
 * draws a new one), so a backup of the same brand taken elsewhere holds the stored customers under
 * other ids. A backup customer whose id is not stored but who is a stored customer of the same
 * brand (same platform and same user id, or same handle where either side lacks the user id — the
 * identity keys capture finds a customer by; never two different user ids) is merged into that
 * customer: every row of the backup that names the backup's id (conversations, messages, cases,
 * notes, follow-ups, attached pages, links between customers, pending promises, known-issue marks)
 * is restored under the stored id, and the backup's id is written nowhere. The stored record keeps
 * its id; identities, identity keys, links and the span of contact (first and last seen) are
 * combined under every policy (they describe the rows restored with it); the name and the tags are
 * the backup's under replace, and under keep-newer when its record was seen later (as for any
 * customer row). The plan lists each merge (`mergedCustomers`); the customer counts as replaced
 * when the stored record changes, kept otherwise.
 */
import { KB_CHANGES_PREFIX, bumpKbRevision, kbRevisionKey, readKbRevision } from '../db/repositories/kb';
import { mergeEntries, validEntries } from '../db/repositories/meta-list';
import { PENDING_PROMISES_PREFIX, PendingPromiseSchema, promiseKey } from '../db/repositories/promises';
import { INCIDENTS_PREFIX, IncidentSchema } from '../db/repositories/incidents';
import Dexie from 'dexie';
import type { CasesideDb } from '../db/schema';
import { nextFreeReference, referenceCounterKey } from '../cases/reference';
import { HISTORY_INDEX_PREFIX, identityKeys, metaBelongsToBrand } from '../db/ids';
import type { Brand, Customer, Identity, Meta } from '../db/records';
import { accountsTakenBy, normaliseAccounts } from '../db/repositories/brands';
import { retentionCutoff } from '../db/retention';
import { t } from '../i18n';
import { type Backup, type BackupScope, clip, primaryKeyOf, TABLE_NAMES, type TableName } from './backup-schema';

export { parseBackup, type ParseBackupResult, type BackupSummary, MAX_BACKUP_BYTES } from './parse-backup';

export type RestorePolicy = 'skip' | 'replace' | 'keep-newer';
export type TablePlan = { adds: number; replaces: number; skips: number };
/** A backup case restored under a new reference: `from` was already held by another case of its brand. */
export type RenamedReference = { caseId: string; brandId: string; from: string; to: string };
/**
 * A backup customer recognised as a stored customer of its brand (the same person, recorded by
 * another browser under another id): restored as `into`, its records moved to it. `name` is the
 * stored customer's name after the restore.
 */
export type MergedCustomer = { brandId: string; from: string; into: string; name: string };
export type RestorePlan = {
  policy: RestorePolicy;
  tables: Record<TableName, TablePlan>;
  totals: TablePlan;
  renamedReferences: RenamedReference[];
  mergedCustomers: MergedCustomer[];
};
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

type Decision = { plan: TablePlan; toWrite: Row[]; renamed: RenamedReference[]; counters: Map<string, number>; merged: MergedCustomer[] };

/** One identity of the same person: same platform, same user id where both have one, else same handle. */
const sameIdentity = (a: Identity, b: Identity) =>
  a.platform === b.platform && (a.userId && b.userId ? a.userId === b.userId : !!a.handle && !!b.handle && a.handle.toLowerCase() === b.handle.toLowerCase());
/**
 * Whether a stored customer is the backup's: of the same brand, holding one of its identity keys
 * (as capture finds a customer: a user id, or a handle, on one platform, the handles it had before
 * included). A shared handle alone is not enough when the two know different user ids on that
 * platform: a handle given up and taken by someone else.
 */
function samePerson(stored: Customer, incoming: Customer): boolean {
  if (stored.brandId !== incoming.brandId) return false;
  const keys = new Set(stored.identityKeys);
  const holds = (identity: Partial<Identity> & Pick<Identity, 'platform'>) => identityKeys(stored.brandId, identity).some((k) => keys.has(k));
  return incoming.identities.some((i) => {
    if (i.userId && (holds({ platform: i.platform, userId: i.userId }) || stored.identities.some((j) => sameIdentity(i, j) && !!j.userId))) return true;
    if (!i.handle || !(holds({ platform: i.platform, handle: i.handle }) || stored.identities.some((j) => sameIdentity(i, j)))) return false;
    const theirs = stored.identities.flatMap((j) => (j.platform === i.platform && j.userId ? [j.userId] : []));
    return !i.userId || !theirs.length || theirs.includes(i.userId);
  });
}

/** The backup, its customers recognised as stored ones (see the header) and every reference to them moved. */
type Prepared = {
  tables: Record<TableName, Row[]>;
  /** Stored customer id → the backup's rows of that person (already out of `tables.customers`). */
  merging: Map<string, Customer[]>;
};

/** Backup customer id → the stored customer of the same brand who is the same person. Reads only. */
async function sameStoredPeople(db: CasesideDb, customers: Customer[]): Promise<Map<string, { into: string; brandId: string }>> {
  const into = new Map<string, { into: string; brandId: string }>();
  for (let start = 0; start < customers.length; start += CHUNK_ROWS) {
    const chunk = customers.slice(start, start + CHUNK_ROWS);
    const stored = await db.customers.bulkGet(chunk.map((c) => c.id));
    const fresh = chunk.filter((_, i) => stored[i] === undefined);
    const keys = [...new Set(fresh.flatMap((c) => c.identities.flatMap((i) => identityKeys(c.brandId, i))))];
    if (!keys.length) continue;
    const byKey = new Map<string, Customer[]>();
    for (const c of await db.customers.where('identityKeys').anyOf(keys).distinct().toArray()) {
      for (const k of c.identityKeys) byKey.set(k, [...(byKey.get(k) ?? []), c]);
    }
    for (const c of fresh) {
      const candidates = c.identities.flatMap((i) => identityKeys(c.brandId, i)).flatMap((k) => byKey.get(k) ?? []);
      // Keys carry the brand; the brand is checked anyway (a damaged backup could plant a key).
      // Of several stored records of the person, the earliest seen.
      const match = candidates
        .filter((s) => s.id !== c.id && samePerson(s, c))
        .sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
      if (match) into.set(c.id, { into: match.id, brandId: c.brandId });
    }
  }
  return into;
}

/** The customer ids of a list row's entries moved (pending promises; known issues' marks, one per customer, the latest). */
function remapListRow(row: Row, move: (id: unknown, brandId: string) => unknown): Row {
  const key = String(row.key);
  if (!Array.isArray(row.value)) return row;
  const entries = row.value as unknown[];
  const isObject = (e: unknown): e is Record<string, unknown> => typeof e === 'object' && e !== null;
  if (key.startsWith(PENDING_PROMISES_PREFIX)) {
    const brandId = key.slice(PENDING_PROMISES_PREFIX.length);
    return { ...row, value: entries.map((e) => (isObject(e) ? { ...e, customerId: move(e.customerId, brandId) } : e)) };
  }
  if (key.startsWith(INCIDENTS_PREFIX)) {
    const brandId = key.slice(INCIDENTS_PREFIX.length);
    return {
      ...row,
      value: entries.map((e) => {
        if (!isObject(e) || !Array.isArray(e.marks)) return e;
        const latest = new Map<unknown, unknown>();
        for (const m of e.marks as unknown[]) {
          if (!isObject(m)) continue;
          const mark: Record<string, unknown> = { ...m, customerId: move(m.customerId, brandId) };
          const before = latest.get(mark.customerId) as Record<string, unknown> | undefined;
          if (!before || num(mark.at) >= num(before.at)) latest.set(mark.customerId, mark);
        }
        return { ...e, marks: [...latest.values()] };
      }),
    };
  }
  return row;
}

/** Finds the backup's customers who are stored under another id and moves every reference to them. Reads only. */
async function prepareBackup(db: CasesideDb, backup: Backup): Promise<Prepared> {
  const tables = backup.tables as unknown as Record<TableName, Row[]>;
  const customers = backup.tables.customers as Customer[];
  const into = await sameStoredPeople(db, customers);
  if (!into.size) return { tables, merging: new Map() };
  const move = (id: unknown, brandId: unknown) => {
    const m = typeof id === 'string' ? into.get(id) : undefined;
    return m && m.brandId === brandId ? m.into : id;
  };
  const links = (c: Customer): Customer => {
    if (!c.linkedCustomerIds?.length) return c;
    const moved = [...new Set(c.linkedCustomerIds.map((id) => move(id, c.brandId) as string))].filter((id) => id !== c.id && id !== into.get(c.id)?.into);
    return { ...c, linkedCustomerIds: moved };
  };
  const merging = new Map<string, Customer[]>();
  const out = {} as Record<TableName, Row[]>;
  for (const table of TABLE_NAMES) {
    const rows = tables[table];
    if (table === 'brands' || table === 'templates') out[table] = rows;
    else if (table === 'meta') out[table] = rows.map((r) => remapListRow(r, move));
    else if (table === 'customers') {
      out[table] = [];
      for (const c of customers) {
        const target = into.get(c.id);
        if (target) merging.set(target.into, [...(merging.get(target.into) ?? []), links(c)]);
        else out[table].push(links(c) as unknown as Row);
      }
    } else out[table] = rows.map((r) => (into.has(r.customerId as string) ? { ...r, customerId: move(r.customerId, r.brandId) } : r));
  }
  return { tables: out, merging };
}

const definedFields = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * `current` (the stored customer, or the backup's row of it about to be written) with the backup's
 * record of the same person merged in: see the header. Keeps `current`'s id and field order, so an
 * unchanged record compares equal.
 */
function mergeCustomer(current: Customer, incoming: Customer, policy: RestorePolicy): Customer {
  const newer = policy === 'replace' || (policy === 'keep-newer' && isNewer(freshness('customers', incoming as unknown as Row), freshness('customers', current as unknown as Row)));
  const identities = [...current.identities];
  const known = new Set(current.identityKeys);
  for (const identity of incoming.identities) {
    const i = identities.findIndex((x) => sameIdentity(x, identity));
    if (i < 0) {
      // A handle the stored record had before (its keys keep it) is not listed again.
      const keys = identityKeys(current.brandId, identity);
      if (!keys.length || keys.some((k) => !known.has(k))) identities.push(identity);
    } else {
      const had = identities[i]!;
      const fill = newer ? definedFields(identity) : Object.fromEntries(Object.entries(definedFields(identity)).filter(([k]) => had[k as keyof Identity] === undefined));
      if (Object.entries(fill).some(([k, v]) => had[k as keyof Identity] !== v)) identities[i] = { ...had, ...fill };
    }
  }
  // The backup's keys too (a handle the person used before), those of this brand only.
  const own = (k: string) => k.startsWith(`${current.brandId}|`);
  const keys = [...new Set([...current.identityKeys, ...identities.flatMap((i) => identityKeys(current.brandId, i)), ...incoming.identityKeys.filter(own)])];
  const linked = [...new Set([...(current.linkedCustomerIds ?? []), ...(incoming.linkedCustomerIds ?? [])])].filter((id) => id !== current.id);
  return {
    ...current,
    displayName: newer ? incoming.displayName : current.displayName,
    identities: identities.slice(0, 50),
    identityKeys: keys.slice(0, 200),
    tags: newer ? incoming.tags : current.tags,
    firstSeenAt: Math.min(current.firstSeenAt, incoming.firstSeenAt),
    lastSeenAt: Math.max(current.lastSeenAt, incoming.lastSeenAt),
    ...(linked.length === (current.linkedCustomerIds?.length ?? 0) ? {} : { linkedCustomerIds: linked.slice(0, 50) }),
  };
}

/** Merges the backup's records of stored customers into what `toWrite` holds for them, else into the stored rows. */
async function mergeCustomers(db: CasesideDb, merging: Map<string, Customer[]>, policy: RestorePolicy, plan: TablePlan, toWrite: Row[]): Promise<MergedCustomer[]> {
  const merged: MergedCustomer[] = [];
  const ids = [...merging.keys()];
  const stored = await db.customers.bulkGet(ids);
  ids.forEach((id, n) => {
    const before = stored[n];
    const rows = merging.get(id)!;
    const at = toWrite.findIndex((r) => r.id === id);
    // (A plan reads outside a transaction: the stored record may have gone since it was found.)
    let row = at >= 0 ? (toWrite[at] as unknown as Customer) : (before ?? { ...rows[0]!, id });
    for (const incoming of rows) row = mergeCustomer(row, incoming, policy);
    const written = at >= 0 || JSON.stringify(row) !== JSON.stringify(before);
    if (at >= 0) toWrite[at] = row as unknown as Row;
    else if (written) toWrite.push(row as unknown as Row);
    for (const incoming of rows) {
      if (!before) plan.adds++;
      else if (written) plan.replaces++;
      else plan.skips++;
      merged.push({ brandId: row.brandId, from: incoming.id, into: id, name: row.displayName });
    }
  });
  return merged;
}

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

/** Settings rows holding a number that only counts up (see the header). */
const COUNTER_PREFIXES = [referenceCounterKey(''), kbRevisionKey('')];
/** A counter's value as its readers take it (allocateReference, readKbRevision): anything but a number is 0. */
const counterValue = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Whether the backup's counter row is written over the stored one: when it is larger, under every
 * policy; when equal, as any row (replace writes it); never when smaller. Undefined when the row
 * is not a counter.
 */
function writesCounter(stored: Row, row: Row, policy: RestorePolicy): boolean | undefined {
  if (!COUNTER_PREFIXES.some((prefix) => String(row.key).startsWith(prefix))) return undefined;
  const [mine, theirs] = [counterValue(stored.value), counterValue(row.value)];
  return theirs > mine || (theirs === mine && policy === 'replace' && typeof row.value === 'number');
}

/** The stored list row with the backup's merged in; null when nothing changes; undefined when it is not a list row. */
function mergedListRow(stored: Row, row: Row, policy: RestorePolicy): Row | null | undefined {
  const kind = LIST_ROWS.find((k) => String(row.key).startsWith(k.prefix));
  if (!kind) return undefined;
  if (policy === 'skip') return null;
  const merged = kind.merge(stored.value, row.value, policy);
  return JSON.stringify(merged) === JSON.stringify(stored.value) ? null : { ...row, value: merged };
}

async function decideTable(db: CasesideDb, table: TableName, allRows: Row[], policy: RestorePolicy, scope: BackupScope, merging?: Prepared['merging']): Promise<Decision> {
  // A brand's accounts as the brand form stores them (no "@", trimmed), so a backup's "@ACME"
  // is compared, and written, as the "ACME" brandForAgent matches.
  const rows = allRows
    .filter((row) => !isCache(table, row))
    .map((row) => (table === 'brands' ? { ...row, accounts: normaliseAccounts((row as unknown as Brand).accounts) } : row));
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
      const counter = table === 'meta' && stored !== undefined && !othersMeta ? writesCounter(stored, row, policy) : undefined;
      if (stored === undefined) {
        plan.adds++;
        toWrite.push(row);
      } else if (othersMeta) {
        plan.skips++;
      } else if (counter !== undefined) {
        if (counter) {
          plan.replaces++;
          toWrite.push(row);
        } else plan.skips++;
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
    // A restored brand may not claim an account another brand answers from once the restore is
    // done (a stored brand the backup leaves as it is, or another brand of the backup): the
    // conversations of that account would start being recorded under the restored brand.
    const after = new Map((await db.brands.toArray()).map((b) => [b.id, b]));
    for (const row of toWrite) after.set(row.id as string, row as unknown as Brand);
    for (const row of toWrite) {
      const taken = accountsTakenBy(row as unknown as Brand, [...after.values()]);
      if (taken.length) throw new RestoreConflictError(t('import.restore.accountTaken', { brand: clip(String(row.name)), accounts: taken.join(', ') }));
    }
  }
  if (table === 'cases') return { plan, ...(await giveTakenReferencesNewOnes(db, toWrite)), merged: [] };
  const merged = table === 'customers' && merging?.size ? await mergeCustomers(db, merging, policy, plan, toWrite) : [];
  return { plan, toWrite, renamed: [], counters: new Map(), merged };
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
  let mergedCustomers: MergedCustomer[] = [];
  const prepared = await prepareBackup(db, backup);
  for (const table of TABLE_NAMES) {
    const decision = await decideTable(db, table, prepared.tables[table], policy, backup.scope, prepared.merging);
    tables[table] = decision.plan;
    if (table === 'cases') renamedReferences = decision.renamed;
    if (table === 'customers') mergedCustomers = decision.merged;
  }
  return { policy, tables, totals: totalsOf(tables), renamedReferences, mergedCustomers };
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
  const prepared = await prepareBackup(db, backup);
  for (const m of (await decideTable(db, 'messages', prepared.tables.messages, policy, backup.scope)).toWrite) {
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
    let mergedCustomers: MergedCustomer[] = [];
    let counters = new Map<string, number>();
    // Before anything is written: which backup customers are stored under another id.
    const prepared = await prepareBackup(db, backup);
    for (const table of TABLE_NAMES) {
      const { plan, toWrite, renamed, counters: moved, merged } = await decideTable(db, table, prepared.tables[table], policy, backup.scope, prepared.merging);
      tables[table] = plan;
      if (table === 'cases') [renamedReferences, counters] = [renamed, moved];
      if (table === 'customers') mergedCustomers = merged;
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
    // may have written the backup's counter, never one below the stored).
    for (const [brandId, n] of counters) {
      const key = referenceCounterKey(brandId);
      const current = (await db.meta.get(key))?.value;
      if (!(typeof current === 'number' && current >= n)) await db.meta.put({ key, value: n });
    }
    return { policy, tables, totals: totalsOf(tables), renamedReferences, mergedCustomers };
  });
}

/** Reading and restoring backups (issue 7, part 3). */
import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import type { Backup } from '../../lib/import-export/backup-schema';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup, planRestore } from '../../lib/import-export/restore';
import { dump, fixtureText, freshDb } from '../fixtures/db/helpers';
import { bumpKbRevision, kbChangesKey, kbChangesSince, readKbRevision, updateTitle } from '../../lib/db/repositories/kb';
import { openCase } from '../../lib/db/repositories/cases';
import { addNote } from '../../lib/db/repositories/notes';
import { wipeBrand } from '../../lib/db/retention';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';

async function fixtureBackup(): Promise<Backup> {
  const parsed = await parseBackup(fixtureText());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}
const clone = <T>(v: T): T => structuredClone(v);

/** A database whose writes start failing (QuotaExceededError) after `okWrites` mutate calls, when armed. */
function dbFailingAfter(okWrites: number) {
  const state = { armed: false, writes: 0 };
  const quota: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-quota',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (state.armed && ++state.writes > okWrites) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            return table.mutate(req);
          },
        };
      },
    }),
  };
  const db = freshDb('quota') as CasesideDb;
  db.use(quota);
  return { db, state };
}

describe('parseBackup', () => {
  it('accepts the example file (string or Blob) and summarises it', async () => {
    const parsed = await parseBackup(new Blob([fixtureText()]));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.summary.counts).toEqual({ brands: 2, customers: 5, conversations: 6, messages: 12, cases: 3, notes: 3, followUps: 2, templates: 2, kbArticles: 2, meta: 4 });
    expect(parsed.summary.brands.map((b) => b.name)).toEqual(['Northwind Rail', 'Pebble Bakery']);
    // Fields added after v1 get their defaults.
    expect(parsed.backup.tables.customers[0]!.linkedCustomerIds).toEqual([]);
  });

  it('names the first bad field and its path', async () => {
    const raw = JSON.parse(fixtureText());
    raw.tables.messages[11].sentAt = '2025-01-01';
    raw.tables.notes[0].body = 42;
    expect(await parseBackup(JSON.stringify(raw))).toEqual({
      ok: false,
      error: 'tables.messages[11].sentAt: expected number, got string "2025-01-01" (and 1 more problem)',
    });
  });

  it('refuses other files readably', async () => {
    expect(await parseBackup('')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(await parseBackup('{"format":"caseside-backup",')).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is not valid JSON: /) });
    expect(await parseBackup('[1,2]')).toMatchObject({ ok: false, error: expect.stringMatching(/^This is not a Caseside backup/) });
    expect(await parseBackup('{"format":"other"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^This is not a Caseside backup/) });
    expect(await parseBackup('{"format":"caseside-backup","version":4}')).toMatchObject({ ok: false, error: expect.stringMatching(/format version 4; .*Update the extension first/) });
    expect(await parseBackup(fixtureText(), { maxBytes: 1000 })).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is 0\.0 MB; backups over 0 MB are refused\.$/) });
  });
});

describe('planRestore / applyRestore', () => {
  it('round trip: export → wipe → import gives identical data', async () => {
    const db = freshDb('roundtrip');
    await applyRestore(db, await fixtureBackup(), 'skip');
    const before = await dump(db);
    const text = await (await exportBackup(db, { kind: 'all' })).text();
    const name = db.name;
    await db.delete();
    const again = createDb(name);
    expect(await again.messages.count()).toBe(0);
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const done = await applyRestore(again, parsed.backup, 'skip');
    // Every row of the fixture but its search index cache (never restored, never exported).
    expect(done.totals).toEqual({ adds: 35 + 5, replaces: 0, skips: 0 });
    expect(await dump(again)).toBe(before);
  });

  it('plans adds, replaces and skips per store for each policy, and writes accordingly', async () => {
    const backup = await fixtureBackup();
    const db = freshDb('policies');
    await applyRestore(db, backup, 'skip');
    // Stored data moves on: case-0001 is newer than the backup, a template older, one message gone.
    await db.cases.update('case-0001', { updatedAt: backup.tables.cases[0]!.updatedAt + 1000, title: 'edited after backup' });
    await db.templates.update('tpl-0001', { updatedAt: 1, title: 'old title' });
    await db.messages.delete(backup.tables.messages[0]!.id);

    const skip = await planRestore(db, backup, 'skip');
    expect(skip.tables.messages).toEqual({ adds: 1, replaces: 0, skips: 11 });
    expect(skip.tables.cases).toEqual({ adds: 0, replaces: 0, skips: 3 });
    const replace = await planRestore(db, backup, 'replace');
    expect(replace.tables.cases).toEqual({ adds: 0, replaces: 3, skips: 0 });
    // (The backup's search index cache is neither planned nor written.)
    expect(replace.totals).toEqual({ adds: 1, replaces: 39, skips: 0 });
    const newer = await planRestore(db, backup, 'keep-newer');
    expect(newer.tables.cases).toEqual({ adds: 0, replaces: 0, skips: 3 });
    expect(newer.tables.templates).toEqual({ adds: 0, replaces: 1, skips: 1 });
    expect(newer.tables.meta).toEqual({ adds: 0, replaces: 0, skips: 3 });
    expect(await db.meta.where('key').startsWith('search:history:').count()).toBe(0);

    const before = await dump(db);
    expect(await dump(db)).toBe(before); // planning wrote nothing
    const done = await applyRestore(db, backup, 'keep-newer');
    expect(done).toEqual(newer);
    expect((await db.cases.get('case-0001'))!.title).toBe('edited after backup');
    expect((await db.templates.get('tpl-0001'))!.title).toBe('Refund: ask for reference');
    expect(await db.messages.get(backup.tables.messages[0]!.id)).toBeDefined();
  });

  it('moves the knowledge-base revision of each brand whose articles it writes, past what the backup says', async () => {
    const backup = await fixtureBackup();
    const db = freshDb('kb-revision');
    await applyRestore(db, backup, 'skip');
    // The store moved on (captures since the backup); then a page of the backup is restored again.
    await bumpKbRevision(db, B1);
    await bumpKbRevision(db, B1);
    const before = await readKbRevision(db, B1);
    const article = backup.tables.kbArticles.find((a) => a.brandId === B1)!;
    await db.kbArticles.delete(article.id);
    for (const policy of ['keep-newer', 'replace'] as const) {
      const at = await readKbRevision(db, B1);
      await applyRestore(db, backup, policy);
      expect(await db.kbArticles.get(article.id)).toBeDefined();
      // The backup's own (older) revision row must not take it back to a value a panel has seen.
      expect(await readKbRevision(db, B1), policy).toBeGreaterThan(Math.max(at, before));
    }
    // Nothing of the knowledge base written (skip): left as it is.
    const now = await readKbRevision(db, B1);
    await applyRestore(db, backup, 'skip');
    expect(await readKbRevision(db, B1)).toBe(now);
  });

  it("drops the knowledge bases' change logs, so an open panel reads the restored pages in full", async () => {
    const backup = await fixtureBackup();
    const db = freshDb('kb-log');
    await applyRestore(db, backup, 'skip');
    const article = backup.tables.kbArticles.find((a) => a.brandId === B1 && a.customerId === null)!;
    const seen = await readKbRevision(db, B1);
    await updateTitle(db, B1, article.id, 'Renamed here');
    expect((await kbChangesSince(db, B1, seen)).ids).toEqual([article.id]);
    // Even a backup carrying a log (one written by hand, or by an older version) does not leave one.
    const withLog = clone(backup);
    withLog.tables.meta.push({ key: kbChangesKey(B1), value: [[seen + 1, 'nothing-here']] });
    await applyRestore(db, withLog, 'replace');
    expect(await db.meta.where('key').startsWith('kb:changes:').count()).toBe(0);
    expect((await kbChangesSince(db, B1, seen)).ids).toBeNull();
    expect((await db.kbArticles.get(article.id))!.title).toBe(article.title);
  });

  it('refuses to restore a brand that would claim an account another brand now answers from, writing nothing', async () => {
    const backup = await fixtureBackup();
    const db = freshDb('account-taken');
    const restored = backup.tables.brands.find((b) => b.id === B1)!;
    const account = restored.accounts[0]!;
    // Since the backup, the account was given to a brand created here.
    await db.brands.put({ ...restored, id: 'b-new', name: 'New owner', referencePrefix: 'NEW', accounts: [account] });
    const before = await dump(db);
    await expect(planRestore(db, backup, 'keep-newer')).rejects.toThrow(/answers from accounts another brand now uses/);
    await expect(applyRestore(db, backup, 'replace')).rejects.toThrow(/answers from accounts another brand now uses/);
    expect(await dump(db)).toEqual(before);
  });

  it('keep-newer breaks a case time tie on revision', async () => {
    const backup = await fixtureBackup();
    const db = freshDb('revision');
    await applyRestore(db, backup, 'skip');
    await db.cases.update('case-0001', { revision: 1, title: 'older revision' });
    const plan = await planRestore(db, backup, 'keep-newer');
    expect(plan.tables.cases).toEqual({ adds: 0, replaces: 1, skips: 2 });
  });

  it('a failure thrown midway leaves the store exactly as it was', async () => {
    const db = freshDb('atomic');
    const backup = await fixtureBackup();
    await applyRestore(db, { ...backup, tables: { ...backup.tables, messages: backup.tables.messages.slice(0, 3) } }, 'skip');
    // Local edits in stores written before the failure point: a partial write would undo them.
    await db.brands.update(B1, { name: 'Renamed locally' });
    await db.customers.delete('c-0002');
    const before = await dump(db);
    const seen: string[] = [];
    await expect(
      applyRestore(db, backup, 'replace', (p) => {
        seen.push(p.table);
        if (p.table === 'messages' && p.done > 0) throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    expect(seen).toEqual(['brands', 'brands', 'customers', 'customers', 'conversations', 'conversations', 'messages', 'messages']);
    expect(await dump(db)).toBe(before);
  });

  it('a quota error after some writes leaves the store exactly as it was', async () => {
    const { db, state } = dbFailingAfter(4);
    const backup = await fixtureBackup();
    await applyRestore(db, { ...backup, tables: { ...backup.tables, brands: [backup.tables.brands[0]!], customers: [] } }, 'skip');
    const before = await dump(db);
    state.armed = true;
    await expect(applyRestore(db, clone(backup), 'replace')).rejects.toThrow(/quota/);
    expect(state.writes).toBe(5);
    state.armed = false;
    expect(await dump(db)).toBe(before);
    expect(await db.brands.count()).toBe(1);
    expect(await db.brands.get(B1)).toBeDefined();
  });
});

describe("a backup never writes over another brand's data", () => {
  const B2 = 'b1a4c2e0-2222-4a5b-9c00-00000000b002';
  /** The example data stored, and a backup of brand B1 made from it. */
  async function storedAndBrandBackup() {
    const db = freshDb('brand-scope');
    await applyRestore(db, await fixtureBackup(), 'skip');
    const text = await (await exportBackup(db, { kind: 'brand', brandId: B1 })).text();
    return { db, raw: JSON.parse(text) as { tables: Record<string, Array<Record<string, unknown>>> } };
  }

  it("refuses a brand's backup carrying shared settings, another brand's settings or rows whose brandId was edited", async () => {
    const { db, raw } = await storedAndBrandBackup();
    expect((await parseBackup(JSON.stringify(raw))).ok).toBe(true);
    const before = await dump(db);
    for (const row of [
      { key: 'settings:panel', value: { width: 999, dock: 'left' } },
      { key: `search:history:${B2}`, value: { version: 1 } },
      { key: `ref:${B2}`, value: 7 },
      { key: 'track:x:9000000000000000999', value: B2 },
    ]) {
      const edited = clone(raw);
      edited.tables.meta!.push(row);
      const index = edited.tables.meta!.length - 1;
      expect(await parseBackup(JSON.stringify(edited)), row.key).toEqual({
        ok: false,
        error: `tables.meta[${index}].key: settings row "${row.key}" does not belong to brand "${B1}" of this backup`,
      });
    }
    const moved = clone(raw);
    moved.tables.templates![0]!.brandId = B2;
    expect(await parseBackup(JSON.stringify(moved))).toEqual({
      ok: false,
      error: `tables.templates[0].brandId: row of brand "${B2}" in a backup of brand "${B1}"`,
    });
    expect(await dump(db)).toBe(before);
  });

  it("refuses to restore a row whose id is stored for another brand, whatever the policy, and writes nothing", async () => {
    const { db, raw } = await storedAndBrandBackup();
    await db.templates.update('tpl-0001', { title: 'changed locally' });
    // Brand B1's template given the id of brand B2's (its brandId left as B1, so the file is valid).
    const edited = clone(raw);
    edited.tables.templates![0]!.id = 'tpl-0002';
    edited.tables.templates![0]!.updatedAt = Date.now();
    const parsed = await parseBackup(JSON.stringify(edited));
    if (!parsed.ok) throw new Error(parsed.error);
    const before = await dump(db);
    const error = `Row "tpl-0002" of templates in the backup belongs to brand "${B1}", but the stored row with that id belongs to brand "${B2}"; restoring it would overwrite another brand's data.`;
    for (const policy of ['replace', 'keep-newer', 'skip'] as const) {
      await expect(planRestore(db, parsed.backup, policy), policy).rejects.toThrow(error);
      await expect(applyRestore(db, parsed.backup, policy), policy).rejects.toThrow(error);
    }
    // A whole-database backup whose row had its brandId edited: the same.
    const all = await fixtureBackup();
    all.tables.customers.find((c) => c.id === 'c-0004')!.brandId = B1;
    await expect(applyRestore(db, all, 'replace')).rejects.toThrow(/^Row "c-0004" of customers in the backup belongs to brand "b1a4c2e0-1111/);
    expect(await dump(db)).toBe(before);
    expect((await db.templates.get('tpl-0002'))!.brandId).toBe(B2);
  });

  it("keeps a stored settings row that is another brand's when restoring a brand's backup", async () => {
    const { db, raw } = await storedAndBrandBackup();
    // The tracking row of a conversation both brands see is now brand B2's.
    const track = raw.tables.meta!.find((m) => m.key === 'track:x:9000000000000000101')!;
    expect(track.value).toBe(B1);
    await db.meta.put({ key: 'track:x:9000000000000000101', value: B2 });
    const parsed = await parseBackup(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.error);
    const plan = await planRestore(db, parsed.backup, 'replace');
    expect(plan.tables.meta).toEqual({ adds: 0, replaces: raw.tables.meta!.length - 1, skips: 1 });
    await applyRestore(db, parsed.backup, 'replace');
    expect((await db.meta.get('track:x:9000000000000000101'))!.value).toBe(B2);
  });
});

describe('case references after restoring backups', () => {
  const brandRow = { id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 };
  const customerRow = { id: 'c1', brandId: 'b1', displayName: 'Ana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] };
  async function backupOf(db: CasesideDb) {
    const parsed = await parseBackup(await (await exportBackup(db, { kind: 'brand', brandId: 'b1' })).text());
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.backup;
  }

  it('stay unique within the brand: a backup case whose reference is taken is restored under the next free one', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put(brandRow);
    await db.customers.put(customerRow);
    await openCase(db, { brandId: 'b1', customerId: 'c1' }); // ACME-0001
    await openCase(db, { brandId: 'b1', customerId: 'c1' }); // ACME-0002
    const monday = await backupOf(db);
    const tuesdayCase = await openCase(db, { brandId: 'b1', customerId: 'c1' }); // ACME-0003
    await addNote(db, { brandId: 'b1', customerId: 'c1', caseId: tuesdayCase.id, body: 'promised a refund' });
    const tuesday = await backupOf(db);

    // Wednesday: the brand is wiped and Monday's backup restored, then work goes on.
    await wipeBrand(db, 'b1');
    await applyRestore(db, monday, 'keep-newer');
    const wednesday = await openCase(db, { brandId: 'b1', customerId: 'c1' });
    expect(wednesday.reference).toBe('ACME-0003');
    // Then Tuesday's backup, to get back what Monday's lacked: the plan says which case is renamed.
    const plan = await planRestore(db, tuesday, 'keep-newer');
    expect(plan.tables.cases).toEqual({ adds: 1, replaces: 0, skips: 2 });
    expect(plan.renamedReferences).toEqual([{ caseId: tuesdayCase.id, brandId: 'b1', from: 'ACME-0003', to: 'ACME-0004' }]);
    const done = await applyRestore(db, tuesday, 'keep-newer');
    expect(done.renamedReferences).toEqual(plan.renamedReferences);

    const refs = (await db.cases.toArray()).map((c) => c.reference).sort();
    expect(refs).toEqual(['ACME-0001', 'ACME-0002', 'ACME-0003', 'ACME-0004']);
    // Nothing lost: the stored case keeps its reference, Tuesday's case and its note are back.
    expect((await db.cases.get(wednesday.id))?.reference).toBe('ACME-0003');
    expect((await db.cases.get(tuesdayCase.id))?.reference).toBe('ACME-0004');
    expect(await db.notes.where('caseId').equals(tuesdayCase.id).count()).toBe(1);
    // The counter moved on: the next case is not given a number a restored case holds.
    expect((await openCase(db, { brandId: 'b1', customerId: 'c1' })).reference).toBe('ACME-0005');
  });

  it('a backup case that replaces the stored case keeps its reference under every policy', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put(brandRow);
    await db.customers.put(customerRow);
    await openCase(db, { brandId: 'b1', customerId: 'c1' });
    await openCase(db, { brandId: 'b1', customerId: 'c1' });
    const backup = await backupOf(db);
    for (const policy of ['replace', 'keep-newer', 'skip'] as const) {
      expect((await planRestore(db, backup, policy)).renamedReferences).toEqual([]);
      await applyRestore(db, backup, policy);
      expect((await db.cases.toArray()).map((c) => c.reference).sort()).toEqual(['ACME-0001', 'ACME-0002']);
    }
  });
});

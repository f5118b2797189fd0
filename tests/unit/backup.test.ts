/** Export to the versioned JSON backup (issue 7, parts 1–2). */
import { describe, expect, it } from 'vitest';
import { STORES } from '../../lib/db/schema';
import { BackupSchema, TABLE_NAMES } from '../../lib/import-export/backup-schema';
import { BackupTooLargeError, backupFileName, exportBackup } from '../../lib/import-export/export';
import { parseBackup } from '../../lib/import-export/restore';
import { kbChangesKey, updateTitle } from '../../lib/db/repositories/kb';
import { fixtureTables, freshDb, seed } from '../fixtures/db/helpers';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const B2 = 'b1a4c2e0-2222-4a5b-9c00-00000000b002';

describe('backup format', () => {
  it('covers every store of the database (a new store must be added to the format)', async () => {
    expect([...TABLE_NAMES].sort()).toEqual(Object.keys(STORES).sort());
    const db = freshDb('tables');
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
  });

  it('accepts the example data and rejects unknown keys at any depth', () => {
    const backup = JSON.parse(JSON.stringify({ format: 'caseside-backup', version: 1, exportedAt: 1, scope: { kind: 'all' }, tables: fixtureTables() }));
    expect(BackupSchema.safeParse(backup).success).toBe(true);
    backup.tables.brands[0].tone.shouty = true;
    const result = BackupSchema.safeParse(backup);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['tables', 'brands', 0, 'tone'] });
  });

  it('writes version 3 (follow-ups with updatedAt: a reader of version 2 only says "update first") and still reads versions 1 and 2', async () => {
    const db = freshDb('version');
    await seed(db);
    const written = JSON.parse(await (await exportBackup(db, { kind: 'all' })).text()) as { version: number };
    expect(written.version).toBe(3);
    const v1 = JSON.parse(JSON.stringify({ format: 'caseside-backup', version: 1, exportedAt: 1, scope: { kind: 'all' }, tables: fixtureTables() }));
    expect(BackupSchema.safeParse(v1).success).toBe(true);
    expect(BackupSchema.safeParse({ ...v1, version: 2 }).success).toBe(true);
    expect(BackupSchema.safeParse({ ...v1, version: 4 }).success).toBe(false);
  });
});

describe('exportBackup', () => {
  it('exports every row of every store, in key order, and the file parses back', async () => {
    const db = freshDb('export');
    await seed(db);
    const blob = await exportBackup(db, { kind: 'all' }, undefined, { now: 1_736_000_000_000 });
    expect(blob.type).toBe('application/json');
    const text = await blob.text();
    const parsed = await parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.backup.exportedAt).toBe(1_736_000_000_000);
    const raw = JSON.parse(text) as { tables: Record<string, Array<Record<string, unknown>>> };
    const fixture = fixtureTables();
    for (const t of TABLE_NAMES) {
      const key = t === 'meta' ? 'key' : 'id';
      // The search index cache is not data: left out (rebuilt from the records).
      const rows = fixture[t].filter((r) => !String(r.key ?? '').startsWith('search:history:'));
      const sorted = [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1));
      expect(raw.tables[t], t).toEqual(sorted);
    }
    expect(parsed.summary.counts).toMatchObject({ brands: 2, customers: 5, messages: 12, meta: 3 });
  });

  it("exports one brand's rows only, with that brand's meta rows", async () => {
    const db = freshDb('export-brand');
    await seed(db);
    const parsed = await parseBackup(await exportBackup(db, { kind: 'brand', brandId: B2 }));
    if (!parsed.ok) throw new Error(parsed.error);
    const { tables } = parsed.backup;
    expect(tables.brands.map((b) => b.id)).toEqual([B2]);
    for (const t of TABLE_NAMES) {
      if (t === 'brands' || t === 'meta') continue;
      for (const row of tables[t]) expect((row as { brandId: string }).brandId, t).toBe(B2);
    }
    expect(tables.customers.map((c) => c.id)).toEqual(['c-0004', 'c-0005']);
    expect(tables.messages).toHaveLength(3);
    // B2's only settings row is its search index cache, which is never exported.
    expect(tables.meta.map((m) => m.key)).toEqual([]);

    const b1 = await parseBackup(await exportBackup(db, { kind: 'brand', brandId: B1 }));
    expect(b1.ok && b1.backup.tables.meta.map((m) => m.key)).toEqual([`kb:revision:${B1}`, 'track:x:9000000000000000101']);
  });

  it("leaves out the knowledge bases' change logs (they describe this store's own writes)", async () => {
    const db = freshDb('export-kb-log');
    await seed(db);
    const page = (await db.kbArticles.where('brandId').equals(B1).toArray()).find((a) => a.customerId === null)!;
    await updateTitle(db, B1, page.id, 'Renamed');
    expect(await db.meta.get(kbChangesKey(B1))).toBeDefined();
    for (const scope of [{ kind: 'all' } as const, { kind: 'brand', brandId: B1 } as const]) {
      const parsed = await parseBackup(await exportBackup(db, scope));
      if (!parsed.ok) throw new Error(parsed.error);
      const keys = parsed.backup.tables.meta.map((m) => m.key);
      expect(keys).toContain(`kb:revision:${B1}`);
      expect(keys.filter((k) => k.startsWith('kb:changes:'))).toEqual([]);
    }
  });

  it('reads in chunks, reports progress per store and lets the event loop run between chunks', async () => {
    const db = freshDb('export-chunks');
    await seed(db);
    const base = fixtureTables().messages[0]!;
    await db.messages.bulkAdd(
      Array.from({ length: 12_000 }, (_, i) => ({ ...base, id: `bulk-${String(i).padStart(6, '0')}`, nativeId: `n${i}`, sentAt: 1_000 + i }) as never),
    );
    const progress: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const blob = await exportBackup(db, { kind: 'all' }, (p) => progress.push(`${p.table}:${p.done}/${p.total}`), { chunkRows: 5_000 });
    clearInterval(timer);
    expect(progress.filter((p) => p.startsWith('messages:'))).toEqual([
      'messages:0/12012', 'messages:5000/12012', 'messages:10000/12012', 'messages:12012/12012',
    ]);
    expect(progress).toContain('brands:2/2');
    expect(ticks).toBeGreaterThan(3);
    const parsed = await parseBackup(blob);
    expect(parsed.ok && parsed.summary.counts.messages).toBe(12_012);
  });

  it('refuses to write a backup that could not be imported back, naming the row', async () => {
    const db = freshDb('export-bad');
    await seed(db);
    await db.messages.update(`${B1}/x:m:9000000000000000002`, { sentAt: 'yesterday' as never });
    await expect(exportBackup(db, { kind: 'all' })).rejects.toThrow(
      `Cannot export: stored messages row "${B1}/x:m:9000000000000000002" is invalid (sentAt: expected number, got string "yesterday").`,
    );
  });

  it('names files by date and brand', () => {
    const t = Date.UTC(2026, 4, 1);
    expect(backupFileName({ kind: 'all' }, t)).toBe('caseside-backup-2026-05-01.json');
    expect(backupFileName({ kind: 'brand', brandId: B1 }, t, 'Northwind Rail')).toBe('caseside-northwind-rail-2026-05-01.json');
  });
});

describe('exportBackup never writes a backup that restore refuses as too large', () => {
  it('refuses, saying why and what to do, a backup one byte over the limit; writes one exactly at it, and restore reads it', async () => {
    const db = freshDb('too-large');
    await seed(db);
    await db.notes.put({ ...(await db.notes.toCollection().first())!, id: 'n-utf8', body: 'Mañana 😀 €' });
    const size = (await exportBackup(db, { kind: 'all' }, undefined, { now: 1 })).size;
    const refused = await exportBackup(db, { kind: 'all' }, undefined, { now: 1, maxBytes: size - 1 }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupTooLargeError);
    expect((refused as Error).message).toBe(
      `Cannot export: the backup would be over 0 MB, more than a restore can read back. Nothing was saved and nothing stored was changed. Export one brand at a time instead (the “Export … only” button), or set a shorter Keep history under Brands.`,
    );
    const blob = await exportBackup(db, { kind: 'all' }, undefined, { now: 1, maxBytes: size });
    expect(blob.size).toBe(size);
    expect((await parseBackup(blob, { maxBytes: size })).ok).toBe(true);
    // A brand's backup says so for one brand.
    const brandId = (await db.brands.toCollection().first())!.id;
    await expect(exportBackup(db, { kind: 'brand', brandId }, undefined, { maxBytes: 100 })).rejects.toThrow(/^Cannot export: this brand’s backup would be over 0 MB/);
  });
});


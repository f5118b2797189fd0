/**
 * A restored brand cannot claim, through a leading "@" or another case, an account another brand
 * answers from: restore compares accounts as brandForAgent does (accountKeys), and writes a
 * backup's accounts as the brand form stores them.
 */
import { describe, expect, it } from 'vitest';
import { applyRestore, planRestore } from '../../lib/import-export/restore';
import { BackupSchema } from '../../lib/import-export/backup-schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { createDb } from '../../lib/db/schema';
import type { BrandAccount } from '../../lib/db/records';

const brandRow = (id: string, name: string, accounts: BrandAccount[]) => ({
  id, name, referencePrefix: name.toUpperCase().slice(0, 8), accounts, signature: '',
  tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 1, updatedAt: 1,
});

/** A full backup (format 3) holding these brands and nothing else. */
const backupOf = (...brands: ReturnType<typeof brandRow>[]) =>
  BackupSchema.parse({
    format: 'caseside-backup',
    version: 3,
    exportedAt: 1,
    scope: { kind: 'all' },
    tables: { brands, customers: [], conversations: [], messages: [], cases: [], notes: [], followUps: [], templates: [], kbArticles: [], meta: [] },
  });

describe('restored brand accounts', () => {
  it("refuses a backup brand listing '@ACME' beside a stored brand listing 'acme', writing nothing", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme' }] });
    const backup = backupOf(brandRow('zzz', 'Other', [{ platform: 'x', handle: '@ACME' }]));
    await expect(planRestore(db, backup, 'keep-newer')).rejects.toThrow(/answers from accounts another brand now uses/);
    await expect(applyRestore(db, backup, 'keep-newer')).rejects.toThrow(/answers from accounts another brand now uses/);
    expect(await db.brands.get('zzz')).toBeUndefined();
    // A Page id with spaces around it is the same Page too.
    await saveBrand(db, { name: 'Pages', referencePrefix: 'PG', accounts: [{ platform: 'facebook', pageId: '123' }] });
    await expect(applyRestore(db, backupOf(brandRow('yyy', 'Copy', [{ platform: 'facebook', pageId: ' 123 ' }])), 'replace')).rejects.toThrow(
      /answers from accounts another brand now uses/,
    );
  });

  it('refuses two brands of one backup listing the same account', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const backup = backupOf(brandRow('b1', 'Acme', [{ platform: 'x', handle: 'acme' }]), brandRow('b2', 'Bolt', [{ platform: 'x', handle: '@Acme' }]));
    await expect(applyRestore(db, backup, 'keep-newer')).rejects.toThrow(/answers from accounts another brand now uses/);
    expect(await db.brands.count()).toBe(0);
  });

  it("writes a backup's accounts as the brand form stores them; the same account on another platform is no conflict", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'facebook', handle: 'acme' }] });
    await applyRestore(db, backupOf(brandRow('zzz', 'Other', [{ platform: 'x', handle: ' @ACME ' }, { platform: 'facebook', pageId: ' 42 ' }])), 'keep-newer');
    expect((await db.brands.get('zzz'))?.accounts).toEqual([
      { platform: 'x', handle: 'ACME' },
      { platform: 'facebook', pageId: '42' },
    ]);
  });
});

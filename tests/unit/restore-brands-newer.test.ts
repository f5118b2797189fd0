/**
 * Restore's "keep the newer one" for brands: a save of the brand's settings stamps updatedAt, so a
 * backup taken after the signature changed brings it back, and an older backup leaves it alone.
 * Before, brands were compared on createdAt (equal on both sides), so no setting was ever restored.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, freshness, parseBackup } from '../../lib/import-export/restore';
import { saveBrand } from '../../lib/db/repositories/brands';
import { createDb, type CasesideDb } from '../../lib/db/schema';

const T0 = Date.UTC(2025, 0, 1);

async function backupOf(db: CasesideDb) {
  const parsed = await parseBackup(await (await exportBackup(db, { kind: 'all' })).text());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}

afterEach(() => vi.useRealTimers());

describe('brand updatedAt and keep-newer', () => {
  it('restores settings saved after the stored ones, and keeps stored settings newer than the backup', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const here = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(here, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '— Acme' });
    expect(brand.updatedAt).toBe(T0);
    const old = await backupOf(here);

    // Elsewhere (the same brand, restored there), the signature changed a day later.
    const there = createDb(`t-${crypto.randomUUID()}`);
    await applyRestore(there, old, 'replace');
    vi.setSystemTime(T0 + 86_400_000);
    await saveBrand(there, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '— Acme support team' }, brand.id);
    const newer = await backupOf(there);

    await applyRestore(here, newer, 'keep-newer');
    expect((await here.brands.get(brand.id))?.signature).toBe('— Acme support team');
    // The older backup does not take it back.
    await applyRestore(here, old, 'keep-newer');
    expect((await here.brands.get(brand.id))?.signature).toBe('— Acme support team');
  });

  it('counts a brand saved before updatedAt existed from its creation', () => {
    expect(freshness('brands', { createdAt: 5 })).toEqual([5, 0]);
    expect(freshness('brands', { createdAt: 5, updatedAt: 9 })).toEqual([9, 0]);
  });
});

/**
 * Counters kept in settings rows never go back on a restore: a brand's case-reference counter
 * (a number given to a customer erased since is never handed out again) and its knowledge-base
 * revision (an open panel, or the search index, that compares revisions sees every later change).
 */
import { describe, expect, it } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import type { Customer, KbArticle } from '../../lib/db/records';
import { saveBrand } from '../../lib/db/repositories/brands';
import { openCase } from '../../lib/db/repositories/cases';
import { addArticle, deleteArticle, readKbRevision, searchArticles } from '../../lib/db/repositories/kb';
import { eraseCustomer } from '../../lib/db/retention';
import { referenceCounterKey } from '../../lib/cases/reference';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup, planRestore, type RestorePolicy } from '../../lib/import-export/restore';
import type { Backup } from '../../lib/import-export/backup-schema';

const POLICIES: RestorePolicy[] = ['replace', 'keep-newer', 'skip'];

const customer = (id: string, brandId: string, displayName: string): Customer => ({
  id,
  brandId,
  displayName,
  identities: [],
  identityKeys: [],
  tags: [],
  firstSeenAt: 0,
  lastSeenAt: 0,
  linkedCustomerIds: [],
});

async function acme(): Promise<{ db: CasesideDb; brandId: string }> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  return { db, brandId: brand.id };
}

async function backupOf(db: CasesideDb): Promise<Backup> {
  const parsed = await parseBackup(await exportBackup(db, { kind: 'all' }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}

let n = 0;
const article = (brandId: string, url: string, title: string, text: string): KbArticle => ({
  id: `art-${++n}`,
  brandId,
  url,
  title,
  excerpt: text.slice(0, 60),
  text,
  html: `<p>${text}</p>`,
  capturedAt: 1_700_000_000_000 + n,
  customerId: null,
});

describe('restore: case-reference counter', () => {
  for (const policy of POLICIES) {
    it(`never hands out again the number of a case erased since the backup (${policy})`, async () => {
      const { db, brandId } = await acme();
      await db.customers.bulkPut([customer('a', brandId, 'Ana Sample'), customer('b', brandId, 'Bo Example')]);
      expect((await openCase(db, { brandId, customerId: 'a' })).reference).toBe('ACME-0001');
      const backup = await backupOf(db);
      expect((await openCase(db, { brandId, customerId: 'b' })).reference).toBe('ACME-0002');
      // Bo was told ACME-0002; then Bo asked to be forgotten.
      await eraseCustomer(db, 'b');
      await applyRestore(db, backup, policy);
      expect((await db.meta.get(referenceCounterKey(brandId)))?.value).toBe(2);
      expect((await openCase(db, { brandId, customerId: 'a' })).reference).toBe('ACME-0003');
    });
  }

  it("moves the stored counter up to the backup's when that is larger, under every policy", async () => {
    // Monday's backup restored on a new computer; then Tuesday's, to catch up. On Tuesday a case was
    // opened for a customer erased the same day: its number must not be given again here.
    const { db: office, brandId } = await acme();
    await office.customers.bulkPut([customer('a', brandId, 'Ana Sample'), customer('c', brandId, 'Cy Placeholder')]);
    await openCase(office, { brandId, customerId: 'a' }); // ACME-0001
    const monday = await backupOf(office);
    expect((await openCase(office, { brandId, customerId: 'c' })).reference).toBe('ACME-0002');
    await eraseCustomer(office, 'c');
    const tuesday = await backupOf(office);

    for (const policy of POLICIES) {
      const laptop = createDb(`t-${crypto.randomUUID()}`);
      await applyRestore(laptop, monday, 'skip');
      expect((await laptop.meta.get(referenceCounterKey(brandId)))?.value).toBe(1);
      const plan = await planRestore(laptop, tuesday, policy);
      const done = await applyRestore(laptop, tuesday, policy);
      expect(done.tables.meta, policy).toEqual(plan.tables.meta);
      expect(done.tables.meta.replaces, policy).toBeGreaterThanOrEqual(1);
      expect((await openCase(laptop, { brandId, customerId: 'a' })).reference, policy).toBe('ACME-0003');
    }
  });

  it('keeps the stored counter when a backup holds something that is not a number', async () => {
    const { db, brandId } = await acme();
    await db.customers.put(customer('a', brandId, 'Ana Sample'));
    await openCase(db, { brandId, customerId: 'a' });
    await openCase(db, { brandId, customerId: 'a' });
    const backup = await backupOf(db);
    const damaged = structuredClone(backup);
    damaged.tables.meta = damaged.tables.meta.map((row) => (row.key === referenceCounterKey(brandId) ? { ...row, value: 'lots' } : row));
    const plan = await planRestore(db, damaged, 'replace');
    expect(plan.tables.meta.skips).toBeGreaterThanOrEqual(1);
    await applyRestore(db, damaged, 'replace');
    expect((await db.meta.get(referenceCounterKey(brandId)))?.value).toBe(2);
  });
});

describe('restore: knowledge-base revision', () => {
  it('never goes back, so a search index built before the restore sees pages captured after it', async () => {
    const { db, brandId } = await acme();
    // The backup's knowledge base is empty, its revision 2 (a page captured, then deleted).
    const first = await addArticle(db, article(brandId, 'https://help.example.com/old', 'Old page', 'Nothing kept here.'));
    await deleteArticle(db, brandId, first.id);
    const backup = await backupOf(db);
    expect(backup.tables.kbArticles).toEqual([]);
    // Pages captured since; a search builds the brand's index at revision 4.
    const refunds = await addArticle(db, article(brandId, 'https://help.example.com/refunds', 'Refunds', 'Refunds take five working days.'));
    await addArticle(db, article(brandId, 'https://help.example.com/seats', 'Seats', 'Seat reservations open a week before.'));
    expect((await searchArticles(db, brandId, 'refunds')).map((r) => r.article.id)).toEqual([refunds.id]);
    const seen = await readKbRevision(db, brandId);
    expect(seen).toBe(4);

    await applyRestore(db, backup, 'replace');
    expect(await readKbRevision(db, brandId)).toBeGreaterThanOrEqual(seen);
    // Two captures after the restore: had the revision gone back to 2, they would bring it to 4
    // again, the revision the index was built at, and the index would not look at them.
    const luggage = await addArticle(db, article(brandId, 'https://help.example.com/luggage', 'Lost luggage', 'The lost luggage desk is at gate nine.'));
    await addArticle(db, article(brandId, 'https://help.example.com/pets', 'Pets', 'Small pets travel in a carrier.'));
    expect(await readKbRevision(db, brandId)).toBeGreaterThan(seen);
    expect((await searchArticles(db, brandId, 'luggage')).map((r) => r.article.id)).toEqual([luggage.id]);
  });

  it("takes the backup's revision when it is larger, under every policy", async () => {
    for (const policy of POLICIES) {
      const { db, brandId } = await acme();
      await addArticle(db, article(brandId, 'https://help.example.com/refunds', 'Refunds', 'Refunds take five working days.'));
      // The same page, in a backup from a store whose knowledge base changed more often.
      const ahead = structuredClone(await backupOf(db));
      ahead.tables.meta = ahead.tables.meta.map((row) => (row.key === `kb:revision:${brandId}` ? { ...row, value: 9 } : row));
      await applyRestore(db, ahead, policy);
      expect(await readKbRevision(db, brandId), policy).toBeGreaterThanOrEqual(9);
    }
  });
});

/**
 * Restore's "keep the newer one" for follow-ups: every change stamps updatedAt (a snooze moves no
 * other time), and rows without it (older stores, version 1–2 backups) fall back to the latest
 * time they hold.
 */
import { describe, expect, it } from 'vitest';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, freshness, parseBackup, planRestore } from '../../lib/import-export/restore';
import { addFollowUp, completeFollowUp, markNotified, snoozeFollowUp } from '../../lib/db/repositories/follow-ups';
import { freshDbWithBrand } from '../fixtures/db/helpers';

const BRAND = 'b-fu';
const T0 = Date.UTC(2025, 0, 1);
const H = 3_600_000;

async function setup(label: string) {
  const db = await freshDbWithBrand(label, { id: BRAND, name: 'Acme', referencePrefix: 'ACME' });
  await db.customers.put({
    id: 'c1', brandId: BRAND, displayName: 'Bob', identities: [], identityKeys: [], tags: [], linkedCustomerIds: [],
    firstSeenAt: T0, lastSeenAt: T0,
  });
  return db;
}

async function backupOf(db: Awaited<ReturnType<typeof setup>>) {
  const parsed = await parseBackup(await (await exportBackup(db, { kind: 'all' })).text());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}

describe('follow-up updatedAt', () => {
  it('is stamped by every change: add, done, snooze/reopen, reminder shown; a change that changes nothing keeps it', async () => {
    const db = await setup('fu-stamp');
    const f = await addFollowUp(db, { brandId: BRAND, customerId: 'c1', dueAt: T0 + H, reason: 'call back' }, T0);
    expect(f.updatedAt).toBe(T0);
    await markNotified(db, f.id, T0 + H);
    expect((await db.followUps.get(f.id))?.updatedAt).toBe(T0 + H);
    expect((await completeFollowUp(db, BRAND, f.id, T0 + 2 * H)).updatedAt).toBe(T0 + 2 * H);
    expect((await completeFollowUp(db, BRAND, f.id, T0 + 3 * H)).updatedAt).toBe(T0 + 2 * H); // already done
    expect((await snoozeFollowUp(db, BRAND, f.id, T0 + 30 * H, T0 + 4 * H)).updatedAt).toBe(T0 + 4 * H);
  });
});

describe('restore keep-newer vs follow-ups changed after the backup', () => {
  it('a follow-up re-opened (snoozed) after the backup stays open under keep-newer', async () => {
    const db = await setup('fu-reopen');
    const f = await addFollowUp(db, { brandId: BRAND, customerId: 'c1', dueAt: T0 + H, reason: 'call back' }, T0);
    await completeFollowUp(db, BRAND, f.id, T0 + 2 * H); // done
    const backup = await backupOf(db);
    // After the backup the agent re-opens it by snoozing to tomorrow (the newest state).
    await snoozeFollowUp(db, BRAND, f.id, T0 + 30 * H, T0 + 3 * H);
    const plan = await planRestore(db, backup, 'keep-newer');
    expect(plan.tables.followUps).toEqual({ adds: 0, replaces: 0, skips: 1 });
    await applyRestore(db, backup, 'keep-newer');
    expect(await db.followUps.get(f.id)).toMatchObject({ dueAt: T0 + 30 * H, doneAt: null, notifiedAt: null });
  });

  it('a follow-up snoozed after its reminder fired keeps its new reminder under keep-newer', async () => {
    const db = await setup('fu-snooze');
    const f = await addFollowUp(db, { brandId: BRAND, customerId: 'c1', dueAt: T0 + H, reason: 'call back' }, T0);
    await markNotified(db, f.id, T0 + H); // reminder shown
    const backup = await backupOf(db);
    await snoozeFollowUp(db, BRAND, f.id, T0 + 30 * H, T0 + 2 * H);
    await applyRestore(db, backup, 'keep-newer');
    expect(await db.followUps.get(f.id)).toMatchObject({ dueAt: T0 + 30 * H, notifiedAt: null });
  });

  it('a backup whose follow-up changed later than the stored one still wins under keep-newer', async () => {
    const db = await setup('fu-backup-newer');
    const f = await addFollowUp(db, { brandId: BRAND, customerId: 'c1', dueAt: T0 + H, reason: 'call back' }, T0);
    await completeFollowUp(db, BRAND, f.id, T0 + 5 * H);
    const backup = await backupOf(db);
    await db.followUps.put({ ...f, updatedAt: T0 + H }); // the stored copy is older than the backup's
    await applyRestore(db, backup, 'keep-newer');
    expect(await db.followUps.get(f.id)).toMatchObject({ doneAt: T0 + 5 * H, updatedAt: T0 + 5 * H });
  });

  it('restores an older backup whose follow-ups carry no updatedAt, comparing the times they hold', async () => {
    const db = await setup('fu-legacy');
    const f = await addFollowUp(db, { brandId: BRAND, customerId: 'c1', dueAt: T0 + H, reason: 'call back' }, T0);
    await completeFollowUp(db, BRAND, f.id, T0 + 2 * H);
    const json = JSON.parse(await (await exportBackup(db, { kind: 'all' })).text()) as { version: number; tables: { followUps: Array<Record<string, unknown>> } };
    json.version = 2;
    for (const row of json.tables.followUps) delete row.updatedAt;
    const parsed = await parseBackup(JSON.stringify(json));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(freshness('followUps', parsed.backup.tables.followUps[0]!)).toEqual([T0 + 2 * H, 0]);
    // A stored row without updatedAt either, done earlier: the backup's is newer and wins.
    await db.followUps.put({ ...f, doneAt: T0 + H });
    await db.followUps.update(f.id, { updatedAt: undefined }); // Dexie deletes the key
    expect(await planRestore(db, parsed.backup, 'keep-newer')).toMatchObject({ tables: { followUps: { adds: 0, replaces: 1, skips: 0 } } });
    // Into an empty store it restores as it is (no updatedAt added).
    const empty = await setup('fu-legacy-empty');
    await applyRestore(empty, parsed.backup, 'keep-newer');
    const restored = await empty.followUps.get(f.id);
    expect(restored).toMatchObject({ doneAt: T0 + 2 * H });
    expect(restored && 'updatedAt' in restored).toBe(false);
  });
});

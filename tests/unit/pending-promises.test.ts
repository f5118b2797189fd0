import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import {
  MAX_PENDING,
  type PendingPromise,
  overduePromiseCount,
  pendingPromises,
  pendingPromisesKey,
  proposePromises,
  settlePromise,
} from '../../lib/db/repositories/promises';
import { acceptPromise } from '../../lib/panel/promises';
import { openCase } from '../../lib/db/repositories/cases';
import { linkCustomers } from '../../lib/panel/queries';
import { eraseCustomer, pruneBrand } from '../../lib/db/retention';
import { checkReminders } from '../../lib/background/reminders';
import { exportBackup } from '../../lib/import-export/export';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 10, 12);

const brand = (id: string, retentionMonths: number | null = null) => ({
  id, name: id, referencePrefix: 'B', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths, createdAt: 0,
});
const customer = (id: string, brandId: string) => ({ id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
const promise = (n: number, over: Partial<PendingPromise> = {}): PendingPromise => ({
  messageId: `b1:x:m:${n}`,
  conversationId: 'b1:x:c:1',
  customerId: 'c1',
  phrase: 'within 2 hours',
  dueAt: NOW + n * HOUR,
  reason: 'Promised: “within 2 hours”',
  proposedAt: NOW,
  ...over,
});

async function setup(): Promise<CasesideDb> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.bulkPut([brand('b1', 1), brand('b2')]);
  await db.customers.bulkPut([customer('c1', 'b1'), customer('c2', 'b1'), customer('d1', 'b2')]);
  await db.conversations.put({ id: 'b1:x:c:1', brandId: 'b1', customerId: 'c1', platform: 'x', kind: 'x-dm', nativeId: '1', url: 'https://x.com/messages/1-2', lastMessageAt: NOW });
  return db;
}

describe('pending promises (kept until the agent answers)', () => {
  it('adds each promise once, per brand, keeps the newest MAX_PENDING, and settles one at a time', async () => {
    const db = await setup();
    await proposePromises(db, 'b1', [promise(1), promise(2)]);
    await proposePromises(db, 'b1', [promise(2), promise(3)]);
    await proposePromises(db, 'b2', [promise(9, { messageId: 'b2:x:m:9', customerId: 'd1' })]);
    expect((await pendingPromises(db, 'b1')).map((p) => p.messageId)).toEqual(['b1:x:m:1', 'b1:x:m:2', 'b1:x:m:3']);
    expect((await pendingPromises(db, 'b2')).map((p) => p.messageId)).toEqual(['b2:x:m:9']);

    await settlePromise(db, 'b1', promise(2));
    expect((await pendingPromises(db, 'b1')).map((p) => p.messageId)).toEqual(['b1:x:m:1', 'b1:x:m:3']);
    // Settling another brand's key changes nothing here.
    await settlePromise(db, 'b2', promise(1));
    expect(await pendingPromises(db, 'b1')).toHaveLength(2);

    await proposePromises(db, 'b1', Array.from({ length: MAX_PENDING + 5 }, (_, i) => promise(100 + i)));
    const all = await pendingPromises(db, 'b1');
    expect(all).toHaveLength(MAX_PENDING);
    expect(all.at(-1)!.messageId).toBe(`b1:x:m:${100 + MAX_PENDING + 4}`);
  });

  it('reads an edited or corrupt row as its valid entries, never throws', async () => {
    const db = await setup();
    await db.meta.put({ key: pendingPromisesKey('b1'), value: [promise(1), { messageId: 7 }, 'nonsense', null] });
    expect((await pendingPromises(db, 'b1')).map((p) => p.messageId)).toEqual(['b1:x:m:1']);
    await db.meta.put({ key: pendingPromisesKey('b1'), value: { not: 'a list' } });
    expect(await pendingPromises(db, 'b1')).toEqual([]);
  });

  it("accepting adds the follow-up to the person's open case (opened under a linked identity) and settles it, in one step", async () => {
    const db = await setup();
    await linkCustomers(db, 'c1', 'c2');
    const kase = await openCase(db, { brandId: 'b1', customerId: 'c2' });
    await proposePromises(db, 'b1', [promise(1)]);
    const followUp = await acceptPromise(db, 'b1', promise(1));
    expect(followUp).toMatchObject({ caseId: kase.id, customerId: 'c2', conversationId: 'b1:x:c:1', dueAt: NOW + HOUR, source: 'promise' });
    expect(await pendingPromises(db, 'b1')).toEqual([]);
  });

  it('accepted a second time (the banner and the Work list both showed it) adds one follow-up, and one reminder fires', async () => {
    const db = await setup();
    await proposePromises(db, 'b1', [promise(1)]);
    expect(await acceptPromise(db, 'b1', promise(1))).toMatchObject({ dueAt: NOW + HOUR });
    expect(await acceptPromise(db, 'b1', promise(1))).toBeNull();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const badge = await checkReminders(db, NOW + 3 * HOUR);
    expect({ followUps: await db.followUps.count(), notifications: create.mock.calls.length, badge }).toEqual({ followUps: 1, notifications: 1, badge: 1 });
  });

  it('a failed accept adds nothing and leaves the promise pending', async () => {
    const db = await setup();
    await proposePromises(db, 'b1', [promise(1, { customerId: 'gone' })]);
    await expect(acceptPromise(db, 'b1', promise(1, { customerId: 'gone' }))).rejects.toThrow();
    expect(await db.followUps.count()).toBe(0);
    expect(await pendingPromises(db, 'b1')).toHaveLength(1);
  });

  it("go with the customer's erasure and with pruned messages; a brand's backup carries them", async () => {
    const db = await setup();
    await proposePromises(db, 'b1', [promise(1), promise(2, { customerId: 'c2', conversationId: 'b1:x:c:2' })]);
    await eraseCustomer(db, 'c1');
    expect((await pendingPromises(db, 'b1')).map((p) => p.customerId)).toEqual(['c2']);

    const backup = JSON.parse(await (await exportBackup(db, { kind: 'brand', brandId: 'b1' })).text()) as { tables: { meta: { key: string }[] } };
    expect(backup.tables.meta.map((m) => m.key)).toContain(pendingPromisesKey('b1'));

    // Retention (1 month): the promise's message is older than the cutoff.
    const old = NOW - 90 * 24 * HOUR;
    await db.messages.put({
      id: 'b1:x:m:2', conversationId: 'b1:x:c:2', customerId: 'c2', brandId: 'b1', platform: 'x', nativeId: '2',
      direction: 'out', author: 'Acme', text: 'We will get back to you within 2 hours.', sentAt: old, capturedAt: old,
    });
    await pruneBrand(db, 'b1', NOW);
    expect(await pendingPromises(db, 'b1')).toEqual([]);
  });

  it('the badge counts a promise past its time that was never answered', async () => {
    const db = await setup();
    await proposePromises(db, 'b1', [promise(-2), promise(3)]);
    await proposePromises(db, 'b2', [promise(-1, { messageId: 'b2:x:m:1', customerId: 'd1' })]);
    expect(await overduePromiseCount(db, NOW)).toBe(2);
    expect(await checkReminders(db, NOW)).toBe(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });
});

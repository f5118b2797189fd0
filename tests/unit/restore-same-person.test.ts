/**
 * Restoring another browser's backup of the same brand: each browser gave the same person its
 * own customer id (capture draws a new UUID), so the backup's customer must be recognised as the
 * stored one (same brand, same platform, same user id or handle, as capture finds a customer) and
 * merged into it, with every record of the backup that points to it moved to the stored id.
 * Never across brands, never two people who only share a handle (different user ids).
 */
import { describe, expect, it } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { recordSnapshot } from '../../lib/db/capture';
import { saveBrand } from '../../lib/db/repositories/brands';
import { openCase } from '../../lib/db/repositories/cases';
import { addNote } from '../../lib/db/repositories/notes';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { pendingPromises, proposePromises } from '../../lib/db/repositories/promises';
import { listIncidents, markIncidentCustomer, saveIncident } from '../../lib/db/repositories/incidents';
import { editCustomerTags, linkCustomers } from '../../lib/panel/queries';
import { exportBackup } from '../../lib/import-export/export';
import type { BackupScope } from '../../lib/import-export/backup-schema';
import { applyRestore, parseBackup, planRestore } from '../../lib/import-export/restore';
import type { ConversationSnapshot, Person } from '../../lib/platforms/snapshot';
import { dump } from '../fixtures/db/helpers';

const T0 = Date.UTC(2026, 2, 1, 10);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const newDb = () => createDb(`t-${crypto.randomUUID()}`);

async function backupOf(db: CasesideDb, scope: BackupScope = { kind: 'all' }) {
  const parsed = await parseBackup(await (await exportBackup(db, scope)).text());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}

const DANA: Person = { handle: 'dana_example', displayName: 'Dana Example', userId: '42' };
const ACME: Person = { handle: 'acme_support', displayName: 'Acme' };

function thread(customer: Person, messages: Array<[id: string, dir: 'in' | 'out', text: string, at: number]>): ConversationSnapshot {
  return {
    platform: 'x',
    kind: 'x-thread',
    conversationId: '100',
    url: 'https://x.com/dana_example/status/100',
    state: 'ok',
    agent: { platform: 'x', handle: 'acme_support' },
    customer,
    messages: messages.map(([id, direction, text, at]) => ({ id, author: direction === 'in' ? customer : ACME, text, sentAt: iso(at), direction })),
  };
}

/** The same brand in two browsers: created here, restored there. */
async function twoBrowsers() {
  const here = newDb();
  const brand = await saveBrand(here, { name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '' });
  const there = newDb();
  await applyRestore(there, await backupOf(here), 'replace');
  return { here, there, brandId: brand.id };
}

const customersWithKey = async (db: CasesideDb, key: string) => db.customers.where('identityKeys').equals(key).toArray();

describe("restoring another browser's backup of the same brand", () => {
  it('merges its customer into the stored one and moves every record of theirs to the stored id', async () => {
    const { here, there, brandId } = await twoBrowsers();
    // Here: Dana's first tweet only.
    const mine = await recordSnapshot(here, brandId, thread(DANA, [['100', 'in', 'My order is late', T0]]), T0);
    // There: the same thread read later, Dana under the name she uses now, and the work done on her.
    const renamed = { ...DANA, displayName: 'Dana E.' };
    const theirs = await recordSnapshot(
      there,
      brandId,
      thread(renamed, [
        ['100', 'in', 'My order is late', T0],
        ['101', 'out', 'Sorry Dana, checking now', T0 + HOUR],
        ['102', 'in', 'Still nothing', T0 + 2 * HOUR],
      ]),
      T0 + 2 * HOUR,
    );
    expect(theirs.customerId).not.toBe(mine.customerId);
    const hereId = mine.customerId;
    const thereId = theirs.customerId;
    await editCustomerTags(there, brandId, thereId, [], ['late-delivery']);
    const kase = await openCase(there, { brandId, customerId: thereId, conversationId: theirs.conversationId, title: 'Late order' }, T0 + 2 * HOUR);
    await addNote(there, { brandId, customerId: thereId, caseId: kase.id, body: 'Courier lost it' }, T0 + 2 * HOUR);
    await addFollowUp(there, { brandId, customerId: thereId, caseId: kase.id, conversationId: theirs.conversationId, dueAt: T0 + 24 * HOUR, reason: 'Call back' }, T0 + 2 * HOUR);
    await proposePromises(there, brandId, [
      { messageId: `${brandId}/x:m:101`, conversationId: theirs.conversationId, customerId: thereId, phrase: 'checking now', dueAt: T0 + 3 * HOUR, reason: 'Check', proposedAt: T0 + HOUR },
    ]);
    const incident = await saveIncident(there, brandId, { title: 'Courier strike', keywords: ['late'], answers: [{ language: 'en', text: 'Sorry, the courier is on strike.' }], since: T0 }, T0);
    await markIncidentCustomer(there, brandId, incident.id, thereId, 'answered', T0 + 2 * HOUR);
    // There, Dana's Facebook record (a person this browser never saw) is linked to her X record.
    const fb = await recordSnapshot(
      there,
      brandId,
      { platform: 'facebook', kind: 'fb-messenger', conversationId: 't_9', url: 'https://www.facebook.com/messages/t/9', state: 'ok', agent: null, customer: { handle: 'dana.fb', displayName: 'Dana E.' }, messages: [{ id: 'fb1', author: { handle: 'dana.fb', displayName: 'Dana E.' }, text: 'hi', sentAt: iso(T0), direction: 'in' }] },
      T0,
    );
    await linkCustomers(there, thereId, fb.customerId);

    const backup = await backupOf(there, { kind: 'brand', brandId });
    const before = await dump(here);
    const plan = await planRestore(here, backup, 'keep-newer');
    expect(await dump(here)).toBe(before); // planning writes nothing
    expect(plan.mergedCustomers).toEqual([{ brandId, from: thereId, into: hereId, name: 'Dana E.' }]);
    // Only the Facebook record is new: Dana's X record is the stored one.
    expect(plan.tables.customers.adds).toBe(1);
    const done = await applyRestore(here, backup, 'keep-newer');
    expect(done).toEqual(plan);

    // One customer for the handle, under the stored id; the backup's id is nowhere.
    expect((await customersWithKey(here, `${brandId}|x:dana_example`)).map((c) => c.id)).toEqual([hereId]);
    expect(await dump(here)).not.toContain(thereId);
    const dana = (await here.customers.get(hereId))!;
    // Fields follow "keep the newer one": the backup's record was seen later.
    expect(dana.displayName).toBe('Dana E.');
    expect(dana.tags).toEqual(['late-delivery']);
    expect(dana.firstSeenAt).toBe(T0);
    expect(dana.lastSeenAt).toBe(T0 + 2 * HOUR);
    expect(dana.linkedCustomerIds).toEqual([fb.customerId]);
    expect((await here.customers.get(fb.customerId))!.linkedCustomerIds).toEqual([hereId]);

    expect((await here.conversations.get(mine.conversationId))!.customerId).toBe(hereId);
    expect((await here.messages.where('conversationId').equals(mine.conversationId).toArray()).map((m) => [m.nativeId, m.customerId])).toEqual([
      ['100', hereId],
      ['101', hereId],
      ['102', hereId],
    ]);
    expect((await here.cases.get(kase.id))!.customerId).toBe(hereId);
    expect((await here.notes.where('caseId').equals(kase.id).toArray()).map((n) => n.customerId)).toEqual([hereId]);
    expect((await here.followUps.where('caseId').equals(kase.id).toArray()).map((f) => f.customerId)).toEqual([hereId]);
    expect((await pendingPromises(here, brandId)).map((p) => p.customerId)).toEqual([hereId]);
    expect((await listIncidents(here, brandId))[0]!.marks.map((m) => m.customerId)).toEqual([hereId]);
  });

  it('keeps the stored name and tags when the stored record is the newer one, and merges under "skip" too', async () => {
    const { here, there, brandId } = await twoBrowsers();
    const theirs = await recordSnapshot(there, brandId, thread({ ...DANA, displayName: 'Old name' }, [['100', 'in', 'My order is late', T0]]), T0);
    await editCustomerTags(there, brandId, theirs.customerId, [], ['old-tag']);
    const mine = await recordSnapshot(here, brandId, thread(DANA, [['100', 'in', 'My order is late', T0], ['103', 'in', 'Any news?', T0 + 5 * HOUR]]), T0 + 5 * HOUR);
    await editCustomerTags(here, brandId, mine.customerId, [], ['vip']);
    const backup = await backupOf(there, { kind: 'brand', brandId });

    for (const policy of ['keep-newer', 'skip'] as const) {
      const plan = await planRestore(here, backup, policy);
      expect(plan.mergedCustomers).toEqual([{ brandId, from: theirs.customerId, into: mine.customerId, name: 'Dana Example' }]);
      expect(plan.tables.customers).toEqual({ adds: 0, replaces: 0, skips: 1 });
    }
    await applyRestore(here, backup, 'keep-newer');
    expect(await here.customers.count()).toBe(1);
    const dana = (await here.customers.get(mine.customerId))!;
    expect(dana.displayName).toBe('Dana Example');
    expect(dana.tags).toEqual(['vip']);
  });

  it('never merges across brands', async () => {
    const here = newDb();
    const acme = await saveBrand(here, { name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '' });
    const other = await saveBrand(here, { name: 'Other', referencePrefix: 'OTH', accounts: [{ platform: 'x', handle: 'other_help' }], signature: '' });
    const there = newDb();
    await applyRestore(there, await backupOf(here), 'replace');
    const mine = await recordSnapshot(here, acme.id, thread(DANA, [['100', 'in', 'My order is late', T0]]), T0);
    // The same person wrote to the other brand, seen in the other browser.
    const theirs = await recordSnapshot(there, other.id, thread(DANA, [['100', 'in', 'My order is late', T0]]), T0);
    const backup = await backupOf(there, { kind: 'brand', brandId: other.id });
    const plan = await planRestore(here, backup, 'keep-newer');
    expect(plan.mergedCustomers).toEqual([]);
    expect(plan.tables.customers.adds).toBe(1);
    await applyRestore(here, backup, 'keep-newer');
    expect((await here.customers.get(theirs.customerId))!.brandId).toBe(other.id);
    expect((await here.customers.get(mine.customerId))!.brandId).toBe(acme.id);
    expect((await here.conversations.get(theirs.conversationId))!.customerId).toBe(theirs.customerId);
  });

  it('recognises the person under a handle they used before, as capture does (the stored keys keep it)', async () => {
    const { here, there, brandId } = await twoBrowsers();
    // Here Dana was first seen as dana_old, then (same user id) as dana_example: both keys are kept.
    await recordSnapshot(here, brandId, { ...thread({ ...DANA, handle: 'dana_old' }, [['300', 'in', 'hi', T0]]), conversationId: '300' }, T0);
    const mine = await recordSnapshot(here, brandId, thread(DANA, [['100', 'in', 'My order is late', T0 + HOUR]]), T0 + HOUR);
    expect(await here.customers.count()).toBe(1);
    // There only the old handle was seen, without a user id (a CSV import, say).
    const theirs = await recordSnapshot(there, brandId, { ...thread({ handle: 'dana_old', displayName: 'Dana' }, [['300', 'in', 'hi', T0]]), conversationId: '300' }, T0);
    const backup = await backupOf(there, { kind: 'brand', brandId });
    expect((await planRestore(here, backup, 'keep-newer')).mergedCustomers).toEqual([{ brandId, from: theirs.customerId, into: mine.customerId, name: 'Dana Example' }]);
    await applyRestore(here, backup, 'keep-newer');
    expect((await here.customers.toArray()).map((c) => c.id)).toEqual([mine.customerId]);
    // The old handle is not listed as a second X identity: the record already knew it.
    expect((await here.customers.get(mine.customerId))!.identities.map((i) => i.handle)).toEqual(['dana_example']);
  });

  it('does not merge two people who share a handle but not a user id (a handle taken over)', async () => {
    const { here, there, brandId } = await twoBrowsers();
    const mine = await recordSnapshot(here, brandId, thread(DANA, [['100', 'in', 'My order is late', T0]]), T0);
    const theirs = await recordSnapshot(there, brandId, { ...thread({ ...DANA, userId: '99' }, [['200', 'in', 'hello', T0 + HOUR]]), conversationId: '200' }, T0 + HOUR);
    const backup = await backupOf(there, { kind: 'brand', brandId });
    expect((await planRestore(here, backup, 'keep-newer')).mergedCustomers).toEqual([]);
    await applyRestore(here, backup, 'keep-newer');
    expect((await here.customers.toArray()).map((c) => c.id).sort()).toEqual([mine.customerId, theirs.customerId].sort());
  });
});

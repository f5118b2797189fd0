import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { checkReminders, followBadge, openFollowUpConversation } from '../../lib/background/reminders';
import { completeFollowUp, snoozeFollowUp } from '../../lib/db/repositories/follow-ups';
import { runRetention } from '../../lib/background/retention-alarm';
import { transitionCase } from '../../lib/db/repositories/cases';

const brand = (id: string, retentionMonths: number | null) => ({
  id, name: id, referencePrefix: 'B', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths, createdAt: 0,
});
const customer = (id: string, brandId: string) => ({ id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
const DAY = 86_400_000;

describe('reminders', () => {
  it('notifies each due follow-up once and sets the badge to the number due', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const now = Date.UTC(2026, 2, 10, 12);
    await db.brands.put(brand('b1', null));
    await db.customers.put(customer('c1', 'b1'));
    const f = (id: string, dueAt: number, doneAt: number | null = null) => ({
      id, brandId: 'b1', caseId: null, customerId: 'c1', conversationId: null, dueAt, reason: `call ${id}`, source: 'manual' as const, doneAt, notifiedAt: null, createdAt: 0,
    });
    await db.followUps.bulkPut([f('due1', now - 1000), f('due2', now - DAY), f('later', now + DAY), f('done', now - 5, now - 1)]);
    const created: string[] = [];
    fakeBrowser.notifications.create = (async (id: string) => {
      created.push(id);
      return id;
    }) as unknown as typeof fakeBrowser.notifications.create;
    expect(await checkReminders(db, now)).toBe(2);
    expect(created.sort()).toEqual(['followup:due1', 'followup:due2']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    // A second run does not notify again, but the badge still counts what is due.
    expect(await checkReminders(db, now + 1000)).toBe(2);
    expect(created).toHaveLength(2);
  });
});

describe('the badge between alarms', () => {
  it('follows a follow-up done or snoozed in the panel at once, not at the next minute alarm', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const now = Date.now();
    await db.brands.put(brand('b1', null));
    await db.customers.put(customer('c1', 'b1'));
    const f = (id: string) => ({
      id, brandId: 'b1', caseId: null, customerId: 'c1', conversationId: null, dueAt: now - 60_000, reason: `call ${id}`, source: 'manual' as const, doneAt: null, notifiedAt: now - 60_000, createdAt: 0,
    });
    await db.followUps.bulkPut([f('a'), f('b')]);
    const badge = () => fakeBrowser.action.getBadgeText({});
    const stop = followBadge(db);
    try {
      await vi.waitFor(async () => expect(await badge()).toBe('2'));
      await completeFollowUp(db, 'b1', 'a');
      await vi.waitFor(async () => expect(await badge()).toBe('1'));
      await snoozeFollowUp(db, 'b1', 'b', Date.now() + 3_600_000);
      await vi.waitFor(async () => expect(await badge()).toBe(''));
    } finally {
      stop();
    }
  });

  it('still sets the badge, and tries the others, when one notification cannot be shown', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const now = Date.UTC(2026, 2, 10, 12);
    await db.brands.put(brand('b1', null));
    await db.customers.put(customer('c1', 'b1'));
    const f = (id: string) => ({
      id, brandId: 'b1', caseId: null, customerId: 'c1', conversationId: null, dueAt: now - 1000, reason: `call ${id}`, source: 'manual' as const, doneAt: null, notifiedAt: null, createdAt: 0,
    });
    await db.followUps.bulkPut([f('bad'), f('good')]);
    fakeBrowser.notifications.create = (async (id: string) => {
      if (id === 'followup:bad') throw new Error('Notifications are blocked');
      return id;
    }) as unknown as typeof fakeBrowser.notifications.create;
    expect(await checkReminders(db, now)).toBe(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect((await db.followUps.get('good'))?.notifiedAt).toBe(now);
    // Not shown, so not marked: the next check tries it again.
    expect((await db.followUps.get('bad'))?.notifiedAt).toBeNull();
  });
});

describe('clicking a follow-up notification', () => {
  it("opens the follow-up's conversation (else the options page) and clears the notification; other notifications are left alone", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put(brand('b1', null));
    await db.customers.put(customer('c1', 'b1'));
    await db.conversations.put({ id: 'conv1', brandId: 'b1', customerId: 'c1', platform: 'x', kind: 'x-dm', nativeId: '1-2', url: 'https://x.com/messages/1-2', lastMessageAt: 0 });
    const f = (id: string, conversationId: string | null) => ({
      id, brandId: 'b1', caseId: null, customerId: 'c1', conversationId, dueAt: 0, reason: 'call back', source: 'manual' as const, doneAt: null, notifiedAt: 1, createdAt: 0,
    });
    await db.followUps.bulkPut([f('with-conv', 'conv1'), f('no-conv', null)]);
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const options = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    const cleared: string[] = [];
    fakeBrowser.notifications.clear = (async (id: string) => {
      cleared.push(id);
      return true;
    }) as unknown as typeof fakeBrowser.notifications.clear;

    await openFollowUpConversation(db, 'followup:with-conv');
    expect(tabs).toHaveBeenCalledWith({ url: 'https://x.com/messages/1-2' });
    expect(options).not.toHaveBeenCalled();
    await openFollowUpConversation(db, 'followup:no-conv');
    expect(options).toHaveBeenCalledTimes(1);
    expect(tabs).toHaveBeenCalledTimes(1);
    await openFollowUpConversation(db, 'some-other-notification');
    expect(cleared).toEqual(['followup:with-conv', 'followup:no-conv']);
    vi.restoreAllMocks();
  });

  it("opens where the case went on for the \"confirm it's fixed\" reminder: a complaint moved to DMs opens the DM, not the public thread", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put(brand('b1', null));
    await db.customers.put(customer('c1', 'b1'));
    const conv = (id: string, url: string, lastMessageAt: number, kind: 'x-thread' | 'x-dm') => ({ id, brandId: 'b1', customerId: 'c1', platform: 'x' as const, kind, nativeId: id, url, lastMessageAt });
    await db.conversations.bulkAdd([conv('thread', 'https://x.com/dana/status/1', 100, 'x-thread'), conv('dm', 'https://x.com/messages/1-2', 200, 'x-dm')]);
    await db.cases.add({
      id: 'k', brandId: 'b1', customerId: 'c1', reference: 'B-0001', title: '', status: 'open', priority: 'normal', tags: [], openedAt: 1, updatedAt: 1,
      resolvedAt: null, conversationIds: ['thread', 'dm'], revision: 0,
    });
    // The panel's Resolve with the confirm follow-up ticked.
    const { followUp } = await transitionCase(db, 'b1', 'k', 'resolved', 0, { followUp: { dueAt: 1000, reason: 'Confirm B-0001 is still fixed' } });
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    fakeBrowser.notifications.clear = (async () => true) as unknown as typeof fakeBrowser.notifications.clear;
    await openFollowUpConversation(db, `followup:${followUp!.id}`);
    expect(tabs).toHaveBeenCalledWith({ url: 'https://x.com/messages/1-2' });
    vi.restoreAllMocks();
  });
});

describe('retention alarm', () => {
  it('prunes only brands with a retention setting', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const now = Date.UTC(2026, 5, 1);
    await db.brands.bulkPut([brand('keep', null), brand('prune', 1)]);
    await db.customers.bulkPut([customer('ck', 'keep'), customer('cp', 'prune')]);
    const m = (id: string, brandId: string, customerId: string, sentAt: number) => ({
      id, conversationId: `${brandId}-conv`, customerId, brandId, platform: 'x' as const, nativeId: id, direction: 'in' as const, author: 'a', text: 't', sentAt, capturedAt: sentAt,
    });
    await db.conversations.bulkPut(['keep', 'prune'].map((b) => ({ id: `${b}-conv`, brandId: b, customerId: b === 'keep' ? 'ck' : 'cp', platform: 'x' as const, kind: 'x-dm' as const, nativeId: b, url: 'https://x.com/messages/1-2', lastMessageAt: now })));
    await db.messages.bulkPut([m('k-old', 'keep', 'ck', now - 90 * DAY), m('p-old', 'prune', 'cp', now - 90 * DAY), m('p-new', 'prune', 'cp', now - DAY)]);
    expect(await runRetention(db, now)).toBe(1);
    expect((await db.messages.toArray()).map((x) => x.id).sort()).toEqual(['k-old', 'p-new']);
  });
});

describe('the daily retention alarm', () => {
  it('is created once: a service worker starting again does not push it back', async () => {
    const { scheduleRetentionAlarm, RETENTION_ALARM } = await import('../../lib/background/retention-alarm');
    await fakeBrowser.alarms.clearAll();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 2, 10, 12) });
    try {
      await scheduleRetentionAlarm();
      const first = await fakeBrowser.alarms.get(RETENTION_ALARM);
      expect(first?.periodInMinutes).toBe(24 * 60);
      // The worker starts again four minutes later (the reminder alarm woke it).
      vi.setSystemTime(Date.UTC(2026, 2, 10, 12, 4));
      await scheduleRetentionAlarm();
      expect((await fakeBrowser.alarms.get(RETENTION_ALARM))?.scheduledTime).toBe(first!.scheduledTime);
    } finally {
      vi.useRealTimers();
    }
  });
});

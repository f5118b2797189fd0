/**
 * Follow-up reminders in the background: the badge hears of every follow-up done or snoozed (also
 * one that fell due after the background started), a follow-up erased mid-check stops nothing,
 * and a notification whose follow-up is no longer pending is taken down.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkReminders, followBadge } from '../../lib/background/reminders';
import { completeFollowUp, markNotified, snoozeFollowUp } from '../../lib/db/repositories/follow-ups';
import { eraseCustomer } from '../../lib/db/retention';
import { DAY, MIN, badge, dbWithBrand, followUp, show, shown } from '../support/follow-up-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the badge and follow-ups that fall due after the background started', () => {
  it('drops at once when a follow-up that fell due later is done', async () => {
    const db = await dbWithBrand();
    let clock = Date.UTC(2026, 2, 10, 12);
    await db.followUps.put(followUp('f', { dueAt: clock + 5 * MIN }));
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const stop = followBadge(db, () => clock);
    try {
      // The background's first count, before the follow-up falls due.
      await vi.waitFor(() => expect(setBadgeText).toHaveBeenCalledWith({ text: '' }));
      clock += 10 * MIN;
      expect(await checkReminders(db, clock)).toBe(1);
      expect(await badge()).toBe('1');
      await completeFollowUp(db, 'b1', 'f', clock + 1000);
      await vi.waitFor(async () => expect(await badge()).toBe(''), { timeout: 300 });
    } finally {
      stop();
    }
  });

  it('drops at once when a follow-up that fell due later is snoozed', async () => {
    const db = await dbWithBrand();
    let clock = Date.UTC(2026, 2, 10, 12);
    // g was due and shown before: the check below writes nothing to it.
    await db.followUps.bulkPut([followUp('f', { dueAt: clock + 5 * MIN }), followUp('g', { dueAt: clock - MIN, notifiedAt: clock - MIN })]);
    const stop = followBadge(db, () => clock);
    try {
      await vi.waitFor(async () => expect(await badge()).toBe('1'));
      clock += 10 * MIN;
      expect(await checkReminders(db, clock)).toBe(2);
      await snoozeFollowUp(db, 'b1', 'f', clock + DAY, clock);
      await vi.waitFor(async () => expect(await badge()).toBe('1'), { timeout: 300 });
    } finally {
      stop();
    }
  });
});

describe('a follow-up deleted during the reminder check', () => {
  it('stops nothing: the other reminders are shown, the badge is set, and its own notification is taken down', async () => {
    const db = await dbWithBrand(null, ['gone', 'stays']);
    const now = Date.UTC(2026, 2, 10, 12);
    await db.followUps.bulkPut([
      followUp('a', { customerId: 'gone', dueAt: now - 2 * MIN, reason: 'Call back about the refund' }),
      followUp('b', { customerId: 'stays', dueAt: now - MIN }),
    ]);
    const realCreate = fakeBrowser.notifications.create.bind(fakeBrowser.notifications) as (id: string, options: unknown) => Promise<string>;
    vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation((async (id: string, options: unknown) => {
      const result = await realCreate(id, options);
      // The agent erases that customer in the options page while the reminder is on screen.
      if (id === 'followup:a') await eraseCustomer(db, 'gone');
      return result;
    }) as never);
    expect(await checkReminders(db, now)).toBe(1);
    expect(await shown()).toEqual(['followup:b']);
    expect(await badge()).toBe('1');
    expect((await db.followUps.get('b'))?.notifiedAt).toBe(now);
  });

  it('markNotified of a deleted follow-up writes nothing and says it is not pending', async () => {
    const db = await dbWithBrand();
    await expect(markNotified(db, 'no-such-follow-up', 1000)).resolves.toBe(false);
    expect(await db.followUps.count()).toBe(0);
  });
});

describe('notifications of follow-ups no longer pending', () => {
  async function withShownReminders() {
    const db = await dbWithBrand(null, ['c1', 'c2']);
    const now = Date.UTC(2026, 2, 10, 12);
    await db.followUps.bulkPut([
      followUp('done', { dueAt: now - 3 * MIN }),
      followUp('snoozed', { dueAt: now - 2 * MIN }),
      followUp('erased', { customerId: 'c2', dueAt: now - MIN, reason: 'Call back about the refund' }),
      followUp('still-due', { dueAt: now - MIN }),
    ]);
    expect(await checkReminders(db, now)).toBe(4);
    await show('caseside-capture'); // another kind of notification
    expect(await shown()).toEqual(['caseside-capture', 'followup:done', 'followup:erased', 'followup:snoozed', 'followup:still-due']);
    return { db, now };
  }

  it('are taken down at once when done, snoozed or erased while the background runs', async () => {
    const { db, now } = await withShownReminders();
    const stop = followBadge(db, () => now);
    try {
      await completeFollowUp(db, 'b1', 'done', now);
      await vi.waitFor(async () => expect(await shown()).not.toContain('followup:done'));
      await snoozeFollowUp(db, 'b1', 'snoozed', now + DAY, now);
      await vi.waitFor(async () => expect(await shown()).not.toContain('followup:snoozed'));
      await eraseCustomer(db, 'c2');
      await vi.waitFor(async () => expect(await shown()).not.toContain('followup:erased'));
      expect(await shown()).toEqual(['caseside-capture', 'followup:still-due']);
      await vi.waitFor(async () => expect(await badge()).toBe('1'));
    } finally {
      stop();
    }
  });

  it('are taken down by the next check when the background was not running', async () => {
    const { db, now } = await withShownReminders();
    await completeFollowUp(db, 'b1', 'done', now);
    await snoozeFollowUp(db, 'b1', 'snoozed', now + DAY, now);
    await eraseCustomer(db, 'c2');
    expect(await checkReminders(db, now + MIN)).toBe(1);
    expect(await shown()).toEqual(['caseside-capture', 'followup:still-due']);
  });
});

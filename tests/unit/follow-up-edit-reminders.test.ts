/**
 * A follow-up deleted or moved from the Case tab takes its reminder with it: the background's
 * badge query (followBadge) hears of the write and clearStaleNotifications takes the notification
 * down; a moved one is notified again when its new time comes.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkReminders, followBadge } from '../../lib/background/reminders';
import { deleteFollowUp, editFollowUp } from '../../lib/db/repositories/follow-ups';
import { DAY, MIN, badge, dbWithBrand, followUp, shown } from '../support/follow-up-fixtures';

async function withShownReminders() {
  const db = await dbWithBrand();
  const now = Date.UTC(2026, 2, 10, 12);
  await db.followUps.bulkPut([
    followUp('mistake', { dueAt: now - 2 * MIN }),
    followUp('wrong-day', { dueAt: now - 2 * MIN }),
    followUp('still-due', { dueAt: now - MIN }),
  ]);
  expect(await checkReminders(db, now)).toBe(3);
  expect(await shown()).toEqual(['followup:mistake', 'followup:still-due', 'followup:wrong-day']);
  return { db, now };
}

describe('the notification of a follow-up deleted or moved while the background runs', () => {
  it('is taken down at once, and the badge drops', async () => {
    const { db, now } = await withShownReminders();
    const stop = followBadge(db, () => now);
    try {
      await vi.waitFor(async () => expect(await badge()).toBe('3'));
      await deleteFollowUp(db, 'b1', 'mistake');
      await vi.waitFor(async () => expect(await shown()).not.toContain('followup:mistake'));
      await editFollowUp(db, 'b1', 'wrong-day', { dueAt: now + DAY, reason: 'Call back on Thursday' }, now);
      await vi.waitFor(async () => expect(await shown()).not.toContain('followup:wrong-day'));
      expect(await shown()).toEqual(['followup:still-due']);
      await vi.waitFor(async () => expect(await badge()).toBe('1'));
    } finally {
      stop();
    }
  });

  it('a moved one is notified again at its new time', async () => {
    const { db, now } = await withShownReminders();
    await editFollowUp(db, 'b1', 'wrong-day', { dueAt: now + DAY, reason: 'Call back on Thursday' }, now);
    expect(await checkReminders(db, now + MIN)).toBe(2);
    expect(await shown()).not.toContain('followup:wrong-day');
    expect(await checkReminders(db, now + DAY)).toBe(3);
    expect(await shown()).toContain('followup:wrong-day');
    expect((await db.followUps.get('wrong-day'))!.notifiedAt).toBe(now + DAY);
  });
});

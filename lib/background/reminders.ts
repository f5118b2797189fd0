/**
 * Follow-ups fire as browser notifications from the background (alarms), so they work with
 * the platform tab closed; the toolbar badge counts what is due. Clicking a notification
 * opens the conversation the follow-up belongs to.
 */
import { browser } from 'wxt/browser';
import type { CasesideDb } from '../db/schema';
import { toolbarAction } from './action';
import { dueFollowUps, markNotified } from '../db/repositories/follow-ups';
import { overduePromiseCount } from '../db/repositories/promises';
import { t } from '../i18n';

export const REMINDER_ALARM = 'caseside-reminders';
const NOTIFICATION_PREFIX = 'followup:';

export function scheduleReminderAlarm(): void {
  void browser.alarms.create(REMINDER_ALARM, { periodInMinutes: 1, delayInMinutes: 0.1 });
}

/**
 * Notify each due follow-up once, and set the badge to the number due plus the promises past
 * their time that the agent never answered (not notified: no follow-up was asked for). Returns
 * that number.
 */
export async function checkReminders(db: CasesideDb, now = Date.now()): Promise<number> {
  const due = await dueFollowUps(db, now);
  const brands = new Map((await db.brands.toArray()).map((b) => [b.id, b.name]));
  for (const f of due) {
    if (f.notifiedAt) continue;
    await browser.notifications.create(`${NOTIFICATION_PREFIX}${f.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('notify.followUpTitle', { brand: brands.get(f.brandId) ?? 'Caseside' }),
      // Notification text is shown by the OS, not the page: the reason is the agent's own words.
      message: f.reason.slice(0, 200) || t('notify.followUpDefault'),
      priority: 2,
    });
    await markNotified(db, f.id, now);
  }
  // A promise past its time that the agent never answered is the forgotten promise itself: counted too.
  const count = due.length + (await overduePromiseCount(db, now));
  await toolbarAction().setBadgeText({ text: count ? String(Math.min(count, 99)) : '' });
  await toolbarAction().setBadgeBackgroundColor({ color: '#c2410c' });
  return count;
}

export async function openFollowUpConversation(db: CasesideDb, notificationId: string): Promise<void> {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
  const followUp = await db.followUps.get(notificationId.slice(NOTIFICATION_PREFIX.length));
  const conversation = followUp?.conversationId ? await db.conversations.get(followUp.conversationId) : undefined;
  if (conversation?.url) await browser.tabs.create({ url: conversation.url });
  else await browser.runtime.openOptionsPage();
  await browser.notifications.clear(notificationId);
}

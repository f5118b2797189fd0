/**
 * Follow-ups fire as browser notifications from the background (alarms), so they work with
 * the platform tab closed; the toolbar badge counts what is due. Clicking a notification
 * opens the conversation the follow-up belongs to. A notification whose follow-up is done,
 * snoozed or deleted (its customer erased) is taken down, so its reason does not stay in the
 * system's notification centre.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import type { CasesideDb } from '../db/schema';
import { toolbarAction } from './action';
import { dueFollowUps, markNotified, openFollowUps } from '../db/repositories/follow-ups';
import { overduePromiseCount } from '../db/repositories/promises';
import { t } from '../i18n';
import { isHttpsUrl } from '../https-url';

export const REMINDER_ALARM = 'caseside-reminders';
const NOTIFICATION_PREFIX = 'followup:';

export function scheduleReminderAlarm(): void {
  void browser.alarms.create(REMINDER_ALARM, { periodInMinutes: 1, delayInMinutes: 0.1 });
}

/**
 * Notify each due follow-up once, and set the badge to the number due plus the promises past
 * their time that the agent never answered (not notified: no follow-up was asked for). Returns
 * that number. A follow-up deleted (its customer erased), done or snoozed while its notification
 * was being shown stops nothing: that notification is taken down and not counted. Notifications
 * of follow-ups no longer pending are taken down too (clearStaleNotifications).
 */
export async function checkReminders(db: CasesideDb, now = Date.now()): Promise<number> {
  const due = await dueFollowUps(db, now);
  const brands = new Map((await db.brands.toArray()).map((b) => [b.id, b.name]));
  let gone = 0;
  for (const f of due) {
    if (f.notifiedAt) continue;
    try {
      await browser.notifications.create(`${NOTIFICATION_PREFIX}${f.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('notify.followUpTitle', { brand: brands.get(f.brandId) ?? 'Caseside' }),
        // Notification text is shown by the OS, not the page: the reason is the agent's own words.
        message: f.reason.slice(0, 200) || t('notify.followUpDefault'),
        priority: 2,
      });
    } catch {
      // Not shown (notifications blocked or failing): not marked, so the next check tries again;
      // the other follow-ups and the badge still go ahead.
      continue;
    }
    // Deleted (its customer erased), done or snoozed while it was being shown: take it down again.
    if (!(await markNotified(db, f.id, now))) {
      gone++;
      await clearNotification(f.id);
    }
  }
  const count = await dueCount(db, now, due.length - gone);
  await setBadge(count);
  await clearStaleNotifications(db, now).catch(() => undefined);
  return count;
}

async function clearNotification(followUpId: string): Promise<void> {
  try {
    await browser.notifications.clear(`${NOTIFICATION_PREFIX}${followUpId}`);
  } catch {
    // Notifications unavailable: nothing shown to take down.
  }
}

/**
 * Takes down the follow-up notifications still shown whose follow-up is no longer pending and
 * due at `now`: done, snoozed, or deleted (its customer erased: their words must not stay in the
 * system's notification centre). Reads only the follow-ups of notifications shown, at the time
 * it runs, so a reminder that fell due since the caller's read is never taken down.
 */
export async function clearStaleNotifications(db: CasesideDb, now = Date.now()): Promise<void> {
  let shown: string[];
  try {
    shown = Object.keys(await browser.notifications.getAll()).filter((id) => id.startsWith(NOTIFICATION_PREFIX));
  } catch {
    return; // Notifications unavailable.
  }
  if (!shown.length) return;
  const followUps = await db.followUps.bulkGet(shown.map((id) => id.slice(NOTIFICATION_PREFIX.length)));
  for (const [i, f] of followUps.entries()) {
    if (!f || f.doneAt !== null || f.dueAt > now) await clearNotification(shown[i]!.slice(NOTIFICATION_PREFIX.length));
  }
}

/** Follow-ups due plus promises past their time that the agent never answered (the forgotten promise itself). */
async function dueCount(db: CasesideDb, now: number, dueFollowUpCount?: number): Promise<number> {
  return (dueFollowUpCount ?? (await dueFollowUps(db, now)).length) + (await overduePromiseCount(db, now));
}

async function setBadge(count: number): Promise<void> {
  await toolbarAction().setBadgeText({ text: count ? String(Math.min(count, 99)) : '' });
  await toolbarAction().setBadgeBackgroundColor({ color: '#c2410c' });
}

/**
 * Keeps the badge in step with follow-ups and promises as they change in any of Caseside's pages
 * (done, snoozed, added, deleted, a promise answered), not only at the minute alarm's next check,
 * and takes down the notifications of follow-ups no longer pending. What falls due with time
 * alone is still the alarm's. Returns the unsubscribe.
 *
 * The query reads every open follow-up, whenever due, and counts the due ones here: a read
 * bounded at the time it ran would not hear of a change to a follow-up that fell due later.
 */
export function followBadge(db: CasesideDb, clock: () => number = Date.now): () => void {
  const subscription = liveQuery(async () => {
    const now = clock();
    const due = (await openFollowUps(db)).filter((f) => f.dueAt <= now).length;
    return dueCount(db, now, due);
  }).subscribe({
    next: (count) => {
      void setBadge(count).catch(() => undefined);
      void clearStaleNotifications(db, clock()).catch(() => undefined);
    },
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

export async function openFollowUpConversation(db: CasesideDb, notificationId: string): Promise<void> {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
  const followUp = await db.followUps.get(notificationId.slice(NOTIFICATION_PREFIX.length));
  const conversation = followUp?.conversationId ? await db.conversations.get(followUp.conversationId) : undefined;
  // Only an https:// link is opened (an edited backup can hold any scheme); else, as for a
  // follow-up without a conversation, the options page.
  if (isHttpsUrl(conversation?.url)) await browser.tabs.create({ url: conversation.url });
  else await browser.runtime.openOptionsPage();
  await browser.notifications.clear(notificationId);
}

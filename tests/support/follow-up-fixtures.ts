/**
 * Rows for the follow-up reminder tests (tests/unit/follow-up-reminders.test.ts,
 * notification-links.test.ts, retention-follow-ups.test.ts): one brand b1, made-up people.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import type { FollowUp } from '../../lib/db/records';

export const DAY = 86_400_000;
export const MIN = 60_000;

const brand = (id: string, retentionMonths: number | null) => ({
  id, name: id, referencePrefix: 'B', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths, createdAt: 0,
});
const customer = (id: string, brandId = 'b1') => ({ id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
export const conversation = (id: string, customerId: string, lastMessageAt: number, url = `https://x.com/messages/${id}`) => ({
  id, brandId: 'b1', customerId, platform: 'x' as const, kind: 'x-dm' as const, nativeId: id, url, lastMessageAt,
});
export const message = (id: string, conversationId: string, customerId: string, sentAt: number) => ({
  id, conversationId, customerId, brandId: 'b1', platform: 'x' as const, nativeId: id, direction: 'out' as const, author: 'Acme Support', text: 'We are looking into it.', sentAt, capturedAt: sentAt,
});
export const followUp = (id: string, over: Partial<FollowUp> = {}): FollowUp => ({
  id, brandId: 'b1', caseId: null, customerId: 'c1', conversationId: null, dueAt: 0, reason: `call ${id}`, source: 'manual', doneAt: null, notifiedAt: null, createdAt: 0, ...over,
});

/** A database of its own holding brand b1 (with this retention) and these customers of it. */
export async function dbWithBrand(retentionMonths: number | null = null, customers = ['c1']): Promise<CasesideDb> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand('b1', retentionMonths));
  await db.customers.bulkPut(customers.map((c) => customer(c)));
  return db;
}

export const badge = () => fakeBrowser.action.getBadgeText({});
/** The ids of the notifications on screen (fakeBrowser keeps them until cleared). */
export const shown = async () => Object.keys(await fakeBrowser.notifications.getAll()).sort();
/** Shows a notification as the background does. */
export const show = (id: string) => fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: '/icon/128.png', title: 'Acme', message: 'call back' });

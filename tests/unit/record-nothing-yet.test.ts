/**
 * A page with nothing to record yet (the brand's own Page post before anyone comments: no customer
 * named, only the Page's own message) is said as such — never as "an unexpected storage error"
 * that sends the agent to free space or export a backup.
 */
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { recordForTab } from '../../lib/background/record';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { t } from '../../lib/i18n';

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({
    id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'facebook', pageId: '111' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  return db;
}

const pagePost: ConversationSnapshot = {
  platform: 'facebook',
  kind: 'fb-post',
  conversationId: '555',
  url: 'https://www.facebook.com/acme/posts/555',
  state: 'ok',
  agent: { platform: 'facebook', pageId: '111' },
  customer: null,
  messages: [{ id: '555', author: { userId: '111', displayName: 'Acme' }, text: 'Our summer sale starts today!', sentAt: '2026-03-01T10:00:00Z', direction: 'out' }],
};

describe('recordForTab: nothing to record yet', () => {
  it("the brand's own Page post with no comment: not recorded, with a reason, and no storage error", async () => {
    const db = await setup();
    const { patch, added } = await recordForTab(db, pagePost, null, Date.parse('2026-03-01T11:00:00Z'));
    expect(added).toEqual([]);
    expect(await db.messages.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
    expect(patch.storageError ?? null).toBeNull();
    expect(patch.notRecordedReason).toBe(t('record.noCustomerYet'));
    expect(patch).toMatchObject({ brandId: 'b1', conversationId: null, customerId: null });
  });

  it('tracked by the agent: refused with the same reason (the panel tells the agent why nothing happened)', async () => {
    const db = await setup();
    const other = { ...pagePost, agent: { platform: 'facebook' as const, pageId: '999' } };
    const { patch, refused } = await recordForTab(db, other, 'b1', Date.parse('2026-03-01T11:00:00Z'));
    expect(refused).toBeTruthy();
    expect(patch.notRecordedReason).toBe(t('record.noCustomerYet'));
    expect(patch.storageError ?? null).toBeNull();
  });
});

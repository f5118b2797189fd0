/**
 * Retention keeps the record of a conversation a pending follow-up opens (whatever its case), so
 * the reminder and the work list can still open it; its old messages go as the brand's retention says.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CasesideDb } from '../../lib/db/schema';
import { openFollowUpConversation } from '../../lib/background/reminders';
import { pruneBrand } from '../../lib/db/retention';
import { transitionCase } from '../../lib/db/repositories/cases';
import type { Case, FollowUp } from '../../lib/db/records';
import { DAY, conversation, dbWithBrand, followUp, message } from '../support/follow-up-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('retention and pending follow-ups', () => {
  const now = Date.UTC(2026, 2, 10, 12);

  async function setUp(f: FollowUp, extra?: (db: CasesideDb) => Promise<void>) {
    const db = await dbWithBrand(1);
    await db.conversations.put(conversation('conv1', 'c1', now - 40 * DAY));
    await db.messages.put(message('m1', 'conv1', 'c1', now - 40 * DAY));
    await extra?.(db);
    await db.followUps.put(f);
    return db;
  }

  it("keeps the record of a conversation a pending follow-up without a case opens, and its reminder still opens it (its old messages go)", async () => {
    const db = await setUp(followUp('f1', { conversationId: 'conv1', dueAt: now - 39 * DAY, notifiedAt: now - 39 * DAY }));
    expect(await pruneBrand(db, 'b1', now)).toMatchObject({ messages: 1, conversations: 0, customers: 0 });
    expect(await db.conversations.get('conv1')).toBeDefined();
    // The brand's retention still holds for the messages: the agent reads them on the platform.
    expect(await db.messages.get('m1')).toBeUndefined();

    const tabs = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const options = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await openFollowUpConversation(db, 'followup:f1');
    expect(tabs).toHaveBeenCalledWith({ url: 'https://x.com/messages/conv1' });
    expect(options).not.toHaveBeenCalled();
  });

  it("keeps the conversation of a resolved case's \"confirm it's fixed\" follow-up", async () => {
    const db = await dbWithBrand(1);
    await db.conversations.put(conversation('conv1', 'c1', now - 40 * DAY));
    await db.messages.put(message('m1', 'conv1', 'c1', now - 40 * DAY));
    await db.cases.add({
      id: 'k', brandId: 'b1', customerId: 'c1', reference: 'B-0001', title: '', status: 'open', priority: 'normal', tags: [], openedAt: now - 41 * DAY,
      updatedAt: now - 41 * DAY, resolvedAt: null, conversationIds: ['conv1'], revision: 0,
    } satisfies Case);
    const { followUp: confirm } = await transitionCase(db, 'b1', 'k', 'resolved', 0, { followUp: { dueAt: now + DAY, reason: 'Confirm B-0001 is still fixed' } }, now - 40 * DAY);
    expect(confirm?.conversationId).toBe('conv1');
    await pruneBrand(db, 'b1', now);
    expect(await db.conversations.get('conv1')).toBeDefined();
  });

  it('still deletes the emptied conversation of a follow-up that is done, and of nothing at all', async () => {
    const db = await setUp(followUp('f1', { conversationId: 'conv1', dueAt: now - 39 * DAY, doneAt: now - 39 * DAY }), async (d) => {
      await d.conversations.put(conversation('conv2', 'c1', now - 40 * DAY));
      await d.messages.put(message('m2', 'conv2', 'c1', now - 40 * DAY));
    });
    expect(await pruneBrand(db, 'b1', now)).toMatchObject({ messages: 2, conversations: 2 });
    expect(await db.conversations.count()).toBe(0);
  });
});

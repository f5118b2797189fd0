/** Clicking a follow-up notification opens only an https:// conversation link (lib/https-url.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openFollowUpConversation } from '../../lib/background/reminders';
import { isHttpsUrl } from '../../lib/https-url';
import { conversation, dbWithBrand, followUp, show, shown } from '../support/follow-up-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('clicking a notification of a conversation with a link that is not https', () => {
  it('opens the options page, never the link', async () => {
    const db = await dbWithBrand();
    await db.conversations.bulkPut([
      conversation('plain', 'c1', 0, 'http://evil.example/login'),
      conversation('script', 'c1', 0, 'javascript:alert(1)'),
    ]);
    await db.followUps.bulkPut([followUp('f1', { conversationId: 'plain', notifiedAt: 1 }), followUp('f2', { conversationId: 'script', notifiedAt: 1 })]);
    const tabs = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const options = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await show('followup:f1');
    await openFollowUpConversation(db, 'followup:f1');
    await openFollowUpConversation(db, 'followup:f2');
    expect(tabs).not.toHaveBeenCalled();
    expect(options).toHaveBeenCalledTimes(2);
    expect(await shown()).toEqual([]);
  });

  it('isHttpsUrl accepts https:// links only', () => {
    expect(isHttpsUrl('https://x.com/messages/1-2')).toBe(true);
    for (const url of ['http://evil.example/login', 'javascript:alert(1)', 'data:text/html,hi', ' https://x.com', 'HTTPS://x.com', '', null, undefined]) {
      expect(isHttpsUrl(url)).toBe(false);
    }
  });
});

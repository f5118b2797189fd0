/**
 * The database cannot be read before recording (closed, being upgraded): the tab's state must
 * still be written — with the storage error, and without the previous conversation's customer,
 * or the panel goes on showing that customer's card on another thread (a reply with the wrong name).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { recordForTab } from '../../lib/background/record';
import { createRouter } from '../../lib/background/router';
import { getTabState } from '../../lib/background/tab-state';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';

const contentSender = (tabId: number, url: string) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 0, url });

const thread = (id: string, handle: string): ConversationSnapshot => ({
  platform: 'x',
  kind: 'x-thread',
  conversationId: id,
  url: `https://x.com/${handle}/status/${id}`,
  state: 'ok',
  agent: { platform: 'x', handle: 'Acme_Support' },
  customer: { handle, displayName: handle },
  messages: [{ id, author: { handle }, text: '@Acme_Support where is my order?', sentAt: '2026-03-01T10:00:00Z', direction: 'in' }],
});

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({
    id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  return db;
}

const closed = () => Dexie.Promise.reject(new Dexie.DatabaseClosedError('closed')) as never;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recording when the database cannot be read', () => {
  it('recordForTab resolves with the storage error and clears the conversation and customer', async () => {
    const db = await setup();
    vi.spyOn(db.brands, 'toArray').mockImplementation(closed);
    const { patch, added } = await recordForTab(db, thread('100', 'dana_example'));
    expect(added).toEqual([]);
    expect(typeof patch.storageError).toBe('string');
    expect(patch.storageError).toMatch(/database was closed/);
    expect(patch).toMatchObject({ conversationId: null, customerId: null });
  });

  it('a snapshot still being read (no messages yet) is answered the same way', async () => {
    const db = await setup();
    vi.spyOn(db.brands, 'toArray').mockImplementation(closed);
    const empty = { ...thread('100', 'dana_example'), state: 'empty' as const, messages: [] };
    const { patch } = await recordForTab(db, empty);
    expect(patch.storageError).toMatch(/database was closed/);
    expect(patch).toMatchObject({ conversationId: null, customerId: null });
  });

  it('router: the tab no longer names the previous customer once the agent moved to another thread', async () => {
    const db = await setup();
    const route = createRouter({ db, log: vi.fn() });
    const first = thread('100', 'dana_example');
    await route({ type: 'page/snapshot', url: first.url, result: { ok: true, snapshot: first } }, contentSender(31, first.url));
    const before = await getTabState(31);
    expect(before.customerId).toBeTruthy();
    expect(before.storageError).toBeNull();

    vi.spyOn(db.brands, 'toArray').mockImplementation(closed);
    const second = thread('200', 'sam_other');
    await route({ type: 'page/snapshot', url: second.url, result: { ok: true, snapshot: second } }, contentSender(31, second.url)).catch(() => undefined);
    const after = await getTabState(31);
    expect(after.customerId).not.toBe(before.customerId);
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(after.customerId).toBeNull();
    expect(after.result?.ok && after.result.snapshot.conversationId).toBe('200');
    expect(after.storageError).toMatch(/database was closed/);
  });

  it('router: a page with no conversation, brands unreadable, leaves the previous customer too', async () => {
    const db = await setup();
    const route = createRouter({ db, log: vi.fn() });
    const first = thread('100', 'dana_example');
    await route({ type: 'page/snapshot', url: first.url, result: { ok: true, snapshot: first } }, contentSender(32, first.url));
    expect((await getTabState(32)).customerId).toBeTruthy();

    vi.spyOn(db.brands, 'toArray').mockImplementation(closed);
    const home = 'https://x.com/home';
    await route({ type: 'page/snapshot', url: home, result: { ok: false, code: 'no-conversation', reason: 'r', agent: { platform: 'x', handle: 'acme_support' } } }, contentSender(32, home)).catch(() => undefined);
    const after = await getTabState(32);
    expect(after.url).toBe(home);
    expect(after.customerId).toBeNull();
    expect(after.storageError).toMatch(/database was closed/);
  });
});

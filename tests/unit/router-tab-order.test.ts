/**
 * The tab's state follows the page the agent is on, whatever order the background finishes its
 * work in, and never carries one brand's records where another brand's account is in use.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { createRouter } from '../../lib/background/router';
import { getTabState } from '../../lib/background/tab-state';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import type { Brand } from '../../lib/db/records';
import { t } from '../../lib/i18n';

const contentSender = (tabId: number, url = 'https://x.com/') => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 0, url });
const panelSender = (tabId: number) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 3, url: fakeBrowser.runtime.getURL('/panel.html') });
const brand = (id: string, account: Brand['accounts'][number]): Brand => ({
  id, name: id.toUpperCase(), referencePrefix: id.toUpperCase(), accounts: [account], signature: '',
  tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
});

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.bulkPut([brand('ba', { platform: 'x', handle: 'brand_a' }), brand('bb', { platform: 'x', handle: 'brand_b' }), brand('bf', { platform: 'facebook', pageId: '777' })]);
  const log = vi.fn();
  return { db, log, route: createRouter({ db, log }) };
}

const dm = (messages: number): ConversationSnapshot => ({
  platform: 'x', kind: 'x-dm', conversationId: '1-2', url: 'https://x.com/messages/1-2', state: 'ok',
  agent: { platform: 'x', handle: 'brand_a' }, customer: { handle: 'alice', displayName: 'Alice' },
  messages: Array.from({ length: messages }, (_, i) => ({
    id: `a${i}`, author: { handle: 'alice' }, text: `message ${i}`, sentAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), direction: 'in' as const,
  })),
});

describe('background router: one tab, one order', () => {
  it('ends on the newest page when a slow recording finishes after it', async () => {
    const { route } = await setup();
    const slow = dm(3000);
    // A long brand-A thread is still being recorded when the agent moves to brand B's home.
    const first = route({ type: 'page/snapshot', url: slow.url, result: { ok: true, snapshot: slow } }, contentSender(902));
    await new Promise((r) => setTimeout(r, 20));
    const home = { type: 'page/snapshot', url: 'https://x.com/home', result: { ok: false, code: 'no-conversation', reason: 'This page is not a conversation.', agent: { platform: 'x', handle: 'brand_b' } } };
    const second = route(home, contentSender(902));
    await Promise.all([first, second]);
    const state = await getTabState(902);
    expect({ url: state.url, brandId: state.brandId, customerId: state.customerId }).toEqual({ url: 'https://x.com/home', brandId: 'bb', customerId: null });
  });

  it('still records every snapshot it was sent, in order', async () => {
    const { db, route } = await setup();
    const a = dm(1500);
    const b = { ...dm(1), conversationId: '1-3', url: 'https://x.com/messages/1-3', customer: { handle: 'bob', displayName: 'Bob' }, messages: [{ id: 'b0', author: { handle: 'bob' }, text: 'hello', sentAt: '2026-02-01T10:00:00Z', direction: 'in' as const }] };
    await Promise.all([
      route({ type: 'page/snapshot', url: a.url, result: { ok: true, snapshot: a } }, contentSender(903)),
      route({ type: 'page/snapshot', url: b.url, result: { ok: true, snapshot: b } }, contentSender(903)),
    ]);
    expect(await db.messages.count()).toBe(1501);
    const state = await getTabState(903);
    expect(state.url).toBe(b.url);
    expect((await db.customers.get(state.customerId!))?.displayName).toBe('Bob');
  });

  it('lets a failed message not hold up the ones after it', async () => {
    const { route } = await setup();
    const broken = route({ type: 'page/snapshot', url: 'https://x.com/messages/1-2', result: { ok: true, snapshot: { nonsense: true } } }, contentSender(904));
    const home = route({ type: 'page/snapshot', url: 'https://x.com/home', result: { ok: false, code: 'no-conversation', reason: 'r', agent: { platform: 'x', handle: 'brand_b' } } }, contentSender(904));
    expect(await broken).toHaveProperty('error');
    expect(await home).toEqual({ ok: true });
    expect((await getTabState(904)).brandId).toBe('bb');
  });
});

describe('background router: the tab brand', () => {
  it('is kept by a page that shows no account on the same platform, and dropped on another platform', async () => {
    const { route } = await setup();
    const one = dm(1);
    await route({ type: 'page/snapshot', url: one.url, result: { ok: true, snapshot: one } }, contentSender(960, one.url));
    expect((await getTabState(960)).brandId).toBe('ba');
    const xHome = 'https://x.com/home';
    await route({ type: 'page/snapshot', url: xHome, result: { ok: false, code: 'no-conversation', reason: 'r' } }, contentSender(960, xHome));
    expect((await getTabState(960)).brandId).toBe('ba');
    // Same tab, now facebook.com, no account shown yet: brand A's X account says nothing of it.
    const fb = 'https://www.facebook.com/';
    await route({ type: 'page/snapshot', url: fb, result: { ok: false, code: 'no-conversation', reason: 'r' } }, contentSender(960, fb));
    expect((await getTabState(960)).brandId).toBeNull();
  });
});

describe('background router: Track under the account in use', () => {
  const thread: ConversationSnapshot = {
    platform: 'x', kind: 'x-thread', conversationId: '500', url: 'https://x.com/dana/status/500', state: 'ok',
    agent: { platform: 'x', handle: 'brand_a' }, customer: { handle: 'dana', displayName: 'Dana' },
    messages: [{ id: '500', author: { handle: 'dana' }, text: 'This kettle broke', sentAt: '2026-03-01T10:00:00Z', direction: 'in' }],
  };

  it("refuses another brand than the logged-in account's, and records nothing", async () => {
    const { db, log, route } = await setup();
    await route({ type: 'page/snapshot', url: thread.url, result: { ok: true, snapshot: thread } }, contentSender(950));
    expect((await getTabState(950)).notRecordedReason).toBeTruthy();
    const refusal = (await route({ type: 'panel/track', brandId: 'bb' }, panelSender(950))) as { error: string; message?: string };
    expect(refusal.error).toMatch(/logged in as BA/);
    expect(refusal.message).toBe(t('record.otherBrandAccount', { brand: 'BA' }));
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/logged in as BA/));
    expect(await db.messages.count()).toBe(0);
    expect((await getTabState(950)).brandId).toBe('ba');
  });

  it("records under the account's brand, and the next reading keeps recording", async () => {
    const { db, route } = await setup();
    await route({ type: 'page/snapshot', url: thread.url, result: { ok: true, snapshot: thread } }, contentSender(951));
    expect(await route({ type: 'panel/track', brandId: 'ba' }, panelSender(951))).toEqual({ ok: true });
    const more = { ...thread, messages: [...thread.messages, { ...thread.messages[0]!, id: '501', text: 'Still broken' }] };
    await route({ type: 'page/snapshot', url: thread.url, result: { ok: true, snapshot: more } }, contentSender(951));
    const state = await getTabState(951);
    expect({ brandId: state.brandId, notRecordedReason: state.notRecordedReason }).toEqual({ brandId: 'ba', notRecordedReason: null });
    expect(await db.messages.where('brandId').equals('ba').count()).toBe(2);
  });
});

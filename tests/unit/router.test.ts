import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { createRouter } from '../../lib/background/router';
import { pendingPromises, settlePromise } from '../../lib/db/repositories/promises';
import { getTabState } from '../../lib/background/tab-state';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { openCase, transitionCase, updateCase } from '../../lib/db/repositories/cases';
import { linkCustomers } from '../../lib/panel/queries';

const extensionId = () => fakeBrowser.runtime.id;
const contentSender = (tabId = 7) => ({ id: extensionId(), tab: { id: tabId } as never, frameId: 0, url: 'https://x.com/dana_example/status/100' });
const panelSender = (tabId = 7) => ({ id: extensionId(), tab: { id: tabId } as never, frameId: 3, url: fakeBrowser.runtime.getURL('/panel.html') });

const snapshot: ConversationSnapshot = {
  platform: 'x',
  kind: 'x-thread',
  conversationId: '100',
  url: 'https://x.com/dana_example/status/100',
  state: 'ok',
  agent: { platform: 'x', handle: 'Acme_Support' },
  customer: { handle: 'dana_example', displayName: 'Dana Example' },
  messages: [{ id: '100', author: { handle: 'dana_example' }, text: '@Acme_Support where is my order?', sentAt: '2026-03-01T10:00:00Z', direction: 'in' }],
};

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({
    id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  const log = vi.fn();
  return { db, log, route: createRouter({ db, log }) };
}

describe('background router', () => {
  it('records a snapshot from a brand account automatically', async () => {
    const { db, route } = await setup();
    await route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } }, contentSender());
    expect(await db.messages.count()).toBe(1);
    const state = await getTabState(7);
    expect(state.brandId).toBe('b1');
    expect(state.customerId).toBeTruthy();
  });

  it('does not record a conversation no brand claims until the agent tracks it', async () => {
    const { db, route } = await setup();
    const other = { ...snapshot, agent: { platform: 'x' as const, handle: 'someone_else' } };
    await route({ type: 'page/snapshot', url: other.url, result: { ok: true, snapshot: other } }, contentSender(8));
    expect(await db.messages.count()).toBe(0);
    expect((await getTabState(8)).notRecordedReason).toMatch(/not listed under any brand/);
    await route({ type: 'panel/track', brandId: 'b1' }, panelSender(8));
    expect(await db.messages.count()).toBe(1);
    // …and from then on it is recorded without asking again.
    const more = { ...other, messages: [...other.messages, { ...other.messages[0]!, id: '101', text: 'Any news?' }] };
    await route({ type: 'page/snapshot', url: other.url, result: { ok: true, snapshot: more } }, contentSender(8));
    expect(await db.messages.count()).toBe(2);
  });

  it("keeps nothing of someone else's public thread read as the brand, until the brand takes part or the agent tracks it", async () => {
    const { db, route } = await setup();
    // A thread between two other people, read while logged in as acme_support.
    const stranger: ConversationSnapshot = {
      ...snapshot,
      conversationId: '200',
      url: 'https://x.com/sam_celebrity/status/200',
      customer: { handle: 'sam_celebrity' },
      messages: [
        { id: '200', author: { handle: 'sam_celebrity' }, text: 'New album out Friday! @label_records', sentAt: '2026-03-01T10:00:00Z', direction: 'in' },
        { id: '201', author: { handle: 'fan_1' }, text: 'cannot wait (my email is fan@example.com)', sentAt: '2026-03-01T10:05:00Z', direction: 'in' },
      ],
    };
    await route({ type: 'page/snapshot', url: stranger.url, result: { ok: true, snapshot: stranger } }, contentSender(9));
    expect(await db.messages.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
    const state = await getTabState(9);
    expect(state).toMatchObject({ brandId: 'b1', conversationId: null, customerId: null });
    expect(state.notRecordedReason).toMatch(/does not involve Acme/);

    // The brand replies in it: from then on the thread is the brand's conversation, and stays so.
    const replied = { ...stranger, messages: [...stranger.messages, { id: '202', author: { handle: 'acme_support' }, text: 'Congrats from all of us!', sentAt: '2026-03-01T11:00:00Z', direction: 'out' as const }] };
    await route({ type: 'page/snapshot', url: stranger.url, result: { ok: true, snapshot: replied } }, contentSender(9));
    expect(await db.messages.count()).toBe(3);
    expect((await getTabState(9)).notRecordedReason).toBeNull();
    const scrolled = { ...stranger, messages: [{ ...stranger.messages[1]!, id: '203', text: 'same here' }] };
    await route({ type: 'page/snapshot', url: stranger.url, result: { ok: true, snapshot: scrolled } }, contentSender(9));
    expect(await db.messages.count()).toBe(4);
  });

  it("records someone else's thread once the agent tracks it under the account's brand", async () => {
    const { db, route } = await setup();
    const listening: ConversationSnapshot = {
      ...snapshot,
      conversationId: '300',
      messages: [{ id: '300', author: { handle: 'dana_example' }, text: 'This kettle broke after two days', sentAt: '2026-03-01T10:00:00Z', direction: 'in' }],
    };
    await route({ type: 'page/snapshot', url: listening.url, result: { ok: true, snapshot: listening } }, contentSender(10));
    expect(await db.messages.count()).toBe(0);
    await route({ type: 'panel/track', brandId: 'b1' }, panelSender(10));
    expect(await db.messages.count()).toBe(1);
    const more = { ...listening, messages: [...listening.messages, { ...listening.messages[0]!, id: '301', text: 'Still broken' }] };
    await route({ type: 'page/snapshot', url: listening.url, result: { ok: true, snapshot: more } }, contentSender(10));
    expect(await db.messages.count()).toBe(2);
    expect((await getTabState(10)).notRecordedReason).toBeNull();
  });

  it("a page that is no conversation keeps the tab on the brand of the account it shows (else the tab's brand)", async () => {
    const { db, route } = await setup();
    const home = (agent?: { platform: 'x'; handle: string }) => ({
      type: 'page/snapshot',
      url: 'https://x.com/home',
      result: { ok: false, code: 'no-conversation', reason: 'This page is not a conversation.', ...(agent ? { agent } : {}) },
    });
    // A fresh tab on the home timeline, logged in as the brand's account.
    await route(home({ platform: 'x', handle: 'ACME_support' }), contentSender(13));
    expect((await getTabState(13)).brandId).toBe('b1');
    // The nav bar not rendered (no account shown): the tab keeps its brand.
    await route(home(), contentSender(13));
    expect((await getTabState(13)).brandId).toBe('b1');
    // Logged in as an account no brand lists: no brand's work shows.
    await route(home({ platform: 'x', handle: 'someone_else' }), contentSender(13));
    expect((await getTabState(13)).brandId).toBeNull();
    expect(await db.messages.count()).toBe(0);
  });

  it('rejects malformed and unknown messages with a logged reason, changing nothing', async () => {
    const { db, route, log } = await setup();
    const bad = await route({ type: 'page/snapshot', url: 'x', result: { ok: true, snapshot: { ...snapshot, messages: 'nope' } } }, contentSender());
    expect(bad).toHaveProperty('error');
    expect(await route({ type: 'page/delete-everything' }, contentSender())).toHaveProperty('error');
    expect(await route({ type: 'panel/insert', text: 'hi', mode: 'caret' }, contentSender())).toHaveProperty('error');
    expect(log).toHaveBeenCalledTimes(3);
    expect(log.mock.calls[0]![0]).toMatch(/messages/);
    expect(await db.messages.count()).toBe(0);
  });

  it('refuses messages from other extensions, web pages and sub-frames', async () => {
    const { route } = await setup();
    const msg = { type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } };
    expect(await route(msg, { ...contentSender(), id: 'another-extension' })).toHaveProperty('error');
    expect(await route(msg, { ...contentSender(), frameId: 2 })).toHaveProperty('error');
    expect(await route(msg, { id: extensionId(), url: 'https://x.com/' })).toHaveProperty('error');
  });

  it('relays an insert only to the content script of the panel’s own tab', async () => {
    const { route } = await setup();
    const sent: unknown[] = [];
    fakeBrowser.tabs.sendMessage = (async (tabId: number, message: unknown, options: unknown) => {
      sent.push({ tabId, message, options });
      return { ok: true, strategy: 'paste', sendEnabled: true };
    }) as typeof fakeBrowser.tabs.sendMessage;
    const outcome = await route({ type: 'panel/insert', text: 'Hello', mode: 'caret' }, panelSender(9));
    expect(outcome).toEqual({ ok: true, strategy: 'paste', sendEnabled: true });
    expect(sent).toEqual([{ tabId: 9, message: { type: 'tab/insert', text: 'Hello', mode: 'caret' }, options: { frameId: 0 } }]);
  });
});

describe('promise proposals', () => {
  it('a second promise in a later reply does not hide the first', async () => {
    const { db, route } = await setup();
    const promise = (id: string, text: string, at: string) => ({
      id, author: { handle: 'acme_support' }, text, sentAt: at, direction: 'out' as const,
    });
    const first = { ...snapshot, messages: [...snapshot.messages, promise('201', 'We will get back to you within 2 hours.', '2026-03-01T10:05:00Z')] };
    await route({ type: 'page/snapshot', url: first.url, result: { ok: true, snapshot: first } }, contentSender(11));
    const second = { ...first, messages: [...first.messages, promise('202', 'I will DM you within 3 hours.', '2026-03-01T10:10:00Z')] };
    await route({ type: 'page/snapshot', url: second.url, result: { ok: true, snapshot: second } }, contentSender(11));
    expect((await pendingPromises(db, 'b1')).map((x) => x.messageId.split(':m:')[1])).toEqual(['201', '202']);
  });

  it('waits for an answer after the agent moves on to another conversation in the same tab, and on a reload', async () => {
    const { db, route } = await setup();
    const promised = { ...snapshot, messages: [...snapshot.messages, { id: '201', author: { handle: 'acme_support' }, text: 'We will get back to you within 2 hours.', sentAt: '2026-03-01T10:05:00Z', direction: 'out' as const }] };
    await route({ type: 'page/snapshot', url: promised.url, result: { ok: true, snapshot: promised } }, contentSender(12));
    const { conversationId, customerId } = await getTabState(12);
    // The next conversation, in the same tab.
    const next = { ...snapshot, conversationId: '500', url: 'https://x.com/bob_b/status/500', customer: { handle: 'bob_b' }, messages: [{ id: '500', author: { handle: 'bob_b' }, text: '@acme_support hello', sentAt: '2026-03-01T10:06:00Z', direction: 'in' as const }] };
    await route({ type: 'page/snapshot', url: next.url, result: { ok: true, snapshot: next } }, contentSender(12));
    // Back, and read again: the message is stored already, the promise still waits.
    await route({ type: 'page/snapshot', url: promised.url, result: { ok: true, snapshot: promised } }, contentSender(12));
    const pending = await pendingPromises(db, 'b1');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ conversationId, customerId, phrase: expect.stringMatching(/within 2 hours/), dueAt: Date.parse('2026-03-01T12:05:00Z') });
  });
});

describe('proposeFollowUps', () => {
  const msg = (text: string, sentAt: number, direction: 'in' | 'out' = 'out') => ({
    id: `m-${sentAt}`, conversationId: 'c', customerId: 'k', brandId: 'b', platform: 'x' as const, nativeId: String(sentAt),
    direction, author: 'Acme', text, sentAt, capturedAt: sentAt,
  });
  it('proposes a promise with its parsed due time, unless the conversation already went past it', async () => {
    const { proposeFollowUps } = await import('../../lib/background/record');
    const sent = Date.UTC(2026, 2, 10, 12);
    const fresh = proposeFollowUps([msg('We will get back to you within 2 hours.', sent)], sent);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.dueAt).toBe(sent + 2 * 3_600_000);
    // Old history: the thread goes on a day later, so this promise is not news.
    expect(proposeFollowUps([msg('We will get back to you within 2 hours.', sent)], sent + 86_400_000)).toEqual([]);
    expect(proposeFollowUps([msg('Will you call me back within 2 hours?', sent, 'in')], sent)).toEqual([]);
  });
});

describe('the case follows only the conversation’s latest message', () => {
  const out = (id: string, text: string, at: string) => ({ id, author: { handle: 'acme_support' }, text, sentAt: at, direction: 'out' as const });
  const inbound = (id: string, text: string, at: string) => ({ id, author: { handle: 'dana_example' }, text, sentAt: at, direction: 'in' as const });
  const send = (route: ReturnType<typeof createRouter>, s: ConversationSnapshot, tab: number) =>
    route({ type: 'page/snapshot', url: s.url, result: { ok: true, snapshot: s } }, contentSender(tab));

  async function caseOnThread(tab: number) {
    const { db, route } = await setup();
    const start = { ...snapshot, messages: [inbound('100', '@acme_support where is my order?', '2026-03-03T10:00:00Z')] };
    await send(route, start, tab);
    const state = await getTabState(tab);
    const c = await openCase(db, { brandId: 'b1', customerId: state.customerId!, conversationId: state.conversationId! });
    await transitionCase(db, 'b1', c.id, 'waiting-us', c.revision);
    return { db, route, start, caseId: c.id, state };
  }

  it('an old reply found while scrolling up leaves the status alone; a new reply moves it', async () => {
    const { db, route, start, caseId } = await caseOnThread(21);
    // Scrolling up: a reply from two days before the customer's latest message is read for the first time.
    await send(route, { ...start, messages: [out('90', 'We are looking into it.', '2026-03-01T09:00:00Z'), ...start.messages] }, 21);
    expect((await db.cases.get(caseId))!.status).toBe('waiting-us');
    await send(route, { ...start, messages: [...start.messages, out('101', 'Found it, it ships today.', '2026-03-03T10:30:00Z')] }, 21);
    expect((await db.cases.get(caseId))!.status).toBe('waiting-customer');
  });

  it('a case opened under a linked identity follows this thread too', async () => {
    const { db, route } = await setup();
    const fbCustomer = { id: 'fb-dana', brandId: 'b1', displayName: 'Dana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] as string[] };
    await db.customers.put(fbCustomer);
    const start = { ...snapshot, messages: [inbound('100', '@acme_support where is my order?', '2026-03-03T10:00:00Z')] };
    await send(route, start, 22);
    const { customerId, conversationId } = await getTabState(22);
    await linkCustomers(db, customerId!, 'fb-dana');
    // The case belongs to the Facebook identity; the agent added this X thread to it.
    const c = await openCase(db, { brandId: 'b1', customerId: 'fb-dana' });
    await updateCase(db, 'b1', c.id, { conversationIds: [conversationId!] }, c.revision);
    await send(route, { ...start, messages: [...start.messages, out('101', 'Found it, it ships today.', '2026-03-03T10:30:00Z')] }, 22);
    expect((await db.cases.get(c.id))!.status).toBe('waiting-customer');
  });

  it('proposals made under one brand are dropped when the same thread is read under another', async () => {
    const { db, route } = await setup();
    await db.brands.put({ ...(await db.brands.get('b1'))!, id: 'b2', name: 'Other', accounts: [{ platform: 'x', handle: 'other_support' }] });
    const promised = { ...snapshot, messages: [...snapshot.messages, out('201', 'We will get back to you within 2 hours.', '2026-03-01T10:05:00Z')] };
    await send(route, promised, 23);
    expect(await pendingPromises(db, 'b1')).toHaveLength(1);
    await send(route, { ...promised, agent: { platform: 'x', handle: 'other_support' } }, 23);
    const state = await getTabState(23);
    expect(state.brandId).toBe('b2');
    // Brand b2 records the same promise as its own (its own message and conversation), never b1's.
    const b2 = await pendingPromises(db, 'b2');
    expect(b2).toHaveLength(1);
    expect(b2[0]!.messageId.startsWith('b2')).toBe(true);
    expect(b2[0]!.conversationId).toBe(state.conversationId);
    expect((await pendingPromises(db, 'b1'))[0]!.messageId.startsWith('b1')).toBe(true);
  });

  it('an answered proposal or reopen offer is not offered again', async () => {
    const { db, route, start, caseId } = await caseOnThread(24);
    const c = (await db.cases.get(caseId))!;
    await transitionCase(db, 'b1', caseId, 'resolved', c.revision, {}, Date.parse('2026-03-03T11:00:00Z'));
    const later = {
      ...start,
      messages: [...start.messages, out('101', 'We will get back to you within 2 hours.', '2026-03-03T12:00:00Z'), inbound('102', 'It broke again', '2026-03-03T12:30:00Z')],
    };
    await send(route, later, 24);
    let state = await getTabState(24);
    expect(state.reopenOffer?.caseId).toBe(caseId);
    const [p] = await pendingPromises(db, 'b1');
    expect(p).toBeDefined();
    await settlePromise(db, 'b1', p!);
    expect(await route({ type: 'panel/answered', reopenCaseId: caseId }, panelSender(24))).toEqual({ ok: true });
    // The page is read again (a reload): nothing new, nothing offered again.
    await send(route, later, 24);
    state = await getTabState(24);
    expect(await pendingPromises(db, 'b1')).toEqual([]);
    expect(state.reopenOffer).toBeNull();
  });
});

describe('an account switch on the same thread', () => {
  it("keeps nothing of the other brand: not its conversation or customer, even when the first reading under the new account is empty", async () => {
    const { db, route } = await setup();
    await db.brands.put({ ...(await db.brands.get('b1'))!, id: 'b2', name: 'Other', accounts: [{ platform: 'x', handle: 'other_support' }] });
    await route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } }, contentSender(31));
    expect((await getTabState(31)).conversationId).toBeTruthy();
    // Same thread, now logged in as brand b2's account; the page has not rendered messages yet.
    const loading = { ...snapshot, agent: { platform: 'x' as const, handle: 'other_support' }, messages: [] };
    await route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot: loading } }, contentSender(31));
    const state = await getTabState(31);
    expect(state.brandId).toBe('b2');
    expect(state.conversationId).toBeNull();
    expect(state.customerId).toBeNull();
  });
});

describe('the customer open in Caseside (for "keep this page in the customer\'s history")', () => {
  it("is the one in the panel the agent last used, not a background tab's latest snapshot", async () => {
    const { route } = await setup();
    await fakeBrowser.storage.session.clear();
    const last = async () => ((await fakeBrowser.storage.session.get('lastCustomer')) as { lastCustomer?: { customerId: string } }).lastCustomer?.customerId;
    const other = { ...snapshot, conversationId: '200', url: 'https://x.com/bob_b/status/200', customer: { handle: 'bob_b', displayName: 'Bob' }, messages: [{ ...snapshot.messages[0]!, id: '200', author: { handle: 'bob_b' } }] };
    await route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } }, contentSender(41));
    const dana = (await getTabState(41)).customerId;
    expect(await last()).toBe(dana);
    await route({ type: 'panel/active' }, panelSender(41));
    // Bob's thread, open in another tab, gets a message while the agent works in Dana's panel.
    await route({ type: 'page/snapshot', url: other.url, result: { ok: true, snapshot: other } }, contentSender(42));
    expect(await last()).toBe(dana);
    // The agent clicks into Bob's panel: now Bob is the one.
    await route({ type: 'panel/active' }, panelSender(42));
    expect(await last()).toBe((await getTabState(42)).customerId);
  });
});

describe('the reopen offer on a DM with several cases', () => {
  const dmSender = (tabId: number) => ({ id: extensionId(), tab: { id: tabId } as never, frameId: 0, url: 'https://x.com/messages/1-2' });
  const inbound = (id: string, text: string, at: string) => ({ id, author: { handle: 'dana_example' }, text, sentAt: at, direction: 'in' as const });
  const dm = (messages: ConversationSnapshot['messages']): ConversationSnapshot => ({
    platform: 'x',
    kind: 'x-dm',
    conversationId: '1-2',
    url: 'https://x.com/messages/1-2',
    state: 'ok',
    agent: { platform: 'x', handle: 'Acme_Support' },
    customer: { handle: 'dana_example', displayName: 'Dana Example' },
    messages,
  });

  it('is not made for an old resolved case while a newer case on the same conversation is open', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put({
      id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
      tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    });
    const route = createRouter({ db, log: vi.fn() });
    const send = (s: ConversationSnapshot) => route({ type: 'page/snapshot', url: s.url, result: { ok: true, snapshot: s } }, dmSender(41));

    const first = [inbound('m1', 'My order never came', '2026-03-01T10:00:00Z')];
    await send(dm(first));
    const { customerId, conversationId } = await getTabState(41);
    // Case 1, resolved on 1 March.
    const old = await openCase(db, { brandId: 'b1', customerId: customerId!, conversationId: conversationId! }, Date.parse('2026-03-01T10:05:00Z'));
    await transitionCase(db, 'b1', old.id, 'resolved', old.revision, {}, Date.parse('2026-03-01T11:00:00Z'));
    // A week later, a new problem in the same DM: the agent opens case 2 (the panel's "Open case").
    const second = [...first, inbound('m2', 'Now my invoice is wrong', '2026-03-08T09:00:00Z')];
    await send(dm(second));
    const current = await openCase(db, { brandId: 'b1', customerId: customerId!, conversationId: conversationId! }, Date.parse('2026-03-08T09:05:00Z'));
    // Dana writes again about the invoice.
    await send(dm([...second, inbound('m3', 'Any news on the invoice?', '2026-03-08T12:00:00Z')]));

    const state = await getTabState(41);
    expect((await db.cases.get(current.id))!.status).toBe('open');
    expect(state.reopenOffer, `offered to reopen the old resolved case ${old.reference} while ${current.reference} is open`).toBeNull();
  });

  it('names the most recent resolved case, not an older one, when the customer writes after both were resolved', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.brands.put({
      id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
      tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    });
    const route = createRouter({ db, log: vi.fn() });
    const send = (s: ConversationSnapshot) => route({ type: 'page/snapshot', url: s.url, result: { ok: true, snapshot: s } }, dmSender(42));
    const first = [inbound('m1', 'My order never came', '2026-03-01T10:00:00Z')];
    await send(dm(first));
    const { customerId, conversationId } = await getTabState(42);
    const kase = (id: string, reference: string, openedAt: string, resolvedAt: string) => ({
      id, brandId: 'b1', customerId: customerId!, reference, title: '', status: 'resolved' as const, priority: 'normal' as const, tags: [],
      openedAt: Date.parse(openedAt), updatedAt: Date.parse(resolvedAt), resolvedAt: Date.parse(resolvedAt), conversationIds: [conversationId!], revision: 1,
    });
    // Ids as UUIDs fall: the older case's id happens to sort after the newer one's.
    await db.cases.bulkPut([kase('zz-old', 'ACME-0001', '2026-03-01T10:05:00Z', '2026-03-01T11:00:00Z'), kase('aa-new', 'ACME-0002', '2026-03-05T10:00:00Z', '2026-03-05T12:00:00Z')]);
    await send(dm([...first, inbound('m2', 'It broke again', '2026-03-09T09:00:00Z')]));
    expect((await getTabState(42)).reopenOffer?.reference).toBe('ACME-0002');
  });
});

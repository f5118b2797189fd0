import { describe, expect, it, vi } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { recordSnapshot } from '../../lib/db/capture';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';

const base = (messages: ConversationSnapshot['messages']): ConversationSnapshot => ({
  platform: 'x',
  kind: 'x-thread',
  conversationId: '100',
  url: 'https://x.com/dana_example/status/100',
  state: 'ok',
  agent: { platform: 'x', handle: 'acme_support' },
  customer: { handle: 'dana_example', displayName: 'Dana Example', userId: '42' },
  messages,
});
const m = (id: string, direction: 'in' | 'out', text: string, at: string, author = 'dana_example') => ({
  id,
  author: { handle: author, displayName: author === 'acme_support' ? 'Acme' : 'Dana Example' },
  text,
  sentAt: at,
  direction,
});

describe('recordSnapshot', () => {
  it('stores the customer, the conversation and each message once', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const s = base([m('100', 'in', 'My order is late', '2026-03-01T10:00:00Z'), m('101', 'out', 'Sorry Dana!', '2026-03-01T10:05:00Z', 'acme_support')]);
    const first = await recordSnapshot(db, 'b1', s, 1);
    expect(first.added.map((x) => x.nativeId)).toEqual(['100', '101']);
    const again = await recordSnapshot(db, 'b1', s, 2);
    expect(again.added).toEqual([]);
    expect(await db.messages.count()).toBe(2);
    expect(await db.customers.count()).toBe(1);
    const customer = (await db.customers.toArray())[0]!;
    expect(customer.identityKeys).toContain('b1|x:dana_example');
    expect(customer.identityKeys).toContain('b1|x#42');
    const conversation = await db.conversations.get(first.conversationId);
    expect(conversation?.lastMessageAt).toBe(Date.parse('2026-03-01T10:05:00Z'));
  });

  it('merges what a virtualised list showed at different times and never deletes', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b1', base([m('1', 'in', 'a', '2026-03-01T10:00:00Z')]));
    await recordSnapshot(db, 'b1', base([m('2', 'in', 'b', '2026-03-01T10:01:00Z')]));
    expect((await db.messages.toArray()).map((x) => x.nativeId).sort()).toEqual(['1', '2']);
  });

  it("never files a brand's messages under another brand's customer, even one carrying its identity key", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    // A damaged or edited backup planted brand b1's key on a customer of brand b2.
    await db.customers.put({ id: 'planted', brandId: 'b2', displayName: 'Planted', identities: [], identityKeys: ['b1|x:dana_example'], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
    const r = await recordSnapshot(db, 'b1', base([m('1', 'in', 'hello', '2026-03-01T10:00:00Z')]));
    expect(r.customerId).not.toBe('planted');
    expect((await db.customers.get(r.customerId))?.brandId).toBe('b1');
  });

  it('keeps two brands apart even for the same thread', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const s = base([m('1', 'in', 'hello', '2026-03-01T10:00:00Z')]);
    await recordSnapshot(db, 'b1', s);
    await recordSnapshot(db, 'b2', s);
    const customers = await db.customers.toArray();
    expect(customers.map((c) => c.brandId).sort()).toEqual(['b1', 'b2']);
    expect(new Set((await db.messages.toArray()).map((x) => x.id)).size).toBe(2);
  });

  it('gives other commenters their own customer record', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(
      db,
      'b1',
      base([m('1', 'in', 'hello', '2026-03-01T10:00:00Z'), m('2', 'in', 'me too', '2026-03-01T10:01:00Z', 'sam_sample')]),
    );
    const byHandle = new Map((await db.customers.toArray()).map((c) => [c.identities[0]!.handle, c.id]));
    const rows = await db.messages.toArray();
    expect(rows.find((r) => r.nativeId === '2')!.customerId).toBe(byHandle.get('sam_sample'));
    expect(rows.find((r) => r.nativeId === '1')!.customerId).toBe(byHandle.get('dana_example'));
  });

  it("files the brand's reply to a commenter under that commenter (a Page post's comment thread), not the post's first customer", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const post = (messages: ConversationSnapshot['messages']): ConversationSnapshot => ({
      ...base(messages), platform: 'facebook', kind: 'fb-post', conversationId: 'post-1', url: 'https://www.facebook.com/acme/posts/1',
      agent: { platform: 'facebook', handle: 'acme' }, customer: { handle: 'ana', displayName: 'Ana' },
    });
    const c = (id: string, direction: 'in' | 'out', author: string, text: string, at: string, inReplyTo: string) => ({ id, author: { handle: author, displayName: author }, text, sentAt: at, direction, inReplyTo });
    const r = await recordSnapshot(
      db,
      'b1',
      post([
        c('c1', 'in', 'ana', 'IB123 diverted?', '2026-03-01T10:00:00Z', 'post-1'),
        c('c2', 'in', 'ben', 'Same, IB123?', '2026-03-01T10:01:00Z', 'post-1'),
        c('r1', 'out', 'acme', 'Ana, buses leave at 18:00.', '2026-03-01T10:05:00Z', 'c1'),
        c('r2', 'out', 'acme', 'Ben, buses leave at 18:00.', '2026-03-01T10:06:00Z', 'c2'),
        // A top-level comment of the Page answers no one in particular: the post's customer.
        c('r3', 'out', 'acme', 'Update for everyone: buses at 18:00.', '2026-03-01T10:07:00Z', 'post-1'),
      ]),
    );
    const byHandle = new Map((await db.customers.toArray()).map((x) => [x.identities[0]!.handle, x.id]));
    const owner = async (nativeId: string) => (await db.messages.toArray()).find((x) => x.nativeId === nativeId)!.customerId;
    expect(await owner('r1')).toBe(byHandle.get('ana'));
    expect(await owner('r2')).toBe(byHandle.get('ben'));
    expect(await owner('r3')).toBe(r.customerId);
    expect(r.added.find((x) => x.nativeId === 'r2')!.customerId).toBe(byHandle.get('ben'));
  });

  it('moves a reply stored with the thread\'s customer to the person it answers once a reading shows whom (not back again)', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const sam = (id: string, at: string) => ({ ...m(id, 'in', 'Same here, no refund', at, 'sam_sample') });
    const reply = (inReplyTo?: string) => ({ ...m('r1', 'out', 'Sam, refunds are on their way.', '2026-03-01T10:06:00Z', 'acme_support'), ...(inReplyTo ? { inReplyTo } : {}) });
    // First reading: the reply is on screen, Sam's tweet it answers is not.
    const first = await recordSnapshot(db, 'b1', base([m('100', 'in', 'My refund?', '2026-03-01T10:00:00Z'), reply()]), 1);
    const owner = async () => (await db.messages.toArray()).find((x) => x.nativeId === 'r1')!.customerId;
    expect(await owner()).toBe(first.customerId);
    await recordSnapshot(db, 'b1', base([m('100', 'in', 'My refund?', '2026-03-01T10:00:00Z'), sam('s1', '2026-03-01T10:05:00Z'), reply('s1')]), 2);
    const samId = (await db.customers.toArray()).find((c) => c.identities[0]!.handle === 'sam_sample')!.id;
    expect(await owner()).toBe(samId);
    // A later reading without it leaves the reply with Sam.
    await recordSnapshot(db, 'b1', base([m('100', 'in', 'My refund?', '2026-03-01T10:00:00Z'), reply()]), 3);
    expect(await owner()).toBe(samId);
  });

  it("dates first and last contact by the messages: the conversation's span for its customer, their own messages for others", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(
      db,
      'b1',
      base([
        m('1', 'in', 'hello', '2026-03-01T10:00:00Z'),
        m('2', 'in', 'me too', '2026-03-01T10:01:00Z', 'sam_sample'),
        m('3', 'out', 'On it', '2026-03-01T10:30:00Z', 'acme_support'),
        m('4', 'in', 'still here', '2026-03-01T11:00:00Z', 'sam_sample'),
      ]),
    );
    const byHandle = new Map((await db.customers.toArray()).map((c) => [c.identities[0]!.handle, c]));
    const at = (iso: string) => Date.parse(iso);
    expect(byHandle.get('dana_example')).toMatchObject({ firstSeenAt: at('2026-03-01T10:00:00Z'), lastSeenAt: at('2026-03-01T11:00:00Z') });
    expect(byHandle.get('sam_sample')).toMatchObject({ firstSeenAt: at('2026-03-01T10:01:00Z'), lastSeenAt: at('2026-03-01T11:00:00Z') });
    // A later, earlier-dated page of the same thread moves first contact back, never forward.
    await recordSnapshot(db, 'b1', base([m('0', 'in', 'earlier', '2026-02-27T09:00:00Z')]));
    const dana = (await db.customers.toArray()).find((c) => c.identities[0]!.handle === 'dana_example')!;
    expect(dana.firstSeenAt).toBe(at('2026-02-27T09:00:00Z'));
    expect(dana.lastSeenAt).toBe(at('2026-03-01T11:00:00Z'));
  });

  it("names a customer the page shows no name for in the interface language", async () => {
    const { setLocale } = await import('../../lib/i18n');
    const db = createDb(`t-${crypto.randomUUID()}`);
    const nameless = (id: string) => ({ ...base([{ ...m(id, 'in', 'hola', '2026-03-01T10:00:00Z'), author: { userId: `u${id}` } }]), conversationId: id, customer: { userId: `u${id}` } });
    await recordSnapshot(db, 'b1', nameless('1'));
    setLocale('es');
    try {
      await recordSnapshot(db, 'b1', nameless('2'));
    } finally {
      setLocale('en');
    }
    expect((await db.customers.toArray()).map((c) => c.displayName).sort()).toEqual(['Cliente desconocido', 'Unknown customer']);
  });

  it('keeps page order for messages without a visible time', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const s = base([
      { ...m('a', 'in', 'first', '2026-03-01T10:00:00Z'), sentAt: null },
      { ...m('b', 'in', 'second', '2026-03-01T10:00:00Z'), sentAt: null },
    ]);
    await recordSnapshot(db, 'b1', s, 1_000_000);
    const rows = await db.messages.orderBy('[customerId+sentAt]').toArray();
    expect(rows.map((r) => r.text)).toEqual(['first', 'second']);
  });
});

describe('recordSnapshot on an unchanged page', () => {
  it('writes nothing when the same snapshot is read again', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const s = base([m('1', 'in', 'hello', '2026-03-01T10:00:00Z')]);
    await recordSnapshot(db, 'b1', s, 1);
    let writes = 0;
    for (const table of [db.customers, db.conversations, db.messages]) {
      table.hook('creating', () => void writes++);
      table.hook('updating', () => void writes++);
    }
    await recordSnapshot(db, 'b1', s, 2);
    expect(writes).toBe(0);
    await recordSnapshot(db, 'b1', base([m('1', 'in', 'hello', '2026-03-01T10:00:00Z'), m('2', 'in', 'again', '2026-03-01T11:00:00Z')]), 3);
    expect(writes).toBeGreaterThan(0);
  });
});

describe('recordSnapshot of a long thread read again', () => {
  const at = (i: number) => new Date(Date.UTC(2026, 2, 1, 10) + i * 60_000).toISOString();
  /** Counts the keys of each bulkGet of messages (the reads made one key at a time). */
  const countKeyReads = (db: ReturnType<typeof createDb>) => {
    const asked: number[] = [];
    const bulkGet = db.messages.bulkGet.bind(db.messages);
    const spy = vi.spyOn(db.messages, 'bulkGet').mockImplementation((keys) => {
      asked.push(keys.length);
      return bulkGet(keys);
    });
    return { asked, spy };
  };
  const thread = (n: number, extra: ConversationSnapshot['messages'] = []) =>
    base([...Array.from({ length: n }, (_, i) => m(`${1000 + i}`, i % 3 === 2 ? 'out' : 'in', `message ${i}`, at(i), i % 3 === 2 ? 'acme_support' : 'dana_example')), ...extra]);

  it("reads the stored rows as one range of the conversation, finds a tweet first stored with another thread, and stores nothing twice", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    // A reply first read on its own status page (another conversation), later in this thread.
    const shared = m('9999', 'in', 'also this', at(500));
    await recordSnapshot(db, 'b1', { ...base([shared]), conversationId: '9999', url: 'https://x.com/dana_example/status/9999' });
    await recordSnapshot(db, 'b1', thread(150));
    const { asked, spy } = countKeyReads(db);
    const again = await recordSnapshot(db, 'b1', thread(150, [shared]));
    spy.mockRestore();
    expect(again.added).toEqual([]);
    // Only the row the conversation's range did not hold was read by key.
    expect(asked).toEqual([1]);
    expect(await db.messages.count()).toBe(151);
    const kept = (await db.messages.toArray()).find((r) => r.nativeId === '9999');
    expect(kept?.conversationId).toBe('b1/x:c:9999');

    const next = await recordSnapshot(db, 'b1', thread(151, [shared]));
    expect(next.added.map((r) => r.nativeId)).toEqual(['1150']);
    expect(await db.messages.count()).toBe(152);
  });

  it('reads a short reading of a much longer stored conversation by key', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b1', thread(400));
    const { asked, spy } = countKeyReads(db);
    const snapshot = base(thread(400).messages.slice(250, 400));
    const r = await recordSnapshot(db, 'b1', snapshot);
    spy.mockRestore();
    expect(r.added).toEqual([]);
    expect(asked).toEqual([150]);
  });
});

describe('keepPageOrder', () => {
  it('orders messages that share a shown time by their place on the page, leaving real times alone', async () => {
    const { keepPageOrder } = await import('../../lib/db/capture');
    const t = Date.UTC(2026, 2, 1, 10, 2);
    const times = [t, t, t, t + 5 * 60_000, t + 5 * 60_000, t - 3_600_000];
    keepPageOrder(times);
    expect(times).toEqual([t, t + 1, t + 2, t + 5 * 60_000, t + 5 * 60_000 + 1, t - 3_600_000]);
  });

  it('stores a Messenger group under one separator in page order', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const at = '2026-03-01T10:02:00Z';
    await recordSnapshot(db, 'b1', base([m('z', 'in', 'first', at), m('a', 'out', 'second', at, 'acme_support'), m('k', 'in', 'third', at)]));
    const rows = (await db.messages.toArray()).sort((x, y) => x.sentAt - y.sentAt);
    expect(rows.map((r) => r.text)).toEqual(['first', 'second', 'third']);
  });
});

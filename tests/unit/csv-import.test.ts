/**
 * CSV import (issue 7, part 4). The TWCS excerpt is CC BY-NC-SA: it is read here, from the
 * shared data folder, and never from lib/. Expected counts are computed in this file with a
 * different method (adjacency + breadth-first search over papaparse's header mode) and checked
 * against the independently built twcs_head5000_threads.jsonl.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { importCsv, sniffCsv } from '../../lib/import-export/csv-import';
import { parseCsvTime, stableHash } from '../../lib/import-export/csv-rows';
import { conversationKey, identityKeys, messageKey } from '../../lib/db/ids';
import { CustomerSchema, MessageSchema, ConversationSchema } from '../../lib/db/records';
import type { CasesideDb } from '../../lib/db/schema';
import { dump, freshDb } from '../fixtures/db/helpers';

const TWCS_DIR = path.resolve(process.cwd(), '../shared/data/twcs');
const twcsText = () => fs.readFileSync(path.join(TWCS_DIR, 'twcs_head5000.csv'), 'utf8');
const BRAND = 'brand-twcs';

async function dbWithBrand(accounts: Array<{ platform: 'x' | 'facebook'; handle: string }> = []): Promise<CasesideDb> {
  const db = freshDb('csv');
  await db.brands.put({
    id: BRAND, name: 'Imported', referencePrefix: 'IMP', accounts, signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  return db;
}

type Tweet = { tweet_id: string; author_id: string; inbound: string; text: string; response_tweet_id: string; in_response_to_tweet_id: string };

/** Expected threads, computed without the code under test. */
function expectedThreads(text: string, onlyAuthor?: string) {
  const tweets = Papa.parse<Tweet>(text, { header: true, skipEmptyLines: true, newline: '\n' }).data;
  const byId = new Map(tweets.map((t) => [t.tweet_id, t]));
  const neighbours = new Map<string, string[]>(tweets.map((t) => [t.tweet_id, []]));
  const children = new Map<string, Set<string>>();
  const link = (parent: string, child: string) => {
    if (!byId.has(parent) || !byId.has(child)) return;
    neighbours.get(parent)!.push(child);
    neighbours.get(child)!.push(parent);
    children.set(parent, (children.get(parent) ?? new Set()).add(byId.get(child)!.author_id));
  };
  for (const t of tweets) {
    if (t.in_response_to_tweet_id) link(t.in_response_to_tweet_id, t.tweet_id);
    for (const r of t.response_tweet_id.split(',').filter(Boolean)) link(t.tweet_id, r);
  }
  const broadcast = new Set(
    tweets.filter((t) => t.inbound === 'False' && !t.in_response_to_tweet_id && (children.get(t.tweet_id)?.size ?? 0) >= 2).map((t) => t.tweet_id),
  );
  const seen = new Set<string>();
  const threads: Tweet[][] = [];
  for (const t of tweets) {
    if (seen.has(t.tweet_id) || broadcast.has(t.tweet_id)) continue;
    const queue = [t.tweet_id];
    seen.add(t.tweet_id);
    const members: Tweet[] = [];
    while (queue.length) {
      const id = queue.shift()!;
      members.push(byId.get(id)!);
      for (const n of neighbours.get(id)!) {
        if (!seen.has(n) && !broadcast.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    const brandReplied = !onlyAuthor || members.some((m) => m.inbound === 'False' && m.author_id === onlyAuthor);
    if (members.some((m) => m.inbound === 'True') && brandReplied) threads.push(members);
  }
  const kept = threads.flat();
  return {
    rows: tweets.length,
    broadcasts: broadcast.size,
    conversations: threads.length,
    messages: kept.length,
    customers: new Set(kept.filter((m) => m.inbound === 'True').map((m) => m.author_id)).size,
    threads,
  };
}

describe('parseCsvTime', () => {
  it('reads the Twitter API format, ISO 8601 and epoch numbers', () => {
    expect(parseCsvTime('Tue Oct 31 22:10:47 +0000 2017')).toBe(Date.UTC(2017, 9, 31, 22, 10, 47));
    expect(parseCsvTime('Tue Oct 31 22:10:47 +0130 2017')).toBe(Date.UTC(2017, 9, 31, 20, 40, 47));
    expect(parseCsvTime('2017-10-31T22:10:47Z')).toBe(Date.UTC(2017, 9, 31, 22, 10, 47));
    expect(parseCsvTime('2017-10-31 22:10:47')).toBe(Date.UTC(2017, 9, 31, 22, 10, 47));
    expect(parseCsvTime('2017-10-31T23:10:47+01:00')).toBe(Date.UTC(2017, 9, 31, 22, 10, 47));
    expect(parseCsvTime('1509487847')).toBe(1509487847000);
  });
  it('refuses what it cannot read', () => {
    for (const bad of ['', 'yesterday', 'Tue Feb 31 10:00:00 +0000 2017', '2017-13-45T00:00:00Z', '31/10/2017', '1e309']) {
      expect(parseCsvTime(bad), bad).toBeNull();
    }
  });
});

describe('sniffCsv', () => {
  it('recognises the support-tweet layout and previews 20 mapped rows', () => {
    const sniff = sniffCsv(twcsText());
    expect(sniff.layout).toBe('twcs');
    expect(sniff.columns).toEqual(['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id']);
    expect(sniff.preview).toHaveLength(20);
    expect(sniff.preview[0]).toMatchObject({ line: 2, id: '1', author: 'sprintcare', direction: 'out', inReplyTo: '3', responses: ['2'] });
    expect(sniff.rowCount).toBeGreaterThanOrEqual(5000);
    expect(sniff.error).toBeUndefined();
  });
  it('guesses a generic mapping from header names, and says when it cannot', () => {
    const sniff = sniffCsv('Conversation,Customer,Direction,Time,Text\nc1,ann,in,2024-01-01T10:00:00Z,hello\n');
    expect(sniff.mapping).toEqual({ layout: 'generic', conversation: 'Conversation', customer: 'Customer', direction: 'Direction', time: 'Time', text: 'Text' });
    expect(sniff.preview[0]).toMatchObject({ conversation: 'c1', customer: 'ann', direction: 'in', author: 'ann' });
    expect(sniffCsv('a,b\n1,2\n').error).toMatch(/Unknown layout/);
  });
});

describe('importCsv: the TWCS excerpt', () => {
  it('imports all 5,000 tweets under one brand as threads keyed by their root tweet', async () => {
    const text = twcsText();
    const expected = expectedThreads(text);
    const db = await dbWithBrand();
    const started = performance.now();
    const result = await importCsv(db, { text, brandId: BRAND, platform: 'x', now: 1_700_000_000_000 });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(result.error);
    console.log(`twcs import: ${result.messages} messages, ${result.conversations} conversations, ${result.customers} customers in ${ms.toFixed(0)} ms`);

    expect(expected.rows).toBe(5000);
    expect(result.customers).toBe(expected.customers);
    expect(result.newCustomers).toBe(expected.customers);
    expect(result.conversations).toBe(expected.conversations);
    expect(result.messages).toBe(expected.messages);
    expect(result.skipped).toBe(5000 - expected.messages);
    expect(result.errors).toEqual([]);
    expect(await db.messages.count()).toBe(expected.messages);
    expect(await db.conversations.count()).toBe(expected.conversations);
    expect(await db.customers.count()).toBe(expected.customers);

    // Every stored row is a valid record.
    for (const m of await db.messages.toArray()) MessageSchema.parse(m);
    for (const c of await db.customers.toArray()) CustomerSchema.parse(c);
    for (const c of await db.conversations.toArray()) ConversationSchema.parse(c);

    // The sprintcare thread of tweets 1..? : its root is the customer's first tweet, its customer 115712.
    const first = await db.messages.get(messageKey(BRAND, 'x', '1'));
    expect(first).toMatchObject({ direction: 'out', author: 'sprintcare', sentAt: Date.UTC(2017, 9, 31, 22, 10, 47), capturedAt: 1_700_000_000_000 });
    const conversation = (await db.conversations.get(first!.conversationId))!;
    const customer = (await db.customers.get(conversation.customerId))!;
    expect(customer.identityKeys).toEqual(identityKeys(BRAND, { platform: 'x', handle: '115712' }));
    expect(first!.customerId).toBe(customer.id);
    const threadOf1 = expected.threads.find((t) => t.some((m) => m.tweet_id === '1'))!;
    expect(await db.messages.where('conversationId').equals(conversation.id).count()).toBe(threadOf1.length);

    // Cross-check with the independently built threads file: each of its conversations (minus
    // the broadcast copies it prepends) is exactly one of ours, keyed by the same root tweet
    // unless that root is a broadcast (then ours is keyed by the first reply to it).
    const jsonl = fs.readFileSync(path.join(TWCS_DIR, 'twcs_head5000_threads.jsonl'), 'utf8').trim().split('\n');
    expect(jsonl).toHaveLength(expected.conversations);
    for (const line of jsonl) {
      const t = JSON.parse(line) as { conversation_id: string; messages: Array<{ id: string; broadcast?: boolean }> };
      const own = t.messages.filter((m) => !m.broadcast);
      const ids = own.map((m) => messageKey(BRAND, 'x', m.id)).sort();
      const conversationId = (await db.messages.get(ids[0]!))!.conversationId;
      const rootIsBroadcast = t.messages.some((m) => m.broadcast && m.id === t.conversation_id);
      if (!rootIsBroadcast) expect(conversationId).toBe(conversationKey(BRAND, 'x', t.conversation_id));
      const ours = await db.messages.where('conversationId').equals(conversationId).primaryKeys();
      expect(ours.sort(), `conversation ${t.conversation_id}`).toEqual(ids);
    }
  });

  it('adds nothing twice when the same file is imported again', async () => {
    const db = await dbWithBrand();
    const text = twcsText();
    const firstRun = await importCsv(db, { text, brandId: BRAND, platform: 'x' });
    expect(firstRun.ok).toBe(true);
    const before = await dump(db);
    const again = await importCsv(db, { text, brandId: BRAND, platform: 'x', now: 1 });
    if (!again.ok) throw new Error(again.error);
    expect(again.messages).toBe(0);
    expect(again.newCustomers).toBe(0);
    expect(again.skippedReasons['already stored']).toBe(firstRun.ok ? firstRun.messages : -1);
    expect(await dump(db)).toBe(before);
  });

  it("imports only the threads a brand's account replied in, from the brand's configured handle", async () => {
    const text = twcsText();
    const expected = expectedThreads(text, 'AppleSupport');
    const db = await dbWithBrand([{ platform: 'x', handle: '@applesupport' }]);
    const result = await importCsv(db, { text, brandId: BRAND, platform: 'x', onlyBrandThreads: true });
    if (!result.ok) throw new Error(result.error);
    expect(expected.conversations).toBeGreaterThan(10);
    expect(result.conversations).toBe(expected.conversations);
    expect(result.messages).toBe(expected.messages);
    expect(result.customers).toBe(expected.customers);
  });
});

describe('importCsv: generic layout with a mapping', () => {
  const mapping = { layout: 'generic' as const, conversation: 'thread', customer: 'who', direction: 'dir', time: 'when', text: 'body', author: 'agent' };
  const csv = [
    'thread,who,dir,when,body,agent',
    't1,Ann_B,in,2024-03-01T10:00:00Z,"My order, #12, is late",',
    't1,Ann_B,out,2024-03-01T10:05:00Z,"Sorry Ann, checking now",Sam',
    't2,carl,inbound,2024-03-02 08:00:00,"Line one\nline two",',
    't1,ann_b,in,2024-03-01T11:00:00Z,thanks!,',
  ].join('\n');

  it('groups rows by conversation, finds customers case-insensitively, derives stable ids', async () => {
    const db = await dbWithBrand();
    const result = await importCsv(db, { text: csv, brandId: BRAND, platform: 'facebook', mapping });
    if (!result.ok) throw new Error(result.error);
    expect(result).toMatchObject({ conversations: 2, customers: 2, messages: 4, skipped: 0 });
    const t1 = (await db.conversations.get(conversationKey(BRAND, 'facebook', 't1')))!;
    expect(t1).toMatchObject({ kind: 'fb-messenger', nativeId: 't1', lastMessageAt: Date.UTC(2024, 2, 1, 11) });
    const msgs = await db.messages.where('conversationId').equals(t1.id).toArray();
    expect(msgs.map((m) => m.author).sort()).toEqual(['Ann_B', 'Sam', 'ann_b']);
    expect(new Set(msgs.map((m) => m.customerId))).toEqual(new Set([t1.customerId]));
    const again = await importCsv(db, { text: csv, brandId: BRAND, platform: 'facebook', mapping });
    expect(again.ok && again.messages).toBe(0);
  });

  it("imports a helpdesk export whose replies are signed by agents' names, though the brand has a Page configured", async () => {
    // The direction column says which rows are the brand's; the agent column is who wrote them.
    const db = await dbWithBrand([{ platform: 'facebook', handle: 'imported.page' }]);
    const result = await importCsv(db, { text: csv, brandId: BRAND, platform: 'facebook', mapping, refuseUnknownReplies: true });
    if (!result.ok) throw new Error(result.error);
    expect(result).toMatchObject({ conversations: 2, messages: 4 });
  });
});

describe('importCsv: generic files and what is already stored', () => {
  const header = 'conversation,customer,direction,time,text,id';

  it('reads message ids numbered per conversation within their conversation, in one file and across files', async () => {
    const db = await dbWithBrand();
    const fileA = [header, 'A,ann,in,2024-03-01T10:00:00Z,Hi from A,1', 'A,ann,out,2024-03-01T10:05:00Z,Reply to A,2'].join('\n');
    const fileB = [header, 'B,bob,in,2024-03-02T10:00:00Z,Hi from B,1', 'B,bob,out,2024-03-02T10:05:00Z,Reply to B,2'].join('\n');
    expect(await importCsv(db, { text: fileA, brandId: BRAND, platform: 'facebook' })).toMatchObject({ ok: true, messages: 2 });
    // The second export numbers its conversation's messages 1, 2 again: they are new messages.
    expect(await importCsv(db, { text: fileB, brandId: BRAND, platform: 'facebook' })).toMatchObject({ ok: true, messages: 2, skipped: 0 });
    expect(await importCsv(db, { text: fileB, brandId: BRAND, platform: 'facebook' })).toMatchObject({ ok: true, messages: 0, skippedReasons: { 'already stored': 2 } });
    const b1 = (await db.messages.get(messageKey(BRAND, 'facebook', 'B~#1')))!;
    expect(b1).toMatchObject({ text: 'Hi from B', nativeId: 'B~#1', conversationId: conversationKey(BRAND, 'facebook', 'B') });
    expect((await db.messages.get(messageKey(BRAND, 'facebook', 'A~#1')))!.text).toBe('Hi from A');
    // Both conversations in one file, each numbered from 1: no "duplicate id".
    const both = await dbWithBrand();
    const result = await importCsv(both, { text: [fileA, ...fileB.split('\n').slice(1)].join('\n'), brandId: BRAND, platform: 'facebook' });
    expect(result).toMatchObject({ ok: true, conversations: 2, messages: 4 });
    // An id repeated inside one conversation is still a duplicate.
    const dup = await importCsv(both, { text: `${fileA}\nA,ann,in,2024-03-01T11:00:00Z,again,1`, brandId: BRAND, platform: 'facebook' });
    expect(dup).toMatchObject({ ok: false, errors: [{ line: 4, message: expect.stringMatching(/^duplicate message id "A~#1" \(first at line 2\)/) as unknown as string }] });
    // A real message id (longer than a row number) is kept as it is: the same message captured
    // from the page later is recognised as already stored.
    const real = await dbWithBrand();
    await importCsv(real, { text: [header, 'C,cy,in,2024-03-03T10:00:00Z,Hello,1859000000000000101'].join('\n'), brandId: BRAND, platform: 'x' });
    expect((await real.messages.get(messageKey(BRAND, 'x', '1859000000000000101')))?.text).toBe('Hello');
  });

  it('finds the stored customer "bob" from a handle written "@bob"', async () => {
    const db = await dbWithBrand();
    const first = await importCsv(db, { text: [header, 'A,bob,in,2024-03-01T10:00:00Z,Hello,1'].join('\n'), brandId: BRAND, platform: 'x' });
    expect(first).toMatchObject({ ok: true, newCustomers: 1 });
    const second = await importCsv(db, { text: [header, 'B,@Bob,in,2024-03-02T10:00:00Z,Me again,1'].join('\n'), brandId: BRAND, platform: 'x' });
    expect(second).toMatchObject({ ok: true, customers: 1, newCustomers: 0, messages: 1 });
    const customers = await db.customers.toArray();
    expect(customers).toHaveLength(1);
    expect(customers[0]!.identityKeys).toEqual(identityKeys(BRAND, { platform: 'x', handle: 'bob' }));
    expect((await db.conversations.get(conversationKey(BRAND, 'x', 'B')))!.customerId).toBe(customers[0]!.id);
    expect((await db.messages.get(messageKey(BRAND, 'x', 'B~#1')))!).toMatchObject({ customerId: customers[0]!.id, author: 'Bob' });
    // An author written with its @ is the brand's account all the same.
    const withAccount = await dbWithBrand([{ platform: 'x', handle: 'acme_support' }]);
    const reply = 'C,bob,in,2024-03-03T10:05:00Z,On it,@Acme_Support,2';
    const authored = await importCsv(withAccount, {
      text: ['conversation,customer,direction,time,text,author,id', 'C,@bob,in,2024-03-03T10:00:00Z,Hi,,1', reply].join('\n'),
      brandId: BRAND, platform: 'x', onlyBrandThreads: true,
    });
    expect(authored).toMatchObject({ ok: true, conversations: 1, customers: 1, messages: 2 });
    expect((await withAccount.messages.get(messageKey(BRAND, 'x', 'C~#2')))!.direction).toBe('out');
  });

  it('imports two identical messages of a file without ids as two, and adds nothing when the file is imported again', async () => {
    const db = await dbWithBrand();
    const text = [
      'conversation,customer,direction,time,text,author',
      'c1,ann,in,2024-03-01T10:00:00Z,?,ann',
      'c1,ann,in,2024-03-01T10:00:00Z,?,ann',
      'c1,ann,out,2024-03-01T10:01:00Z,Hello! How can we help?,Sam',
    ].join('\n');
    const first = await importCsv(db, { text, brandId: BRAND, platform: 'facebook' });
    expect(first).toMatchObject({ ok: true, messages: 3, errors: [] });
    const ids = (await db.messages.toArray()).map((m) => m.nativeId);
    expect(new Set(ids).size).toBe(3);
    // A message that is not repeated keeps the id earlier versions gave it (no duplicate on re-import).
    expect(ids).toContain(`c1~${stableHash(`c1\u0000${Date.UTC(2024, 2, 1, 10, 1)}\u0000out\u0000Hello! How can we help?`)}`);
    const before = await dump(db);
    const again = await importCsv(db, { text, brandId: BRAND, platform: 'facebook', now: 1 });
    expect(again).toMatchObject({ ok: true, messages: 0, skippedReasons: { 'already stored': 3 } });
    expect(await dump(db)).toBe(before);
  });

  it("without brand authors given, the brand's own accounts on the platform decide which rows are the brand's", async () => {
    // An export that marks every message as received, with who wrote it in its own column.
    const text = [
      'conversation,customer,direction,time,text,author',
      'c1,ann,in,2024-03-01T10:00:00Z,Where is my order?,ann',
      'c1,ann,in,2024-03-01T10:05:00Z,Checking now,Acme_Support',
      'c2,carl,in,2024-03-02T10:00:00Z,Hello?,carl',
      'c2,carl,in,2024-03-02T10:05:00Z,Hi Carl,acme_support',
    ].join('\n');
    const db = await dbWithBrand([{ platform: 'x', handle: '@acme_support' }, { platform: 'facebook', handle: 'carl' }]);
    const result = await importCsv(db, { text, brandId: BRAND, platform: 'x' });
    expect(result).toMatchObject({ ok: true, messages: 4, customers: 2 });
    const direction = async (t: string) => (await db.messages.filter((m) => m.text === t).first())!.direction;
    expect(await direction('Checking now')).toBe('out');
    expect(await direction('Hi Carl')).toBe('out');
    expect(await direction('Where is my order?')).toBe('in');
    // Another platform's account is not the brand here.
    expect(await direction('Hello?')).toBe('in');
    // An empty list means nobody: every row stays as the file says.
    const none = await dbWithBrand([{ platform: 'x', handle: '@acme_support' }]);
    await importCsv(none, { text, brandId: BRAND, platform: 'x', brandAuthors: [] });
    expect((await none.messages.filter((m) => m.text === 'Checking now').first())!.direction).toBe('in');
  });
});

describe('importCsv: malformed files leave the store unchanged', () => {
  it('refuses missing columns, naming them', async () => {
    const db = await dbWithBrand();
    const before = await dump(db);
    const result = await importCsv(db, { text: 'tweet_id,author_id,text\n1,a,hi\n', brandId: BRAND, platform: 'x', mapping: { layout: 'twcs' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Missing columns "inbound", "created_at", "response_tweet_id", "in_response_to_tweet_id"/);
    expect(await dump(db)).toBe(before);
  });

  it('refuses a file with bad dates, giving line numbers, and writes nothing', async () => {
    const db = await dbWithBrand();
    const before = await dump(db);
    const lines = twcsText().split('\n');
    lines[3] = lines[3]!.replace('Tue Oct 31 22:08:27 +0000 2017', 'Tue Oct 32 22:08:27 +0000 2017');
    lines[10] = lines[10]!.replace(/,(True|False),/, ',maybe,');
    const result = await importCsv(db, { text: lines.join('\n'), brandId: BRAND, platform: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^2 rows have problems; nothing was imported\. First: line 4: created_at: unreadable time "Tue Oct 32/);
    expect(result.errors).toEqual([
      { line: 4, message: 'created_at: unreadable time "Tue Oct 32 22:08:27 +0000 2017"' },
      { line: 11, message: expect.stringMatching(/^inbound: expected True\/False or in\/out, got "maybe"/) as unknown as string },
    ]);
    expect(await dump(db)).toBe(before);
  });

  it('imports the valid rest when asked to skip bad rows', async () => {
    const db = await dbWithBrand();
    const lines = twcsText().split('\n');
    lines[2] = lines[2]!.replace('Tue Oct 31 22:11:45 +0000 2017', 'not a date');
    const result = await importCsv(db, { text: lines.join('\n'), brandId: BRAND, platform: 'x', skipInvalidRows: true });
    if (!result.ok) throw new Error(result.error);
    expect(result.errors).toEqual([{ line: 3, message: 'created_at: unreadable time "not a date"' }]);
    expect(result.skippedReasons['invalid row']).toBe(1);
    expect(await db.messages.get(messageKey(BRAND, 'x', '2'))).toBeUndefined();
    expect(await db.messages.get(messageKey(BRAND, 'x', '1'))).toBeDefined();
  });

  it('rolls back everything when a write fails midway', async () => {
    const db = await dbWithBrand();
    await db.meta.put({ key: 'settings:x', value: 1 });
    const before = await dump(db);
    let calls = 0;
    // The second message batch fails as a full disk would.
    const result = await importCsv(db, {
      text: twcsText(), brandId: BRAND, platform: 'x',
      onProgress: (p) => {
        if (p.phase === 'write' && p.done > 0 && ++calls === 1) throw new DOMException('disk full', 'QuotaExceededError');
      },
    });
    expect(result.ok).toBe(false);
    // In the agent's words, not the browser's ("disk full" is the DOMException's own message).
    expect(!result.ok && result.error).toBe(
      "Import failed; nothing was imported. Could not save: your browser's storage for Caseside is full. Export a backup and free space, then try again.",
    );
    expect(await dump(db)).toBe(before);
  });

  it('refuses an unknown brand and an empty file', async () => {
    const db = await dbWithBrand();
    expect(await importCsv(db, { text: 'x', brandId: 'nope', platform: 'x' })).toMatchObject({ ok: false, error: 'No brand with id "nope".' });
    expect(await importCsv(db, { text: '', brandId: BRAND, platform: 'x', mapping: { layout: 'twcs' } })).toMatchObject({ ok: false, error: 'The file is empty.' });
  });
});

describe('importCsv keeps brands apart in a multi-company file', () => {
  const head5000 = () => fs.readFileSync(path.resolve(process.cwd(), '../shared/data/twcs/twcs_head5000.csv'), 'utf8');

  it("with no ids typed and the brand's account configured, stores no other company's reply as the brand's", async () => {
    const db = await dbWithBrand([{ platform: 'x', handle: 'AppleSupport' }]);
    // What the options page passes with the author field left empty.
    const result = await importCsv(db, { file: new Blob([head5000()]), brandId: BRAND, platform: 'x', brandAuthors: undefined, onlyBrandThreads: false, refuseUnknownReplies: true });
    expect(result).toMatchObject({ ok: true });
    const outgoing = (await db.messages.toArray()).filter((m) => m.direction === 'out');
    expect(outgoing.length).toBeGreaterThan(10);
    expect(new Set(outgoing.map((m) => m.author.toLowerCase()))).toEqual(new Set(['applesupport']));
    expect(result.ok && result.conversations).toBe(expectedThreads(head5000(), 'AppleSupport').conversations);
  });

  it('with no ids typed and no account configured, refuses a file answered by several accounts, asking for the ids', async () => {
    const db = await dbWithBrand();
    const before = await dump(db);
    const result = await importCsv(db, { text: head5000(), brandId: BRAND, platform: 'x', refuseUnknownReplies: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^The replies in this file come from \d+ different accounts \(.+…\), and Imported has no account on this platform .* Type the brand author id\(s\)/);
    expect(await dump(db)).toBe(before);
  });

  it("skips another account's reply inside a thread the brand answered", async () => {
    const db = await dbWithBrand([{ platform: 'x', handle: 'acme' }]);
    const text = [
      'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
      '1,bob,True,2024-03-01T10:00:00Z,@acme @other my order,"2,3",',
      '2,acme,False,2024-03-01T10:05:00Z,On it,,1',
      '3,other,False,2024-03-01T10:06:00Z,Not us,,1',
    ].join('\n');
    const result = await importCsv(db, { text, brandId: BRAND, platform: 'x' });
    expect(result).toMatchObject({ ok: true, messages: 2, skippedReasons: { "reply by an account that is not the brand's": 1 } });
    expect((await db.messages.toArray()).map((m) => m.author).sort()).toEqual(['acme', 'bob']);
  });

  it('names the typed brand author ids when no thread has a reply from them', async () => {
    const db = await dbWithBrand();
    // As the options page passes it when the agent types "ApleSupport" (typo for AppleSupport).
    const result = await importCsv(db, { text: head5000(), brandId: BRAND, platform: 'x', brandAuthors: ['ApleSupport'], onlyBrandThreads: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      'No thread in the file has a reply from ApleSupport, so nothing is this brand’s. Check the brand author ids (as the file writes them, e.g. AppleSupport), or the brand’s accounts under Brands.',
    );
  });
});

describe('importCsv into a brand with retention', () => {
  it('every imported conversation belongs to a stored customer (chosen among the messages kept)', async () => {
    const NOW = Date.UTC(2025, 5, 1, 12);
    const DAY = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const db = await dbWithBrand([{ platform: 'x', handle: 'acme' }]);
    await db.brands.update(BRAND, { retentionMonths: 12 });
    const csv = [
      'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
      `101,bob,True,${iso(NOW - 400 * DAY)},my train was late,102,`,
      `102,alice,True,${iso(NOW - 30 * DAY)},mine too,,101`,
    ].join('\n');
    const result = await importCsv(db, { text: csv, brandId: BRAND, platform: 'x', now: NOW });
    expect(result).toMatchObject({ ok: true, olderThanRetention: 1 });
    const conversations = await db.conversations.toArray();
    expect(conversations).toHaveLength(1);
    expect((await db.customers.get(conversations[0]!.customerId))?.displayName).toBe('alice');
  });
});

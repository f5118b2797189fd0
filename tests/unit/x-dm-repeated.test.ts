/**
 * Legacy X DMs repeat short untimed messages ("ok", "ok"): the DOM gives them no id, and the same
 * text without a time is all the old derived id was made of. When the first "ok" had scrolled out
 * of the rendered rows, the second one got its id and was dropped as already seen, by the content
 * script's accumulator and by the database. Built from the dm-thread fixture (Dana's DM, read by
 * acme_support) with the rows of a longer conversation, read through windows of a few rows the way
 * a virtualised list renders them: the profile card above the first message shows only in a
 * window that starts at the conversation's first row.
 */
import { describe, expect, it } from 'vitest';
import { createAccumulator } from '../../lib/content/accumulate';
import { recordSnapshot } from '../../lib/db/capture';
import { createDb } from '../../lib/db/schema';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { xAdapter } from '../../lib/platforms/x';
import { documentFromHtml, FIXTURE_NOW, loadFixtures } from '../fixtures/load-fixtures';
import { snapshotOf } from './fixture-expect';

const dana = loadFixtures('x').find((c) => c.name === 'dm-thread')!;
const URL_ = dana.url;

interface Row {
  dir: 'in' | 'out';
  text: string;
  at: string | null;
}
const at = (hhmm: string) => `2025-11-21T${hhmm}:00.000Z`;

/** Dana's conversation: the customer answers "ok" three times, twice in a row, never with a time. */
const CONVERSATION: Row[] = [
  { dir: 'in', text: 'Hi, my kettle order A-10442 has not shipped', at: at('09:00') },
  { dir: 'out', text: 'Hi Dana! Let me check that for you.', at: at('09:05') },
  { dir: 'in', text: 'ok', at: null },
  { dir: 'out', text: 'It shipped today.', at: at('09:08') },
  { dir: 'in', text: 'Thanks! When will it arrive?', at: at('09:10') },
  { dir: 'out', text: 'Tomorrow before noon.', at: at('09:12') },
  { dir: 'in', text: 'ok', at: null },
  { dir: 'in', text: 'ok', at: null },
  { dir: 'out', text: 'Anything else I can help with?', at: at('09:13') },
  { dir: 'in', text: 'no thanks', at: null },
  { dir: 'in', text: 'Bye!', at: at('09:14') },
];
const TEXTS = CONVERSATION.map((r) => r.text);

/**
 * The DM pane rendering `rows`: the fixture's incoming and outgoing cells as templates, a row
 * without a time has no <time>. `card`: the profile card above the first message is rendered
 * (only when `rows` start at the conversation's first message).
 */
function pane(rows: readonly Row[], card: boolean): Document {
  const doc = documentFromHtml(dana.html, URL_);
  const container = doc.querySelector('[data-testid="DmActivityContainer"]')!;
  const cells = Array.from(container.querySelectorAll('[data-testid="messageEntry"]')).map((e) => e.closest('[data-testid="cellInnerDiv"]')!);
  const list = cells[0]!.parentElement!;
  const template = { in: cells[0]!, out: cells[1]! };
  for (const cell of cells) cell.remove();
  for (const row of rows) {
    const cell = template[row.dir].cloneNode(true) as Element;
    cell.querySelector('[data-testid="tweetText"]')!.textContent = row.text;
    const time = cell.querySelector('time');
    if (row.at) time!.setAttribute('datetime', row.at);
    else time?.remove();
    list.append(cell);
  }
  if (!card) container.querySelector('[data-testid$="-follow"]')!.parentElement!.remove();
  return doc;
}

const read = (doc: Document): ConversationSnapshot => snapshotOf(xAdapter.extract(doc, URL_, { now: FIXTURE_NOW }));
/** Rows `from`..`to` (inclusive) as the list renders them; the card only above the first row. */
const window_ = (from: number, to: number) => read(pane(CONVERSATION.slice(from, to + 1), from === 0));
const full = () => window_(0, CONVERSATION.length - 1);

describe('legacy DMs: a repeated message without a time', () => {
  it('the second "ok", read after the first has scrolled out of the rendered rows, is a message of its own', () => {
    const acc = createAccumulator();
    acc.merge(window_(0, 3)); // the first "ok"
    const merged = acc.merge(window_(4, 7)); // rows 0–3 recycled: the next two "ok"s
    expect(merged.stale).toBeFalsy();
    if (merged.stale) return;
    expect(merged.snapshot.messages.map((m) => m.text)).toEqual(TEXTS.slice(0, 8));
    expect(new Set(merged.snapshot.messages.map((m) => m.id)).size).toBe(8);
  });

  it('scrolling down and back up through the conversation accumulates every message once, in page order', () => {
    const acc = createAccumulator();
    // Each reading shares a row it reads with the one before (a reading that shares none, or only
    // rows held back, is placed by time by the accumulator, which passes over untimed rows).
    const windows: [number, number][] = [[0, 3], [2, 5], [4, 7], [5, 9], [7, 10], [5, 8], [3, 6], [1, 4], [0, 2]];
    let last: ConversationSnapshot | null = null;
    for (const [from, to] of windows) {
      const r = acc.merge(window_(from, to));
      expect(r.stale).toBeFalsy();
      if (!r.stale) last = r.snapshot;
    }
    expect(last!.messages.map((m) => m.text)).toEqual(TEXTS);
    expect(last!.messages.map((m) => m.direction)).toEqual(CONVERSATION.map((r) => r.dir));
    expect(last!.messages.map((m) => m.id)).toEqual(full().messages.map((m) => m.id));
  });

  it('a message gets the same id from every scroll position that shows it', () => {
    const ids = full().messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(CONVERSATION.length);
    for (let from = 0; from < CONVERSATION.length; from++) {
      for (let to = from; to < Math.min(from + 5, CONVERSATION.length); to++) {
        const shown = window_(from, to).messages;
        // Whatever a window reads is the tail of its rows: the same messages, with the same ids.
        expect(shown.map((m) => m.id), `rows ${from}–${to}`).toEqual(ids.slice(to + 1 - shown.length, to + 1));
        expect(shown.map((m) => m.text)).toEqual(TEXTS.slice(to + 1 - shown.length, to + 1));
      }
    }
  });

  it('an untimed row at the top of the rendered rows, with nothing above it to tell which one it is, waits until the row above shows', () => {
    // Rows 2–5: the first "ok" is the first row rendered, the rows above it recycled.
    expect(window_(2, 5).messages.map((m) => m.text)).toEqual(TEXTS.slice(3, 6));
    // Rows 6–9: two "ok"s in a row at the top: neither says which "ok"s they are.
    expect(window_(6, 9).messages.map((m) => m.text)).toEqual(TEXTS.slice(8, 10));
    // One row more above: read.
    expect(window_(5, 9).messages.map((m) => m.text)).toEqual(TEXTS.slice(5, 10));
    // The pane shows no rows at all only when it has none.
    expect(window_(2, 2)).toMatchObject({ state: 'ok', messages: [] });
  });

  it('the conversation\'s first message is read without a time when the profile card above it shows where the conversation starts', () => {
    const opening: Row[] = [{ dir: 'in', text: 'hello?', at: null }, { dir: 'in', text: 'hello?', at: null }, ...CONVERSATION];
    const withCard = read(pane(opening, true));
    expect(withCard.messages.map((m) => m.text)).toEqual(opening.map((r) => r.text));
    expect(new Set(withCard.messages.map((m) => m.id)).size).toBe(opening.length);
    expect(read(pane(opening, true)).messages).toEqual(withCard.messages);
    // Without the card the first rows may be anything's followers: held back.
    expect(read(pane(opening, false)).messages.map((m) => m.text)).toEqual(opening.slice(2).map((r) => r.text));
  });

  it('keeps the id an earlier Caseside gave the message as a former id; timed messages keep their ids', () => {
    const s = read(documentFromHtml(dana.html, URL_));
    // The ids of dm-thread's messages before repeated untimed messages had ids of their own.
    const before = ['dm:1111111111-2222222222:6e7869b8', 'dm:1111111111-2222222222:16435407', 'dm:1111111111-2222222222:1987749a', 'dm:1111111111-2222222222:ebba7787'];
    expect(s.messages.map((m) => m.sentAt === null)).toEqual([false, false, true, false]);
    expect([0, 1, 3].map((i) => s.messages[i]!.id)).toEqual([before[0], before[1], before[3]]);
    expect([0, 1, 3].map((i) => s.messages[i]!.formerIds)).toEqual([undefined, undefined, undefined]);
    expect(s.messages[2]!.id).not.toBe(before[2]);
    expect(s.messages[2]!.formerIds).toEqual([before[2]]);
  });
});

describe('legacy DMs: repeated untimed messages in the database', () => {
  it('the second "ok" read after a reload (the content script no longer knows the first) is stored', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const first = createAccumulator();
    const r1 = first.merge(window_(0, 3));
    if (r1.stale) throw new Error('stale');
    await recordSnapshot(db, 'b-reload', r1.snapshot, 1);
    // The page is reloaded further down: rows 4–7, the first "ok" not among them.
    const second = createAccumulator();
    const r2 = second.merge(window_(4, 7));
    if (r2.stale) throw new Error('stale');
    const { added } = await recordSnapshot(db, 'b-reload', r2.snapshot, 2);
    expect(added.map((m) => m.text)).toEqual(TEXTS.slice(4, 8));
    expect((await db.messages.toArray()).filter((m) => m.text === 'ok')).toHaveLength(3);
  });

  it('reading the conversation again later from anywhere stores nothing twice', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-again', full(), 1);
    expect(await db.messages.count()).toBe(CONVERSATION.length);
    for (const [from, to] of [[2, 5], [6, 10], [7, 10], [1, 9], [0, 3]] as const) {
      const { added } = await recordSnapshot(db, 'b-again', window_(from, to), 2);
      expect(added, `rows ${from}–${to}`).toEqual([]);
    }
    expect(await db.messages.count()).toBe(CONVERSATION.length);
  });

  it('messages an earlier Caseside stored under the old ids are found under them, not stored again', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const now = read(documentFromHtml(dana.html, URL_));
    const old: ConversationSnapshot = {
      ...now,
      messages: now.messages.map(({ formerIds, ...m }) => (formerIds ? { ...m, id: formerIds[0]! } : m)),
    };
    expect(old.messages[2]!.id).toBe('dm:1111111111-2222222222:1987749a');
    await recordSnapshot(db, 'b-old', old, 1);
    const { added } = await recordSnapshot(db, 'b-old', now, 2);
    expect(added).toEqual([]);
    expect(await db.messages.count()).toBe(4);
  });

  it('a new "ok" at the bottom, read with the old "ok" out of view, is stored', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const before = window_(0, 5); // previous Caseside stored rows 0–5 under first-scheme ids
    const old: ConversationSnapshot = { ...before, messages: before.messages.map(({ formerIds, ...m }) => (formerIds ? { ...m, id: formerIds[0]! } : m)) };
    await recordSnapshot(db, 'b-up', old, 1);
    const { added } = await recordSnapshot(db, 'b-up', window_(4, 6), 2); // next "ok", first one recycled
    expect(added.map((m) => m.text)).toEqual(['ok']);
    expect((await db.messages.toArray()).filter((m) => m.text === 'ok')).toHaveLength(2);
  });
});

/** The rows `from`..`to` as the Caseside before untimed rows had a context read them: every row, under its first-scheme id. */
const readBefore = (from: number, to: number): ConversationSnapshot => {
  const rows = CONVERSATION.slice(from, to + 1);
  const s = read(pane(rows, true)); // with the card nothing is held back: the first scheme read every row
  expect(s.messages).toHaveLength(rows.length);
  return { ...s, messages: s.messages.map(({ formerIds, ...m }) => (formerIds ? { ...m, id: formerIds[0]! } : m)) };
};
/** Capture clocks after every message of CONVERSATION, as in use. */
const clock = (minutes: number) => Date.parse(at('10:00')) + minutes * 60_000;
const oks = async (db: ReturnType<typeof createDb>) => (await db.messages.toArray()).filter((m) => m.text === 'ok').length;

describe('legacy DMs: a first-scheme id is taken only by the message it was stored for', () => {
  it('the "ok" an earlier Caseside stored last, before the conversation went on, is not the next "ok"', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-live', readBefore(0, 2), clock(0)); // the first "ok" was the newest message
    const { added } = await recordSnapshot(db, 'b-live', window_(4, 6), clock(60));
    expect(added.map((m) => m.text)).toEqual(['Thanks! When will it arrive?', 'Tomorrow before noon.', 'ok']);
    expect(await oks(db)).toBe(2);
  });

  it('an "ok" stored with rows below it is not a new "ok" whose next row is new', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-below', readBefore(0, 5), clock(0));
    // Rows 6–8 came after the upgrade: the "ok"s numbered 1 and 2 in this reading are new.
    const { added } = await recordSnapshot(db, 'b-below', window_(4, 8), clock(60));
    expect(added.map((m) => m.text)).toEqual(['ok', 'ok', 'Anything else I can help with?']);
    expect(await oks(db)).toBe(3);
  });

  it('the earlier "ok" read again with its context takes its first-scheme row; the later one is stored', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-both', readBefore(0, 5), clock(0));
    expect((await recordSnapshot(db, 'b-both', window_(1, 4), clock(30))).added).toEqual([]);
    const { added } = await recordSnapshot(db, 'b-both', window_(4, 6), clock(60));
    expect(added.map((m) => m.text)).toEqual(['ok']);
    expect(await oks(db)).toBe(2);
  });

  it('rows an earlier Caseside stored are found under their first-scheme ids from scroll positions that show their neighbours', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-found', readBefore(4, 10), clock(0)); // "ok", "ok" numbered 1, 2; "no thanks" 1
    expect(await db.messages.count()).toBe(7);
    for (const [from, to] of [[5, 10], [4, 7], [5, 8], [3, 10]] as const) {
      const { added } = await recordSnapshot(db, 'b-found', window_(from, to), clock(10));
      expect(added.map((m) => m.text), `rows ${from}–${to}`).toEqual(from === 3 ? ['It shipped today.'] : []);
    }
    expect(await db.messages.count()).toBe(8);
  });

  it('after the upgrade, a session opening at the bottom and scrolling up stores every message once', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await recordSnapshot(db, 'b-session', readBefore(0, 5), clock(0)); // before the upgrade
    const acc = createAccumulator();
    const added: string[] = [];
    for (const [from, to] of [[5, 10], [1, 6], [0, 3]] as const) {
      const r = acc.merge(window_(from, to));
      if (r.stale) throw new Error('stale');
      added.push(...(await recordSnapshot(db, 'b-session', r.snapshot, clock(60 + from))).added.map((m) => m.text));
    }
    expect(added).toEqual(TEXTS.slice(6));
    expect(await db.messages.count()).toBe(CONVERSATION.length);
    expect(await oks(db)).toBe(3);
  });
});

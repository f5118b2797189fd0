/**
 * Legacy X DMs after an in-app navigation: the URL names the new conversation before the pane
 * shows it. Built from the dm-thread fixture (Dana, /messages/1111111111-2222222222; the agent
 * acme_support is 2222222222): the same pane read under Robin's URL
 * (/messages/2222222222-4444444444) is the stale read; the pane rewritten with Robin's header,
 * profile card and rows is the genuine new conversation. Each reading goes through the X adapter
 * and the content script's accumulator as page-session.ts does: a not-recognised reading resets
 * the accumulator, a stale merge is reported as not-rendered, and in both cases nothing is sent.
 *
 * Two lines of defence. The adapter: a pane whose profile card (follow button `<id>-follow`)
 * names someone outside the URL's pair is another conversation's, so "not rendered". The card
 * sits above the first message, so a long DM scrolled up shows none (and the fixtures are
 * hand-built): without it, the accumulator recognises the DM just left by its rows and by the
 * customer it was recorded with.
 */
import { describe, expect, it } from 'vitest';
import { createAccumulator, type Accumulator } from '../../lib/content/accumulate';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { xAdapter } from '../../lib/platforms/x';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf } from './fixture-expect';

function fixture(name: string): FixtureCase {
  const found = loadFixtures('x').find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}
const dana = fixture('dm-thread');
const DANA_URL = dana.url;
const ROBIN_URL = new URL('https://x.com/messages/2222222222-4444444444');
const danaExpected = dana.expected as unknown as ConversationSnapshot;
const ROBIN_TEXTS = ['Is the blue kettle back in stock?', 'Yes, since Monday!', 'Thanks!', 'Anything else we can help with?'];

const pane = (doc: Document) => doc.querySelector('[data-testid="DmActivityContainer"]')!;

/** Robin's conversation: the dm-thread pane with Robin in the header and the card, and Robin's rows. */
function robinPane(url = ROBIN_URL): Document {
  const doc = documentFromHtml(dana.html, url);
  const p = pane(doc);
  for (const a of Array.from(p.querySelectorAll('a[href="/dana_example"]'))) a.setAttribute('href', '/robin_roe');
  p.querySelector('[data-testid^="UserAvatar-Container-"]')!.setAttribute('data-testid', 'UserAvatar-Container-robin_roe');
  p.querySelector('h2')!.textContent = 'Robin Roe';
  p.querySelector('[data-testid="1111111111-follow"]')!.setAttribute('data-testid', '4444444444-follow');
  const rows = [
    { text: ROBIN_TEXTS[0]!, at: '2025-11-22T14:00:00.000Z' },
    { text: ROBIN_TEXTS[1]!, at: '2025-11-22T14:02:00.000Z' },
    { text: ROBIN_TEXTS[2]!, at: null },
    { text: ROBIN_TEXTS[3]!, at: '2025-11-22T14:03:00.000Z' },
  ];
  const entries = Array.from(p.querySelectorAll('[data-testid="messageEntry"]'));
  expect(entries).toHaveLength(rows.length);
  entries.forEach((entry, i) => {
    entry.querySelector('[data-testid="tweetText"]')!.textContent = rows[i]!.text;
    const time = entry.querySelector('time');
    if (rows[i]!.at) time!.setAttribute('datetime', rows[i]!.at!);
    else time?.remove();
  });
  return doc;
}

const danaPane = (url: URL) => documentFromHtml(dana.html, url);

/** The profile card (name, followers, follow button) scrolled out of the list: no marker left. */
function withoutCard(doc: Document): Document {
  const follow = pane(doc).querySelector('[data-testid$="-follow"]')!;
  follow.parentElement!.remove();
  expect(pane(doc).querySelector('[data-testid$="-follow"], a[href*="/i/user/"]')).toBeNull();
  return doc;
}

/** A message from the customer that arrived just now (a row never read before). */
function withNewRow(doc: Document, text: string, at: string): Document {
  const cells = Array.from(pane(doc).querySelectorAll('[data-testid="messageEntry"]')).map((e) => e.closest('[data-testid="cellInnerDiv"]')!);
  const row = cells[0]!.cloneNode(true) as Element;
  row.querySelector('[data-testid="tweetText"]')!.textContent = text;
  row.querySelector('time')!.setAttribute('datetime', at);
  cells.at(-1)!.after(row);
  return doc;
}

const read = (doc: Document, url: URL): ConversationSnapshot => snapshotOf(xAdapter.extract(doc, url, { now: FIXTURE_NOW }));

/** One scan of page-session.ts: what it records from the page, or null when it records nothing. */
function record(acc: Accumulator, doc: Document, url: URL): ConversationSnapshot | null {
  const result = xAdapter.extract(doc, url, { now: FIXTURE_NOW });
  if (!result.ok) {
    acc.reset();
    return null;
  }
  const r = acc.merge(result.snapshot);
  return r.stale ? null : r.snapshot;
}

describe("legacy DMs: the previous conversation's pane under a new URL", () => {
  it("the adapter reports it not rendered when its profile card names someone outside the URL's pair", () => {
    const result = xAdapter.extract(danaPane(ROBIN_URL), ROBIN_URL, { now: FIXTURE_NOW });
    expect(result).toMatchObject({ ok: false, code: 'not-rendered' });
    if (!result.ok) expect(result.reason).toContain('another conversation');
    // Robin's own pane names Robin (4444444444): read, with his id.
    expect(read(robinPane(), ROBIN_URL).customer).toMatchObject({ handle: 'robin_roe', userId: '4444444444' });
    // Going back: Robin's pane under Dana's URL names someone outside Dana's pair.
    expect(xAdapter.extract(robinPane(DANA_URL), DANA_URL, { now: FIXTURE_NOW })).toMatchObject({ ok: false, code: 'not-rendered' });
  });

  it('with that marker nothing is recorded even where the content script has no memory: after a reload, or a message that arrived just before the click', () => {
    const danaNow = () => withNewRow(danaPane(ROBIN_URL), 'Any news?', '2025-11-21T09:10:00.000Z');
    // After a reload on Dana's DM, the click came before her pane was ever read.
    const reloaded = createAccumulator();
    expect(record(reloaded, danaNow(), ROBIN_URL)).toBeNull();
    // Her pane was read, then a message arrived under 200 ms before the click.
    const acc = createAccumulator();
    expect(record(acc, danaPane(DANA_URL), DANA_URL)).not.toBeNull();
    expect(record(acc, danaNow(), ROBIN_URL)).toBeNull();
    for (const a of [reloaded, acc]) {
      const robin = record(a, robinPane(), ROBIN_URL);
      expect(robin?.customer).toMatchObject({ handle: 'robin_roe', userId: '4444444444' });
      expect(robin?.messages.map((m) => m.text)).toEqual(ROBIN_TEXTS);
    }
  });

  it('without the marker the adapter reads the pane as it is, and the content script does not record it', () => {
    const acc = createAccumulator();
    expect(record(acc, danaPane(DANA_URL), DANA_URL)?.messages.map((m) => m.id)).toEqual(danaExpected.messages.map((m) => m.id));

    // The situation: the adapter reads Dana's pane as Robin's conversation, with new ids.
    const stale = read(withoutCard(danaPane(ROBIN_URL)), ROBIN_URL);
    expect(stale.conversationId).toBe('2222222222-4444444444');
    expect(stale.customer?.handle).toBe('dana_example');
    expect(stale.messages.map((m) => m.text)).toEqual(danaExpected.messages.map((m) => m.text));
    expect(stale.messages.some((m) => danaExpected.messages.some((d) => d.id === m.id))).toBe(false);

    expect(record(acc, withoutCard(danaPane(ROBIN_URL)), ROBIN_URL)).toBeNull();
    // Read again (a re-render, a later mutation): still the old pane, still not recorded.
    expect(record(acc, withoutCard(danaPane(ROBIN_URL)), ROBIN_URL)).toBeNull();
  });

  it("without the marker, a row of Dana's never read before does not get her pane recorded as Robin's: its header still names Dana", () => {
    const acc = createAccumulator();
    record(acc, danaPane(DANA_URL), DANA_URL);
    const stale = withNewRow(withoutCard(danaPane(ROBIN_URL)), 'Any news?', '2025-11-21T09:10:00.000Z');
    expect(record(acc, stale, ROBIN_URL)).toBeNull();
    const robin = record(acc, withoutCard(robinPane()), ROBIN_URL);
    expect(robin?.customer?.handle).toBe('robin_roe');
    expect(robin?.messages.map((m) => m.text)).toEqual(ROBIN_TEXTS);
  });

  it("records the genuine new conversation once the pane shows it, and nothing of Dana's in it", () => {
    const acc = createAccumulator();
    record(acc, danaPane(DANA_URL), DANA_URL);
    record(acc, danaPane(ROBIN_URL), ROBIN_URL);
    const robin = record(acc, robinPane(), ROBIN_URL);
    expect(robin).not.toBeNull();
    expect(robin!.conversationId).toBe('2222222222-4444444444');
    expect(robin!.customer).toMatchObject({ handle: 'robin_roe', userId: '4444444444' });
    expect(robin!.messages.map((m) => m.text)).toEqual(ROBIN_TEXTS);
    expect(robin!.messages.every((m) => m.id.startsWith('dm:2222222222-4444444444:'))).toBe(true);
  });

  it("going back to the first conversation: Robin's pane under Dana's URL is not recorded, Dana's pane is, exactly as before", () => {
    const acc = createAccumulator();
    record(acc, danaPane(DANA_URL), DANA_URL);
    record(acc, danaPane(ROBIN_URL), ROBIN_URL);
    record(acc, robinPane(), ROBIN_URL);

    expect(record(acc, robinPane(DANA_URL), DANA_URL)).toBeNull();
    expect(record(acc, withoutCard(robinPane(DANA_URL)), DANA_URL)).toBeNull();

    const back = record(acc, danaPane(DANA_URL), DANA_URL);
    expect(back).not.toBeNull();
    expect(back!.conversationId).toBe('1111111111-2222222222');
    expect(back!.messages).toEqual(danaExpected.messages);
    expect(back!.customer).toEqual(danaExpected.customer);
  });

  it("going back before Robin's DM was ever recorded, his pane under Dana's URL without the marker: not recorded (its header names Robin)", () => {
    const acc = createAccumulator();
    record(acc, danaPane(DANA_URL), DANA_URL);
    expect(record(acc, danaPane(ROBIN_URL), ROBIN_URL)).toBeNull();
    expect(record(acc, withoutCard(robinPane(DANA_URL)), DANA_URL)).toBeNull();
    const back = record(acc, danaPane(DANA_URL), DANA_URL);
    expect(back!.messages).toEqual(danaExpected.messages);
    expect(back!.customer).toEqual(danaExpected.customer);
  });

  it('a not-recognised reading in between (the inbox, a loading pane) does not make it forget the conversation left', () => {
    const acc = createAccumulator();
    record(acc, danaPane(DANA_URL), DANA_URL);
    const inbox = fixture('dm-inbox');
    expect(record(acc, documentFromHtml(inbox.html, inbox.url), inbox.url)).toBeNull();
    expect(record(acc, withoutCard(danaPane(ROBIN_URL)), ROBIN_URL)).toBeNull();
    expect(record(acc, robinPane(), ROBIN_URL)?.customer?.handle).toBe('robin_roe');
  });

  it('ignores what proves nothing: a follow button or /i/user/ link inside a message, a hidden follow button', () => {
    const doc = danaPane(DANA_URL);
    const entry = pane(doc).querySelector('[data-testid="messageEntry"]')!;
    entry.insertAdjacentHTML('beforeend', '<a href="/i/user/9999999999">shared profile</a><button data-testid="8888888888-follow">Follow</button>');
    pane(doc).querySelector('[data-testid="DmScrollerContainer"]')!.insertAdjacentHTML('afterbegin', '<div hidden><button data-testid="7777777777-follow">Follow</button></div>');
    const s = read(doc, DANA_URL);
    expect(s.messages).toEqual(danaExpected.messages);
    expect(s.customer).toEqual(danaExpected.customer);
  });
});

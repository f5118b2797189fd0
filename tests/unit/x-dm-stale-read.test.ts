/**
 * Legacy X DMs after an in-app navigation: the URL names the new conversation before the pane
 * shows it. Built from the dm-thread fixture (Dana, /messages/1111111111-2222222222): the same
 * pane read under Robin's URL (/messages/2222222222-4444444444) is the stale read; the pane
 * rewritten with Robin's rows is the genuine new conversation. The X adapter reads each page,
 * the content script's accumulator decides what is recorded (as page-session.ts does: a stale
 * merge is reported as not-rendered and nothing is sent).
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

/** Robin's conversation: the dm-thread pane with Robin in the header and Robin's rows. */
function robinPane(): Document {
  const doc = documentFromHtml(dana.html, ROBIN_URL);
  const pane = doc.querySelector('[data-testid="DmActivityContainer"]')!;
  for (const a of Array.from(pane.querySelectorAll('a[href="/dana_example"]'))) a.setAttribute('href', '/robin_roe');
  pane.querySelector('[data-testid^="UserAvatar-Container-"]')!.setAttribute('data-testid', 'UserAvatar-Container-robin_roe');
  pane.querySelector('h2')!.textContent = 'Robin Roe';
  pane.querySelector('[data-testid="1111111111-follow"]')!.setAttribute('data-testid', '4444444444-follow');
  const rows = [
    { text: 'Is the blue kettle back in stock?', at: '2025-11-22T14:00:00.000Z' },
    { text: 'Yes, since Monday!', at: '2025-11-22T14:02:00.000Z' },
    { text: 'Thanks!', at: null },
    { text: 'Anything else we can help with?', at: '2025-11-22T14:03:00.000Z' },
  ];
  const entries = Array.from(pane.querySelectorAll('[data-testid="messageEntry"]'));
  expect(entries).toHaveLength(rows.length);
  entries.forEach((entry, i) => {
    entry.querySelector('[data-testid="tweetText"]')!.textContent = rows[i]!.text;
    const time = entry.querySelector('time');
    if (rows[i]!.at) time!.setAttribute('datetime', rows[i]!.at!);
    else time?.remove();
  });
  return doc;
}

const read = (doc: Document, url: URL): ConversationSnapshot => snapshotOf(xAdapter.extract(doc, url, { now: FIXTURE_NOW }));
const danaPane = (url: URL) => documentFromHtml(dana.html, url);

/** What the content script records from a reading: the merged snapshot, or null when the reading is stale. */
function record(acc: Accumulator, snapshot: ConversationSnapshot): ConversationSnapshot | null {
  const r = acc.merge(snapshot);
  return r.stale ? null : r.snapshot;
}

describe("legacy DMs: the previous conversation's pane under a new URL", () => {
  it("is not recorded under the new conversation (Dana's rows never reach Robin's)", () => {
    const acc = createAccumulator();
    expect(record(acc, read(danaPane(DANA_URL), DANA_URL))?.messages.map((m) => m.id)).toEqual(danaExpected.messages.map((m) => m.id));

    // The situation: the adapter reads Dana's pane as Robin's conversation, with new ids.
    const stale = read(danaPane(ROBIN_URL), ROBIN_URL);
    expect(stale.conversationId).toBe('2222222222-4444444444');
    expect(stale.customer?.handle).toBe('dana_example');
    expect(stale.messages.map((m) => m.text)).toEqual(danaExpected.messages.map((m) => m.text));
    expect(stale.messages.some((m) => danaExpected.messages.some((d) => d.id === m.id))).toBe(false);

    expect(record(acc, stale)).toBeNull();
    // Read again (a re-render, a later mutation): still the old pane, still not recorded.
    expect(record(acc, read(danaPane(ROBIN_URL), ROBIN_URL))).toBeNull();
  });

  it("records the genuine new conversation once the pane shows it, and nothing of Dana's in it", () => {
    const acc = createAccumulator();
    record(acc, read(danaPane(DANA_URL), DANA_URL));
    record(acc, read(danaPane(ROBIN_URL), ROBIN_URL));
    const robin = record(acc, read(robinPane(), ROBIN_URL));
    expect(robin).not.toBeNull();
    expect(robin!.conversationId).toBe('2222222222-4444444444');
    expect(robin!.customer).toMatchObject({ handle: 'robin_roe', userId: '4444444444' });
    expect(robin!.messages.map((m) => m.text)).toEqual(['Is the blue kettle back in stock?', 'Yes, since Monday!', 'Thanks!', 'Anything else we can help with?']);
    expect(robin!.messages.every((m) => m.id.startsWith('dm:2222222222-4444444444:'))).toBe(true);
  });

  it("going back to the first conversation: Robin's pane under Dana's URL is not recorded, Dana's pane is, exactly as before", () => {
    const acc = createAccumulator();
    record(acc, read(danaPane(DANA_URL), DANA_URL));
    record(acc, read(danaPane(ROBIN_URL), ROBIN_URL));
    record(acc, read(robinPane(), ROBIN_URL));

    const robinUnderDana = documentFromHtml(robinPane().documentElement.outerHTML, DANA_URL);
    expect(record(acc, read(robinUnderDana, DANA_URL))).toBeNull();

    const back = record(acc, read(danaPane(DANA_URL), DANA_URL));
    expect(back).not.toBeNull();
    expect(back!.conversationId).toBe('1111111111-2222222222');
    expect(back!.messages).toEqual(danaExpected.messages);
    expect(back!.customer).toEqual(danaExpected.customer);
  });

  it('a not-recognised reading in between (the inbox, a loading pane) does not make it forget the conversation left', () => {
    const acc = createAccumulator();
    record(acc, read(danaPane(DANA_URL), DANA_URL));
    // page-session resets the accumulator on every not-recognised reading.
    const inbox = fixture('dm-inbox');
    expect(xAdapter.extract(documentFromHtml(inbox.html, inbox.url), inbox.url, { now: FIXTURE_NOW }).ok).toBe(false);
    acc.reset();
    expect(record(acc, read(danaPane(ROBIN_URL), ROBIN_URL))).toBeNull();
    expect(record(acc, read(robinPane(), ROBIN_URL))?.customer?.handle).toBe('robin_roe');
  });
});

import { describe, expect, it } from 'vitest';
import { CONTENT_MEMORY_MS, createAccumulator, type Accumulator } from '../../lib/content/accumulate';
import type { ConversationSnapshot, SnapshotMessage } from '../../lib/platforms/snapshot';

const msg = (id: string, text = `text ${id}`): SnapshotMessage => ({
  id,
  author: { handle: 'dana_example' },
  text,
  sentAt: null,
  direction: 'in',
});
const snap = (conversationId: string, ids: string[]): ConversationSnapshot => ({
  platform: 'x',
  kind: 'x-dm',
  conversationId,
  url: `https://x.com/messages/${conversationId}`,
  state: 'ok',
  agent: null,
  customer: { handle: 'dana_example' },
  messages: ids.map((id) => msg(id)),
});

/** A merge that must not be stale. */
function merged(acc: Accumulator, snapshot: ConversationSnapshot) {
  const r = acc.merge(snapshot);
  if (r.stale) throw new Error('reading reported as stale');
  return r;
}

const chat = (conversationId: string, ids: string[]): ConversationSnapshot => ({
  ...snap(conversationId, ids),
  kind: 'x-chat',
  url: `https://x.com/i/chat/${conversationId}`,
});

/** A legacy DM row as the X adapter derives it: the id is the conversation plus its content. */
type Row = { direction: 'in' | 'out'; sentAt: string | null; text: string };
/** Each 1:1 DM's customer, as its header shows it (one customer per DM and account). */
const CUSTOMER_OF: Record<string, string> = { '1-2': 'dana_example', '2-4': 'robin_roe', '2-5': 'sam_sample' };
/** A reading of DM `conversationId` as the logged-in acme_support, its header naming `customer` (by default the DM's own). */
const dm = (conversationId: string, rows: Row[], customer: string | null = CUSTOMER_OF[conversationId] ?? null): ConversationSnapshot => ({
  ...snap(conversationId, []),
  agent: { platform: 'x', handle: 'acme_support' },
  customer: customer ? { handle: customer } : null,
  messages: rows.map((r) => ({ ...msg(`dm:${conversationId}:${r.direction}|${r.sentAt ?? ''}|${r.text}`, r.text), direction: r.direction, sentAt: r.sentAt })),
});
/** A clock the test moves by hand. */
function manualClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const texts = (s: ConversationSnapshot) => s.messages.map((m) => m.text);

describe('accumulator (virtualised lists)', () => {
  it('keeps rows that scrolled out of view, in page order, without duplicates', () => {
    const acc = createAccumulator();
    merged(acc, snap('c1', ['5', '6', '7']));
    // Scrolled up: older rows appear, newest ones are recycled away.
    const r = merged(acc, snap('c1', ['3', '4', '5']));
    expect(r.snapshot.messages.map((m) => m.id)).toEqual(['3', '4', '5', '6', '7']);
    expect(r.changed).toBe(true);
  });

  it("starts afresh when the logged-in account changes on the same conversation: one account's rows are never sent as the other's", () => {
    const acc = createAccumulator();
    merged(acc, { ...snap('c1', ['1', '2']), agent: { platform: 'x', handle: 'acme_support' } });
    const r = merged(acc, { ...snap('c1', ['3']), agent: { platform: 'x', handle: 'globex_help' } });
    expect(r.snapshot.messages.map((m) => m.id)).toEqual(['3']);
  });

  it('reports no change when a re-render shows the same rows', () => {
    const acc = createAccumulator();
    merged(acc, snap('c1', ['1', '2']));
    expect(merged(acc, snap('c1', ['1', '2'])).changed).toBe(false);
  });

  it('keeps what only an earlier reading could see: whom a reply answers, and a row\'s former ids', () => {
    const acc = createAccumulator();
    const reading = (inReplyTo?: string, formerIds?: string[]): ConversationSnapshot => {
      const s = snap('c1', ['1', '2']);
      s.messages[1] = { ...s.messages[1]!, direction: 'out', ...(inReplyTo ? { inReplyTo } : {}), ...(formerIds ? { formerIds } : {}) };
      return s;
    };
    // Mounted before what it answers: no inReplyTo yet.
    merged(acc, reading());
    let r = merged(acc, reading('1', ['old-a']));
    expect(r.changed).toBe(true);
    expect(r.snapshot.messages[1]).toMatchObject({ inReplyTo: '1', formerIds: ['old-a'] });
    // The answered tweet scrolled away again: the reply still answers it; former ids add up.
    r = merged(acc, reading(undefined, ['old-b']));
    expect(r.snapshot.messages[1]).toMatchObject({ inReplyTo: '1', formerIds: ['old-b', 'old-a'] });
    expect(merged(acc, reading(undefined, ['old-b'])).changed).toBe(false);
  });

  it('picks up an edited message text', () => {
    const acc = createAccumulator();
    merged(acc, snap('c1', ['1']));
    const edited = snap('c1', ['1']);
    edited.messages[0]!.text = 'edited';
    const r = merged(acc, edited);
    expect(r.changed).toBe(true);
    expect(r.snapshot.messages[0]!.text).toBe('edited');
  });

  it('starts over when another conversation opens', () => {
    const acc = createAccumulator();
    merged(acc, snap('c1', ['1', '2']));
    expect(merged(acc, snap('c2', ['9'])).snapshot.messages.map((m) => m.id)).toEqual(['9']);
  });

  describe("order with virtualised rows (the panel takes the customer's last messages from it)", () => {
    /** Reply n of a thread, sent at 10:n (or without a time). */
    const reply = (n: number, timed = true): SnapshotMessage => ({
      ...msg(String(1000 + n), `reply ${n}`),
      sentAt: timed ? new Date(Date.UTC(2026, 2, 1, 10, n)).toISOString() : null,
    });
    const thread = (ns: number[], timed = true): ConversationSnapshot => ({
      ...snap('1000', []),
      kind: 'x-thread',
      url: 'https://x.com/dana_example/status/1000',
      agent: { platform: 'x', handle: 'acme_support' },
      messages: ns.map((n) => reply(n, timed)),
    });

    it('a later window that does not overlap the first (fast scroll, "jump to latest") lands below it, not above', () => {
      const acc = createAccumulator();
      merged(acc, thread([1, 2, 3, 4, 5]));
      const r = merged(acc, thread([20, 21, 22]));
      expect(texts(r.snapshot)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5', 'reply 20', 'reply 21', 'reply 22']);
    });

    it('unseen rows just before a known row go right before it, not to the top of the conversation', () => {
      const acc = createAccumulator();
      // Rows 4-7 are folded behind X's "Show more replies" in the first reading.
      merged(acc, thread([1, 2, 3, 8, 9, 10]));
      // The agent expands them and the window now starts at row 6: rows 6, 7 appear above 8.
      const r = merged(acc, thread([6, 7, 8, 9]));
      expect(texts(r.snapshot)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 6', 'reply 7', 'reply 8', 'reply 9', 'reply 10']);
    });

    it('a window that does not overlap goes where its time puts it: between known rows, or on top when earlier than all', () => {
      const acc = createAccumulator();
      merged(acc, thread([10, 11]));
      merged(acc, thread([30, 31]));
      expect(texts(merged(acc, thread([20, 21])).snapshot)).toEqual(['reply 10', 'reply 11', 'reply 20', 'reply 21', 'reply 30', 'reply 31']);
      // Scrolled up fast past the window: older than everything read so far.
      expect(texts(merged(acc, thread([1, 2])).snapshot).slice(0, 3)).toEqual(['reply 1', 'reply 2', 'reply 10']);
    });

    it('a window without any time that does not overlap goes at the end; rows without a time are passed over when placing by time', () => {
      const acc = createAccumulator();
      merged(acc, thread([1, 2]));
      merged(acc, thread([5, 6], false));
      expect(texts(merged(acc, thread([8, 9], false)).snapshot)).toEqual(['reply 1', 'reply 2', 'reply 5', 'reply 6', 'reply 8', 'reply 9']);
      // Timed 10:04: after the last row timed no later (reply 2), the untimed rows 5-9 skipped.
      expect(texts(merged(acc, thread([4])).snapshot)).toEqual(['reply 1', 'reply 2', 'reply 4', 'reply 5', 'reply 6', 'reply 8', 'reply 9']);
    });
  });

  describe('a reading of the conversation just left (X chat, after an in-app navigation)', () => {
    const A = ['0a000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002'];
    const B = ['0b000000-0000-4000-8000-000000000001'];

    it('is stale while the page shows only the old chat under the new URL, then takes the new chat', () => {
      const acc = createAccumulator();
      merged(acc, chat('1-2', A));
      expect(acc.merge(chat('1-3', A))).toEqual({ stale: true });
      const r = merged(acc, chat('1-3', B));
      expect(r.snapshot.messages.map((m) => m.id)).toEqual(B);
      expect(r.snapshot.conversationId).toBe('1-3');
    });

    it("keeps the old chat's rows out of a reading that already shows some of the new chat", () => {
      const acc = createAccumulator();
      merged(acc, chat('1-2', A));
      const r = merged(acc, chat('1-3', [...A, ...B]));
      expect(r.snapshot.messages.map((m) => m.id)).toEqual(B);
    });

    it('still knows the old rows after a not-recognised reading in between (reset)', () => {
      const acc = createAccumulator();
      merged(acc, chat('1-2', A));
      acc.reset();
      expect(acc.merge(chat('1-3', A))).toEqual({ stale: true });
    });

    it('never marks the same chat stale: a reload, a passcode screen, an account switch, or going back', () => {
      const acc = createAccumulator();
      merged(acc, chat('1-2', A));
      acc.reset();
      expect(merged(acc, chat('1-2', A)).snapshot.messages.map((m) => m.id)).toEqual(A);
      const other = merged(acc, { ...chat('1-2', A), agent: { platform: 'x', handle: 'globex_help' } });
      expect(other.snapshot.messages.map((m) => m.id)).toEqual(A);
      merged(acc, chat('1-3', B));
      expect(merged(acc, chat('1-2', A)).snapshot.messages.map((m) => m.id)).toEqual(A);
    });

    it('accepts an empty new chat, and leaves kinds whose ids may be shared alone (a tweet shows in both threads)', () => {
      const acc = createAccumulator();
      merged(acc, chat('1-2', A));
      expect(merged(acc, chat('1-3', [])).snapshot.state).toBe('ok');
      const threads = createAccumulator();
      merged(threads, { ...snap('100', ['100', '101']), kind: 'x-thread' });
      const r = merged(threads, { ...snap('101', ['100', '101']), kind: 'x-thread' });
      expect(r.snapshot.messages.map((m) => m.id)).toEqual(['100', '101']);
    });
  });

  describe('a reading of the legacy DM just left (ids derived from the URL, so only the content is the same)', () => {
    const A: Row[] = [
      { direction: 'in', sentAt: '2025-11-21T09:00:00.000Z', text: 'Where is my order?' },
      { direction: 'out', sentAt: '2025-11-21T09:05:00.000Z', text: 'Let me check.' },
      { direction: 'in', sentAt: null, text: 'Thanks!' },
    ];
    const B: Row[] = [
      { direction: 'in', sentAt: '2025-11-22T14:00:00.000Z', text: 'Is the kettle back?' },
      { direction: 'out', sentAt: '2025-11-22T14:02:00.000Z', text: 'Yes!' },
    ];

    it('is stale while the page shows only the old conversation under the new URL, then takes the new one', () => {
      const acc = createAccumulator();
      merged(acc, dm('1-2', A));
      expect(acc.merge(dm('2-4', A, 'dana_example'))).toEqual({ stale: true });
      const r = merged(acc, dm('2-4', B));
      expect(r.snapshot.conversationId).toBe('2-4');
      expect(texts(r.snapshot)).toEqual(['Is the kettle back?', 'Yes!']);
    });

    it('is stale on the rows seen before as well, not only the last reading (the list scrolled)', () => {
      const acc = createAccumulator();
      merged(acc, dm('1-2', A.slice(0, 2)));
      merged(acc, dm('1-2', A.slice(1)));
      expect(acc.merge(dm('2-4', A.slice(0, 1), 'dana_example'))).toEqual({ stale: true });
    });

    it("keeps the old conversation's timed rows out of a reading that also shows new rows, but keeps a short reply without a time", () => {
      const acc = createAccumulator();
      merged(acc, dm('1-2', A));
      const r = merged(acc, dm('2-4', [...A, ...B]));
      expect(texts(r.snapshot)).toEqual(['Thanks!', 'Is the kettle back?', 'Yes!']);
    });

    it('takes a genuine new conversation whole when it only shares words, not times, with the old one', () => {
      const acc = createAccumulator();
      merged(acc, dm('1-2', A));
      expect(acc.merge(dm('2-4', A, 'dana_example'))).toEqual({ stale: true });
      const same = A.map((row) => ({ ...row, sentAt: row.sentAt && row.sentAt.replace('2025-11-21', '2025-11-23') }));
      expect(texts(merged(acc, dm('2-4', [...same, ...B])).snapshot)).toEqual([...A.map((row) => row.text), 'Is the kettle back?', 'Yes!']);
    });

    it('going back: the other pane under the first URL is stale, the first pane is read whole again', () => {
      const acc = createAccumulator();
      merged(acc, dm('1-2', A));
      expect(acc.merge(dm('2-4', A, 'dana_example'))).toEqual({ stale: true });
      merged(acc, dm('2-4', B));
      expect(acc.merge(dm('1-2', B, 'robin_roe'))).toEqual({ stale: true });
      const r = merged(acc, dm('1-2', A));
      expect(r.snapshot.conversationId).toBe('1-2');
      expect(texts(r.snapshot)).toEqual(A.map((row) => row.text));
    });

    describe("the customer a DM was recorded with (the old pane's header would file the new DM under the old customer for good)", () => {
      const arrivedJustBefore: Row = { direction: 'in', sentAt: '2025-11-21T09:07:00.000Z', text: 'Any news?' };

      it("a reading of another DM whose header names the old DM's customer is stale, even beside rows never read (they arrived just before the click)", () => {
        const acc = createAccumulator();
        merged(acc, dm('1-2', A));
        expect(acc.merge(dm('2-4', [...A, arrivedJustBefore], 'dana_example'))).toEqual({ stale: true });
        const r = merged(acc, dm('2-4', B));
        expect(r.snapshot.customer).toEqual({ handle: 'robin_roe' });
        expect(texts(r.snapshot)).toEqual(['Is the kettle back?', 'Yes!']);
      });

      it("an untimed old row beside new ones is not recorded while the header still names the old DM's customer", () => {
        const acc = createAccumulator();
        merged(acc, dm('1-2', A));
        expect(acc.merge(dm('2-4', [A[2]!, ...B], 'dana_example'))).toEqual({ stale: true });
      });

      it("going back before the other DM was ever recorded: its pane under the first URL is stale, the first DM's own pane is read on", () => {
        const acc = createAccumulator();
        merged(acc, dm('1-2', A.slice(0, 2)));
        expect(acc.merge(dm('2-4', A, 'dana_example'))).toEqual({ stale: true });
        expect(acc.merge(dm('1-2', B, 'robin_roe'))).toEqual({ stale: true });
        const r = merged(acc, dm('1-2', A.slice(1)));
        expect(texts(r.snapshot)).toEqual(A.map((row) => row.text));
        expect(r.snapshot.customer).toEqual({ handle: 'dana_example' });
      });

      it('the same after a not-recognised reading in between (reset)', () => {
        const acc = createAccumulator();
        merged(acc, dm('1-2', A));
        acc.reset();
        expect(acc.merge(dm('1-2', B, 'robin_roe'))).toEqual({ stale: true });
        expect(texts(merged(acc, dm('1-2', A)).snapshot)).toEqual(A.map((row) => row.text));
      });

      it('no check by customer where one customer per DM does not hold: group DMs, an unknown account, another account', () => {
        const groups = createAccumulator();
        merged(groups, dm('1500000000000000000', A, 'dana_example'));
        expect(texts(merged(groups, dm('1600000000000000000', B, 'dana_example')).snapshot)).toEqual(['Is the kettle back?', 'Yes!']);
        const unknown = createAccumulator();
        merged(unknown, { ...dm('1-2', A), agent: null });
        expect(texts(merged(unknown, { ...dm('2-4', B, 'dana_example'), agent: null }).snapshot)).toEqual(['Is the kettle back?', 'Yes!']);
        const other = createAccumulator();
        merged(other, dm('1-2', A));
        const globex = { ...dm('2-5', B, 'dana_example'), agent: { platform: 'x' as const, handle: 'globex_help' } };
        expect(texts(merged(other, globex).snapshot)).toEqual(['Is the kettle back?', 'Yes!']);
      });
    });

    describe('what the old DM showed is a guess: forgotten once the pane has switched, and 5 s after leaving it', () => {
      // The same template reply sent to Dana and to Robin in the same minute (the page shows whole minutes).
      const template: Row = { direction: 'out', sentAt: '2025-11-21T09:05:00.000Z', text: 'Thanks for your patience, we are on it.' };
      const danaRows: Row[] = [{ direction: 'in', sentAt: '2025-11-21T09:01:00.000Z', text: 'Where is my order?' }, template];
      const robinRows: Row[] = [{ direction: 'in', sentAt: '2025-11-21T09:03:00.000Z', text: 'My parcel is late.' }, template];

      it("records the new DM's own copy of a reply the old DM also had, once a reading has shown the pane switched", () => {
        const acc = createAccumulator();
        merged(acc, dm('1-2', danaRows));
        // The first reading of the new pane: the repeated row may still be the old pane's.
        expect(texts(merged(acc, dm('2-4', robinRows)).snapshot)).toEqual(['My parcel is late.']);
        // The next reading (a re-render): the pane has switched, the row is Robin's.
        const r = merged(acc, dm('2-4', robinRows));
        expect(texts(r.snapshot)).toEqual(['My parcel is late.', template.text]);
        expect(r.changed).toBe(true);
      });

      it(`reads a new DM whose visible rows all repeat the old one's ${CONTENT_MEMORY_MS / 1000} s after leaving the old one`, () => {
        const clock = manualClock();
        const acc = createAccumulator({ now: clock.now });
        merged(acc, dm('1-2', danaRows));
        clock.advance(60_000);
        expect(acc.merge(dm('2-4', [template]))).toEqual({ stale: true }); // the first reading after the URL change
        clock.advance(CONTENT_MEMORY_MS - 1);
        expect(acc.merge(dm('2-4', [template]))).toEqual({ stale: true });
        clock.advance(1);
        expect(texts(merged(acc, dm('2-4', [template])).snapshot)).toEqual([template.text]);
      });

      it('forgets it across a detour through other pages: the memory counts from leaving the DM, not from the next one', () => {
        const clock = manualClock();
        const acc = createAccumulator({ now: clock.now });
        merged(acc, dm('1-2', danaRows));
        clock.advance(200);
        acc.reset(); // the home timeline: no conversation
        clock.advance(3_600_000);
        acc.reset();
        expect(texts(merged(acc, dm('2-4', [template])).snapshot)).toEqual([template.text]);
      });

      it('the customer check expires with it: past it, the header is taken as it is', () => {
        const clock = manualClock();
        const acc = createAccumulator({ now: clock.now });
        merged(acc, dm('1-2', danaRows));
        acc.reset();
        clock.advance(CONTENT_MEMORY_MS - 1);
        expect(acc.merge(dm('2-4', robinRows, 'dana_example'))).toEqual({ stale: true });
        clock.advance(1);
        expect(merged(acc, dm('2-4', robinRows, 'dana_example')).snapshot.customer).toEqual({ handle: 'dana_example' });
      });

      it("X chat's ids are proof: they do not expire", () => {
        const clock = manualClock();
        const acc = createAccumulator({ now: clock.now });
        merged(acc, chat('1-2', ['0a000000-0000-4000-8000-000000000001']));
        acc.reset();
        clock.advance(3_600_000);
        expect(acc.merge(chat('1-3', ['0a000000-0000-4000-8000-000000000001']))).toEqual({ stale: true });
      });
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createAccumulator } from '../../lib/content/accumulate';
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

describe('accumulator (virtualised lists)', () => {
  it('keeps rows that scrolled out of view, in page order, without duplicates', () => {
    const acc = createAccumulator();
    acc.merge(snap('c1', ['5', '6', '7']));
    // Scrolled up: older rows appear, newest ones are recycled away.
    const r = acc.merge(snap('c1', ['3', '4', '5']));
    expect(r.snapshot.messages.map((m) => m.id)).toEqual(['3', '4', '5', '6', '7']);
    expect(r.changed).toBe(true);
  });

  it("starts afresh when the logged-in account changes on the same conversation: one account's rows are never sent as the other's", () => {
    const acc = createAccumulator();
    acc.merge({ ...snap('c1', ['1', '2']), agent: { platform: 'x', handle: 'acme_support' } });
    const r = acc.merge({ ...snap('c1', ['3']), agent: { platform: 'x', handle: 'globex_help' } });
    expect(r.snapshot.messages.map((m) => m.id)).toEqual(['3']);
  });

  it('reports no change when a re-render shows the same rows', () => {
    const acc = createAccumulator();
    acc.merge(snap('c1', ['1', '2']));
    expect(acc.merge(snap('c1', ['1', '2'])).changed).toBe(false);
  });

  it('picks up an edited message text', () => {
    const acc = createAccumulator();
    acc.merge(snap('c1', ['1']));
    const edited = snap('c1', ['1']);
    edited.messages[0]!.text = 'edited';
    const r = acc.merge(edited);
    expect(r.changed).toBe(true);
    expect(r.snapshot.messages[0]!.text).toBe('edited');
  });

  it('starts over when another conversation opens', () => {
    const acc = createAccumulator();
    acc.merge(snap('c1', ['1', '2']));
    expect(acc.merge(snap('c2', ['9'])).snapshot.messages.map((m) => m.id)).toEqual(['9']);
  });
});

/**
 * The reply memory's "most recent" and the engine's "sent to this customer before" follow the
 * time replies were sent, not the order they were learnt: the panel learns the newest history
 * first (lib/panel/suggester.ts), so call order and send order disagree.
 */
import { describe, expect, it } from 'vitest';
import { ReplyMemory } from '../../lib/suggest/reply-memory';
import { createSuggester } from '../../lib/suggest/engine';

describe('ReplyMemory recency', () => {
  it('keeps the most recently sent replies when they are learnt newest first', () => {
    const m = new ReplyMemory(40, 3);
    // Sent at t = 1..6, learnt in two "chunks" the way the panel does: 4-6, then 1-3.
    const words = ['', 'one', 'two', 'three', 'four', 'five', 'six'];
    for (const t of [4, 5, 6, 1, 2, 3]) m.add(`Reply ${words[t]}`, {}, t);
    expect(m.mostRecent(3).map((g) => g.body)).toEqual(['Reply six', 'Reply five', 'Reply four']);
  });

  it('without send times, the call order is the send order', () => {
    const m = new ReplyMemory(40, 2);
    m.add('first reply');
    m.add('second reply');
    m.add('third reply');
    expect(m.mostRecent(2).map((g) => g.body)).toEqual(['third reply', 'second reply']);
  });

  it('a reused reply moves up by its latest use only', () => {
    const m = new ReplyMemory(40, 3);
    m.add('Please DM us', {}, 10);
    m.add('Glad to help', {}, 20);
    m.add('Please DM us', {}, 5); // an older use learnt later must not make it the newest
    expect(m.mostRecent(3).map((g) => g.body)).toEqual(['Glad to help', 'Please DM us']);
    m.add('Please DM us', {}, 30);
    expect(m.mostRecent(3).map((g) => g.body)).toEqual(['Please DM us', 'Glad to help']);
  });
});

describe('replies sent to this customer before, by stored customer id', () => {
  const filler = Array.from({ length: 120 }, (_, i) => ({
    id: `o${i}`,
    customerText: `Question number ${i % 40} about billing`,
    replyText: `Thanks for asking about billing, we have refunded item ${i % 40}.`,
    customerId: `other${i}`,
    at: 1000 + i,
  }));

  it('matches the open customer by id when the history has no handles (as stored messages have none)', () => {
    const s = createSuggester({
      brand: { name: 'Acme' },
      pairs: [{ id: 'd1', customerText: 'My fibre box shows a red light', replyText: 'Your engineer visit is booked for Tuesday morning.', customerId: 'cust-dana', at: 1 }, ...filler],
    });
    const conv = (id: string) => ({ customerMessages: ['any update?'], platform: 'x' as const, isPublic: false, customer: { id } });
    expect(s.suggest(conv('cust-dana'), 5).find((x) => x.text.includes('engineer visit'))?.why).toMatch(/sent to this customer before/);
    expect(s.suggest(conv('cust-sam'), 5).some((x) => x.why.includes('sent to this customer before'))).toBe(false);
  });

  it("keeps the customer's five latest replies by send time, whatever the learning order", () => {
    // Six replies sharing no word, so each is its own suggestion.
    const replies = ['Alpha arrives Monday.', 'Bravo left our depot.', 'Charlie was refunded.', 'Delta courier called.', 'Echo parcel scanned.', 'Foxtrot box delivered.'];
    const own = replies.map((replyText, i) => ({ id: `d${i}`, customerText: `Message ${i} from Dana`, replyText, customerId: 'cust-dana', at: 10 + i }));
    // Newest first, as the panel learns: the oldest (alpha, at 10) is the one to drop.
    const s = createSuggester({ brand: { name: 'Acme' }, pairs: [...filler, ...own.slice(3), ...own.slice(0, 3)] });
    const texts = s
      .suggest({ customerMessages: ['any update?'], platform: 'x', isPublic: false, customer: { id: 'cust-dana' } }, 20)
      .filter((x) => x.why.includes('sent to this customer before'))
      .map((x) => x.text);
    expect(texts).toHaveLength(5);
    expect(texts.some((t) => t.includes('Foxtrot'))).toBe(true);
    expect(texts.some((t) => t.includes('Alpha'))).toBe(false);
  });
});

/**
 * Past replies that start alike (the same 80-character apology, then different answers) get
 * different suggestion ids: the panel keys its cards by them, so a shared id gave React duplicate
 * keys and one card's draft could show under the other. The same reply keeps its id from one
 * ranking to the next (and in another engine built over the same replies).
 */
import { describe, expect, it } from 'vitest';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';

const lead = 'Thanks for reaching out about this and sorry for the trouble with your recent order from our online store';
const pairs = [
  { id: 'p1', customerText: 'my order is late', replyText: `${lead}. Please send us a DM with your order number.` },
  { id: 'p2', customerText: 'my order is late', replyText: `${lead}. It ships tomorrow morning by courier.` },
];
const conv: ConversationInput = { customerMessages: ['my order is late'], platform: 'x', isPublic: true };
const replyIds = (s: ReturnType<typeof createSuggester>) =>
  s.suggest(conv, 5).filter((x) => x.source === 'past-reply').map((x) => [x.text, x.id] as const);

describe('past-reply suggestion ids', () => {
  it('differ for two replies with the same long opening, and stay the same across rankings', () => {
    const s = createSuggester({ brand: { name: 'Acme' }, pairs });
    const first = replyIds(s);
    expect(first).toHaveLength(2);
    expect(new Set(first.map(([, id]) => id)).size).toBe(2);
    expect(replyIds(s)).toEqual(first);
    // Another engine over the same replies (the panel rebuilds it) gives the same ids.
    expect(new Map(replyIds(createSuggester({ brand: { name: 'Acme' }, pairs: [...pairs].reverse() })))).toEqual(new Map(first));
    for (const [, id] of first) expect(id.startsWith('reply:')).toBe(true);
  });
});

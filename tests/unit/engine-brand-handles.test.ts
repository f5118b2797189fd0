/**
 * A past reply that points the customer to another of the brand's own accounts keeps that
 * mention when it is suggested to someone else: the engine passes the brand's accounts to the
 * generalisation, which otherwise turns a mention it cannot place into a question.
 */
import { expect, it } from 'vitest';
import { createSuggester } from '../../lib/suggest/engine';

it("keeps an @mention of one of the brand's own accounts, and not the customer's handle", () => {
  const s = createSuggester({
    brand: { name: 'Acme', handles: ['acme_support', 'helpdesk_team'] },
    pairs: [{ id: 'p1', customerText: 'my refund never arrived', replyText: 'Hi @jane_d, please DM @helpdesk_team with your order and we will sort the refund.', customerHandle: 'jane_d', customerName: 'Jane Doe' }],
  });
  const [top] = s.suggest({ customerMessages: ['my refund never arrived'], platform: 'x', isPublic: true, customer: { displayName: 'Bob Jones', handle: 'bobj' } }, 3);
  expect(top?.text).toContain('@helpdesk_team');
  expect(top?.text).not.toContain('jane_d');
});

/**
 * The pre-insert check "a promise with no follow-up set" is quiet only when a pending follow-up
 * answers a promise made here: on this conversation, on its open case, or on the customer with
 * neither. An old follow-up about another conversation or case does not silence it.
 */
import { describe, expect, it } from 'vitest';
import { followUpCovers } from '../../lib/db/repositories/follow-ups';
import type { FollowUp } from '../../lib/db/records';

const here = { customerId: 'dana', conversationId: 'conv-now', caseId: 'case-open' };
const followUp = (over: Partial<FollowUp>): FollowUp => ({
  id: 'f1',
  brandId: 'b1',
  caseId: null,
  customerId: 'dana',
  conversationId: null,
  dueAt: 1,
  reason: 'call back',
  source: 'manual',
  doneAt: null,
  notifiedAt: null,
  createdAt: 0,
  ...over,
});

describe('followUpCovers', () => {
  it('counts a pending follow-up on this conversation, on its open case, or on the customer alone', () => {
    expect(followUpCovers(followUp({ conversationId: 'conv-now', caseId: 'case-old' }), here)).toBe(true);
    expect(followUpCovers(followUp({ caseId: 'case-open', conversationId: 'conv-other' }), here)).toBe(true);
    expect(followUpCovers(followUp({}), here)).toBe(true);
    // Kept under a linked identity that holds the open case, for this conversation.
    expect(followUpCovers(followUp({ customerId: 'dana-fb', caseId: 'case-linked', conversationId: 'conv-now' }), here)).toBe(true);
  });

  it('does not count one that is done, or one about another conversation or case', () => {
    expect(followUpCovers(followUp({ conversationId: 'conv-now', doneAt: 5 }), here)).toBe(false);
    expect(followUpCovers(followUp({ conversationId: 'conv-other' }), here)).toBe(false);
    expect(followUpCovers(followUp({ caseId: 'case-old' }), here)).toBe(false);
    expect(followUpCovers(followUp({ caseId: 'case-open' }), { ...here, caseId: null })).toBe(false);
    expect(followUpCovers(followUp({ customerId: 'someone-else' }), here)).toBe(false);
  });
});

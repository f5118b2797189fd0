/** The case state machine: allowed moves, what messages do, what resolving suggests. */
import { describe, expect, it } from 'vitest';
import {
  InvalidTransitionError,
  TRANSITIONS,
  canTransition,
  onInboundMessage,
  onOutgoingMessage,
  proposeResolution,
  transitionPatch,
} from '../../lib/cases/lifecycle';
import { CaseStatusSchema, type CaseStatus } from '../../lib/db/records';

const NOW = Date.parse('2026-03-10T14:00:00Z');
const ALL = CaseStatusSchema.options;

describe('transitions', () => {
  it('lists every status and never a move to the same status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const s of ALL) expect(canTransition(s, s)).toBe(false);
  });

  it('lets an active case move anywhere, and a resolved case only reopen', () => {
    for (const from of ['open', 'waiting-customer', 'waiting-us'] as CaseStatus[]) {
      for (const to of ALL) if (to !== from) expect(canTransition(from, to), `${from}→${to}`).toBe(true);
    }
    expect(canTransition('resolved', 'open')).toBe(true);
    expect(canTransition('resolved', 'waiting-us')).toBe(false);
    expect(canTransition('resolved', 'waiting-customer')).toBe(false);
  });

  it('stamps resolvedAt on resolving and clears it on reopening', () => {
    expect(transitionPatch({ status: 'open' }, 'resolved', NOW)).toEqual({ status: 'resolved', resolvedAt: NOW, updatedAt: NOW });
    expect(transitionPatch({ status: 'resolved' }, 'open', NOW + 1)).toEqual({ status: 'open', resolvedAt: null, updatedAt: NOW + 1 });
  });

  it('throws a typed error for a move that is not allowed', () => {
    expect(() => transitionPatch({ status: 'resolved' }, 'waiting-us', NOW)).toThrow(InvalidTransitionError);
    expect(() => transitionPatch({ status: 'open' }, 'open', NOW)).toThrow(/from "open" to "open"/);
  });
});

describe('messages', () => {
  it('an inbound message offers to reopen a resolved case instead of reopening it', () => {
    expect(onInboundMessage('resolved')).toEqual({ kind: 'offer-reopen' });
  });
  it('an inbound message puts the ball in our court when we were waiting on the customer', () => {
    expect(onInboundMessage('waiting-customer')).toEqual({ kind: 'transition', to: 'waiting-us' });
    expect(onInboundMessage('open')).toEqual({ kind: 'none' });
    expect(onInboundMessage('waiting-us')).toEqual({ kind: 'none' });
  });
  it('our reply puts an open or waiting-on-us case to waiting on the customer', () => {
    expect(onOutgoingMessage('open')).toEqual({ kind: 'transition', to: 'waiting-customer' });
    expect(onOutgoingMessage('waiting-us')).toEqual({ kind: 'transition', to: 'waiting-customer' });
    expect(onOutgoingMessage('waiting-customer')).toEqual({ kind: 'none' });
    expect(onOutgoingMessage('resolved')).toEqual({ kind: 'none' });
  });
});

describe('proposeResolution', () => {
  it('suggests a short English closing message and a confirm follow-up in 3 days', () => {
    const p = proposeResolution({ status: 'waiting-customer', reference: 'ACME-0042' }, NOW, { customerFirstName: 'Dana' });
    expect(p.patch).toEqual({ status: 'resolved', resolvedAt: NOW, updatedAt: NOW });
    expect(p.closingMessage).toMatch(/^Hi Dana, .*ACME-0042.*resolved/);
    expect(p.closingMessage.length).toBeLessThanOrEqual(280);
    expect(p.followUp).toEqual({ dueAt: NOW + 3 * 86_400_000, reason: 'Confirm ACME-0042 is still fixed' });
  });

  it('speaks Spanish when the brand does, and takes another delay', () => {
    const p = proposeResolution({ status: 'open', reference: 'TEL-0007' }, NOW, { language: 'es', confirmAfterDays: 7 });
    expect(p.closingMessage).toMatch(/TEL-0007/);
    expect(p.closingMessage).toMatch(/resuelto/);
    expect(p.closingMessage).not.toMatch(/Hola/);
    expect(p.followUp.dueAt).toBe(NOW + 7 * 86_400_000);
    expect(p.followUp.reason).toMatch(/^Confirmar/);
  });

  it("writes the closing message in the customer's language and the follow-up in the agent's", () => {
    const p = proposeResolution({ status: 'open', reference: 'TEL-0007' }, NOW, { language: 'en', customerLanguage: 'es', customerFirstName: 'Lucía' });
    expect(p.closingMessage).toMatch(/^Hola Lucía, damos por resuelto tu caso TEL-0007/);
    expect(p.followUp.reason).toBe('Confirm TEL-0007 is still fixed');
    const back = proposeResolution({ status: 'open', reference: 'TEL-0007' }, NOW, { language: 'es', customerLanguage: 'en' });
    expect(back.closingMessage).toMatch(/^we've marked your case TEL-0007/);
    expect(back.followUp.reason).toMatch(/^Confirmar/);
  });

  it('refuses to resolve an already resolved case', () => {
    expect(() => proposeResolution({ status: 'resolved', reference: 'X-0001' }, NOW)).toThrow(InvalidTransitionError);
  });
});

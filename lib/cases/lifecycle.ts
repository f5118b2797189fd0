/**
 * The case state machine (docs/product.md, "Closure matters"): open → waiting on the customer /
 * waiting on us → resolved, and back to open when the customer writes again — offered, never
 * done behind the agent's back. Pure functions; lib/db/repositories/cases.ts applies them.
 */
import type { Case, CaseStatus } from '../db/records';
import type { TimeZone } from './clock';
import { addCalendarDays } from './when';

export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['waiting-customer', 'waiting-us', 'resolved'],
  'waiting-customer': ['open', 'waiting-us', 'resolved'],
  'waiting-us': ['open', 'waiting-customer', 'resolved'],
  // A resolved case only comes back by reopening.
  resolved: ['open'],
};

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(`A case cannot go from "${from}" to "${to}".`);
  }
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The fields a transition changes; throws InvalidTransitionError when it is not allowed. */
export function transitionPatch(
  c: Pick<Case, 'status'>,
  to: CaseStatus,
  now: number,
): Pick<Case, 'status' | 'resolvedAt' | 'updatedAt'> {
  if (!canTransition(c.status, to)) throw new InvalidTransitionError(c.status, to);
  return { status: to, resolvedAt: to === 'resolved' ? now : null, updatedAt: now };
}

export type MessageAction =
  | { kind: 'none' }
  | { kind: 'transition'; to: CaseStatus }
  /** The customer wrote on a resolved case: show "Reopen?"; the agent decides. */
  | { kind: 'offer-reopen' };

/** What a new message from the customer means for the case. */
export function onInboundMessage(status: CaseStatus): MessageAction {
  switch (status) {
    case 'resolved':
      return { kind: 'offer-reopen' };
    case 'waiting-customer':
      return { kind: 'transition', to: 'waiting-us' };
    default:
      return { kind: 'none' };
  }
}

/** What the agent's reply means for the case: the ball is in the customer's court. */
export function onOutgoingMessage(status: CaseStatus): MessageAction {
  return status === 'open' || status === 'waiting-us'
    ? { kind: 'transition', to: 'waiting-customer' }
    : { kind: 'none' };
}

export type Language = 'en' | 'es';

export interface ResolveOptions {
  /** The agent's language: the follow-up's reason (and the closing message, unless below). */
  language?: Language;
  /** The customer's language, for the closing message they will read. */
  customerLanguage?: Language;
  customerFirstName?: string;
  /** Days until the "confirm it's fixed" follow-up (default 3), counted on the calendar. */
  confirmAfterDays?: number;
  /** The agent's timezone, for those calendar days (the system zone when undefined). */
  timezone?: TimeZone;
}

export interface ResolveProposal {
  patch: Pick<Case, 'status' | 'resolvedAt' | 'updatedAt'>;
  /** A short closing message to suggest; the agent edits and sends it. */
  closingMessage: string;
  /** A proposed follow-up to check the fix held; created only if the agent accepts it. */
  followUp: { dueAt: number; reason: string };
}

/** Resolving a case: the state change plus what to suggest to the agent. */
export function proposeResolution(
  c: Pick<Case, 'status' | 'reference'>,
  now: number,
  opts: ResolveOptions = {},
): ResolveProposal {
  const patch = transitionPatch(c, 'resolved', now);
  const name = opts.customerFirstName?.trim();
  const days = opts.confirmAfterDays ?? 3;
  const es = opts.language === 'es';
  const closingMessage = (opts.customerLanguage ?? opts.language) === 'es'
    ? `${name ? `Hola ${name}, ` : ''}damos por resuelto tu caso ${c.reference}. Si vuelve a pasar o necesitas algo más, escríbenos por aquí. ¡Gracias por tu paciencia!`
    : `${name ? `Hi ${name}, ` : ''}we've marked your case ${c.reference} as resolved. If it happens again or you need anything else, just reply here. Thanks for your patience!`;
  const reason = es
    ? `Confirmar que ${c.reference} sigue resuelto`
    : `Confirm ${c.reference} is still fixed`;
  // Same time of day `days` days on, also across a DST change (not days × 24 hours).
  const dueAt = addCalendarDays(new Date(now), days, opts.timezone).getTime();
  return { patch, closingMessage, followUp: { dueAt, reason } };
}

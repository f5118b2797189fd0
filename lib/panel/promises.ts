/**
 * Answering a promise proposal from the panel (its conversation's banner or the Work list):
 * the follow-up is added to the person's open case (also one opened under a linked identity)
 * or, without one, to the customer; and the proposal leaves the pending list. One transaction:
 * a failure leaves the proposal pending and adds nothing. A proposal no longer pending (answered
 * elsewhere) adds nothing and gives null.
 */
import type { CasesideDb } from '../db/schema';
import type { FollowUp } from '../db/records';
import { addFollowUp } from '../db/repositories/follow-ups';
import { casesForCustomer } from '../db/repositories/cases';
import { pendingPromises, promiseKey, settlePromise, type PendingPromise } from '../db/repositories/promises';
import { forCustomerWithLinks } from './queries';

export async function acceptPromise(db: CasesideDb, brandId: string, promise: PendingPromise): Promise<FollowUp | null> {
  return db.transaction('rw', [db.followUps, db.customers, db.cases, db.conversations, db.meta], async () => {
    // Answered meanwhile (the banner in another tab, or the Work list, before this one's list
    // caught up): a second follow-up would remind the agent twice. Nothing to add.
    if (!(await pendingPromises(db, brandId)).some((p) => promiseKey(p) === promiseKey(promise))) return null;
    const cases = await forCustomerWithLinks(db, brandId, promise.customerId, (id) => casesForCustomer(db, brandId, id));
    const openCase = cases.sort((a, b) => b.openedAt - a.openedAt).find((c) => c.status !== 'resolved') ?? null;
    const followUp = await addFollowUp(db, {
      brandId,
      customerId: openCase?.customerId ?? promise.customerId,
      caseId: openCase?.id ?? null,
      conversationId: promise.conversationId,
      dueAt: promise.dueAt,
      reason: promise.reason,
      source: 'promise',
    });
    await settlePromise(db, brandId, promise);
    return followUp;
  });
}

/**
 * Follow-ups: reminders with a due time, manual or from a detected promise. Every function
 * names its brand except the three the background's reminders use across all brands
 * (dueFollowUps, openFollowUps, markNotified), which never return data to a page.
 */
import { RecordNotFoundError, withStorageErrors } from '../errors';
import { newId } from '../ids';
import { type FollowUp, FollowUpSchema } from '../records';
import type { CasesideDb } from '../schema';
import { latestCaseConversation } from './cases';

export interface FollowUpInput {
  brandId: string;
  customerId: string;
  caseId?: string | null;
  conversationId?: string | null;
  dueAt: number;
  reason: string;
  source?: FollowUp['source'];
}

export class InvalidFollowUpError extends Error {
  override readonly name = 'InvalidFollowUpError';
}

export async function addFollowUp(db: CasesideDb, input: FollowUpInput, now = Date.now()): Promise<FollowUp> {
  return withStorageErrors(() =>
    db.transaction('rw', db.followUps, db.customers, db.cases, db.conversations, async () => {
      const customer = await db.customers.get(input.customerId);
      if (!customer || customer.brandId !== input.brandId) throw new RecordNotFoundError('customer', input.customerId);
      let conversationId = input.conversationId ?? null;
      if (input.caseId) {
        const c = await db.cases.get(input.caseId);
        if (!c || c.brandId !== input.brandId || c.customerId !== input.customerId) {
          throw new RecordNotFoundError('case', input.caseId);
        }
        // Where the case is going on now (its latest conversation), not where it was opened.
        conversationId ??= await latestCaseConversation(db, c);
      }
      if (conversationId) {
        const conv = await db.conversations.get(conversationId);
        if (!conv || conv.brandId !== input.brandId) throw new RecordNotFoundError('conversation', conversationId);
      }
      const f = FollowUpSchema.parse({
        id: newId(),
        brandId: input.brandId,
        caseId: input.caseId ?? null,
        customerId: input.customerId,
        conversationId,
        dueAt: input.dueAt,
        reason: input.reason.slice(0, 2000),
        source: input.source ?? 'manual',
        doneAt: null,
        notifiedAt: null,
        createdAt: now,
        updatedAt: now,
      } satisfies FollowUp);
      await db.followUps.add(f);
      return f;
    }),
  );
}

/** A change's updatedAt: never earlier than a time the row already holds (a clock set back keeps it the newest). */
const stamp = (f: FollowUp, now: number) => Math.max(now, f.updatedAt ?? 0, f.createdAt, f.doneAt ?? 0, f.notifiedAt ?? 0);

/**
 * Every change goes through here (or markNotified) and stamps `updatedAt`, which a restore's
 * "keep the newer one" compares: a snooze moves no other time. A patch that changes nothing
 * (completing twice) writes nothing and keeps the stamp.
 */
async function change(
  db: CasesideDb,
  brandId: string,
  id: string,
  patch: (f: FollowUp) => Partial<FollowUp>,
  now: number,
): Promise<FollowUp> {
  return withStorageErrors(() =>
    db.transaction('rw', db.followUps, async () => {
      const f = await db.followUps.get(id);
      if (!f || f.brandId !== brandId) throw new RecordNotFoundError('follow-up', id);
      const p = patch(f);
      if ((Object.keys(p) as Array<keyof FollowUp>).every((k) => Object.is(p[k], f[k]))) return f;
      const next = FollowUpSchema.parse({ ...f, ...p, updatedAt: stamp(f, now) });
      await db.followUps.put(next);
      return next;
    }),
  );
}

/** Marks done (idempotent: completing twice keeps the first time). */
export function completeFollowUp(db: CasesideDb, brandId: string, id: string, now = Date.now()): Promise<FollowUp> {
  return change(db, brandId, id, (f) => ({ doneAt: f.doneAt ?? now }), now);
}

/** Moves the due time later; the reminder fires again at the new time. */
export function snoozeFollowUp(
  db: CasesideDb,
  brandId: string,
  id: string,
  until: number | Date,
  now = Date.now(),
): Promise<FollowUp> {
  const dueAt = typeof until === 'number' ? until : until.getTime();
  if (!(dueAt > now)) return Promise.reject(new InvalidFollowUpError('A follow-up can only be snoozed to a later time.'));
  return change(db, brandId, id, () => ({ dueAt, notifiedAt: null, doneAt: null }), now);
}

/** What an edit changes: a new due time, a new reason, or both (what is left out stays). */
export interface FollowUpEdit {
  dueAt?: number;
  reason?: string;
}

/**
 * Fixes a follow-up set wrong (the wrong day, a mistyped reason). A new due time must be later
 * than `now`, and the reminder fires again at it, as after a snooze (notifiedAt cleared); the
 * same due time keeps the reminder as it was. The reason is stored as typed, as addFollowUp
 * stores it (a reason is not a note: it is not masked), and may not be emptied. Whether it is
 * done stays as it is: an edit is no way to reopen or complete one.
 */
export function editFollowUp(db: CasesideDb, brandId: string, id: string, edit: FollowUpEdit, now = Date.now()): Promise<FollowUp> {
  const { dueAt } = edit;
  if (dueAt !== undefined && !(dueAt > now)) return Promise.reject(new InvalidFollowUpError('A follow-up can only be due at a later time.'));
  const reason = edit.reason?.slice(0, 2000);
  if (reason !== undefined && !reason.trim()) return Promise.reject(new InvalidFollowUpError('A follow-up needs a reason.'));
  return change(
    db,
    brandId,
    id,
    (f) => ({ ...(reason !== undefined ? { reason } : {}), ...(dueAt !== undefined && dueAt !== f.dueAt ? { dueAt, notifiedAt: null } : {}) }),
    now,
  );
}

/**
 * Removes a follow-up added by mistake (marking it done would say it was done). Its reminder goes
 * with it: the background's badge query hears of the delete and takes its notification down.
 */
export async function deleteFollowUp(db: CasesideDb, brandId: string, id: string): Promise<void> {
  return withStorageErrors(() =>
    db.transaction('rw', db.followUps, async () => {
      const f = await db.followUps.get(id);
      if (!f || f.brandId !== brandId) throw new RecordNotFoundError('follow-up', id);
      await db.followUps.delete(id);
    }),
  );
}

/**
 * Every brand's follow-ups due at `now` and not done, earliest first: for the background's
 * notifications (skip those with notifiedAt) and the badge count (all of them).
 *
 * No index tells done follow-ups apart (doneAt is not indexed, and null is no IndexedDB key),
 * so the done ones that fell due are read too and dropped here.
 */
export async function dueFollowUps(db: CasesideDb, now = Date.now()): Promise<FollowUp[]> {
  const rows = await db.followUps.where('dueAt').belowOrEqual(now).toArray();
  return rows.filter((f) => f.doneAt === null).sort((a, b) => a.dueAt - b.dueAt);
}

/**
 * Every brand's follow-ups not done, whenever due, earliest first. For a live query that must
 * hear of any follow-up done, snoozed, added or deleted: it reads the whole dueAt index, so a
 * change to a follow-up that fell due after the query last ran re-runs it too (a read bounded
 * at "now" observes only the rows due back then). Filter by dueAt in the caller.
 */
export async function openFollowUps(db: CasesideDb): Promise<FollowUp[]> {
  const rows = await db.followUps.orderBy('dueAt').toArray();
  return rows.filter((f) => f.doneAt === null);
}

/**
 * The brand's open follow-ups that belong to no case (a promise accepted while no case was open),
 * soonest first: the work list shows them beside the cases.
 */
export async function followUpsWithoutCase(db: CasesideDb, brandId: string): Promise<FollowUp[]> {
  return db.followUps
    .where('[brandId+dueAt]')
    .between([brandId, -Infinity], [brandId, Infinity], true, true)
    .filter((f) => f.doneAt === null && f.caseId === null)
    .toArray();
}

/**
 * Records that the reminder was shown, so it is not shown again (until snoozed). Returns whether
 * the follow-up is still pending and due: false when it was deleted (its customer erased), done
 * or snoozed while the reminder was being shown, which is then out of date. A deleted one is no
 * error: nothing to mark, and the other reminders of the check go ahead.
 */
export async function markNotified(db: CasesideDb, id: string, now = Date.now()): Promise<boolean> {
  return withStorageErrors(() =>
    db.transaction('rw', db.followUps, async () => {
      const f = await db.followUps.get(id);
      if (!f) return false;
      // Snoozed since it was read as due (dueAt moved on): its next reminder must still fire.
      if (f.notifiedAt === null && f.dueAt <= now) await db.followUps.update(id, { notifiedAt: now, updatedAt: stamp(f, now) });
      return f.doneAt === null && f.dueAt <= now;
    }),
  );
}

/**
 * Whether a follow-up answers a promise made in this conversation (the pre-insert check "a
 * promise with no follow-up set"): one still pending on this conversation, on its open case, or
 * on the customer with neither. A pending follow-up about another conversation or case does not:
 * a promise here still needs its own.
 */
export function followUpCovers(f: FollowUp, here: { customerId: string; conversationId: string; caseId: string | null }): boolean {
  if (f.doneAt !== null) return false;
  if (f.conversationId === here.conversationId) return true;
  if (here.caseId !== null && f.caseId === here.caseId) return true;
  return f.caseId === null && f.conversationId === null && f.customerId === here.customerId;
}

/** A customer's follow-ups in this brand, earliest due first; done ones only when asked. */
export async function followUpsForCustomer(
  db: CasesideDb,
  brandId: string,
  customerId: string,
  opts: { includeDone?: boolean } = {},
): Promise<FollowUp[]> {
  const rows = await db.followUps.where('customerId').equals(customerId).toArray();
  return rows
    .filter((f) => f.brandId === brandId && (opts.includeDone || f.doneAt === null))
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** A case's follow-ups, earliest due first; done ones only when asked. */
export async function followUpsForCase(
  db: CasesideDb,
  brandId: string,
  caseId: string,
  opts: { includeDone?: boolean } = {},
): Promise<FollowUp[]> {
  const rows = await db.followUps.where('caseId').equals(caseId).toArray();
  return rows
    .filter((f) => f.brandId === brandId && (opts.includeDone || f.doneAt === null))
    .sort((a, b) => a.dueAt - b.dueAt);
}

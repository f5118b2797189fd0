/**
 * Promises waiting for the agent's answer: a promise detected in an outgoing reply ("we'll get
 * back to you within 2 hours") is proposed as a follow-up, and stays proposed — in this brand's
 * Work list and on its conversation's banner — until the agent adds the follow-up or dismisses
 * it. Kept in the database, not with the tab: the agent who sends a promise and moves straight
 * on to the next conversation (or closes the tab) must still find it.
 *
 * One meta row per brand (`promises:pending:<brandId>`: the brand id is a segment of the key,
 * so export, restore, wipe and erase treat it as the brand's, see ids.ts metaBelongsToBrand),
 * holding at most MAX_PENDING proposals, newest kept. A row that fails validation (an edited
 * backup) reads as its valid entries only.
 */
import { z } from 'zod';
import { withStorageErrors } from '../errors';
import type { CasesideDb } from '../schema';
import { validEntries } from './meta-list';

export const PENDING_PROMISES_PREFIX = 'promises:pending:';
export const pendingPromisesKey = (brandId: string) => `${PENDING_PROMISES_PREFIX}${brandId}`;

/** Bound per brand: beyond it the oldest proposals go (a follow-up the agent never wanted). */
export const MAX_PENDING = 200;

export const PendingPromiseSchema = z.object({
  /** The outgoing message that made the promise. */
  messageId: z.string().max(800),
  conversationId: z.string().max(800),
  customerId: z.string().max(400),
  phrase: z.string().max(500),
  dueAt: z.number(),
  reason: z.string().max(2000),
  proposedAt: z.number(),
});
export type PendingPromise = z.infer<typeof PendingPromiseSchema>;

/** One promise: a message can promise twice ("a call today, the refund within 5 days"). */
export const promiseKey = (p: Pick<PendingPromise, 'messageId' | 'dueAt'>) => `${p.messageId}:${p.dueAt}`;

const parseRow = (value: unknown): PendingPromise[] => validEntries(PendingPromiseSchema, value);

async function read(db: CasesideDb, brandId: string): Promise<PendingPromise[]> {
  return parseRow((await db.meta.get(pendingPromisesKey(brandId)))?.value);
}

async function write(db: CasesideDb, brandId: string, items: PendingPromise[]): Promise<void> {
  if (items.length) await db.meta.put({ key: pendingPromisesKey(brandId), value: items.slice(-MAX_PENDING) });
  else await db.meta.delete(pendingPromisesKey(brandId));
}

/** The brand's promises still waiting for an answer, in the order they were made. */
export function pendingPromises(db: CasesideDb, brandId: string): Promise<PendingPromise[]> {
  return read(db, brandId);
}

/**
 * Add newly detected promises (a message is detected once: when it is first stored). One
 * already pending is not added twice.
 */
export async function proposePromises(db: CasesideDb, brandId: string, items: PendingPromise[]): Promise<void> {
  if (!items.length) return;
  await withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      const seen = new Set(current.map(promiseKey));
      const added = items.filter((p) => !seen.has(promiseKey(p)) && seen.add(promiseKey(p)));
      if (added.length) await write(db, brandId, [...current, ...added]);
    }),
  );
}

/** How many promises, across brands, are past their due time with no answer (the badge counts them). */
export async function overduePromiseCount(db: CasesideDb, now: number): Promise<number> {
  const rows = await db.meta.where('key').startsWith(PENDING_PROMISES_PREFIX).toArray();
  return rows.reduce((n, row) => n + parseRow(row.value).filter((p) => p.dueAt <= now).length, 0);
}

/** The agent answered a proposal (added the follow-up, or dismissed it): it leaves the list. */
export async function settlePromise(db: CasesideDb, brandId: string, key: Pick<PendingPromise, 'messageId' | 'dueAt'>): Promise<void> {
  await withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      const next = current.filter((p) => promiseKey(p) !== promiseKey(key));
      if (next.length !== current.length) await write(db, brandId, next);
    }),
  );
}

/**
 * Forget the proposals about these customers (erasure) or made in these messages (pruning).
 * Runs inside the caller's transaction, which must include `db.meta`.
 */
export async function forgetPromises(db: CasesideDb, brandId: string, about: { customerIds?: Iterable<string>; messageIds?: Iterable<string> }): Promise<void> {
  const customers = new Set(about.customerIds ?? []);
  const messages = new Set(about.messageIds ?? []);
  const current = await read(db, brandId);
  const next = current.filter((p) => !customers.has(p.customerId) && !messages.has(p.messageId));
  if (next.length !== current.length) await write(db, brandId, next);
}

/**
 * A snapshot from a platform tab → stored conversation. Conversations that involve a
 * configured brand account are recorded automatically (brands/resolve.ts involvesBrand); any
 * other — a conversation under an account no brand lists, or someone else's public thread read
 * while logged in as the brand — is recorded only once the agent has clicked "Track" for it
 * (remembered per conversation).
 */
import type { CasesideDb } from '../db/schema';
import { anyOfRows } from '../db/any-of';
import type { ConversationSnapshot } from '../platforms/snapshot';
import type { TabState } from '../messaging/protocol';
import type { Brand, Message } from '../db/records';
import { type CaptureResult, NothingToRecordError, recordSnapshot } from '../db/capture';
import { brandForAgent, brandsClaimingAgent, involvesBrand, trackKey } from '../brands/resolve';
import { conversationKey } from '../db/ids';
import { ConflictError, RecordNotFoundError, isStorageFailure, toStorageError } from '../db/errors';
import { detectPromises } from '../cases/promises';
import { InvalidTransitionError, onInboundMessage, onOutgoingMessage } from '../cases/lifecycle';
import { CaseAlreadyActiveError, transitionCase } from '../db/repositories/cases';
import { type PendingPromise, proposePromises } from '../db/repositories/promises';
import { t } from '../i18n';

export interface RecordOutcome {
  patch: Partial<TabState>;
  added: Message[];
  /** Set when the agent's "Track" was refused (why, for the log); the patch says it to the agent. */
  refused?: string;
}

/**
 * Brand for this snapshot: the logged-in account's brand, or the one the agent tracked it under.
 * `involved` is false when the account is the brand's but the conversation does not involve the
 * brand (someone else's public thread) and was neither recorded before nor tracked. An account
 * that several brands claim (its Page id one brand's, its handle another's) gives no brand, and
 * `claimedBy` names them: no tracking applies either, whichever brand it names.
 */
export async function brandFor(
  db: CasesideDb,
  snapshot: ConversationSnapshot,
): Promise<{ brandId: string | null; involved: boolean; claimedBy?: string[] }> {
  const brands = await db.brands.toArray();
  const byAccount = brandForAgent(brands, snapshot.agent);
  if (!byAccount) {
    const { byPageId, byHandle } = brandsClaimingAgent(brands, snapshot.agent);
    const claimants = [...new Set([...byPageId, ...byHandle])];
    if (claimants.length > 1) return { brandId: null, involved: true, claimedBy: claimants.map((b) => b.name) };
  }
  // The common case first, with no further read: the page shows the brand taking part. The
  // meta store can be held by a long write (a brand's search index being saved), so it is read
  // only when the answer depends on it.
  if (byAccount && involvesBrand(byAccount, snapshot)) return { brandId: byAccount.id, involved: true };
  const tracked = await db.meta.get(trackKey(snapshot.platform, snapshot.conversationId));
  const trackedId = typeof tracked?.value === 'string' ? tracked.value : null;
  if (byAccount) {
    const involved =
      trackedId === byAccount.id ||
      (await db.conversations.get(conversationKey(byAccount.id, snapshot.platform, snapshot.conversationId))) !== undefined;
    return { brandId: byAccount.id, involved };
  }
  return { brandId: trackedId && brands.some((b) => b.id === trackedId) ? trackedId : null, involved: true };
}

/**
 * Records the snapshot for its tab. Never throws: a failure comes back as the tab's storage error.
 * One before anything is known (the brands or the tracking row could not be read) also clears the
 * tab's conversation and customer, so the panel does not go on showing the previous customer's
 * card on another conversation.
 */
export async function recordForTab(
  db: CasesideDb,
  snapshot: ConversationSnapshot,
  forcedBrandId: string | null = null,
  now = Date.now(),
): Promise<RecordOutcome> {
  try {
    return await record(db, snapshot, forcedBrandId, now);
  } catch (e) {
    return {
      patch: { brandId: forcedBrandId, conversationId: null, customerId: null, notRecordedReason: null, reopenOffer: null, storageError: failureMessage(e) },
      added: [],
    };
  }
}

async function record(db: CasesideDb, snapshot: ConversationSnapshot, forcedBrandId: string | null, now: number): Promise<RecordOutcome> {
  if (snapshot.state === 'locked' || snapshot.messages.length === 0) {
    return { patch: { notRecordedReason: null, brandId: forcedBrandId ?? (await brandFor(db, snapshot)).brandId }, added: [] };
  }
  const resolved = forcedBrandId ? { brandId: forcedBrandId, involved: true } : await brandFor(db, snapshot);
  const { brandId } = resolved;
  if (brandId && !resolved.involved) {
    const name = (await db.brands.get(brandId))?.name ?? '';
    return {
      patch: { brandId, conversationId: null, customerId: null, notRecordedReason: t('record.notInvolved', { brand: name }) },
      added: [],
    };
  }
  if (!brandId) {
    const claimedBy = 'claimedBy' in resolved ? resolved.claimedBy : undefined;
    return {
      patch: {
        brandId: null,
        conversationId: null,
        customerId: null,
        notRecordedReason: claimedBy
          ? t('record.ambiguousAccount', { brands: claimedBy.join(', ') })
          : snapshot.agent
            ? t('record.unknownAccount', { account: snapshot.agent.handle ?? snapshot.agent.pageId ?? '?' })
            : t('record.noAccount'),
      },
      added: [],
    };
  }
  try {
    if (forcedBrandId) {
      const holder = await claimTracking(db, snapshot, forcedBrandId);
      if (holder) {
        return {
          patch: { notRecordedReason: t('record.trackedByOther', { brand: holder.name }) },
          added: [],
          refused: `the conversation is tracked under ${holder.name}`,
        };
      }
    }
    const { result, reopenOffer } = await recordAll(db, brandId, snapshot, now);
    return {
      patch: {
        brandId,
        conversationId: result.conversationId,
        customerId: result.customerId,
        notRecordedReason: null,
        storageError: null,
        // undefined: nothing new to say, an offer made earlier stands; null withdraws it.
        ...(reopenOffer !== undefined ? { reopenOffer } : {}),
      },
      added: result.added,
    };
  } catch (e) {
    // Nothing to record yet (a Page post nobody has commented on): said as such, not as an error.
    if (e instanceof NothingToRecordError) {
      return {
        patch: { brandId, conversationId: null, customerId: null, notRecordedReason: t('record.noCustomerYet'), storageError: null },
        added: [],
        ...(forcedBrandId ? { refused: 'no customer is visible in the conversation yet' } : {}),
      };
    }
    return { patch: { brandId, storageError: failureMessage(e) }, added: [] };
  }
}

/** Thrown inside the recording transaction: a promise is to be proposed, and `meta` is not in it. */
class NeedsMeta extends Error {}

/** The lifecycle step's transition was refused (not a storage failure): see recordAll. */
class LifecycleRefused extends Error {
  override readonly name = 'LifecycleRefused';
}

/**
 * The snapshot's messages, the promises they make and the case lifecycle they move, written in
 * ONE transaction: all of it or nothing. A write that fails (a full disk) takes the messages
 * with it, so the next reading of the page finds them new again and retries the promise and the
 * case step too; written separately, the messages would be stored, the next reading would add
 * nothing, and the promise or the case update would be lost for good.
 *
 * `meta` (the pending promises) is in the transaction only when a new message makes a promise:
 * a brand's search index saved there can hold it for long, and every page reading would wait
 * behind it. A reading that finds a promise without it is rolled back (NeedsMeta) and run again
 * with it, which happens once per promise. A transition the case repository refuses (a domain
 * error, not a storage failure) aborts the transaction it ran in — Dexie fails a transaction
 * whose sub-transaction failed — so it is run again without transitions: the messages and the
 * promises are kept. Each retry flips one flag: three runs at most.
 *
 * Only IndexedDB work is awaited in here (no fetch, timer or browser.* call): anything else
 * would let the transaction commit early.
 */
async function recordAll(
  db: CasesideDb,
  brandId: string,
  snapshot: ConversationSnapshot,
  now: number,
): Promise<{ result: CaptureResult; reopenOffer: TabState['reopenOffer'] | undefined }> {
  let withMeta = false;
  let transitions = true;
  for (;;) {
    const tables = [db.customers, db.conversations, db.messages, db.cases, db.followUps, ...(withMeta ? [db.meta] : [])];
    try {
      return await db.transaction('rw', tables, async () => {
        const result = await recordSnapshot(db, brandId, snapshot, now);
        const lastAt = (await db.conversations.get(result.conversationId))?.lastMessageAt ?? now;
        const proposed = proposeFollowUps(result.added, lastAt);
        if (proposed.length && !withMeta) throw new NeedsMeta();
        // Kept until the agent answers, wherever they go next (lib/db/repositories/promises.ts).
        // A promise belongs to whom the reply was to (on a Page post, the commenter it answers).
        const to = new Map(result.added.map((m) => [m.id, m.customerId]));
        await proposePromises(db, brandId, proposed.map((p) => ({ ...p, conversationId: result.conversationId, customerId: to.get(p.messageId) ?? result.customerId, proposedAt: now })));
        const reopenOffer = await followLifecycle(db, brandId, result.conversationId, result.added, lastAt, transitions);
        return { result, reopenOffer };
      });
    } catch (e) {
      if (e instanceof NeedsMeta && !withMeta) withMeta = true;
      else if (e instanceof LifecycleRefused && transitions) {
        console.warn('[caseside] case lifecycle step refused; recording without it', e.cause);
        transitions = false;
      } else throw e;
    }
  }
}

/**
 * What the agent is told when recording failed: a storage failure (or a refused write) by its
 * own message; anything else (a bug) as a recording failure, not as "an unexpected storage error"
 * that would send the agent to free space or export a backup for nothing.
 */
function failureMessage(e: unknown): string {
  if (isStorageFailure(e) || e instanceof ConflictError || e instanceof RecordNotFoundError) return toStorageError(e).message;
  console.warn('[caseside] recording failed', e);
  return t('record.failed');
}

/**
 * The agent tracks this conversation under `brandId`: remember it (the tracking row), unless the
 * page's account is that brand's own — read under it, the conversation is the brand's by its
 * account and its record, and a row would only make it that brand's under every other account
 * too (a personal one, where another brand may track the same public thread). A row another
 * existing brand holds is never overwritten: that brand's record of the conversation would
 * silently move to this one wherever the row applies. Returns that brand (refused), else null.
 * Read and written in one transaction, so two tabs tracking at once cannot both take the row.
 */
async function claimTracking(db: CasesideDb, snapshot: ConversationSnapshot, brandId: string): Promise<Brand | null> {
  const key = trackKey(snapshot.platform, snapshot.conversationId);
  return db.transaction('rw', db.brands, db.meta, async () => {
    const brands = await db.brands.toArray();
    if (brandForAgent(brands, snapshot.agent)?.id === brandId) return null;
    const held = (await db.meta.get(key))?.value;
    const holder = typeof held === 'string' && held !== brandId ? brands.find((b) => b.id === held) : undefined;
    if (holder) return holder;
    await db.meta.put({ key, value: brandId });
    return null;
  });
}

/**
 * Promises in the agent's newly captured outgoing messages become proposed follow-ups — unless
 * the conversation already went on past the promised time (old history captured while the
 * agent scrolls up a thread: what happened next is on the page). A promise with nothing after
 * it is proposed even when late: it may never have been kept.
 */
export type ProposedFollowUp = Pick<PendingPromise, 'messageId' | 'phrase' | 'dueAt' | 'reason'>;

export function proposeFollowUps(added: Message[], conversationLastAt: number): ProposedFollowUp[] {
  const out: ProposedFollowUp[] = [];
  for (const m of added) {
    if (m.direction !== 'out') continue;
    for (const p of detectPromises(m.text, new Date(m.sentAt))) {
      if (p.dueAt.getTime() <= conversationLastAt) continue;
      out.push({ messageId: m.id, phrase: p.phrase, dueAt: p.dueAt.getTime(), reason: t('promise.reason', { phrase: p.phrase }) });
    }
  }
  return out.slice(0, 50);
}

/**
 * The case lifecycle follows the conversation: the agent's reply puts the ball in the
 * customer's court, the customer's reply puts it back in ours, and a customer writing again on
 * a resolved case produces an offer to reopen it (never an automatic reopen): the case resolved
 * last, and none while another case on this conversation is still active (which also withdraws an
 * offer made before that case was opened). Undefined: nothing to change in the tab's offer.
 *
 * Only the conversation's latest message counts: older history captured while the agent scrolls
 * up a thread says nothing about whose turn it is now. The cases are those this conversation was
 * added to, also when a case was opened under a linked identity (the same person on the other
 * platform).
 */
async function followLifecycle(
  db: CasesideDb,
  brandId: string,
  conversationId: string,
  added: Message[],
  conversationLastAt: number,
  transitions = true,
): Promise<TabState['reopenOffer'] | undefined> {
  if (!added.length) return undefined;
  const newest = added.reduce((a, b) => (b.sentAt >= a.sentAt ? b : a));
  if (newest.sentAt < conversationLastAt) return undefined;
  const people = (await db.customers.bulkGet([...new Set(added.map((m) => m.customerId))])).filter(
    (c): c is NonNullable<typeof c> => !!c && c.brandId === brandId,
  );
  const customerIds = [...new Set(people.flatMap((c) => [c.id, ...(c.linkedCustomerIds ?? [])]))];
  const cases = (await anyOfRows(db.cases, 'customerId', customerIds)).filter(
    (c) => c.brandId === brandId && c.conversationIds.includes(conversationId),
  );
  // The message belongs to a case still going on here: no older resolved one is offered back
  // (reopening it would make two active cases on one conversation).
  const stillActive = cases.some((c) => c.status !== 'resolved');
  let offered: (typeof cases)[number] | null = null;
  for (const c of cases) {
    const action = newest.direction === 'out' ? onOutgoingMessage(c.status) : newest.direction === 'in' ? onInboundMessage(c.status) : { kind: 'none' as const };
    if (action.kind === 'transition') {
      if (!transitions) continue;
      // Read in this transaction, the revision is current: a refusal is not expected, and one
      // is not swallowed here (it has already doomed the transaction) but handed to recordAll.
      // Storage failures go on up: the agent is told, and the next reading retries everything.
      try {
        await transitionCase(db, brandId, c.id, action.to, c.revision);
      } catch (e) {
        if (e instanceof ConflictError || e instanceof CaseAlreadyActiveError || e instanceof RecordNotFoundError || e instanceof InvalidTransitionError) {
          throw new LifecycleRefused(`case ${c.id}: ${e.message}`, { cause: e });
        }
        throw e;
      }
    } else if (action.kind === 'offer-reopen' && !stillActive && newest.sentAt > (c.resolvedAt ?? 0)) {
      // Several resolved cases here: the one resolved last is what the customer writes about.
      if (!offered || (c.resolvedAt ?? 0) > (offered.resolvedAt ?? 0)) offered = c;
    }
  }
  if (offered) return { caseId: offered.id, reference: offered.reference };
  // A case is going on here now (opened since an earlier offer was made): that offer is withdrawn.
  return stillActive ? null : undefined;
}

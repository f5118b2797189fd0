/**
 * Cases. Every function names its brand; a case of another brand is treated as absent.
 * Writes are optimistic-concurrency checked: they carry the revision the agent was looking at
 * and are refused with a ConflictError when someone saved in between (two panels on one
 * case), so no update is silently lost. Storage failures surface as StorageWriteError.
 */
import { type ResolveOptions, proposeResolution, transitionPatch } from '../../cases/lifecycle';
import { allocateReference } from '../../cases/reference';
import { ConflictError, RecordNotFoundError, StorageWriteError, withStorageErrors } from '../errors';
import { t } from '../../i18n';
import { newId } from '../ids';
import { type Case, CaseSchema, type CaseStatus, type Conversation, type FollowUp, FollowUpSchema, type Priority } from '../records';
import type { CasesideDb } from '../schema';

export interface OpenCaseInput {
  brandId: string;
  customerId: string;
  conversationId?: string | null;
  title?: string;
  priority?: Priority;
  tags?: string[];
}

/** Fields an edit may change; status goes through transitionCase. */
export type CasePatch = Partial<Pick<Case, 'title' | 'priority' | 'tags' | 'conversationIds'>>;

async function ownCase(db: CasesideDb, brandId: string, id: string): Promise<Case> {
  const c = await db.cases.get(id);
  if (!c || c.brandId !== brandId) throw new RecordNotFoundError('case', id);
  return c;
}

/** The case, or undefined when absent or another brand's. */
export async function getCase(db: CasesideDb, brandId: string, id: string): Promise<Case | undefined> {
  const c = await db.cases.get(id);
  return c && c.brandId === brandId ? c : undefined;
}

/**
 * Opens a case with the brand's next reference, allocated in the same transaction. Refused with
 * CaseAlreadyActiveError when an active case of the brand already holds the conversation (another
 * customer record in a public thread, a second panel that has not caught up): one conversation
 * has one active case at a time.
 */
export async function openCase(db: CasesideDb, input: OpenCaseInput, now = Date.now()): Promise<Case> {
  return withStorageErrors(() =>
    db.transaction('rw', [db.cases, db.meta, db.brands, db.customers, db.conversations], async () => {
      const brand = await db.brands.get(input.brandId);
      if (!brand) throw new RecordNotFoundError('brand', input.brandId);
      const customer = await db.customers.get(input.customerId);
      if (!customer || customer.brandId !== input.brandId) throw new RecordNotFoundError('customer', input.customerId);
      if (input.conversationId) {
        const conv = await db.conversations.get(input.conversationId);
        if (!conv || conv.brandId !== input.brandId) throw new RecordNotFoundError('conversation', input.conversationId);
        // Read in this transaction: of two panels opening a case here at once, the second is refused.
        const other = await activeCaseOn(db, brand.id, [conv.id]);
        if (other) throw new CaseAlreadyActiveError('open', other);
      }
      const reference = await allocateReference(db, brand.id, brand.referencePrefix);
      const c = CaseSchema.parse({
        id: newId(),
        brandId: brand.id,
        customerId: customer.id,
        reference,
        title: input.title ?? '',
        status: 'open',
        priority: input.priority ?? 'normal',
        tags: input.tags ?? [],
        openedAt: now,
        updatedAt: now,
        resolvedAt: null,
        conversationIds: input.conversationId ? [input.conversationId] : [],
        revision: 0,
      } satisfies Case);
      await db.cases.add(c);
      return c;
    }),
  );
}

/** Read, check revision, write — in one transaction, so the check cannot go stale. */
async function writeChecked(
  db: CasesideDb,
  brandId: string,
  id: string,
  expectedRevision: number,
  change: (c: Case) => Partial<Case>,
): Promise<Case> {
  const current = await ownCase(db, brandId, id);
  if (current.revision !== expectedRevision) {
    throw new ConflictError('case', id, expectedRevision, current.revision);
  }
  const next = CaseSchema.parse({ ...current, ...change(current), revision: current.revision + 1 });
  await db.cases.put(next);
  return next;
}

/**
 * Edits title, priority, tags or linked conversations. Refused with ConflictError when the
 * stored revision is not `expectedRevision`, and with CaseAlreadyActiveError when an active case
 * gets a conversation another active case of the brand already holds (only conversations new to
 * it count: one it already has is never a refusal). Returns the stored case (revision + 1).
 */
export async function updateCase(
  db: CasesideDb,
  brandId: string,
  id: string,
  patch: CasePatch,
  expectedRevision: number,
  now = Date.now(),
): Promise<Case> {
  const clean: CasePatch = {};
  if (patch.title !== undefined) clean.title = patch.title;
  if (patch.priority !== undefined) clean.priority = patch.priority;
  if (patch.tags !== undefined) clean.tags = [...new Set(patch.tags)];
  if (patch.conversationIds !== undefined) clean.conversationIds = [...new Set(patch.conversationIds)];
  return withStorageErrors(() =>
    db.transaction('rw', db.cases, async () => {
      const current = await ownCase(db, brandId, id);
      // A stale revision is refused as a conflict by writeChecked: the agent was not looking at this case.
      if (clean.conversationIds && current.revision === expectedRevision && ACTIVE.includes(current.status)) {
        const added = clean.conversationIds.filter((c) => !current.conversationIds.includes(c));
        const other = await activeCaseOn(db, brandId, added, current.id);
        if (other) throw new CaseAlreadyActiveError('add-conversation', other, current);
      }
      return writeChecked(db, brandId, id, expectedRevision, () => ({ ...clean, updatedAt: now }));
    }),
  );
}

export interface TransitionOptions {
  /**
   * A follow-up created in the same transaction (e.g. the accepted "confirm it's fixed"), about
   * `conversationId` when the caller knows where the agent is talking to the customer now (the
   * panel's conversation), else (or when that one is not stored for the brand) about the case's
   * most recent conversation.
   */
  followUp?: { dueAt: number; reason: string; conversationId?: string | null };
}

/**
 * Where a case is going on now: of its conversations, the one with the latest message (a public
 * complaint moved to DMs: the DM), or null when it has none of this brand. Read inside the
 * caller's transaction when it has one (it must include `conversations`).
 */
export async function latestCaseConversation(db: CasesideDb, c: Pick<Case, 'brandId' | 'conversationIds'>): Promise<string | null> {
  if (!c.conversationIds.length) return null;
  return latestOf(await db.conversations.bulkGet(c.conversationIds), c.brandId)?.id ?? null;
}

/** Of these conversations (missing ones undefined), the brand's one with the latest message. */
export function latestOf<C extends Pick<Conversation, 'brandId' | 'lastMessageAt'>>(conversations: readonly (C | undefined)[], brandId: string): C | undefined {
  let best: C | undefined;
  for (const conv of conversations) {
    if (conv && conv.brandId === brandId && (!best || conv.lastMessageAt > best.lastMessageAt)) best = conv;
  }
  return best;
}

/** Statuses of a case still going on. */
const ACTIVE: CaseStatus[] = ['open', 'waiting-customer', 'waiting-us'];

/** What the one-active-case rule refused: reopening a case, opening one, adding a conversation to one. */
export type ActiveCaseRefusal = 'reopen' | 'open' | 'add-conversation';

/**
 * Refused because another case of the brand (`other`) is going on in the conversation, and one
 * conversation has one active case at a time: reopening a resolved case (`caseId`, `reference`)
 * with a conversation `other` holds, opening a case on a conversation `other` holds, or adding a
 * conversation `other` holds to the active case `caseId`. A save failure with a message for the
 * agent naming `other` (kind 'conflict'), so every panel that shows save errors tells what to do.
 */
export class CaseAlreadyActiveError extends StorageWriteError {
  /** The case reopened or given the conversation; null when opening a new case. */
  readonly caseId: string | null;
  readonly reference: string | null;
  constructor(
    readonly refused: ActiveCaseRefusal,
    readonly other: { id: string; reference: string },
    kase?: Pick<Case, 'id' | 'reference'>,
  ) {
    const vars = { ref: kase?.reference ?? '', other: other.reference };
    const message =
      refused === 'open' ? t('case.error.otherActiveOpen', vars) : refused === 'add-conversation' ? t('case.error.otherActiveAdd', vars) : t('case.error.otherActive', vars);
    super('conflict', { message });
    this.caseId = kase?.id ?? null;
    this.reference = kase?.reference ?? null;
  }
}

/**
 * Moves a case to another status (lifecycle rules; InvalidTransitionError when not allowed),
 * optionally creating a follow-up for it in the same transaction. Reopening a resolved case is
 * refused with CaseAlreadyActiveError while another active case of the brand holds one of its
 * conversations (an offer to reopen made before that case was opened, a second panel).
 */
export async function transitionCase(
  db: CasesideDb,
  brandId: string,
  id: string,
  to: CaseStatus,
  expectedRevision: number,
  opts: TransitionOptions = {},
  now = Date.now(),
): Promise<{ case: Case; followUp: FollowUp | null }> {
  return withStorageErrors(() =>
    db.transaction('rw', [db.cases, db.followUps, db.conversations], async () => {
      const current = await ownCase(db, brandId, id);
      // A stale revision is refused as a conflict by writeChecked: the agent was not looking at this case.
      if (current.revision === expectedRevision && current.status === 'resolved' && ACTIVE.includes(to)) {
        const other = await activeCaseOn(db, brandId, current.conversationIds, current.id);
        if (other) throw new CaseAlreadyActiveError('reopen', other, current);
      }
      const c = await writeChecked(db, brandId, id, expectedRevision, (cur) => transitionPatch(cur, to, now));
      let followUp: FollowUp | null = null;
      if (opts.followUp) {
        // The caller's conversation when it is stored for this brand (not erased meanwhile):
        // a reminder pointing at the case's latest conversation beats a refused resolve.
        const asked = opts.followUp.conversationId ? await db.conversations.get(opts.followUp.conversationId) : undefined;
        const conversationId = asked && asked.brandId === brandId ? asked.id : await latestCaseConversation(db, c);
        followUp = FollowUpSchema.parse({
          id: newId(),
          brandId,
          caseId: c.id,
          customerId: c.customerId,
          conversationId,
          dueAt: opts.followUp.dueAt,
          reason: opts.followUp.reason,
          source: 'manual',
          doneAt: null,
          notifiedAt: null,
          createdAt: now,
          updatedAt: now,
        } satisfies FollowUp);
        await db.followUps.add(followUp);
      }
      return { case: c, followUp };
    }),
  );
}

/**
 * An active case of the brand (other than `exceptId`) holding one of `conversationIds`, or
 * undefined. Read inside the caller's transaction (it must include `cases`), so the answer cannot
 * go stale before the caller's write.
 */
async function activeCaseOn(db: CasesideDb, brandId: string, conversationIds: readonly string[], exceptId?: string): Promise<Case | undefined> {
  if (!conversationIds.length) return undefined;
  const active = await db.cases.where('[brandId+status]').anyOf(ACTIVE.map((s) => [brandId, s])).toArray();
  return active.find((o) => o.id !== exceptId && o.brandId === brandId && o.conversationIds.some((id) => conversationIds.includes(id)));
}

/** What resolving would suggest (closing message, confirm follow-up), without writing. */
export async function previewResolution(
  db: CasesideDb,
  brandId: string,
  id: string,
  opts: ResolveOptions = {},
  now = Date.now(),
) {
  return proposeResolution(await ownCase(db, brandId, id), now, opts);
}

export type CaseFilter = 'open' | 'waiting' | 'overdue' | 'all';

export interface CaseListItem {
  case: Case;
  /** Earliest pending follow-up, if any. */
  nextDueAt: number | null;
  overdue: boolean;
  pendingFollowUps: number;
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * The brand's cases for a list, most urgent first: overdue (longest overdue first), then by
 * priority, then oldest first. Filters: 'open' every unresolved case (waiting ones included),
 * 'waiting' waiting on the customer or on us, 'overdue' any case (resolved too) with a follow-up past due,
 * 'all' everything including resolved.
 */
export async function listCases(
  db: CasesideDb,
  brandId: string,
  filter: CaseFilter,
  now = Date.now(),
): Promise<CaseListItem[]> {
  // 'overdue' includes resolved cases: a "confirm it's fixed" follow-up is due after resolving.
  const statuses: CaseStatus[] =
    filter === 'all' || filter === 'overdue' ? [...ACTIVE, 'resolved'] : filter === 'waiting' ? ['waiting-customer', 'waiting-us'] : ACTIVE;
  const [cases, followUps] = await db.transaction('r', db.cases, db.followUps, () =>
    Promise.all([
      db.cases.where('[brandId+status]').anyOf(statuses.map((s) => [brandId, s])).toArray(),
      db.followUps
        .where('[brandId+dueAt]')
        .between([brandId, -Infinity], [brandId, Infinity], true, true)
        .filter((f) => f.doneAt === null && f.caseId !== null)
        .toArray(),
    ]),
  );
  const pending = new Map<string, { next: number; count: number }>();
  for (const f of followUps) {
    const p = pending.get(f.caseId!) ?? { next: Infinity, count: 0 };
    pending.set(f.caseId!, { next: Math.min(p.next, f.dueAt), count: p.count + 1 });
  }
  const items = cases
    .filter((c) => c.brandId === brandId)
    .map((c): CaseListItem => {
      const p = pending.get(c.id);
      const nextDueAt = p ? p.next : null;
      return {
        case: c,
        nextDueAt,
        overdue: nextDueAt !== null && nextDueAt <= now,
        pendingFollowUps: p?.count ?? 0,
      };
    })
    .filter((i) => filter !== 'overdue' || i.overdue);
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.overdue && b.overdue ? a.nextDueAt! - b.nextDueAt! : 0) ||
      Number(a.case.status === 'resolved') - Number(b.case.status === 'resolved') ||
      PRIORITY_RANK[a.case.priority] - PRIORITY_RANK[b.case.priority] ||
      a.case.openedAt - b.case.openedAt,
  );
}

/** A customer's cases in this brand, newest first. */
export async function casesForCustomer(db: CasesideDb, brandId: string, customerId: string): Promise<Case[]> {
  const rows = await db.cases.where('customerId').equals(customerId).toArray();
  return rows.filter((c) => c.brandId === brandId).sort((a, b) => b.openedAt - a.openedAt);
}

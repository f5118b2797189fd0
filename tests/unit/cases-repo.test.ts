/**
 * Repositories for cases, notes and follow-ups on fake-indexeddb: brand isolation, optimistic
 * concurrency, one transaction per multi-table write, storage errors the agent can act on.
 * (Notes and follow-ups live here too, sharing the two-brand seed.)
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidTransitionError } from '../../lib/cases/lifecycle';
import { referenceCounterKey } from '../../lib/cases/reference';
import { agentMessage, ConflictError, failureText, readFailureReason, RecordNotFoundError, StorageWriteError, toStorageError } from '../../lib/db/errors';
import { setLocale } from '../../lib/i18n';
import type { Brand, Conversation, Customer } from '../../lib/db/records';
import {
  CaseAlreadyActiveError,
  casesForCustomer,
  getCase,
  listCases,
  openCase,
  previewResolution,
  transitionCase,
  updateCase,
} from '../../lib/db/repositories/cases';
import {
  addFollowUp,
  completeFollowUp,
  dueFollowUps,
  followUpsForCase,
  followUpsForCustomer,
  followUpsWithoutCase,
  markNotified,
  snoozeFollowUp,
} from '../../lib/db/repositories/follow-ups';
import { addNote, deleteNote, notesForCase, notesForCustomer, updateNote } from '../../lib/db/repositories/notes';
import { type CasesideDb, createDb } from '../../lib/db/schema';

const NOW = Date.parse('2026-03-10T14:00:00Z');
const H = 3_600_000;
let db: CasesideDb;

const brand = (id: string, prefix: string): Brand => ({
  id, name: id, referencePrefix: prefix, accounts: [], signature: '',
  tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
});
const customer = (id: string, brandId: string): Customer => ({
  id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [],
});
const conversation = (id: string, brandId: string, customerId: string): Conversation => ({
  id, brandId, customerId, platform: 'x', kind: 'x-dm', nativeId: id, url: `https://x.com/messages/${id}`, lastMessageAt: 0,
});

beforeEach(async () => {
  db = createDb('t-' + crypto.randomUUID());
  await db.brands.bulkAdd([brand('acme', 'ACME'), brand('tel', 'TEL')]);
  await db.customers.bulkAdd([customer('ana', 'acme'), customer('bo', 'acme'), customer('tel-ana', 'tel')]);
  await db.conversations.bulkAdd([conversation('conv-a', 'acme', 'ana'), conversation('conv-t', 'tel', 'tel-ana')]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('cases', () => {
  it('opens a case with a reference, defaults and its conversation', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a', title: 'Refund' }, NOW);
    expect(c).toMatchObject({
      reference: 'ACME-0001', status: 'open', priority: 'normal', title: 'Refund',
      conversationIds: ['conv-a'], revision: 0, openedAt: NOW, resolvedAt: null,
    });
    expect(await getCase(db, 'acme', c.id)).toEqual(c);
  });

  it('never shows a case under another brand, nor lets another brand change it', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    expect(await getCase(db, 'tel', c.id)).toBeUndefined();
    expect(await listCases(db, 'tel', 'all', NOW)).toEqual([]);
    expect(await casesForCustomer(db, 'tel', 'ana')).toEqual([]);
    await expect(updateCase(db, 'tel', c.id, { title: 'x' }, 0)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(transitionCase(db, 'tel', c.id, 'resolved', 0)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(previewResolution(db, 'tel', c.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    // Nor open a case for another brand's customer or conversation.
    await expect(openCase(db, { brandId: 'tel', customerId: 'ana' })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-t' })).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('updates with the current revision and refuses a stale one', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    const u1 = await updateCase(db, 'acme', c.id, { priority: 'high', tags: ['refund', 'refund'] }, 0, NOW + 1);
    expect(u1).toMatchObject({ priority: 'high', tags: ['refund'], revision: 1, updatedAt: NOW + 1 });
    const stale = updateCase(db, 'acme', c.id, { title: 'lost?' }, 0);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    expect((await getCase(db, 'acme', c.id))?.title).toBe('');
  });

  it('two panels saving the same case at once: one wins, the other gets a ConflictError, nothing is lost silently', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    const results = await Promise.allSettled([
      updateCase(db, 'acme', c.id, { title: 'From panel A' }, 0),
      updateCase(db, 'acme', c.id, { priority: 'urgent' }, 0),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(ConflictError);
    const stored = (await getCase(db, 'acme', c.id))!;
    expect(stored.revision).toBe(1);
    // The loser retries on the fresh revision and both changes are kept.
    const retried = await updateCase(db, 'acme', c.id, stored.title ? { priority: 'urgent' } : { title: 'From panel A' }, 1);
    expect(retried).toMatchObject({ title: 'From panel A', priority: 'urgent', revision: 2 });
  });

  it('transitions by the lifecycle rules and resolves with the confirm follow-up in one transaction', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    const preview = await previewResolution(db, 'acme', c.id, { language: 'en' }, NOW);
    const { case: resolved, followUp } = await transitionCase(db, 'acme', c.id, 'resolved', 0, { followUp: preview.followUp }, NOW);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: NOW, revision: 1 });
    expect(followUp).toMatchObject({ caseId: c.id, brandId: 'acme', conversationId: 'conv-a', dueAt: NOW + 72 * H });
    expect(await followUpsForCase(db, 'acme', c.id)).toHaveLength(1);
    await expect(transitionCase(db, 'acme', c.id, 'waiting-us', 1)).rejects.toBeInstanceOf(InvalidTransitionError);
    const reopened = await transitionCase(db, 'acme', c.id, 'open', 1, {}, NOW + H);
    expect(reopened.case).toMatchObject({ status: 'open', resolvedAt: null, revision: 2 });
  });

  it('refuses to reopen a case while another case of the brand is going on in one of its conversations', async () => {
    await db.conversations.put(conversation('conv-a2', 'acme', 'ana'));
    const old = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    await updateCase(db, 'acme', old.id, { conversationIds: ['conv-a2', 'conv-a'] }, 0);
    await transitionCase(db, 'acme', old.id, 'resolved', 1, {}, NOW);
    // Opened instead of reopening, by another customer record of the brand (a second identity).
    const other = await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-a' }, NOW + H);
    const refused = transitionCase(db, 'acme', old.id, 'open', 2, {}, NOW + 2 * H);
    await expect(refused).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    await expect(refused).rejects.toMatchObject({
      kind: 'conflict',
      message: `Could not save: case ${other.reference} is already going on in this conversation, so ${old.reference} was not reopened. Keep working in ${other.reference}, or resolve it first.`,
    });
    expect(toStorageError(await refused.catch((e: unknown) => e)).message).toContain(`case ${other.reference} is already going on`);
    expect(await getCase(db, 'acme', old.id)).toMatchObject({ status: 'resolved', revision: 2 });
    // In Spanish too.
    setLocale('es');
    try {
      await expect(transitionCase(db, 'acme', old.id, 'open', 2)).rejects.toThrow(`el caso ${other.reference} ya está en curso en esta conversación`);
    } finally {
      setLocale('en');
    }
    // A stale revision stays a conflict about this case.
    await expect(transitionCase(db, 'acme', old.id, 'open', 1)).rejects.toBeInstanceOf(ConflictError);

    // Waiting on either side is still going on; once the other case is resolved, reopening is allowed.
    const waiting = await transitionCase(db, 'acme', other.id, 'waiting-customer', 0);
    await expect(transitionCase(db, 'acme', old.id, 'open', 2)).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    await transitionCase(db, 'acme', other.id, 'resolved', waiting.case.revision);
    expect((await transitionCase(db, 'acme', old.id, 'open', 2)).case.status).toBe('open');
  });

  it("another brand's case, or an active case elsewhere, does not stop a reopen", async () => {
    await db.conversations.put(conversation('conv-b', 'acme', 'bo'));
    const old = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    await transitionCase(db, 'acme', old.id, 'resolved', 0, {}, NOW);
    await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-b' }, NOW);
    await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    await db.cases.put({ ...old, id: 'tel-case', brandId: 'tel', reference: 'TEL-0001', status: 'open', resolvedAt: null });
    expect((await transitionCase(db, 'acme', old.id, 'open', 1)).case.status).toBe('open');
    // Moving between active statuses is never refused, even beside another active case on the
    // conversation (stored before opening one there was refused).
    await db.cases.put({ ...old, id: 'bo-case', customerId: 'bo', reference: 'ACME-0009', status: 'open', resolvedAt: null });
    expect((await transitionCase(db, 'acme', old.id, 'waiting-us', 2)).case.status).toBe('waiting-us');
  });

  it('refuses to open a case on a conversation another active case of the brand holds, and says which (English, Spanish)', async () => {
    // Ana's case in a public thread Bo also writes in.
    const ana = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    const refused = openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-a' }, NOW + H);
    await expect(refused).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    await expect(refused).rejects.toMatchObject({
      kind: 'conflict',
      refused: 'open',
      caseId: null,
      other: { id: ana.id, reference: 'ACME-0001' },
      message: 'Could not save: case ACME-0001 is already going on in this conversation, so no new case was opened. Keep working in ACME-0001, or resolve it first.',
    });
    expect(toStorageError(await refused.catch((e: unknown) => e)).message).toContain('case ACME-0001 is already going on');
    // The same customer too (a second panel whose Case tab has not caught up), and while waiting.
    await transitionCase(db, 'acme', ana.id, 'waiting-customer', 0);
    await expect(openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' })).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    setLocale('es');
    try {
      await expect(openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-a' })).rejects.toThrow(
        'No se pudo guardar: el caso ACME-0001 ya está en curso en esta conversación, así que no se ha abierto un caso nuevo. Sigue trabajando en ACME-0001 o resuélvelo primero.',
      );
    } finally {
      setLocale('en');
    }
    // Nothing written, no reference used up.
    expect((await db.cases.toArray()).map((c) => c.reference)).toEqual(['ACME-0001']);
    expect((await openCase(db, { brandId: 'acme', customerId: 'bo' })).reference).toBe('ACME-0002');
  });

  it("opens a case beside another brand's case, a resolved case, or an active case on another conversation", async () => {
    await db.conversations.put(conversation('conv-b', 'acme', 'bo'));
    const old = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    await transitionCase(db, 'acme', old.id, 'resolved', 0, {}, NOW);
    await db.cases.put({ ...old, id: 'tel-case', brandId: 'tel', reference: 'TEL-0001', status: 'open', resolvedAt: null });
    const bo = await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-b' }, NOW);
    const next = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW + H);
    expect(next).toMatchObject({ reference: 'ACME-0003', status: 'open', conversationIds: ['conv-a'] });
    // Without a conversation, nothing to refuse.
    expect((await openCase(db, { brandId: 'acme', customerId: 'bo' })).conversationIds).toEqual([]);
    expect((await getCase(db, 'acme', bo.id))?.status).toBe('open');
  });

  it('two panels opening a case on one conversation at once: one opens it, the other is told', async () => {
    const results = await Promise.allSettled([
      openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }),
      openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-a' }),
    ]);
    const opened = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof openCase>>> => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(opened).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ refused: 'open', other: { id: opened[0]!.value.id } });
    expect(await db.cases.count()).toBe(1);
  });

  it("refuses to add a conversation another active case of the brand holds to an active case, and says which (English, Spanish)", async () => {
    await db.conversations.put(conversation('conv-b', 'acme', 'bo'));
    const ana = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    const bo = await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-b' }, NOW);
    const refused = updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 0, NOW + H);
    await expect(refused).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    await expect(refused).rejects.toMatchObject({
      kind: 'conflict',
      refused: 'add-conversation',
      caseId: bo.id,
      reference: 'ACME-0002',
      other: { id: ana.id, reference: 'ACME-0001' },
      message: 'Could not save: case ACME-0001 is already going on in this conversation, so the conversation was not added to ACME-0002. Keep working in ACME-0001, or resolve it first.',
    });
    // Waiting on either side is still going on.
    const waiting = await transitionCase(db, 'acme', ana.id, 'waiting-us', 0);
    await expect(updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 0)).rejects.toBeInstanceOf(CaseAlreadyActiveError);
    setLocale('es');
    try {
      await expect(updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 0)).rejects.toThrow(
        'No se pudo guardar: el caso ACME-0001 ya está en curso en esta conversación, así que la conversación no se ha añadido a ACME-0002. Sigue trabajando en ACME-0001 o resuélvelo primero.',
      );
    } finally {
      setLocale('en');
    }
    expect(await getCase(db, 'acme', bo.id)).toMatchObject({ conversationIds: ['conv-b'], revision: 0 });
    // A stale revision stays a conflict about this case.
    await db.cases.update(bo.id, { revision: 1 });
    await expect(updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 0)).rejects.toBeInstanceOf(ConflictError);
    // Once Ana's case is resolved, it can be added.
    await transitionCase(db, 'acme', ana.id, 'resolved', waiting.case.revision);
    expect((await updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 1)).conversationIds).toEqual(['conv-b', 'conv-a']);
  });

  it("adds a conversation beside another brand's case or a resolved case, and one the case already has stays as it is", async () => {
    await db.conversations.bulkPut([conversation('conv-b', 'acme', 'bo'), conversation('conv-c', 'acme', 'ana')]);
    const old = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    await transitionCase(db, 'acme', old.id, 'resolved', 0, {}, NOW);
    await db.cases.put({ ...old, id: 'tel-case', brandId: 'tel', reference: 'TEL-0001', status: 'open', resolvedAt: null, conversationIds: ['conv-c'] });
    const bo = await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-b' }, NOW);
    const added = await updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a', 'conv-c'] }, 0);
    expect(added).toMatchObject({ conversationIds: ['conv-b', 'conv-a', 'conv-c'], revision: 1 });
    // Another active case on one of its conversations (stored before that was refused): the case's
    // own conversations given again, or other fields, are never a refusal.
    await db.cases.put({ ...bo, id: 'legacy', reference: 'ACME-0009', conversationIds: ['conv-a'] });
    const again = await updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a', 'conv-a'], tags: ['refund'] }, 1);
    expect(again).toMatchObject({ conversationIds: ['conv-b', 'conv-a'], tags: ['refund'], revision: 2 });
    // A resolved case may be given a conversation an active case holds (reopening it is what is refused).
    const resolved = await updateCase(db, 'acme', old.id, { conversationIds: ['conv-a', 'conv-b'] }, 1);
    expect(resolved.conversationIds).toEqual(['conv-a', 'conv-b']);
    await expect(transitionCase(db, 'acme', old.id, 'open', 2)).rejects.toBeInstanceOf(CaseAlreadyActiveError);
  });

  it('opening a case and adding its conversation to another at once: one succeeds, the other is told', async () => {
    await db.conversations.put(conversation('conv-b', 'acme', 'bo'));
    const bo = await openCase(db, { brandId: 'acme', customerId: 'bo', conversationId: 'conv-b' }, NOW);
    const [opened, added] = await Promise.allSettled([
      openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }),
      updateCase(db, 'acme', bo.id, { conversationIds: ['conv-b', 'conv-a'] }, 0),
    ]);
    expect([opened.status, added.status].sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = [opened, added].find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(CaseAlreadyActiveError);
    const holding = (await db.cases.toArray()).filter((c) => c.status !== 'resolved' && c.conversationIds.includes('conv-a'));
    expect(holding).toHaveLength(1);
  });

  it("ties the confirm follow-up to the case's latest conversation, or to the one the caller names", async () => {
    await db.conversations.bulkPut([
      { ...conversation('conv-a', 'acme', 'ana'), kind: 'x-thread', lastMessageAt: 100 },
      { ...conversation('conv-dm', 'acme', 'ana'), lastMessageAt: 200 },
      { ...conversation('conv-old', 'acme', 'ana'), lastMessageAt: 50 },
    ]);
    const resolveWith = async (followUp: { dueAt: number; reason: string; conversationId?: string | null }) => {
      const c = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
      const moved = await updateCase(db, 'acme', c.id, { conversationIds: ['conv-a', 'conv-dm', 'conv-old'] }, 0, NOW);
      return (await transitionCase(db, 'acme', c.id, 'resolved', moved.revision, { followUp }, NOW)).followUp!;
    };
    // Opened on the public thread, went on in the DM: the reminder opens the DM.
    expect((await resolveWith({ dueAt: NOW + H, reason: 'r' })).conversationId).toBe('conv-dm');
    // The panel resolving from a conversation names it.
    expect((await resolveWith({ dueAt: NOW + H, reason: 'r', conversationId: 'conv-old' })).conversationId).toBe('conv-old');
    // One not stored for this brand (another brand's, or erased meanwhile) does not refuse the resolve.
    expect((await resolveWith({ dueAt: NOW + H, reason: 'r', conversationId: 'conv-t' })).conversationId).toBe('conv-dm');
    expect((await resolveWith({ dueAt: NOW + H, reason: 'r', conversationId: 'gone' })).conversationId).toBe('conv-dm');
  });

  it('writes neither the status nor the follow-up when the follow-up cannot be stored', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    vi.spyOn(db.followUps, 'add').mockImplementation(() =>
      Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never,
    );
    const write = transitionCase(db, 'acme', c.id, 'resolved', 0, { followUp: { dueAt: NOW + H, reason: 'r' } }, NOW);
    await expect(write).rejects.toMatchObject({ name: 'StorageWriteError', kind: 'quota' });
    expect((await getCase(db, 'acme', c.id))?.status).toBe('open');
  });

  it('lists by urgency: overdue first, then priority, then age; filters open / waiting / overdue / all', async () => {
    const open = (title: string, priority: 'low' | 'normal' | 'high' | 'urgent', at: number) =>
      openCase(db, { brandId: 'acme', customerId: 'ana', title, priority }, at);
    const oldLow = await open('old low', 'low', NOW - 10 * H);
    const newUrgent = await open('new urgent', 'urgent', NOW - H);
    const oldNormal = await open('old normal', 'normal', NOW - 20 * H);
    const overdueLow = await open('overdue low', 'low', NOW - 2 * H);
    const waiting = await open('waiting', 'high', NOW - 3 * H);
    const done = await open('done', 'urgent', NOW - 30 * H);
    await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: overdueLow.id, dueAt: NOW - 30 * 60_000, reason: 'late' });
    await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: oldNormal.id, dueAt: NOW + H, reason: 'later' });
    await transitionCase(db, 'acme', waiting.id, 'waiting-customer', 0);
    await transitionCase(db, 'acme', done.id, 'resolved', 0);
    // Another brand's overdue follow-up must not mark anything here.
    await openCase(db, { brandId: 'tel', customerId: 'tel-ana' }, NOW);

    const titles = async (f: 'open' | 'waiting' | 'overdue' | 'all') => (await listCases(db, 'acme', f, NOW)).map((i) => i.case.title);
    expect(await titles('open')).toEqual(['overdue low', 'new urgent', 'waiting', 'old normal', 'old low']);
    expect(await titles('waiting')).toEqual(['waiting']);
    expect(await titles('overdue')).toEqual(['overdue low']);
    expect(await titles('all')).toEqual(['overdue low', 'new urgent', 'waiting', 'old normal', 'old low', 'done']);
    const [first] = await listCases(db, 'acme', 'overdue', NOW);
    expect(first).toMatchObject({ overdue: true, nextDueAt: NOW - 30 * 60_000, pendingFollowUps: 1 });
    // Completing the follow-up takes the case off the overdue list.
    const [f] = await followUpsForCase(db, 'acme', overdueLow.id);
    await completeFollowUp(db, 'acme', f!.id, NOW);
    expect(await titles('overdue')).toEqual([]);
    void oldLow;
    void newUrgent;
  });

  it("lists everything the badge counts as overdue: a resolved case's confirm follow-up, and follow-ups with no case", async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana', title: 'fixed' }, NOW - 5 * H);
    // Resolving schedules "confirm it's fixed", now past due.
    await transitionCase(db, 'acme', c.id, 'resolved', 0, { followUp: { dueAt: NOW - H, reason: 'confirm' } }, NOW - 4 * H);
    expect((await listCases(db, 'acme', 'overdue', NOW)).map((i) => [i.case.title, i.overdue])).toEqual([['fixed', true]]);
    expect(await listCases(db, 'acme', 'open', NOW)).toEqual([]);
    // A promise accepted while no case was open; one done; one of another brand.
    const loose = await addFollowUp(db, { brandId: 'acme', customerId: 'bo', caseId: null, dueAt: NOW - 2 * H, reason: 'call back' }, NOW - 3 * H);
    const later = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: null, dueAt: NOW + H, reason: 'later' }, NOW - 3 * H);
    const done = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: null, dueAt: NOW - H, reason: 'done' }, NOW - 3 * H);
    await completeFollowUp(db, 'acme', done.id, NOW);
    await addFollowUp(db, { brandId: 'tel', customerId: 'tel-ana', caseId: null, dueAt: NOW - H, reason: 'theirs' }, NOW - 3 * H);
    expect((await followUpsWithoutCase(db, 'acme')).map((f) => f.id)).toEqual([loose.id, later.id]);
    // Together with the case's follow-up, that is what is due for the badge in this brand.
    const due = (await dueFollowUps(db, NOW)).filter((f) => f.brandId === 'acme');
    expect(due.map((f) => f.reason).sort()).toEqual(['call back', 'confirm']);
  });

  it('reports a full disk as a StorageWriteError and leaves the reference counter alone', async () => {
    vi.spyOn(db.cases, 'add').mockImplementation(() =>
      Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never,
    );
    const err = await openCase(db, { brandId: 'acme', customerId: 'ana' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageWriteError);
    expect((err as StorageWriteError).message).toBe(
      "Could not save: your browser's storage for Caseside is full. Export a backup and free space, then try again.",
    );
    expect(await db.meta.get(referenceCounterKey('acme'))).toBeUndefined();
  });

  it('reports a closed database as a StorageWriteError', async () => {
    db.close();
    await expect(openCase(db, { brandId: 'acme', customerId: 'ana' })).rejects.toMatchObject({ name: 'StorageWriteError', kind: 'closed' });
  });
});

describe('toStorageError', () => {
  it('names the cause for the agent, looking through Dexie wrappers', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError')).kind).toBe('quota');
    expect(toStorageError(new Dexie.AbortError('aborted', new DOMException('x', 'QuotaExceededError'))).kind).toBe('quota');
    // A bulkPut that hit a full disk: the cause is among the BulkError's failures.
    expect(toStorageError(new Dexie.BulkError('3 of 500 operations failed', { 7: new Dexie.AbortError('aborted', new DOMException('x', 'QuotaExceededError')) })).kind).toBe('quota');
    expect(toStorageError(new Dexie.ModifyError('modify failed', [new DOMException('x', 'QuotaExceededError')], 0, [])).kind).toBe('quota');
    expect(toStorageError(new Dexie.DatabaseClosedError()).kind).toBe('closed');
    expect(toStorageError(new Dexie.VersionError('v')).kind).toBe('upgrade');
    expect(toStorageError(new Dexie.MissingAPIError('no idb')).kind).toBe('unavailable');
    expect(toStorageError(new Dexie.ConstraintError('dup')).kind).toBe('constraint');
  });
  it('keeps the message of a conflict and wraps anything else as unknown with its cause', () => {
    const conflict = toStorageError(new ConflictError('case', 'c1', 0, 1));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toMatch(/changed elsewhere/);
    const bug = new TypeError('oops');
    const wrapped = toStorageError(bug);
    expect(wrapped).toMatchObject({ kind: 'unknown', cause: bug });
    expect(toStorageError(wrapped)).toBe(wrapped);
  });
});

describe('agentMessage / failureText', () => {
  const quota = () => new Dexie.AbortError('aborted', new DOMException('disk full', 'QuotaExceededError'));
  afterEach(() => setLocale('en'));

  it('says storage failures and domain errors in the interface language, never in the browser\'s words', () => {
    expect(agentMessage(quota(), 'fallback')).toBe("Could not save: your browser's storage for Caseside is full. Export a backup and free space, then try again.");
    expect(agentMessage(new RecordNotFoundError('note', 'n1'), 'fallback')).toBe('Could not save: the note was not found (it may have been deleted).');
    setLocale('es');
    expect(agentMessage(quota(), 'x')).toMatch(/^No se pudo guardar: el almacenamiento del navegador para Caseside está lleno/);
    expect(agentMessage(new ConflictError('case', 'c1', 0, 1), 'x')).toBe(
      'No se pudo guardar: este caso se cambió en otro sitio (otro panel o pestaña) mientras lo editabas. Vuelve a cargarlo y aplica tu cambio de nuevo.',
    );
    expect(agentMessage(new RecordNotFoundError('follow-up', 'f1'), 'x')).toBe('No se pudo guardar: no se encontró el seguimiento (puede que se haya borrado).');
    for (const e of [quota(), new ConflictError('case', 'c1', 0, 1), new RecordNotFoundError('customer', 'c')]) expect(agentMessage(e, 'x')).not.toMatch(/disk full|changed elsewhere|was not found/);
  });

  it('says why a read failed in the interface language', () => {
    expect(readFailureReason(new Dexie.DatabaseClosedError())).toBe('the database was closed or is being upgraded; reload the panel');
    expect(readFailureReason(new Dexie.MissingAPIError('no idb'))).toBe('browser storage is not available here');
    expect(readFailureReason(new TypeError('x is undefined'))).toBe('an unexpected storage error');
    setLocale('es');
    expect(readFailureReason(new Dexie.DatabaseClosedError())).toBe('la base de datos se cerró o se está actualizando; recarga el panel');
  });

  it('keeps a refusal\'s own message, wraps it in the caller\'s words, and never wraps a storage failure twice', () => {
    const wrap = (reason: string) => `Could not save the template: ${reason}`;
    expect(agentMessage(new Error('Title: required'), 'fallback')).toBe('Title: required');
    expect(agentMessage('a string', 'fallback')).toBe('fallback');
    expect(failureText(new Error('Title: required'), wrap, 'fallback')).toBe('Could not save the template: Title: required');
    expect(failureText(null, wrap, 'fallback')).toBe('Could not save the template: fallback');
    expect(failureText(quota(), wrap, 'fallback')).toBe("Could not save: your browser's storage for Caseside is full. Export a backup and free space, then try again.");
  });
});

describe('notes', () => {
  it('masks personal data by default and says what it masked', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    const { note, masked } = await addNote(db, {
      brandId: 'acme', customerId: 'ana', caseId: c.id,
      body: 'Card 4242 4242 4242 4242, mail ana@example.com, order #4532015112830366',
    }, NOW);
    expect(note.body).toBe('Card •••• •••• •••• 4242, mail a•••@example.com, order #4532015112830366');
    expect(masked).toEqual([{ kind: 'card', count: 1 }, { kind: 'email', count: 1 }]);
    expect((await db.notes.get(note.id))?.body).toBe(note.body);
  });

  it('keeps personal data when the agent chooses, all of it or some kinds', async () => {
    const body = 'ana@example.com 4242424242424242';
    const all = await addNote(db, { brandId: 'acme', customerId: 'ana', body, keepPii: true });
    expect(all.note.body).toBe(body);
    const some = await addNote(db, { brandId: 'acme', customerId: 'ana', body, keepPii: new Set(['email'] as const) });
    expect(some.note.body).toBe('ana@example.com •••• •••• •••• 4242');
  });

  it('updates (masking again) and deletes, only within the brand', async () => {
    const { note } = await addNote(db, { brandId: 'acme', customerId: 'ana', body: 'first' }, NOW);
    const updated = await updateNote(db, 'acme', note.id, 'call +34 612 34 56 78', {}, NOW + 5);
    expect(updated.note).toMatchObject({ body: 'call +•• ••• •• •• 78', updatedAt: NOW + 5, createdAt: NOW });
    await expect(updateNote(db, 'tel', note.id, 'hijack')).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(deleteNote(db, 'tel', note.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await notesForCustomer(db, 'tel', 'ana')).toEqual([]);
    await deleteNote(db, 'acme', note.id);
    expect(await notesForCustomer(db, 'acme', 'ana')).toEqual([]);
  });

  it('refuses a note on another brand\'s customer or on a case of another customer', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    await expect(addNote(db, { brandId: 'tel', customerId: 'ana', body: 'x' })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(addNote(db, { brandId: 'acme', customerId: 'bo', caseId: c.id, body: 'x' })).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.notes.count()).toBe(0);
  });

  it('lists a case\'s notes and all of a customer\'s notes, newest first', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana' }, NOW);
    await addNote(db, { brandId: 'acme', customerId: 'ana', caseId: c.id, body: 'on case' }, NOW);
    await addNote(db, { brandId: 'acme', customerId: 'ana', body: 'on customer' }, NOW + 1);
    expect((await notesForCase(db, 'acme', c.id)).map((n) => n.body)).toEqual(['on case']);
    expect((await notesForCustomer(db, 'acme', 'ana')).map((n) => n.body)).toEqual(['on customer', 'on case']);
  });
});

describe('follow-ups', () => {
  it('adds a follow-up, taking the case\'s conversation for the reminder click', async () => {
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    const f = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: c.id, dueAt: NOW + H, reason: 'Promised: call back', source: 'promise' }, NOW);
    expect(f).toMatchObject({ conversationId: 'conv-a', source: 'promise', doneAt: null, notifiedAt: null, createdAt: NOW });
  });

  it("a follow-up on a case that moved to another conversation reminds about the latest one", async () => {
    await db.conversations.bulkPut([{ ...conversation('conv-a', 'acme', 'ana'), lastMessageAt: 100 }, { ...conversation('conv-dm', 'acme', 'ana'), lastMessageAt: 200 }]);
    const c = await openCase(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-a' }, NOW);
    await updateCase(db, 'acme', c.id, { conversationIds: ['conv-a', 'conv-dm'] }, 0, NOW);
    const f = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: c.id, dueAt: NOW + H, reason: 'call back' }, NOW);
    expect(f.conversationId).toBe('conv-dm');
    // A conversation the caller names is kept.
    const named = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', caseId: c.id, conversationId: 'conv-a', dueAt: NOW + H, reason: 'call back' }, NOW);
    expect(named.conversationId).toBe('conv-a');
  });

  it('refuses cross-brand links and hides follow-ups from other brands', async () => {
    await expect(addFollowUp(db, { brandId: 'tel', customerId: 'ana', dueAt: NOW, reason: 'x' })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(
      addFollowUp(db, { brandId: 'acme', customerId: 'ana', conversationId: 'conv-t', dueAt: NOW, reason: 'x' }),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
    const f = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', dueAt: NOW, reason: 'x' });
    expect(await followUpsForCustomer(db, 'tel', 'ana')).toEqual([]);
    await expect(completeFollowUp(db, 'tel', f.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(snoozeFollowUp(db, 'tel', f.id, NOW + H, NOW)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('finds due follow-ups across brands for the reminder alarm, and notifies each once', async () => {
    const a = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', dueAt: NOW - H, reason: 'a' });
    const t = await addFollowUp(db, { brandId: 'tel', customerId: 'tel-ana', dueAt: NOW - 2 * H, reason: 't' });
    await addFollowUp(db, { brandId: 'acme', customerId: 'bo', dueAt: NOW + H, reason: 'later' });
    expect((await dueFollowUps(db, NOW)).map((f) => f.id)).toEqual([t.id, a.id]);
    await markNotified(db, a.id, NOW);
    await markNotified(db, a.id, NOW + 5); // second call keeps the first time
    const due = await dueFollowUps(db, NOW);
    expect(due.find((f) => f.id === a.id)?.notifiedAt).toBe(NOW);
    expect(due.filter((f) => f.notifiedAt === null).map((f) => f.id)).toEqual([t.id]);
  });

  it('completes (idempotently) and snoozes, which re-arms the reminder', async () => {
    const f = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', dueAt: NOW - H, reason: 'a' });
    await markNotified(db, f.id, NOW);
    const snoozed = await snoozeFollowUp(db, 'acme', f.id, new Date(NOW + 2 * H), NOW);
    expect(snoozed).toMatchObject({ dueAt: NOW + 2 * H, notifiedAt: null });
    expect(await dueFollowUps(db, NOW)).toEqual([]);
    await expect(snoozeFollowUp(db, 'acme', f.id, NOW - 1, NOW)).rejects.toThrow(/later time/);
    const done = await completeFollowUp(db, 'acme', f.id, NOW + 3 * H);
    expect((await completeFollowUp(db, 'acme', f.id, NOW + 9 * H)).doneAt).toBe(done.doneAt);
    expect(await dueFollowUps(db, NOW + 10 * H)).toEqual([]);
    expect(await followUpsForCustomer(db, 'acme', 'ana')).toEqual([]);
    expect(await followUpsForCustomer(db, 'acme', 'ana', { includeDone: true })).toHaveLength(1);
  });

  it('a follow-up snoozed while its reminder was being shown still reminds at the snoozed time', async () => {
    const f = await addFollowUp(db, { brandId: 'acme', customerId: 'ana', dueAt: NOW - H, reason: 'a' });
    // The alarm read it as due; before it recorded the notification, the agent snoozed it.
    expect((await dueFollowUps(db, NOW)).map((x) => x.id)).toEqual([f.id]);
    await snoozeFollowUp(db, 'acme', f.id, NOW + 2 * H, NOW);
    await markNotified(db, f.id, NOW);
    expect((await dueFollowUps(db, NOW + 2 * H)).filter((x) => x.notifiedAt === null).map((x) => x.id)).toEqual([f.id]);
  });
});

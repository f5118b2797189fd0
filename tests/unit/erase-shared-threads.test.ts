/**
 * Erasing a customer whose conversation other people wrote in (a public thread they started,
 * with replies from others): everything of the erased person goes, and nothing of the others is
 * left pointing at a record that is gone. Their messages stay in their own history, so the
 * conversation they were written in stays too, as a record of theirs without anything of the
 * erased person (no name, handle, user id, text, and no link that names them).
 */
import { describe, expect, it } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { recordSnapshot } from '../../lib/db/capture';
import { openCase } from '../../lib/db/repositories/cases';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { linkCustomers, loadCustomerView, loadTimeline } from '../../lib/panel/queries';
import { eraseCustomer, planEraseCustomer } from '../../lib/db/retention';
import { trackKey } from '../../lib/brands/resolve';
import { TABLE_NAMES } from '../../lib/import-export/backup-schema';
import type { ConversationSnapshot, Person } from '../../lib/platforms/snapshot';

const B = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const T0 = Date.UTC(2026, 2, 1, 10);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ADA: Person = { handle: 'ada_travels', displayName: 'Ada Lovelace', userId: '1000000001' };
const BO: Person = { handle: 'bo_commutes', displayName: 'Bo Sample' };
const ACME: Person = { handle: 'acme_support', displayName: 'Acme' };

async function withBrand(): Promise<CasesideDb> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({ id: B, name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  return db;
}

/** Ada's public thread: her tweet, the brand's answer, Bo's reply and the brand's answer to Bo. */
const adasThread = (): ConversationSnapshot => ({
  platform: 'x',
  kind: 'x-thread',
  conversationId: '500',
  url: 'https://x.com/ada_travels/status/500',
  state: 'ok',
  agent: { platform: 'x', handle: 'acme_support' },
  customer: ADA,
  messages: [
    { id: '500', author: ADA, text: 'My train was cancelled, Lovelace family of four stranded', sentAt: iso(T0), direction: 'in', focused: true },
    { id: '501', author: ACME, text: 'Sorry to hear that, please DM us', sentAt: iso(T0 + MIN), direction: 'out', inReplyTo: '500' },
    { id: '502', author: BO, text: 'Same here on the 8:15', sentAt: iso(T0 + 2 * MIN), direction: 'in', inReplyTo: '500', permalink: 'https://x.com/bo_commutes/status/502' },
    { id: '503', author: ACME, text: 'Bo, the 8:15 runs again from 9:00', sentAt: iso(T0 + 3 * MIN), direction: 'out', inReplyTo: '502' },
  ],
});

async function everything(db: CasesideDb): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const t of TABLE_NAMES) out[t] = (await db.table(t).toArray()) as Array<Record<string, unknown>>;
  return out;
}

/** Every reference to a conversation or customer resolves to a stored row. */
async function orphans(db: CasesideDb): Promise<string[]> {
  const all = await everything(db);
  const conversations = new Set(all.conversations!.map((c) => c.id));
  const customers = new Set(all.customers!.map((c) => c.id));
  const out: string[] = [];
  for (const m of all.messages!) {
    if (!conversations.has(m.conversationId)) out.push(`message ${String(m.id)} → conversation ${String(m.conversationId)}`);
    if (!customers.has(m.customerId)) out.push(`message ${String(m.id)} → customer ${String(m.customerId)}`);
  }
  for (const c of all.conversations!) if (!customers.has(c.customerId)) out.push(`conversation ${String(c.id)} → customer ${String(c.customerId)}`);
  for (const c of all.cases!) for (const id of c.conversationIds as string[]) if (!conversations.has(id)) out.push(`case ${String(c.id)} → conversation ${id}`);
  for (const f of all.followUps!) if (f.conversationId !== null && !conversations.has(f.conversationId)) out.push(`follow-up ${String(f.id)} → conversation ${String(f.conversationId)}`);
  for (const c of all.customers!) for (const id of (c.linkedCustomerIds as string[]) ?? []) if (!customers.has(id)) out.push(`customer ${String(c.id)} → linked ${id}`);
  return out;
}

describe('eraseCustomer in a thread others wrote in', () => {
  it("erases everything of the person and keeps the others' messages in a conversation of theirs", async () => {
    const db = await withBrand();
    const { conversationId, customerId: ada } = await recordSnapshot(db, B, adasThread(), T0 + 5 * MIN);
    const bo = (await db.messages.get(`${B}/x:m:502`))!.customerId;
    expect(bo).not.toBe(ada);
    // Bo's case and follow-up point to the thread his reply is in.
    const boCase = await openCase(db, { brandId: B, customerId: bo, conversationId, title: 'Delayed' }, T0 + 5 * MIN);
    await addFollowUp(db, { brandId: B, customerId: bo, caseId: boCase.id, conversationId, dueAt: T0 + 60 * MIN, reason: 'Check the 9:00' }, T0 + 5 * MIN);

    const counts = await planEraseCustomer(db, ada);
    // Ada's tweet and the brand's answer to her; the conversation stays (Bo's records are in it).
    expect(counts).toMatchObject({ customers: 1, messages: 2, conversations: 0 });
    expect(await eraseCustomer(db, ada)).toEqual(counts);

    expect(await orphans(db)).toEqual([]);
    const text = JSON.stringify(await everything(db));
    for (const trace of [ada, 'ada_travels', 'Ada Lovelace', '1000000001', 'Lovelace family', 'please DM us']) expect(text).not.toContain(trace);

    // Bo's history still holds his reply and the brand's answer to him, under a conversation he owns now.
    const conversation = (await db.conversations.get(conversationId))!;
    expect(conversation.customerId).toBe(bo);
    expect(conversation.url).toBe('https://x.com/i/status/500');
    expect(conversation.lastMessageAt).toBe(T0 + 3 * MIN);
    expect((await loadTimeline(db, B, [bo])).map((m) => m.nativeId)).toEqual(['502', '503']);
    // The History tab finds the conversation of each message (its header, with the link back).
    const view = (await loadCustomerView(db, B, bo))!;
    expect(view.conversations.map((c) => c.id)).toEqual([conversationId]);
    expect(view.openCase?.conversationIds).toEqual([conversationId]);
  });

  it('still deletes a conversation nobody else needs, with its tracking', async () => {
    const db = await withBrand();
    const snapshot = { ...adasThread(), messages: adasThread().messages.slice(0, 2) };
    const { conversationId, customerId: ada } = await recordSnapshot(db, B, snapshot, T0 + 5 * MIN);
    await db.meta.put({ key: trackKey('x', '500'), value: B });
    await db.meta.put({ key: trackKey('x', '999'), value: B }); // another conversation's tracking
    expect(await eraseCustomer(db, ada)).toMatchObject({ customers: 1, conversations: 1, messages: 2 });
    expect(await db.conversations.get(conversationId)).toBeUndefined();
    expect(await db.meta.get(trackKey('x', '500'))).toBeUndefined();
    expect(await db.meta.get(trackKey('x', '999'))).toBeDefined();
    expect(await orphans(db)).toEqual([]);
  });

  it('takes the erased record out of the links of the records linked to it', async () => {
    const db = await withBrand();
    const { customerId: ada } = await recordSnapshot(db, B, { ...adasThread(), messages: adasThread().messages.slice(0, 1) }, T0);
    const fb = await recordSnapshot(
      db,
      B,
      { platform: 'facebook', kind: 'fb-messenger', conversationId: 't_1', url: 'https://www.facebook.com/messages/t/1', state: 'ok', agent: null, customer: { handle: 'ada.fb', displayName: 'Ada L.' }, messages: [{ id: 'f1', author: { handle: 'ada.fb' }, text: 'hi', sentAt: iso(T0), direction: 'in' }] },
      T0,
    );
    await linkCustomers(db, ada, fb.customerId);
    await eraseCustomer(db, ada);
    expect((await db.customers.get(fb.customerId))!.linkedCustomerIds).toEqual([]);
    expect(await orphans(db)).toEqual([]);
  });
  it("files the thread under the person who started it again when it is read after the erasure, not under the replier", async () => {
    const db = await withBrand();
    const { conversationId, customerId: ada } = await recordSnapshot(db, B, adasThread(), T0 + 5 * MIN);
    const bo = (await db.messages.get(`${B}/x:m:502`))!.customerId;
    await eraseCustomer(db, ada);
    expect((await db.conversations.get(conversationId))!.customerId).toBe(bo);
    const again = await recordSnapshot(db, B, adasThread(), T0 + 60 * MIN);
    const ada2 = (await db.messages.get(`${B}/x:m:500`))!.customerId;
    expect(ada2).not.toBe(bo);
    expect(again.customerId).toBe(ada2);
    const stored = (await db.conversations.get(conversationId))!;
    expect({ owner: stored.customerId, url: stored.url, inherited: stored.inherited }).toEqual({ owner: ada2, url: 'https://x.com/ada_travels/status/500', inherited: undefined });
    // Bo's reply stays his.
    expect((await db.messages.get(`${B}/x:m:502`))!.customerId).toBe(bo);
    expect(await orphans(db)).toEqual([]);
  });
});

/**
 * Retention, erasure and brand wipe (issue 7, part 5). Each operation runs in one read-write
 * transaction, and each destructive one has a `plan…` twin that counts without writing, so the
 * options page can show what will go before the user confirms.
 *
 * Everything is found through indexes on brandId / customerId / caseId (STORES); nothing of
 * another brand or customer is read for deletion (tests/unit/retention.test.ts proves it).
 */
import Dexie from 'dexie';
import type { CasesideDb } from './schema';
import type { Conversation, Customer, Message } from './records';
import { forgetPromises, pendingPromises } from './repositories/promises';
import { forgetIncidentMarks } from './repositories/incidents';
import { historyIndexKey, metaBelongsToBrand } from './ids';
import { trackKey } from '../brands/resolve';
import { isHttpsUrl } from '../https-url';

// Lives next to the keys (lib/db/ids.ts), so the backup schema can use it without Dexie.
export { metaBelongsToBrand };

/** Keys of the brand's meta rows (the meta table is small: a scan is fine). */
export async function brandMetaKeys(db: CasesideDb, brandId: string): Promise<string[]> {
  const rows = await db.meta.toArray();
  return rows.filter((r) => metaBelongsToBrand(r, brandId)).map((r) => r.key);
}

const ALL = (db: CasesideDb) => [
  db.brands, db.customers, db.conversations, db.messages, db.cases,
  db.notes, db.followUps, db.templates, db.kbArticles, db.meta,
];
const firstPartRange = (b: string) => [[b, Dexie.minKey], [b, Dexie.maxKey]] as const;

/**
 * The start of the retention window: `now` minus whole calendar months (UTC), same time of day.
 * The day is clamped to the target month's last day (31 March − 1 month = 28/29 February, not
 * "31 February" = 3 March), so the cutoff never jumps past days still inside the window and never
 * moves backwards from one day to the next.
 */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1); // no overflow while the month moves
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

export type PruneResult = { messages: number; conversations: number; customers: number; cutoff: number | null };

/**
 * A customer is kept while anything still refers to them, or while they hold what the agent gave
 * them: a link to another identity ("the same person") or a tag. Deleting a linked customer would
 * leave the other identity linked to a missing id, and the next capture would make a new, unlinked
 * customer with the tags gone; the record itself holds no message text.
 */
async function customerStillReferenced(db: CasesideDb, customer: Customer): Promise<boolean> {
  if (customer.linkedCustomerIds?.length || customer.tags?.length) return true;
  const customerId = customer.id;
  const [c0, c1] = firstPartRange(customerId);
  const counts = await Promise.all([
    db.messages.where('[customerId+sentAt]').between(c0, c1, true, true).count(),
    db.conversations.where('customerId').equals(customerId).count(),
    db.cases.where('customerId').equals(customerId).count(),
    db.notes.where('customerId').equals(customerId).count(),
    db.followUps.where('customerId').equals(customerId).count(),
    db.kbArticles.where('customerId').equals(customerId).count(),
  ]);
  return counts.some((n) => n > 0);
}

/**
 * Deletes the brand's messages sent before its retention window, then conversations left
 * without messages (unless an unresolved case or a pending follow-up still points to them) and customers left with
 * nothing at all (no messages, conversations, cases, notes, follow-ups or attached pages, and no
 * link to another identity or tag the agent gave them). A brand that keeps history forever is
 * untouched.
 */
export async function pruneBrand(db: CasesideDb, brandId: string, now: number): Promise<PruneResult> {
  return db.transaction('rw', ALL(db), async () => {
    const brand = await db.brands.get(brandId);
    if (!brand?.retentionMonths) return { messages: 0, conversations: 0, customers: 0, cutoff: null };
    const cutoff = retentionCutoff(now, brand.retentionMonths);
    const old = await db.messages
      .where('[brandId+sentAt]')
      .between([brandId, Dexie.minKey], [brandId, cutoff], true, false)
      .toArray();
    await db.messages.bulkDelete(old.map((m) => m.id));

    // A conversation an unresolved case or a pending follow-up still points to keeps its record
    // (URL, kind), so the work list, the case and the follow-up's reminder can still open it; only
    // its old messages go, as the brand's retention says (the agent reads them on the platform,
    // where the record's link leads). A follow-up counts whatever its case: the "confirm it's
    // fixed" one of a resolved case, one without a case, one on a conversation the case lacks.
    const active = await db.cases
      .where('[brandId+status]')
      .anyOf((['open', 'waiting-customer', 'waiting-us'] as const).map((s) => [brandId, s]))
      .toArray();
    const [b0, b1] = firstPartRange(brandId);
    const pending = await db.followUps
      .where('[brandId+dueAt]')
      .between(b0, b1, true, true)
      .filter((f) => f.doneAt === null)
      .toArray();
    const stillNeeded = new Set([
      ...active.flatMap((c) => c.conversationIds),
      ...pending.flatMap((f) => (f.conversationId ? [f.conversationId] : [])),
    ]);
    let conversations = 0;
    for (const conversationId of new Set(old.map((m) => m.conversationId))) {
      if (stillNeeded.has(conversationId)) continue;
      if ((await db.messages.where('conversationId').equals(conversationId).count()) === 0) {
        const conversation = await db.conversations.get(conversationId);
        if (conversation?.brandId === brandId) {
          await db.conversations.delete(conversationId);
          conversations++;
        }
      }
    }
    let customers = 0;
    const goneCustomers: string[] = [];
    for (const customerId of new Set(old.map((m) => m.customerId))) {
      const customer = await db.customers.get(customerId);
      if (customer?.brandId === brandId && !(await customerStillReferenced(db, customer))) {
        await db.customers.delete(customerId);
        goneCustomers.push(customerId);
        customers++;
      }
    }
    // The cached search index still holds the pruned messages' words: rebuilt on the next search.
    if (old.length) await db.meta.delete(historyIndexKey(brandId));
    // A promise made in a pruned message, or to a pruned customer, is not proposed any more.
    if (old.length) await forgetPromises(db, brandId, { messageIds: old.map((m) => m.id), customerIds: goneCustomers });
    // Known issues' marks about a pruned customer go with them.
    if (goneCustomers.length) await forgetIncidentMarks(db, brandId, goneCustomers);
    return { messages: old.length, conversations, customers, cutoff };
  });
}

/** Thrown inside planPruneBrand's transaction to undo the prune it ran, carrying its counts. */
class DryRun extends Error {
  override readonly name = 'DryRun';
  constructor(readonly result: PruneResult) {
    super('dry run');
  }
}

/**
 * What pruneBrand would delete now, without deleting anything: it runs pruneBrand itself in a
 * transaction and aborts it, so the counts follow the same rules by construction. The options
 * page shows them before "Apply now" deletes anything.
 */
export async function planPruneBrand(db: CasesideDb, brandId: string, now: number): Promise<PruneResult> {
  try {
    await db.transaction('rw', ALL(db), async () => {
      throw new DryRun(await pruneBrand(db, brandId, now));
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
  throw new Error('planPruneBrand: the dry run did not abort');
}

export type EraseCounts = {
  customers: number;
  conversations: number;
  messages: number;
  cases: number;
  notes: number;
  followUps: number;
  kbArticles: number;
};
type EraseKeys = { [K in keyof EraseCounts]: string[] };

/**
 * What erasing a customer does: the rows it deletes (`keys`), the conversations of theirs it keeps
 * for other people's records (`kept`, as they will be stored) and the tracking rows it deletes.
 */
type Erasure = { keys: EraseKeys; kept: Conversation[]; tracking: string[] };

/** The words of a URL (path segments, query values, parts of an id such as a DM's `1-2`), lower case. */
function urlWords(url: string): Set<string> {
  let text = url;
  try {
    text = decodeURIComponent(url);
  } catch {
    // Not percent-encoded text: read as it is.
  }
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}_.]+/u).filter(Boolean));
}

/**
 * A link to a kept conversation that does not name the erased person: the stored URL when it holds
 * none of their handles or user ids; an X thread under its handle-free address
 * (x.com/i/status/<id>); else the permalink of the first message left in it that names none of
 * them; else no link ('': the panel shows none).
 */
function urlWithout(url: string, person: Customer | undefined, left: Message[]): string {
  const traces = new Set((person?.identities ?? []).flatMap((i) => [i.handle?.toLowerCase(), i.userId].filter((x): x is string => !!x)));
  const names = (u: string) => [...urlWords(u)].some((w) => traces.has(w));
  if (!names(url)) return url;
  const x = /^https:\/\/(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/[^/?#]+\/status\/(\d+)/i.exec(url);
  if (x) return `https://x.com/i/status/${x[1]}`;
  return left.map((m) => m.permalink ?? '').find((p) => isHttpsUrl(p) && !names(p)) ?? '';
}

/**
 * The erased customer's conversations that other people's records still need: another customer's
 * messages in it (a reply in a public thread they started, the brand's answer to that reply),
 * another customer's case or follow-up, or a promise made to another customer, pointing to it.
 * Those are kept, as a record of the others without anything of the erased person: owned by the
 * customer of the earliest message left in it (else of the case, follow-up or promise that needs
 * it), its link naming none of the erased person's handles or ids (urlWithout), its time that of
 * the last message left. As pruning keeps a conversation an open case or a pending follow-up points to, and for the same
 * reason: a record that is not the erased person's never points to a conversation that is gone.
 * The others go, with their tracking (`track:<platform>:<id>` of the brand).
 */
async function keptConversations(
  db: CasesideDb,
  customerId: string,
  person: Customer | undefined,
  goneCases: ReadonlySet<string>,
  goneFollowUps: ReadonlySet<string>,
): Promise<Pick<Erasure, 'kept' | 'tracking'> & { gone: string[] }> {
  const own = await db.conversations.where('customerId').equals(customerId).toArray();
  if (!own.length) return { kept: [], tracking: [], gone: [] };
  const ownIds = new Set(own.map((c) => c.id));
  // Who else needs each conversation, besides the people who wrote in it. (Cases and follow-ups
  // hold conversation ids unindexed: the brand's are read, few next to its messages.)
  const needs = new Map<string, string[]>();
  const need = (conversationId: string | null, who: string) => {
    if (conversationId && ownIds.has(conversationId) && who !== customerId) needs.set(conversationId, [...(needs.get(conversationId) ?? []), who]);
  };
  for (const brandId of new Set(own.map((c) => c.brandId))) {
    const [b0, b1] = firstPartRange(brandId);
    for (const c of await db.cases.where('[brandId+status]').between(b0, b1, true, true).toArray()) {
      if (!goneCases.has(c.id)) for (const id of c.conversationIds) need(id, c.customerId);
    }
    for (const f of await db.followUps.where('[brandId+dueAt]').between(b0, b1, true, true).toArray()) {
      if (!goneFollowUps.has(f.id)) need(f.conversationId, f.customerId);
    }
    for (const p of await pendingPromises(db, brandId)) need(p.conversationId, p.customerId);
  }
  const kept: Conversation[] = [];
  const gone: Conversation[] = [];
  for (const conversation of own) {
    const left = (await db.messages.where('conversationId').equals(conversation.id).toArray())
      .filter((m) => m.customerId !== customerId && m.brandId === conversation.brandId)
      .sort((a, b) => a.sentAt - b.sentAt);
    const candidates = [...new Set([...left.map((m) => m.customerId), ...(needs.get(conversation.id) ?? [])])];
    const people = await db.customers.bulkGet(candidates);
    const owner = people.find((c) => c?.brandId === conversation.brandId);
    if (!owner) {
      gone.push(conversation);
      continue;
    }
    kept.push({
      ...conversation,
      customerId: owner.id,
      inherited: true,
      url: urlWithout(conversation.url, person, left),
      lastMessageAt: left.length ? left[left.length - 1]!.sentAt : conversation.lastMessageAt,
    });
  }
  const tracking: string[] = [];
  for (const c of gone) {
    const key = trackKey(c.platform, c.nativeId);
    if ((await db.meta.get(key))?.value === c.brandId) tracking.push(key);
  }
  return { kept, tracking, gone: gone.map((c) => c.id) };
}

async function customerKeys(db: CasesideDb, customerId: string): Promise<Erasure> {
  const [c0, c1] = firstPartRange(customerId);
  const person = await db.customers.get(customerId);
  const cases = (await db.cases.where('customerId').equals(customerId).primaryKeys()) as string[];
  const notes = new Set((await db.notes.where('customerId').equals(customerId).primaryKeys()) as string[]);
  const followUps = new Set((await db.followUps.where('customerId').equals(customerId).primaryKeys()) as string[]);
  if (cases.length) {
    for (const k of await db.notes.where('caseId').anyOf(cases).primaryKeys()) notes.add(k as string);
    for (const k of await db.followUps.where('caseId').anyOf(cases).primaryKeys()) followUps.add(k as string);
  }
  const { kept, tracking, gone } = await keptConversations(db, customerId, person, new Set(cases), followUps);
  return {
    keys: {
      customers: person ? [customerId] : [],
      conversations: gone,
      // Messages *about* the customer: their own and the brand's replies in their conversations
      // (both carry their customerId). Another customer's message in a shared thread is theirs,
      // and so is the brand's answer to it: both stay, with the conversation (keptConversations).
      messages: (await db.messages.where('[customerId+sentAt]').between(c0, c1, true, true).primaryKeys()) as string[],
      cases,
      notes: [...notes],
      followUps: [...followUps],
      kbArticles: (await db.kbArticles.where('customerId').equals(customerId).primaryKeys()) as string[],
    },
    kept,
    tracking,
  };
}

const countsOf = (keys: EraseKeys): EraseCounts =>
  Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.length])) as EraseCounts;

/** What eraseCustomer would delete (the conversations it keeps for other people are not counted). Reads only. */
export async function planEraseCustomer(db: CasesideDb, customerId: string): Promise<EraseCounts> {
  return db.transaction('r', ALL(db), async () => countsOf((await customerKeys(db, customerId)).keys));
}

/**
 * Deletes everything about one customer, in one transaction. Returns what was deleted. Other
 * people's records are kept whole and never left pointing to a deleted row: a conversation of the
 * erased customer that they need stays as theirs (keptConversations), and the records linked to the
 * erased one ("the same person") drop the link.
 */
export async function eraseCustomer(db: CasesideDb, customerId: string): Promise<EraseCounts> {
  return db.transaction('rw', ALL(db), async () => {
    const brandId = (await db.customers.get(customerId))?.brandId;
    const { keys, kept, tracking } = await customerKeys(db, customerId);
    for (const table of Object.keys(keys) as Array<keyof EraseKeys>) await db.table(table).bulkDelete(keys[table]);
    await db.conversations.bulkPut(kept);
    await db.meta.bulkDelete(tracking);
    // The brand's cached search index holds the customer's words: it goes too (rebuilt on the
    // next search), or erasure would leave them on disk and in the next backup. So do the
    // promises made to them that wait for an answer.
    if (brandId) {
      const linked = await db.customers.where('brandId').equals(brandId).filter((c) => (c.linkedCustomerIds ?? []).includes(customerId)).toArray();
      await db.customers.bulkPut(linked.map((c) => ({ ...c, linkedCustomerIds: c.linkedCustomerIds.filter((id) => id !== customerId) })));
      await db.meta.delete(historyIndexKey(brandId));
      await forgetPromises(db, brandId, { customerIds: [customerId] });
      await forgetIncidentMarks(db, brandId, [customerId]);
    }
    return countsOf(keys);
  });
}

export type WipeCounts = EraseCounts & { brands: number; templates: number; meta: number };
type WipeKeys = { [K in keyof WipeCounts]: string[] };

async function brandKeys(db: CasesideDb, brandId: string): Promise<WipeKeys> {
  const [b0, b1] = firstPartRange(brandId);
  const byBrand = (t: 'customers' | 'notes' | 'templates' | 'kbArticles') =>
    db.table(t).where('brandId').equals(brandId).primaryKeys() as Promise<string[]>;
  return {
    brands: (await db.brands.get(brandId)) ? [brandId] : [],
    customers: await byBrand('customers'),
    conversations: (await db.conversations.where('[brandId+lastMessageAt]').between(b0, b1, true, true).primaryKeys()) as string[],
    messages: (await db.messages.where('[brandId+sentAt]').between(b0, b1, true, true).primaryKeys()) as string[],
    cases: (await db.cases.where('[brandId+status]').between(b0, b1, true, true).primaryKeys()) as string[],
    notes: await byBrand('notes'),
    followUps: (await db.followUps.where('[brandId+dueAt]').between(b0, b1, true, true).primaryKeys()) as string[],
    templates: await byBrand('templates'),
    kbArticles: await byBrand('kbArticles'),
    meta: await brandMetaKeys(db, brandId),
  };
}

/** What wipeBrand would delete. Reads only. */
export async function planWipeBrand(db: CasesideDb, brandId: string): Promise<WipeCounts> {
  return db.transaction('r', ALL(db), async () => countsOf(await brandKeys(db, brandId)) as WipeCounts);
}

/** Deletes a brand and every row of it, in one transaction. Returns what was deleted. */
export async function wipeBrand(db: CasesideDb, brandId: string): Promise<WipeCounts> {
  return db.transaction('rw', ALL(db), async () => {
    const keys = await brandKeys(db, brandId);
    for (const table of Object.keys(keys) as Array<keyof WipeKeys>) await db.table(table).bulkDelete(keys[table]);
    return countsOf(keys) as WipeCounts;
  });
}

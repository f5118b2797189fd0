/**
 * Reads the panel makes, as plain async functions of the database so they run under
 * useLiveQuery (which re-runs them when the tables they touch change) and in unit tests.
 * Every read is scoped by brand: a customer of another brand is never returned.
 */
import type { CasesideDb } from '../db/schema';
import type { Case, Conversation, Customer, FollowUp, Message } from '../db/records';
import { identityKeys } from '../db/ids';
import { RecordNotFoundError, withStorageErrors } from '../db/errors';
import { CustomerSchema } from '../db/records';
import { applyTagEdit } from './tags';

export interface CustomerView {
  customer: Customer;
  linked: Customer[];
  conversations: Conversation[];
  messageCount: number;
  openCase: Case | null;
  cases: Case[];
  followUps: FollowUp[];
  overdue: FollowUp[];
}

/** The customer and the records linked to them, all of the given brand. */
export async function customerWithLinks(db: CasesideDb, brandId: string, customerId: string): Promise<Customer[]> {
  const customer = await db.customers.get(customerId);
  if (!customer || customer.brandId !== brandId) return [];
  const linkedIds = customer.linkedCustomerIds ?? [];
  const linked = (await db.customers.bulkGet(linkedIds)).filter(
    (c): c is Customer => !!c && c.brandId === brandId,
  );
  return [customer, ...linked];
}

export async function loadCustomerView(
  db: CasesideDb,
  brandId: string,
  customerId: string,
  now = Date.now(),
): Promise<CustomerView | null> {
  const people = await customerWithLinks(db, brandId, customerId);
  const [customer, ...linked] = people;
  if (!customer) return null;
  const ids = people.map((c) => c.id);
  const [conversations, messageCount, cases, followUps] = await Promise.all([
    db.conversations.where('customerId').anyOf(ids).toArray(),
    db.messages
      .where('[customerId+sentAt]')
      .between([ids[0], -Infinity], [ids[0], Infinity])
      .count()
      .then(async (n) => {
        let total = n;
        for (const id of ids.slice(1)) total += await db.messages.where('[customerId+sentAt]').between([id, -Infinity], [id, Infinity]).count();
        return total;
      }),
    db.cases.where('customerId').anyOf(ids).toArray(),
    db.followUps.where('customerId').anyOf(ids).toArray(),
  ]);
  const mine = <T extends { brandId: string }>(rows: T[]) => rows.filter((r) => r.brandId === brandId);
  const brandCases = mine(cases).sort((a, b) => b.openedAt - a.openedAt);
  const openFollowUps = mine(followUps).filter((f) => !f.doneAt).sort((a, b) => a.dueAt - b.dueAt);
  return {
    customer,
    linked,
    conversations: mine(conversations).sort((a, b) => b.lastMessageAt - a.lastMessageAt),
    messageCount,
    openCase: brandCases.find((c) => c.status !== 'resolved') ?? null,
    cases: brandCases,
    followUps: openFollowUps,
    overdue: openFollowUps.filter((f) => f.dueAt <= now),
  };
}

/**
 * Rows of one table for the customer and the customers linked to them (the same person on
 * another platform), all of this brand: the case, notes and follow-ups of a linked identity
 * belong to the person the agent is talking to.
 */
export async function forCustomerWithLinks<T>(
  db: CasesideDb,
  brandId: string,
  customerId: string,
  read: (customerId: string) => Promise<T[]>,
): Promise<T[]> {
  const people = await customerWithLinks(db, brandId, customerId);
  return (await Promise.all(people.map((p) => read(p.id)))).flat();
}

/** Every message of these customers, oldest first (the timeline shows newest last). */
export async function loadTimeline(db: CasesideDb, brandId: string, customerIds: string[]): Promise<Message[]> {
  const lists = await Promise.all(
    customerIds.map((id) => db.messages.where('[customerId+sentAt]').between([id, -Infinity], [id, Infinity]).toArray()),
  );
  const all = lists.flat().filter((m) => m.brandId === brandId);
  if (lists.length > 1) all.sort((a, b) => a.sentAt - b.sentAt);
  return all;
}

/**
 * Customers of the same brand who are likely the same person on another platform: the same
 * handle there (an index lookup per platform, cheap enough to run on every open). Never merged
 * automatically.
 */
export async function suggestLinks(db: CasesideDb, customer: Customer, limit = 5): Promise<Customer[]> {
  const platforms = new Set(customer.identities.map((i) => i.platform));
  const others = (['x', 'facebook'] as const).filter((p) => !platforms.has(p));
  const keys = customer.identities.flatMap((i) =>
    i.handle ? others.flatMap((p) => identityKeys(customer.brandId, { platform: p, handle: i.handle })) : [],
  );
  if (!keys.length) return [];
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  const found = await db.customers.where('identityKeys').anyOf(keys).limit(limit * 2).toArray();
  return found.filter((c) => c.brandId === customer.brandId && !already.has(c.id)).slice(0, limit);
}

/**
 * The slower search the agent asks for: customers of the brand on another platform with the
 * same display name. Walks the brand's customers once (an explicit click, not every open).
 */
export async function findSameName(db: CasesideDb, customer: Customer, limit = 5): Promise<Customer[]> {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  const name = fold(customer.displayName);
  if (name.length < 3) return [];
  const platforms = new Set(customer.identities.map((i) => i.platform));
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  return db.customers
    .where('[brandId+lastSeenAt]')
    .between([customer.brandId, -Infinity], [customer.brandId, Infinity])
    .filter((c) => !already.has(c.id) && fold(c.displayName) === name && c.identities.some((i) => !platforms.has(i.platform)))
    .limit(limit)
    .toArray();
}

/**
 * The agent's own search for the same person under another name ("Maria G." on Facebook for
 * "@mgarcia_88" on X): customers of `customer`'s brand whose display name or any identity handle
 * holds what was typed (case- and accent-insensitive; a leading @ is ignored), or whose numeric
 * user id is exactly it. Never `customer` nor anyone already linked to them; nothing below 2
 * characters.
 *
 * Best first: an exact name, handle or user id, then a match at the start of the name, a word of
 * it or a handle, then anywhere; within each, the most recently seen first. Cheap on a brand of
 * 10,000+ customers: one walk of the brand's [brandId+lastSeenAt] index, newest first, that stops
 * after `limit × 5` matches (at least 40), plus an index lookup of the exact handle / user id so
 * that one is found however old it is. An older partial match past those may be missed: the agent
 * types more.
 */
export async function findCustomersToLink(db: CasesideDb, customer: Customer, text: string, limit = 8): Promise<Customer[]> {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  const raw = text.trim().replace(/^@+/, '').trim();
  const q = fold(raw);
  if (q.length < 2 || limit < 1) return [];
  const brandId = customer.brandId;
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  const isUserId = /^\d+$/.test(raw);
  // 0 exact, 1 prefix (of the name, a word of it, or a handle), 2 anywhere, -1 no match.
  const rankText = (value: string | undefined, words: boolean): number => {
    if (!value) return -1;
    const v = fold(value);
    if (v === q) return 0;
    if (v.startsWith(q) || (words && v.includes(` ${q}`))) return 1;
    return v.includes(q) ? 2 : -1;
  };
  const ranks = new Map<string, number>();
  const rank = (c: Customer): number => {
    const known = ranks.get(c.id);
    if (known !== undefined) return known;
    let best = rankText(c.displayName, true);
    for (const i of c.identities) {
      for (const r of [rankText(i.handle, false), rankText(i.displayName, true), isUserId && i.userId === raw ? 0 : -1])
        if (r >= 0 && (best < 0 || r < best)) best = r;
    }
    ranks.set(c.id, best);
    return best;
  };
  const wanted = (c: Customer) => c.brandId === brandId && !already.has(c.id) && rank(c) >= 0;
  const exactKeys = (['x', 'facebook'] as const).flatMap((platform) =>
    identityKeys(brandId, { platform, handle: raw, userId: isUserId ? raw : undefined }),
  );
  const [exact, recent] = await Promise.all([
    db.customers.where('identityKeys').anyOf(exactKeys).toArray(),
    db.customers
      .where('[brandId+lastSeenAt]')
      .between([brandId, -Infinity], [brandId, Infinity])
      .reverse()
      .filter(wanted)
      .limit(Math.max(limit * 5, 40))
      .toArray(),
  ]);
  const found = new Map<string, Customer>();
  for (const c of [...exact.filter(wanted), ...recent]) found.set(c.id, c);
  return [...found.values()]
    .sort((a, b) => rank(a) - rank(b) || b.lastSeenAt - a.lastSeenAt || a.displayName.localeCompare(b.displayName))
    .slice(0, limit);
}

/**
 * The agent's edit of a customer's tags (from the `base` they started from to `next`), applied
 * to the stored tags in one transaction: a capture or another panel writing the customer
 * meanwhile loses nothing. Returns the stored tags.
 */
export async function editCustomerTags(db: CasesideDb, brandId: string, customerId: string, base: readonly string[], next: readonly string[]): Promise<string[]> {
  return withStorageErrors(() =>
    db.transaction('rw', db.customers, async () => {
      const customer = await db.customers.get(customerId);
      if (!customer || customer.brandId !== brandId) throw new RecordNotFoundError('customer', customerId);
      const tags = applyTagEdit(customer.tags, base, next);
      const stored = CustomerSchema.parse({ ...customer, tags });
      await db.customers.put(stored);
      return stored.tags;
    }),
  );
}

/**
 * Link two customer records of one brand: the same person. Links form one group, each member
 * linked to every other, so linking B with C when A and B are linked shows A's history on C's
 * card too (not only B's).
 */
export async function linkCustomers(db: CasesideDb, aId: string, bId: string): Promise<void> {
  await db.transaction('rw', db.customers, async () => {
    const [a, b] = await db.customers.bulkGet([aId, bId]);
    if (!a || !b || a.brandId !== b.brandId || a.id === b.id) throw new Error('These customers cannot be linked.');
    const ids = new Set([a.id, b.id, ...(a.linkedCustomerIds ?? []), ...(b.linkedCustomerIds ?? [])]);
    const group = (await db.customers.bulkGet([...ids])).filter((c): c is Customer => !!c && c.brandId === a.brandId);
    await db.customers.bulkPut(group.map((c) => ({ ...c, linkedCustomerIds: group.filter((o) => o.id !== c.id).map((o) => o.id) })));
  });
}

/** "Not the same person": `bId` leaves the group `aId` is in (every member drops it, it drops them all). */
export async function unlinkCustomers(db: CasesideDb, aId: string, bId: string): Promise<void> {
  await db.transaction('rw', db.customers, async () => {
    const [a, b] = await db.customers.bulkGet([aId, bId]);
    const ids = new Set([aId, bId, ...(a?.linkedCustomerIds ?? []), ...(b?.linkedCustomerIds ?? [])]);
    const all = (await db.customers.bulkGet([...ids])).filter((c): c is Customer => !!c);
    await db.customers.bulkPut(
      all.map((c) => (c.id === bId ? { ...c, linkedCustomerIds: [] } : { ...c, linkedCustomerIds: (c.linkedCustomerIds ?? []).filter((x) => x !== bId) })),
    );
  });
}

/**
 * Reads the panel makes, as plain async functions of the database so they run under
 * useLiveQuery (which re-runs them when the tables they touch change) and in unit tests.
 * Every read is scoped by brand: a customer of another brand is never returned.
 */
import type { CasesideDb } from '../db/schema';
import type { Case, Conversation, Customer, FollowUp, Message } from '../db/records';
import { identityKeys } from '../db/ids';
import { anyOfRows } from '../db/any-of';
import { RecordNotFoundError, withStorageErrors } from '../db/errors';
import { CustomerSchema } from '../db/records';
import { applyTagEdit } from './tags';
import { t } from '../i18n';

export interface CustomerView {
  customer: Customer;
  linked: Customer[];
  conversations: Conversation[];
  messageCount: number;
  openCase: Case | null;
  cases: Case[];
  /**
   * Not done, earliest due first. Which are overdue is left to the view, against a clock that
   * moves on (CustomerSection): nothing is written when a follow-up falls due, so a live query
   * does not run again then.
   */
  followUps: FollowUp[];
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

export async function loadCustomerView(db: CasesideDb, brandId: string, customerId: string): Promise<CustomerView | null> {
  const people = await customerWithLinks(db, brandId, customerId);
  const [customer, ...linked] = people;
  if (!customer) return null;
  const ids = people.map((c) => c.id);
  const [conversations, messageCount, cases, followUps] = await Promise.all([
    anyOfRows(db.conversations, 'customerId', ids),
    db.messages
      .where('[customerId+sentAt]')
      .between([ids[0], -Infinity], [ids[0], Infinity])
      .count()
      .then(async (n) => {
        let total = n;
        for (const id of ids.slice(1)) total += await db.messages.where('[customerId+sentAt]').between([id, -Infinity], [id, Infinity]).count();
        return total;
      }),
    anyOfRows(db.cases, 'customerId', ids),
    anyOfRows(db.followUps, 'customerId', ids),
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
  const found = await anyOfRows(db.customers, 'identityKeys', keys, limit * 2);
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

/** How many of the brand's customers (the most recently seen) findCustomersToLink reads at most. */
export const LINK_SEARCH_MAX_SCAN = 3_000;
/** The link search's first read of the brand (enough when the text matches many), and its chunks. */
const WALK_FIRST_STEP = 64;
const WALK_CHUNK = 256;

export interface LinkSearchOptions {
  /**
   * "Is this search still current?", asked inside the walk before each customer it reads (once
   * per customer scanned): false (the agent typed on, the picker closed) ends the walk at once and
   * the search answers nothing, so an abandoned search does not keep reading the brand.
   */
  isCurrent?: () => boolean;
  /** Customers the walk reads at most; LINK_SEARCH_MAX_SCAN unless a test asks otherwise. */
  maxScan?: number;
}

/**
 * What findCustomersToLink found. `capped`: the walk reached its row cap with more customers left
 * unread and fewer than `limit` exact or prefix matches: an older partial match may be missing
 * (the picker says so; an exact handle or user id is found however old it is).
 */
export type LinkCandidates = Customer[] & { capped?: boolean };

const FOLDED_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', þ: 'th', æ: 'ae', œ: 'oe' };

/**
 * Text as the link search compares it: compatibility-decomposed (NFKD, so styled letters such as
 * 𝐌𝐚𝐫𝐢𝐚 or ｍａｒｉａ read "maria"), without accents, lower case, with the letters NFKD keeps
 * (ł, ø, ß…) spelled as people type them, and single spaces.
 */
export const foldForSearch = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøßđðħıþæœ]/gu, (ch) => FOLDED_LETTERS[ch] ?? ch)
    .replace(/\s+/gu, ' ')
    .trim();

/** What can come before a word inside a name: a space, a hyphen or dash, an apostrophe, a dot. */
const WORD_BREAK = /[\s\-\u2010-\u2015'\u2018\u2019\u02bc.]/u;

/**
 * The agent's own search for the same person under another name ("Maria G." on Facebook for
 * "@mgarcia_88" on X): customers of `customer`'s brand whose display name or any identity handle
 * holds what was typed (case- and accent-insensitive, styled letters too; a leading @ is
 * ignored), or whose numeric user id is exactly it. Never `customer` nor anyone already linked to
 * them; nothing below 2 characters.
 *
 * Best first: an exact name, handle or user id, then a match at the start of the name, a word of
 * it (also after a hyphen, apostrophe or dot: "luc" in "Jean-Luc") or a handle, then anywhere;
 * within each, the most recently seen first. Cheap on a brand of 10,000+ customers: one walk of
 * the brand's [brandId+lastSeenAt] index, newest first (in steps, the records in short reads),
 * that stops once it holds `limit` exact or prefix matches, after `maxScan` customers
 * (LINK_SEARCH_MAX_SCAN; then `capped` says an older partial match may be missed and the agent
 * types more), or as soon as `isCurrent` says the search was abandoned; plus an index lookup of
 * the exact handle / user id, so that one is found however old it is.
 */
export async function findCustomersToLink(
  db: CasesideDb,
  customer: Customer,
  text: string,
  limit = 8,
  { isCurrent = () => true, maxScan = LINK_SEARCH_MAX_SCAN }: LinkSearchOptions = {},
): Promise<LinkCandidates> {
  const fold = foldForSearch;
  const raw = text.trim().replace(/^@+/, '').trim();
  const q = fold(raw);
  if (q.length < 2 || limit < 1 || !(maxScan >= 1)) return [];
  const brandId = customer.brandId;
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  const isUserId = /^\d+$/.test(raw);
  const startsAWord = (v: string): boolean => {
    for (let i = v.indexOf(q, 1); i > 0; i = v.indexOf(q, i + 1)) if (WORD_BREAK.test(v.charAt(i - 1))) return true;
    return false;
  };
  // 0 exact, 1 prefix (of the name, a word of it, or a handle), 2 anywhere, -1 no match.
  const rankText = (value: string | undefined, words: boolean): number => {
    if (!value) return -1;
    const v = fold(value);
    if (v === q) return 0;
    if (v.startsWith(q) || (words && startsAWord(v))) return 1;
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

  // The walk keeps every exact or prefix match (it stops at `limit` of them) and the newest
  // `limit` matches anywhere (enough to fill the answer when there are fewer good ones).
  const kept: Customer[] = [];
  let scanned = 0;
  let good = 0;
  let anywhere = 0;
  let abandoned = false;
  let capped = false;
  /** The walk's filter, once per customer read: false ends the walk (abandoned, enough good matches, the cap). */
  const visit = (c: Customer): boolean => {
    if (!isCurrent()) {
      abandoned = true;
      return false;
    }
    scanned++;
    if (wanted(c)) {
      if (rank(c) < 2) {
        good++;
        kept.push(c);
      } else if (anywhere++ < limit) kept.push(c);
    }
    return good < limit && scanned < maxScan;
  };
  const newestIds = (n: number) =>
    db.customers.where('[brandId+lastSeenAt]').between([brandId, -Infinity], [brandId, Infinity]).reverse().limit(n).primaryKeys();
  // The brand's newest ids in growing steps (64, 512, then `maxScan`), their records in chunks, each
  // read its own short transaction: a capture's write waits for one chunk, not for the whole walk
  // (and whole reads are many times faster than a cursor stepping row by row).
  const walk = async (): Promise<void> => {
    const read = new Set<string>();
    for (let step = Math.min(WALK_FIRST_STEP, maxScan); ; step = Math.min(step * 8, maxScan)) {
      const ids = await newestIds(step + 1); // one more: are customers left past the step?
      const todo = ids.slice(0, step).filter((id) => !read.has(id));
      for (let i = 0; i < todo.length; i += WALK_CHUNK) {
        const chunk = todo.slice(i, i + WALK_CHUNK);
        for (const id of chunk) read.add(id);
        for (const c of await db.customers.bulkGet(chunk)) {
          if (!c || visit(c)) continue;
          // The cap, with customers left unread: an older partial match may be missed.
          capped = !abandoned && good < limit && ids.length > step;
          return;
        }
      }
      if (ids.length <= step) return; // the whole brand was read
      if (step >= maxScan) {
        capped = good < limit; // customers moved meanwhile: fewer read than the cap, yet some left
        return;
      }
    }
  };
  const [exact] = await Promise.all([db.customers.where('identityKeys').anyOf(exactKeys).toArray(), walk()]);
  if (abandoned) return [];
  const found = new Map<string, Customer>();
  for (const c of [...exact.filter(wanted), ...kept]) found.set(c.id, c);
  const best = [...found.values()]
    .sort((a, b) => rank(a) - rank(b) || b.lastSeenAt - a.lastSeenAt || a.displayName.localeCompare(b.displayName))
    .slice(0, limit);
  return Object.assign(best, { capped: capped && best.filter((c) => rank(c) < 2).length < limit });
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
 * The most other records one customer can be linked to (CustomerSchema's `linkedCustomerIds`):
 * a group holds at most one more.
 */
export const MAX_LINKED_CUSTOMERS = 50;

/** A link the agent asked for that cannot be made; the message is for the agent, translated. */
export class LinkRefusedError extends Error {
  override readonly name = 'LinkRefusedError';
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((id) => a.includes(id));

/**
 * Every customer of `brandId` linked to `start`, directly or through others, breadth-first:
 * links stored by older versions or in an imported backup may not be whole groups (A–B and B–C,
 * not A–C). Null as soon as there are more than `max` (the walk ends there).
 */
async function linkGroupOf(db: CasesideDb, brandId: string, start: Customer[], max: number): Promise<Customer[] | null> {
  const members = new Map<string, Customer>();
  const seen = new Set(start.map((c) => c.id));
  let layer = start;
  while (layer.length) {
    for (const c of layer) members.set(c.id, c);
    if (members.size > max) return null;
    const next = [...new Set(layer.flatMap((c) => c.linkedCustomerIds ?? []))].filter((id) => !seen.has(id));
    for (const id of next) seen.add(id);
    layer = (await db.customers.bulkGet(next)).filter((c): c is Customer => !!c && c.brandId === brandId);
  }
  return [...members.values()];
}

/**
 * Link two customer records of one brand: the same person. Links form one group, each member
 * linked to every other, so linking B with C when A and B are linked shows A's history on C's
 * card too (not only B's); links followed transitively complete a group that was stored in part.
 * Refused (LinkRefusedError) across brands, and when the group would pass MAX_LINKED_CUSTOMERS
 * links per member (the schema's limit: those records could not be saved or exported again).
 * Only members whose links change are written: linking two already in one group writes nothing.
 */
export async function linkCustomers(db: CasesideDb, aId: string, bId: string): Promise<void> {
  await withStorageErrors(() =>
    db.transaction('rw', db.customers, async () => {
      const [a, b] = await db.customers.bulkGet([aId, bId]);
      if (!a || !b || a.brandId !== b.brandId || a.id === b.id) throw new LinkRefusedError(t('customer.linkRefused'));
      const group = await linkGroupOf(db, a.brandId, [a, b], MAX_LINKED_CUSTOMERS + 1);
      if (!group) throw new LinkRefusedError(t('customer.linkTooMany', { max: MAX_LINKED_CUSTOMERS }));
      const changed = group.flatMap((c) => {
        const others = group.filter((o) => o.id !== c.id).map((o) => o.id);
        return sameIds(c.linkedCustomerIds ?? [], others) ? [] : [{ ...c, linkedCustomerIds: others }];
      });
      if (changed.length) await db.customers.bulkPut(changed);
    }),
  );
}

/** "Not the same person": `bId` leaves the group `aId` is in (every member drops it, it drops them all). */
export async function unlinkCustomers(db: CasesideDb, aId: string, bId: string): Promise<void> {
  await withStorageErrors(() =>
    db.transaction('rw', db.customers, async () => {
      const [a, b] = await db.customers.bulkGet([aId, bId]);
      const ids = new Set([aId, bId, ...(a?.linkedCustomerIds ?? []), ...(b?.linkedCustomerIds ?? [])]);
      const all = (await db.customers.bulkGet([...ids])).filter((c): c is Customer => !!c);
      await db.customers.bulkPut(
        all.map((c) => (c.id === bId ? { ...c, linkedCustomerIds: [] } : { ...c, linkedCustomerIds: (c.linkedCustomerIds ?? []).filter((x) => x !== bId) })),
      );
    }),
  );
}

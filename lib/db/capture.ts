/**
 * Records a conversation snapshot: customers, the conversation and its messages, in one
 * transaction, de-duplicated by message id. Snapshots only show what is visible now
 * (virtualised lists recycle rows), so this merges: it never deletes a stored message that a
 * later snapshot no longer shows.
 */
import type { CasesideDb } from './schema';
import type { Customer, Message, Identity } from './records';
import { conversationKey, identityKeys, messageKey, newId } from './ids';
import { anyOfRows } from './any-of';
import type { ConversationSnapshot, Person, Platform, SnapshotMessage } from '../platforms/snapshot';
import { t } from '../i18n';

/**
 * The snapshot names no customer and shows nobody writing in (the brand's own Page post before
 * anyone comments): nothing is recorded, and that is normal — not a storage failure.
 */
export class NothingToRecordError extends Error {
  override readonly name = 'NothingToRecordError';
  constructor() {
    super('No customer is visible in this conversation yet.');
  }
}

export interface CaptureResult {
  conversationId: string;
  customerId: string;
  /** Messages stored for the first time by this snapshot. */
  added: Message[];
}

const identityOf = (platform: Platform, p: Person): Identity => ({
  platform,
  handle: p.handle,
  userId: p.userId,
  displayName: p.displayName,
  profileUrl: p.profileUrl,
});

const personKey = (p: Person) => (p.userId ? `#${p.userId}` : p.handle ? p.handle.toLowerCase() : (p.displayName ?? ''));

function mergeIdentity(customer: Customer, identity: Identity, brandId: string): Customer {
  const same = customer.identities.find(
    (i) =>
      i.platform === identity.platform &&
      ((identity.userId && i.userId === identity.userId) ||
        (identity.handle && i.handle?.toLowerCase() === identity.handle.toLowerCase())),
  );
  const identities = same
    ? customer.identities.map((i) => (i === same ? { ...i, ...stripUndefined(identity) } : i))
    : [...customer.identities, identity];
  const keys = new Set(customer.identityKeys);
  for (const k of identityKeys(brandId, identity)) keys.add(k);
  return {
    ...customer,
    displayName: identity.displayName || customer.displayName,
    identities,
    identityKeys: [...keys],
  };
}

/**
 * Pages show times to the minute (Messenger: one separator for a whole group of messages), so
 * neighbours often share a time. Page order is the truth then: nudge each message 1 ms after
 * the one above it when the page gives them the same minute or less, so history sorts as shown.
 */
export function keepPageOrder(times: number[]): void {
  for (let i = 1; i < times.length; i++) {
    const prev = times[i - 1]!;
    if (times[i]! <= prev && prev - times[i]! < 60_000) times[i] = prev + 1;
  }
}

/** Shallow-by-JSON equality of two stored rows (same construction order on both sides). */
const sameRecord = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Earliest and latest time a customer was in contact, from the messages of one snapshot. */
interface Seen {
  first: number;
  last: number;
}

/** Find or create the customer for a person, inside the caller's transaction. */
async function resolveCustomer(
  db: CasesideDb,
  brandId: string,
  platform: Platform,
  person: Person,
  seen: Seen,
): Promise<Customer> {
  const identity = identityOf(platform, person);
  const keys = identityKeys(brandId, identity);
  // Keys carry the brand; the brand is checked anyway (a damaged backup could plant a key).
  const existing = keys.length ? (await anyOfRows(db.customers, 'identityKeys', keys)).find((c) => c.brandId === brandId) : undefined;
  const base: Customer = existing ?? {
    id: newId(),
    brandId,
    displayName: person.displayName || person.handle || t('customer.unknownName'),
    identities: [],
    identityKeys: [],
    tags: [],
    linkedCustomerIds: [],
    firstSeenAt: seen.first,
    lastSeenAt: seen.last,
  };
  const merged = mergeIdentity(base, identity, brandId);
  merged.firstSeenAt = Math.min(merged.firstSeenAt, seen.first);
  merged.lastSeenAt = Math.max(merged.lastSeenAt, seen.last);
  // Re-reading an unchanged page must not rewrite rows: every write wakes the panel's live
  // queries and holds the table against the panel's reads.
  if (!existing || !sameRecord(existing, merged)) await db.customers.put(merged);
  return merged;
}

/**
 * Where a message with a new id was found stored under an earlier one (new key → stored key), so
 * the next reading of a long thread finds it in one read. Bounded; lost when the background
 * restarts, which costs one lookup more.
 */
const aliases = new Map<string, string>();
const MAX_ALIASES = 20_000;
const remember = (from: string, to: string) => {
  if (aliases.size >= MAX_ALIASES) aliases.delete(aliases.keys().next().value!);
  aliases.set(from, to);
};

/** Below this many messages a snapshot's rows are read one key at a time (a few point reads). */
const RANGE_READ_MIN = 100;

/**
 * The stored rows of `ids` (as `bulkGet` gives them). A long snapshot of a conversation stored
 * before (a thread read back to its start sends every message it has read) is read as the
 * conversation's rows in one index range: one request, not one per message (on Chromium, 1,500
 * point reads took 113–196 ms). Rows the range does not hold (a tweet first stored with another
 * thread; a message not stored yet) are then looked up by key, so the result is the same. The
 * range is used only when the conversation holds at most twice as many rows as the snapshot, so
 * a short reading of a very long conversation is not paid with all of it. `rows`: the range read,
 * for the content match of keepFormerIds (undefined when not read).
 */
async function readStored(db: CasesideDb, conversationId: string, existing: boolean, ids: string[]): Promise<{ stored: (Message | undefined)[]; rows?: Message[] }> {
  if (!existing || ids.length < RANGE_READ_MIN) return { stored: await db.messages.bulkGet(ids) };
  const byConversation = db.messages.where('conversationId').equals(conversationId);
  if ((await byConversation.count()) > 2 * ids.length) return { stored: await db.messages.bulkGet(ids) };
  const rows = await byConversation.toArray();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stored = ids.map((id) => byId.get(id));
  const missing = ids.flatMap((id, i) => (stored[i] ? [] : [i]));
  if (missing.length) {
    const found = await db.messages.bulkGet(missing.map((i) => ids[i]!));
    missing.forEach((i, n) => (stored[i] = found[n]));
  }
  return { stored, rows };
}

/** The occurrence index a derived id ends with ("<thread>:<hash>:2" → 2). */
const occurrenceOf = (nativeId: string): string | undefined => /:(\d{1,6})$/.exec(nativeId)?.[1];

/**
 * May `row`, stored by an earlier Caseside under a former id of the legacy X DM message at `i`
 * (untimed), be that message? The first scheme numbered identical untimed rows ("ok", "ok") among
 * the rows of one reading, so its `dm:<conv>:<key>` is the first "ok" of whatever reading stored
 * it: read without the earlier "ok", a new "ok" has that id as its former id too, and taking the
 * stored row for it would leave the new message unstored (and the old one, read later, mapped
 * onto the same row). Neither the reading nor the stored row says which "ok" that was: the
 * stored conversation has no page order for untimed rows (a new untimed row is stored at the
 * capture's clock, `now - rows below it`, whatever its timed neighbours say), and what the old
 * reading showed is not known. What a first capture leaves is used instead, as evidence against:
 * - the message's context (the snapshot row above it with other content, which dm-ids.ts also
 *   builds its id from) must be stored, and stored no later than `row`: had `row` been this
 *   message, the row above it existed then and a reading showing `row` showed it, short of `row`
 *   being the top row of that reading. Not stored, or stored only later: the conversation went
 *   on after `row` was stored (the usual case of a new "ok"), so `row` is an earlier message;
 * - `row`'s capture had `capturedAt - sentAt - 1` rows below it (see recordSnapshot's times: an
 *   untimed row's stored time is kept). If any, the row right below this message must be stored
 *   no later than `row` (by its id, else by a row of its former ids); none shown below it (the
 *   newest message, in the content script's snapshot, which starts at the bottom of the DM), or
 *   one new or stored later: `row` had other rows below it, this message has not.
 * The conversation's first message read with the profile card has no context row: only the
 * second check applies. Either check failing stores the message under its new id: a message an
 * earlier Caseside stored, read from a position the checks cannot vouch for, is stored a second
 * time, once (its new id does not change), rather than a new message being lost.
 */
function untimedDmRowFits(
  messages: readonly SnapshotMessage[],
  i: number,
  row: Message,
  stored: readonly (Message | undefined)[],
  candidate: ReadonlyMap<number, Message>,
): boolean {
  const m = messages[i]!;
  const same = (o: SnapshotMessage) => o.direction === m.direction && o.sentAt === m.sentAt && o.text === m.text;
  let above = i - 1;
  while (above >= 0 && same(messages[above]!)) above--;
  if (above >= 0) {
    const context = stored[above];
    if (!context || context.capturedAt > row.capturedAt) return false;
  }
  const rowsBelow = row.capturedAt - row.sentAt - 1;
  // Not a count (a time nudged into page order, a row written otherwise): nothing to check by.
  if (!Number.isInteger(rowsBelow) || rowsBelow <= 0 || rowsBelow > MAX_ROWS_BELOW) return true;
  if (i + 1 >= messages.length) return false;
  const below = stored[i + 1] ?? candidate.get(i + 1);
  return !!below && below.capturedAt <= row.capturedAt;
}
/** Beyond this, `capturedAt - sentAt` of an untimed row is not taken for rows below it in its capture. */
const MAX_ROWS_BELOW = 100_000;

/**
 * Messages with derived ids (those that carry `formerIds`) stored by an earlier Caseside keep the
 * id they were stored under rather than being stored a second time: found under one of their
 * former ids, else — when the page named the customer differently then (messenger.com's info
 * pane open or closed) — as the conversation's stored row with the same direction, author, text
 * and occurrence index (read only for a conversation stored before: a new one has no rows).
 * A legacy X DM row without a time takes the row of its former id only where that row stands
 * where the message does (untimedDmRowFits). Rewrites `ids` and `stored` in place; a stored row
 * is used once.
 */
async function keepFormerIds(
  db: CasesideDb,
  brandId: string,
  snapshot: ConversationSnapshot,
  conversationId: string,
  existing: boolean,
  ids: string[],
  stored: (Message | undefined)[],
  conversationRows: Message[] | undefined,
): Promise<void> {
  const open = () => snapshot.messages.flatMap((m, i) => (stored[i] || !m.formerIds?.length ? [] : [i]));
  if (!open().length) return;
  const taken = new Set(ids);
  const use = (i: number, row: Message) => {
    remember(messageKey(brandId, snapshot.platform, snapshot.messages[i]!.id), row.id);
    ids[i] = row.id;
    stored[i] = row;
    taken.add(row.id);
  };
  const wanted = open().flatMap((i) => snapshot.messages[i]!.formerIds!.map((f) => ({ i, key: messageKey(brandId, snapshot.platform, f) })));
  const found = await db.messages.bulkGet(wanted.map((w) => w.key));
  const ours = (row: Message | undefined): row is Message => !!row && row.conversationId === conversationId;
  /** Per open row, the first row stored under one of its former ids (before any is taken). */
  const candidate = new Map<number, Message>();
  wanted.forEach((w, n) => {
    const row = found[n];
    if (ours(row) && !candidate.has(w.i)) candidate.set(w.i, row);
  });
  // In page order, so the row above a message is settled (kept, found or new) before it.
  wanted.forEach((w, n) => {
    const row = found[n];
    if (!ours(row) || stored[w.i] || taken.has(row.id)) return;
    if (snapshot.kind === 'x-dm' && snapshot.messages[w.i]!.sentAt === null && !untimedDmRowFits(snapshot.messages, w.i, row, stored, candidate)) return;
    use(w.i, row);
  });
  // Only ids numbered by occurrence (Messenger's) say which of several equal texts a row is; with
  // none (legacy X DMs) any stored "ok" would match, taking a new "ok" for an old one.
  const left = open().filter((i) => occurrenceOf(snapshot.messages[i]!.id) !== undefined);
  if (!left.length || !existing) return;
  const contentKey = (direction: string, author: string, text: string, occurrence: string | undefined) => `${direction}\u0001${author}\u0001${occurrence}\u0001${text}`;
  const byContent = new Map<string, Message>();
  for (const row of conversationRows ?? (await db.messages.where('conversationId').equals(conversationId).toArray())) {
    if (!taken.has(row.id)) byContent.set(contentKey(row.direction, row.author, row.text, occurrenceOf(row.nativeId)), row);
  }
  for (const i of left) {
    const m = snapshot.messages[i]!;
    const row = byContent.get(contentKey(m.direction, m.author.displayName || m.author.handle || '', m.text, occurrenceOf(m.id)));
    if (row && !taken.has(row.id)) use(i, row);
  }
}

export async function recordSnapshot(
  db: CasesideDb,
  brandId: string,
  snapshot: ConversationSnapshot,
  now: number = Date.now(),
): Promise<CaptureResult> {
  const { platform } = snapshot;
  const conversationId = conversationKey(brandId, platform, snapshot.conversationId);
  return db.transaction('rw', db.customers, db.conversations, db.messages, async () => {
    const existingConversation = await db.conversations.get(conversationId);
    const ids = snapshot.messages.map((m) => {
      const key = messageKey(brandId, platform, m.id);
      return aliases.get(key) ?? key;
    });
    const { stored, rows: conversationRows } = await readStored(db, conversationId, !!existingConversation, ids);
    // An alias whose row is gone (erased, pruned): the message is new again, under its own id.
    snapshot.messages.forEach((m, i) => {
      const key = messageKey(brandId, platform, m.id);
      if (!stored[i] && ids[i] !== key) {
        aliases.delete(key);
        ids[i] = key;
      }
    });
    await keepFormerIds(db, brandId, snapshot, conversationId, !!existingConversation, ids, stored, conversationRows);

    // Messages without a visible time keep the order they have on the page.
    const times = snapshot.messages.map((m, i) => {
      const parsed = m.sentAt ? Date.parse(m.sentAt) : NaN;
      return Number.isFinite(parsed) ? parsed : (stored[i]?.sentAt ?? now - (snapshot.messages.length - i));
    });
    keepPageOrder(times);
    const lastAt = Math.max(existingConversation?.lastMessageAt ?? 0, ...times, 0) || now;
    // First contact is the conversation's earliest message (the card's "first contact" must not
    // come after a message its history shows); last contact its latest, as before.
    const conversationSeen: Seen = { first: Math.min(lastAt, ...times), last: lastAt };
    // Other inbound authors (commenters, repliers): the span of their own messages here.
    const authorSeen = new Map<string, Seen>();
    snapshot.messages.forEach((m, i) => {
      if (m.direction !== 'in') return;
      const key = personKey(m.author);
      const at = times[i]!;
      const s = authorSeen.get(key);
      authorSeen.set(key, s ? { first: Math.min(s.first, at), last: Math.max(s.last, at) } : { first: at, last: at });
    });

    // The conversation's customer; other inbound authors (commenters, repliers) get their own.
    const customers = new Map<string, Customer>();
    let main: Customer | undefined;
    if (snapshot.customer) {
      main = await resolveCustomer(db, brandId, platform, snapshot.customer, conversationSeen);
      customers.set(personKey(snapshot.customer), main);
    } else if (existingConversation) {
      main = await db.customers.get(existingConversation.customerId);
    }
    if (!main) {
      const firstIn = snapshot.messages.find((m) => m.direction === 'in');
      if (!firstIn) throw new NothingToRecordError();
      main = await resolveCustomer(db, brandId, platform, firstIn.author, conversationSeen);
      customers.set(personKey(firstIn.author), main);
    }

    // A conversation kept for someone else when its customer was erased goes back to the
    // customer the page names (the person who started the thread, recorded anew), link included.
    const owner = existingConversation && !(existingConversation.inherited && snapshot.customer) ? existingConversation : null;
    const conversation = {
      id: conversationId,
      brandId,
      customerId: owner?.customerId ?? main.id,
      platform,
      kind: snapshot.kind,
      nativeId: snapshot.conversationId,
      url: owner?.url ?? snapshot.url,
      lastMessageAt: lastAt,
      ...(existingConversation?.inherited && !snapshot.customer ? { inherited: true as const } : {}),
    };
    if (!existingConversation || !sameRecord(existingConversation, conversation)) await db.conversations.put(conversation);

    const added: Message[] = [];
    const writes: Message[] = [];
    const onPage = new Map(snapshot.messages.map((m) => [m.id, m]));
    for (const [i, m] of snapshot.messages.entries()) {
      const prev = stored[i];
      let customerId = main.id;
      // The brand's reply to one commenter on a Page post belongs to that commenter's history, not
      // to the post's first customer: found by the comment it answers.
      const answered = m.direction === 'out' && m.inReplyTo ? onPage.get(m.inReplyTo) : undefined;
      const owner = m.direction === 'in' ? m : answered?.direction === 'in' ? answered : undefined;
      if (owner && (owner.author.handle || owner.author.userId)) {
        const key = personKey(owner.author);
        let c = customers.get(key);
        if (!c) {
          c = await resolveCustomer(db, brandId, platform, owner.author, authorSeen.get(key)!);
          customers.set(key, c);
        }
        customerId = c.id;
      }
      // A reply stored with the conversation's customer because what it answers was not on screen
      // then (a virtualised thread mounts rows in any order) moves to the person it answers.
      const refile = !!prev && !!answered && prev.customerId === conversation.customerId && customerId !== prev.customerId;
      const row: Message = {
        id: ids[i]!,
        conversationId,
        customerId: refile ? customerId : (prev?.customerId ?? customerId),
        brandId,
        platform,
        nativeId: prev?.nativeId ?? m.id,
        direction: m.direction,
        author: m.author.displayName || m.author.handle || '',
        text: m.text,
        sentAt: times[i]!,
        permalink: m.permalink,
        capturedAt: prev?.capturedAt ?? now,
      };
      if (!prev) added.push(row);
      if (!prev || prev.text !== row.text || prev.direction !== row.direction || prev.sentAt !== row.sentAt || prev.customerId !== row.customerId) writes.push(row);
    }
    if (writes.length) await db.messages.bulkPut(writes);
    return { conversationId, customerId: conversation.customerId, added };
  });
}

/**
 * Virtualised lists (X timelines, Messenger threads) recycle rows while the agent scrolls, so
 * one DOM reading never shows the whole conversation. The accumulator keeps every message seen
 * for the open conversation, de-duplicated by id, in page order, and resets when the agent
 * opens another conversation. Pure; lives in the content script only for the open conversation.
 *
 * It also guards against the instant after an in-app navigation when the URL names the new
 * conversation but the page still shows the old one. Where the page gives each message an id
 * of its own that no other conversation can carry (X chat's message uuids), the ids of the
 * conversation just left are remembered: a reading of another conversation that shows only
 * those is "stale" (the caller reports not-rendered), and they are never merged into it.
 * Legacy X DMs derive their ids from the URL's conversation, so the old rows read under the new
 * URL get new ids; there the content of the conversation just left is remembered instead
 * (direction, time and text, what those ids are derived from, kept as the short key dm-ids.ts
 * computes, built once per switch) together with the customer it was recorded with:
 * - a reading of another DM that shows only that content is stale, and rows of it that carry a
 *   time are dropped from it. Rows without a time are kept when the reading also shows new rows:
 *   "ok" or "thanks" may really be in both conversations, and nothing on the page tells them apart;
 * - a reading of another DM whose header shows the customer of the DM just left is stale (one
 *   customer per 1:1 DM and account), whatever its rows: the old pane's header would otherwise
 *   file the new DM under the old customer for good (the background fixes a conversation's
 *   customer at its first capture);
 * - a reading of the DM just left (going back) whose header shows another customer than the one
 *   recorded for it is stale: it is the other DM's pane under the old URL.
 * That memory is a guess, not proof (the same template reply can be sent to two customers in the
 * same minute), so it is forgotten once a reading of the new DM shows anything the old one did
 * not (the pane has switched), and CONTENT_MEMORY_MS after the readings left the old DM in any
 * case. The X adapter's own check (a pane naming a person outside the URL's pair, x/extract-dm.ts)
 * comes first; this is the second line.
 * X threads and Messenger have a page marker for this instead (extract-thread, extract-messenger).
 */
import {
  CONVERSATION_CONTENT_IDENTITY,
  CONVERSATION_OWN_IDS,
  MAX_FORMER_IDS,
  type ConversationKind,
  type ConversationSnapshot,
  type SnapshotMessage,
} from '../platforms/snapshot';
import { dmContentKey } from '../platforms/x/dm-ids';
import { userIdsOfPair } from '../platforms/x/routes';

export type MergeResult =
  | { stale?: false; snapshot: ConversationSnapshot; changed: boolean }
  /** Every message read belongs to the conversation just left: the page has not switched yet. */
  | { stale: true };

export interface Accumulator {
  /** Merge a fresh reading; returns the accumulated snapshot and whether anything changed. */
  merge(snapshot: ConversationSnapshot): MergeResult;
  /** The page shows no conversation (or none readable): forget the open one, remembering it as left. */
  reset(): void;
}

export interface AccumulatorOptions {
  /** Clock in milliseconds (Date.now by default); tests pass their own. */
  now?: () => number;
}

/** Upper bound on what one open conversation keeps in the content script. */
const MAX_MESSAGES = 5000;

/**
 * How long what a legacy DM showed is held against the next readings, counted from the first
 * reading of anything else (a debounce after the URL change). The pane normally switches well
 * within it; past it, a reading is taken as it is.
 */
export const CONTENT_MEMORY_MS = 5_000;

const sameMessage = (a: SnapshotMessage, b: SnapshotMessage) =>
  a.text === b.text &&
  a.direction === b.direction &&
  a.sentAt === b.sentAt &&
  a.deliveryState === b.deliveryState &&
  a.inReplyTo === b.inReplyTo &&
  (a.formerIds ?? []).join('\n') === (b.formerIds ?? []).join('\n');

/**
 * A message read again: the newer reading, keeping what only an earlier one could see. What a
 * reply answers is known only while the tweet it answers is on screen (a virtualised list
 * mounts rows in any order), and a Messenger row's former ids depend on how much of the customer
 * the page showed then.
 */
const mergeMessage = (prev: SnapshotMessage, next: SnapshotMessage): SnapshotMessage => {
  const merged = { ...next };
  const inReplyTo = next.inReplyTo ?? prev.inReplyTo;
  if (inReplyTo !== undefined) merged.inReplyTo = inReplyTo;
  const formerIds = [...new Set([...(next.formerIds ?? []), ...(prev.formerIds ?? [])])].slice(0, MAX_FORMER_IDS);
  if (formerIds.length) merged.formerIds = formerIds;
  return merged;
};

/** How a kind's rows are recognised in another conversation's reading: by id, by content, or not at all. */
type Identity = 'id' | 'content';
const identityOf = (kind: ConversationKind): Identity | null =>
  CONVERSATION_OWN_IDS.has(kind) ? 'id' : CONVERSATION_CONTENT_IDENTITY.has(kind) ? 'content' : null;
const identityKey = (identity: Identity, m: SnapshotMessage): string => (identity === 'id' ? m.id : dmContentKey(m));

/** The conversation the readings left last, and what it showed. */
interface Left {
  conversation: string;
  /** The account it was read with (lowercase), as in the accumulator's key. */
  agent: string;
  identity: Identity;
  keys: ReadonlySet<string>;
  /** A 1:1 DM read with a known account: the customer's handle it was recorded with (lowercase). */
  customer: string | null;
  /** When the readings left it. */
  at: number;
}

const agentOf = (s: ConversationSnapshot): string =>
  (s.agent ? (s.agent.pageId ?? s.agent.handle ?? s.agent.displayName ?? '') : '').toLowerCase();

/**
 * The customer's handle (lowercase) of a reading whose customer says which conversation it is:
 * a 1:1 legacy DM `<idA>-<idB>` read with a known account (one customer per DM and account; a
 * group's header names no one customer). Null otherwise: no check by customer then.
 */
const customerKey = (s: ConversationSnapshot, agent: string): string | null =>
  identityOf(s.kind) === 'content' && agent && userIdsOfPair(s.conversationId).length === 2
    ? (s.customer?.handle?.toLowerCase() ?? null)
    : null;

/** A message's time in ms, or null without a (readable) one. */
const timeOf = (m: SnapshotMessage): number | null => {
  const t = m.sentAt === null ? NaN : Date.parse(m.sentAt);
  return Number.isNaN(t) ? null : t;
};

/**
 * Where a reading that shares no row with the accumulated ones goes (the index its first row
 * takes; the reading keeps its own order): after the last accumulated row whose time is not later
 * than the reading's first time (rows without a time are passed over), at the top when every timed
 * row is later. A reading without any time goes at the end: what the page newly shows is most
 * likely the latest.
 */
function placeByTime(order: readonly string[], byId: ReadonlyMap<string, SnapshotMessage>, reading: readonly SnapshotMessage[]): number {
  let first: number | null = null;
  for (const m of reading) if ((first = timeOf(m)) !== null) break;
  if (first === null) return order.length;
  for (let i = order.length - 1; i >= 0; i--) {
    const t = timeOf(byId.get(order[i]!)!);
    if (t !== null && t <= first) return i + 1;
  }
  return order.some((id) => timeOf(byId.get(id)!) !== null) ? 0 : order.length;
}

export function createAccumulator(options: AccumulatorOptions = {}): Accumulator {
  const now = options.now ?? Date.now;
  let key = '';
  let conversation = '';
  let agentKey = '';
  let order: string[] = [];
  let byId = new Map<string, SnapshotMessage>();
  let last: ConversationSnapshot | null = null;
  /** The conversation left last (kinds with an identity only). */
  let left: Left | null = null;

  /** The open conversation as left at `at`, when its kind has an identity (its keys built here, once). */
  const remember = (at: number): Left | null => {
    const identity = last ? identityOf(last.kind) : null;
    if (!conversation || !last || !identity) return null;
    const keys = new Set(order.map((id) => identityKey(identity, byId.get(id)!)));
    return { conversation, agent: agentKey, identity, keys, customer: customerKey(last, agentKey), at };
  };

  /** The readings show something else than the open conversation: remember it, once per switch. */
  const leaving = (at: number) => {
    if (conversation && left?.conversation !== conversation) left = remember(at) ?? left;
  };

  const close = () => {
    key = '';
    conversation = '';
    agentKey = '';
    order = [];
    byId = new Map();
    last = null;
  };

  return {
    reset() {
      leaving(now());
      close();
    },
    merge(input) {
      const t = now();
      // The logged-in account is part of the key: after switching accounts on the same thread,
      // the other account's messages (its "outgoing" ones) must not be sent as this one's.
      const agent = agentOf(input);
      const conv = `${input.platform}:${input.conversationId}`;
      const k = `${conv}:${agent}`;
      if (conversation !== conv) leaving(t);
      // What a DM showed is a guess about the next readings: trusted for a few seconds only.
      // (Chat ids are proof: kept until another conversation is left.)
      if (left?.identity === 'content' && t - left.at >= CONTENT_MEMORY_MS) left = null;
      const identity = identityOf(input.kind);
      const before = left && identity && left.identity === identity ? left : null;
      let snapshot = input;
      if (before) {
        // One customer per 1:1 DM and account: the handle the DM left was recorded with.
        const customer = customerKey(input, agent);
        const recorded = customer && before.agent === agent ? before.customer : null;
        if (before.conversation === conv) {
          // Going back to it: a header naming someone else is the other DM's pane under this URL.
          if (recorded && customer !== recorded) return { stale: true };
        } else {
          const known = (m: SnapshotMessage) => before.keys.has(identityKey(before.identity, m));
          if (input.messages.length > 0 && input.messages.every(known)) return { stale: true };
          // The old pane's header, maybe over rows of it never read (they arrived just before the click).
          if (recorded && customer === recorded) return { stale: true };
          // A matching id is proof; matching content is proof only with a time.
          const fresh = input.messages.filter((m) => !known(m) || (identity === 'content' && m.sentAt === null));
          if (fresh.length !== input.messages.length) snapshot = { ...input, messages: fresh };
          // The pane has switched: from now on what it shows is this DM's, even where it repeats
          // the old one (the same template reply sent to both in the same minute).
          if (identity === 'content' && input.messages.some((m) => !known(m))) left = null;
        }
      }
      // Back on the conversation left: it is the open one again, remembered anew when left.
      if (left?.conversation === conv) left = null;
      if (k !== key) {
        close();
        key = k;
        conversation = conv;
        agentKey = agent;
      }
      let changed = last === null || last.state !== snapshot.state || last.customer?.handle !== snapshot.customer?.handle;
      // Insert unseen messages after the nearest preceding message that is already known, so
      // rows discovered while scrolling up land above the ones seen before. Rows before the first
      // known one of this reading go just before it ("Show more replies" expanded above it), not
      // to the top of the conversation; a reading with no known row at all (a fast scroll past the
      // virtualised window, "jump to latest") goes where its time puts it.
      const firstKnown = snapshot.messages.find((m) => byId.has(m.id));
      let anchor = (firstKnown ? order.indexOf(firstKnown.id) : placeByTime(order, byId, snapshot.messages)) - 1;
      for (const m of snapshot.messages) {
        const prev = byId.get(m.id);
        if (prev) {
          anchor = order.indexOf(m.id);
          const merged = mergeMessage(prev, m);
          if (!sameMessage(prev, merged)) {
            byId.set(m.id, merged);
            changed = true;
          }
          continue;
        }
        byId.set(m.id, m);
        order.splice(anchor + 1, 0, m.id);
        anchor += 1;
        changed = true;
      }
      if (order.length > MAX_MESSAGES) {
        for (const id of order.splice(0, order.length - MAX_MESSAGES)) byId.delete(id);
      }
      const merged: ConversationSnapshot = {
        ...snapshot,
        customer: snapshot.customer ?? last?.customer ?? null,
        messages: order.map((id) => byId.get(id)!),
      };
      last = merged;
      return { snapshot: merged, changed };
    },
  };
}

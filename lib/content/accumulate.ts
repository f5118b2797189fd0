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
 * (direction, time and text, what those ids are derived from): a reading that shows only that
 * content is stale, and rows of it that carry a time are never merged into another conversation.
 * Rows without a time are kept when the reading also shows new rows: "ok" or "thanks" may
 * really be in both conversations, and nothing on the page tells them apart.
 * X threads and Messenger have a page marker for this instead (extract-thread, extract-messenger).
 */
import {
  CONVERSATION_CONTENT_IDENTITY,
  CONVERSATION_OWN_IDS,
  type ConversationKind,
  type ConversationSnapshot,
  type SnapshotMessage,
} from '../platforms/snapshot';

export type MergeResult =
  | { stale?: false; snapshot: ConversationSnapshot; changed: boolean }
  /** Every message read belongs to the conversation just left: the page has not switched yet. */
  | { stale: true };

export interface Accumulator {
  /** Merge a fresh reading; returns the accumulated snapshot and whether anything changed. */
  merge(snapshot: ConversationSnapshot): MergeResult;
  reset(): void;
}

/** Upper bound on what one open conversation keeps in the content script. */
const MAX_MESSAGES = 5000;

const sameMessage = (a: SnapshotMessage, b: SnapshotMessage) =>
  a.text === b.text && a.direction === b.direction && a.sentAt === b.sentAt && a.deliveryState === b.deliveryState;

/** How a kind's rows are recognised in another conversation's reading: by id, by content, or not at all. */
type Identity = 'id' | 'content';
const identityOf = (kind: ConversationKind): Identity | null =>
  CONVERSATION_OWN_IDS.has(kind) ? 'id' : CONVERSATION_CONTENT_IDENTITY.has(kind) ? 'content' : null;
const identityKey = (identity: Identity, m: SnapshotMessage): string =>
  identity === 'id' ? m.id : JSON.stringify([m.direction, m.sentAt, m.text]);

/** The conversation left last and what identifies the rows it showed. */
interface Left {
  conversation: string;
  identity: Identity;
  keys: ReadonlySet<string>;
}

export function createAccumulator(): Accumulator {
  let key = '';
  let conversation = '';
  let order: string[] = [];
  let byId = new Map<string, SnapshotMessage>();
  let last: ConversationSnapshot | null = null;
  /** The conversation left last (kinds with an identity only). */
  let left: Left | null = null;

  /** The open conversation as a Left, when its kind has an identity. */
  const current = (): Left | null => {
    const identity = last ? identityOf(last.kind) : null;
    if (!conversation || !identity) return null;
    return { conversation, identity, keys: new Set(order.map((id) => identityKey(identity, byId.get(id)!))) };
  };

  /** Forget the open conversation, remembering it as the one just left. */
  const leave = () => {
    left = current() ?? left;
    key = '';
    conversation = '';
    order = [];
    byId = new Map();
    last = null;
  };

  return {
    reset: leave,
    merge(input) {
      // The logged-in account is part of the key: after switching accounts on the same thread,
      // the other account's messages (its "outgoing" ones) must not be sent as this one's.
      const agent = input.agent ? (input.agent.pageId ?? input.agent.handle ?? input.agent.displayName ?? '') : '';
      const conv = `${input.platform}:${input.conversationId}`;
      const k = `${conv}:${agent.toLowerCase()}`;
      // The conversation whose rows this reading must not show: the open one when this reading
      // is of another conversation, else the one left before.
      const before = (k !== key && conversation !== conv ? current() : null) ?? left;
      const identity = identityOf(input.kind);
      let snapshot = input;
      if (before && identity && before.identity === identity && before.conversation !== conv) {
        const known = (m: SnapshotMessage) => before.keys.has(identityKey(identity, m));
        if (input.messages.length > 0 && input.messages.every(known)) return { stale: true };
        // A matching id is proof; matching content is proof only with a time.
        const fresh = input.messages.filter((m) => !known(m) || (identity === 'content' && m.sentAt === null));
        if (fresh.length !== input.messages.length) snapshot = { ...input, messages: fresh };
      }
      if (k !== key) {
        if (key) leave();
        key = k;
        conversation = conv;
      }
      let changed = last === null || last.state !== snapshot.state || last.customer?.handle !== snapshot.customer?.handle;
      // Insert unseen messages after the nearest preceding message that is already known, so
      // rows discovered while scrolling up land above the ones seen before.
      let anchor = -1;
      for (const m of snapshot.messages) {
        const prev = byId.get(m.id);
        if (prev) {
          anchor = order.indexOf(m.id);
          if (!sameMessage(prev, m)) {
            byId.set(m.id, m);
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

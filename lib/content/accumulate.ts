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
 * X threads and Messenger have a page marker for this instead (extract-thread, extract-messenger);
 * legacy DMs derive their ids from the URL's conversation, so this guard cannot see them.
 */
import { CONVERSATION_OWN_IDS, type ConversationSnapshot, type SnapshotMessage } from '../platforms/snapshot';

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

export function createAccumulator(): Accumulator {
  let key = '';
  let conversation = '';
  let order: string[] = [];
  let byId = new Map<string, SnapshotMessage>();
  let last: ConversationSnapshot | null = null;
  /** The conversation left last and the ids it showed (kinds in CONVERSATION_OWN_IDS only). */
  let left: { conversation: string; ids: ReadonlySet<string> } | null = null;

  /** Forget the open conversation, remembering its ids as the one just left. */
  const leave = () => {
    if (conversation && last && CONVERSATION_OWN_IDS.has(last.kind)) left = { conversation, ids: new Set(order) };
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
      // The conversation whose ids this reading must not show: the open one when this reading
      // is of another conversation, else the one left before.
      const before = k !== key && conversation && conversation !== conv && last && CONVERSATION_OWN_IDS.has(last.kind)
        ? { conversation, ids: new Set(order) }
        : left;
      let snapshot = input;
      if (before && before.conversation !== conv && CONVERSATION_OWN_IDS.has(input.kind)) {
        const fresh = input.messages.filter((m) => !before.ids.has(m.id));
        if (input.messages.length > 0 && fresh.length === 0) return { stale: true };
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

/**
 * Virtualised lists (X timelines, Messenger threads) recycle rows while the agent scrolls, so
 * one DOM reading never shows the whole conversation. The accumulator keeps every message seen
 * for the open conversation, de-duplicated by id, in page order, and resets when the agent
 * opens another conversation. Pure; lives in the content script only for the open conversation.
 */
import type { ConversationSnapshot, SnapshotMessage } from '../platforms/snapshot';

export interface Accumulator {
  /** Merge a fresh reading; returns the accumulated snapshot and whether anything changed. */
  merge(snapshot: ConversationSnapshot): { snapshot: ConversationSnapshot; changed: boolean };
  reset(): void;
}

/** Upper bound on what one open conversation keeps in the content script. */
const MAX_MESSAGES = 5000;

const sameMessage = (a: SnapshotMessage, b: SnapshotMessage) =>
  a.text === b.text && a.direction === b.direction && a.sentAt === b.sentAt && a.deliveryState === b.deliveryState;

export function createAccumulator(): Accumulator {
  let key = '';
  let order: string[] = [];
  let byId = new Map<string, SnapshotMessage>();
  let last: ConversationSnapshot | null = null;

  return {
    reset() {
      key = '';
      order = [];
      byId = new Map();
      last = null;
    },
    merge(snapshot) {
      // The logged-in account is part of the key: after switching accounts on the same thread,
      // the other account's messages (its "outgoing" ones) must not be sent as this one's.
      const agent = snapshot.agent ? (snapshot.agent.pageId ?? snapshot.agent.handle ?? snapshot.agent.displayName ?? '') : '';
      const k = `${snapshot.platform}:${snapshot.conversationId}:${agent.toLowerCase()}`;
      if (k !== key) {
        key = k;
        order = [];
        byId = new Map();
        last = null;
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

/**
 * A minimal recognised X DM with Dana, for component tests that render a conversation's
 * sections (the panel's Case and Replies tabs) without a page behind them.
 */
import type { ConversationSnapshot, SnapshotMessage } from '../../lib/platforms/snapshot';

export function danaDm(messages: SnapshotMessage[] = []): ConversationSnapshot {
  return {
    platform: 'x',
    kind: 'x-dm',
    conversationId: 'conv-1',
    url: 'https://x.com/messages/conv-1',
    state: 'ok',
    agent: null,
    customer: { handle: 'dana_example', displayName: 'Dana Example' },
    messages,
  };
}

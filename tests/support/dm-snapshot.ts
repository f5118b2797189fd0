/**
 * A minimal recognised X DM with Dana (and her customer record), for component tests that render a conversation's
 * sections (the panel's Case and Replies tabs) without a page behind them.
 */
import type { ConversationSnapshot, SnapshotMessage } from '../../lib/platforms/snapshot';
import type { Customer } from '../../lib/db/records';

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

/** Dana's customer record in a brand, as the panel's tests seed it beside danaDm(). */
export function danaCustomer(brandId: string, at: number): Customer {
  return {
    id: 'dana',
    brandId,
    displayName: 'Dana Example',
    identities: [{ platform: 'x', handle: 'dana_example' }],
    identityKeys: ['x:dana_example'],
    tags: [],
    firstSeenAt: at,
    lastSeenAt: at,
    linkedCustomerIds: [],
  };
}

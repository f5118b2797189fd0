/**
 * Business Suite inbox thread → snapshot. Messenger-like rows (shared reader), but identities come
 * from the URL: `asset_id` is the Page (agent), `selected_item_id` the customer. Instagram threads
 * live in the same inbox but belong to another identity space, so they are not read.
 */
import type { ExtractOptions } from '../adapter';
import { notRecognised, type NotRecognised } from '../snapshot';
import type { ConversationSnapshot, Person } from '../snapshot';
import { agentFromBusinessSuite } from './agent';
import { personOfAgent } from './extract-messenger';
import { threadScope } from './regions';
import { findThreadGrid, threadCustomer } from './thread-grid';
import { readThreadRows } from './thread-rows';

const NUMERIC = /^\d{1,30}$/;

export const extractBusiness = (doc: Document, url: URL, options: ExtractOptions): ConversationSnapshot | NotRecognised => {
  const customerId = url.searchParams.get('selected_item_id') ?? '';
  if (!NUMERIC.test(customerId)) return notRecognised('no-conversation', 'no selected_item_id in the URL');
  if (/^IG/i.test(url.searchParams.get('thread_type') ?? '') || url.pathname.includes('/instagram')) {
    return notRecognised('unsupported', 'Instagram threads are not read (not a Facebook identity)');
  }
  const assetId = url.searchParams.get('asset_id') ?? '';
  const scope = threadScope(doc);
  if (!scope) return notRecognised('not-rendered', 'page has no main column');
  const grid = findThreadGrid(scope);
  if (!grid) return notRecognised('not-rendered', 'no message grid rendered yet');
  const agent = agentFromBusinessSuite(doc, url);
  const header = threadCustomer(grid, scope) ?? {};
  // selected_item_id is the customer's id in this Page's inbox; a header link's numeric id would
  // be another id space, so only a vanity profile link is kept beside it.
  const customer: Person = {
    ...(header.handle ? { handle: header.handle, profileUrl: header.profileUrl } : {}),
    ...(header.displayName ? { displayName: header.displayName } : {}),
    userId: customerId,
  };
  const conversationId = NUMERIC.test(assetId) ? `${assetId}:${customerId}` : customerId;
  const messages = readThreadRows(grid, {
    threadId: conversationId,
    customer,
    us: personOfAgent(agent),
    ourNames: agent?.displayName ? [agent.displayName] : [],
    isOutgoingBubble: options.isOutgoingBubble,
    now: options.now,
  });
  return {
    platform: 'facebook',
    kind: 'fb-business',
    conversationId,
    url: url.href,
    state: messages.length === 0 ? 'empty' : 'ok',
    agent,
    customer,
    messages,
  };
};

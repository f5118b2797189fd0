/**
 * Messenger thread → snapshot: facebook.com `/messages/t/<id>`, `/messages/e2ee/t/<id>`,
 * messenger.com `/t/<id>`, `/e2ee/t/<id>`. The customer is the conversation header; the agent is
 * the account shown in banner/navigation. An encrypted chat behind its PIN prompt is 'locked'.
 */
import type { ExtractOptions } from '../adapter';
import { notRecognised, type NotRecognised } from '../snapshot';
import type { Agent, ConversationSnapshot, Person } from '../snapshot';
import { agentFromAccountRegion } from './agent';
import { threadScope } from './regions';
import { threadIdFromUrl } from './routes';
import { findThreadGrid, hasPinPrompt, threadCustomer } from './thread-grid';
import { readThreadRows } from './thread-rows';

/** The person outgoing rows are attributed to. */
export const personOfAgent = (agent: Agent | null): Person => ({
  ...(agent?.handle ? { handle: agent.handle } : {}),
  ...(agent?.displayName ? { displayName: agent.displayName } : {}),
});

export const extractMessenger = (doc: Document, url: URL, options: ExtractOptions): ConversationSnapshot | NotRecognised => {
  const threadId = threadIdFromUrl(url);
  if (!threadId) return notRecognised('no-conversation', 'no thread id in the URL');
  const scope = threadScope(doc);
  if (!scope) return notRecognised('not-rendered', 'page has no main column');
  // After an in-app navigation the URL changes before the thread does: the chat list marks the
  // thread on screen (aria-current); another one is the previous conversation, not this one.
  const shown = shownThreadId(doc);
  if (shown && shown !== threadId) return notRecognised('not-rendered', `the page still shows another thread (${shown}) than the URL's (${threadId})`);
  const locked = hasPinPrompt(doc);
  const grid = findThreadGrid(scope);
  if (!grid && !locked) return notRecognised('not-rendered', 'no message grid rendered yet');
  const agent = agentFromAccountRegion(doc);
  const customer = threadCustomer(grid, scope);
  const messages = grid
    ? readThreadRows(grid, {
        threadId,
        customer,
        us: personOfAgent(agent),
        ourNames: agent?.displayName ? [agent.displayName] : [],
        isOutgoingBubble: options.isOutgoingBubble,
        now: options.now,
      })
    : [];
  return {
    platform: 'facebook',
    kind: 'fb-messenger',
    conversationId: threadId,
    url: url.href,
    state: locked ? 'locked' : messages.length === 0 ? 'empty' : 'ok',
    agent,
    customer,
    messages,
  };
};

/** The thread the chat list marks as the one open (`aria-current="page"` on its link), if any. */
function shownThreadId(doc: Document): string | null {
  for (const link of doc.querySelectorAll('a[aria-current="page"][href]')) {
    try {
      const id = threadIdFromUrl(new URL(link.getAttribute('href')!, doc.baseURI));
      if (id) return id;
    } catch {
      // not a URL: not a thread link
    }
  }
  return null;
}

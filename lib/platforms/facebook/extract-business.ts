/**
 * Business Suite inbox thread → snapshot. Messenger-like rows (shared reader), but identities come
 * from the URL: `asset_id` is the Page (agent), `selected_item_id` the customer. Instagram,
 * WhatsApp and comment threads live in the same inbox but are not Messenger conversations with a
 * Facebook identity, so they are refused as unsupported (see businessThreadRefusal).
 */
import type { ExtractOptions } from '../adapter';
import { notRecognised, type NotRecognised } from '../snapshot';
import type { ConversationSnapshot, Person } from '../snapshot';
import { agentFromBusinessSuite } from './agent';
import { personOfAgent } from './extract-messenger';
import { fbUrl } from './identity';
import { threadScope } from './regions';
import { businessThreadRefusal } from './routes';
import { findThreadGrid, threadCustomer } from './thread-grid';
import { readThreadRows } from './thread-rows';
import { textOf } from './text';

const NUMERIC = /^\d{1,30}$/;

const sameName = (a: string, b: string): boolean => {
  const norm = (n: string) => n.replace(/\s+/g, ' ').trim().toLowerCase();
  const [x, y] = [norm(a), norm(b)];
  // The list may cut a long name short ("Jamie Riv…").
  return x === y || (x.endsWith('…') && y.startsWith(x.slice(0, -1).trimEnd())) || (y.endsWith('…') && x.startsWith(y.slice(0, -1).trimEnd()));
};

/** Conversation-list links outside the message grid: selected_item_id → link. */
const listLinks = (scope: Element, grid: Element): { id: string; link: Element }[] =>
  Array.from(scope.querySelectorAll('a[href*="selected_item_id="]'))
    .filter((link) => !grid.contains(link))
    .flatMap((link) => {
      const id = fbUrl(link.getAttribute('href'))?.searchParams.get('selected_item_id') ?? '';
      return NUMERIC.test(id) ? [{ id, link }] : [];
    });

/** Name a conversation-list row shows: its first text block, else its avatar's alt text. */
const rowName = (link: Element): string =>
  textOf(link.querySelector('div[dir="auto"], span[dir="auto"]')) || (link.querySelector('img[alt]')?.getAttribute('alt') ?? '').trim();

/**
 * Reason the pane still shows another conversation than the URL's, or null. Evidence from the
 * conversation list: the row marked selected is another conversation, or the row of this
 * selected_item_id names someone else than the pane's header. No list in view: no evidence, no refusal.
 */
const stalePane = (scope: Element, grid: Element, customerId: string, headerName: string | undefined): string | null => {
  const links = listLinks(scope, grid);
  const selected = links.find(({ link }) => link.matches('[aria-current="page"], [aria-current="true"]') || link.closest('[aria-selected="true"]') !== null);
  if (selected && selected.id !== customerId) return `the inbox still shows another conversation (${selected.id}) than the URL's (${customerId})`;
  const row = links.find(({ id }) => id === customerId);
  const listed = row ? rowName(row.link) : '';
  if (headerName && listed && !sameName(listed, headerName)) return `the pane still shows another conversation than the URL's (${customerId})`;
  return null;
};

export const extractBusiness = (doc: Document, url: URL, options: ExtractOptions): ConversationSnapshot | NotRecognised => {
  const customerId = url.searchParams.get('selected_item_id') ?? '';
  if (!NUMERIC.test(customerId)) return notRecognised('no-conversation', 'no selected_item_id in the URL');
  const refusal = businessThreadRefusal(url);
  if (refusal) return notRecognised('unsupported', refusal);
  const assetId = url.searchParams.get('asset_id') ?? '';
  const scope = threadScope(doc);
  if (!scope) return notRecognised('not-rendered', 'page has no main column');
  const grid = findThreadGrid(scope);
  if (!grid) return notRecognised('not-rendered', 'no message grid rendered yet');
  const agent = agentFromBusinessSuite(doc, url);
  const header = threadCustomer(grid, scope) ?? {};
  // After a click in the conversation list the URL changes before the pane does.
  const stale = stalePane(scope, grid, customerId, header.displayName);
  if (stale) return notRecognised('not-rendered', stale);
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

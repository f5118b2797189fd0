/**
 * X chat `/i/chat/<idA>-<idB>`, `/i/chat/g<id>` (end-to-end encrypted DMs, 2025→).
 *
 * - conversationId: the id in the URL.
 * - Rows `[data-testid="message-<uuid>"]`; the uuid is the message id.
 * - Direction: no attribute says who sent a row. In order:
 *   1. `options.isOutgoingBubble(row)` — the content script passes a geometry check (bubble
 *      aligned to the end of the log); unit tests inject their own;
 *   2. `data-send-status` on the row or inside it → outgoing (X shows delivery state only
 *      under one's own messages);
 *   3. a profile link/avatar in the row: the agent's → out, anyone else's → in;
 *   4. otherwise "unknown" — never guessed.
 * - States: passcode screen → 'locked' (nothing readable), empty-conversation state → 'empty',
 *   read-only banner or a log without a composer → 'read-only'.
 */
import type { ExtractOptions } from '../adapter';
import type { Agent, ConversationState, ExtractResult, Person, SnapshotMessage } from '../snapshot';
import { notRecognised } from '../snapshot';
import { readXAgent } from './agent';
import { handleFromHref, isHidden, isoFrom, rebuildText, sameHandle } from './dom';
import { customerUserId, personFromHeader } from './dm-people';
import { dmConversationIdFromUrl } from './routes';
import { queryAllX, queryX, X } from './selectors';
import { personOf } from './tweet-messages';

const ROW_ID = /^message-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function extractChat(doc: Document, url: URL, options: ExtractOptions = {}): ExtractResult {
  const conversationId = dmConversationIdFromUrl(url);
  if (!conversationId) return notRecognised('chat inbox: no conversation open');
  const agent = readXAgent(doc);
  const locked = queryX(doc, X.chatLocked);
  const panel = queryX(doc, X.chatPanel);
  if (!panel && !locked) return notRecognised('chat conversation not rendered (no dm-conversation-panel)');
  const scope = panel ?? doc.body;
  const header = queryX(scope, X.chatHeader);
  const headerPerson = header ? personFromHeader(header, agent) : null;
  const userId = customerUserId(conversationId, scope);
  const customer: Person | null = headerPerson ? { ...headerPerson, ...(userId ? { userId } : {}) } : null;
  const messages = locked ? [] : readRows(scope, agent, customer, options);
  return {
    ok: true,
    snapshot: {
      platform: 'x',
      kind: 'x-chat',
      conversationId,
      url: url.href,
      state: stateOf(scope, locked, messages.length),
      agent,
      customer,
      messages,
    },
  };
}

function stateOf(scope: Element, locked: Element | null, count: number): ConversationState {
  if (locked) return 'locked';
  if (queryX(scope, X.chatEmpty) || (count === 0 && !queryX(scope, X.chatLog))) return 'empty';
  if (queryX(scope, X.chatReadOnly)) return 'read-only';
  // A rendered log without any composer: X shows a banner instead (blocked, left group, …).
  if (queryX(scope, X.chatLog) && !queryX(scope, X.chatComposer) && count > 0) return 'read-only';
  return count === 0 ? 'empty' : 'ok';
}

function readRows(scope: Element, agent: Agent | null, customer: Person | null, options: ExtractOptions): SnapshotMessage[] {
  const agentPerson = agent ? personOf(agent.handle, agent.displayName) : {};
  const seen = new Set<string>();
  const messages: SnapshotMessage[] = [];
  for (const row of queryAllX(scope, X.chatRow)) {
    const id = ROW_ID.exec(row.getAttribute('data-testid') ?? '')?.[1] ?? row.getAttribute('data-dm-message-row');
    if (!id || seen.has(id) || isHidden(row, scope)) continue;
    seen.add(id);
    const textEl = row.querySelector(`[data-testid="message-text-${id}"]`) ?? row.querySelector(X.chatText.css[0]!);
    const status = row.getAttribute('data-send-status') ?? row.querySelector('[data-send-status]')?.getAttribute('data-send-status') ?? undefined;
    const direction = directionOf(row, status, agent, options);
    const message: SnapshotMessage = {
      id,
      author: direction === 'out' ? agentPerson : direction === 'in' ? incomingAuthor(senderOf(row, textEl), customer) : {},
      text: textEl ? rebuildText(textEl) : '',
      sentAt: isoFrom(row.querySelector('time[datetime]')),
      direction,
    };
    if (status) message.deliveryState = status.slice(0, 40);
    messages.push(message);
  }
  return messages;
}

function directionOf(row: Element, status: string | undefined, agent: Agent | null, options: ExtractOptions): SnapshotMessage['direction'] {
  const geometry = options.isOutgoingBubble?.(row);
  if (geometry !== undefined) return geometry ? 'out' : 'in';
  if (status) return 'out';
  const sender = senderOf(row, null);
  if (sender?.handle && agent?.handle) return sameHandle(sender.handle, agent.handle) ? 'out' : 'in';
  return 'unknown';
}

/** The sender's avatar/profile link in a row (not a link inside the message text). */
function senderOf(row: Element, textEl: Element | null): Person | null {
  const link = Array.from(row.querySelectorAll('a[href]')).find((a) => !(textEl ?? row.querySelector(X.chatText.css[0]!))?.contains(a));
  const handle = handleFromHref(link?.getAttribute('href'));
  return handle ? personOf(handle) : null;
}

/** In a 1:1 chat an incoming row is the customer's; a group row names its sender. */
function incomingAuthor(sender: Person | null, customer: Person | null): Person {
  if (sender && customer && sameHandle(sender.handle, customer.handle)) return customer;
  return sender ?? customer ?? {};
}

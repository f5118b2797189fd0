/**
 * X chat `/i/chat/<idA>-<idB>`, `/i/chat/g<id>` (end-to-end encrypted DMs, 2025→).
 *
 * - conversationId: the id in the URL.
 * - Rows `[data-testid="message-<uuid>"]`; the uuid is the message id.
 * - Direction: no attribute says who sent a row. In order:
 *   1. `options.isOutgoingBubble(row)` when given (unit tests drive it);
 *   2. `data-send-status` on the row or inside it → outgoing (X shows delivery state only
 *      under one's own messages);
 *   3. a profile link/avatar in the row: the agent's → out, anyone else's → in;
 *   4. layout: the bubble's centre right of the log's middle → outgoing (geometry.ts) — unless
 *      it contradicts 2 and 3 (every bubble on one side while they put a row on the other, as
 *      with styles not loaded; or more disagreements than agreements): then layout is ignored
 *      for the whole log;
 *   5. otherwise "unknown" — never guessed.
 * - States: passcode screen → 'locked' (nothing readable), empty-conversation state → 'empty',
 *   read-only banner or a log without a composer → 'read-only'.
 */
import type { ExtractOptions } from '../adapter';
import { geometryContradicted, geometryIsOutgoing, type SidedRow } from '../geometry';
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
  if (!conversationId) return notRecognised('no-conversation', 'chat inbox: no conversation open');
  const agent = readXAgent(doc);
  const locked = queryX(doc, X.chatLocked);
  const panel = queryX(doc, X.chatPanel);
  if (!panel && !locked) return notRecognised('not-rendered', 'chat conversation not rendered (no dm-conversation-panel)');
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
  const log = queryX(scope, X.chatLog) ?? scope;
  const seen = new Set<string>();
  const rows: (SidedRow & { message: SnapshotMessage; row: Element; textEl: Element | null })[] = [];
  for (const row of queryAllX(scope, X.chatRow)) {
    const id = ROW_ID.exec(row.getAttribute('data-testid') ?? '')?.[1] ?? row.getAttribute('data-dm-message-row');
    if (!id || seen.has(id) || isHidden(row, scope)) continue;
    seen.add(id);
    const textEl = row.querySelector(`[data-testid="message-text-${id}"]`) ?? row.querySelector(X.chatText.css[0]!);
    const status = row.getAttribute('data-send-status') ?? row.querySelector('[data-send-status]')?.getAttribute('data-send-status') ?? undefined;
    const injected = options.isOutgoingBubble?.(row);
    const message: SnapshotMessage = {
      id,
      author: {},
      text: textEl ? rebuildText(textEl) : '',
      sentAt: isoFrom(row.querySelector('time[datetime]')),
      direction: 'unknown',
    };
    if (status) message.deliveryState = status.slice(0, 40);
    rows.push({
      message,
      row,
      textEl,
      known: injected ?? knownSide(row, status, agent),
      // The bubble (the text's box), not the row: rows span the whole log.
      geometry: injected === undefined ? geometryIsOutgoing(textEl?.parentElement ?? textEl ?? row, log) : undefined,
    });
  }
  const useGeometry = !geometryContradicted(rows);
  return rows.map(({ message, row, textEl, known, geometry }) => {
    const side = known ?? (useGeometry ? geometry : undefined);
    const direction: SnapshotMessage['direction'] = side === undefined ? 'unknown' : side ? 'out' : 'in';
    const author = direction === 'out' ? agentPerson : direction === 'in' ? incomingAuthor(senderOf(row, textEl), customer) : {};
    return { ...message, author, direction };
  });
}

/** The side a sure sign puts a row on: delivery state (ours), or the sender's avatar link. */
function knownSide(row: Element, status: string | undefined, agent: Agent | null): boolean | undefined {
  if (status) return true;
  const sender = senderOf(row, null);
  if (sender?.handle && agent?.handle) return sameHandle(sender.handle, agent.handle);
  return undefined;
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

/**
 * X platform adapter: wires routes, agent, extractors and composer lookup. Pure / DOM-only.
 */
import type { PlatformAdapter } from '../adapter';
import type { ConversationKind } from '../snapshot';
import { readXAgent } from './agent';
import { findXComposer } from './composer';
import { extractX } from './extract';
import { dmConversationIdFromUrl, isChatRequests, isChatThread, isComposeModal, isDmThread, isTweetThread, isXHost } from './routes';
import { queryX, X } from './selectors';

export function xConversationKindOf(url: URL): ConversationKind | null {
  if (isTweetThread(url)) return 'x-thread';
  if (isComposeModal(url)) return 'x-compose';
  if (isDmThread(url)) return 'x-dm';
  if (isChatThread(url) || (isChatRequests(url) && dmConversationIdFromUrl(url))) return 'x-chat';
  return null;
}

/** Where conversation changes happen: the chat or DM container when open, else the main column. */
export function xObserveRoot(doc: Document): Element | null {
  return queryX(doc, X.chatContainer) ?? queryX(doc, X.dmActivity) ?? queryX(doc, X.primaryColumn) ?? queryX(doc, X.mainRoot);
}

export const xAdapter: PlatformAdapter = {
  platform: 'x',
  handles: isXHost,
  conversationKindOf: xConversationKindOf,
  readAgent: (doc) => readXAgent(doc),
  extract: extractX,
  observeRoot: xObserveRoot,
  findComposer: findXComposer,
};

export { xRouteDetectors } from './routes';

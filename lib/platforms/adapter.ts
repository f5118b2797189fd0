/**
 * The interface each platform module (lib/platforms/x, lib/platforms/facebook) fills in.
 * Content scripts only wire an adapter to the page; everything here is pure or DOM-only,
 * carries no customer data beyond the snapshot it returns, and never touches IndexedDB.
 */
import type { Agent, ConversationKind, ExtractResult } from './snapshot';

/** How to tell whether a chat bubble is the agent's own (geometry), injectable for tests. */
export type IsOutgoingBubble = (el: Element) => boolean | undefined;

export interface ExtractOptions {
  /** Wall clock for resolving relative times ("2h"); tests pass a fixed one. */
  now?: Date;
  /** Optional geometry hint for chat bubbles without a direction attribute. */
  isOutgoingBubble?: IsOutgoingBubble;
}

/** Which editor technology a composer uses decides the insertion strategy. */
export type ComposerKind = 'draft' | 'lexical' | 'textarea' | 'contenteditable';

export interface ComposerTarget {
  kind: ComposerKind;
  /** The editable element (contenteditable root or textarea). */
  element: HTMLElement;
  /** The platform's own send control, to check it became enabled after insertion. */
  sendButton?: HTMLElement | null;
}

export interface PlatformAdapter {
  /** Identity space of the platform. */
  readonly platform: 'x' | 'facebook';
  /** Does this adapter handle pages at this URL at all (host check)? */
  handles(url: URL): boolean;
  /** Which conversation kind the URL is, or null when it is no conversation page. */
  conversationKindOf(url: URL): ConversationKind | null;
  /** The logged-in account / acting Page, or null when the page does not show it. */
  readAgent(doc: Document, url: URL): Agent | null;
  /** Pure: DOM root + URL → snapshot or "not recognised: reason". Must never throw. */
  extract(doc: Document, url: URL, options?: ExtractOptions): ExtractResult;
  /** The element whose subtree holds the conversation, to scope the MutationObserver. */
  observeRoot(doc: Document): Element | null;
  /**
   * Find the composer to insert into, looked up fresh at insertion time. `prefer`: the composer
   * the agent last worked in (focus has moved to the panel by now), chosen when it is still one
   * of this conversation's composers.
   */
  findComposer(doc: Document, url: URL, prefer?: Element | null): ComposerTarget | null;
}

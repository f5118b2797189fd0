/**
 * Where on the page the conversation is. A post opened from the feed is a `[role="dialog"]`
 * laid over the feed (which stays in the DOM behind it): read the dialog, never the feed.
 */
import { queryAllFb, queryFb } from './selectors';

/** The topmost open dialog that holds an article (a post), or null when none is open. */
export const postDialog = (doc: Document): Element | null =>
  queryAllFb(doc, 'dialog').filter((d) => queryFb(d, 'article') !== null).at(-1) ?? null;

/** Root to read a post from: the post dialog when open, else the main column, else the body. */
export const postScope = (doc: Document): Element | null => postDialog(doc) ?? queryFb(doc, 'main') ?? doc.body;

/** Root to read a chat from: the main column (chat heads and the chat list live elsewhere). */
export const threadScope = (doc: Document): Element | null => queryFb(doc, 'main');

/** The element whose subtree changes when the conversation does (for the MutationObserver). */
export const fbObserveRoot = (doc: Document): Element | null => postDialog(doc) ?? queryFb(doc, 'main');

/**
 * The native composer to insert a reply into, looked up fresh at insertion time. Insertion
 * itself lives in lib/platforms/insert/; this only says *which* element and which editor.
 */
import type { ComposerTarget } from '../adapter';
import { isHidden } from './dom';
import { isChatRequests, isChatThread, isDmThread } from './routes';
import { queryAllX, queryX, X, type XSelector } from './selectors';

export function findXComposer(doc: Document, url: URL, prefer: Element | null = null): ComposerTarget | null {
  if (isChatThread(url) || isChatRequests(url)) return chatComposer(doc) ?? tweetComposer(doc, prefer);
  if (isDmThread(url)) return dmComposer(doc) ?? tweetComposer(doc, prefer);
  // A tweet's page: only a tweet composer. A DM or chat drawer open beside it belongs to another
  // conversation; a public reply must never land there (no reply box: the insert is refused).
  return tweetComposer(doc, prefer);
}

const visible = (doc: Document, selector: XSelector): HTMLElement[] =>
  queryAllX(doc, selector).filter((el): el is HTMLElement => !isHidden(el) && 'focus' in el);

/**
 * Reply composer (Draft.js on desktop, a textarea on mobile web). Several can exist: the
 * inline reply box under the focused tweet, a modal on top, and `_1`, `_2`… for the parts of a
 * thread being written. Prefer the one holding focus (or, focus being in the panel, the one the
 * agent last worked in), else the one in an open modal, else the first on the page.
 */
function tweetComposer(doc: Document, prefer: Element | null = null): ComposerTarget | null {
  // The fallback Draft.js selector also matches the DM drawer's (and the DM page's) editor: a
  // public reply must never be typed into a private message, so anything inside one is dropped.
  const dmArea = X.dmArea.css.join(', ');
  const all = [...visible(doc, X.draftComposer), ...visible(doc, X.mobileComposer)].filter((el) => el.closest(dmArea) === null);
  if (all.length === 0) return null;
  const active = doc.activeElement;
  const holds = (node: Element | null) => (el: HTMLElement) => node !== null && (el === node || el.contains(node));
  const focused = all.find(holds(active)) ?? all.find(holds(prefer));
  const inModal = all.find((el) => el.closest(X.dialog.css[1]!));
  const element = focused ?? inModal ?? all[0]!;
  const modal = element.closest(X.dialog.css[1]!);
  const sendButton = modal
    ? (queryX(modal, X.replyButtonModal) as HTMLElement | null) ?? (queryX(modal, X.replyButtonInline) as HTMLElement | null)
    : (queryX(doc, X.replyButtonInline) as HTMLElement | null) ?? (queryX(doc, X.replyButtonModal) as HTMLElement | null);
  return { kind: element.tagName === 'TEXTAREA' ? 'textarea' : 'draft', element, sendButton };
}

/** Legacy DMs: a Draft.js editor. */
function dmComposer(doc: Document): ComposerTarget | null {
  const root = queryX(doc, X.dmComposer) as HTMLElement | null;
  if (!root) return null;
  // The test id may sit on the editor's wrapper; insertion needs the contenteditable itself.
  const element = root.isContentEditable || root.getAttribute('contenteditable') === 'true' ? root : ((root.querySelector('[contenteditable="true"]') as HTMLElement | null) ?? root);
  return { kind: 'draft', element, sendButton: queryX(doc, X.dmSend) as HTMLElement | null };
}

/** Chat: a real textarea; the send button appears only once there is text. */
function chatComposer(doc: Document): ComposerTarget | null {
  const element = queryX(doc, X.chatComposer) as HTMLElement | null;
  if (!element) return null;
  return { kind: 'textarea', element, sendButton: queryX(doc, X.chatSend) as HTMLElement | null };
}

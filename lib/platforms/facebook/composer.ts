/**
 * Find the native composer to insert a reply into, fresh at insertion time (never cached): the
 * Lexical editor of the comment box, of a reply-to-comment box, of Messenger or of Business
 * Suite. Docked chat windows and the feed behind a post dialog have Lexical editors too, so
 * the search is scoped to the conversation (post dialog or main column).
 */
import type { ComposerTarget } from '../adapter';
import { commentHeaderLinks, commentStamp } from './comment-parts';
import { fbUrl, normaliseCommentId } from './identity';
import { postScope, threadScope } from './regions';
import { fbConversationKindOf } from './routes';
import { fbHints, queryAllFb } from './selectors';

const isHtmlElement = (el: Element | null): el is HTMLElement => !!el && 'focus' in el;

/** The comment article whose own timestamp link (never a link in its text) carries this comment (or reply) id. */
const commentArticle = (scope: Element, id: string): Element | null => {
  for (const article of queryAllFb(scope, 'article')) {
    const url = fbUrl(commentStamp(commentHeaderLinks(article))?.getAttribute('href'));
    const own = normaliseCommentId(url?.searchParams.get('reply_comment_id') ?? url?.searchParams.get('comment_id'));
    if (own === id) return article;
  }
  return null;
};

/** Reply box of a comment: the editor sharing the comment's list item (replies nest one level deeper). */
const replyComposerFor = (article: Element, editors: HTMLElement[]): HTMLElement | null => {
  for (let li = article.closest('li'); li; li = li.parentElement?.closest('li') ?? null) {
    const editor = editors.find((e) => li?.contains(e));
    if (editor) return editor;
  }
  return null;
};

/** Send / submit control: a labelled one near the editor (hint), else the last button of its form. */
export const sendButtonNear = (editor: HTMLElement): HTMLElement | null => {
  let node: Element | null = editor.parentElement;
  for (let depth = 0; node && depth < 8; depth++, node = node.parentElement) {
    const buttons = queryAllFb(node, 'button').filter((b) => !editor.contains(b));
    const labelled = buttons.find((b) => fbHints.sendLabel.test((b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
    if (isHtmlElement(labelled ?? null)) return labelled as HTMLElement;
    if (node.matches('[role="article"], li, [role="main"], [role="dialog"]')) break;
  }
  const formButtons = editor.closest('form') ? queryAllFb(editor.closest('form') as Element, 'button').filter((b) => !editor.contains(b)) : [];
  const last = formButtons.at(-1) ?? null;
  return isHtmlElement(last) ? last : null;
};

export const findFbComposer = (doc: Document, url: URL, prefer: Element | null = null): ComposerTarget | null => {
  const kind = fbConversationKindOf(url);
  if (!kind) return null;
  const scope = kind === 'fb-post' ? postScope(doc) : threadScope(doc);
  if (!scope) return null;
  const editors = queryAllFb(scope, 'lexicalComposer').filter(isHtmlElement);
  const active = doc.activeElement;
  const holds = (node: Element | null) => (e: HTMLElement) => !!node && (e === node || e.contains(node));
  // The box being typed in, else the one the agent last worked in (clicking the panel moved focus).
  let chosen = editors.find(holds(active)) ?? editors.find(holds(prefer)) ?? null;
  if (!chosen && kind === 'fb-post') {
    const targetId = normaliseCommentId(url.searchParams.get('reply_comment_id') ?? url.searchParams.get('comment_id'));
    const target = targetId ? commentArticle(scope, targetId) : null;
    chosen = (target ? replyComposerFor(target, editors) : null) ?? editors.find((e) => !e.closest('li')) ?? null;
  }
  chosen ??= editors[0] ?? null;
  if (!chosen) {
    // Business Suite has shipped a plain textarea composer; insertion handles both.
    const textarea = kind === 'fb-business' ? scope.querySelector('textarea') : null;
    return isHtmlElement(textarea) ? { kind: 'textarea', element: textarea, sendButton: sendButtonNear(textarea) } : null;
  }
  return { kind: 'lexical', element: chosen, sendButton: sendButtonNear(chosen) };
};

/**
 * The parts of a post or comment article: its own links (not a nested reply's), its text blocks,
 * its header/action-bar links, its timestamp link and its author. Shared by the post extractor,
 * the agent reader (comment authors are candidates for the acting Page) and the composer finder.
 *
 * A comment's *text* may hold links too — mentions, and pasted links to other comments
 * (`…/posts/pfbid…?comment_id=<another comment>`). Those say nothing about the comment itself,
 * so its id, time and author are read only from links outside its text blocks.
 */
import type { Person } from '../snapshot';
import { fbUrl, personFromHref } from './identity';
import { isPostPath } from './routes';
import { queryAllFb } from './selectors';
import { labelOf, outermost } from './text';

/** Nearest article ancestor (not self). */
export const parentArticle = (el: Element): Element | null => el.parentElement?.closest('[role="article"]') ?? null;

/** Elements under `article` that belong to it and not to an article nested inside it. */
export const own = (article: Element, els: Element[]): Element[] => els.filter((el) => el.closest('[role="article"]') === article);

export const ownLinks = (article: Element): HTMLAnchorElement[] => own(article, Array.from(article.querySelectorAll('a[href]'))) as HTMLAnchorElement[];

/** Is this link a permalink to a post (optionally with a comment id)? */
export const isPermalink = (a: Element): boolean => {
  const url = fbUrl(a.getAttribute('href'));
  return !!url && isPostPath(url);
};

/** First named profile link that is not the timestamp link. */
export const authorOf = (links: readonly Element[], timestamp: Element | null): Person | null => {
  let fallback: Person | null = null;
  for (const a of links) {
    if (a === timestamp || isPermalink(a)) continue;
    const person = personFromHref(a.getAttribute('href'));
    if (!person) continue;
    const name = labelOf(a);
    if (name) return { ...person, displayName: name };
    fallback ??= person; // avatar link (aria-hidden, no text) before the name link
  }
  return fallback;
};

/** Outermost text blocks of a comment (`div[dir="auto"]`), not the author name inside a link. */
export const commentTextBlocks = (article: Element): Element[] =>
  outermost(own(article, queryAllFb(article, 'autoDirText')).filter((el) => !el.closest('a')));

/** The comment's own links: header (avatar, name) and action bar (timestamp), never links in its text. */
export const commentHeaderLinks = (article: Element, blocks: readonly Element[] = commentTextBlocks(article)): HTMLAnchorElement[] =>
  ownLinks(article).filter((a) => !blocks.some((b) => b.contains(a)));

const COMMENT_ID_PARAM = /[?&](reply_)?comment_id=/;

/**
 * The comment's timestamp link: among its own header/action links carrying a comment id, the one
 * pointing at a post (profile links may carry `comment_id` too), else the last of them.
 */
export const commentStamp = (links: readonly Element[]): Element | null => {
  const stamps = links.filter((a) => COMMENT_ID_PARAM.test(a.getAttribute('href') ?? ''));
  return stamps.find(isPermalink) ?? stamps.at(-1) ?? null;
};

/** Author of a comment article (from its header links), or null. */
export const commentAuthor = (article: Element): Person | null => {
  const links = commentHeaderLinks(article);
  return authorOf(links, commentStamp(links));
};

/**
 * Page post with its comments and replies → snapshot. Posts, comments and replies are all
 * `[role="article"]`; comments are the articles nested in the post. A comment's author is its
 * first profile link that is not its timestamp link; its id and time come from the timestamp
 * link (`comment_id=`, `reply_comment_id=` for replies). Collapsed replies ("View 3 replies")
 * are not in the DOM yet, so they are simply not part of this snapshot.
 */
import type { ExtractOptions } from '../adapter';
import { notRecognised, type NotRecognised } from '../snapshot';
import type { Agent, ConversationSnapshot, Person, SnapshotMessage } from '../snapshot';
import { agentFromPerson, isAgent, readFbAgent } from './agent';
import { cleanPermalink, fbUrl, normaliseCommentId, personFromHref } from './identity';
import { postScope } from './regions';
import { resolveRelativeTime } from './relative-time';
import { isPostPath, postIdFromUrl } from './routes';
import { queryAllFb, queryFb } from './selectors';
import { labelOf, outermost, textOf } from './text';

/** Nearest article ancestor (not self). */
const parentArticle = (el: Element): Element | null => el.parentElement?.closest('[role="article"]') ?? null;

/** Elements under `article` that belong to it and not to an article nested inside it. */
const own = (article: Element, els: Element[]): Element[] => els.filter((el) => el.closest('[role="article"]') === article);

const ownLinks = (article: Element): HTMLAnchorElement[] => own(article, Array.from(article.querySelectorAll('a[href]'))) as HTMLAnchorElement[];

/** Is this link a permalink to a post (optionally with a comment id)? */
const isPermalink = (a: Element): boolean => {
  const url = fbUrl(a.getAttribute('href'));
  return !!url && isPostPath(url);
};

/** First named profile link that is not the timestamp link. */
const authorOf = (links: HTMLAnchorElement[], timestamp: Element | null): Person | null => {
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

/** The post among top-level articles in scope: the one linking to the URL's post id, else the first. */
const findPost = (scope: Element, postId: string): Element | null => {
  const top = queryAllFb(scope, 'article').filter((a) => {
    const parent = parentArticle(a);
    return parent === null || !scope.contains(parent);
  });
  return top.find((a) => Array.from(a.querySelectorAll('a[href]')).some((l) => l.getAttribute('href')?.includes(postId))) ?? top[0] ?? null;
};

interface CommentParts {
  message: SnapshotMessage;
  isReply: boolean;
}

const readComment = (article: Element, postId: string, agent: Agent | null, now: Date | undefined): CommentParts | null => {
  const links = ownLinks(article);
  const stamps = links.filter((a) => /[?&](reply_)?comment_id=/.test(a.getAttribute('href') ?? ''));
  // Profile links may carry comment_id too: the timestamp is the one pointing at a post.
  const stamp = stamps.find(isPermalink) ?? stamps.at(-1) ?? null;
  const stampUrl = fbUrl(stamp?.getAttribute('href'));
  const replyId = normaliseCommentId(stampUrl?.searchParams.get('reply_comment_id'));
  const commentId = normaliseCommentId(stampUrl?.searchParams.get('comment_id'));
  const id = replyId ?? commentId;
  if (!id) return null; // a comment still being posted has no permalink yet
  const author = authorOf(links, stamp) ?? {};
  // Text blocks of the comment itself; mentions inside the text are links, the author name link is not text.
  const text = outermost(own(article, queryAllFb(article, 'autoDirText')).filter((el) => !el.closest('a')))
    .map((el) => textOf(el))
    .filter(Boolean)
    .join('\n');
  return {
    isReply: replyId !== null,
    message: {
      id,
      author,
      text,
      sentAt: resolveRelativeTime(labelOf(stamp), now),
      direction: isAgent(agent, author) ? 'out' : 'in',
      permalink: cleanPermalink(stamp?.getAttribute('href')) ?? undefined,
      inReplyTo: replyId !== null ? (commentId ?? postId) : postId,
    },
  };
};

export const extractPost = (doc: Document, url: URL, options: ExtractOptions): ConversationSnapshot | NotRecognised => {
  const postId = postIdFromUrl(url);
  if (!postId) return notRecognised('no-conversation', 'no post id in the URL');
  const scope = postScope(doc);
  if (!scope) return notRecognised('not-rendered', 'page has no main column');
  const post = findPost(scope, postId);
  if (!post) return notRecognised('not-rendered', 'no post article rendered yet');

  const postLinks = ownLinks(post);
  const stamp = postLinks.find((a) => isPermalink(a) && !/comment_id=/.test(a.getAttribute('href') ?? '')) ?? null;
  const headerLink = own(post, queryAllFb(post, 'postHeaderLink'))[0] ?? null;
  const headerPerson = personFromHref(headerLink?.getAttribute('href'));
  const postAuthor: Person = headerPerson ? { ...headerPerson, displayName: labelOf(headerLink) } : (authorOf(postLinks, stamp) ?? {});

  let agent = readFbAgent(doc, url, scope);
  // permalink.php?story_fbid=…&id=<pageId>: the Page id is known when the Page is the one acting.
  const pageIdParam = url.searchParams.get('id');
  if (agent && isAgent(agent, postAuthor)) agent = agentFromPerson(postAuthor, /^\d+$/.test(pageIdParam ?? '') ? (pageIdParam ?? undefined) : agent.pageId);

  const messageEl = own(post, queryAllFb(post, 'postMessage'))[0] ?? queryFb(post, 'postMessage');
  const messages: SnapshotMessage[] = [
    {
      id: postId,
      author: postAuthor,
      text: textOf(messageEl),
      sentAt: resolveRelativeTime(labelOf(stamp), options.now),
      direction: isAgent(agent, postAuthor) ? 'out' : 'in',
      permalink: cleanPermalink(url.href) ?? undefined,
      focused: true,
    },
  ];
  const comments = queryAllFb(post, 'article').filter((a) => a !== post);
  const seen = new Set<string>([postId]);
  for (const article of comments) {
    const parsed = readComment(article, postId, agent, options.now);
    if (!parsed || seen.has(parsed.message.id)) continue; // hidden duplicates render twice
    seen.add(parsed.message.id);
    messages.push(parsed.message);
  }

  // The customer: the comment the URL points at, else the post author when it is not the Page.
  const targetId = normaliseCommentId(url.searchParams.get('reply_comment_id') ?? url.searchParams.get('comment_id'));
  const target = targetId ? messages.find((m) => m.id === targetId) : undefined;
  const customer = target ? target.author : isAgent(agent, postAuthor) ? null : postAuthor;

  return {
    platform: 'facebook',
    kind: 'fb-post',
    conversationId: postId,
    url: url.href,
    state: 'ok',
    agent,
    customer: customer && Object.keys(customer).length > 0 ? customer : null,
    messages,
  };
};

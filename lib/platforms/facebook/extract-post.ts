/**
 * Page post with its comments and replies → snapshot. Posts, comments and replies are all
 * `[role="article"]`; comments are the articles nested in the post. A comment's author is its
 * first profile link that is not its timestamp link; its id and time come from the timestamp
 * link (`comment_id=`, `reply_comment_id=` for replies). Collapsed replies ("View 3 replies")
 * are not in the DOM yet, so they are simply not part of this snapshot.
 */
import type { ExtractOptions } from '../adapter';
import { notRecognised, SnapshotMessageSchema, type NotRecognised } from '../snapshot';
import type { Agent, ConversationSnapshot, Person, SnapshotMessage } from '../snapshot';
import { agentFromPerson, isAgent, readFbAgent } from './agent';
import { authorOf, commentHeaderLinks, commentStamp, commentTextBlocks, isPermalink, own, ownLinks, parentArticle } from './comment-parts';
import { cleanPermalink, fbUrl, normaliseCommentId, personFromHref } from './identity';
import { postScope } from './regions';
import { resolveRelativeTime } from './relative-time';
import { postIdFromUrl } from './routes';
import { queryAllFb, queryFb } from './selectors';
import { labelOf, textOf } from './text';

const PFBID = /^pfbid/;
/** A photo id names the photo, not its post: it is never compared with a post id. */
const isPhotoUrl = (url: URL): boolean => /^\/(photo\/?|photo\.php)$/.test(url.pathname);

/** Post ids an article's own permalinks name (its timestamp link, not its comments' links). */
const renderedPostIds = (article: Element): string[] =>
  ownLinks(article).flatMap((a) => {
    const url = fbUrl(a.getAttribute('href'));
    const id = url && isPermalink(a) && !isPhotoUrl(url) ? postIdFromUrl(url) : null;
    return id ? [id] : [];
  });

/**
 * The post among top-level articles in scope: the one linking to the URL's post id. Else the
 * first one, but only when its permalink names the post by the other form of id (pfbid… for a
 * numeric URL or the reverse: the same post, no way to compare) or names none. A permalink of the
 * same form with another id is the previous post still on screen after an in-app navigation.
 * Photo URLs (`/photo/?fbid=`) name a photo, so they are not compared.
 */
const findPost = (scope: Element, url: URL, postId: string): { post: Element } | NotRecognised => {
  const top = queryAllFb(scope, 'article').filter((a) => {
    const parent = parentArticle(a);
    return parent === null || !scope.contains(parent);
  });
  const linking = top.find((a) => Array.from(a.querySelectorAll('a[href]')).some((l) => l.getAttribute('href')?.includes(postId)));
  if (linking) return { post: linking };
  const first = top[0] ?? null;
  if (!first) return notRecognised('not-rendered', 'no post article rendered yet');
  const shown = isPhotoUrl(url) ? undefined : renderedPostIds(first).find((id) => PFBID.test(id) === PFBID.test(postId));
  if (shown && shown !== postId) return notRecognised('not-rendered', `the page still shows another post (${shown.slice(0, 80)}) than the URL's (${postId})`);
  return { post: first };
};

interface CommentParts {
  message: SnapshotMessage;
  isReply: boolean;
}

const readComment = (article: Element, postId: string, agent: Agent | null, now: Date | undefined): CommentParts | null => {
  // Id, time and author come from the comment's header and action bar, never from links in its
  // text: a pasted link to another comment (`?comment_id=<other>`) would give it that comment's id.
  const blocks = commentTextBlocks(article);
  const links = commentHeaderLinks(article, blocks);
  const stamp = commentStamp(links);
  const stampUrl = fbUrl(stamp?.getAttribute('href'));
  const replyId = normaliseCommentId(stampUrl?.searchParams.get('reply_comment_id'));
  const commentId = normaliseCommentId(stampUrl?.searchParams.get('comment_id'));
  const id = replyId ?? commentId;
  if (!id) return null; // a comment still being posted has no permalink yet
  const author = authorOf(links, stamp) ?? {};
  // Text blocks of the comment itself; mentions inside the text are links, the author name link is not text.
  const text = blocks
    .map((el) => textOf(el))
    .filter(Boolean)
    .join('\n');
  const message: SnapshotMessage = {
    id,
    author,
    text,
    sentAt: resolveRelativeTime(labelOf(stamp), now),
    direction: isAgent(agent, author) ? 'out' : 'in',
    permalink: cleanPermalink(stamp?.getAttribute('href')) ?? undefined,
    inReplyTo: replyId !== null ? (commentId ?? postId) : postId,
  };
  // One comment whose id, name or link the schema refuses is dropped, never the whole page. Its
  // text is left to the snapshot's own check: a message over the length limit is reported, not
  // dropped silently (robust-extract.test.ts).
  if (!SnapshotMessageSchema.safeParse({ ...message, text: '' }).success) return null;
  return { isReply: replyId !== null, message };
};

export const extractPost = (doc: Document, url: URL, options: ExtractOptions): ConversationSnapshot | NotRecognised => {
  const postId = postIdFromUrl(url);
  if (!postId) return notRecognised('no-conversation', 'no post id in the URL');
  const scope = postScope(doc);
  if (!scope) return notRecognised('not-rendered', 'page has no main column');
  const found = findPost(scope, url, postId);
  if (!('post' in found)) return found;
  const { post } = found;

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

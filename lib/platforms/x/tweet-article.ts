/**
 * One `article[data-testid="tweet"]` → its own id, author, time and text. Everything is read
 * from the article's *own* header: a quoted tweet nested inside (a `div[role="link"]` with its
 * own User-Name and time) is skipped. Real markup: ../shared/data/social-dom-fixtures/x-twitter/
 * tweetyoink__x-tweet-quote*.html.
 */
import { handleFromHref, isHidden, isoFrom, mentionHandles, ownAll, ownFirst, rebuildText } from './dom';
import { queryAllX, queryX, X } from './selectors';

export interface ParsedTweet {
  id: string;
  handle: string | null;
  displayName: string | null;
  sentAt: string | null;
  text: string;
  /** The focused tweet of a status page (tabindex="-1"). */
  focused: boolean;
  /**
   * Whom the tweet answers, as the page names them: the @handle links of its "Replying to @a @b"
   * line (the words are translated; only the links are read), else the @mentions its text starts
   * with (older pages kept them in the text). Empty when the page names nobody.
   */
  replyingTo: string[];
}

const STATUS_ID = /\/status\/(\d{1,25})/;

/** Null when the article shows no tweet id at all (a placeholder or a tombstone). */
export function parseTweetArticle(article: Element): ParsedTweet | null {
  const userName = ownFirst(article, X.userName.css[0]!);
  const handle = handleOf(article, userName);
  const permalink = permalinkOf(article, handle);
  const id = permalink ? STATUS_ID.exec(permalink.getAttribute('href') ?? '')?.[1] : undefined;
  if (!id) return null;
  const time = permalink?.querySelector('time[datetime]') ?? ownFirst(article, 'time[datetime]');
  const textEl = ownFirst(article, X.tweetText.css[0]!);
  const text = textEl ? rebuildText(textEl) : '';
  return {
    id,
    handle,
    displayName: userName ? displayNameOf(userName) : null,
    sentAt: isoFrom(time),
    text,
    focused: article.getAttribute('tabindex') === '-1',
    replyingTo: replyingToOf(article, text),
  };
}

const LEADING_MENTIONS = /^(?:@[A-Za-z0-9_]{1,15}\s+)+/;

/** "Replying to @a @b": the article's own profile links shown as @handle outside its author and text. */
function replyingToOf(article: Element, text: string): string[] {
  const line = mentionHandles(ownAll(article, 'a[href]').filter((a) => !a.closest(X.userName.css[0]!) && !a.closest(X.tweetText.css[0]!)));
  if (line.length) return line;
  const leading = LEADING_MENTIONS.exec(text)?.[0] ?? '';
  return Array.from(leading.matchAll(/@([A-Za-z0-9_]{1,15})/g), (m) => m[1]!);
}

/** Handle: the "@handle" link of User-Name, else any profile link there, else the avatar id. */
function handleOf(article: Element, userName: Element | null): string | null {
  const links = userName ? Array.from(userName.querySelectorAll('a[href]')) : [];
  const atLink = links.find((a) => rebuildText(a).startsWith('@'));
  const fromLinks = handleFromHref(atLink?.getAttribute('href')) ?? links.map((a) => handleFromHref(a.getAttribute('href'))).find(Boolean);
  if (fromLinks) return fromLinks;
  const atText = userName ? /@([A-Za-z0-9_]{1,15})/.exec(rebuildText(userName))?.[1] : undefined;
  if (atText) return atText;
  const avatar = ownFirst(article, '[data-testid^="UserAvatar-Container-"]');
  const suffix = avatar?.getAttribute('data-testid')?.slice('UserAvatar-Container-'.length);
  return suffix && /^[A-Za-z0-9_]{1,15}$/.test(suffix) ? suffix : null;
}

/** Display name: the first link of User-Name (name spans + emoji img alt; badges are svg). */
function displayNameOf(userName: Element): string | null {
  const first = userName.querySelector('a[href]') ?? userName.querySelector('[dir="ltr"], [dir="auto"]');
  const name = first ? rebuildText(first) : '';
  return name && !name.startsWith('@') ? name.slice(0, 500) : null;
}

/** The permalink holding the time (`a[href="/<handle>/status/<id>"] > time`), else another own
 *  status link of the author (e.g. `/analytics`) — optional: tombstones have neither. */
function permalinkOf(article: Element, handle: string | null): Element | null {
  const links = ownAll(article, 'a[href*="/status/"]');
  const withTime = links.find((a) => a.querySelector('time[datetime]'));
  if (withTime) return withTime;
  if (!handle) return null;
  const prefix = `/${handle.toLowerCase()}/status/`;
  return links.find((a) => (a.getAttribute('href') ?? '').toLowerCase().startsWith(prefix)) ?? null;
}

/** Promoted tweets sit *under* placementTracking (a video player inside a tweet also uses that
 *  test id, so only an ancestor counts). */
export const isPromoted = (article: Element): boolean => !!article.parentElement?.closest(X.promoted.css[0]!);

/** Tweet articles of a scope that belong to the conversation: not nested (quoted), not
 *  promoted, not in the side column, not hidden duplicates. */
export function conversationArticles(scope: ParentNode): Element[] {
  const sidebar = X.sidebarColumn.css[0]!;
  return queryAllX(scope, X.tweet).filter(
    // Hidden only counts inside the scope: X sets aria-hidden on the whole app behind a modal.
    (article) => !article.parentElement?.closest('article') && !isPromoted(article) && !article.closest(sidebar) && !isHidden(article, 'nodeType' in scope && scope.nodeType === 1 ? (scope as Element) : null),
  );
}

/** The side of the page that holds the conversation; the document body for saved fragments. */
export const conversationScope = (doc: Document): ParentNode => queryX(doc, X.primaryColumn) ?? doc.body ?? doc;

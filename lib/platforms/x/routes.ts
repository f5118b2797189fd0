/**
 * X page-kind detectors: one-line pure functions of a URL, each with the example URLs it must
 * accept beside it. tests/unit/routes-cross.test.ts checks every detector against its own
 * examples and against every *other* detector's examples (X's and Facebook's), so the kinds
 * stay mutually exclusive — do not add an "any page" detector that overlaps the others.
 */

/** Hosts served by X's web app (manifest matches x.com, twitter.com, mobile.x.com). */
const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

/** First path segments that are app sections, never user handles. */
export const RESERVED_SEGMENTS = new Set([
  'home', 'explore', 'notifications', 'messages', 'i', 'settings', 'compose', 'search',
  'login', 'logout', 'signup', 'tos', 'privacy', 'jobs', 'account', 'intent', 'share',
  'hashtag', 'bookmarks', 'lists', 'communities', 'premium', 'verified', 'download', 'about',
]);

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

export const isXHost = (url: URL): boolean => X_HOSTS.has(url.hostname.toLowerCase());

/** Path segments without empty parts ("/a//b/" → ["a", "b"]). */
const segments = (url: URL): string[] => url.pathname.split('/').filter(Boolean);

/** Is this first path segment a user handle (not an app section)? */
export const isHandleSegment = (segment: string | undefined): segment is string =>
  segment !== undefined && HANDLE.test(segment) && !RESERVED_SEGMENTS.has(segment.toLowerCase());

/** `/<handle>/status/<id>` plus optional tails such as `/photo/1`, `/analytics`. */
export const isTweetThread = (url: URL) =>
  isXHost(url) && isHandleSegment(segments(url)[0]) && segments(url)[1] === 'status' && /^\d{1,25}$/.test(segments(url)[2] ?? '');

export const tweetThreadExamples = [
  'https://x.com/dana_example/status/1850000000000000001',
  'https://twitter.com/Acme_Support/status/1850000000000000002?s=20',
  'https://mobile.x.com/dana_example/status/1850000000000000003/photo/1',
];

export const isComposeModal = (url: URL) =>
  isXHost(url) && /^\/compose\/(post|tweet)\/?$/i.test(url.pathname);

export const composeModalExamples = ['https://x.com/compose/post', 'https://twitter.com/compose/tweet'];

export const isDmInbox = (url: URL) => isXHost(url) && /^\/messages\/?$/.test(url.pathname);

export const dmInboxExamples = ['https://x.com/messages', 'https://twitter.com/messages/'];

/** `/messages/<idA>-<idB>` (1:1) or `/messages/<conversationId>` (group); not `/messages/compose`. */
export const isDmThread = (url: URL) => isXHost(url) && /^\/messages\/\d{1,25}(-\d{1,25})?(\/[a-z]*)?\/?$/.test(url.pathname);

export const dmThreadExamples = [
  'https://x.com/messages/1111111111-2222222222',
  'https://x.com/messages/1500000000000000000',
  'https://twitter.com/messages/1111111111-2222222222/info',
];

export const isChatInbox = (url: URL) => isXHost(url) && /^\/i\/chat\/?$/.test(url.pathname);

export const chatInboxExamples = ['https://x.com/i/chat', 'https://x.com/i/chat/'];

/** `/i/chat/<idA>-<idB>` (1:1) or `/i/chat/g<id>` (group). */
export const isChatThread = (url: URL) => isXHost(url) && /^\/i\/chat\/(\d{1,25}-\d{1,25}|g\d{1,25})\/?$/.test(url.pathname);

export const chatThreadExamples = [
  'https://x.com/i/chat/1111111111-2222222222',
  'https://x.com/i/chat/g1900000000000000000',
];

export const isChatRequests = (url: URL) => isXHost(url) && /^\/i\/chat\/requests(\/|$)/.test(url.pathname);

export const chatRequestsExamples = ['https://x.com/i/chat/requests', 'https://x.com/i/chat/requests/1111111111-3333333333'];

/** `/<handle>` and its tabs (`/with_replies`, `/media`, …) but not a status page. */
export const isProfile = (url: URL) =>
  isXHost(url) && isHandleSegment(segments(url)[0]) && !['status', 'i'].includes(segments(url)[1] ?? '') && segments(url).length <= 2;

export const profileExamples = ['https://x.com/dana_example', 'https://x.com/acme_support/with_replies', 'https://twitter.com/Dana_Example/'];

const SPECIFIC = [isTweetThread, isComposeModal, isDmInbox, isDmThread, isChatInbox, isChatThread, isChatRequests, isProfile];

/** Any other X page (home, search, settings, lists…): no conversation here. */
export const isOtherXPage = (url: URL) => isXHost(url) && !SPECIFIC.some((detect) => detect(url));

export const otherXPageExamples = ['https://x.com/home', 'https://x.com/explore', 'https://x.com/search?q=acme', 'https://x.com/i/bookmarks', 'https://x.com/settings/account'];

export interface RouteDetector {
  /** Stable name, also used in test output. */
  name: string;
  test: (url: URL) => boolean;
  /** URLs this detector must accept (and every other detector must reject). */
  examples: readonly string[];
}

export const xRouteDetectors: RouteDetector[] = [
  { name: 'x-tweet-thread', test: isTweetThread, examples: tweetThreadExamples },
  { name: 'x-compose-modal', test: isComposeModal, examples: composeModalExamples },
  { name: 'x-dm-inbox', test: isDmInbox, examples: dmInboxExamples },
  { name: 'x-dm-thread', test: isDmThread, examples: dmThreadExamples },
  { name: 'x-chat-inbox', test: isChatInbox, examples: chatInboxExamples },
  { name: 'x-chat-thread', test: isChatThread, examples: chatThreadExamples },
  { name: 'x-chat-requests', test: isChatRequests, examples: chatRequestsExamples },
  { name: 'x-profile', test: isProfile, examples: profileExamples },
  { name: 'x-other', test: isOtherXPage, examples: otherXPageExamples },
];

/** Tweet id of a status URL, or null. */
export const tweetIdFromUrl = (url: URL): string | null => (isTweetThread(url) ? (segments(url)[2] ?? null) : null);

/** Conversation id of a DM or chat URL (`<idA>-<idB>`, `<convId>`, `g<id>`), or null. */
export const dmConversationIdFromUrl = (url: URL): string | null => {
  if (isDmThread(url)) return segments(url)[1] ?? null;
  if (isChatThread(url)) return segments(url)[2] ?? null;
  if (isChatRequests(url)) return segments(url)[3] ?? null;
  return null;
};

/** Numeric user ids of a 1:1 conversation id `<idA>-<idB>` (both), or [] for groups. */
export const userIdsOfPair = (conversationId: string): string[] => {
  const match = /^(\d{1,25})-(\d{1,25})$/.exec(conversationId);
  return match ? [match[1]!, match[2]!] : [];
};

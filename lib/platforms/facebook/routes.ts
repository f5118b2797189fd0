/**
 * Facebook page-kind detectors: one-line pure functions of a URL, each with the example URLs it
 * must accept beside it. Mirrors lib/platforms/x/routes.ts: tests/unit/routes-cross.test.ts (and
 * tests/unit/fb-routes.test.ts) check every detector against every *other* detector's examples,
 * so the kinds stay mutually exclusive. A comment permalink is its own kind (post URL +
 * `comment_id=`), so the plain post detector rejects URLs carrying a comment id.
 */
import type { ConversationKind } from '../snapshot';

/** Same shape as X's `RouteDetector` (kept structural so neither platform imports the other). */
export interface RouteDetector {
  name: string;
  test: (url: URL) => boolean;
  examples: readonly string[];
}

const FACEBOOK_HOSTS = new Set(['facebook.com', 'www.facebook.com', 'web.facebook.com']);
const MESSENGER_HOSTS = new Set(['messenger.com', 'www.messenger.com']);
const BUSINESS_HOSTS = new Set(['business.facebook.com']);

const host = (url: URL) => url.hostname.toLowerCase();
export const isFacebookHost = (url: URL) => FACEBOOK_HOSTS.has(host(url));
export const isMessengerHost = (url: URL) => MESSENGER_HOSTS.has(host(url));
export const isBusinessHost = (url: URL) => BUSINESS_HOSTS.has(host(url));
/** Every host this module reads. m.facebook.com (mobile markup) is deliberately not one: the product targets desktop. */
export const isFbFamilyHost = (url: URL) => isFacebookHost(url) || isMessengerHost(url) || isBusinessHost(url);

const segments = (url: URL): string[] => url.pathname.split('/').filter(Boolean);
const hasParam = (url: URL, name: string) => (url.searchParams.get(name) ?? '') !== '';
/** Numeric id or a `pfbid…` opaque post id. */
const POST_ID = /^(\d{1,30}|pfbid[0-9A-Za-z]{8,120})$/;
const NUMERIC = /^\d{1,30}$/;

/** Any post permalink shape, with or without a comment id (shared by the two post detectors). */
export const isPostPath = (url: URL): boolean =>
  ((isFacebookHost(url) || isBusinessHost(url)) &&
    ((segments(url).length === 3 && segments(url)[1] === 'posts' && POST_ID.test(segments(url)[2] ?? '') && segments(url)[0] !== 'groups') ||
      (/^\/(permalink|story)\.php$/.test(url.pathname) && POST_ID.test(url.searchParams.get('story_fbid') ?? '')) ||
      (/^\/(photo\/?|photo\.php)$/.test(url.pathname) && NUMERIC.test(url.searchParams.get('fbid') ?? '')) ||
      (segments(url)[0] === 'groups' && segments(url)[2] === 'posts' && POST_ID.test(segments(url)[3] ?? '') && segments(url).length === 4)));

/** A post with its comments, no comment singled out. */
export const isPost = (url: URL) => isPostPath(url) && !hasParam(url, 'comment_id') && !hasParam(url, 'reply_comment_id');

export const postExamples = [
  'https://www.facebook.com/acmeoutdoor/posts/pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l',
  'https://www.facebook.com/acmeoutdoor/posts/123456789012345',
  'https://www.facebook.com/permalink.php?story_fbid=pfbid0Ab12Cd34Ef56Gh78&id=100064000000001',
  'https://web.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711',
  'https://www.facebook.com/photo/?fbid=987654321098765&set=a.111222333444555',
  'https://www.facebook.com/photo.php?fbid=987654321098765',
  'https://www.facebook.com/groups/1234567890/posts/9876543210/',
];

/** A post URL singling out a comment (`comment_id=`) or a reply (`reply_comment_id=`). */
export const isCommentPermalink = (url: URL) => isPostPath(url) && (hasParam(url, 'comment_id') || hasParam(url, 'reply_comment_id'));

export const commentPermalinkExamples = [
  'https://www.facebook.com/acmeoutdoor/posts/pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l?comment_id=1122334455667788',
  'https://www.facebook.com/acmeoutdoor/posts/123456789012345?comment_id=1122334455667788&reply_comment_id=8877665544332211',
  'https://www.facebook.com/permalink.php?story_fbid=123456789012345&id=100064000000001&comment_id=1122334455667788',
  'https://www.facebook.com/groups/1234567890/posts/9876543210/?comment_id=1122334455667788',
];

/** Messenger inside facebook.com: `/messages/t/<threadId>/`. */
export const isFbMessengerThread = (url: URL) => isFacebookHost(url) && /^\/messages\/t\/[0-9A-Za-z._-]{1,100}\/?$/.test(url.pathname);

export const fbMessengerThreadExamples = ['https://www.facebook.com/messages/t/100012345678901/', 'https://www.facebook.com/messages/t/5432109876543210'];

/** End-to-end encrypted Messenger inside facebook.com: `/messages/e2ee/t/<threadId>/`. */
export const isFbMessengerE2ee = (url: URL) => isFacebookHost(url) && /^\/messages\/e2ee\/t\/[0-9A-Za-z._-]{1,100}\/?$/.test(url.pathname);

export const fbMessengerE2eeExamples = ['https://www.facebook.com/messages/e2ee/t/7012345678901234/', 'https://web.facebook.com/messages/e2ee/t/7012345678901234'];

/** messenger.com: `/t/<threadId>` or `/e2ee/t/<threadId>`. */
export const isMessengerComThread = (url: URL) => isMessengerHost(url) && /^\/(e2ee\/)?t\/[0-9A-Za-z._-]{1,100}\/?$/.test(url.pathname);

export const messengerComThreadExamples = ['https://www.messenger.com/t/100012345678901', 'https://www.messenger.com/e2ee/t/7012345678901234/', 'https://messenger.com/t/5432109876543210/'];

/** Business Suite inbox with one conversation selected (`selected_item_id`). */
export const isBusinessInboxThread = (url: URL) =>
  isBusinessHost(url) && /^\/latest\/inbox(\/[a-z_]+)?\/?$/.test(url.pathname) && NUMERIC.test(url.searchParams.get('selected_item_id') ?? '');

export const businessInboxThreadExamples = [
  'https://business.facebook.com/latest/inbox/all?asset_id=100064000000001&mailbox_id=100064000000001&selected_item_id=100012345678901&thread_type=FB_MESSAGE',
  'https://business.facebook.com/latest/inbox/facebook?asset_id=100064000000001&selected_item_id=24681357902468&thread_type=FB_MESSAGE',
];

/** Inbox paths that list Facebook Messenger threads (also the default, all-channel inbox). */
const BUSINESS_MESSENGER_PATH = /^\/latest\/inbox(\/(all|facebook))?\/?$/;

/**
 * Why a Business Suite thread is not read, or null when it is a Facebook Messenger thread. The
 * same inbox lists Instagram, WhatsApp and comment threads (`/latest/inbox/whatsapp`,
 * `thread_type=WA_MESSAGE`, `FB_COMMENT`, `IG_…`) under a `selected_item_id` that is no
 * Facebook user: only `FB_MESSAGE` threads (or no thread type) on the all / facebook paths are.
 */
export const businessThreadRefusal = (url: URL): string | null => {
  const type = (url.searchParams.get('thread_type') ?? '').slice(0, 40);
  if (/^IG/i.test(type) || /\/instagram\/?$/.test(url.pathname)) return 'Instagram threads are not read (not a Facebook identity)';
  if (!BUSINESS_MESSENGER_PATH.test(url.pathname)) {
    return `only Facebook Messenger threads are read, not the ${url.pathname.split('/').filter(Boolean).at(-1)?.slice(0, 40) ?? ''} inbox`;
  }
  if (type && type.toUpperCase() !== 'FB_MESSAGE') return `only Facebook Messenger threads are read, not thread_type=${type}`;
  return null;
};

const SPECIFIC = [isPost, isCommentPermalink, isFbMessengerThread, isFbMessengerE2ee, isMessengerComThread, isBusinessInboxThread];

/** Any other page of these hosts (feed, profile, Messenger inbox without a thread, inbox list…): no conversation. */
export const isOtherFbPage = (url: URL) => isFbFamilyHost(url) && !SPECIFIC.some((detect) => detect(url));

export const otherFbPageExamples = [
  'https://www.facebook.com/',
  'https://www.facebook.com/acmeoutdoor',
  'https://www.facebook.com/messages/t/',
  'https://www.messenger.com/',
  'https://business.facebook.com/latest/inbox/all?asset_id=100064000000001',
  'https://www.facebook.com/watch/?v=123456789',
];

export const fbRouteDetectors: RouteDetector[] = [
  { name: 'fb-post', test: isPost, examples: postExamples },
  { name: 'fb-comment-permalink', test: isCommentPermalink, examples: commentPermalinkExamples },
  { name: 'fb-messenger-thread', test: isFbMessengerThread, examples: fbMessengerThreadExamples },
  { name: 'fb-messenger-e2ee', test: isFbMessengerE2ee, examples: fbMessengerE2eeExamples },
  { name: 'messenger-com-thread', test: isMessengerComThread, examples: messengerComThreadExamples },
  { name: 'fb-business-inbox-thread', test: isBusinessInboxThread, examples: businessInboxThreadExamples },
  { name: 'fb-other', test: isOtherFbPage, examples: otherFbPageExamples },
];

/** Conversation kind of a URL, or null for pages that hold no conversation. */
export const fbConversationKindOf = (url: URL): ConversationKind | null =>
  isPostPath(url) ? 'fb-post'
  : isFbMessengerThread(url) || isFbMessengerE2ee(url) || isMessengerComThread(url) ? 'fb-messenger'
  : isBusinessInboxThread(url) ? 'fb-business'
  : null;

/** Post id named by a post URL (pfbid…, story_fbid, photo fbid, group post id), or null. */
export const postIdFromUrl = (url: URL): string | null => {
  if (!isPostPath(url)) return null;
  const s = segments(url);
  if (s[1] === 'posts') return s[2] ?? null;
  if (s[0] === 'groups') return s[3] ?? null;
  return url.searchParams.get('story_fbid') ?? url.searchParams.get('fbid');
};

/** Messenger thread id (`/messages/t/<id>`, `/messages/e2ee/t/<id>`, `/t/<id>`, `/e2ee/t/<id>`), or null. */
export const threadIdFromUrl = (url: URL): string | null =>
  isFbMessengerThread(url) || isFbMessengerE2ee(url) || isMessengerComThread(url) ? (segments(url).at(-1) ?? null) : null;

/** Is this an end-to-end encrypted Messenger thread URL? */
export const isE2eeThread = (url: URL): boolean => (isFbMessengerE2ee(url) || isMessengerComThread(url)) && segments(url).includes('e2ee');

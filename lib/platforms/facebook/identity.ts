/**
 * Who a Facebook link points to. Profile URLs carry tracking parameters (`__cft__[0]`, `__tn__`)
 * and sometimes `comment_id`, which must not split one person into many identities, so the
 * profile URL is rebuilt from scratch: `profile.php?id=<n>` (numeric id known) or `/<vanity>`.
 * Hosts are normalised to www.facebook.com so web.facebook.com and messenger.com agree.
 */
import type { Person } from '../snapshot';

const CANONICAL = 'https://www.facebook.com';
const FB_LINK_HOSTS = /^(www\.|web\.|m\.|business\.)?facebook\.com$/i;

/** First path segments that are app sections, never a profile or Page vanity name. */
const RESERVED = new Set([
  'groups', 'watch', 'photo', 'photo.php', 'photos', 'permalink.php', 'story.php', 'messages', 'marketplace', 'gaming',
  'events', 'pages', 'hashtag', 'notifications', 'stories', 'reel', 'reels', 'login', 'login.php', 'help', 'privacy',
  'policies', 'ads', 'business', 'settings', 'bookmarks', 'friends', 'saved', 'memories', 'latest', 't', 'e2ee',
  'search', 'home.php', 'feeds', 'legal', 'l.php', 'sharer', 'share', 'dialog', 'video', 'videos', 'live', 'fundraisers',
  'ufi', 'browse', 'composer', 'profile.php', 'people', 'me', 'signup', 'recover', 'checkpoint', 'help.php', 'lite',
]);
const VANITY = /^[A-Za-z0-9.\-_]{2,80}$/;
const NUMERIC = /^\d{1,30}$/;

/** Parse an href against facebook.com; null for other sites, javascript:, malformed. */
export const fbUrl = (href: string | null | undefined): URL | null => {
  if (!href) return null;
  try {
    const url = new URL(href, CANONICAL);
    return url.protocol === 'https:' && FB_LINK_HOSTS.test(url.hostname) ? url : null;
  } catch {
    return null;
  }
};

/** Identity part of a profile link (no display name), or null when the link is not a profile. */
export const personFromHref = (href: string | null | undefined): Person | null => {
  const url = fbUrl(href);
  if (!url) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const first = parts[0] ?? '';
  if (first === 'profile.php') {
    const id = url.searchParams.get('id') ?? '';
    return NUMERIC.test(id) ? { userId: id, profileUrl: `${CANONICAL}/profile.php?id=${id}` } : null;
  }
  // /people/<Name>/<id>/ and /groups/<gid>/user/<uid>/ name a person by number.
  if (first === 'people' && NUMERIC.test(parts[2] ?? '')) return { userId: parts[2], profileUrl: `${CANONICAL}/profile.php?id=${parts[2]}` };
  if (first === 'groups' && parts[2] === 'user' && NUMERIC.test(parts[3] ?? '')) {
    return { userId: parts[3], profileUrl: `${CANONICAL}/profile.php?id=${parts[3]}` };
  }
  // A vanity profile has exactly one segment; `/<page>/posts/…` is a permalink, not a profile.
  if (parts.length !== 1 || RESERVED.has(first.toLowerCase()) || !VANITY.test(first)) return null;
  if (NUMERIC.test(first)) return { userId: first, profileUrl: `${CANONICAL}/profile.php?id=${first}` };
  return { handle: first, profileUrl: `${CANONICAL}/${first}` };
};

/**
 * Does this person look like that one? Ids decide when both sides have one of the same kind
 * (numeric id, else vanity name). When both sides carry ids but of different kinds (a handle
 * here, a profile.php id there) nothing proves they are the same: display names are free to
 * copy (an impostor named like the Page), so they are compared only when one side has no id
 * at all — the name is then all there is to go on (a composer's "Comment as <name>" hint).
 */
export const samePerson = (a: Person | null | undefined, b: Person | null | undefined): boolean => {
  if (!a || !b) return false;
  if (a.userId && b.userId) return a.userId === b.userId;
  if (a.handle && b.handle) return a.handle.toLowerCase() === b.handle.toLowerCase();
  const hasId = (p: Person) => !!(p.userId || p.handle);
  if (hasId(a) && hasId(b)) return false;
  return !!a.displayName && !!b.displayName && a.displayName === b.displayName;
};

const KEEP_PARAMS = ['story_fbid', 'id', 'fbid', 'set', 'comment_id', 'reply_comment_id'];

/** A permalink without tracking parameters, on the canonical host; null for non-Facebook links. */
export const cleanPermalink = (href: string | null | undefined): string | null => {
  const url = fbUrl(href);
  if (!url) return null;
  const clean = new URL(url.pathname, CANONICAL);
  for (const name of KEEP_PARAMS) {
    const value = url.searchParams.get(name);
    if (value) clean.searchParams.set(name, value);
  }
  return clean.toString();
};

/**
 * Comment ids appear as numbers (`comment_id=1122…`) or as base64 of `comment:<postId>_<commentId>`
 * (`Y29tbWVudDo…`); both forms name the same comment, so reduce to the number when possible.
 */
export const normaliseCommentId = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  if (NUMERIC.test(raw)) return raw;
  try {
    const decoded = typeof atob === 'function' ? atob(raw) : '';
    const match = /^comment:\d+_(\d+)$/.exec(decoded);
    if (match?.[1]) return match[1];
  } catch {
    // Not base64: keep the raw value, it is still a stable native id.
  }
  return raw;
};

/** Pure helpers of the Facebook module: relative times, identities from links, derived message ids. */
import { describe, expect, it } from 'vitest';
import { cleanPermalink, normaliseCommentId, personFromHref } from '../../lib/platforms/facebook/identity';
import { createMessageIdDeriver } from '../../lib/platforms/facebook/message-id';
import { resolveRelativeTime } from '../../lib/platforms/facebook/relative-time';

const now = new Date('2025-11-24T12:00:00.000Z');

describe('resolveRelativeTime', () => {
  it.each([
    ['2h', '2025-11-24T10:00:00.000Z'],
    ['3 d', '2025-11-21T12:00:00.000Z'],
    ['3 j', '2025-11-21T12:00:00.000Z'],
    ['1 sem', '2025-11-17T12:00:00.000Z'],
    ['1w', '2025-11-17T12:00:00.000Z'],
    ['5m', '2025-11-24T11:55:00.000Z'],
    ['22 h', '2025-11-23T14:00:00.000Z'],
    ['hace 2 horas', '2025-11-24T10:00:00.000Z'],
    ['1y', '2024-11-24T12:00:00.000Z'],
    ['Hier', '2025-11-23T12:00:00.000Z'],
    ['Yesterday', '2025-11-23T12:00:00.000Z'],
    ['Ayer', '2025-11-23T12:00:00.000Z'],
    ['Just now', '2025-11-24T12:00:00.000Z'],
  ])('%s → %s', (label, iso) => expect(resolveRelativeTime(label, now)).toBe(iso));

  it('gives null for absolute or unknown text and without a clock', () => {
    for (const label of ['June 3 at 10:15 AM', '3 Tage', '', 'Reply']) expect(resolveRelativeTime(label, now), label).toBeNull();
    expect(resolveRelativeTime('2h', undefined)).toBeNull();
  });
});

describe('identity from links', () => {
  it('strips tracking and comment ids from profile links', () => {
    expect(personFromHref('https://www.facebook.com/jamie.rivera.5?comment_id=Y29tbWVudDox&__cft__[0]=AZx&__tn__=R]-R')).toEqual({ handle: 'jamie.rivera.5', profileUrl: 'https://www.facebook.com/jamie.rivera.5' });
    expect(personFromHref('https://web.facebook.com/profile.php?id=100089123456789&__tn__=R')).toEqual({ userId: '100089123456789', profileUrl: 'https://www.facebook.com/profile.php?id=100089123456789' });
    expect(personFromHref('/groups/123/user/456/')?.userId).toBe('456');
  });

  it('is not fooled by permalinks, app sections or other sites', () => {
    for (const href of ['https://www.facebook.com/acmeoutdoor/posts/123', 'https://www.facebook.com/watch/', 'https://www.facebook.com/messages/t/1/', 'https://evil.example/jamie', 'javascript:alert(1)', 'https://l.facebook.com/l.php?u=x']) {
      expect(personFromHref(href), href).toBeNull();
    }
  });

  it('cleans permalinks and normalises comment ids', () => {
    expect(cleanPermalink('https://web.facebook.com/acmeoutdoor/posts/1?comment_id=2&reply_comment_id=3&__cft__[0]=AZ&__tn__=R')).toBe('https://www.facebook.com/acmeoutdoor/posts/1?comment_id=2&reply_comment_id=3');
    expect(normaliseCommentId(btoa('comment:611122233344455_1122334455667701'))).toBe('1122334455667701');
    expect(normaliseCommentId('1122334455667701')).toBe('1122334455667701');
  });
});

describe('derived message ids', () => {
  it('depend on thread, author, text and occurrence — not on position', () => {
    const a = createMessageIdDeriver('t1');
    const first = a('in:jamie', 'ok').id;
    const second = a('in:jamie', 'ok').id;
    const out = a('out', 'ok').id;
    expect(new Set([first, second, out]).size).toBe(3);
    const b = createMessageIdDeriver('t1');
    b('out', 'something read earlier in another scroll position');
    expect(b('in:jamie', 'ok').id).toBe(first);
    expect(createMessageIdDeriver('t2')('in:jamie', 'ok').id).not.toBe(first);
  });

  it('give the ids a row had under former author keys, with its occurrence', () => {
    const old = createMessageIdDeriver('t1');
    old('in:jamie', 'ok');
    const oldSecond = old('in:jamie', 'ok').id;
    const now = createMessageIdDeriver('t1');
    now('in#customer', 'ok');
    const second = now('in#customer', 'ok', ['in:jamie', 'in#customer', 'in:jamie']);
    expect(second.id).not.toBe(oldSecond);
    expect(second.formerIds).toEqual([oldSecond]);
  });
});

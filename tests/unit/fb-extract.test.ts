/**
 * Every Facebook fixture through facebookAdapter.extract (fixed clock) against its expected.json,
 * plus the behaviours a user would notice: dialog over the feed, translated UI, scroll positions
 * of one virtualised thread, direction without locale hints, PIN prompt, never throwing.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractOptions } from '../../lib/platforms/adapter';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { adapterFor } from '../../lib/platforms/registry';
import type { ExtractResult } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { expectFixtureResult, snapshotOf as snap } from './fixture-expect';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};
const run = (c: FixtureCase, options: ExtractOptions = {}, html = c.html, url = c.url): ExtractResult =>
  facebookAdapter.extract(documentFromHtml(html, url), url, { now: FIXTURE_NOW, ...options });
/** Stands in for layout in tests: the fixtures keep Comet's alignment class on bubble rows. */
const alignment = (el: Element) => (el.closest('[role="row"]')?.querySelector('.x13a6bvl') ? true : el.closest('[role="row"]')?.querySelector('.x1nhvcw1') ? false : undefined);

describe('Facebook fixtures → expected.json', () => {
  it('has the required cases', () => {
    const names = cases.map((c) => c.name);
    for (const name of ['post-page-comments', 'post-dialog-over-feed', 'post-page-comments-fr', 'messenger-thread', 'messenger-thread-es', 'messenger-e2ee-thread', 'messenger-com-thread', 'messenger-scroll-a', 'messenger-scroll-b', 'business-inbox-thread', 'messenger-e2ee-pin', 'feed-home']) {
      expect(names).toContain(name);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      expectFixtureResult(c, run(c));
    });
  }

  it('is what the registry picks for every Facebook host', () => {
    for (const c of cases) expect(adapterFor(c.url), c.name).toBe(facebookAdapter);
  });
});

describe('Messenger after an in-app navigation', () => {
  it("never files the previous thread under the new URL's thread id", () => {
    const c = byName('messenger-thread');
    // The URL already names another thread; the chat list still marks Jamie's as the one shown.
    const r = run(c, {}, c.html, new URL('https://www.facebook.com/messages/t/5432109876543210/'));
    expect(r).toMatchObject({ ok: false, code: 'not-rendered' });
  });
});

describe('Facebook posts', () => {
  it('reads the post, comments and the Page reply; collapsed replies are simply absent', () => {
    const s = snap(run(byName('post-page-comments')));
    expect(s.messages.map((m) => m.id)).toEqual(['pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l', '1122334455667701', '1122334455667711', '1122334455667712', '1122334455667702', '1122334455667703']);
    expect(s.messages.filter((m) => m.focused).map((m) => m.id)).toEqual(['pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l']);
    const pageReply = s.messages[2]!;
    expect(pageReply).toMatchObject({ direction: 'out', inReplyTo: '1122334455667701', author: { handle: 'acmeoutdoor' } });
    // profile.php?id= gives the numeric id; tracking params and comment_id never reach the profile URL.
    expect(s.messages[4]!.author).toEqual({ displayName: 'Priya Natarajan', userId: '100089123456789', profileUrl: 'https://www.facebook.com/profile.php?id=100089123456789' });
    expect(JSON.stringify(s)).not.toMatch(/__cft__|__tn__/);
    expect(s.messages.some((m) => /View 3 replies|Top fan|Like|Reply$/.test(m.text))).toBe(false);
    expect(s.messages[5]!.text).toBe('Sam Okafor look, the tent we wanted! 🔥');
  });

  it('resolves relative times against now', () => {
    const s = snap(run(byName('post-page-comments')));
    expect(s.messages.map((m) => m.sentAt)).toEqual(['2025-11-17T12:00:00.000Z', '2025-11-21T12:00:00.000Z', '2025-11-22T12:00:00.000Z', '2025-11-23T14:00:00.000Z', '2025-11-24T07:00:00.000Z', '2025-11-24T10:00:00.000Z']);
  });

  it('reads a post opened as a dialog from the dialog, not from the feed behind it', () => {
    const dialog = snap(run(byName('post-dialog-over-feed')));
    expect(dialog).toEqual(snap(run(byName('post-page-comments'))));
    expect(dialog.messages[0]!.text).toContain('Free shipping on orders over $50');
  });

  it('gives the same snapshot for the French UI (aria-labels, times and host differ)', () => {
    const en = snap(run(byName('post-page-comments')));
    const fr = snap(run(byName('post-page-comments-fr')));
    expect({ ...fr, url: '' }).toEqual({ ...en, url: '' });
  });

  it('makes the commenter the customer on a comment or reply permalink', () => {
    const c = byName('post-page-comments');
    const comment = snap(run(c, {}, c.html, new URL(`${c.url.href}?comment_id=1122334455667702`)));
    expect(comment.customer?.userId).toBe('100089123456789');
    const reply = snap(run(c, {}, c.html, new URL(`${c.url.href}?comment_id=1122334455667701&reply_comment_id=1122334455667712`)));
    expect(reply.customer?.handle).toBe('jamie.rivera.5');
    expect(snap(run(c)).customer).toBeNull(); // the Page's own post: no single customer
  });

  it('keeps markup typed by a customer as text', () => {
    const c = byName('post-page-comments');
    const html = c.html.replace('Are the 4-person tents included in the sale?', '&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;hi&lt;/b&gt;');
    expect(snap(run(c, {}, html)).messages[4]!.text).toBe('<img src=x onerror=alert(1)> <b>hi</b>');
  });

  it('without the "Comment as" hint falls back to the account region and still reads comments', () => {
    const c = byName('post-page-comments');
    const html = c.html.replaceAll('Comment as Acme Outdoor', 'Write a comment').replaceAll('Reply as Acme Outdoor', 'Write a reply');
    const s = snap(run(c, {}, html));
    expect(s.agent).toBeNull(); // the banner shows no profile link on this page
    expect(s.messages).toHaveLength(6);
    expect(s.messages.every((m) => m.direction === 'in')).toBe(true);
  });
});

describe('Messenger threads', () => {
  it('reads the same thread on messenger.com and facebook.com as one conversation with the same message ids', () => {
    const c = byName('messenger-com-thread');
    const onFacebook = new URL('https://www.facebook.com/messages/t/5432109876543210/');
    // facebook.com's Messenger links its threads under /messages/t/; the thread's markup is the same.
    const html = c.html.replaceAll('https://www.messenger.com/t/', 'https://www.facebook.com/messages/t/');
    const com = snap(run(c));
    const fb = snap(run(c, {}, html, onFacebook));
    expect(fb.conversationId).toBe(com.conversationId);
    expect(fb.messages.length).toBeGreaterThan(2);
    expect(fb.messages.map((m) => m.id)).toEqual(com.messages.map((m) => m.id));
  });

  it('gives the same snapshot for the Spanish UI', () => {
    const en = snap(run(byName('messenger-thread')));
    const es = snap(run(byName('messenger-thread-es')));
    expect({ ...es, url: '' }).toEqual({ ...en, url: '' });
  });

  it('reads the thread grid in main, never the chat list; customer from the header', () => {
    const s = snap(run(byName('messenger-thread')));
    expect(s.messages.map((m) => m.text)).not.toContain('See you Saturday!');
    expect(s.customer).toEqual({ handle: 'jamie.rivera.5', displayName: 'Jamie Rivera', profileUrl: 'https://www.facebook.com/jamie.rivera.5' });
    expect(s.messages[3]!.text).toBe('It was held at customs.\nIt should be released tomorrow and delivered by Friday.');
    expect(s.messages.map((m) => m.direction)).toEqual(['in', 'in', 'out', 'out', 'in', 'in', 'out']);
  });

  /** Messages without their time (ids must never depend on it). */
  const untimed = (messages: readonly { sentAt: string | null }[]) => messages.map((m) => ({ ...m, sentAt: null }));

  it('two scroll positions of one thread give identical ids to the rows they share', () => {
    const a = snap(run(byName('messenger-scroll-a')));
    const b = snap(run(byName('messenger-scroll-b')));
    expect(a.conversationId).toBe(b.conversationId);
    const overlap = ['Bought on Feb 20.', 'Thanks!', "Got it. I've created the return label.", "You'll get it by email in a few minutes.", 'Thanks!', 'Can I exchange instead of a refund?'];
    expect(a.messages.slice(5).map((m) => m.text)).toEqual(overlap);
    expect(b.messages.slice(0, 6).map((m) => m.text)).toEqual(overlap);
    // Same ids, authors, texts and directions; only the time differs: B's shared rows sit above
    // its first separator (null), A's below "Mar 2, 2026, 18:20".
    expect(untimed(b.messages.slice(0, 6))).toEqual(untimed(a.messages.slice(5)));
    expect(b.messages.slice(0, 6).map((m) => m.sentAt)).toEqual(Array(6).fill(null));
    expect(new Set(a.messages.map((m) => m.sentAt))).toEqual(new Set([new Date(2026, 2, 2, 18, 20).toISOString()]));
    expect(new Set(b.messages.slice(6).map((m) => m.sentAt))).toEqual(new Set([new Date(2026, 2, 3, 9, 5).toISOString()]));
    // Same text twice ("Thanks!") stays two messages with two ids.
    expect(new Set(a.messages.map((m) => m.id)).size).toBe(a.messages.length);
    expect(new Set([...a.messages, ...b.messages].map((m) => m.id)).size).toBe(15);
  });

  it('scroll position B agrees with A with geometry too (injected isOutgoingBubble)', () => {
    const a = snap(run(byName('messenger-scroll-a'), { isOutgoingBubble: alignment }));
    const b = snap(run(byName('messenger-scroll-b'), { isOutgoingBubble: alignment }));
    expect(untimed(b.messages.slice(0, 6))).toEqual(untimed(a.messages.slice(5)));
  });

  it('times rows by the separator above them; an unreadable separator clears the time, ids never change', () => {
    const c = byName('messenger-scroll-b');
    const base = snap(run(c));
    const german = snap(run(c, {}, c.html.replace('Mar 3, 2026, 09:05', 'Mo., 3. März 2026, 09:05')));
    expect(german.messages.map((m) => m.sentAt)).toEqual(Array(base.messages.length).fill(null));
    const spanish = snap(run(c, {}, c.html.replace('Mar 3, 2026, 09:05', '3 de marzo de 2026, 9:05')));
    expect(spanish.messages).toEqual(base.messages);
    const thread = byName('messenger-thread');
    const yesterday = snap(run(thread, {}, thread.html.replace('Today 10:02', 'Hier à 10:02')));
    expect(yesterday.messages.map((m) => m.sentAt)).toEqual(Array(7).fill(new Date(2025, 10, 23, 10, 2).toISOString()));
    expect(untimed(yesterday.messages)).toEqual(untimed(snap(run(thread)).messages));
  });

  it('uses injected geometry when the hidden "You sent" text is in an unknown language', () => {
    const c = byName('messenger-thread');
    const html = c.html.replaceAll('>You sent<', '>Du hast gesendet<');
    const expected = snap(run(c));
    expect(snap(run(c, { isOutgoingBubble: alignment }, html))).toEqual(expected);
    // Without geometry the unknown label reads as a sender name: not silently "out".
    expect(snap(run(c, {}, html)).messages[2]!.direction).not.toBe('out');
  });

  it('says locked when the encrypted chat asks for its PIN', () => {
    const s = snap(run(byName('messenger-e2ee-pin')));
    expect(s.state).toBe('locked');
    expect(s.messages).toEqual([]);
    expect(s.customer?.userId).toBe('100089123456789');
  });

  it('skips the end-to-end encryption notice row', () => {
    const s = snap(run(byName('messenger-e2ee-thread')));
    expect(s.messages.map((m) => m.text).join(' ')).not.toContain('end-to-end');
  });
});

describe('Business Suite inbox', () => {
  it('takes the customer from selected_item_id and the Page from asset_id', () => {
    const s = snap(run(byName('business-inbox-thread')));
    expect(s.kind).toBe('fb-business');
    expect(s.customer).toEqual({ displayName: 'Jamie Rivera', userId: '24681357902468' });
    expect(s.agent).toMatchObject({ pageId: '100064000000001', displayName: 'Acme Outdoor' });
    expect(s.messages.map((m) => m.direction)).toEqual(['in', 'in', 'out', 'out', 'in']);
    expect(s.messages.map((m) => m.text)).not.toContain('Is the store open on Sunday?');
  });

  it('refuses Instagram threads of the same inbox', () => {
    const c = byName('business-inbox-thread');
    const result = run(c, {}, c.html, new URL(c.url.href.replace('FB_MESSAGE', 'IG_MESSAGE')));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('Instagram');
  });
});

describe('never throws', () => {
  it('turns an exception inside the DOM into not recognised', () => {
    const c = byName('messenger-thread');
    const doc = documentFromHtml(c.html, c.url);
    const hostile = new Proxy(doc, {
      get(target, key) {
        if (key === 'querySelectorAll' || key === 'querySelector') return () => { throw new Error('boom'); };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const result = facebookAdapter.extract(hostile, c.url, { now: FIXTURE_NOW });
    expect(result).toEqual({ ok: false, code: 'failed', reason: 'facebook extractor failed: boom' });
  });

  it('explains empty or unrendered pages', () => {
    const empty = documentFromHtml('<html><body></body></html>', 'https://www.facebook.com/');
    const cases: [string, string, string][] = [
      ['https://www.facebook.com/acmeoutdoor/posts/123456789012345', 'not-rendered', 'no post article rendered yet'],
      ['https://www.facebook.com/messages/t/100012345678901/', 'not-rendered', 'page has no main column'],
      ['https://business.facebook.com/latest/inbox/all?asset_id=1&selected_item_id=2', 'not-rendered', 'page has no main column'],
      ['https://business.facebook.com/latest/inbox/all?asset_id=1', 'no-conversation', 'not a conversation page'],
      ['https://www.facebook.com/', 'no-conversation', 'not a conversation page'],
      ['https://x.com/home', 'not-platform', 'not a Facebook page'],
    ];
    for (const [url, code, reason] of cases) {
      const result = facebookAdapter.extract(empty, new URL(url), { now: FIXTURE_NOW });
      expect(result.ok ? '' : result.code, url).toBe(code);
      expect(result.ok ? '' : result.reason, url).toContain(reason);
    }
    const main = documentFromHtml('<html><body><div role="main"></div></body></html>', 'https://www.facebook.com/');
    expect(facebookAdapter.extract(main, new URL('https://www.facebook.com/messages/t/1/'))).toEqual({ ok: false, code: 'not-rendered', reason: 'fb-messenger: no message grid rendered yet' });
  });
});

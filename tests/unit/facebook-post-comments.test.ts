/**
 * Post pages, review fixes: links inside a comment's text never give it an id, a time or an
 * author; one comment the schema refuses is dropped, not the page; an impostor named like the
 * Page stays a customer; a post rendered under another post's URL is not filed under it.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractOptions } from '../../lib/platforms/adapter';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { samePerson } from '../../lib/platforms/facebook/identity';
import type { ExtractResult } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf as snap } from './fixture-expect';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const run = (c: FixtureCase, options: ExtractOptions = {}, html = c.html, url = c.url): ExtractResult =>
  facebookAdapter.extract(documentFromHtml(html, url), url, { now: FIXTURE_NOW, ...options });

const POST = 'https://www.facebook.com/acmeoutdoor/posts/pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l';
const PRIYA_TEXT = 'Are the 4-person tents included in the sale?';
const JAMIE_TEXT = 'Do you ship to Canada? My last order took 3 weeks';
/** Put a link into a comment's text, the way a pasted URL renders. */
const withTextLink = (html: string, text: string, href: string, label: string) => {
  expect(html).toContain(text);
  return html.replace(text, `${text} See <a href="${href}" role="link" tabindex="0">${label}</a>`);
};

describe('links inside a comment text (bug 1)', () => {
  it("a pasted link to another comment never becomes the comment's id: nothing is dropped as a duplicate", () => {
    const c = byName('post-page-comments');
    const html = withTextLink(c.html, PRIYA_TEXT, `${POST}?comment_id=1122334455667701&amp;__cft__[0]=AZx`, 'this comment');
    const s = snap(run(c, {}, html));
    expect(s.messages.map((m) => m.id)).toEqual(snap(run(c)).messages.map((m) => m.id));
    const priya = s.messages.find((m) => m.id === '1122334455667702')!;
    expect(priya.author.userId).toBe('100089123456789');
    expect(priya.text).toBe(`${PRIYA_TEXT} See this comment`);
    expect(priya.permalink).toBe(`${POST}?comment_id=1122334455667702`);
    expect(priya.sentAt).toBe('2025-11-24T07:00:00.000Z');
  });

  it('a pasted link with an absurd comment_id does not invalidate the page', () => {
    const c = byName('post-page-comments');
    const html = withTextLink(c.html, PRIYA_TEXT, `${POST}?comment_id=${'9'.repeat(400)}`, 'look');
    const s = snap(run(c, {}, html));
    expect(s.messages).toHaveLength(6);
    expect(s.messages.find((m) => m.id === '1122334455667702')?.text).toBe(`${PRIYA_TEXT} See look`);
  });

  it("a comment whose own id the schema refuses is dropped alone, the others are kept", () => {
    const c = byName('post-page-comments');
    // Marco's own timestamp link carries an id longer than a snapshot id may be.
    const html = c.html.replace('comment_id=1122334455667703&amp;', `comment_id=${'7'.repeat(400)}&amp;`);
    expect(html).not.toBe(c.html);
    const result = run(c, {}, html);
    expect(result.ok ? '' : result.reason).toBe('');
    expect(snap(result).messages.map((m) => m.id)).toEqual(snap(run(c)).messages.map((m) => m.id).filter((id) => id !== '1122334455667703'));
  });

  it('the reply box of a comment permalink is found by the comment\'s own timestamp, not by a link in another comment', () => {
    const c = byName('post-page-comments');
    // Jamie's comment (first, with the Page's reply box) links to Priya's comment in its text.
    const html = withTextLink(c.html, JAMIE_TEXT, `${POST}?comment_id=1122334455667702`, 'that one');
    const url = new URL(`${POST}?comment_id=1122334455667702`);
    const target = facebookAdapter.findComposer(documentFromHtml(html, url), url)!;
    // Priya's comment has no reply box open: the post's own comment box, not Jamie's reply box.
    expect(target.element.getAttribute('aria-label')).toBe('Comment as Acme Outdoor');
  });
});

describe('an impostor named like the Page (bug 2)', () => {
  it('a commenter with the Page name but another profile id is a customer, not the Page', () => {
    const c = byName('post-page-comments');
    // Priya renames herself "Acme Outdoor"; her profile is still profile.php?id=100089123456789.
    const html = c.html.replace('dir="auto">Priya Natarajan</span>', 'dir="auto">Acme Outdoor</span>');
    expect(html).not.toBe(c.html);
    const s = snap(run(c, {}, html));
    const impostor = s.messages.find((m) => m.id === '1122334455667702')!;
    expect(impostor.author).toMatchObject({ userId: '100089123456789', displayName: 'Acme Outdoor' });
    expect(impostor.direction).toBe('in');
    // The real Page reply (handle acmeoutdoor) is still ours.
    expect(s.messages.find((m) => m.id === '1122334455667711')!.direction).toBe('out');
    // On a permalink to the impostor's comment, the impostor is the customer.
    const permalink = snap(run(c, {}, html, new URL(`${POST}?comment_id=1122334455667702`)));
    expect(permalink.customer?.userId).toBe('100089123456789');
  });

  it('samePerson compares names only when one side carries no id at all', () => {
    const page = { handle: 'acmeoutdoor', displayName: 'Acme Outdoor' };
    expect(samePerson(page, { userId: '100089123456789', displayName: 'Acme Outdoor' })).toBe(false);
    expect(samePerson({ userId: '100064000000001', displayName: 'Acme Outdoor' }, { handle: 'acme.fake', displayName: 'Acme Outdoor' })).toBe(false);
    expect(samePerson(page, { handle: 'AcmeOutdoor', displayName: 'Acme' })).toBe(true);
    // A name is all we know of one side (composer hint, a link-less author): the name decides.
    expect(samePerson({ displayName: 'Acme Outdoor' }, page)).toBe(true);
    expect(samePerson(page, { displayName: 'Acme Outdoor' })).toBe(true);
    expect(samePerson({ displayName: 'Acme Outdoor' }, { displayName: 'Acme' })).toBe(false);
  });
});

describe('a post rendered under another post URL (bug 6)', () => {
  it('after an in-app navigation to another pfbid post, the old post is not filed under the new id', () => {
    const c = byName('post-page-comments');
    const other = new URL('https://www.facebook.com/acmeoutdoor/posts/pfbid0AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIII');
    expect(run(c, {}, c.html, other)).toMatchObject({ ok: false, code: 'not-rendered' });
    const numeric = byName('post-page-comments');
    const otherNumeric = new URL('https://www.facebook.com/acmeoutdoor/posts/998877665544332');
    const html = numeric.html.replaceAll('pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l', '123456789012345');
    expect(run(numeric, {}, html, otherNumeric)).toMatchObject({ ok: false, code: 'not-rendered' });
  });

  it('the same post named by its other id form (numeric URL, pfbid permalink) is still read', () => {
    const c = byName('post-page-comments');
    const url = new URL('https://www.facebook.com/acmeoutdoor/posts/123456789012345');
    const s = snap(run(c, {}, c.html, url));
    expect(s.conversationId).toBe('123456789012345');
    expect(s.messages).toHaveLength(6);
    const story = new URL('https://www.facebook.com/permalink.php?story_fbid=123456789012345&id=100064000000001');
    expect(snap(run(c, {}, c.html, story)).messages).toHaveLength(6);
    // A photo URL names the photo, not the post: never compared with the post's permalink.
    const numericHtml = c.html.replaceAll('pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l', '123456789012345');
    expect(snap(run(c, {}, numericHtml, new URL('https://www.facebook.com/photo/?fbid=987654321098765&set=a.1'))).messages).toHaveLength(6);
  });
});

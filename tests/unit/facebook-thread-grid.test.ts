/**
 * Locating the message grid and the customer of a chat thread, review fixes: a link with "/t/"
 * in a message's text does not turn the message grid into "the chat list"; a group thread's
 * customer never borrows one member's profile link from the info pane.
 */
import { describe, expect, it, vi } from 'vitest';
import { createMessageIdDeriver } from '../../lib/platforms/facebook/message-id';
import type { ExtractOptions } from '../../lib/platforms/adapter';
import { facebookAdapter } from '../../lib/platforms/facebook';
import type { ExtractResult } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf as snap } from './fixture-expect';
import { createDb } from '../../lib/db/schema';
import { recordSnapshot } from '../../lib/db/capture';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const run = (c: FixtureCase, html = c.html, url = c.url, options: ExtractOptions = {}): ExtractResult =>
  facebookAdapter.extract(documentFromHtml(html, url), url, { now: FIXTURE_NOW, ...options });

const FORUM = 'https://forum.example.com/t/zipper-warranty/123';
const paste = (html: string, text: string, href: string) => {
  expect(html).toContain(text);
  return html.replace(text, `${text} <a href="${href}" rel="nofollow noreferrer" role="link" target="_blank">${href}</a>`);
};

describe('a pasted link with /t/ in a message (bug 5)', () => {
  it('Messenger: the thread is still read, the link kept as text', () => {
    const c = byName('messenger-thread');
    const html = paste(c.html, 'Can I get a refund on the shipping?', FORUM);
    const s = snap(run(c, html));
    expect(s.messages).toHaveLength(7);
    expect(s.messages[5]!.text).toBe(`Can I get a refund on the shipping? ${FORUM}`);
  });

  it('Messenger without the translated grid label: the grid is still told from the chat list', () => {
    const c = byName('messenger-thread');
    const html = paste(c.html, 'Can I get a refund on the shipping?', FORUM).replace('aria-label="Messages in conversation with Jamie Rivera" ', '');
    expect(snap(run(c, html)).messages).toHaveLength(7);
    // Even a pasted link to another Messenger thread stays a message, not a chat-list row.
    const thread = paste(c.html, 'ok thanks', 'https://www.facebook.com/messages/t/100055566677788/').replace('aria-label="Messages in conversation with Jamie Rivera" ', '');
    expect(snap(run(c, thread)).messages.map((m) => m.text)).toContain('ok thanks https://www.facebook.com/messages/t/100055566677788/');
  });

  it('Business Suite (list beside the thread, no grid label): the message grid, never the conversation list', () => {
    const c = byName('business-inbox-thread');
    const html = paste(c.html, 'I would like to try the boots before buying.', FORUM);
    const s = snap(run(c, html));
    expect(s.messages).toHaveLength(5);
    expect(s.messages[1]!.text).toBe(`I would like to try the boots before buying. ${FORUM}`);
    expect(s.messages.map((m) => m.text)).not.toContain('Is the store open on Sunday?');
  });
});

/** messenger-thread turned into a group chat "Trail Crew": no profile link in the header, two members speak, an info pane lists them. */
const groupThread = (members: [string, string][]) => {
  const c = byName('messenger-thread');
  const doc = documentFromHtml(c.html, c.url);
  const main = doc.querySelector('[role="main"]')!;
  const h2 = main.querySelector('h2')!;
  h2.innerHTML = '<span>Trail Crew</span>';
  const avatar = h2.parentElement!.parentElement!.querySelector('a[href]')!;
  avatar.replaceWith(...Array.from(avatar.childNodes));
  const senders = Array.from(main.querySelectorAll('h5')).filter((h) => h.textContent === 'Jamie Rivera');
  expect(senders).toHaveLength(2);
  senders[0]!.innerHTML = '<span>Leah Morgan</span>';
  senders[1]!.innerHTML = '<span>Sam Okafor</span>';
  const pane = doc.createElement('div');
  pane.innerHTML = `<div><span dir="auto">Trail Crew</span></div><h3>Members</h3><ul>${members.map(([href, name]) => `<li><a href="${href}" role="link">${name}</a></li>`).join('')}</ul>`;
  main.querySelector('[aria-label="Messages in conversation with Jamie Rivera"]')!.closest('[role="main"] > div > div')!.after(pane);
  return { doc, url: c.url };
};

describe('group threads (bug 8)', () => {
  it("the customer is the group's name, never one member's profile from the info pane", () => {
    for (const members of [
      [['https://www.facebook.com/leah.morgan.31', 'Leah Morgan'], ['https://www.facebook.com/sam.okafor', 'Sam Okafor']],
      [['https://www.facebook.com/leah.morgan.31', 'Leah Morgan']],
    ] as [string, string][][]) {
      const { doc, url } = groupThread(members);
      const s = snap(facebookAdapter.extract(doc, url, { now: FIXTURE_NOW }));
      expect(s.customer, `${members.length} member link(s)`).toEqual({ displayName: 'Trail Crew' });
      expect(s.messages[0]!.author).toEqual({ displayName: 'Leah Morgan' });
    }
  });

  it("a 1:1 thread still takes the profile link from the header, else from the info pane that shows the header's name", () => {
    expect(snap(run(byName('messenger-thread'))).customer?.handle).toBe('jamie.rivera.5');
    expect(snap(run(byName('messenger-com-thread'))).customer?.handle).toBe('marco.bianchi.92');
    // An info-pane link shown with someone else's name is not the customer's.
    const c = byName('messenger-com-thread');
    const html = c.html.replace('<span dir="auto">Marco Bianchi</span></div><a', '<span dir="auto">Shared contact: Leah Morgan</span></div><a');
    expect(html).not.toBe(c.html);
    expect(snap(run(c, html)).customer).toEqual({ displayName: 'Marco Bianchi' });
  });
});

describe("derived Messenger ids do not change with messenger.com's info pane", () => {
  // Read with the pane open (its profile link names the customer) and as if closed (the pane
  // names someone else, so only the header's name is known): the same messages, the same ids.
  const c = byName('messenger-com-thread');
  const closedHtml = c.html.replace('<span dir="auto">Marco Bianchi</span></div><a', '<span dir="auto">Shared contact: Leah Morgan</span></div><a');

  it('gives each message one id however much of the customer the page shows', () => {
    expect(closedHtml).not.toBe(c.html);
    const open = snap(run(c));
    const closed = snap(run(c, closedHtml));
    expect(open.customer?.handle).toBe('marco.bianchi.92');
    expect(closed.customer?.handle).toBeUndefined();
    expect(closed.messages.map((m) => m.id)).toEqual(open.messages.map((m) => m.id));
    expect(open.messages.filter((m) => m.direction === 'in').every((m) => m.formerIds?.length)).toBe(true);
  });

  it('keeps a message stored under its id of an earlier Caseside (either pane state) rather than storing it again', async () => {
    for (const [label, html] of [['pane open', c.html], ['pane closed', closedHtml]] as const) {
      const db = createDb(`t-${crypto.randomUUID()}`);
      const now = snap(run(c, html));
      // What an earlier Caseside stored: the customer's messages under the id the page gave them then.
      for (const former of [0, 1, 2]) {
        const before = { ...now, messages: now.messages.map(({ formerIds, ...m }) => (formerIds?.[former] ? { ...m, id: formerIds[former] } : m)) };
        await recordSnapshot(db, 'acme', before, 1);
      }
      const stored = await db.messages.count();
      const again = await recordSnapshot(db, 'acme', now, 2);
      expect(again.added, label).toEqual([]);
      expect(await db.messages.count(), label).toBe(stored);
    }
  });

  it('reads no stored rows for a conversation seen for the first time', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const where = vi.spyOn(db.messages, 'where');
    const first = await recordSnapshot(db, 'acme', snap(run(c)), 1);
    expect(first.added).toHaveLength(5);
    expect(where).not.toHaveBeenCalled();
  });

  it('finds them too when the pane was the other way when they were stored, and then in one read', async () => {
    const open = snap(run(c));
    const closed = snap(run(c, closedHtml));
    // Stored by an earlier Caseside with the pane open (the customer's rows keyed by the profile
    // handle), read now with it closed, where only the name is known: and the other way round.
    for (const [label, before, now, key] of [
      ['stored open, read closed', open, closed, 'in:marco.bianchi.92'],
      ['stored closed, read open', closed, open, 'in:Marco Bianchi'],
    ] as const) {
      const db = createDb(`t-${crypto.randomUUID()}`);
      const old = createMessageIdDeriver('5432109876543210');
      const legacy = { ...before, messages: before.messages.map(({ formerIds, ...m }) => (formerIds ? { ...m, id: old(key, m.text).id } : m)) };
      expect(legacy.messages.some((m, i) => m.id !== before.messages[i]!.id), label).toBe(true);
      await recordSnapshot(db, 'acme', legacy, 1);
      const stored = await db.messages.count();
      const again = await recordSnapshot(db, 'acme', now, 2);
      expect(again.added, label).toEqual([]);
      expect(await db.messages.count(), label).toBe(stored);
      // The next reading finds each of them in the first read: no second lookup.
      const bulkGet = vi.spyOn(db.messages, 'bulkGet');
      const where = vi.spyOn(db.messages, 'where');
      expect((await recordSnapshot(db, 'acme', now, 3)).added, label).toEqual([]);
      expect(bulkGet, label).toHaveBeenCalledTimes(1);
      expect(where, label).not.toHaveBeenCalled();
    }
  });
});

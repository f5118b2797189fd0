/**
 * Every X fixture through xAdapter.extract (fixed clock) against its expected.json, plus the
 * behaviours a user would notice: overlapping scroll positions agree, translated UI gives the
 * same snapshot, states (locked, empty, read-only), injected chat geometry, never throwing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExtractOptions } from '../../lib/platforms/adapter';
import { adapterFor } from '../../lib/platforms/registry';
import { ConversationSnapshotSchema, type ExtractResult } from '../../lib/platforms/snapshot';
import { xAdapter } from '../../lib/platforms/x';
import { parseTweetArticle } from '../../lib/platforms/x/tweet-article';
import { createDb } from '../../lib/db/schema';
import { recordSnapshot } from '../../lib/db/capture';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { expectFixtureResult, snapshotOf } from './fixture-expect';

const cases = loadFixtures('x');
const byName = (name: string): FixtureCase => {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};
const run = (c: FixtureCase, options: ExtractOptions = {}, html = c.html): ExtractResult =>
  xAdapter.extract(documentFromHtml(html, c.url), c.url, { now: FIXTURE_NOW, ...options });

describe('X fixtures → expected.json', () => {
  it('has the required cases', () => {
    for (const name of ['thread-complaint', 'thread-complaint-es', 'long-thread-a', 'long-thread-b', 'compose-reply', 'dm-thread', 'dm-inbox', 'chat-thread', 'chat-locked', 'chat-empty', 'logged-out-status']) {
      expect(cases.map((c) => c.name)).toContain(name);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      expectFixtureResult(c, run(c));
    });
  }
});

describe('X thread behaviour', () => {
  it('never files the previous tweet under a new URL: until the column changes, the page is not recognised', () => {
    const c = byName('thread-complaint');
    // An in-app navigation: the URL is another tweet's, the column still shows the old thread.
    const url = new URL('https://x.com/someone_else/status/1777000000000000001');
    const r = xAdapter.extract(documentFromHtml(c.html, url), url, { now: FIXTURE_NOW });
    expect(r).toMatchObject({ ok: false, code: 'not-rendered' });
  });

  it('keeps the conversation only: no promoted, quoted, hidden duplicate or "discover more" tweet', () => {
    const s = snapshotOf(run(byName('thread-complaint')));
    expect(s.messages.map((m) => m.id)).toEqual(['1859000000000000101', '1859000000000000102', '1859000000000000105', '1859000000000000106', '1859000000000000107']);
    const quoting = s.messages.find((m) => m.id === '1859000000000000107')!;
    expect(quoting.author.handle).toBe('sam_sample');
    expect(quoting.text).toBe('Same thing happened to me 👇');
    expect(s.messages.filter((m) => m.focused).map((m) => m.id)).toEqual(['1859000000000000105']);
    expect(s.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out', 'in']);
    expect(s.customer?.handle).toBe('dana_example');
  });

  it("files the agent's reply to someone else in the thread under that person: the tweet its Replying-to line names, nearest above", async () => {
    const c = byName('thread-complaint');
    const doc = documentFromHtml(c.html, c.url);
    const own = (id: string) =>
      [...doc.querySelectorAll('article[data-testid="tweet"]')].find((a) => !a.parentElement?.closest('article') && a.querySelector(`a[href$="/status/${id}"]`))!;
    // The brand answers Sam (who replied "Same thing happened to me") below Sam's tweet.
    const toSam = own('1859000000000000106').cloneNode(true) as Element;
    for (const a of toSam.querySelectorAll('a[href*="/status/1859000000000000106"]')) a.setAttribute('href', a.getAttribute('href')!.replace('106', '108'));
    for (const a of toSam.querySelectorAll('a[href="/dana_example"]')) {
      a.setAttribute('href', '/sam_sample');
      a.textContent = '@sam_sample';
    }
    own('1859000000000000107').after(toSam);
    // …and a reply naming someone with no tweet above it stays with the thread's customer.
    const toNobody = own('1859000000000000102').cloneNode(true) as Element;
    for (const a of toNobody.querySelectorAll('a[href*="/status/1859000000000000102"]')) a.setAttribute('href', a.getAttribute('href')!.replace('102', '109'));
    for (const a of toNobody.querySelectorAll('a[href="/dana_example"]')) a.setAttribute('href', '/random_person');
    own('1859000000000000101').before(toNobody);
    // The brand answers Dana below Sam's tweet: its line names Dana first (the author answered), then Sam.
    const toDana = own('1859000000000000106').cloneNode(true) as Element;
    for (const a of toDana.querySelectorAll('a[href*="/status/1859000000000000106"]')) a.setAttribute('href', a.getAttribute('href')!.replace('106', '110'));
    const line = toDana.querySelector('a[href="/dana_example"]:not([data-testid="User-Name"] a)')!;
    line.insertAdjacentHTML('afterend', ' <a href="/sam_sample" role="link">@sam_sample</a>');
    toSam.after(toDana);
    const s = snapshotOf(xAdapter.extract(doc, c.url, { now: FIXTURE_NOW }));
    const answers = Object.fromEntries(s.messages.filter((m) => m.direction === 'out').map((m) => [m.id.slice(-3), m.inReplyTo?.slice(-3) ?? null]));
    expect(answers).toEqual({ '109': null, '102': '101', '106': '105', '108': '107', '110': '105' });

    // Recorded: Sam's answer is in Sam's history, Dana's in Dana's, the unattributed one with the thread's customer.
    const db = createDb(`t-${crypto.randomUUID()}`);
    const r = await recordSnapshot(db, 'acme', s, Date.parse('2025-11-24T12:00:00Z'));
    const byHandle = new Map((await db.customers.toArray()).map((x) => [x.identities[0]!.handle, x.id]));
    const owner = (id: string) => r.added.find((m) => m.nativeId === id)!.customerId;
    expect(owner('1859000000000000108')).toBe(byHandle.get('sam_sample'));
    expect(owner('1859000000000000106')).toBe(byHandle.get('dana_example'));
    expect(owner('1859000000000000109')).toBe(byHandle.get('dana_example'));
  });

  it('reads whom a tweet answers from its Replying-to links, else from the @mentions its text starts with', () => {
    const doc = documentFromHtml(
      `<article data-testid="tweet"><div data-testid="User-Name"><a href="/acme_support">Acme</a><a href="/acme_support">@acme_support</a></div>` +
        `<a href="/acme_support/status/5"><time datetime="2025-11-20T10:00:00.000Z">Nov 20</time></a>` +
        `<div data-testid="tweetText">@dana_example @sam_sample thanks, and @eli too</div></article>`,
      new URL('https://x.com/acme_support/status/5'),
    );
    expect(parseTweetArticle(doc.querySelector('article')!)?.replyingTo).toEqual(['dana_example', 'sam_sample']);
  });

  it('keeps markup-like text as text, emoji from img alt, links as their expanded text', () => {
    const focused = snapshotOf(run(byName('thread-complaint'))).messages.find((m) => m.focused)!;
    expect(focused.text).toContain('<script>alert("refund")</script>');
    expect(focused.text).toContain('🙄');
    expect(focused.text).toContain('https://example.com/photos/kettle-box');
    expect(focused.text).not.toContain('…');
  });

  it('gives the same snapshot for the Spanish UI (aria-labels and texts translated)', () => {
    const en = snapshotOf(run(byName('thread-complaint')));
    const es = snapshotOf(run(byName('thread-complaint-es')));
    expect({ ...es, url: '' }).toEqual({ ...en, url: '' });
  });

  it('two scroll positions of one long thread agree on the rows they share', () => {
    const a = snapshotOf(run(byName('long-thread-a')));
    const b = snapshotOf(run(byName('long-thread-b')));
    expect(a.conversationId).toBe(b.conversationId);
    const shared = a.messages.filter((m) => b.messages.some((n) => n.id === m.id));
    expect(shared.map((m) => m.id)).toEqual(['1859100000000000207', '1859100000000000208']);
    for (const m of shared) expect(b.messages.find((n) => n.id === m.id)).toEqual(m);
    // Focused tweet is the agent's own: the customer is the first other author.
    expect(a.messages.find((m) => m.focused)?.author.handle).toBe('acme_support');
    expect(a.customer?.handle).toBe('chris_customer');
    expect(b.customer?.handle).toBe('chris_customer');
  });

  it('reads the agent from the nav, and nothing when logged out', () => {
    const c = byName('thread-complaint');
    expect(xAdapter.readAgent(documentFromHtml(c.html, c.url), c.url)).toEqual({ platform: 'x', handle: 'acme_support', displayName: 'Acme Support' });
    const out = byName('logged-out-status');
    expect(xAdapter.readAgent(documentFromHtml(out.html, out.url), out.url)).toBeNull();
  });

  it('falls back to the account switcher when the profile tab is missing', () => {
    const c = byName('thread-complaint');
    const html = c.html.replace('data-testid="AppTabBar_Profile_Link"', 'data-testid="AppTabBar_Other"');
    expect(xAdapter.readAgent(documentFromHtml(html, c.url), c.url)?.handle).toBe('acme_support');
  });

  it('without an agent, directions are unknown but the tweets are still read', () => {
    const c = byName('thread-complaint');
    const html = c.html.replace(/data-testid="(AppTabBar_Profile_Link|SideNav_AccountSwitcher_Button)"/g, '');
    const s = snapshotOf(run(c, {}, html));
    expect(s.agent).toBeNull();
    expect(new Set(s.messages.map((m) => m.direction))).toEqual(new Set(['unknown']));
  });
});

describe('X compose, DM and chat behaviour', () => {
  it('compose modal: a new post (no reply context) is not a conversation', () => {
    const c = byName('compose-reply');
    const doc = documentFromHtml(c.html, c.url);
    const dialog = doc.querySelector('[role="dialog"]')!;
    dialog.querySelector('article')?.remove();
    for (const a of Array.from(dialog.querySelectorAll('a[href="/dana_example"]'))) a.remove();
    const result = xAdapter.extract(doc, c.url, { now: FIXTURE_NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('compose modal without a conversation');
  });

  it('legacy DM: outgoing bubbles are buttons; the customer id is the one the page ties to them', () => {
    const s = snapshotOf(run(byName('dm-thread')));
    expect(s.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out']);
    expect(s.customer).toMatchObject({ handle: 'dana_example', userId: '1111111111' });
    expect(new Set(s.messages.map((m) => m.id)).size).toBe(4);
  });

  it('legacy DM ids stay stable when rows are recycled (same message, same id)', () => {
    const c = byName('dm-thread');
    const full = snapshotOf(run(c));
    const doc = documentFromHtml(c.html, c.url);
    doc.querySelector('[data-testid="messageEntry"]')?.closest('[data-testid="cellInnerDiv"]')?.remove();
    const scrolled = snapshotOf(xAdapter.extract(doc, c.url, { now: FIXTURE_NOW }));
    expect(scrolled.messages).toEqual(full.messages.slice(1));
  });

  it('chat: injected geometry decides direction; without it, send status or avatar decide', () => {
    const c = byName('chat-thread');
    const fallback = snapshotOf(run(c));
    expect(fallback.messages.map((m) => m.direction)).toEqual(['in', 'out', 'unknown', 'out']);
    const rightAligned = new Set(['3f2a1c9e-8b7d-4e6f-9a1b-2c3d4e5f6a02', '3f2a1c9e-8b7d-4e6f-9a1b-2c3d4e5f6a04']);
    const geometry = snapshotOf(run(c, { isOutgoingBubble: (el) => rightAligned.has(el.getAttribute('data-dm-message-row') ?? '') }));
    expect(geometry.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out']);
    expect(geometry.messages[2]!.author.handle).toBe('dana_example');
    expect(geometry.messages[3]).toMatchObject({ sentAt: null, deliveryState: 'sent', text: 'You’re welcome! <img src=x onerror=alert(1)>' });
  });

  describe('chat: layout decides what send status and avatars leave open', () => {
    // happy-dom has no layout: lay bubbles out as X's stylesheet does (own messages at the end of
    // the log), or all on one side as an unstyled page would.
    const layOut = (side: (row: Element) => 'start' | 'end') =>
      vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
        const rect = (left: number, width: number) => ({ left, width, right: left + width, top: 0, bottom: 20, height: 20, x: left, y: 0, toJSON: () => ({}) }) as DOMRect;
        if (this.getAttribute('role') === 'log') return rect(0, 600);
        const row = this.closest('[data-dm-message-row]');
        if (!row) return rect(0, 0);
        const end = side(row) === 'end';
        const rtl = this.ownerDocument.documentElement.dir === 'rtl';
        return end !== rtl ? rect(380, 200) : rect(40, 200);
      });
    const styled = (row: Element) => (row.classList.contains('justify-end') ? 'end' : 'start');
    afterEach(() => vi.restoreAllMocks());

    it('a bubble on the customer side with no other sign is incoming', () => {
      layOut(styled);
      const s = snapshotOf(run(byName('chat-thread')));
      expect(s.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out']);
      expect(s.messages[2]!.author.handle).toBe('dana_example');
    });

    it('right-to-left pages mirror the sides', () => {
      layOut(styled);
      const c = byName('chat-thread');
      const s = snapshotOf(run(c, {}, c.html.replace('<html dir="ltr"', '<html dir="rtl"')));
      expect(s.messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out']);
    });

    it('a layout with every bubble on one side is ignored when send status says otherwise', () => {
      layOut(() => 'start');
      expect(snapshotOf(run(byName('chat-thread'))).messages.map((m) => m.direction)).toEqual(['in', 'out', 'unknown', 'out']);
    });

    it('a layout that disagrees with the sure signs is not trusted for the rows they leave open', () => {
      layOut((row) => (styled(row) === 'end' ? 'start' : 'end'));
      // Mirrored bubbles: status and avatar still decide rows 1, 2 and 4; row 3 stays unknown.
      expect(snapshotOf(run(byName('chat-thread'))).messages.map((m) => m.direction)).toEqual(['in', 'out', 'unknown', 'out']);
    });
  });

  it('chat: a log without a composer is read-only', () => {
    const c = byName('chat-thread');
    const doc = documentFromHtml(c.html, c.url);
    doc.querySelector('[data-testid="dm-composer-form"]')?.remove();
    expect(snapshotOf(xAdapter.extract(doc, c.url, { now: FIXTURE_NOW })).state).toBe('read-only');
  });

  it('chat: locked and empty conversations say so, with no messages', () => {
    expect(snapshotOf(run(byName('chat-locked')))).toMatchObject({ state: 'locked', messages: [] });
    expect(snapshotOf(run(byName('chat-empty')))).toMatchObject({ state: 'empty', messages: [], customer: { handle: 'pat_placeholder' } });
  });
});

describe('X adapter wiring', () => {
  it('the registry picks the X adapter by host only', () => {
    expect(adapterFor(new URL('https://twitter.com/a/status/1'))).toBe(xAdapter);
    expect(adapterFor(new URL('https://mobile.x.com/home'))).toBe(xAdapter);
    expect(adapterFor(new URL('https://example.com/a/status/1'))).toBeNull();
  });

  it('observes the chat / DM container when open, else the main column', () => {
    const root = (name: string) => {
      const c = byName(name);
      return xAdapter.observeRoot(documentFromHtml(c.html, c.url))?.getAttribute('data-testid');
    };
    expect(root('chat-thread')).toBe('dm-container');
    expect(root('dm-thread')).toBe('DmActivityContainer');
    expect(root('thread-complaint')).toBe('primaryColumn');
  });
});

/** Deterministic PRNG so a failing mutation can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('X extractors never throw', () => {
  for (const c of cases) {
    it(`${c.name}: 12 random mutations → a valid snapshot or a reason`, () => {
      const random = rng(c.name.length * 7919);
      const pristine = documentFromHtml(c.html, c.url);
      for (let round = 0; round < 12; round++) {
        const doc = pristine.cloneNode(true) as Document;
        const all = Array.from(doc.body?.querySelectorAll('*') ?? []);
        for (let i = 0; i < 8 && all.length > 0; i++) {
          const el = all[Math.floor(random() * all.length)]!;
          if (random() < 0.5) el.remove();
          else for (const attr of Array.from(el.attributes)) if (random() < 0.5) el.removeAttribute(attr.name);
        }
        let result: ExtractResult | undefined;
        expect(() => (result = xAdapter.extract(doc, c.url, { now: FIXTURE_NOW })), `${c.name} round ${round}`).not.toThrow();
        if (result?.ok) expect(ConversationSnapshotSchema.safeParse(result.snapshot).success).toBe(true);
        else expect(typeof result?.reason).toBe('string');
      }
    });
  }

  it('turns an exception inside into "not recognised"', () => {
    const hostile = { querySelector: () => { throw new Error('boom'); }, querySelectorAll: () => { throw new Error('boom'); } } as unknown as Document;
    const result = xAdapter.extract(hostile, new URL('https://x.com/a/status/1'));
    expect(result).toEqual({ ok: false, code: 'failed', reason: expect.stringContaining('boom') });
  });
});

/**
 * findComposer picks the right Lexical editor (never the docked chat's or the feed's behind a
 * dialog), readAgent names the acting Page/account, observeRoot scopes the observer.
 */
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { agentFromComposers } from '../../lib/platforms/facebook/agent';
import { documentFromHtml, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const open = (name: string, url?: string) => {
  const c = byName(name);
  const u = new URL(url ?? c.url.href);
  return { doc: documentFromHtml(c.html, u), url: u };
};

describe('findComposer', () => {
  it('post page: the comment composer under the post, not the docked chat or a reply box', () => {
    const { doc, url } = open('post-page-comments');
    const target = facebookAdapter.findComposer(doc, url)!;
    expect(target.kind).toBe('lexical');
    expect(target.element.getAttribute('aria-label')).toBe('Comment as Acme Outdoor');
    expect(target.sendButton?.getAttribute('aria-disabled')).toBe('true');
    expect(target.sendButton?.getAttribute('aria-label')).toBe('Comment');
  });

  it('comment permalink: the reply box of that comment thread', () => {
    const c = byName('post-page-comments');
    const { doc, url } = open('post-page-comments', `${c.url.href}?comment_id=1122334455667701&reply_comment_id=1122334455667712`);
    expect(facebookAdapter.findComposer(doc, url)!.element.getAttribute('aria-label')).toBe('Reply as Acme Outdoor');
  });

  it('the focused editor wins (the caret the agent left)', () => {
    const { doc, url } = open('post-page-comments');
    const reply = doc.querySelector<HTMLElement>('[aria-label="Reply as Acme Outdoor"][data-lexical-editor="true"]')!;
    reply.focus();
    expect(doc.activeElement).toBe(reply);
    expect(facebookAdapter.findComposer(doc, url)!.element).toBe(reply);
  });

  it('with focus in the panel, the reply box the agent last worked in, not the main comment box', () => {
    const { doc, url } = open('post-page-comments');
    const reply = doc.querySelector<HTMLElement>('[aria-label="Reply as Acme Outdoor"][data-lexical-editor="true"]')!;
    // The caret tracker remembers a node inside the box; focus is elsewhere (the panel's iframe).
    const inside = reply.firstElementChild ?? reply;
    expect(facebookAdapter.findComposer(doc, url)!.element.getAttribute('aria-label')).toBe('Comment as Acme Outdoor');
    expect(facebookAdapter.findComposer(doc, url, inside)!.element).toBe(reply);
    // A remembered element that is no composer of this conversation changes nothing.
    expect(facebookAdapter.findComposer(doc, url, doc.body)!.element.getAttribute('aria-label')).toBe('Comment as Acme Outdoor');
  });

  it('French UI: same composer found without English labels', () => {
    const { doc, url } = open('post-page-comments-fr');
    const target = facebookAdapter.findComposer(doc, url)!;
    expect(target.element.getAttribute('aria-label')).toBe('Commenter en tant que Acme Outdoor');
    expect(target.sendButton?.getAttribute('aria-label')).toBe('Commenter');
  });

  it('dialog over the feed: the dialog composer, not the feed one', () => {
    const { doc, url } = open('post-dialog-over-feed');
    const target = facebookAdapter.findComposer(doc, url)!;
    expect(target.element.closest('[role="dialog"]')).not.toBeNull();
    expect(target.element.closest('li')).toBeNull();
  });

  it('Messenger and Business Suite: the composer in main', () => {
    for (const name of ['messenger-thread', 'messenger-com-thread', 'messenger-thread-es']) {
      const { doc, url } = open(name);
      const target = facebookAdapter.findComposer(doc, url)!;
      expect(target.element.closest('[role="main"]'), name).not.toBeNull();
      expect(target.sendButton ?? null, name).toBeNull(); // "Press enter to send" appears only once there is text
    }
    const { doc, url } = open('business-inbox-thread');
    const bs = facebookAdapter.findComposer(doc, url)!;
    expect(bs.element.getAttribute('aria-label')).toBe('Reply in Messenger…');
    expect(bs.sendButton?.textContent).toBe('Send');
  });

  it('no composer on a non-conversation page', () => {
    const { doc, url } = open('feed-home');
    expect(facebookAdapter.findComposer(doc, url)).toBeNull();
  });
});

describe('readAgent and observeRoot', () => {
  it('names the acting Page or account per surface', () => {
    const agent = (name: string) => {
      const { doc, url } = open(name);
      return facebookAdapter.readAgent(doc, url);
    };
    expect(agent('post-page-comments')).toEqual({ platform: 'facebook', handle: 'acmeoutdoor', displayName: 'Acme Outdoor' });
    expect(agent('post-page-comments-fr')).toEqual(agent('post-page-comments'));
    expect(agent('messenger-com-thread')).toEqual({ platform: 'facebook', handle: 'dana.agent.7', displayName: 'Dana Agent' });
    expect(agent('business-inbox-thread')).toEqual({ platform: 'facebook', handle: 'acmeoutdoor', pageId: '100064000000001', displayName: 'Acme Outdoor' });
  });

  it("a 'Reply to <post author>' box never makes the customer the agent", () => {
    const box = (label: string) => `<div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="${label}"></div>`;
    const scope = (html: string) => documentFromHtml(`<div role="main">${html}</div>`, new URL('https://www.facebook.com/')).body;
    const jamie = { handle: 'jamie.rivera.5', displayName: 'Jamie Rivera' };
    const acme = { handle: 'acmeoutdoor', displayName: 'Acme Outdoor' };
    // A customer's post: the agent's reply box under a comment is addressed to the author.
    expect(agentFromComposers(scope(`${box('Write a comment…')}<ul><li>${box('Reply to Jamie Rivera…')}</li></ul>`), [jamie])).toBeNull();
    // The post's own comment box still names the acting Page, and "Reply as" anywhere does.
    expect(agentFromComposers(scope(`${box('Comment as Acme Outdoor')}<ul><li>${box('Reply to Jamie Rivera…')}</li></ul>`), [jamie, acme])).toMatchObject({ handle: 'acmeoutdoor' });
    expect(agentFromComposers(scope(`<ul><li>${box('Reply as Acme Outdoor')}</li></ul>`), [jamie])).toEqual({ platform: 'facebook', displayName: 'Acme Outdoor' });
  });

  it('takes the Page id from permalink.php?id= when the Page is the author', () => {
    const { doc } = open('post-page-comments');
    const url = new URL('https://www.facebook.com/permalink.php?story_fbid=pfbid02Xq7rT9kLmNpQsVwYz3AbCdEfGhJkLmNoPqRsTuVwXyZ1l&id=100064000000001');
    const result = facebookAdapter.extract(doc, url, {});
    expect(result.ok && result.snapshot.agent).toEqual({ platform: 'facebook', handle: 'acmeoutdoor', pageId: '100064000000001', displayName: 'Acme Outdoor' });
  });

  it('observes the dialog when a post is open over the feed, else main', () => {
    const dialog = open('post-dialog-over-feed');
    expect(facebookAdapter.observeRoot(dialog.doc)?.getAttribute('role')).toBe('dialog');
    const thread = open('messenger-thread');
    expect(facebookAdapter.observeRoot(thread.doc)?.getAttribute('role')).toBe('main');
  });
});

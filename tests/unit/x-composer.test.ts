import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../lib/platforms/x';
import { documentFromHtml, loadFixtures } from '../fixtures/load-fixtures';

const fixture = (name: string) => {
  const c = loadFixtures('x').find((f) => f.name === name);
  if (!c) throw new Error(`no fixture ${name}`);
  return { doc: documentFromHtml(c.html, c.url), url: c.url };
};

describe('X composer lookup', () => {
  it('status page: the inline Draft.js reply box and its inline send button', () => {
    const { doc, url } = fixture('thread-complaint');
    const target = xAdapter.findComposer(doc, url);
    expect(target?.kind).toBe('draft');
    expect(target?.element.getAttribute('data-testid')).toBe('tweetTextarea_0');
    expect(target?.sendButton?.getAttribute('data-testid')).toBe('tweetButtonInline');
  });

  it('compose modal over the home timeline: the modal editor, not the one behind it', () => {
    const { doc, url } = fixture('compose-reply');
    const target = xAdapter.findComposer(doc, url);
    expect(target?.element.closest('[role="dialog"]')).not.toBeNull();
    expect(target?.sendButton?.getAttribute('data-testid')).toBe('tweetButton');
  });

  it('prefers the composer that holds focus', () => {
    const { doc, url } = fixture('compose-reply');
    const behind = Array.from(doc.querySelectorAll<HTMLElement>('[data-testid="tweetTextarea_0"]')).find((el) => !el.closest('[role="dialog"]'))!;
    behind.focus();
    expect(doc.activeElement).toBe(behind);
    expect(xAdapter.findComposer(doc, url)?.element).toBe(behind);
  });

  it("a tweet's page never falls back to a DM or chat drawer's composer; the box last worked in wins over the first", () => {
    const { doc, url } = fixture('thread-complaint');
    // The inline reply box is gone (its cell recycled after scrolling); a DM drawer is open.
    doc.querySelectorAll('[data-testid="tweetTextarea_0"]').forEach((el) => el.remove());
    doc.body.insertAdjacentHTML('beforeend', '<div data-testid="DMDrawer"><div data-testid="dmComposerTextInput" contenteditable="true" role="textbox"></div><textarea data-testid="dm-composer-textarea"></textarea></div>');
    expect(xAdapter.findComposer(doc, url)).toBeNull();
  });

  it('with focus in the panel, the reply box the agent last worked in', () => {
    const { doc, url } = fixture('compose-reply');
    const behind = Array.from(doc.querySelectorAll<HTMLElement>('[data-testid="tweetTextarea_0"]')).find((el) => !el.closest('[role="dialog"]'))!;
    expect(xAdapter.findComposer(doc, url)?.element).not.toBe(behind);
    expect(xAdapter.findComposer(doc, url, behind.firstElementChild ?? behind)?.element).toBe(behind);
  });

  it('legacy DM: Draft.js dmComposerTextInput with its send button', () => {
    const { doc, url } = fixture('dm-thread');
    const target = xAdapter.findComposer(doc, url);
    expect(target).toMatchObject({ kind: 'draft' });
    expect(target?.element.getAttribute('data-testid')).toBe('dmComposerTextInput');
    expect(target?.sendButton?.getAttribute('data-testid')).toBe('dmComposerSendButton');
  });

  it('chat: the real textarea', () => {
    const { doc, url } = fixture('chat-thread');
    const target = xAdapter.findComposer(doc, url);
    expect(target?.kind).toBe('textarea');
    expect(target?.element.tagName).toBe('TEXTAREA');
    expect(target?.sendButton?.getAttribute('data-testid')).toBe('dm-composer-send-button');
  });

  it('locked chat and logged-out pages: no composer', () => {
    for (const name of ['chat-locked', 'logged-out-status']) {
      const { doc, url } = fixture(name);
      expect(xAdapter.findComposer(doc, url), name).toBeNull();
    }
  });

  it('mobile web: a textarea inside tweetTextarea_0', () => {
    const url = new URL('https://mobile.x.com/dana_example/status/1');
    const doc = documentFromHtml('<div data-testid="tweetTextarea_0"><textarea placeholder="Post your reply"></textarea></div><button data-testid="tweetButtonInline"></button>', url);
    const target = xAdapter.findComposer(doc, url);
    expect(target?.kind).toBe('textarea');
    expect(target?.element.tagName).toBe('TEXTAREA');
  });
});

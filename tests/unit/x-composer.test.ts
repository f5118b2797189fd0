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

  it("a tweet's page with no reply box never falls back to the Messages drawer's Draft.js editor", () => {
    // The drawer's editor has the same `.DraftEditor-root [contenteditable][role=textbox]` markup as
    // the reply box, so the fallback selector matches it: a public reply would land in a private DM.
    const { doc, url } = fixture('thread-complaint');
    doc.querySelectorAll('[data-testid="tweetTextarea_0"]').forEach((el) => el.remove());
    doc.body.insertAdjacentHTML(
      'beforeend',
      '<div data-testid="DMDrawer"><div data-testid="dmComposerTextInputRichTextInputContainer"><div class="DraftEditor-root">' +
        '<div class="DraftEditor-editorContainer"><div aria-label="Start a new message" contenteditable="true" role="textbox" ' +
        'class="notranslate public-DraftEditor-content" data-testid="dmComposerTextInput"><div data-contents="true"></div></div></div></div></div>' +
        '<button data-testid="dmComposerSendButton"></button></div>',
    );
    expect(xAdapter.findComposer(doc, url)).toBeNull();
  });

  it('the reply box is still found with the Messages drawer open beside it', () => {
    const { doc, url } = fixture('thread-complaint');
    doc.body.insertAdjacentHTML(
      'beforeend',
      '<div data-testid="DMDrawer"><div class="DraftEditor-root"><div contenteditable="true" role="textbox" data-testid="dmComposerTextInput"></div></div></div>',
    );
    const target = xAdapter.findComposer(doc, url);
    expect(target?.element.getAttribute('data-testid')).toBe('tweetTextarea_0');
    expect(target?.sendButton?.getAttribute('data-testid')).toBe('tweetButtonInline');
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

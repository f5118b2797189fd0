/**
 * Platform pages for end-to-end tests: the fixture cases (tests/fixtures/<platform>/<case>/)
 * at the URLs they stand for, optionally with the real editors (draft-js, lexical, a React
 * textarea) mounted where the fixture marks a composer.
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve('tests/fixtures');
const EDITORS = path.resolve('tests/e2e/editors/dist');

export interface FixturePage {
  name: string;
  url: string;
  html: string;
}

export function fixturePage(platform: 'x' | 'facebook', name: string, options: { editors?: boolean } = {}): FixturePage {
  const dir = path.join(FIXTURES, platform, name);
  const url = fs.readFileSync(path.join(dir, 'url.txt'), 'utf8').trim();
  let html = fs.readFileSync(path.join(dir, 'source.html'), 'utf8');
  if (options.editors) html = withEditors(html);
  return { name, url, html };
}

/**
 * Runs in the page before the editor bundles: swaps each static composer of the saved markup
 * for a mount point of the matching real editor (same test ids / labels), and drops the static
 * send buttons the real editors replace.
 */
const SWAP_COMPOSERS = `(() => {
  const swap = (node, kind, attrs) => {
    const mount = document.createElement('div');
    mount.setAttribute('data-caseside-mount', kind);
    for (const [k, v] of Object.entries(attrs)) if (v) mount.setAttribute(k, v);
    node.replaceWith(mount);
  };
  const drop = (sel) => document.querySelectorAll(sel).forEach((b) => b.remove());
  let n = 0;
  document.querySelectorAll('[data-testid^="tweetTextarea_"][contenteditable], [data-testid="dmComposerTextInput"][contenteditable]').forEach((el) => {
    const testId = el.getAttribute('data-testid');
    const dm = testId === 'dmComposerTextInput';
    const root = el.closest('[data-testid$="RichTextInputContainer"]') || el.closest('.DraftEditor-root') || el;
    const send = dm ? 'dmComposerSendButton' : (el.closest('[role="dialog"]') ? 'tweetButton' : 'tweetButtonInline');
    drop('[data-testid="' + send + '"]');
    swap(root, 'draft', { 'data-testid': testId, 'data-send-testid': send, 'data-name': dm ? 'dm' : 'reply' + (n++ || '') });
  });
  document.querySelectorAll('[data-testid="dm-composer-form"]').forEach((form) => swap(form, 'textarea', { 'data-name': 'chat' }));
  document.querySelectorAll('[data-lexical-editor="true"][contenteditable]').forEach((el) => {
    const label = el.getAttribute('aria-label') || 'Message';
    swap(el, 'lexical', { 'data-aria-label': label, 'data-name': 'lexical' + (n++ || '') });
  });
  drop('[role="button"][aria-label="Press enter to send"], [role="button"][aria-label="Post comment"]');
})();`;

/** Append the editor bundles; each mounts into the fixture's [data-caseside-mount] elements. */
export function withEditors(html: string): string {
  const scripts = [`<script>${SWAP_COMPOSERS}</script>`].concat(['draft.js', 'lexical.js', 'textarea.js']
    .filter((f) => fs.existsSync(path.join(EDITORS, f)))
    .map((f) => `<script>${fs.readFileSync(path.join(EDITORS, f), 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`))
    .join('\n');
  return html.includes('</body>') ? html.replace('</body>', `${scripts}</body>`) : html + scripts;
}

export const pageMap = (...pages: FixturePage[]) => new Map(pages.map((p) => [p.url, p.html]));

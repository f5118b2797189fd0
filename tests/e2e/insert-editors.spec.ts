/**
 * Reply insertion against REAL editors from npm (Draft.js for X, Lexical for Messenger, a
 * React-controlled textarea for X chat), checked through each editor's own state.
 * No extension needed: a fake https page loads the harness bundles and the insertion library.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposerKind } from '../../lib/platforms/adapter';
import type { InsertMode, InsertOutcome } from '../../lib/platforms/insert/index';
import { buildEditorHarness, DIST, type EditorBundle } from './editors/build';

const ORIGIN = 'https://caseside.test';
const REPLY = 'Hi Dana 👋\nYour order #1234 ships today.\n— Acme';
const ONE_LINE = 'Thanks, Dana! 🙏 Back in 5 minutes.';

interface EditorCase {
  title: string;
  bundle: EditorBundle;
  kind: ComposerKind;
  /** window.__editors key */
  name: string;
  mount: string;
  composer: string;
  send: string;
  /** Strategy expected to succeed first, for a multi-line and a one-line reply. */
  multiline: string;
  oneLine: string;
  /** Neutralise the first strategy in the page; the second must then insert `fallbackText`. */
  neutralise: Neutraliser;
  fallbackText: string;
  fallback: string;
}

/**
 * - swallow-paste: a page listener eats paste events before the editor sees them.
 * - no-execCommand: a browser where execCommand does nothing (it is deprecated). Chrome's
 *   execCommand fires no beforeinput, so cancelling beforeinput would not stop it.
 */
type Neutraliser = 'swallow-paste' | 'no-execCommand';

const EDITORS: EditorCase[] = [
  {
    title: 'Draft.js, X reply',
    bundle: 'draft',
    kind: 'draft',
    name: 'x-reply',
    mount: '<div data-caseside-mount="draft" data-name="x-reply" data-testid="tweetTextarea_0" data-send-testid="tweetButtonInline"></div>',
    composer: '[data-testid="tweetTextarea_0RichTextInputContainer"] [data-testid="tweetTextarea_0"][role="textbox"]',
    send: 'button[data-testid="tweetButtonInline"]',
    multiline: 'paste-event',
    oneLine: 'paste-event',
    neutralise: 'swallow-paste',
    // Multi-line Draft has no safe fallback: see the Draft-only test below.
    fallbackText: ONE_LINE,
    fallback: 'execCommand-insertText',
  },
  {
    title: 'Draft.js, X legacy DM',
    bundle: 'draft',
    kind: 'draft',
    name: 'x-dm',
    mount: '<div data-caseside-mount="draft" data-name="x-dm" data-testid="dmComposerTextInput" data-send-testid="dmComposerSendButton"></div>',
    composer: '[data-testid="dmComposerTextInput"][role="textbox"]',
    send: '[data-testid="dmComposerSendButton"]',
    multiline: 'paste-event',
    oneLine: 'paste-event',
    neutralise: 'swallow-paste',
    // Multi-line Draft has no safe fallback: see the Draft-only test below.
    fallbackText: ONE_LINE,
    fallback: 'execCommand-insertText',
  },
  {
    title: 'Lexical, Messenger (Enter sends)',
    bundle: 'lexical',
    kind: 'lexical',
    name: 'messenger',
    mount: '<div data-caseside-mount="lexical" data-name="messenger" data-aria-label="Message" data-send-label="Press enter to send"></div>',
    composer: '[contenteditable="true"][role="textbox"][data-lexical-editor="true"][aria-label="Message"]',
    send: '[role="button"][aria-label="Press enter to send"]',
    multiline: 'paste-event',
    oneLine: 'execCommand-insertText',
    neutralise: 'swallow-paste',
    fallbackText: REPLY,
    fallback: 'line-by-line',
  },
  {
    title: 'React textarea, X chat',
    bundle: 'textarea',
    kind: 'textarea',
    name: 'x-chat',
    mount: '<div data-caseside-mount="textarea" data-name="x-chat"></div>',
    composer: '[data-testid="dm-composer-form"] textarea[data-testid="dm-composer-textarea"]',
    send: '[data-testid="dm-composer-send-button"]',
    multiline: 'execCommand-insertText',
    oneLine: 'execCommand-insertText',
    neutralise: 'no-execCommand',
    fallbackText: REPLY,
    fallback: 'native-value-setter',
  },
];

test.beforeAll(async () => {
  await buildEditorHarness();
});

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
});

/** A page with the composer, a panel iframe that can take focus, and the caret tracker running. */
async function openPage(context: BrowserContext, page: Page, body: string, bundle: EditorBundle | null): Promise<void> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>harness</title></head><body>
<main>${body}</main>
<iframe id="panel" srcdoc="<input id='panel-search' aria-label='Search replies'>"></iframe>
<script src="/dist/insert.js"></script>
<script>
  window.__tracker = __casesideInsert.trackComposerCaret(document,
    (el) => el.matches('[role="textbox"][contenteditable="true"], textarea'), new AbortController().signal);
</script>
${bundle ? `<script src="/dist/${bundle}.js"></script>` : ''}
</body></html>`;
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    if (path.startsWith('/dist/')) {
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(DIST, path.slice('/dist/'.length))) });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${ORIGIN}/`);
  expect(errors, 'page errors while loading the harness').toEqual([]);
}

/** Uncaught errors per page: an insertion that breaks the editor (React throwing) fails the test. */
const pageErrors = new WeakMap<Page, string[]>();

async function neutralise(page: Page, how: Neutraliser): Promise<void> {
  await page.evaluate((how) => {
    if (how === 'no-execCommand') {
      document.execCommand = () => false;
      return;
    }
    const swallow = (event: Event): void => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('paste', swallow, { capture: true });
  }, how);
}

async function openEditor(context: BrowserContext, page: Page, c: EditorCase): Promise<void> {
  await openPage(context, page, c.mount, c.bundle);
  await page.waitForFunction((name) => window.__editors?.[name] !== undefined, c.name);
  await expect(page.locator(c.composer)).toHaveCount(1);
}

async function insert(page: Page, c: Pick<EditorCase, 'kind' | 'composer' | 'send'>, text: string, mode: InsertMode): Promise<InsertOutcome> {
  return page.evaluate(
    async ({ kind, composer, send, text, mode }) => {
      const element = document.querySelector<HTMLElement>(composer);
      if (!element) throw new Error(`composer ${composer} not found`);
      const findSendButton = (): HTMLElement | null => document.querySelector<HTMLElement>(send);
      return window.__casesideInsert.insertReply({ kind, element, sendButton: findSendButton() }, text, {
        mode,
        savedRange: window.__tracker.lastRange(),
        savedSelection: window.__tracker.lastTextSelection(),
        findSendButton,
      });
    },
    { kind: c.kind, composer: c.composer, send: c.send, text, mode },
  );
}

const editorText = (page: Page, name: string): Promise<string> => page.evaluate((n) => window.__editors[n]!.getText(), name);
const sends = (page: Page, name: string): Promise<number> => page.evaluate((n) => window.__editors[n]!.sends, name);

/** Read from the DOM independently of the library's own check. */
async function sendEnabledInDom(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const button = document.querySelector(s);
    return !!button && button.getAttribute('aria-disabled') !== 'true' && !button.hasAttribute('disabled');
  }, selector);
}

/** The agent types in the composer, puts the caret somewhere, then the panel takes focus. */
async function typeThenFocusPanel(page: Page, c: EditorCase, typed: string, caretLeft: number): Promise<void> {
  await page.locator(c.composer).click();
  await page.keyboard.type(typed);
  for (let i = 0; i < caretLeft; i += 1) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => editorText(page, c.name)).toBe(typed);
  await page.frameLocator('#panel').locator('#panel-search').click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel');
}

async function expectInserted(page: Page, c: EditorCase, outcome: InsertOutcome, expected: string, strategy: string): Promise<void> {
  expect(outcome, `${c.title}: outcome`).toEqual({ ok: true, strategy, sendEnabled: true });
  expect(await editorText(page, c.name), `${c.title}: the editor's own text`).toBe(expected);
  expect(await sendEnabledInDom(page, c.send), `${c.title}: send control enabled`).toBe(true);
  expect(await sends(page, c.name), `${c.title}: nothing was sent`).toBe(0);
  expect(pageErrors.get(page), `${c.title}: page errors`).toEqual([]);
}

for (const c of EDITORS) {
  test.describe(c.title, () => {
    test('caret mode into an empty editor', async ({ context, page }) => {
      await openEditor(context, page, c);
      expect(await sendEnabledInDom(page, c.send)).toBe(false);
      const outcome = await insert(page, c, REPLY, 'caret');
      await expectInserted(page, c, outcome, REPLY, c.multiline);
    });

    test('caret mode at a mid-text caret after the panel took focus', async ({ context, page }) => {
      await openEditor(context, page, c);
      await typeThenFocusPanel(page, c, 'Hello there', 'there'.length);
      expect(await page.evaluate((s) => window.__tracker.lastComposer() === document.querySelector(s), c.composer)).toBe(true);
      const outcome = await insert(page, c, REPLY, 'caret');
      await expectInserted(page, c, outcome, `Hello ${REPLY}there`, c.multiline);
    });

    test('replace mode replaces the whole draft', async ({ context, page }) => {
      await openEditor(context, page, c);
      await typeThenFocusPanel(page, c, 'Old draft, do not keep', 4);
      const outcome = await insert(page, c, REPLY, 'replace');
      await expectInserted(page, c, outcome, REPLY, c.multiline);
    });

    test('a one-line reply at the end of existing text', async ({ context, page }) => {
      await openEditor(context, page, c);
      await typeThenFocusPanel(page, c, 'Hi. ', 0);
      const outcome = await insert(page, c, ONE_LINE, 'caret');
      await expectInserted(page, c, outcome, `Hi. ${ONE_LINE}`, c.oneLine);
    });

    test(`falls back to ${c.fallback} when the page neutralises the first strategy (${c.neutralise})`, async ({ context, page }) => {
      await openEditor(context, page, c);
      await typeThenFocusPanel(page, c, 'Hi. ', 0);
      await neutralise(page, c.neutralise);
      const outcome = await insert(page, c, c.fallbackText, 'caret');
      await expectInserted(page, c, outcome, `Hi. ${c.fallbackText}`, c.fallback);
    });
  });
}

// Draft.js has no safe fallback for several lines, nor for an empty editor (native insertion
// there corrupts it): the reply goes to the clipboard and the editor is left as it was.
for (const { what, typed, text, tried } of [
  { what: 'a multi-line reply', typed: 'Keep me', text: REPLY, tried: '(paste-event)' },
  { what: 'a reply into an empty editor', typed: '', text: ONE_LINE, tried: '(paste-event, execCommand-insertText (not applicable))' },
]) {
  test(`Draft.js: ${what} whose paste is swallowed goes to the clipboard, the editor untouched`, async ({ context, page }) => {
    const c = EDITORS[0]!;
    await openEditor(context, page, c);
    if (typed) await typeThenFocusPanel(page, c, typed, 0);
    await neutralise(page, 'swallow-paste');
    const outcome = await insert(page, c, text, 'caret');
    expect(outcome).toMatchObject({ ok: false, copiedToClipboard: true });
    expect(outcome.ok === false && outcome.reason).toContain(tried);
    expect(await editorText(page, c.name)).toBe(typed);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    // The editor still works: the agent can paste or type.
    await page.locator(c.composer).click();
    await page.keyboard.type('!');
    await expect.poll(() => editorText(page, c.name)).toBe(`${typed}!`);
    expect(pageErrors.get(page)).toEqual([]);
  });
}

test.describe('when the editor refuses every strategy', () => {
  const target = { kind: 'contenteditable' as const, composer: '#stubborn', send: '#stubborn-send' };
  const stubborn = `<div id="stubborn" contenteditable="true" role="textbox">Existing</div>
<button id="stubborn-send" aria-disabled="true">Send</button>`;

  test('copies the reply to the clipboard and says so', async ({ context, page }) => {
    await openPage(context, page, stubborn, null);
    await page.evaluate(() => {
      const el = document.querySelector('#stubborn')!;
      for (const type of ['beforeinput', 'paste']) el.addEventListener(type, (event) => event.preventDefault());
      // execCommand fires no beforeinput in Chrome: a controlled editor re-renders its model instead.
      el.addEventListener('input', () => {
        el.textContent = 'Existing';
      });
    });
    const outcome = await insert(page, target, REPLY, 'caret');
    expect(outcome).toMatchObject({ ok: false, copiedToClipboard: true });
    expect(outcome.ok === false && outcome.reason).toContain('paste-event, line-by-line');
    expect(await page.locator('#stubborn').textContent()).toBe('Existing');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(REPLY);
  });

  test('does not retry over a partial insertion', async ({ context, page }) => {
    await openPage(context, page, stubborn, null);
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('#stubborn')!;
      (window as unknown as { beforeinputs: number }).beforeinputs = 0;
      el.addEventListener('beforeinput', () => (window as unknown as { beforeinputs: number }).beforeinputs++);
      // An editor that keeps only the first pasted line.
      el.addEventListener('paste', (event) => {
        event.preventDefault();
        const firstLine = (event.clipboardData?.getData('text/plain') ?? '').split('\n')[0]!;
        el.append(document.createTextNode(` ${firstLine}`));
      });
    });
    const outcome = await insert(page, target, REPLY, 'caret');
    expect(outcome).toMatchObject({ ok: false, copiedToClipboard: true });
    expect(outcome.ok === false && outcome.reason).toContain('does not hold the reply');
    // The line-by-line fallback never ran: no second copy of the first line.
    expect(await page.evaluate(() => (window as unknown as { beforeinputs: number }).beforeinputs)).toBe(0);
    expect(await page.locator('#stubborn').textContent()).toBe('Existing Hi Dana 👋');
  });
});

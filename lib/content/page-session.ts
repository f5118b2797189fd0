/**
 * The content script's whole job on a platform page, independent of the platform:
 * follow the single-page app's navigation and DOM changes, read the open conversation with the
 * platform adapter, accumulate what virtualised lists recycle, send snapshots to the
 * background, mount the panel frame, and carry out "insert this reply" when the background
 * relays it from this tab's own panel.
 *
 * Everything here is bound to the ContentScriptContext, so an extension reload leaves no
 * listener, observer or timer behind. Customer data is held only as the snapshot about to be
 * sent; nothing is rendered into the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PlatformAdapter } from '../platforms/adapter';
import { accountOf, notRecognised, otherAccount, type Account, type Agent, type ExtractResult } from '../platforms/snapshot';
import type { ContentMessage, InsertOutcome } from '../messaging/protocol';
import { parseTabCommand } from '../messaging/tab-commands';
import { createAccumulator } from './accumulate';
import { debounce } from './debounce';
import { createToggleGate } from './shortcut';
import { mountPanelFrame, type PanelFrame } from './panel-frame';
import { insertReply, trackComposerCaret } from '../platforms/insert';
import { copyToClipboard } from '../platforms/insert/clipboard';
import { BENCH, timed } from '../bench/probe';

/** Quiet time after the last DOM mutation before the conversation is read again. */
const SCAN_DEBOUNCE_MS = 200;
/** A page that never stops changing for SCAN_DEBOUNCE_MS (a playing video's clock) is still read this often. */
const SCAN_MAX_WAIT_MS = 1_000;


export async function startPageSession(ctx: ContentScriptContext, adapter: PlatformAdapter): Promise<void> {
  const accumulator = createAccumulator();
  let observer: MutationObserver | null = null;
  let observedRoot: Element | null = null;
  let lastSentKey = '';

  const send = (message: ContentMessage) => {
    // The background may be restarting; a lost snapshot is re-sent on the next change.
    browser.runtime.sendMessage(message).catch(() => undefined);
  };

  const read = (): ExtractResult => {
    const url = new URL(location.href);
    if (!adapter.conversationKindOf(url)) {
      // No conversation, but the account tells the panel which brand's Work list to show.
      const result = notRecognised('no-conversation', 'This page is not a conversation.');
      let agent: Agent | null = null;
      try {
        agent = adapter.readAgent(document, url);
      } catch {
        agent = null;
      }
      return agent ? { ...result, agent } : result;
    }
    try {
      return adapter.extract(document, url);
    } catch (e) {
      // Adapters must not throw; if one does, X or Facebook must never see it.
      return notRecognised('failed', `The page could not be read (${e instanceof Error ? e.name : 'error'}).`);
    }
  };

  const scan = () => {
    if (ctx.isInvalid) return;
    const raw = read();
    let result = raw;
    let changed = true;
    if (raw.ok) {
      const merged = accumulator.merge(raw.snapshot);
      if (merged.stale) {
        result = notRecognised('not-rendered', 'the page still shows the conversation it just left');
      } else {
        result = { ok: true, snapshot: merged.snapshot };
        changed = merged.changed;
      }
    } else {
      accumulator.reset();
    }
    // A page that is no conversation is sent again once it shows the account (the nav bar renders late).
    const key = result.ok ? `${location.href}|ok` : `${location.href}|${result.reason}|${result.agent?.handle ?? result.agent?.pageId ?? ''}`;
    if (changed || key !== lastSentKey) {
      lastSentKey = key;
      send({ type: 'page/snapshot', url: location.href, result });
    }
    watch();
  };
  // Bench builds only (lib/bench/probe.ts): each scan and each observer batch becomes a measure.
  const schedule = debounce(BENCH ? timed('scan', scan) : scan, SCAN_DEBOUNCE_MS, ctx.signal, SCAN_MAX_WAIT_MS);
  const onBatch = BENCH ? timed('batch', schedule) : schedule;

  /** Observe only the app's main column; re-attach when the app replaces it. */
  function watch(): void {
    const root = adapter.observeRoot(document) ?? document.body;
    if (root === observedRoot || !root) return;
    observer?.disconnect();
    observedRoot = root;
    // The callback only re-arms a timer: no DOM reads on the mutation path.
    observer = new MutationObserver(onBatch);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }
  ctx.onInvalidated(() => observer?.disconnect());

  ctx.addEventListener(window, 'wxt:locationchange', () => {
    observedRoot = null;
    schedule();
  });
  // The app may swap its main column without navigating, anywhere under the app root (on X and
  // Facebook it sits deep inside #react-root / the app root): catch the root being replaced. The
  // whole body is watched for added/removed nodes only (no text, no attributes), and the callback
  // does nothing else than one `isConnected` read (O(1), no DOM walk, no records read) until the
  // root is gone, so the per-mutation path stays as cheap as the column observer's. A timer
  // would wake up forever (also in background tabs) and lag by its period; a check on each scan
  // cannot help, as scans stop once the column observer sits on a detached node.
  const bodyObserver = new MutationObserver(() => {
    if (observedRoot && !observedRoot.isConnected) {
      observedRoot = null;
      schedule();
    }
  });
  bodyObserver.observe(document.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => bodyObserver.disconnect());

  const caret = trackComposerCaret(
    document,
    (el) => {
      const composer = adapter.findComposer(document, new URL(location.href));
      return !!composer && (composer.element === el || composer.element.contains(el));
    },
    ctx.signal,
  );

  let panel: PanelFrame | null = null;
  // The manifest command is the shortcut; this listener is its fallback, and one press toggles
  // once even when both see it (lib/content/shortcut.ts). The toolbar button sends the same
  // command, so both always toggle: opening puts the focus in the panel, closing gives it back
  // (lib/content/panel-frame.ts).
  const shortcut = createToggleGate(() => panel?.toggle());
  ctx.addEventListener(window, 'keydown', (e) => shortcut.onKeyDown(e), { capture: true });

  browser.runtime.onMessage.addListener((raw, sender) => {
    if (sender.id !== browser.runtime.id || ctx.isInvalid) return undefined;
    const cmd = parseTabCommand(raw);
    if (!cmd) return undefined;
    switch (cmd.type) {
      case 'tab/toggle-panel':
        shortcut.fromCommand();
        return Promise.resolve({ open: panel?.isOpen() ?? false });
      case 'tab/set-panel':
        panel?.setOpen(cmd.open);
        return Promise.resolve({ open: panel?.isOpen() ?? false });
      case 'tab/rescan':
        lastSentKey = '';
        scan();
        return Promise.resolve({ ok: true });
      case 'tab/insert':
        return insertOnce(cmd.text, cmd.mode, cmd);
    }
  });

  /** What the panel wrote the reply for: the conversation (platform id) and the account it was read under. */
  type InsertTarget = { conversationId?: string; account?: Account };

  // One insert at a time: a second click while the first is typing would put the text in twice.
  let inserting = false;
  async function insertOnce(text: string, mode: 'caret' | 'replace', target: InsertTarget): Promise<InsertOutcome> {
    if (inserting) return { ok: false, code: 'busy', reason: 'An insert is already running.', copiedToClipboard: false };
    inserting = true;
    try {
      return await insertHere(text, mode, target);
    } finally {
      inserting = false;
    }
  }

  async function insertHere(text: string, mode: 'caret' | 'replace', { conversationId, account }: InsertTarget): Promise<InsertOutcome> {
    // The panel may still show the conversation the page just left (or a page that is none), or
    // the account the agent just switched from: the reply was written for that conversation and
    // that brand (its template, its signature) and must not land in this one.
    if (conversationId || account) {
      const now = read();
      if (!now.ok || (conversationId && now.snapshot.conversationId !== conversationId)) {
        return { ok: false, code: 'other-conversation', reason: 'The page shows another conversation than the panel.', copiedToClipboard: false };
      }
      if (account && now.snapshot.agent && otherAccount(account, accountOf(now.snapshot.agent))) {
        return { ok: false, code: 'other-account', reason: 'The page is logged in as another account than the panel shows.', copiedToClipboard: false };
      }
    }
    const last = caret.lastComposer();
    const target = adapter.findComposer(document, new URL(location.href), last);
    if (!target) {
      const copied = await copyToClipboard(text, document);
      return {
        ok: false,
        code: 'no-composer',
        reason: 'No reply box is open on this page. Open the reply box, then insert again.',
        copiedToClipboard: copied,
      };
    }
    // Restore the caret the agent left in this composer (the panel frame has focus now).
    const here = !!last && (target.element === last || target.element.contains(last));
    return insertReply(target, text, {
      mode,
      savedRange: here ? caret.lastRange() : null,
      savedSelection: here ? caret.lastTextSelection() : null,
      // X chat creates its send button only once there is text: look it up after inserting.
      findSendButton: () => adapter.findComposer(document, new URL(location.href), target.element)?.sendButton ?? null,
      signal: ctx.signal,
    });
  }

  // Closing the panel gives the focus back to the page; when the element it came from is gone,
  // to the reply box.
  panel = await mountPanelFrame(ctx, () => {
    try {
      return adapter.findComposer(document, new URL(location.href), caret.lastComposer())?.element ?? null;
    } catch {
      return null;
    }
  });
  scan();
}

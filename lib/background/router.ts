/**
 * The background's message router: every message is parsed by the protocol schema, the sender
 * is checked (our content script in a tab's top frame, or our panel framed in a tab), and the
 * tab comes from `sender.tab` — never from the payload. Unknown or malformed messages are
 * rejected with a logged reason and change nothing.
 */
import { browser, type Browser } from 'wxt/browser';
import type { CasesideDb } from '../db/schema';
import {
  ContentMessageSchema,
  InsertOutcomeSchema,
  PanelMessageSchema,
  parseMessage,
  type InsertOutcome,
  type TabCommand,
  type TabState,
} from '../messaging/protocol';
import { isContentScriptSender, isPanelSender } from './senders';
import { emptyState, getTabState, setTabState } from './tab-state';
import { recordForTab } from './record';
import { brandForAgent, brandsClaimingAgent } from '../brands/resolve';
import { activePanelTab, rememberLastCustomer, setActivePanelTab } from './capture-menus';
import { BENCH } from '../bench/probe';
import { isXHost } from '../platforms/x/routes';
import { isFbFamilyHost } from '../platforms/facebook/routes';
import type { Platform } from '../platforms/snapshot';
import { t } from '../i18n';
import { toStorageError } from '../db/errors';

/** The platform a tab's URL is on (x.com; facebook.com, messenger.com, Business Suite), if any. */
function platformOf(url: string): Platform | null {
  try {
    const u = new URL(url);
    return isXHost(u) ? 'x' : isFbFamilyHost(u) ? 'facebook' : null;
  } catch {
    return null;
  }
}

export interface RouterDeps {
  db: CasesideDb;
  log?: (line: string) => void;
  /** Called after new messages are stored (search index, badge…). */
  onRecorded?: () => void;
}

/** `error` is for the log; `message`, when set, is what the panel shows the agent (translated). */
export type Rejection = { error: string; message?: string };

export function createRouter({ db, log = console.warn, onRecorded }: RouterDeps) {
  const reject = (why: string, message?: string): Rejection => {
    log(`[caseside] rejected message: ${why}`);
    return message ? { error: why, message } : { error: why };
  };

  /**
   * Work that reads a tab's state and writes it back runs one at a time per tab, in arrival
   * order. Otherwise a slow recording (a long thread) that finishes after the page has moved on
   * would write its conversation, brand and customer over the newer page's state.
   */
  const tabQueues = new Map<number, Promise<unknown>>();
  function inTabOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const run = (tabQueues.get(tabId) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    tabQueues.set(tabId, tail);
    void tail.then(() => {
      if (tabQueues.get(tabId) === tail) tabQueues.delete(tabId);
    });
    return run;
  }

  async function fromContentScript(raw: unknown, tabId: number): Promise<unknown> {
    const parsed = parseMessage(ContentMessageSchema, raw);
    if (!parsed.ok) return reject(`content script: ${parsed.reason}`);
    const msg = parsed.value;
    if (msg.type === 'page/panel-state') return { ok: true };
    // Bench builds only (lib/bench/probe.ts): when the snapshot reached the background.
    if (BENCH) performance.mark('caseside:snapshot');
    const prev = await getTabState(tabId);
    const sameConversation =
      prev.result?.ok && msg.result.ok && prev.result.snapshot.conversationId === msg.result.snapshot.conversationId;
    let next: TabState = { ...(sameConversation ? prev : emptyState()), url: msg.url, result: msg.result };
    if (msg.result.ok) {
      const { patch, added } = await recordForTab(db, msg.result.snapshot);
      if (BENCH) performance.mark('caseside:recorded');
      // The same thread read under another account (the agent switched brand): nothing of the
      // other brand may follow it — its conversation, customer and offers.
      if (sameConversation && patch.brandId !== prev.brandId) next = { ...emptyState(), url: msg.url, result: msg.result };
      next = { ...next, ...patch };
      if (added.length) onRecorded?.();
    } else {
      // No conversation: the tab keeps its brand (the panel shows that brand's Work list) — the
      // brand of the account the page shows, when it shows one, else the one it had on the same
      // platform (a brand's X account says nothing of who is logged in on Facebook).
      const samePlatform = platformOf(msg.url) !== null && platformOf(msg.url) === platformOf(prev.url);
      // The brands unreadable (a closed database): no brand, and the agent is told why.
      let storageError: string | null = null;
      const brands = msg.result.agent ? await db.brands.toArray().catch((e: unknown) => ((storageError = toStorageError(e).message), [])) : [];
      const brandId = msg.result.agent ? (brandForAgent(brands, msg.result.agent)?.id ?? null) : samePlatform ? prev.brandId : null;
      next = { ...next, brandId, notRecordedReason: null, storageError };
    }
    await setTabState(tabId, next);
    // Only the tab whose panel the agent last used names "the customer open in Caseside" (or any
    // tab while no panel has been used yet).
    const active = await activePanelTab();
    if (next.brandId && next.customerId && (active === null || active === tabId)) await rememberLastCustomer(next.brandId, next.customerId);
    return { ok: true };
  }

  async function fromPanel(raw: unknown, tabId: number): Promise<unknown> {
    const parsed = parseMessage(PanelMessageSchema, raw);
    if (!parsed.ok) return reject(`panel: ${parsed.reason}`);
    const msg = parsed.value;
    switch (msg.type) {
      case 'panel/get-state':
        return getTabState(tabId);
      case 'panel/close':
        return sendToTab(tabId, { type: 'tab/set-panel', open: false });
      case 'panel/track':
        return inTabOrder(tabId, async () => {
          const state = await getTabState(tabId);
          if (!state.result?.ok) return reject('panel: nothing to track on this page');
          const brands = await db.brands.toArray();
          if (!brands.some((b) => b.id === msg.brandId)) return reject('panel: unknown brand');
          // Read while logged in as a brand's account, a conversation is that brand's or none:
          // another brand's records never take in what this account shows and writes. That holds
          // for each id the page gives the account (its Page id one brand's, its handle another's).
          const { byPageId, byHandle } = brandsClaimingAgent(brands, state.result.snapshot.agent);
          const other = [...byPageId, ...byHandle].find((b) => b.id !== msg.brandId);
          if (other) return reject(`panel: the page is logged in as ${other.name}'s account`, t('record.otherBrandAccount', { brand: other.name }));
          const { patch, added, refused } = await recordForTab(db, state.result.snapshot, msg.brandId);
          await setTabState(tabId, { ...state, ...patch });
          // Refused: the tab's reason now says why (the panel shows it above the Track form).
          if (refused) return reject(`panel: ${refused}`, patch.notRecordedReason ?? undefined);
          if (added.length) onRecorded?.();
          return { ok: true };
        });
      case 'panel/active':
        return inTabOrder(tabId, async () => {
          await setActivePanelTab(tabId);
          const state = await getTabState(tabId);
          if (state.brandId && state.customerId) await rememberLastCustomer(state.brandId, state.customerId);
          return { ok: true };
        });
      case 'panel/answered':
        return inTabOrder(tabId, async () => {
          // An answered reopen offer leaves the tab's state, so a reloaded panel does not offer it again.
          const state = await getTabState(tabId);
          if (state.reopenOffer?.caseId === msg.reopenCaseId) await setTabState(tabId, { ...state, reopenOffer: null });
          return { ok: true };
        });
      case 'panel/insert': {
        // Relayed only to the content script of the panel's own tab, top frame.
        const outcome = await sendToTab(tabId, {
          type: 'tab/insert',
          text: msg.text,
          mode: msg.mode,
          ...(msg.conversationId ? { conversationId: msg.conversationId } : {}),
          ...(msg.account ? { account: msg.account } : {}),
        });
        const checked = InsertOutcomeSchema.safeParse(outcome);
        return checked.success
          ? checked.data
          : ({ ok: false, code: 'no-answer', reason: 'The page did not answer. Reload it and try again.', copiedToClipboard: false } satisfies InsertOutcome);
      }
    }
  }

  return async function route(raw: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return reject('no sender tab');
    if (isPanelSender(sender)) return fromPanel(raw, tabId);
    if (isContentScriptSender(sender)) return inTabOrder(tabId, () => fromContentScript(raw, tabId));
    return reject(`unknown sender ${sender.url ?? '(no url)'}`);
  };
}

export async function sendToTab(tabId: number, command: TabCommand): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, command, { frameId: 0 });
  } catch {
    return { error: 'The page did not answer.' };
  }
}

/**
 * What the background knows about each platform tab: the latest page reading and how it was
 * recorded. Kept in memory and mirrored to storage.session (extension-only, cleared when the
 * browser closes) so a restarted service worker can still answer a panel.
 */
import { browser, type Browser } from 'wxt/browser';
import { PANEL_PORT, type PanelPush, type TabState } from '../messaging/protocol';

const states = new Map<number, TabState>();
const ports = new Map<number, Set<Browser.runtime.Port>>();
const sessionKey = (tabId: number) => `tab:${tabId}`;

export const emptyState = (url = ''): TabState => ({
  url,
  result: null,
  brandId: null,
  conversationId: null,
  customerId: null,
  notRecordedReason: null,
  storageError: null,
  reopenOffer: null,
});

export async function getTabState(tabId: number): Promise<TabState> {
  const known = states.get(tabId);
  if (known) return known;
  const key = sessionKey(tabId);
  const items: Record<string, unknown> = (await browser.storage.session?.get(key).catch(() => ({}))) ?? {};
  // Another caller may have set or loaded this tab's state while storage was read (the panel
  // connecting while the content script's first snapshot is recorded): keep theirs, never
  // overwrite a newer state with what storage held before.
  const current = states.get(tabId);
  if (current) return current;
  const stored = items[key] as TabState | undefined;
  const state = stored ?? emptyState();
  states.set(tabId, state);
  return state;
}

export async function setTabState(tabId: number, state: TabState): Promise<void> {
  states.set(tabId, state);
  const push: PanelPush = { type: 'state', state };
  for (const port of ports.get(tabId) ?? []) {
    try {
      port.postMessage(push);
    } catch {
      ports.get(tabId)?.delete(port);
    }
  }
  await browser.storage.session?.set({ [sessionKey(tabId)]: state }).catch(() => undefined);
}

export function forgetTab(tabId: number): void {
  states.delete(tabId);
  ports.delete(tabId);
  void browser.storage.session?.remove(sessionKey(tabId)).catch(() => undefined);
}

/** Accept panel ports only from our own panel page, framed in a tab. */
export function acceptPanelPorts(isPanelSender: (sender: Browser.runtime.MessageSender | undefined) => boolean): void {
  browser.runtime.onConnect.addListener((port) => {
    const tabId = port.sender?.tab?.id;
    if (port.name !== PANEL_PORT || tabId === undefined || !isPanelSender(port.sender)) {
      port.disconnect();
      return;
    }
    const set = ports.get(tabId) ?? new Set();
    set.add(port);
    ports.set(tabId, set);
    port.onDisconnect.addListener(() => set.delete(port));
    // Send what is current when the read completes (a snapshot may have been recorded meanwhile
    // and pushed already; an older state posted after it would replace it in the panel).
    void getTabState(tabId).then((state) => {
      if (set.has(port)) port.postMessage({ type: 'state', state: states.get(tabId) ?? state } satisfies PanelPush);
    });
  });
}

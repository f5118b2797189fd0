/**
 * What the background knows about each platform tab: the latest page reading and how it was
 * recorded. Kept in memory and mirrored to storage.session (extension-only, cleared when the
 * browser closes) so a restarted service worker can still answer a panel.
 *
 * Also which tab's panel the agent last used, and the customer open in it ("the customer open in
 * Caseside", where "keep this page in the customer's history" files a page): that customer is
 * forgotten when its tab closes or stops showing it, and is only used while a tab still shows it
 * (customerShownInPanel).
 */
import { browser, type Browser } from 'wxt/browser';
import { PANEL_PORT, type PanelPush, type TabState } from '../messaging/protocol';

const states = new Map<number, TabState>();
const ports = new Map<number, Set<Browser.runtime.Port>>();
const sessionKey = (tabId: number) => `tab:${tabId}`;
const TAB_KEY = /^tab:\d+$/;
const LAST_CUSTOMER_KEY = 'lastCustomer';
const ACTIVE_PANEL_TAB_KEY = 'activePanelTab';

export type OpenCustomer = { brandId: string; customerId: string };

const shows = (state: Pick<TabState, 'brandId' | 'customerId'> | undefined, c: OpenCustomer | null): boolean =>
  !!c && state?.brandId === c.brandId && state.customerId === c.customerId;

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
  const before = states.get(tabId);
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
  // The tab no longer shows the customer it showed (the agent moved on to the inbox, or to
  // another brand's account): if that was the customer open in Caseside, it is no longer open.
  if (before?.customerId && !shows(state, { brandId: before.brandId ?? '', customerId: before.customerId })) await dropLastCustomerOf(tabId, before);
}

/** The tab closed: its state goes, and so does the customer open in Caseside if it was this tab's. */
export async function forgetTab(tabId: number): Promise<void> {
  const before = states.get(tabId);
  states.delete(tabId);
  ports.delete(tabId);
  const removed = browser.storage.session?.remove(sessionKey(tabId)).catch(() => undefined);
  await dropLastCustomerOf(tabId, before);
  await removed;
}

/** Remember the customer of the panel the agent last worked in (extension session storage). */
export async function rememberLastCustomer(brandId: string, customerId: string): Promise<void> {
  await browser.storage.session?.set({ [LAST_CUSTOMER_KEY]: { brandId, customerId } }).catch(() => undefined);
}

/** The customer rememberLastCustomer last remembered, still remembered (not checked against any tab). */
export async function lastCustomer(): Promise<OpenCustomer | null> {
  const items: Record<string, unknown> = (await browser.storage.session?.get(LAST_CUSTOMER_KEY).catch(() => ({}))) ?? {};
  const v = items[LAST_CUSTOMER_KEY] as { brandId?: unknown; customerId?: unknown } | undefined;
  return typeof v?.brandId === 'string' && typeof v.customerId === 'string' ? { brandId: v.brandId, customerId: v.customerId } : null;
}

async function forgetLastCustomer(): Promise<void> {
  await browser.storage.session?.remove(LAST_CUSTOMER_KEY).catch(() => undefined);
}

/**
 * The tab `tabId` (whose state was `before`) no longer shows its customer: forget the customer
 * open in Caseside if it came from this tab — the active panel's tab, or, while no panel has been
 * used, the tab that showed that very customer.
 */
async function dropLastCustomerOf(tabId: number, before: TabState | undefined): Promise<void> {
  const active = await activePanelTab();
  if (active !== null && active !== tabId) return;
  if (active === null && !shows(before, await lastCustomer())) return;
  await forgetLastCustomer();
}

/**
 * The tab whose panel the agent last used (clicked or focused). Only that tab's conversation
 * decides "the customer open in Caseside": a platform tab in the background that receives a
 * message must not take the place of the customer the agent is working on. Another tab's panel
 * taking over forgets the customer of the previous one (the caller remembers the new tab's).
 */
export async function setActivePanelTab(tabId: number): Promise<void> {
  const previous = await activePanelTab();
  activeTab = tabId;
  await browser.storage.session?.set({ [ACTIVE_PANEL_TAB_KEY]: tabId }).catch(() => undefined);
  if (previous !== tabId) await forgetLastCustomer();
}

/**
 * Read on every snapshot, so held in memory; session storage only carries it over a restart of
 * the service worker (undefined: not read since the worker started).
 */
let activeTab: number | null | undefined;

export async function activePanelTab(): Promise<number | null> {
  if (activeTab !== undefined) return activeTab;
  const items: Record<string, unknown> = (await browser.storage.session?.get(ACTIVE_PANEL_TAB_KEY).catch(() => ({}))) ?? {};
  const v = items[ACTIVE_PANEL_TAB_KEY];
  // Set meanwhile by setActivePanelTab: keep that one.
  if (activeTab === undefined) activeTab = typeof v === 'number' ? v : null;
  return activeTab;
}

/**
 * The customer open in Caseside, as the tabs show it now: the remembered one, while the active
 * panel's tab still shows that brand and customer (or, before any panel has been used, while
 * some tab does). Null when none is: the remembered customer may be of a tab closed or moved on
 * since (a closed tab's state is forgotten, a state left in storage may name anyone).
 */
export async function customerShownInPanel(): Promise<OpenCustomer | null> {
  const remembered = await lastCustomer();
  if (!remembered) return null;
  const active = await activePanelTab();
  if (active !== null) return shows(await getTabState(active), remembered) ? remembered : null;
  for (const state of states.values()) if (shows(state, remembered)) return remembered;
  const stored: Record<string, unknown> = (await browser.storage.session?.get(null).catch(() => ({}))) ?? {};
  for (const [key, value] of Object.entries(stored)) {
    if (TAB_KEY.test(key) && !states.has(Number(key.slice(4))) && shows(value as TabState | undefined, remembered)) return remembered;
  }
  return null;
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

/**
 * "Caseside: keep this page" in the page context menu: into a brand's knowledge base (one item
 * per brand), or into the history of the customer last open in a Caseside panel (a customer's
 * blog post about us, say). Capture runs only on that click (activeTab grants the tab for this
 * gesture), so no host permission beyond the platforms is needed.
 */
import { browser, type Browser } from 'wxt/browser';
import { ZodError } from 'zod';
import { failureText, isStorageFailure } from '../db/errors';
import type { CasesideDb } from '../db/schema';
import { addArticle } from '../db/repositories/kb';
import { toKbArticle, type CapturedPage, type CaptureErrorCode } from '../knowledge/capture';
import { customerShownInPanel } from './tab-state';
import { t, type MessageKey } from '../i18n';

/** What the capture script's failure codes say to the agent. */
const CAPTURE_ERROR_KEYS: Record<CaptureErrorCode, MessageKey> = {
  'unsupported-url': 'capture.error.unsupported-url',
  'parse-failed': 'capture.error.parse-failed',
  'no-article': 'capture.error.no-article',
  'too-large': 'capture.error.too-large',
  'url-too-long': 'capture.error.url-too-long',
};

const unreadable = (key: MessageKey) => t('capture.unreadable', { reason: t(key) });

/** Pages no extension may script (the browser's own, other extensions', about:, file:…): only http(s) is tried. */
const SCRIPTABLE = /^https?:\/\//i;

const isCaptureCode = (code: unknown): code is CaptureErrorCode => typeof code === 'string' && Object.hasOwn(CAPTURE_ERROR_KEYS, code);

/**
 * What a capture that failed after the page was read says to the agent, always one of the
 * capture.error.* reasons in the interface language: a page that does not fit the record (a
 * ZodError: its address or its text over the limits) or a result that is not a page are never
 * shown as the error's own words.
 */
function captureFailureKey(e: unknown): MessageKey {
  if (!(e instanceof ZodError)) return 'capture.error.parse-failed';
  const fields = new Set(e.issues.map((i) => i.path[0]));
  if (fields.has('url')) return 'capture.error.url-too-long';
  return ['html', 'text', 'title', 'excerpt'].some((f) => fields.has(f)) ? 'capture.error.too-large' : 'capture.error.parse-failed';
}

const MENU_PREFIX = 'kb:';
const ATTACH_ID = 'attach-customer';

// Which panel the agent last used and its customer are kept with the tabs' states (tab-state.ts),
// which forget them when that tab closes or moves on; re-exported for the router.
export { activePanelTab, rememberLastCustomer, setActivePanelTab } from './tab-state';

/**
 * Where the menu shows: the page's own context menu, and the menu of Caseside's toolbar button
 * (its right-click menu; "action" in Manifest V3, "browser_action" in Firefox's MV2 build).
 */
const MENU_CONTEXTS: [`${Browser.contextMenus.ContextType}`, ...`${Browser.contextMenus.ContextType}`[]] = [
  'page',
  import.meta.env.MANIFEST_VERSION === 2 ? 'browser_action' : 'action',
];

export async function installCaptureMenus(db: CasesideDb): Promise<void> {
  await browser.contextMenus.removeAll();
  const brands = await db.brands.toArray();
  if (!brands.length) return;
  browser.contextMenus.create({ id: 'kb-root', title: t('menu.keepPage'), contexts: MENU_CONTEXTS });
  browser.contextMenus.create({ id: ATTACH_ID, parentId: 'kb-root', title: t('menu.customerHistory'), contexts: MENU_CONTEXTS });
  for (const brand of brands) {
    browser.contextMenus.create({
      id: `${MENU_PREFIX}${brand.id}`,
      parentId: 'kb-root',
      title: t('menu.brandKb', { brand: brand.name }),
      contexts: MENU_CONTEXTS,
    });
  }
}

export async function handleCaptureMenuClick(
  db: CasesideDb,
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  const id = String(info.menuItemId);
  if ((!id.startsWith(MENU_PREFIX) && id !== ATTACH_ID) || tab?.id === undefined) return;
  // Confirmed now: the remembered customer only while the agent's panel still shows them (not a
  // tab closed or moved on since).
  const target = id === ATTACH_ID ? await customerShownInPanel() : { brandId: id.slice(MENU_PREFIX.length), customerId: null };
  const brand = target ? await db.brands.get(target.brandId) : undefined;
  const customer = target?.customerId ? await db.customers.get(target.customerId) : undefined;
  if (!target || !brand || (target.customerId && customer?.brandId !== brand.id)) {
    await notify(t('capture.openCustomerFirst'));
    return;
  }
  // A page no extension may script is refused before trying (the browser's own words would reach
  // the agent otherwise); the toolbar menu may know the page only through the tab.
  const pageUrl = info.pageUrl ?? tab.url;
  if (pageUrl && !SCRIPTABLE.test(pageUrl)) {
    await notify(unreadable('capture.error.unsupported-url'));
    return;
  }
  let result: unknown;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/capture.js'] });
    result = injection?.result;
  } catch {
    // Closed to extensions although http(s) (an extension store, the PDF viewer), or gone meanwhile.
    await notify(unreadable('capture.error.not-scriptable'));
    return;
  }
  await notify(await keep(db, result, brand, customer));
}

/** Stores what the capture script returned; the agent's notification. */
async function keep(
  db: CasesideDb,
  result: unknown,
  brand: { id: string; name: string },
  customer: { id: string; displayName: string } | undefined,
): Promise<string> {
  if (!result || typeof result !== 'object') return unreadable('capture.error.no-article');
  if ('error' in result) {
    // The capture script's code, in the interface language (its `error` is English detail).
    const code = (result as { code?: unknown }).code;
    return unreadable(isCaptureCode(code) ? CAPTURE_ERROR_KEYS[code] : 'capture.error.parse-failed');
  }
  try {
    const article = toKbArticle(result as CapturedPage, brand.id, customer ? { customerId: customer.id } : {});
    await addArticle(db, article);
    return customer
      ? t('capture.keptInHistory', { title: article.title, customer: customer.displayName, brand: brand.name })
      : t('capture.addedToKb', { title: article.title, brand: brand.name });
  } catch (e) {
    // A full disk and the like in the storage layer's words; anything else is the page's fault.
    if (isStorageFailure(e)) return failureText(e, (reason) => t('capture.failed', { reason }), t('capture.unknownError'));
    return unreadable(captureFailureKey(e));
  }
}

async function notify(message: string): Promise<void> {
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Caseside',
    message,
  });
}

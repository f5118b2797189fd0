/**
 * "Add this page to <brand>'s knowledge base" in the page context menu, one item per brand.
 * Capture runs only on that click (activeTab grants the tab for this gesture), so no host
 * permission beyond the platforms is needed.
 */
import { browser, type Browser } from 'wxt/browser';
import type { CasesideDb } from '../db/schema';
import { addArticle } from '../db/repositories/kb';
import { toKbArticle } from '../knowledge/capture';

const MENU_PREFIX = 'kb:';

export async function installCaptureMenus(db: CasesideDb): Promise<void> {
  await browser.contextMenus.removeAll();
  const brands = await db.brands.toArray();
  if (!brands.length) return;
  browser.contextMenus.create({ id: 'kb-root', title: 'Caseside: add this page to a knowledge base', contexts: ['page'] });
  for (const brand of brands) {
    browser.contextMenus.create({
      id: `${MENU_PREFIX}${brand.id}`,
      parentId: 'kb-root',
      title: `${brand.name}'s knowledge base`,
      contexts: ['page'],
    });
  }
}

export async function handleCaptureMenuClick(
  db: CasesideDb,
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  const id = String(info.menuItemId);
  if (!id.startsWith(MENU_PREFIX) || tab?.id === undefined) return;
  const brand = await db.brands.get(id.slice(MENU_PREFIX.length));
  if (!brand) return;
  let message: string;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/capture.js'] });
    const captured = injection?.result as Parameters<typeof toKbArticle>[0] | { error: string } | undefined;
    if (!captured || 'error' in captured) {
      message = `Could not read this page: ${captured && 'error' in captured ? captured.error : 'no article found'}.`;
    } else {
      const article = toKbArticle(captured, brand.id, {});
      await addArticle(db, article);
      message = `Added “${article.title}” to ${brand.name}'s knowledge base.`;
    }
  } catch (e) {
    message = `Could not capture this page (${e instanceof Error ? e.message : 'unknown error'}).`;
  }
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Caseside',
    message,
  });
}

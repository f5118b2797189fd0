import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../lib/i18n';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { handleCaptureMenuClick, installCaptureMenus, rememberLastCustomer, setActivePanelTab } from '../../lib/background/capture-menus';
import { emptyState, forgetTab, setTabState } from '../../lib/background/tab-state';

const page = { url: 'https://blog.example/dana-kettle', title: 'My kettle saga', excerpt: 'A post', text: 'Acme lost my kettle twice.', html: '<p>Acme lost my kettle twice.</p>' };

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({ id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.customers.put({ id: 'c1', brandId: 'b1', displayName: 'Dana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  fakeBrowser.scripting.executeScript = vi.fn(async () => [{ result: page, frameId: 0, documentId: 'd' }]) as unknown as typeof fakeBrowser.scripting.executeScript;
  const messages: string[] = [];
  fakeBrowser.notifications.create = vi.fn(async (o: { message: string }) => {
    messages.push(o.message);
    return 'n';
  }) as unknown as typeof fakeBrowser.notifications.create;
  return { db, messages };
}

afterEach(() => {
  setLocale('en');
  vi.restoreAllMocks();
});

describe('keep this page (context menu)', () => {
  it('adds the page to the brand knowledge base', async () => {
    const { db, messages } = await setup();
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4 } as never);
    const [article] = await db.kbArticles.toArray();
    expect(article).toMatchObject({ brandId: 'b1', customerId: null, title: 'My kettle saga', url: page.url });
    expect(messages[0]).toMatch(/Acme's knowledge base/);
  });

  it("keeps the page in the history of the customer last open in Caseside", async () => {
    const { db, messages } = await setup();
    await showCustomer(7, 'b1', 'c1');
    await setActivePanelTab(7);
    await rememberLastCustomer('b1', 'c1');
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 4 } as never);
    const [article] = await db.kbArticles.toArray();
    expect(article).toMatchObject({ brandId: 'b1', customerId: 'c1' });
    expect(messages[0]).toMatch(/Dana's history/);
  });

  it('says why a page could not be kept in the interface language, not the capture script\'s words', async () => {
    const { db, messages } = await setup();
    fakeBrowser.scripting.executeScript = vi.fn(async () => [
      { result: { code: 'no-article', error: 'no article found on this page' }, frameId: 0, documentId: 'd' },
    ]) as unknown as typeof fakeBrowser.scripting.executeScript;
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4 } as never);
    expect(messages[0]).toBe('Could not keep this page: no article was found on this page.');
    setLocale('es');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4 } as never);
    expect(messages[1]).toBe('No se pudo guardar esta página: no se encontró ningún artículo en esta página.');
    expect(await db.kbArticles.count()).toBe(0);
  });

  it('says a full disk in the interface language and keeps the knowledge base as it was', async () => {
    const { db, messages } = await setup();
    vi.spyOn(db.kbArticles, 'put').mockImplementation(() => Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never);
    setLocale('es');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4 } as never);
    expect(messages[0]).toMatch(/^No se pudo guardar: el almacenamiento del navegador para Caseside está lleno/);
    expect(await db.kbArticles.count()).toBe(0);
  });

  it('says what to do when no customer is open, storing nothing', async () => {
    const { db, messages } = await setup();
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 4 } as never);
    expect(await db.kbArticles.count()).toBe(0);
    expect(messages[0]).toMatch(/Open a conversation/);
  });
});

/** The tab's panel shows this customer (as the router records a conversation). */
const showCustomer = (tabId: number, brandId: string | null, customerId: string | null) =>
  setTabState(tabId, { ...emptyState('https://x.com/dana_example/status/1'), brandId, customerId, conversationId: customerId && 'conv-1' });

describe('"the customer open in Caseside" is the one a panel shows now', () => {
  it('not one whose tab was closed: nothing is kept, and the agent is told to open a customer', async () => {
    const { db, messages } = await setup();
    await showCustomer(7, 'b1', 'c1');
    await setActivePanelTab(7);
    await rememberLastCustomer('b1', 'c1');
    void forgetTab(7);
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.count()).toBe(0);
    expect(messages).toEqual(['Open a conversation with the customer in Caseside first, then keep the page again.']);
    // And the tab's closing forgot them.
    expect(await fakeBrowser.storage.session.get('lastCustomer')).toEqual({});
  });

  it('not one the panel no longer shows (the agent went back to the inbox)', async () => {
    const { db, messages } = await setup();
    await showCustomer(7, 'b1', 'c1');
    await setActivePanelTab(7);
    await rememberLastCustomer('b1', 'c1');
    await showCustomer(7, 'b1', null);
    expect(await fakeBrowser.storage.session.get('lastCustomer')).toEqual({});
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.count()).toBe(0);
    expect(messages[0]).toMatch(/Open a conversation/);
  });

  it("not the previous panel's customer once the agent works in a panel that shows none", async () => {
    const { db, messages } = await setup();
    await showCustomer(7, 'b1', 'c1');
    await setActivePanelTab(7);
    await rememberLastCustomer('b1', 'c1');
    await showCustomer(8, 'b1', null);
    await setActivePanelTab(8);
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.count()).toBe(0);
    expect(messages[0]).toMatch(/Open a conversation/);
  });

  it("a background tab closing does not forget the active panel's customer", async () => {
    const { db, messages } = await setup();
    await showCustomer(7, 'b1', 'c1');
    await showCustomer(8, 'b1', 'c1');
    await setActivePanelTab(7);
    await rememberLastCustomer('b1', 'c1');
    await forgetTab(8);
    await handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.toArray()).toMatchObject([{ brandId: 'b1', customerId: 'c1' }]);
    expect(messages[0]).toMatch(/Dana's history/);
  });

  it('before any panel is used: the remembered customer while a tab shows them, not after that tab closed', async () => {
    const { db } = await setup();
    // A fresh service worker: no panel used since it started.
    vi.resetModules();
    const menus = await import('../../lib/background/capture-menus');
    const tabs = await import('../../lib/background/tab-state');
    await tabs.setTabState(5, { ...tabs.emptyState('https://x.com/dana_example/status/1'), brandId: 'b1', customerId: 'c1' });
    await menus.rememberLastCustomer('b1', 'c1');
    await menus.handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.count()).toBe(1);
    await tabs.forgetTab(5);
    await db.kbArticles.clear();
    await menus.handleCaptureMenuClick(db, { menuItemId: 'attach-customer' } as never, { id: 9 } as never);
    expect(await db.kbArticles.count()).toBe(0);
  });
});

describe('pages that cannot be kept say so in the interface language, never in the browser\'s or the schema\'s words', () => {
  const refused = (message: string) =>
    vi.fn(async () => {
      throw new Error(message);
    }) as unknown as typeof fakeBrowser.scripting.executeScript;

  it('a browser page, an extension page or a file: refused before injecting', async () => {
    const { db, messages } = await setup();
    fakeBrowser.scripting.executeScript = refused('Cannot access a chrome:// URL');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1', pageUrl: 'chrome://settings/' } as never, { id: 4, url: 'chrome://settings/' } as never);
    // From the toolbar button: the page is known by its tab only.
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4, url: 'chrome-extension://abcdefghijklmnop/options.html' } as never);
    setLocale('es');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1', pageUrl: 'file:///home/dana/notes.html' } as never, { id: 4 } as never);
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
    expect(messages).toEqual([
      'Could not keep this page: only web pages (http and https) can be kept.',
      'Could not keep this page: only web pages (http and https) can be kept.',
      'No se pudo guardar esta página: solo se pueden guardar páginas web (http y https).',
    ]);
    expect(await db.kbArticles.count()).toBe(0);
  });

  it('a web page closed to extensions (an extension store, the PDF viewer): the injection failing is explained', async () => {
    const { db, messages } = await setup();
    fakeBrowser.scripting.executeScript = refused('The extensions gallery cannot be scripted.');
    setLocale('es');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1', pageUrl: 'https://chromewebstore.google.com/detail/caseside' } as never, { id: 4 } as never);
    expect(messages[0]).toMatch(/^No se pudo guardar esta página: las extensiones no pueden leer esta página/);
    expect(messages[0]).not.toContain('gallery');
    expect(await db.kbArticles.count()).toBe(0);
  });

  it('an address over 4,000 characters (the record keeps no more)', async () => {
    const { db, messages } = await setup();
    const long = `https://help.acme.example/search?q=${'kettle+'.repeat(600)}`;
    fakeBrowser.scripting.executeScript = vi.fn(async () => [{ result: { ...page, url: long }, frameId: 0, documentId: 'd' }]) as unknown as typeof fakeBrowser.scripting.executeScript;
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1', pageUrl: long } as never, { id: 4 } as never);
    expect(messages[0]).toBe("Could not keep this page: the page's address is too long to keep (over 4,000 characters).");
    // The capture script's own refusal of it.
    fakeBrowser.scripting.executeScript = vi.fn(async () => [
      { result: { code: 'url-too-long', error: 'the page address is longer than 4000 characters' }, frameId: 0, documentId: 'd' },
    ]) as unknown as typeof fakeBrowser.scripting.executeScript;
    setLocale('es');
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1', pageUrl: long } as never, { id: 4 } as never);
    expect(messages[1]).toBe('No se pudo guardar esta página: la dirección de la página es demasiado larga para guardarla (más de 4000 caracteres).');
    expect(await db.kbArticles.count()).toBe(0);
  });

  it('a result that is not a page is "could not be read", not a TypeError', async () => {
    const { db, messages } = await setup();
    fakeBrowser.scripting.executeScript = vi.fn(async () => [{ result: { url: page.url }, frameId: 0, documentId: 'd' }]) as unknown as typeof fakeBrowser.scripting.executeScript;
    await handleCaptureMenuClick(db, { menuItemId: 'kb:b1' } as never, { id: 4 } as never);
    expect(messages[0]).toBe('Could not keep this page: the page could not be read.');
    expect(await db.kbArticles.count()).toBe(0);
  });
});

describe('the capture menu', () => {
  it("offers each brand's knowledge base and the customer's history, on the page and on the toolbar button", async () => {
    const { db } = await setup();
    await db.brands.put({ id: 'b2', name: 'Globex', referencePrefix: 'GLOB', accounts: [], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
    const created: { id?: string; parentId?: string | number; title?: string; contexts?: string[] }[] = [];
    fakeBrowser.contextMenus.removeAll = vi.fn(async () => void created.splice(0)) as unknown as typeof fakeBrowser.contextMenus.removeAll;
    fakeBrowser.contextMenus.create = vi.fn((item: (typeof created)[number]) => (created.push(item), item.id!)) as unknown as typeof fakeBrowser.contextMenus.create;
    await installCaptureMenus(db);
    expect(created.map((m) => [m.id, m.parentId, m.title])).toEqual([
      ['kb-root', undefined, 'Caseside: keep this page'],
      ['attach-customer', 'kb-root', expect.stringMatching(/history/i)],
      ['kb:b1', 'kb-root', expect.stringContaining('Acme')],
      ['kb:b2', 'kb-root', expect.stringContaining('Globex')],
    ]);
    for (const m of created) expect(m.contexts).toEqual(['page', 'action']);
    // Built again (a brand added or renamed): the old items go first.
    await installCaptureMenus(db);
    expect(created).toHaveLength(4);
  });
});

/**
 * Playwright fixtures for end-to-end tests: the built extension (.output/chrome-mv3) loaded
 * into Debian's Chromium in a fresh persistent profile, platform URLs fulfilled from local
 * fixture pages (no network), and every other request recorded and refused.
 */
import { test as base, chromium, type BrowserContext, type Page, type Request, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = (extensionDir = EXTENSION_DIR) => [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
];

/**
 * A new profile that blocks third-party cookies, the strictest setting agents commonly use: the
 * panel (an extension frame inside x.com) must still reach its database there. (A profile
 * started with no preferences at all gets Chromium's experimental tracking-protection default,
 * under which framed extension pages are refused IndexedDB; the panel then shows its
 * "cannot open its local database" state.)
 */
function freshProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseside-profile-'));
  fs.mkdirSync(path.join(dir, 'Default'));
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 2 } }));
  return dir;
}

/**
 * `locale` sets the browser's language as pages see it (navigator.language, also in extension
 * pages and the panel frame), e.g. 'es-ES'. Chromium's own --lang flag does not: on Linux it
 * takes its UI language from the environment, and navigator.language stays en-US.
 */
export async function launchWithExtension(options: { headless?: boolean; extensionDir?: string; locale?: string } = {}) {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No built extension in ${dir}: run "npm run build" first.`);
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: "sudo apt-get install chromium") or set CHROMIUM_PATH.`);
  return chromium.launchPersistentContext(freshProfile(), {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: chromiumArgs(dir),
    viewport: { width: 1400, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const [existing] = context.serviceWorkers();
  return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/** Requests that would have left the machine, split by who made them. */
export interface NetworkLog {
  /** Made by the extension: its service worker or one of its pages (the panel frame, options). */
  extension: string[];
  /** Made by the platform page itself (its avatars, emoji images): refused, not our doing. */
  page: string[];
}

export const newNetworkLog = (): NetworkLog => ({ extension: [], page: [] });

function madeByExtension(request: Request): boolean {
  if (request.serviceWorker()) return true;
  try {
    return request.frame().url().startsWith('chrome-extension://');
  } catch {
    return true; // no frame and no page: a worker of ours
  }
}

/**
 * Serve `pages` (URL → HTML) at their real URLs; refuse everything else that is not the
 * extension's own files, recording who asked. Service-worker requests are included (see
 * playwright.config.ts).
 */
export async function servePages(context: BrowserContext, pages: Map<string, string>, log: NetworkLog): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    const html = pages.get(url.split('#')[0]!);
    if (html !== undefined && request.resourceType() === 'document') {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return;
    }
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    (madeByExtension(request) ? log.extension : log.page).push(url);
    await route.abort('blockedbyclient');
  });
}

/** The panel iframe that the content script lays over the page. */
export function panelFrame(page: Page) {
  return page.frameLocator('[data-caseside-panel="host"] iframe');
}

/**
 * Scripts run through tsx (demo, bench) are compiled with esbuild's keepNames, which wraps
 * functions in a `__name(...)` helper that does not exist on the other side of evaluate().
 */
export async function defineNameHelper(target: Worker | Page): Promise<void> {
  const script = 'globalThis.__name ??= (f) => f';
  if ('frames' in target) await target.evaluate(script);
  else await target.evaluate(script);
}

/** Raw IndexedDB access inside the extension's service worker (the extension origin). */
export async function seedDatabase(worker: Worker, tables: Record<string, unknown[]>, options: { clearFirst?: boolean } = {}): Promise<void> {
  await defineNameHelper(worker);
  await worker.evaluate(
    async ({ data, clearFirst }) => {
      // Open the database the way the extension does (Dexie creates it on first open).
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('caseside');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      let db = await open();
      for (let i = 0; i < 50 && !db.objectStoreNames.contains('brands'); i++) {
        db.close();
        await new Promise((r) => setTimeout(r, 100));
        db = await open();
      }
      const names = clearFirst ? [...db.objectStoreNames] : Object.keys(data).filter((n) => data[n]!.length);
      if (names.length) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(names, 'readwrite');
          if (clearFirst) for (const name of names) tx.objectStore(name).clear();
          for (const [name, rows] of Object.entries(data)) for (const row of rows) tx.objectStore(name).put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { data: tables, clearFirst: options.clearFirst ?? false },
  );
}

export async function readTable<T = unknown>(worker: Worker, table: string): Promise<T[]> {
  await defineNameHelper(worker);
  return worker.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('caseside');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows;
  }, table) as Promise<T[]>;
}

export const test = base.extend<{ context: BrowserContext; worker: Worker; network: NetworkLog }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorker(context));
  },
  // eslint-disable-next-line no-empty-pattern
  network: async ({}, use) => {
    await use(newNetworkLog());
  },
});
export { expect } from '@playwright/test';

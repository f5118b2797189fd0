/**
 * Shared steps for the adapter end-to-end specs (x-adapter, facebook-adapter): one extension
 * context per worker (fast), a wiped database and a new tab per test (independent), fixture pages
 * served from a mutable URL → HTML map (several cases share one URL), and the checks every
 * conversation goes through — customer and timeline in the panel, rows in the database, and
 * "Insert" into the page's real editor checked through the editor's own state.
 */
import { test as base, expect, type BrowserContext, type FrameLocator, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { conversationKey } from '../../../lib/db/ids';
import type { Conversation, Message } from '../../../lib/db/records';
import { EXTENSION_DIR, launchWithExtension, newNetworkLog, panelFrame, readTable, seedDatabase, servePages, serviceWorker, type NetworkLog } from './extension';
import { fixturePage, type FixturePage } from './pages';
import { T0 } from './seed';

/** A multi-line, emoji-bearing reply (emoji outside the BMP, an em dash, a "#"). */
export const REPLY = 'Hi Dana 👋\nYour order #1234 ships today.\n— Acme';
export const TEMPLATE_TITLE = 'Caseside e2e reply';

export interface ExpectedPerson {
  handle?: string;
  userId?: string;
  displayName?: string;
  profileUrl?: string;
}
export interface ExpectedMessage {
  id: string;
  author: ExpectedPerson;
  text: string;
  direction: 'in' | 'out' | 'unknown';
}
export interface ExpectedSnapshot {
  platform: 'x' | 'facebook';
  kind: string;
  conversationId: string;
  url: string;
  state: string;
  agent: ExpectedPerson | null;
  customer: ExpectedPerson | null;
  messages: ExpectedMessage[];
}

export function expectedSnapshot(platform: 'x' | 'facebook', name: string): ExpectedSnapshot {
  return JSON.parse(fs.readFileSync(path.resolve('tests/fixtures', platform, name, 'expected.json'), 'utf8')) as ExpectedSnapshot;
}

type SessionGlobal = { chrome: { storage: { session: { get(keys: null): Promise<unknown> } } } };

export interface SharedExtension {
  context: BrowserContext;
  worker: Worker;
  network: NetworkLog;
  /** URL → HTML served right now; tests set the entry they need (cases may share a URL). */
  pages: Map<string, string>;
}

/**
 * `ext`: the built extension in a fresh profile, launched once per worker. `page`: a new tab on
 * an empty database (tab state is per tab, so nothing carries over from the previous test).
 */
export const test = base.extend<{ page: Page }, { ext: SharedExtension }>({
  ext: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // Run a private copy of the build: a rebuild of .output while this file runs (another
      // engineer, a watch build) would otherwise pull panel.html from under the open tabs.
      const extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseside-ext-'));
      fs.cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
      const context = await launchWithExtension({ extensionDir });
      const worker = await serviceWorker(context);
      const network = newNetworkLog();
      const pages = new Map<string, string>();
      await servePages(context, pages, network);
      await use({ context, worker, network, pages });
      await context.close();
      fs.rmSync(extensionDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  page: async ({ ext }, use, testInfo) => {
    await clearDatabase(ext.worker);
    const page = await ext.context.newPage();
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) {
      // What the panel showed and what the background held for the tab, for the report.
      const panelText = await panelFrame(page).locator('body').innerText({ timeout: 2000 }).catch((e: unknown) => String(e));
      const session = await ext.worker.evaluate(() => (globalThis as unknown as SessionGlobal).chrome.storage.session.get(null)).catch((e: unknown) => String(e));
      await testInfo.attach('panel.txt', { body: panelText, contentType: 'text/plain' });
      await testInfo.attach('tab-state.json', { body: JSON.stringify(session, null, 2), contentType: 'application/json' });
    }
    await page.close();
  },
});
export { expect };

/** Empty every store of the extension's database (raw IndexedDB in the service worker). */
export const clearDatabase = (worker: Worker): Promise<void> => seedDatabase(worker, {}, { clearFirst: true });

/** A template whose title and body share the customer's words, so the Replies tab lists it. */
export function templateFor(brandId: string, expected: ExpectedSnapshot) {
  const words = expected.messages.filter((m) => m.direction === 'in').slice(-3).map((m) => m.text).join(' ');
  return {
    id: `tpl-${brandId}`,
    brandId,
    title: TEMPLATE_TITLE,
    body: words || 'Thanks for getting in touch.',
    tags: [],
    language: 'en',
    useCount: 0,
    createdAt: T0,
    updatedAt: T0,
  };
}

/** Serve a fixture at its URL and open it in `page`; returns the panel frame. */
export async function openFixture(ext: SharedExtension, page: Page, fixture: FixturePage): Promise<FrameLocator> {
  ext.pages.set(fixture.url, fixture.html);
  await page.goto(fixture.url);
  await expect(page.locator('[data-caseside-panel="host"] iframe')).toBeVisible();
  return panelFrame(page);
}

const samePerson = (a: ExpectedPerson, b: ExpectedPerson) =>
  (!!a.handle && a.handle.toLowerCase() === b.handle?.toLowerCase()) || (!!a.userId && a.userId === b.userId);

/**
 * The conversation's customer: the one the page names, else the first customer who wrote
 * (a Page post has no single customer).
 */
export function mainCustomer(expected: ExpectedSnapshot): ExpectedPerson {
  const person = expected.customer ?? expected.messages.find((m) => m.direction === 'in')?.author;
  if (!person) throw new Error(`${expected.url}: no customer in expected.json`);
  return person;
}

/**
 * Messages that belong to the main customer's history: ours, undirected ones, and what the
 * customer (or an inbound author the page does not identify) wrote. Other identified people in a
 * public thread (a second commenter) are customers of their own.
 */
export function customerTimeline(expected: ExpectedSnapshot): ExpectedMessage[] {
  const main = mainCustomer(expected);
  return expected.messages.filter(
    (m) => m.direction !== 'in' || (!m.author.handle && !m.author.userId) || samePerson(m.author, main),
  );
}

/** The panel names the customer and its History timeline shows these texts, exactly. */
export async function expectPanelConversation(panel: FrameLocator, expected: ExpectedSnapshot): Promise<void> {
  const customer = mainCustomer(expected);
  await expect(panel.getByRole('heading', { level: 2, name: customer.displayName, exact: true })).toBeVisible();
  await expect(panel.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  const texts = customerTimeline(expected).map((m) => m.text);
  await expect
    .poll(() => panel.locator('[data-testid="timeline-message"] .cs-msg-text').allTextContents(), { message: 'History timeline texts' })
    .toEqual(expect.arrayContaining(texts));
  // Each shown once.
  const shown = await panel.locator('[data-testid="timeline-message"] .cs-msg-text').allTextContents();
  for (const text of texts) expect(shown.filter((s) => s === text), `shown once: ${text}`).toHaveLength(1);
}

export async function storedConversation(worker: Worker, brandId: string, expected: ExpectedSnapshot) {
  const key = conversationKey(brandId, expected.platform, expected.conversationId);
  const conversations = (await readTable<Conversation>(worker, 'conversations')).filter((c) => c.id === key);
  const messages = (await readTable<Message>(worker, 'messages')).filter((m) => m.conversationId === key);
  return { key, conversations, messages };
}

/**
 * Stored under `brandId`: one conversation whose messages are exactly `messages` (by native id,
 * so a re-read that derived new ids would show up as extras), each with its text and direction.
 */
export async function expectStored(
  worker: Worker,
  brandId: string,
  expected: ExpectedSnapshot,
  messages: ExpectedMessage[] = expected.messages,
): Promise<Message[]> {
  const want = [...messages.map((m) => m.id)].sort();
  await expect
    .poll(async () => (await storedConversation(worker, brandId, expected)).messages.map((m) => m.nativeId).sort(), {
      message: `stored messages of ${expected.conversationId} under ${brandId}`,
    })
    .toEqual(want);
  const { conversations, messages: rows } = await storedConversation(worker, brandId, expected);
  expect(conversations).toHaveLength(1);
  expect(conversations[0]).toMatchObject({ brandId, platform: expected.platform, kind: expected.kind, nativeId: expected.conversationId });
  const got = rows.map((r) => ({ id: r.nativeId, direction: r.direction, text: r.text })).sort((a, b) => a.id.localeCompare(b.id));
  const exp = messages.map((m) => ({ id: m.id, direction: m.direction, text: m.text })).sort((a, b) => a.id.localeCompare(b.id));
  expect(got).toEqual(exp);
  // Nothing stored twice under another id (same text, same side, same conversation).
  const seen = rows.map((r) => `${r.direction}|${r.text}`);
  const expectedSeen = messages.map((m) => `${m.direction}|${m.text}`);
  expect(seen.length).toBe(expectedSeen.length);
  return rows;
}

/** The `data-name` of the editor mount matching `selector` (the name in window.__editors). */
export async function editorName(page: Page, selector: string): Promise<string> {
  await page.waitForFunction(() => window.__editors !== undefined);
  const names = await page.locator(selector).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.name ?? ''));
  expect(names, `one editor mount for ${selector}`).toHaveLength(1);
  return names[0]!;
}

export const editorText = (page: Page, name: string): Promise<string> => page.evaluate((n) => window.__editors[n]!.getText(), name);
export const editorSends = (page: Page, name: string): Promise<number> => page.evaluate((n) => window.__editors[n]!.sends, name);
export const allEditorTexts = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => Object.fromEntries(Object.entries(window.__editors ?? {}).map(([k, e]) => [k, e.getText()])));

/**
 * Replies tab → the seeded template's suggestion → type `reply` into its textarea → Insert.
 * Then the target editor holds exactly `reply` (no duplicate), nothing was sent, every other
 * editor on the page is untouched, and the panel says it was inserted.
 */
export async function insertThroughPanel(page: Page, panel: FrameLocator, target: string, reply = REPLY): Promise<void> {
  const before = await allEditorTexts(page);
  expect(before[target], `editor ${target} exists and is empty`).toBe('');
  await panel.getByRole('tab', { name: 'Replies' }).click();
  const card = panel.getByTestId('suggestion').filter({ hasText: `template "${TEMPLATE_TITLE}"` });
  await expect(card).toHaveCount(1);
  await card.getByLabel('Suggested reply').fill(reply);
  await card.getByRole('button', { name: /^Insert: / }).click();
  await expect(panel.getByTestId('notice')).toContainText('Inserted');
  expect(await editorText(page, target), `editor ${target}: its own state`).toBe(reply);
  // Still exact a moment later (no late second strategy), and never sent.
  await page.waitForTimeout(300);
  expect(await editorText(page, target)).toBe(reply);
  const after = await allEditorTexts(page);
  expect(after).toEqual({ ...before, [target]: reply });
  const sends = await page.evaluate(() => Object.values(window.__editors).map((e) => e.sends));
  expect(sends.every((n) => n === 0), 'nothing was sent').toBe(true);
}

/**
 * Simulates the agent scrolling a virtualised list: the app recycles the rows of the same page
 * (no navigation), so swap the region for the one saved at the other scroll position.
 */
export async function swapRegion(page: Page, html: string, selector: string): Promise<void> {
  await page.evaluate(
    ([source, sel]) => {
      const next = new DOMParser().parseFromString(source, 'text/html').querySelector(sel);
      const current = document.querySelector(sel);
      if (!next || !current) throw new Error(`no ${sel}`);
      current.replaceChildren(...[...next.childNodes].map((n) => document.importNode(n, true)));
    },
    [html, selector] as const,
  );
}

/**
 * One test per conversation fixture: served at its URL under `brand`, the panel shows the right
 * customer and messages, they are stored exactly, and a multi-line emoji reply inserted through
 * the panel lands in the composer (`composer` selects its mount) with nothing sent.
 */
export function conversationTests(
  platform: 'x' | 'facebook',
  brand: { id: string; name: string },
  conversations: { name: string; composer: string; what: string }[],
): void {
  for (const { name, composer, what } of conversations) {
    test(`${name}: customer, messages and storage; Insert into the ${what}`, async ({ ext, page }) => {
      const expected = expectedSnapshot(platform, name);
      await seedDatabase(ext.worker, { brands: [brand], templates: [templateFor(brand.id, expected)] });
      const panel = await openFixture(ext, page, fixturePage(platform, name, { editors: true }));

      await expect(panel.getByTestId('active-brand')).toHaveText(brand.name);
      await expectPanelConversation(panel, expected);
      await expectStored(ext.worker, brand.id, expected);

      await insertThroughPanel(page, panel, await editorName(page, composer));
    });
  }
}

/**
 * One thread read at two scroll positions: first in place (the app recycles the rows of the
 * same page — `region` is swapped for the one saved at the second position), then reloaded at
 * the second position. It must stay one stored conversation holding the union, no duplicates.
 */
export function scrollAccumulationTest(
  platform: 'x' | 'facebook',
  brand: { id: string },
  cases: { a: string; b: string; customer: string; region: string },
): void {
  test(`${cases.a} then ${cases.b} (one thread, two scroll positions) accumulate into one stored conversation`, async ({ ext, page }) => {
    const a = expectedSnapshot(platform, cases.a);
    const b = expectedSnapshot(platform, cases.b);
    expect(b.conversationId).toBe(a.conversationId);
    const union = [...a.messages, ...b.messages.filter((m) => !a.messages.some((x) => x.id === m.id))];
    expect(union.length).toBeLessThan(a.messages.length + b.messages.length); // the fixtures overlap
    await seedDatabase(ext.worker, { brands: [brand] });
    const heading = (panel: FrameLocator) => panel.getByRole('heading', { level: 2, name: cases.customer, exact: true });

    const panel = await openFixture(ext, page, fixturePage(platform, cases.a));
    await expect(heading(panel)).toBeVisible();
    await expectStored(ext.worker, brand.id, a);

    const bPage = fixturePage(platform, cases.b);
    await swapRegion(page, bPage.html, cases.region);
    await expectStored(ext.worker, brand.id, a, union);

    ext.pages.set(bPage.url, bPage.html);
    await page.reload();
    await expect(heading(panel)).toBeVisible();
    await page.waitForTimeout(500);
    await expectStored(ext.worker, brand.id, a, union);
    await expect(panel.getByTestId('message-count')).toHaveText(String(union.length));
  });
}

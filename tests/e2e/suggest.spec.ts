/**
 * Issue "suggested replies", done when, end to end: the built extension over the saved X and
 * Facebook pages (with their real editors), the panel's Replies tab ranked to the open
 * conversation, a filled template inserted into the platform's own composer, each pre-insert
 * check firing on a reply built for it (and going away when the reply is fixed), and knowledge
 * capture (capture.js in a real tab, the options page's Knowledge base).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page, Worker } from '@playwright/test';
import { test, expect, servePages, panelFrame, seedDatabase, readTable, type NetworkLog } from './support/extension';
import { fixturePage, type FixturePage } from './support/pages';
import { T0 } from './support/seed';
import { tweetCell } from './support/variants';
import { conversationKey, identityKeys, messageKey } from '../../lib/db/ids';
import { toKbArticle, type CapturedPage } from '../../lib/knowledge/capture';
import type { Brand, Case, Conversation, Customer, FollowUp, KbArticle, Message, Template } from '../../lib/db/records';

const DAY = 86_400_000;
const BRAND_ID = 'b-acme';

const xThread = fixturePage('x', 'thread-complaint', { editors: true });
const xDm = fixturePage('x', 'dm-thread', { editors: true });
const fbMessenger = fixturePage('facebook', 'messenger-thread', { editors: true });
const fbPost = fixturePage('facebook', 'post-page-comments');

function acme(tone: Partial<Brand['tone']> = {}): Brand {
  return {
    id: BRAND_ID,
    name: 'Acme',
    referencePrefix: 'ACME',
    accounts: [
      { platform: 'x', handle: 'acme_support' },
      { platform: 'facebook', handle: 'acmeoutdoor' },
    ],
    signature: '^AS',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [], ...tone },
    retentionMonths: null,
    createdAt: T0,
  };
}

function template(id: string, title: string, body: string, tags: string[]): Template {
  return { id, brandId: BRAND_ID, title, body, tags, language: 'en', useCount: 0, createdAt: T0, updatedAt: T0 };
}

type Person = { platform: 'x' | 'facebook'; handle: string; userId?: string; displayName: string };
const DANA: Person = { platform: 'x', handle: 'dana_example', displayName: 'Dana Example 🌻' };
const JAMIE: Person = { platform: 'facebook', handle: 'jamie.rivera.5', displayName: 'Jamie Rivera' };

function customer(id: string, p: Person): Customer {
  return {
    id,
    brandId: BRAND_ID,
    displayName: p.displayName,
    identities: [{ platform: p.platform, handle: p.handle, userId: p.userId, displayName: p.displayName }],
    identityKeys: identityKeys(BRAND_ID, p),
    tags: [],
    firstSeenAt: T0 - 30 * DAY,
    lastSeenAt: T0 - 30 * DAY,
    linkedCustomerIds: [],
  };
}

function openCase(id: string, customerId: string, reference: string, tags: string[]): Case {
  return {
    id,
    brandId: BRAND_ID,
    customerId,
    reference,
    title: '',
    status: 'open',
    priority: 'normal',
    tags,
    openedAt: T0,
    updatedAt: T0,
    resolvedAt: null,
    conversationIds: [],
    revision: 1,
  };
}

function article(id: string, url: string, title: string, text: string): KbArticle {
  return { id, brandId: BRAND_ID, url, title, excerpt: text.slice(0, 160), text, html: `<p>${text}</p>`, capturedAt: T0, customerId: null };
}

/** Earlier (customer message → brand reply) history with another customer, one pair per topic. */
function pastHistory() {
  const person: Person = { platform: 'x', handle: 'pat_past', displayName: 'Pat Past' };
  const c = customer('c-pat', person);
  const nativeId = 'past-dm-1';
  const conversation: Conversation = {
    id: conversationKey(BRAND_ID, 'x', nativeId),
    brandId: BRAND_ID,
    customerId: c.id,
    platform: 'x',
    kind: 'x-dm',
    nativeId,
    url: 'https://x.com/messages/300-400',
    lastMessageAt: T0 - 10 * DAY,
  };
  const lines: [Message['direction'], string][] = [
    ['in', 'How do I reset my password? The login page keeps rejecting it.'],
    ['out', 'You can reset your password from the sign-in page with "Forgot password". ^AS'],
    ['in', 'My order has been processing for a week, when will it ship?'],
    ['out', 'Sorry for the wait! Orders are running a few days late this week; yours should ship by Friday. ^AS'],
    ['in', 'The boots are too small, can I swap them for a bigger size?'],
    ['out', 'Of course: exchanges for another size are free within 30 days from your account page. ^AS'],
    ['in', 'Can I get a refund on the shipping fee?'],
    ['out', 'Yes, shipping fees are refunded with the return. ^AS'],
  ];
  const messages: Message[] = lines.map(([direction, text], n) => ({
    id: messageKey(BRAND_ID, 'x', `${nativeId}-${n}`),
    conversationId: conversation.id,
    customerId: c.id,
    brandId: BRAND_ID,
    platform: 'x',
    nativeId: `${nativeId}-${n}`,
    direction,
    author: direction === 'out' ? 'Acme Support' : person.displayName,
    text,
    sentAt: T0 - 20 * DAY + n * 3_600_000,
    capturedAt: T0 - 20 * DAY + n * 3_600_000,
  }));
  return { customers: [c], conversations: [conversation], messages };
}

/** One URL → HTML map per test, served for the whole context; pages can be added later. */
async function openTab(context: BrowserContext, network: NetworkLog, pages: Map<string, string>, page: FixturePage) {
  if (!pages.size) await servePages(context, pages, network);
  pages.set(page.url, page.html);
  const tab = await context.newPage();
  await tab.goto(page.url);
  await expect(tab.locator('[data-caseside-panel="host"] iframe')).toBeVisible();
  return { tab, panel: panelFrame(tab) };
}

/** The page's messages are recorded (so the engine learns them too) before the Replies tab opens. */
async function openReplies(panel: FrameLocator, messageCount: number) {
  await expect(panel.getByTestId('message-count')).toHaveText(String(messageCount));
  await panel.getByRole('tab', { name: 'Replies' }).click();
  await expect(panel.getByTestId('suggestion').first()).toBeVisible();
  // Past replies are indexed in chunks after the first ranking: wait for the final one.
  await expect(panel.getByRole('status').filter({ hasText: 'Learning from past replies' })).toHaveCount(0);
}

async function cards(panel: FrameLocator): Promise<{ why: string; text: string }[]> {
  const list = panel.getByTestId('suggestion');
  const n = await list.count();
  const out: { why: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const card = list.nth(i);
    out.push({ why: (await card.getByTestId('why').textContent()) ?? '', text: await card.getByLabel('Suggested reply').inputValue() });
  }
  return out;
}

/** The texts of the brand's replies on a fixture page (what the engine learns from the page itself). */
const ownReplies = (platform: 'x' | 'facebook', name: string): string[] =>
  (JSON.parse(fs.readFileSync(path.resolve('tests/fixtures', platform, name, 'expected.json'), 'utf8')) as { messages: { direction: string; text: string }[] }).messages
    .filter((m) => m.direction === 'out')
    .map((m) => m.text);

const cardOf = (panel: FrameLocator, templateTitle: string) => panel.getByTestId('suggestion').filter({ hasText: `template "${templateTitle}"` });

const editorText = (page: Page, name: string): Promise<string> => page.evaluate((n) => window.__editors[n]!.getText(), name);
const allSends = (page: Page): Promise<number[]> => page.evaluate(() => Object.values(window.__editors).map((e) => e.sends));

async function editorNameOf(page: Page, selector: string): Promise<string> {
  await page.waitForFunction(() => window.__editors !== undefined);
  const names = await page.locator(selector).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.name ?? ''));
  expect(names, `one editor mount for ${selector}`).toHaveLength(1);
  return names[0]!;
}

// ---------------------------------------------------------------------------------------------
// 1. Ranking for the open conversation
// ---------------------------------------------------------------------------------------------

const RANKING_TEMPLATES = [
  template('t-late', 'Late delivery', 'Hi {{customer.first_name}}, sorry your order is late: the warehouse is a few days behind. {{agent.signature}}', ['delivery', 'late']),
  template('t-refund', 'Shipping refund', 'Hi {{customer.first_name}}, we refund the shipping fee on late orders; it reaches your card in 3–5 business days. {{agent.signature}}', ['refund', 'shipping']),
  template('t-size', 'Size exchange', 'Hi {{customer.first_name}}, you can exchange for another size free within 30 days. {{agent.signature}}', ['size', 'exchange']),
  template('t-password', 'Password reset', 'Hi {{customer.first_name}}, you can reset your password from the sign-in page with "Forgot password". {{agent.signature}}', ['password', 'login']),
];
const RANKING_ARTICLES = [
  article('kb-delivery', 'https://help.acme.example/delivery-times', 'Delivery times and late orders', 'Orders ship within 2 business days. An order still processing after 5 days is late: tell us and we chase the warehouse. Tracking links are emailed once the parcel ships.'),
  article('kb-returns', 'https://help.acme.example/returns', 'Returns', 'Return any unworn item within 30 days from your account page; we email a label.'),
];

/** What a suggestion is about, from its text (the why-line also lists tone signals, so it is not used). */
function topic(text: string): 'delivery' | 'refund' | 'password' | 'size' | 'returns' | 'other' {
  if (/password/i.test(text)) return 'password';
  if (/size/i.test(text)) return 'size';
  if (/refund/i.test(text)) return 'refund';
  if (/help\.acme\.example\/returns/.test(text)) return 'returns';
  if (/deliver|late|order|processing|ship|wait/i.test(text)) return 'delivery';
  return 'other';
}

test.describe('suggestions are ranked for the open conversation', () => {
  const seed = () => ({ brands: [acme()], templates: RANKING_TEMPLATES, kbArticles: RANKING_ARTICLES, ...pastHistory() });

  test('X thread about a late kettle: delivery first, with the matched words; Messenger about a shipping refund: refund first', async ({ context, worker, network }) => {
    await seedDatabase(worker, seed());
    const pages = new Map<string, string>();

    const x = await openTab(context, network, pages, xThread);
    await openReplies(x.panel, 4);
    const onX = await cards(x.panel);
    const xTopics = onX.map((c) => topic(c.text));
    expect(onX.length, JSON.stringify(onX, null, 1)).toBeGreaterThanOrEqual(3);
    expect(xTopics[0], `first on X: ${JSON.stringify(onX[0])}`).toBe('delivery');
    // Dana is upset: the first suggestion apologises, and says why it is first.
    expect(onX[0]!.text).toMatch(/sorry/i);
    expect(onX[0]!.why).toMatch(/first because customer seems upset/);
    // The thread's own earlier replies are learnt too (they answered these very messages): they may
    // be offered again, never first, labelled; the first other suggestion is about delivery.
    const own = ownReplies('x', 'thread-complaint');
    const repeats = onX.filter((c) => own.includes(c.text));
    expect(repeats.length, 'at most one reply already sent here').toBeLessThanOrEqual(1);
    for (const c of repeats) expect(c.why).toMatch(/already sent in this conversation$/);
    expect(own).not.toContain(onX[0]!.text);
    const firstSeeded = onX.findIndex((c) => !own.includes(c.text));
    expect(xTopics[firstSeeded], `first seeded on X: ${JSON.stringify(onX[firstSeeded])}`).toBe('delivery');
    // The first one explained by the customer's words names them ("kettle", "processing"→"process", "order"…).
    const explained = onX.find((c) => /(?:matched|matches) "/.test(c.why) && !own.includes(c.text));
    const xWords = explained?.why.match(/(?:matched|matches) ((?:"[^"]+"(?:, )?)+)/)?.[1];
    expect(xWords, JSON.stringify(onX, null, 1)).toBeTruthy();
    expect(xWords).toMatch(/"(?:kettle|order|process|still|nov|11|say|day|sent)"/);
    // The delivery article is offered, and above every unrelated suggestion.
    const deliveryArticle = onX.findIndex((c) => c.text.includes('https://help.acme.example/delivery-times'));
    expect(deliveryArticle, 'delivery article offered on X').toBeGreaterThanOrEqual(0);
    expect(onX[deliveryArticle]!.why).toMatch(/article "Delivery times and late orders"; title matches .*"(?:order|process|still|day)"/);
    const firstUnrelated = xTopics.findIndex((t) => t === 'refund' || t === 'password' || t === 'size' || t === 'returns');
    if (firstUnrelated >= 0) expect(deliveryArticle).toBeLessThan(firstUnrelated);
    // Unrelated templates (password, size) are not offered for a late order.
    expect(onX.some((c) => /template "(?:Password reset|Size exchange)"/.test(c.why))).toBe(false);

    const fb = await openTab(context, network, pages, fbMessenger);
    await openReplies(fb.panel, 7);
    const onFb = await cards(fb.panel);
    const fbTopics = onFb.map((c) => topic(c.text));
    // Jamie's latest question is a refund of the shipping fee: a refund suggestion comes first…
    expect(fbTopics[0], `first on Messenger: ${JSON.stringify(onFb, null, 1)}`).toBe('refund');
    expect(onFb[0]!.why).toMatch(/(?:matched|matches) .*"refund"/);
    // …the shipping-refund template is offered from the words of the conversation alone…
    const refundTemplate = onFb.findIndex((c) => c.why.startsWith('template "Shipping refund" matches'));
    expect(refundTemplate, 'shipping-refund template offered on Messenger').toBeGreaterThanOrEqual(0);
    expect(onFb[refundTemplate]!.text).toBe('Hi Jamie, we refund the shipping fee on late orders; it reaches your card in 3–5 business days. ^AS');
    expect(onFb.some((c) => /template "(?:Password reset|Size exchange)"/.test(c.why))).toBe(false);
    // …and the two rankings differ.
    expect(onFb[0]!.text).not.toBe(onX[0]!.text);
    expect(onX.some((c) => c.why.startsWith('template "Shipping refund"'))).toBe(false);
  });
});

const xOtherThread = fixturePage('x', 'long-thread-a');

test('a reply the agent sends is learnt at once: the next conversation in the same tab is offered it, without reopening the panel', async ({ context, worker, network }) => {
  // Another customer's earlier history, so the Replies tab has something to offer before and after.
  await seedDatabase(worker, { brands: [acme()], ...pastHistory() });
  const pages = new Map<string, string>();
  const { tab, panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  const NEW_REPLY = 'For a router that keeps rebooting, a factory reset from the Settings page of the app fixes it.';
  expect((await cards(panel)).some((c) => c.text === NEW_REPLY)).toBe(false);

  // In Dana's thread (no reload) she asks about her router too, and the agent answers: both are
  // recorded, so the stored count changes and the Replies tab learns the new pair.
  const question = tweetCell(xThread, { likeStatusId: '1859000000000000101', statusId: '1859000000000000111', sentAt: '2025-11-20T15:55:00.000Z', text: 'Also my Acme router keeps rebooting every hour 😩' });
  const answer = tweetCell(xThread, { likeStatusId: '1859000000000000106', statusId: '1859000000000000112', sentAt: '2025-11-20T16:00:00.000Z', text: NEW_REPLY });
  await tab.evaluate(({ html }) => {
    const anchor = document.querySelector('a[href$="/status/1859000000000000107"]')!.closest('[data-testid="cellInnerDiv"]')!;
    anchor.insertAdjacentHTML('afterend', html);
  }, { html: question + answer });
  await expect(panel.getByTestId('message-count')).toHaveText('6');
  // Here, where it was just said, it is at most the one repeat offered, labelled, never first.
  const here = await cards(panel);
  expect(here.filter((c) => /already sent in this conversation$/.test(c.why)).length).toBeLessThanOrEqual(1);
  expect(here[0]!.why).not.toMatch(/already sent/);
  const againHere = here.find((c) => c.text === NEW_REPLY);
  if (againHere) expect(againHere.why).toMatch(/already sent in this conversation$/);

  // The agent moves on to Chris's thread about his rebooting router, in the same tab (X is a
  // single-page app): the panel and its reply memory stay, and that memory was built before the
  // new reply existed. Only learning the recorded conversation can bring it here.
  await tab.evaluate(
    ({ url, html }) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      history.pushState(null, '', url);
      document.querySelector('[data-testid="primaryColumn"]')!.innerHTML = doc.querySelector('[data-testid="primaryColumn"]')!.innerHTML;
    },
    { url: xOtherThread.url, html: xOtherThread.html },
  );
  await expect(panel.locator('.cs-card-name')).toHaveText('Chris Customer');
  await panel.getByRole('tab', { name: 'Replies' }).click();
  await expect
    .poll(async () => (await cards(panel)).find((c) => c.text === NEW_REPLY)?.why, { timeout: 10_000 })
    .toMatch(/^similar past message ".*Also my Acme router keeps rebooting.*matched "reboot\w+"/);
});

// ---------------------------------------------------------------------------------------------
// 2. A filled template inserted into the native composer
// ---------------------------------------------------------------------------------------------

const FILL_TITLE = 'Order check-in';
const FILL = template(
  't-fill',
  FILL_TITLE,
  'Hi {{customer.first_name}}, sorry for the wait. Your case is {{case.reference}} and order {{ask:order number}} is now with our warehouse team. {{agent.signature}}',
  ['order-check'],
);

/** Fill-in field → Insert enabled → the exact text in the editor's own state; never sent. */
async function insertFilled(tab: Page, panel: FrameLocator, editor: string, answer: string, expected: string) {
  const card = cardOf(panel, FILL_TITLE);
  await expect(card).toHaveCount(1);
  const insert = card.getByRole('button', { name: /^Insert: / });
  const replace = card.getByRole('button', { name: 'Replace draft' });
  // Known variables are filled already; the question is still open and blocks the insert.
  await expect(card.getByLabel('Suggested reply')).toHaveValue(expected.replace(answer, '{{ask:order number}}'));
  await expect(card.getByTestId('ask-fields')).toBeVisible();
  await expect(card.getByRole('alert')).toHaveText('Cannot insert yet: fill in "order number" first.');
  await expect(insert).toBeDisabled();
  await expect(replace).toBeDisabled();
  // Blank or whitespace is no answer.
  await card.getByLabel('order number', { exact: true }).fill('   ');
  await expect(insert).toBeDisabled();
  await card.getByLabel('order number', { exact: true }).fill(answer);
  // The agent sees what will go in, the answer filled, before inserting it.
  await expect(card.getByTestId('filled-preview')).toHaveText(`Goes in as: ${expected}`);
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(card.getByTestId('checks')).toHaveCount(0);
  await expect(insert).toBeEnabled();

  expect(await editorText(tab, editor)).toBe('');
  await insert.click();
  await expect(panel.getByTestId('notice')).toContainText('Inserted');
  await expect.poll(() => editorText(tab, editor)).toBe(expected);
  await tab.waitForTimeout(300);
  expect(await editorText(tab, editor), 'no late second insert').toBe(expected);
  expect(await allSends(tab), 'nothing was sent').toEqual((await allSends(tab)).map(() => 0));
}

test('a double click inserts once, and an insert meant for another conversation is refused by the page', async ({ context, worker, network }) => {
  const dana = customer('c-dana', DANA);
  await seedDatabase(worker, { brands: [acme()], customers: [dana], templates: [RANKING_TEMPLATES[2]!, RANKING_TEMPLATES[3]!] });
  const pages = new Map<string, string>();
  const { tab, panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  const editor = await editorNameOf(tab, '[data-caseside-mount="draft"]');
  const card = panel.getByTestId('suggestion').first();
  const text = await card.getByLabel('Suggested reply').inputValue();
  await card.getByRole('button', { name: /^Insert: / }).dblclick();
  await expect.poll(() => editorText(tab, editor)).toBe(text);
  await tab.waitForTimeout(500);
  expect(await editorText(tab, editor), 'the reply is in the composer once').toBe(text);

  // The panel still shows another conversation than the page (it has not caught up with a
  // navigation): the page refuses, and the composer is left as it was.
  const outcome = await panel.locator('body').evaluate(
    (_, msg) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(msg),
    { type: 'panel/insert', text: 'Reply meant for someone else', mode: 'caret', conversationId: '1777000000000000001' },
  );
  expect(outcome).toMatchObject({ ok: false, code: 'other-conversation' });
  expect(await editorText(tab, editor)).toBe(text);

  // The same thread, but the reply was written while another account (another brand) was logged
  // in: the page, logged in as @acme_support, refuses it too.
  const underOther = await panel.locator('body').evaluate(
    (_, msg) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(msg),
    { type: 'panel/insert', text: 'Reply of another brand', mode: 'caret', conversationId: '1859000000000000105', account: { platform: 'x', handle: 'globex_help' } },
  );
  expect(underOther).toMatchObject({ ok: false, code: 'other-account' });
  expect(await editorText(tab, editor)).toBe(text);
});

test('a filled template goes into the X reply composer (Draft.js) and the Messenger composer (Lexical); nothing is sent; use is counted', async ({
  context,
  worker,
  network,
}) => {
  const dana = customer('c-dana', DANA);
  const jamie = customer('c-jamie', JAMIE);
  await seedDatabase(worker, {
    brands: [acme()],
    customers: [dana, jamie],
    cases: [openCase('case-dana', dana.id, 'ACME-0042', ['order-check']), openCase('case-jamie', jamie.id, 'ACME-0043', ['order-check'])],
    templates: [FILL, RANKING_TEMPLATES[2]!, RANKING_TEMPLATES[3]!],
  });
  const pages = new Map<string, string>();

  const x = await openTab(context, network, pages, xThread);
  await openReplies(x.panel, 4);
  const xEditor = await editorNameOf(x.tab, '[data-caseside-mount="draft"]');
  await insertFilled(x.tab, x.panel, xEditor, 'A-10442', 'Hi Dana, sorry for the wait. Your case is ACME-0042 and order A-10442 is now with our warehouse team. ^AS');
  await expect.poll(async () => (await readTable<Template>(worker, 'templates')).find((t) => t.id === FILL.id)?.useCount).toBe(1);

  const fb = await openTab(context, network, pages, fbMessenger);
  await openReplies(fb.panel, 7);
  const fbEditor = await editorNameOf(fb.tab, '[data-caseside-mount="lexical"]');
  await insertFilled(fb.tab, fb.panel, fbEditor, '48213', 'Hi Jamie, sorry for the wait. Your case is ACME-0043 and order 48213 is now with our warehouse team. ^AS');
  await expect.poll(async () => (await readTable<Template>(worker, 'templates')).find((t) => t.id === FILL.id)?.useCount).toBe(2);
  // Only the inserted template was counted.
  expect((await readTable<Template>(worker, 'templates')).filter((t) => t.id !== FILL.id).map((t) => t.useCount)).toEqual([0, 0]);
});

test('a template the ranking does not offer is found by typing or by its tag, filled and inserted; Escape brings the ranking back', async ({
  context,
  worker,
  network,
}) => {
  const dana = customer('c-dana', DANA);
  await seedDatabase(worker, { brands: [acme()], customers: [dana], cases: [openCase('case-dana', dana.id, 'ACME-0042', [])], templates: RANKING_TEMPLATES });
  const pages = new Map<string, string>();
  const { tab, panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  // Dana's thread is about a late order: the password template is not among the suggestions.
  expect((await cards(panel)).some((c) => c.why.includes('Password reset'))).toBe(false);
  const finder = panel.getByLabel('Find a template');
  const chips = panel.getByRole('group', { name: 'Template tags' }).getByRole('button');
  // Every tag of the brand's templates, one chip each (two templates per tag at most here).
  await expect(chips).toHaveCount(8);

  // Half a word is enough; the found template is filled for Dana, with the usual checks.
  await finder.fill('passw');
  await expect(panel.getByTestId('found-count')).toContainText('Templates found: 1');
  const found = panel.getByTestId('found-templates').getByTestId('suggestion');
  await expect(found).toHaveCount(1);
  await expect(found.getByTestId('why')).toHaveText('template "Password reset" found by "password"');
  const text = 'Hi Dana, you can reset your password from the sign-in page with "Forgot password". ^AS';
  await expect(found.getByLabel('Suggested reply')).toHaveValue(text);
  const editor = await editorNameOf(tab, '[data-caseside-mount="draft"]');
  // From the keyboard: Enter goes to the result's Insert button, Enter again inserts.
  await finder.press('Enter');
  const insert = found.getByRole('button', { name: /^Insert: / });
  await expect(insert).toBeFocused();
  await insert.press('Enter');
  await expect.poll(() => editorText(tab, editor)).toBe(text);
  expect(await allSends(tab), 'nothing was sent').toEqual((await allSends(tab)).map(() => 0));
  await expect.poll(async () => (await readTable<Template>(worker, 'templates')).find((t) => t.id === 't-password')?.useCount).toBe(1);

  // Words nothing has: said so, no stale cards.
  await finder.fill('winnipeg');
  await expect(panel.getByTestId('found-count')).toContainText('No template matches.');
  await expect(found).toHaveCount(0);

  // One click on a tag lists its templates; with words typed too, both must match.
  await finder.fill('');
  await chips.filter({ hasText: 'exchange' }).click();
  await expect(chips.filter({ hasText: 'exchange' })).toHaveAttribute('aria-pressed', 'true');
  await expect(found.getByTestId('why')).toHaveText(['template "Size exchange" tagged "exchange"']);
  await chips.filter({ hasText: 'exchange' }).click();
  await chips.filter({ hasText: 'refund' }).click();
  await finder.fill('size');
  await expect(panel.getByTestId('found-count')).toContainText('No template matches.');

  // Escape clears the finder (the panel stays open) and the ranked suggestions come back.
  await finder.press('Escape');
  await expect(finder).toHaveValue('');
  await expect(chips.filter({ hasText: 'refund' })).toHaveAttribute('aria-pressed', 'false');
  await expect(panel.getByTestId('found-templates')).toHaveCount(0);
  await expect(tab.locator('[data-caseside-panel="host"] iframe')).toBeVisible();
  await expect(panel.getByTestId('suggestion').first()).toBeVisible();
  expect((await cards(panel)).some((c) => c.why.includes('Password reset'))).toBe(false);

  // "/" from elsewhere in the tab jumps back to the finder; typed in a reply box it stays text.
  await panel.getByRole('tab', { name: 'Replies' }).focus();
  await panel.getByRole('tab', { name: 'Replies' }).press('/');
  await expect(finder).toBeFocused();
  await expect(finder).toHaveValue('');
  const box = panel.getByTestId('suggestion').first().getByLabel('Suggested reply');
  await box.press('Control+End');
  await box.press('/');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(/\/$/);
});

test('a past reply is kept as a template in one click, and a template edited on the options page reaches the open panel without a reload', async ({
  context,
  worker,
  network,
}) => {
  await seedDatabase(worker, { brands: [acme()], ...pastHistory() });
  const pages = new Map<string, string>();
  const { panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  // Pat was told his order ships by Friday: that reply is offered to Dana, filled for her.
  const card = panel.getByTestId('suggestion').filter({ hasText: 'Past reply' }).filter({ hasText: 'ship by Friday' });
  await expect(card).toHaveCount(1);
  await card.getByRole('button', { name: 'Save as template' }).click();
  await expect(panel.getByTestId('notice')).toContainText('Saved as the template "Sorry for the wait! Orders are running a few days late this…"');
  // The card stays as it was, marked saved, although the list around it is re-ranked with the new
  // template (a title saying sorry does not make it the brand's apology template, offered first to
  // every upset customer: only an `apology` tag does).
  await expect(card.getByRole('button', { name: 'Saved' })).toBeDisabled();
  await expect(panel.getByTestId('suggestion').first().getByTestId('why')).not.toHaveText(/apology first$/);
  // Kept generalised: the old agent's sign-off is a variable, filled per brand when used.
  const saved = await expect.poll(async () => (await readTable<Template>(worker, 'templates')).length).toBe(1).then(async () => (await readTable<Template>(worker, 'templates'))[0]!);
  expect(saved.body).toBe("Sorry for the wait! Orders are running a few days late this week; yours should ship by Friday. {{agent.signature}}");
  expect(saved.brandId).toBe(BRAND_ID);

  // The open panel's finder has it at once (no reload, past replies not re-learnt).
  const finder = panel.getByLabel('Find a template');
  await finder.fill('friday');
  const found = panel.getByTestId('found-templates').getByTestId('suggestion');
  await expect(found.getByTestId('why')).toHaveText(`template "${saved.title}" found by "friday"`);

  // Edited on the options page: the panel follows.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#templates`);
  await options.getByTestId('template-row').getByRole('button', { name: 'Edit' }).click();
  await options.getByLabel('Body').fill('Orders are late this week; yours ships by Friday, {{customer.first_name}}. {{agent.signature}}');
  await options.getByRole('button', { name: 'Save template' }).click();
  await expect(options.getByTestId('template-preview')).toContainText('yours ships by Friday');
  await expect(found.getByLabel('Suggested reply')).toHaveValue('Orders are late this week; yours ships by Friday, Dana. ^AS');
});

test('a known issue: its answer comes first for the customer who names it, filled and inserted; once sent she is answered, in Replies and in the Work list', async ({
  context,
  worker,
  network,
}) => {
  const dana = customer('c-dana', DANA);
  const since = Date.parse('2025-11-20T12:00:00.000Z');
  const incident = (id: string, title: string, keywords: string[], answer: string) => ({
    id, title, keywords, answers: [{ language: 'en', text: answer }], previousAnswers: [], marks: [], since, createdAt: since, updatedAt: since, endedAt: null,
  });
  const ANSWER = 'Hi {{customer.first_name}}, kettle orders from Nov 10 to 12 are held at our warehouse after a scanner fault; they ship on Monday with free express delivery. {{agent.signature}}';
  await seedDatabase(worker, {
    brands: [acme()],
    customers: [dana],
    templates: [RANKING_TEMPLATES[2]!, RANKING_TEMPLATES[3]!],
    meta: [{ key: `incidents:${BRAND_ID}`, value: [incident('i-kettle', 'Kettle orders held', ['kettle', 'hervidor'], ANSWER), incident('i-login', 'App login outage', ['login'], 'Logins fail in the app for everyone; we are fixing it.')] }],
  });
  const { tab, panel } = await openTab(context, network, new Map(), xThread);
  await openReplies(panel, 4);
  // Dana wrote "kettle": that answer is the first card, filled for her, after an apology (she is
  // upset); the other issue is offered by title only.
  const filled =
    "Hi Dana, we're sorry about this and we're on it. Kettle orders from Nov 10 to 12 are held at our warehouse after a scanner fault; they ship on Monday with free express delivery. ^AS";
  const first = (await cards(panel))[0]!;
  expect(first).toEqual({ why: 'Known issue “Kettle orders held”: they wrote “kettle” · apology first: the customer seems upset', text: filled });
  await expect(panel.getByTestId('incident-others')).toHaveText('Other known issues: Answer for “App login outage”');

  const editor = await editorNameOf(tab, '[data-caseside-mount="draft"]');
  await panel.getByTestId('incident-cards').getByRole('button', { name: /^Insert: / }).click();
  await expect.poll(() => editorText(tab, editor)).toBe(filled);
  expect(await allSends(tab), 'nothing was sent').toEqual((await allSends(tab)).map(() => 0));

  // The agent sends it; the page shows the brand's reply, which is recorded.
  const reply = tweetCell(xThread, { likeStatusId: '1859000000000000106', statusId: '1859000000000000120', sentAt: '2025-11-20T16:10:00.000Z', text: filled });
  await tab.evaluate(({ html }) => {
    const anchor = document.querySelector('a[href$="/status/1859000000000000107"]')!.closest('[data-testid="cellInnerDiv"]')!;
    anchor.insertAdjacentHTML('afterend', html);
  }, { html: reply });
  await expect(panel.getByTestId('message-count')).toHaveText('5');
  // Answered: the card leaves the top of the list and says so.
  await expect(panel.getByTestId('incident-cards')).toHaveCount(0);
  await expect(panel.getByTestId('incident-cards-answered').getByTestId('why')).toHaveText(/^Known issue “Kettle orders held”: they wrote “kettle” · apology first: the customer seems upset · already answered /);

  // The Work list: one affected, answered, none waiting; the other issue has nobody yet.
  await panel.getByRole('tab', { name: 'Work list' }).click();
  const kettle = panel.getByTestId('incident').filter({ hasText: 'Kettle orders held' });
  await expect(kettle.getByTestId('incident-counts')).toHaveText('1 affected · 1 answered · 0 waiting');
  await kettle.getByText('Answered (1)').click();
  await expect(kettle.getByTestId('incident-answered')).toContainText('Dana Example');
  await expect(panel.getByTestId('incident').filter({ hasText: 'App login outage' }).getByTestId('incident-counts')).toHaveText('0 affected · 0 answered · 0 waiting');
});

test('who sits at this browser: a name saved on the options page signs the open panel\'s replies and notes, without a reload', async ({ context, worker, network }) => {
  const dana = customer('c-dana', DANA);
  await seedDatabase(worker, {
    brands: [{ ...acme(), signature: '^{{agent.initials}}' }],
    customers: [dana],
    cases: [openCase('case-dana', dana.id, 'ACME-0042', ['order-check'])],
    templates: [FILL],
  });
  const { panel } = await openTab(context, network, new Map(), xThread);
  await openReplies(panel, 4);
  const card = cardOf(panel, FILL_TITLE);
  // No profile yet: the signature that needs initials is left out, and the checks say where to set them.
  await expect(card.getByLabel('Suggested reply')).toHaveValue(/warehouse team\.$/);
  await expect(card.getByTestId('checks')).toContainText('under “You”');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#you`);
  const you = options.getByRole('form', { name: 'Your name and initials' });
  await you.getByLabel('Your name').fill('Ana Pérez');
  await you.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText(/^Saved/)).toBeVisible();

  // The open panel follows (storage.onChanged): the card is signed ^AP, the hint is gone.
  await expect(card.getByLabel('Suggested reply')).toHaveValue(/warehouse team\. \^AP$/);
  await expect(card).not.toContainText('under “You”');
  // A note written now carries her name.
  await panel.getByRole('tab', { name: 'Case' }).click();
  await panel.getByLabel('Add note', { exact: true }).fill('Called the warehouse, ticket open.');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByTestId('note-meta').first()).toContainText('Ana Pérez');
});

// ---------------------------------------------------------------------------------------------
// 3. Each pre-insert check on a reply built for it
// ---------------------------------------------------------------------------------------------

const CHECK_TITLE = 'Checks e2e';
const CLEAN = 'Hi Dana, thanks for your patience. ^AS';

/** The ids of the checks the card lists right now. */
const checkIds = (card: Locator) => card.locator('[data-check]').evaluateAll((els) => els.map((el) => el.getAttribute('data-check')));

async function expectOnly(card: Locator, id: string) {
  await expect(card.locator(`[data-check="${id}"]`)).toBeVisible();
  expect(await checkIds(card)).toEqual([id]);
}

async function expectClean(card: Locator) {
  await expect(card.getByTestId('checks')).toHaveCount(0);
  await expect(card.getByRole('button', { name: /^Insert: / })).toBeEnabled();
}

test('each pre-insert check fires on a reply built for it and goes away when the reply is fixed', async ({ context, worker, network }) => {
  const dana = customer('c-dana', DANA);
  await seedDatabase(worker, {
    brands: [acme({ avoidWords: ['unfortunately', 'policy'] })],
    customers: [dana],
    cases: [openCase('case-dana', dana.id, 'ACME-0042', ['checks'])],
    templates: [template('t-checks', CHECK_TITLE, CLEAN, ['checks'])],
  });
  const pages = new Map<string, string>();
  const { tab, panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  // Dana is upset (a late order, 😤 🙄): the tone line says so.
  await expect(panel.getByTestId('tone')).toContainText('upset');

  const card = cardOf(panel, CHECK_TITLE);
  const box = card.getByLabel('Suggested reply');
  const insert = card.getByRole('button', { name: /^Insert: / });
  // (Its first line may carry an apology opener for the upset customer: start from a clean reply.)
  await box.fill(CLEAN);
  await expectClean(card);

  // Unresolved variable: blocks, names the variable.
  await box.fill('Hi Dana, your case is {{case.number}}. ^AS');
  await expect(card.getByRole('alert')).toHaveText('Cannot insert yet: fill in {{case.number}} first.');
  await expect(insert).toBeDisabled();
  await box.fill(CLEAN);
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expectClean(card);

  // Personal data asked for in a public reply: warn, and "Move to DM" rewrites the request.
  const askPersonal = 'Hi Dana, could you share your home address and phone number here? ^AS';
  await box.fill(askPersonal);
  await expectOnly(card, 'personal-data-in-public');
  await expect(card.locator('[data-check="personal-data-in-public"]')).toContainText('address, phone number');
  await expect(insert).toBeEnabled(); // a warning, not a block
  await card.getByTestId('fix-personal-data-in-public').click();
  await expect(box).toHaveValue("Hi Dana, please send us a DM and we'll take it from there, so your details stay private. ^AS");
  // The fixed reply passes every check (it still greets Dana and is signed).
  await expectClean(card);

  // Over X's 280 weighted characters in a public reply: blocks; shortened, it may go.
  const filler = 'thanks for bearing with us while the warehouse checks this order. '.repeat(5);
  const long = `Hi Dana, ${filler.slice(0, 300 - 'Hi Dana, '.length - ' ^AS'.length).trimEnd().padEnd(300 - 'Hi Dana, '.length - ' ^AS'.length, '.')} ^AS`;
  expect(long).toHaveLength(300);
  await box.fill(long);
  await expectOnly(card, 'x-length');
  await expect(card.locator('[data-check="x-length"]')).toContainText('of 280');
  await expect(insert).toBeDisabled();
  // X weights CJK characters double: 150 of them are over the limit though far under 280 characters.
  await box.fill(`Hi Dana, ${'漢'.repeat(140)} ^AS`);
  await expectOnly(card, 'x-length');
  await box.fill(CLEAN);
  await expectClean(card);

  // Missing the customer's name: warn with a "Greet Dana" fix.
  await box.fill('Thanks for your patience. ^AS');
  await expectOnly(card, 'missing-name');
  await card.getByTestId('fix-missing-name').click();
  await expect(box).toHaveValue('Hi Dana, thanks for your patience. ^AS');
  await expectClean(card);

  // Missing the brand signature: warn with an "Add signature" fix.
  await box.fill('Hi Dana, thanks for your patience.');
  await expectOnly(card, 'missing-signature');
  await card.getByTestId('fix-missing-signature').click();
  await expect(box).toHaveValue('Hi Dana, thanks for your patience. ^AS');
  await expectClean(card);

  // Self-praise to an upset customer: warn, fix opens with an apology instead.
  await box.fill("We're proud to be an award-winning team! Hi Dana, thanks for your patience. ^AS");
  await expectOnly(card, 'self-praise-to-upset');
  await card.getByTestId('fix-self-praise-to-upset').click();
  await expect(box).toHaveValue("We're sorry about this. Hi Dana, thanks for your patience. ^AS");
  await expectClean(card);

  // Brand avoid-words (tone.avoidWords): warn, naming the word; gone when reworded.
  await box.fill('Hi Dana, unfortunately that is our policy. ^AS');
  await expectOnly(card, 'avoid-word');
  await expect(card.locator('[data-check="avoid-word"]')).toContainText('"unfortunately", "policy"');
  await box.fill('Hi Dana, the kettle is out of stock until Monday. ^AS');
  await expectClean(card);

  // A promise with no follow-up set: warn; once a follow-up exists for Dana, it goes away.
  const promise = "Hi Dana, we'll call you tomorrow. ^AS";
  await box.fill(promise);
  await expectOnly(card, 'promise-without-follow-up');
  expect(await readTable<FollowUp>(worker, 'followUps')).toEqual([]);
  // The thread's own promise ("within 24h") is proposed above the tabs: accept it.
  await panel.getByTestId('promise-proposal').getByRole('button', { name: /^Add follow-up/ }).click();
  await expect(card.locator('[data-check="promise-without-follow-up"]')).toHaveCount(0);
  await expect(box).toHaveValue(promise);
  await expectClean(card);
  expect((await readTable<FollowUp>(worker, 'followUps')).map((f) => f.customerId)).toEqual([dana.id]);

  // The same personal-data request in Dana's DM (private) raises nothing.
  pages.set(xDm.url, xDm.html);
  await tab.goto(xDm.url);
  await expect(panel.getByTestId('active-brand')).toHaveText('Acme');
  await panel.getByRole('tab', { name: 'Replies' }).click();
  await expect(panel.getByRole('heading', { level: 2, name: 'Dana Example 🌻' })).toBeVisible();
  const dmCard = cardOf(panel, CHECK_TITLE);
  const dmBox = dmCard.getByLabel('Suggested reply');
  // Checks do run here (positive control: the signature check)…
  await dmBox.fill(askPersonal.replace(' ^AS', ''));
  await expectOnly(dmCard, 'missing-signature');
  // …but asking for an address and phone number in a DM is what a DM is for.
  await dmBox.fill(askPersonal);
  await expectClean(dmCard);

  // Under a comment on the brand's Facebook Page (public), the same request warns again.
  pages.set(fbPost.url, fbPost.html);
  await tab.goto(fbPost.url);
  await panel.getByRole('tab', { name: 'Replies' }).click();
  await panel.getByLabel('Find a template').fill('checks');
  const fbCard = panel.getByTestId('found-templates').getByTestId('suggestion');
  await expect(fbCard).toHaveCount(1);
  await fbCard.getByLabel('Suggested reply').fill(askPersonal);
  await expect(fbCard.locator('[data-check="personal-data-in-public"]')).toContainText('address, phone number');
  await fbCard.getByTestId('fix-personal-data-in-public').click();
  await expect(fbCard.locator('[data-check="personal-data-in-public"]')).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------
// 4. Knowledge capture and the Knowledge base
// ---------------------------------------------------------------------------------------------

const HELP_URL = 'https://www.facebook.com/help/123';
const HOSTILE_MARKS = ['<script', 'onerror', 'javascript:', '<iframe', 'onclick', 'pwned'];
const HELP_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>How long does delivery take? | Acme Help Centre</title>
<script>window.__pagePwned = 'page script ran (expected: it is the page)';</script></head>
<body><nav><a href="/help">Help Centre</a> · <a href="/help/orders">Orders</a></nav>
<main><article>
<h1>How long does delivery take?</h1>
<p>Most orders leave our warehouse within two business days. Standard delivery then takes three to five business days; express delivery arrives the next business day when ordered before 2 pm.</p>
<p>If your order still says <em>processing</em> after five business days, it is late: contact us with your order number and we will chase the warehouse the same day.</p>
<script>window.__pwned = 'article script';</script>
<img src="https://www.facebook.com/help/kettle.png" alt="A kettle in its box" onerror="window.__pwned = 'img onerror'">
<p>Tracking links are emailed as soon as the parcel ships. <a href="javascript:window.__pwned='link'">Track my order</a> or read <a href="https://www.facebook.com/help/124" onclick="window.__pwned='click'">returns and refunds</a>.</p>
<iframe src="https://evil.example/frame"></iframe>
<p>Deliveries to remote areas can take up to two extra days. We never ask for your password or card number by email.</p>
</article></main>
<footer>© Acme</footer></body></html>`;

interface WorkerChrome {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    scripting: { executeScript(i: object): Promise<{ result: unknown }[]> };
    contextMenus: { onClicked: { hasListeners(): boolean } };
  };
}

async function captureInTab(worker: Worker, url: string): Promise<CapturedPage> {
  return worker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as WorkerChrome;
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    if (tab?.id === undefined) throw new Error(`no tab at ${pageUrl}`);
    const [injection] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/capture.js'] });
    return injection!.result as CapturedPage;
  }, url);
}

test('capture.js reads a help page in a real tab into a sanitised article, which feeds suggestions, follows a rename and is found by the finder', async ({ context, worker, network }) => {
  const dana = customer('c-dana', DANA);
  await seedDatabase(worker, { brands: [acme()], customers: [dana] });
  const pages = new Map<string, string>();
  await servePages(context, pages, network);
  pages.set(HELP_URL, HELP_PAGE);
  const help = await context.newPage();
  await help.goto(HELP_URL);
  await expect(help.getByRole('heading', { name: 'How long does delivery take?' })).toBeVisible();

  // The page's own hostile markup has run in the page by now (its script, the failed image's
  // onerror): clear the mark, so anything set after this was run by the capture.
  await expect.poll(() => help.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBe('img onerror');
  await help.evaluate(() => delete (window as unknown as { __pwned?: string }).__pwned);

  const captured = await captureInTab(worker, HELP_URL);
  expect(captured).not.toHaveProperty('error');
  expect(captured.url).toBe(HELP_URL);
  expect(captured.title).toBe('How long does delivery take?');
  expect(captured.text.length).toBeGreaterThan(300);
  expect(captured.text).toContain('Most orders leave our warehouse within two business days.');
  expect(captured.text).toContain('Deliveries to remote areas can take up to two extra days.');
  expect(captured.text).not.toContain('Help Centre ·'); // navigation is not the article
  expect(captured.html).toContain('A kettle in its box');
  expect(captured.html).toContain('href="https://www.facebook.com/help/124"');
  expect(captured.html).toContain('Track my order');
  for (const mark of HOSTILE_MARKS) expect(captured.html, `no ${mark} in the captured html`).not.toContain(mark);
  expect(captured.html).not.toContain('evil.example');
  // Capture stores nothing, leaves the page as it was and runs none of the article's scripts.
  await help.waitForTimeout(300);
  expect(await help.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await help.locator('article iframe').count()).toBe(1);
  expect(await readTable(worker, 'kbArticles')).toEqual([]);

  // The context-menu handler (lib/background/capture-menus.ts) is registered, but a native
  // context-menu click cannot be made from a test: what it does next is done here, through the
  // same code (toKbArticle), and the stored article is then used by the product.
  expect(await worker.evaluate(() => (globalThis as unknown as WorkerChrome).chrome.contextMenus.onClicked.hasListeners())).toBe(true);
  await seedDatabase(worker, { kbArticles: [toKbArticle(captured, BRAND_ID, { id: 'kb-captured' })] });

  // The captured article is suggested for Dana's late order.
  const { tab, panel } = await openTab(context, network, pages, xThread);
  await openReplies(panel, 4);
  const suggested = panel.getByTestId('suggestion').filter({ hasText: 'article "How long does delivery take?"' });
  await expect(suggested).toHaveCount(1);
  await expect(suggested.getByLabel('Suggested reply')).toHaveValue(`This article should help: ${HELP_URL}`);

  // Renamed on the options page while the panel is open: the panel follows, without a reload
  // (the article count does not change, so only the knowledge base's revision says so).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#knowledge`);
  const title = options.locator('#knowledge').getByTestId('kb-row').getByLabel('Article title');
  await title.fill('Delivery times, explained');
  await title.blur();
  await expect(panel.getByTestId('suggestion').filter({ hasText: 'article "Delivery times, explained"' })).toHaveCount(1);
  await expect(suggested).toHaveCount(0);

  // Found by its words in the finder too (the brand has no templates), and its link goes into
  // the reply box.
  const finder = panel.getByLabel('Find a template or article');
  await finder.fill('remote area');
  await expect(panel.getByTestId('found-count')).toHaveText(/Articles found: 1/);
  const found = panel.getByTestId('found-templates').getByTestId('suggestion');
  await expect(found.getByTestId('why')).toHaveText(/^article "Delivery times, explained" found by "remot/);
  const editor = await editorNameOf(tab, '[data-caseside-mount="draft"]');
  await found.getByRole('button', { name: /^Insert: / }).click();
  await expect.poll(() => editorText(tab, editor)).toBe(`This article should help: ${HELP_URL}`);
  expect(await allSends(tab), 'nothing was sent').toEqual((await allSends(tab)).map(() => 0));
});

test('options → Knowledge base: list, search, rename, read (sanitised, nothing runs, nothing loaded), delete', async ({ context, worker, network }) => {
  await servePages(context, new Map(), network);
  const hostile = {
    ...article('kb-hostile', 'https://help.acme.example/kettles', 'Kettle care guide', 'Descale your kettle monthly with white vinegar. Never run it empty.'),
    // A stored copy is never trusted: "Read" sanitises it again.
    html: `<h2>Kettle care</h2><p>Descale your kettle monthly.</p><script>window.__pwned='script'</script><img src="x" onerror="window.__pwned='img'"><a href="javascript:window.__pwned='link'">tips</a><iframe srcdoc="<script>parent.__pwned='frame'</script>"></iframe><p onclick="window.__pwned='click'">Never run it empty.</p><img src="https://images.acme.example/descale.png" alt="Descaling step by step">`,
  };
  const other = article('kb-returns', 'https://help.acme.example/returns', 'Returns and refunds', 'Return any unworn item within 30 days; refunds take 3–5 business days.');
  await seedDatabase(worker, { brands: [acme()], kbArticles: [hostile, other] });

  const options = await context.newPage();
  const problems: string[] = [];
  options.on('pageerror', (e) => problems.push(e.message));
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#knowledge`);
  const section = options.locator('#knowledge');
  await expect(section.getByRole('heading', { name: 'Knowledge base' })).toBeVisible();
  const rows = section.getByTestId('kb-row');
  await expect(rows).toHaveCount(2);
  const titles = () => rows.getByLabel('Article title').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  expect((await titles()).sort()).toEqual(['Kettle care guide', 'Returns and refunds']);

  // Search.
  const search = section.getByRole('searchbox', { name: 'Search articles' });
  // Poll the titles, not the row count: going from one match to another keeps one row, so a
  // count alone passes on the previous search's result.
  await search.fill('vinegar');
  await expect.poll(titles).toEqual(['Kettle care guide']);
  await search.fill('refunds');
  await expect.poll(titles).toEqual(['Returns and refunds']);
  await search.fill('');
  await expect(rows).toHaveCount(2);

  // Rename: persists in the database and across a reload.
  const kettle = rows.filter({ hasText: 'https://help.acme.example/kettles' });
  await kettle.getByLabel('Article title').fill('Kettle care and descaling');
  await kettle.getByLabel('Article title').blur();
  await expect
    .poll(async () => (await readTable<KbArticle>(worker, 'kbArticles')).find((a) => a.id === 'kb-hostile')?.title)
    .toBe('Kettle care and descaling');
  await options.reload();
  await expect(rows).toHaveCount(2);
  expect((await titles()).sort()).toEqual(['Kettle care and descaling', 'Returns and refunds']);

  // Read: the sanitised article, with nothing hostile left and nothing run.
  await kettle.getByRole('button', { name: 'Read' }).click();
  const body = kettle.locator('.cs-article');
  await expect(body.getByRole('heading', { name: 'Kettle care' })).toBeVisible();
  await expect(body).toContainText('Never run it empty.');
  const html = await body.innerHTML();
  for (const mark of HOSTILE_MARKS) expect(html, `no ${mark} in the rendered article`).not.toContain(mark);
  expect(html).not.toContain('srcdoc');
  await options.waitForTimeout(300);
  expect(await options.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  // (Chromium logs a CSP report for each inline handler merely parsed, even in the sanitiser's
  // inert documents; what counts is that none is in the rendered DOM and none ran.)
  expect(await body.locator('script, iframe, [onerror], [onclick]').count()).toBe(0);
  expect(problems, 'no page errors').toEqual([]);
  // The stored article's image is from another site: shown as a link to it, never loaded.
  await expect(body.getByRole('link', { name: '🖼 Descaling step by step' })).toHaveAttribute('href', 'https://images.acme.example/descale.png');
  expect(await body.locator('img[src]').count()).toBe(0);
  expect(network.extension).toEqual([]);

  // Delete: asked first (Cancel keeps it, focus back on Delete), then confirmed.
  const returnsRow = rows.filter({ hasText: 'https://help.acme.example/returns' });
  await returnsRow.getByRole('button', { name: 'Delete' }).click();
  await expect(returnsRow.getByRole('alertdialog')).toContainText('Delete “Returns and refunds”?');
  await expect(returnsRow.getByRole('button', { name: 'Yes, delete' })).toBeFocused();
  await returnsRow.getByRole('button', { name: 'Cancel' }).click();
  await expect(returnsRow.getByRole('button', { name: 'Delete' })).toBeFocused();
  await expect(rows).toHaveCount(2);
  await returnsRow.getByRole('button', { name: 'Delete' }).click();
  await returnsRow.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(rows).toHaveCount(1);
  await expect.poll(async () => (await readTable<KbArticle>(worker, 'kbArticles')).map((a) => a.id)).toEqual(['kb-hostile']);
  await options.reload();
  await expect(rows).toHaveCount(1);
  expect(await titles()).toEqual(['Kettle care and descaling']);
});

/**
 * The X adapter end to end: each X fixture served at its x.com URL with the real editors
 * mounted, read by the content script, recorded by the background and shown by the panel;
 * then "Insert" from the panel into the page's own composer (Draft.js or the chat textarea),
 * checked through the editor's own state.
 */
import { readTable, seedDatabase } from './support/extension';
import { fixturePage } from './support/pages';
import { brand } from './support/seed';
import {
  conversationTests,
  expect,
  expectedSnapshot,
  type ExpectedMessage,
  expectPanelConversation,
  expectStored,
  openFixture,
  storedConversation,
  scrollAccumulationTest,
  swapRegion,
  templateFor,
  test,
} from './support/conversation';

const ACME = brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }]);
/** A brand that does not list the logged-in account (acme_support). */
const OTHER = brand('b-other', 'Other Co', 'OTH', [{ platform: 'x', handle: 'other_support' }]);

const CHAT_LAYOUT = [
  '.flex { display: flex }',
  '.flex-col { flex-direction: column }',
  '.flex-1 { flex: 1 1 0% }',
  '.grow { flex-grow: 1 }',
  '.shrink-0 { flex-shrink: 0 }',
  '.min-w-0 { min-width: 0 }',
  '.w-full { width: 100% }',
  '.h-full { height: 100% }',
  '.justify-start { justify-content: flex-start }',
  '.justify-end { justify-content: flex-end }',
  '.items-end { align-items: flex-end }',
  '.gap-2 { gap: 8px }',
  '.w-7, .size-7 { width: 28px; height: 28px }',
  String.raw`.w-\[400px\] { width: 400px }`,
  String.raw`.max-w-\[70\%\] { max-width: 70% }`,
  '.px-3 { padding-left: 12px; padding-right: 12px }',
  '.px-4 { padding-left: 16px; padding-right: 16px }',
].join('\n');

const CONVERSATIONS: { name: string; composer: string; what: string }[] = [
  { name: 'thread-complaint', composer: '[data-caseside-mount="draft"]', what: 'thread reply (Draft.js)' },
  { name: 'thread-complaint-es', composer: '[data-caseside-mount="draft"]', what: 'thread reply, Spanish UI (Draft.js)' },
  { name: 'compose-reply', composer: '[role="dialog"] [data-caseside-mount="draft"]', what: 'compose modal (Draft.js)' },
  { name: 'dm-thread', composer: '[data-caseside-mount="draft"][data-name="dm"]', what: 'legacy DM (Draft.js)' },
  { name: 'chat-thread', composer: '[data-caseside-mount="textarea"]', what: 'chat (React textarea)' },
];

test.describe('X conversations', () => {
  conversationTests('x', ACME, CONVERSATIONS);

  test('chat-locked: the panel says the chat is locked and nothing is stored', async ({ ext, page }) => {
    await seedDatabase(ext.worker, { brands: [ACME] });
    const panel = await openFixture(ext, page, fixturePage('x', 'chat-locked', { editors: true }));
    await expect(panel.getByRole('heading', { name: 'This chat is locked' })).toBeVisible();
    await expect(panel.getByTestId('active-brand')).toHaveText('Acme');
    await page.waitForTimeout(300);
    expect((await storedConversation(ext.worker, ACME.id, expectedSnapshot('x', 'chat-locked'))).messages).toEqual([]);
  });

  test('chat-thread laid out as X lays it out: a bubble with no send status and no avatar is read from its side', async ({ ext, page }) => {
    const expected = expectedSnapshot('x', 'chat-thread');
    await seedDatabase(ext.worker, { brands: [ACME] });
    const fixture = fixturePage('x', 'chat-thread', { editors: true });
    // The saved markup carries X chat's (Tailwind) classes but not its stylesheet; this is the part
    // of it that places bubbles: one's own at the end of the log, the customer's at the start.
    await openFixture(ext, page, { ...fixture, html: fixture.html.replace('</head>', `<style>${CHAT_LAYOUT}</style></head>`) });
    // Unstyled (the fixture test above), "Great, thanks!" has no sign of its sender and stays unknown.
    expect(expected.messages.find((m) => m.text === 'Great, thanks!')?.direction).toBe('unknown');
    const laidOut: ExpectedMessage[] = expected.messages.map((m) => (m.direction === 'unknown' ? { ...m, direction: 'in' } : m));
    await expectStored(ext.worker, ACME.id, expected, laidOut);
  });

  test('chat: after an in-app navigation, the chat still on screen is not recorded under the new URL', async ({ ext, page }) => {
    const expected = expectedSnapshot('x', 'chat-thread');
    await seedDatabase(ext.worker, { brands: [ACME] });
    const fixture = fixturePage('x', 'chat-thread');
    const panel = await openFixture(ext, page, fixture);
    await expectStored(ext.worker, ACME.id, expected);

    // The agent opens another chat: the URL changes first, the old chat stays on screen a moment.
    const next = { ...expected, conversationId: '1111111111-3333333333', url: 'https://x.com/i/chat/1111111111-3333333333' };
    await page.evaluate((url) => history.pushState(null, '', url), next.url);
    await expect(panel.getByText('The conversation has not appeared on the page yet', { exact: false })).toBeVisible();
    const during = await storedConversation(ext.worker, ACME.id, next);
    expect(during.conversations).toEqual([]);
    expect(during.messages).toEqual([]);

    // Then X renders the new chat (its own message ids): it is recorded, and only it.
    const fresh = (s: string) => s.replaceAll('3f2a1c9e', '4e3b2d0f');
    await swapRegion(page, fresh(fixture.html), '[data-testid="dm-conversation-panel"]');
    await expectStored(ext.worker, ACME.id, next, expected.messages.map((m) => ({ ...m, id: fresh(m.id) })));
  });

  for (const name of ['logged-out-status', 'dm-inbox']) {
    test(`${name}: "No conversation recognised here"`, async ({ ext, page }) => {
      await seedDatabase(ext.worker, { brands: [ACME] });
      const panel = await openFixture(ext, page, fixturePage('x', name, { editors: true }));
      await expect(panel.getByRole('heading', { name: 'No conversation recognised here' })).toBeVisible();
      await expect(panel.getByRole('tablist')).toHaveCount(0);
    });
  }
});

scrollAccumulationTest('x', ACME, { a: 'long-thread-a', b: 'long-thread-b', customer: 'Chris Customer', region: '[data-testid="primaryColumn"]' });

test("someone else's thread, read while logged in as the brand, is kept only once the agent tracks it", async ({ ext, page }) => {
  const expected = expectedSnapshot('x', 'thread-complaint');
  // The brand's account is acme_care: in this thread neither it writes nor anyone mentions it.
  const CARE = brand('b-care', 'Acme Care', 'CARE', [{ platform: 'x', handle: 'acme_care' }]);
  await seedDatabase(ext.worker, { brands: [OTHER, CARE] });
  const fixture = fixturePage('x', 'thread-complaint');
  const loggedInAsCare = fixture.html.replace(/<a href="\/acme_support"([^>]*data-testid="AppTabBar_Profile_Link")/, '<a href="/acme_care"$1');
  expect(loggedInAsCare).not.toBe(fixture.html);
  const panel = await openFixture(ext, page, { ...fixture, html: loggedInAsCare });

  await expect(panel.getByTestId('active-brand')).toHaveText('Acme Care');
  await expect(panel.getByText(/does not involve Acme Care/)).toBeVisible();
  await page.waitForTimeout(300);
  expect(await readTable(ext.worker, 'messages')).toEqual([]);
  expect(await readTable(ext.worker, 'customers')).toEqual([]);

  // Tracking offers the account's brand first.
  await expect(panel.getByRole('combobox', { name: /Track/ })).toHaveValue(CARE.id);
  await panel.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(panel.getByRole('tab', { name: 'History' })).toBeVisible();
  await expect.poll(async () => (await readTable(ext.worker, 'messages')).length).toBe(expected.messages.length);
});

test('Track: a conversation of an account no brand lists is not recorded until the agent tracks it', async ({ ext, page }) => {
  const expected = expectedSnapshot('x', 'thread-complaint');
  await seedDatabase(ext.worker, { brands: [OTHER], templates: [templateFor(OTHER.id, expected)] });
  const panel = await openFixture(ext, page, fixturePage('x', 'thread-complaint', { editors: true }));

  await expect(panel.getByText('Not recorded', { exact: false }).first()).toBeVisible();
  await expect(panel.getByText(/acme_support\) is not listed under any brand/)).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2, name: 'Dana Example 🌻' })).toBeVisible();
  await page.waitForTimeout(300);
  expect((await storedConversation(ext.worker, OTHER.id, expected)).messages).toEqual([]);

  await panel.getByRole('combobox', { name: /Track/ }).selectOption({ label: 'Other Co' });
  await panel.getByRole('button', { name: 'Track', exact: true }).click();
  await expect(panel.getByTestId('active-brand')).toHaveText('Other Co');
  await expectPanelConversation(panel, expected);
  await expectStored(ext.worker, OTHER.id, expected);

  // Remembered: a reload records under the same brand without asking again.
  await page.reload();
  await expect(panel.getByTestId('active-brand')).toHaveText('Other Co');
  await expect(panel.getByRole('tab', { name: 'History' })).toBeVisible();
  await expectStored(ext.worker, OTHER.id, expected);
});

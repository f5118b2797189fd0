/**
 * The X adapter end to end: each X fixture served at its x.com URL with the real editors
 * mounted, read by the content script, recorded by the background and shown by the panel;
 * then "Insert" from the panel into the page's own composer (Draft.js or the chat textarea),
 * checked through the editor's own state.
 */
import { seedDatabase } from './support/extension';
import { fixturePage } from './support/pages';
import { brand } from './support/seed';
import {
  conversationTests,
  expect,
  expectedSnapshot,
  expectPanelConversation,
  expectStored,
  openFixture,
  storedConversation,
  swapRegion,
  templateFor,
  test,
} from './support/conversation';

const ACME = brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }]);
/** A brand that does not list the logged-in account (acme_support). */
const OTHER = brand('b-other', 'Other Co', 'OTH', [{ platform: 'x', handle: 'other_support' }]);

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

  for (const name of ['logged-out-status', 'dm-inbox']) {
    test(`${name}: "No conversation recognised here"`, async ({ ext, page }) => {
      await seedDatabase(ext.worker, { brands: [ACME] });
      const panel = await openFixture(ext, page, fixturePage('x', name, { editors: true }));
      await expect(panel.getByRole('heading', { name: 'No conversation recognised here' })).toBeVisible();
      await expect(panel.getByRole('tablist')).toHaveCount(0);
    });
  }
});

test('long-thread-a then long-thread-b (one thread, two scroll positions) accumulate into one stored conversation', async ({ ext, page }) => {
  const a = expectedSnapshot('x', 'long-thread-a');
  const b = expectedSnapshot('x', 'long-thread-b');
  expect(b.conversationId).toBe(a.conversationId);
  const union = [...a.messages, ...b.messages.filter((m) => !a.messages.some((x) => x.id === m.id))];
  expect(union.length).toBeLessThan(a.messages.length + b.messages.length); // the fixtures overlap
  await seedDatabase(ext.worker, { brands: [ACME] });

  const panel = await openFixture(ext, page, fixturePage('x', 'long-thread-a'));
  await expect(panel.getByRole('heading', { level: 2, name: 'Chris Customer', exact: true })).toBeVisible();
  await expectStored(ext.worker, ACME.id, a);

  // The agent scrolls: X recycles the cells of the same page (no navigation). Swap the main
  // column for the one saved at the second scroll position.
  const bPage = fixturePage('x', 'long-thread-b');
  await swapRegion(page, bPage.html, '[data-testid="primaryColumn"]');
  await expectStored(ext.worker, ACME.id, a, union);

  // Opened again at the second position (a new page load): still one conversation, no duplicate.
  ext.pages.set(bPage.url, bPage.html);
  await page.reload();
  await expect(panel.getByRole('heading', { level: 2, name: 'Chris Customer', exact: true })).toBeVisible();
  await page.waitForTimeout(500);
  await expectStored(ext.worker, ACME.id, a, union);
  await expect(panel.getByTestId('message-count')).toHaveText(String(union.length));
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

/**
 * The Facebook adapter end to end: each Facebook / Messenger / Business Suite fixture served at
 * its real URL with a real Lexical editor (Enter sends, as in Messenger) in place of each
 * composer, read by the content script, recorded by the background and shown by the panel;
 * then "Insert" of a multi-line reply from the panel, checked through Lexical's own state.
 */
import { seedDatabase } from './support/extension';
import { fixturePage } from './support/pages';
import { brand } from './support/seed';
import {
  conversationTests,
  editorName,
  expect,
  expectedSnapshot,
  expectPanelConversation,
  expectStored,
  insertThroughPanel,
  openFixture,
  storedConversation,
  scrollAccumulationTest,
  templateFor,
  test,
} from './support/conversation';

const ACME = brand('b-acme', 'Acme', 'ACME', [{ platform: 'facebook', handle: 'acmeoutdoor', pageId: '100064000000001' }]);

const lexical = (label: string, scope = '') => `${scope}[data-caseside-mount="lexical"][data-aria-label="${label}"]`;

const CONVERSATIONS: { name: string; composer: string; what: string }[] = [
  { name: 'post-page-comments', composer: lexical('Comment as Acme Outdoor'), what: 'comment composer' },
  { name: 'post-dialog-over-feed', composer: lexical('Comment as Acme Outdoor', '[role="dialog"] '), what: 'comment composer of the post dialog' },
  { name: 'post-page-comments-fr', composer: lexical('Commenter en tant que Acme Outdoor'), what: 'comment composer, French UI' },
  { name: 'messenger-thread', composer: lexical('Message'), what: 'Messenger composer' },
  { name: 'messenger-thread-es', composer: lexical('Mensaje'), what: 'Messenger composer, Spanish UI' },
  { name: 'messenger-e2ee-thread', composer: lexical('Message'), what: 'encrypted Messenger composer' },
  { name: 'business-inbox-thread', composer: lexical('Reply in Messenger…'), what: 'Business Suite composer' },
];

test.describe('Facebook conversations', () => {
  conversationTests('facebook', ACME, CONVERSATIONS);

  test('messenger-com-thread: the agent\'s own profile is no brand account → Track, then stored and Insert works', async ({ ext, page }) => {
    const expected = expectedSnapshot('facebook', 'messenger-com-thread');
    await seedDatabase(ext.worker, { brands: [ACME], templates: [templateFor(ACME.id, expected)] });
    const panel = await openFixture(ext, page, fixturePage('facebook', 'messenger-com-thread', { editors: true }));

    await expect(panel.getByText(/dana\.agent\.7\) is not listed under any brand/)).toBeVisible();
    await expect(panel.getByRole('heading', { level: 2, name: 'Marco Bianchi' })).toBeVisible();
    await page.waitForTimeout(300);
    expect((await storedConversation(ext.worker, ACME.id, expected)).messages).toEqual([]);

    await panel.getByRole('button', { name: 'Track', exact: true }).click();
    await expect(panel.getByTestId('active-brand')).toHaveText('Acme');
    await expectPanelConversation(panel, expected);
    await expectStored(ext.worker, ACME.id, expected);

    await insertThroughPanel(page, panel, await editorName(page, lexical('Message')));
  });

  test('messenger-e2ee-pin: the panel says the chat is locked and nothing is stored', async ({ ext, page }) => {
    await seedDatabase(ext.worker, { brands: [ACME] });
    const panel = await openFixture(ext, page, fixturePage('facebook', 'messenger-e2ee-pin', { editors: true }));
    await expect(panel.getByRole('heading', { name: 'This chat is locked' })).toBeVisible();
    await page.waitForTimeout(300);
    expect((await storedConversation(ext.worker, ACME.id, expectedSnapshot('facebook', 'messenger-e2ee-pin'))).messages).toEqual([]);
  });

  test('feed-home: "No conversation recognised here"', async ({ ext, page }) => {
    await seedDatabase(ext.worker, { brands: [ACME] });
    const panel = await openFixture(ext, page, fixturePage('facebook', 'feed-home', { editors: true }));
    await expect(panel.getByRole('heading', { name: 'No conversation recognised here' })).toBeVisible();
    await expect(panel.getByRole('tablist')).toHaveCount(0);
  });
});

scrollAccumulationTest('facebook', ACME, { a: 'messenger-scroll-a', b: 'messenger-scroll-b', customer: 'Sam Okafor', region: '[role="main"]' });

import { test, expect, servePages, panelFrame, seedDatabase, type NetworkLog } from './support/extension';
import { fixturePage, pageMap } from './support/pages';
import { brand } from './support/seed';

const xThread = fixturePage('x', 'thread-complaint');
const fbPost = fixturePage('facebook', 'post-page-comments');
const nonConversation = { name: 'home', url: 'https://x.com/home', html: '<html><body><main role="main"><p>Home timeline</p></main></body></html>' };

async function open(context: import('@playwright/test').BrowserContext, network: NetworkLog, url: string, pages = pageMap(xThread, fbPost, nonConversation)) {
  await servePages(context, pages, network);
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('[data-caseside-panel="host"] iframe')).toBeVisible();
  return page;
}

test('the panel mounts over an x.com conversation and toggles with Alt+Shift+C', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const page = await open(context, network, xThread.url);
  const panel = panelFrame(page);
  await expect(panel.getByTestId('active-brand')).toHaveText('Acme');
  await expect(panel.getByRole('tab', { name: 'History' })).toBeVisible();
  // The page is pushed, not covered: the platform's column ends where the panel starts.
  const marginRight = await page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
  expect(parseInt(marginRight, 10)).toBeGreaterThanOrEqual(300);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Alt+Shift+C');
  await expect(page.locator('[data-caseside-panel="host"]')).toBeHidden();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
  await page.keyboard.press('Alt+Shift+C');
  await expect(page.locator('[data-caseside-panel="host"]')).toBeVisible();

  // Remembered across reloads.
  await page.keyboard.press('Alt+Shift+C');
  await page.reload();
  await page.waitForTimeout(500);
  await expect(page.locator('[data-caseside-panel="host"]')).toBeHidden();
});

test('the panel mounts over a facebook.com conversation', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'facebook', handle: 'acmeoutdoor' }])] });
  const page = await open(context, network, fbPost.url);
  await expect(panelFrame(page).getByRole('tablist')).toBeVisible();
});

test('a page that is no conversation says so instead of showing a blank panel', async ({ context, network }) => {
  const page = await open(context, network, nonConversation.url);
  await expect(panelFrame(page).getByText('No conversation recognised here')).toBeVisible();
});

test("on the home timeline the panel shows the logged-in brand's Work list", async ({ context, worker, network }) => {
  const acme = brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }]);
  await seedDatabase(worker, { brands: [acme] });
  await seedDatabase(worker, {
    customers: [{ id: 'c-dana', brandId: 'b-acme', displayName: 'Dana Example', identities: [{ platform: 'x', handle: 'dana_example' }], identityKeys: [], tags: [], firstSeenAt: 1, lastSeenAt: 1, linkedCustomerIds: [] }],
    cases: [{ id: 'k1', brandId: 'b-acme', customerId: 'c-dana', reference: 'ACME-0007', status: 'open', priority: 'high', tags: [], conversationIds: [], openedAt: 1, updatedAt: 1, resolvedAt: null, revision: 1 }],
  });
  const home = {
    name: 'home-logged-in',
    url: 'https://x.com/home',
    html: '<html><body><nav><a href="/acme_support" data-testid="AppTabBar_Profile_Link" aria-label="Profile">Profile</a></nav><main role="main"><div data-testid="primaryColumn"><p>Home timeline</p></div></main></body></html>',
  };
  const page = await open(context, network, home.url, new Map([[home.url, home.html]]));
  const panel = panelFrame(page);
  await expect(panel.getByText('No conversation recognised here')).toBeVisible();
  await expect(panel.getByTestId('active-brand')).toHaveText('Acme');
  await expect(panel.getByTestId('work-list')).toContainText('ACME-0007');
  await expect(panel.getByTestId('work-list')).toContainText('Dana Example');
});

test('the host page cannot read the panel, the database or customer data', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme Secret Brand', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const page = await open(context, network, xThread.url);
  const panel = panelFrame(page);
  await expect(panel.getByTestId('active-brand')).toHaveText('Acme Secret Brand');
  await expect(panel.getByRole('tab', { name: 'History' })).toBeVisible();

  // Everything below runs as the page's own script (main world).
  const probe = await page.evaluate(async () => {
    const iframe = document.querySelector<HTMLIFrameElement>('[data-caseside-panel="host"] iframe');
    let frameDocument: string | null = null;
    try {
      frameDocument = iframe?.contentDocument?.body?.innerText ?? null;
    } catch (e) {
      frameDocument = null;
    }
    let frameWindowText: string | null = null;
    try {
      frameWindowText = (iframe?.contentWindow as Window | null)?.document?.body?.innerText ?? null;
    } catch {
      frameWindowText = null;
    }
    // Positive control: the same probe does read a frame the page itself owns, so a panel
    // that were readable (a shadow root, a same-origin frame) would be caught.
    const control = document.createElement('iframe');
    control.srcdoc = '<p>control text</p>';
    document.body.append(control);
    await new Promise((r) => control.addEventListener('load', r, { once: true }));
    const controlText = control.contentDocument?.body?.innerText ?? null;
    control.remove();
    const databases = (await indexedDB.databases()).map((d) => d.name);
    const storage = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    return { frameDocument, frameWindowText, controlText, databases, pageText: document.documentElement.innerHTML, storage };
  });
  expect(probe.controlText).toBe('control text');
  expect(probe.frameDocument).toBeNull();
  expect(probe.frameWindowText).toBeNull();
  expect(probe.databases).not.toContain('caseside');
  expect(probe.pageText).not.toContain('Acme Secret Brand');
  expect(probe.storage).not.toContain('Acme Secret Brand');
});

test('the extension makes no network request of its own', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const page = await open(context, network, xThread.url);
  await expect(panelFrame(page).getByRole('tab', { name: 'History' })).toBeVisible();
  for (const name of ['History', 'Case', 'Replies', 'Work list']) await panelFrame(page).getByRole('tab', { name }).click();
  await page.goto(fbPost.url);
  await expect(panelFrame(page).getByRole('tablist').or(panelFrame(page).getByText('Not recorded'))).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await expect(options.getByRole('heading', { name: 'Brands' })).toBeVisible();
  await page.waitForTimeout(1000);
  // The pages asked for their own images (refused: we are offline); the extension asked for nothing.
  expect(network.page.length).toBeGreaterThan(0);
  expect(network.extension).toEqual([]);
});

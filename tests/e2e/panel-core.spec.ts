/**
 * Issue 5, "done when", end to end: the built extension over the saved X and Facebook pages,
 * the panel's customer card, history, case, notes, follow-ups, promise proposals, reminders,
 * brand separation, case lifecycle and work list, checked in the panel and in IndexedDB.
 */
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { test, expect, servePages, panelFrame, seedDatabase, readTable, type NetworkLog } from './support/extension';
import { fixturePage, type FixturePage } from './support/pages';
import { brand, T0 } from './support/seed';
import { loggedInAs, tweetCell } from './support/variants';
import { demoData, type SamplePerson } from '../tools/demo-data';
import { identityKeys } from '../../lib/db/ids';
import type { Case, Customer, FollowUp, Note } from '../../lib/db/records';

/** The few extension APIs the reminder test calls inside the service worker. */
interface WorkerGlobal {
  chrome: {
    alarms: { create(name: string, info: { when: number }): Promise<void> };
    action: { getBadgeText(details: object): Promise<string> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const xThread = fixturePage('x', 'thread-complaint');
const fbMessenger = fixturePage('facebook', 'messenger-thread');

/** Serve these pages (URL → HTML, changeable later) and open the first in a tab with the panel. */
async function openPage(context: BrowserContext, network: NetworkLog, page: FixturePage, pages = new Map([[page.url, page.html]])) {
  await servePages(context, pages, network);
  const tab = await context.newPage();
  await tab.goto(page.url);
  await expect(tab.locator('[data-caseside-panel="host"] iframe')).toBeVisible();
  return { tab, panel: panelFrame(tab), pages };
}

function customer(brandId: string, id: string, person: SamplePerson, extra: Partial<Customer> = {}): Customer {
  const now = Date.now();
  return {
    id,
    brandId,
    displayName: person.displayName,
    identities: [{ platform: person.platform, handle: person.handle, userId: person.userId, displayName: person.displayName }],
    identityKeys: identityKeys(brandId, person),
    tags: [],
    firstSeenAt: now - 30 * DAY,
    lastSeenAt: now - 30 * DAY,
    linkedCustomerIds: [],
    ...extra,
  };
}

/**
 * The demo seed (earlier conversation, case ACME-0042 with a handoff note, an overdue promise
 * follow-up) for the customer's identity on `earlier`'s platform, linked by the agent to the
 * customer record of the page's identity (`onPage`). The earlier history spans `now` − 20 days
 * to `now` − 18 days; the follow-up was due at `now` − 2 h.
 */
function linkedHistorySeed(
  onPage: SamplePerson,
  earlier: SamplePerson,
  accounts: { platform: 'x' | 'facebook'; handle: string }[],
  now = Date.now(),
) {
  const data = demoData([earlier], now);
  data.brands[0]!.accounts = accounts;
  const earlierCustomer = data.customers[0]!;
  const pageCustomer = customer(data.brands[0]!.id, 'c-page', onPage, { linkedCustomerIds: [earlierCustomer.id] });
  earlierCustomer.linkedCustomerIds = [pageCustomer.id];
  return { ...data, customers: [earlierCustomer, pageCustomer] };
}

interface TimelineRow {
  index: number;
  kind: 'conversation' | 'message';
  platform?: string;
  current?: boolean;
  direction?: string;
  time?: string;
  text: string;
}

/** Every row of the (virtualised) history timeline, read at the top and at the bottom. */
async function timelineRows(tab: Page, panel: FrameLocator): Promise<TimelineRow[]> {
  const log = panel.getByRole('log', { name: 'History' });
  await expect(log.getByTestId('timeline-message').first()).toBeVisible();
  const rows = new Map<number, TimelineRow>();
  for (const top of [0, 1e7]) {
    await log.evaluate((el, y) => el.scrollTo(0, y), top);
    await tab.waitForTimeout(150);
    const seen = await log.locator('.cs-timeline-row').evaluateAll((els) =>
      els.map((el) => {
        const header = el.querySelector('.cs-conv-header');
        const msg = el.querySelector('article');
        return {
          index: Number((el as HTMLElement).dataset.index),
          kind: header ? ('conversation' as const) : ('message' as const),
          platform: header?.querySelector('.cs-platform')?.textContent ?? undefined,
          current: header ? header.classList.contains('cs-conv-current') : undefined,
          direction: msg?.className.includes('cs-msg-out') ? 'out' : msg ? 'in' : undefined,
          time: msg?.querySelector('time')?.getAttribute('datetime') ?? undefined,
          text: (msg?.querySelector('.cs-msg-text') ?? el).textContent ?? '',
        };
      }),
    );
    for (const r of seen) rows.set(r.index, r);
  }
  const all = [...rows.values()].sort((a, b) => a.index - b.index);
  expect(all.map((r) => r.index), 'timeline rows read completely').toEqual(all.map((_, i) => i));
  return all;
}

/** The history as [platform of the group, its message texts], plus a check that time only moves forward. */
function groups(rows: TimelineRow[]) {
  const out: { platform: string; current: boolean; texts: string[] }[] = [];
  for (const r of rows) {
    if (r.kind === 'conversation') out.push({ platform: r.platform!, current: !!r.current, texts: [] });
    else out.at(-1)!.texts.push(r.text);
  }
  const times = rows.filter((r) => r.time).map((r) => Date.parse(r.time!));
  expect(times, 'newest last').toEqual([...times].sort((a, b) => a - b));
  return out;
}

/** The panel's own formatting of a time (the browser's locale), for comparing rendered text. */
const formatIn = (tab: Page, ms: number) =>
  tab.evaluate((t) => new Intl.DateTimeFormat(navigator.language || 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(t), ms);

/** Dana on the saved X thread, linked to her earlier Facebook history (the thread is from 2025-11-20; the history comes before it). */
const danaOnXSeed = () =>
  linkedHistorySeed(
    { platform: 'x', handle: 'dana_example', displayName: 'Dana Example' },
    { platform: 'facebook', handle: 'dana.example.7', displayName: 'Dana Example' },
    [{ platform: 'x', handle: 'acme_support' }],
    Date.parse('2025-11-19T12:00:00.000Z'),
  );

test.describe('a conversation opens with its context', () => {
  test('on X: card, linked Facebook history, open case and overdue follow-up', async ({ context, worker, network }) => {
    const seed = danaOnXSeed();
    await seedDatabase(worker, seed);
    const { tab, panel } = await openPage(context, network, xThread);

    await expect(panel.getByTestId('active-brand')).toHaveText(seed.brands[0]!.name);
    const card = panel.locator('.cs-card');
    await expect(card.getByRole('heading', { name: 'Dana Example 🌻' })).toBeVisible();
    await expect(card.getByText('@dana_example')).toBeVisible();
    await expect(card.getByText('dana.example.7')).toBeVisible();
    // 1 earlier Facebook conversation (6 messages) + this thread (Dana's 2 tweets and the brand's 2 replies; Sam's tweet is Sam's).
    await expect(panel.getByTestId('conversation-count')).toHaveText('2');
    await expect(panel.getByTestId('message-count')).toHaveText('10');
    await expect(panel.getByTestId('open-case')).toContainText('ACME-0042');
    await expect(panel.getByTestId('open-case')).toContainText('Waiting on us');
    await expect(panel.getByTestId('overdue')).toHaveText(/: 1$/);

    const history = groups(await timelineRows(tab, panel));
    expect(history.map((g) => [g.platform, g.current])).toEqual([
      ['Facebook', false],
      ['X', true],
    ]);
    expect(history[0]!.texts).toHaveLength(6);
    expect(history[0]!.texts[0]).toContain('order #48213');
    expect(history[1]!.texts).toEqual([
      'Ordered a kettle from @acme_support on Nov 11 and it still says "processing" 😤',
      expect.stringContaining('Could you DM us your order number?'),
      expect.stringContaining('<script>alert("refund")</script>'),
      expect.stringContaining('within 24h'),
    ]);

    // The Case tab shows the same open case, its handoff note and the overdue follow-up.
    await panel.getByRole('tab', { name: 'Case' }).click();
    await expect(panel.getByTestId('case-reference')).toHaveText('ACME-0042');
    await expect(panel.getByTestId('note')).toContainText('Handoff from Mia: warehouse ticket WH-7781');
    await expect(panel.getByTestId('follow-up')).toHaveCount(1);
    await expect(panel.getByTestId('follow-up')).toContainText('overdue');
    await expect(panel.getByTestId('follow-up')).toContainText('within 24 hours');

    // Working on that case from this conversation: a note, and the promise in this thread's reply.
    await panel.getByRole('textbox', { name: 'Add note' }).fill('Dana wrote again on X, see the thread.');
    await panel.getByRole('button', { name: 'Save note' }).click();
    await expect(panel.getByTestId('note')).toHaveCount(2);
    await panel.getByTestId('promise-proposal').getByRole('button', { name: /^Add follow-up/ }).click();
    await expect(panel.getByTestId('follow-up')).toHaveCount(2);
    const note = (await readTable<Note>(worker, 'notes')).find((n) => n.body.startsWith('Dana wrote again'));
    expect(note).toMatchObject({ caseId: 'demo-case-1', customerId: 'demo-customer-0' });
    const promised = (await readTable<FollowUp>(worker, 'followUps')).find((f) => f.source === 'promise' && f.id !== 'demo-follow-1');
    expect(promised).toMatchObject({ caseId: 'demo-case-1', conversationId: 'demo-acme/x:c:1859000000000000105' });
  });

  test('on Facebook Messenger: card, linked X history, open case and overdue follow-up', async ({ context, worker, network }) => {
    const seed = linkedHistorySeed(
      { platform: 'facebook', handle: 'jamie.rivera.5', displayName: 'Jamie Rivera' },
      { platform: 'x', handle: 'jamie_rivera', displayName: 'Jamie Rivera' },
      [
        { platform: 'x', handle: 'acme_support' },
        { platform: 'facebook', handle: 'acmeoutdoor' },
      ],
    );
    await seedDatabase(worker, seed);
    const { tab, panel } = await openPage(context, network, fbMessenger);

    await expect(panel.getByTestId('active-brand')).toHaveText(seed.brands[0]!.name);
    const card = panel.locator('.cs-card');
    await expect(card.getByRole('heading', { name: 'Jamie Rivera' })).toBeVisible();
    await expect(card.getByText('jamie.rivera.5')).toBeVisible();
    await expect(card.getByText('jamie_rivera')).toBeVisible();
    await expect(panel.getByTestId('conversation-count')).toHaveText('2');
    await expect(panel.getByTestId('message-count')).toHaveText('13');
    await expect(panel.getByTestId('open-case')).toContainText('ACME-0042');
    await expect(panel.getByTestId('overdue')).toHaveText(/: 1$/);

    const history = groups(await timelineRows(tab, panel));
    expect(history.map((g) => [g.platform, g.current])).toEqual([
      ['X', false],
      ['Facebook', true],
    ]);
    expect(history[0]!.texts).toHaveLength(6);
    expect(history[1]!.texts).toHaveLength(7);
    expect(history[1]!.texts[0]).toContain('I ordered a tent two weeks ago');
    expect(history[1]!.texts.at(-1)).toBe("Of course, I've refunded the $12.50 shipping fee.");

    await panel.getByRole('tab', { name: 'Case' }).click();
    await expect(panel.getByTestId('case-reference')).toHaveText('ACME-0042');
    await expect(panel.getByTestId('note')).toContainText('Handoff from Mia');
    await expect(panel.getByTestId('follow-up')).toContainText('overdue');
  });
});

test('on a short window the card folds to one glance and stays folded in every panel; the newest message is in view as it opens, and the tab bar stays in view as the panel scrolls', async ({ context, worker, network }) => {
  const seed = danaOnXSeed();
  await seedDatabase(worker, seed);
  const { tab, panel } = await openPage(context, network, xThread);
  await tab.setViewportSize({ width: 1280, height: 700 });
  const card = panel.locator('.cs-card');
  await expect(panel.getByTestId('first-seen')).toBeVisible();
  const tabsTop = () => panel.getByRole('tablist').evaluate((el) => el.getBoundingClientRect().top);
  const unfolded = await tabsTop();

  await card.getByRole('button', { name: 'Hide details' }).click();
  await expect(card.getByRole('button', { name: 'Show details' })).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.getByTestId('first-seen')).toHaveCount(0);
  await expect(panel.getByRole('textbox', { name: /tags/i })).toHaveCount(0);
  await expect(panel.getByText(/^Linked identities/)).toHaveCount(0);
  // What the agent must still see at a glance: who, their tags, the open case, what is overdue.
  await expect(card.getByRole('heading', { name: 'Dana Example 🌻' })).toBeVisible();
  await expect(panel.getByTestId('open-case')).toContainText('ACME-0042');
  await expect(panel.getByTestId('overdue')).toHaveText(/: 1$/);
  expect(await tabsTop()).toBeLessThan(unfolded - 100);

  // Another tab's panel, and this one after a reload, open folded.
  const other = await context.newPage();
  await other.setViewportSize({ width: 1280, height: 700 });
  await other.goto(xThread.url);
  await expect(panelFrame(other).locator('.cs-card').getByRole('button', { name: 'Show details' })).toBeVisible();
  // Back to the first tab, as the agent would (a click sent to a tab behind another can be lost).
  await tab.bringToFront();
  await tab.reload();
  await expect(card.getByRole('button', { name: 'Show details' })).toBeVisible();

  // Folded, the newest message is in view as the panel opens, with nothing scrolled.
  const opened = await panel.locator('.cs-main').evaluate((main) => ({
    scrollTop: main.scrollTop,
    bottom: main.getBoundingClientRect().bottom,
    timelineBottom: main.querySelector('.cs-timeline')!.getBoundingClientRect().bottom,
  }));
  expect(opened.scrollTop).toBe(0);
  expect(opened.timelineBottom).toBeLessThanOrEqual(opened.bottom + 1);
  await expect(panel.getByRole('log', { name: 'History' }).getByText(/escalating this now/)).toBeInViewport();

  // A long tab scrolled to its end: the card has gone and the tab bar sits at the top of the panel.
  await panel.getByRole('tab', { name: 'Replies' }).click();
  await expect(panel.getByTestId('suggestion').first()).toBeVisible();
  // The cards arrive in stages (the first ranking, then more as past replies are learnt): scroll
  // to the end once the tab is long enough to scroll (it once was measured with one card shown).
  const scrollToEnd = () =>
    panel.locator('.cs-main').evaluate((main) => {
      main.scrollTop = main.scrollHeight;
      return { scrolled: main.scrollTop, top: main.getBoundingClientRect().top, tabsTop: main.querySelector('[role="tablist"]')!.getBoundingClientRect().top };
    });
  await expect.poll(async () => (await scrollToEnd()).scrolled).toBeGreaterThan(200);
  const stuck = await scrollToEnd();
  expect(Math.abs(stuck.tabsTop - stuck.top)).toBeLessThan(2);
  await panel.locator('.cs-main').evaluate((main) => main.scrollTo(0, 0));

  // Unfolded again: the dates, the tag editor and the linked identities are back, in the other panel too.
  await card.getByRole('button', { name: 'Show details' }).click();
  await expect(panel.getByTestId('first-seen')).toBeVisible();
  await expect(panelFrame(other).getByTestId('first-seen')).toBeVisible();
});

test('open a case from the panel, add masked notes, an unmasked one, markup as text, and a follow-up "in 2 hours"', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const { tab, panel } = await openPage(context, network, xThread);
  await panel.getByRole('tab', { name: 'Case' }).click();
  await expect(panel.getByText('No open case for this customer.')).toBeVisible();
  await panel.getByRole('button', { name: 'Open a case' }).click();
  await expect(panel.getByTestId('case-reference')).toHaveText('ACME-0001');
  await expect(panel.getByTestId('open-case')).toContainText('ACME-0001');
  const [kase] = await readTable<Case>(worker, 'cases');
  expect(kase).toMatchObject({ brandId: 'b-acme', reference: 'ACME-0001', status: 'open' });
  expect(kase!.conversationIds).toEqual(['b-acme/x:c:1859000000000000105']);

  // Personal data is masked before it is stored…
  const noteBox = panel.getByRole('textbox', { name: 'Add note' });
  await noteBox.fill('Refund to card 4111 1111 1111 1111, confirm by email to dana@example.com (order #48213)');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByTestId('note')).toHaveCount(1);
  let notes = await readTable<Note>(worker, 'notes');
  expect(notes).toHaveLength(1);
  expect(notes[0]!.caseId).toBe(kase!.id);
  expect(notes[0]!.body).not.toContain('4111 1111 1111 1111');
  expect(notes[0]!.body).not.toContain('dana@example.com');
  expect(notes[0]!.body).toContain('•••• •••• •••• 1111');
  expect(notes[0]!.body).toContain('@example.com');
  expect(notes[0]!.body).toContain('order #48213');
  await expect(panel.getByTestId('note').first()).toContainText('•••• •••• •••• 1111');
  await expect(panel.getByTestId('note').first()).not.toContainText('4111 1111');

  // …unless the agent keeps it.
  await panel.getByRole('checkbox', { name: 'Keep personal data unmasked' }).check();
  await noteBox.fill('Customer asked us to keep: card 4111 1111 1111 1111, dana@example.com');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByTestId('note')).toHaveCount(2);
  notes = await readTable<Note>(worker, 'notes');
  expect(notes.map((n) => n.body)).toContain('Customer asked us to keep: card 4111 1111 1111 1111, dana@example.com');
  await expect(panel.getByTestId('note').filter({ hasText: 'Customer asked us to keep' })).toContainText('4111 1111 1111 1111');

  // Editing a kept note starts from that choice: fixing a typo masks nothing…
  const kept = panel.getByTestId('note').filter({ hasText: 'Customer asked us to keep' });
  await kept.getByRole('button', { name: 'Edit' }).click();
  await expect(kept.getByRole('checkbox', { name: 'Keep personal data unmasked' })).toBeChecked();
  await kept.getByRole('textbox', { name: 'Edit note' }).fill('Customer asked us to keep: card 4111 1111 1111 1111, dana@example.com (typo fixed)');
  await kept.getByRole('button', { name: 'Save note' }).click();
  await expect(kept).toContainText('(typo fixed)');
  notes = await readTable<Note>(worker, 'notes');
  expect(notes.map((n) => n.body)).toContain('Customer asked us to keep: card 4111 1111 1111 1111, dana@example.com (typo fixed)');
  // …and a masked note stays masked, with the agent told what an edit masked.
  const masked = panel.getByTestId('note').filter({ hasText: 'Refund to card' });
  await masked.getByRole('button', { name: 'Edit' }).click();
  await expect(masked.getByRole('checkbox', { name: 'Keep personal data unmasked' })).not.toBeChecked();
  await masked.getByRole('textbox', { name: 'Edit note' }).fill('Refund to card 4000 0566 5566 5556 instead');
  await masked.getByRole('button', { name: 'Save note' }).click();
  await expect(masked).toContainText('•••• •••• •••• 5556');
  await expect(panel.getByText(/^Masked: 1 card/)).toBeVisible();

  // Markup in a note is shown as text, never as HTML.
  await noteBox.fill('Bot replied <img src=x onerror="document.title=\'pwned\'"> **twice**');
  await panel.getByRole('button', { name: 'Save note' }).click();
  const markupNote = panel.getByTestId('note').filter({ hasText: 'Bot replied' });
  await expect(markupNote).toContainText('Bot replied <img src=x onerror="document.title=\'pwned\'"> twice');
  await expect(markupNote.locator('img')).toHaveCount(0);
  await expect(markupNote.locator('strong')).toHaveText('twice');
  expect(await tab.title()).not.toBe('pwned');

  // A follow-up in natural language.
  const before = Date.now();
  await panel.getByRole('textbox', { name: /^When/ }).fill('in 2 hours');
  await expect(panel.getByTestId('when-preview')).not.toHaveText('?');
  await panel.getByRole('textbox', { name: 'Reason' }).fill('Check the refund went through');
  await panel.getByRole('button', { name: 'Add follow-up', exact: true }).click();
  await expect(panel.getByTestId('follow-up')).toHaveCount(1);
  const after = Date.now();
  const [followUp] = await readTable<FollowUp>(worker, 'followUps');
  expect(followUp).toMatchObject({ source: 'manual', caseId: kase!.id, reason: 'Check the refund went through', doneAt: null });
  expect(followUp!.dueAt).toBeGreaterThanOrEqual(before + 2 * HOUR - 1000);
  expect(followUp!.dueAt).toBeLessThanOrEqual(after + 2 * HOUR);
  const item = panel.getByTestId('follow-up');
  await expect(item).toContainText(await formatIn(tab, followUp!.dueAt));
  await expect(item).toContainText('in 2 hours');
  await expect(item).toContainText('Check the refund went through');
  await expect(item).not.toContainText('overdue');
});

test('a promise the agent did not answer waits for them: after moving on, in the Work list, and back on its conversation', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const other = fixturePage('x', 'long-thread-a');
  const { tab, panel, pages } = await openPage(context, network, xThread);
  pages.set(other.url, other.html);
  await expect(panel.getByTestId('promise-proposal')).toContainText('within 24h');

  // The agent moves straight on to the next conversation, without answering.
  await tab.goto(other.url);
  await expect(panel.locator('.cs-card-name')).toHaveText('Chris Customer');
  await panel.getByRole('tab', { name: 'Work list' }).click();
  // (Chris's thread has a promise of its own, also waiting.)
  const waiting = panel.getByTestId('work-promises').getByRole('listitem').filter({ hasText: 'Dana Example 🌻' });
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('within 24h');

  // Back on Dana's thread (the reply is stored already): still proposed.
  await tab.goto(xThread.url);
  await expect(panel.getByTestId('promise-proposal')).toContainText('within 24h');

  // Answered from the Work list of another conversation: the follow-up is Dana's, on her thread.
  await tab.goto(other.url);
  await panel.getByRole('tab', { name: 'Work list' }).click();
  await waiting.getByRole('button', { name: /^Add follow-up/ }).click();
  await expect(waiting).toHaveCount(0);
  const followUps = await readTable<FollowUp>(worker, 'followUps');
  expect(followUps).toHaveLength(1);
  expect(followUps[0]).toMatchObject({ source: 'promise', conversationId: 'b-acme/x:c:1859000000000000105', dueAt: Date.parse('2025-11-20T15:10:02.000Z') + 24 * HOUR });
  await tab.goto(xThread.url);
  await expect(panel.locator('.cs-card-name')).toHaveText('Dana Example 🌻');
  await expect(panel.getByTestId('promise-proposal')).toHaveCount(0);
});

test('a promise in an outgoing reply proposes a follow-up due at the promised time', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const { tab, panel } = await openPage(context, network, xThread);

  // The saved thread's reply 1859000000000000106, sent 2025-11-20T15:10:02Z: "…within 24h."
  const first = panel.getByTestId('promise-proposal');
  await expect(first).toHaveCount(1);
  await expect(first).toContainText("You'll get an email from our team within 24h.");
  const due24 = Date.parse('2025-11-20T15:10:02.000Z') + 24 * HOUR;
  await expect(first.getByRole('button', { name: /^Add follow-up/ })).toContainText(await formatIn(tab, due24));
  await first.getByRole('button', { name: /^Add follow-up/ }).click();
  await expect(panel.getByTestId('promise-proposal')).toHaveCount(0);
  let followUps = await readTable<FollowUp>(worker, 'followUps');
  expect(followUps).toHaveLength(1);
  expect(followUps[0]).toMatchObject({ source: 'promise', dueAt: due24, conversationId: 'b-acme/x:c:1859000000000000105' });
  expect(followUps[0]!.reason).toContain('within 24h');

  // A new reply appears in the open thread (no reload): "within 2 hours" from its own time.
  const sentAt = '2025-11-20T16:00:00.000Z';
  const cell = tweetCell(xThread, {
    likeStatusId: '1859000000000000106',
    statusId: '1859000000000000110',
    sentAt,
    text: 'Thanks Dana, the warehouse is on it. We’ll get back to you within 2 hours.',
  });
  await tab.evaluate(({ html }) => {
    const anchor = document.querySelector('a[href$="/status/1859000000000000107"]')!.closest('[data-testid="cellInnerDiv"]')!;
    anchor.insertAdjacentHTML('afterend', html);
  }, { html: cell });
  const second = panel.getByTestId('promise-proposal');
  await expect(second).toContainText('We’ll get back to you within 2 hours.');
  const due2 = Date.parse(sentAt) + 2 * HOUR;
  await second.getByRole('button', { name: /^Add follow-up/ }).click();
  await expect(panel.getByTestId('promise-proposal')).toHaveCount(0);
  followUps = await readTable<FollowUp>(worker, 'followUps');
  expect(followUps.map((f) => [f.source, f.dueAt]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
    ['promise', due2],
    ['promise', due24],
  ]);
  // Both show in the Case tab, overdue (these promises were made in 2025).
  await panel.getByRole('tab', { name: 'Case' }).click();
  await expect(panel.getByTestId('follow-up')).toHaveCount(2);
  await expect(panel.getByTestId('follow-up').first()).toContainText(await formatIn(tab, due2));
});

test('a due follow-up fires a notification once and the badge counts what is due', async ({ worker }) => {
  const now = Date.now();
  const b = brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }]);
  const c = customer('b-acme', 'c-dana', { platform: 'x', handle: 'dana_example', displayName: 'Dana Example' });
  const followUp = (id: string, dueAt: number, extra: Partial<FollowUp> = {}): FollowUp => ({
    id,
    brandId: 'b-acme',
    caseId: null,
    customerId: 'c-dana',
    conversationId: null,
    dueAt,
    reason: `Reason ${id}`,
    source: 'manual',
    doneAt: null,
    notifiedAt: null,
    createdAt: now - DAY,
    ...extra,
  });
  await seedDatabase(worker, {
    brands: [b],
    customers: [c],
    followUps: [
      followUp('f-due', now - HOUR),
      followUp('f-due-shown', now - 2 * HOUR, { notifiedAt: now - HOUR }),
      followUp('f-later', now + DAY),
      followUp('f-done', now - 3 * HOUR, { doneAt: now - 2 * HOUR }),
    ],
  });
  // The reminder alarm, due now (the background's listener handles it as it would every minute).
  await worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.alarms.create('caseside-reminders', { when: Date.now() + 100 }));

  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.action.getBadgeText({})), { timeout: 15_000 }).toBe('2');
  const shown = await worker.evaluate(async () => Object.keys(await (globalThis as unknown as WorkerGlobal).chrome.notifications.getAll()));
  expect(shown).toContain('followup:f-due');
  expect(shown).not.toContain('followup:f-due-shown');
  expect(shown).not.toContain('followup:f-later');
  expect(shown).not.toContain('followup:f-done');
  const rows = new Map((await readTable<FollowUp>(worker, 'followUps')).map((f) => [f.id, f]));
  expect(rows.get('f-due')!.notifiedAt).toEqual(expect.any(Number));
  expect(rows.get('f-due')!.notifiedAt).toBeGreaterThanOrEqual(now);
  expect(rows.get('f-due-shown')!.notifiedAt).toBe(now - HOUR);
  expect(rows.get('f-later')!.notifiedAt).toBeNull();
});

test('two brands never mix, not even in search', async ({ context, worker, network }) => {
  const person: SamplePerson = { platform: 'x', handle: 'dana_example', displayName: 'Dana Example' };
  const seedCase = (brandId: string, id: string, customerId: string, reference: string): Case => ({
    id,
    brandId,
    customerId,
    reference,
    title: '',
    status: 'open',
    priority: 'normal',
    tags: [],
    openedAt: Date.now() - DAY,
    updatedAt: Date.now() - DAY,
    resolvedAt: null,
    conversationIds: [],
    revision: 0,
  });
  const seedNote = (brandId: string, id: string, customerId: string, caseId: string, body: string): Note => ({
    id,
    brandId,
    caseId,
    customerId,
    body,
    createdAt: Date.now() - DAY,
    updatedAt: Date.now() - DAY,
  });
  await seedDatabase(worker, {
    brands: [
      brand('b-a', 'Acme Brand A', 'ACME', [{ platform: 'x', handle: 'acme_support' }]),
      brand('b-b', 'Other Brand B', 'OTHR', [{ platform: 'x', handle: 'other_brand' }]),
    ],
    customers: [customer('b-a', 'c-a', person), customer('b-b', 'c-b', person)],
    cases: [seedCase('b-a', 'k-a', 'c-a', 'ACME-0007'), seedCase('b-b', 'k-b', 'c-b', 'OTHR-0003')],
    notes: [seedNote('b-a', 'n-a', 'c-a', 'k-a', 'NOTE-A: prefers DM'), seedNote('b-b', 'n-b', 'c-b', 'k-b', 'NOTE-B: wants a call')],
  });

  const check = async (panel: FrameLocator, mine: { name: string; ref: string; note: string }, theirs: { name: string; ref: string; note: string }) => {
    await expect(panel.getByTestId('active-brand')).toHaveText(mine.name);
    await expect(panel.getByTestId('open-case')).toContainText(mine.ref);
    await panel.getByRole('tab', { name: 'Case' }).click();
    await expect(panel.getByTestId('case-reference')).toHaveText(mine.ref);
    await expect(panel.getByTestId('note')).toHaveCount(1);
    await expect(panel.getByTestId('note')).toContainText(mine.note);
    const search = panel.getByRole('searchbox', { name: 'Search all history of this brand' });
    await search.fill('NOTE');
    await expect(panel.getByTestId('search-results')).toContainText(mine.note);
    // Typed so it also matches the other note's id-like words ("NOTE-B", "call").
    await search.fill(theirs.note);
    await expect(panel.getByTestId('search-results')).toBeVisible();
    await expect(panel.getByTestId('search-results')).not.toContainText(theirs.note);
    const text = await panel.locator('body').innerText();
    for (const leak of [theirs.name, theirs.ref, theirs.note]) expect(text).not.toContain(leak);
  };
  const A = { name: 'Acme Brand A', ref: 'ACME-0007', note: 'NOTE-A: prefers DM' };
  const B = { name: 'Other Brand B', ref: 'OTHR-0003', note: 'NOTE-B: wants a call' };

  const { tab, panel, pages } = await openPage(context, network, xThread);
  await check(panel, A, B);

  // The same thread, logged in as the other brand's account. It is brand A's thread (A replies,
  // A is mentioned): B keeps nothing of it until the agent tracks it under B.
  pages.set(xThread.url, loggedInAs(xThread, 'other_brand').html);
  await tab.reload();
  await expect(panelFrame(tab).getByText(/does not involve Other Brand B/)).toBeVisible();
  await panelFrame(tab).getByRole('button', { name: 'Track', exact: true }).click();
  await check(panelFrame(tab), B, A);
  // Each brand recorded the thread under its own customer.
  const conversations = await readTable<{ id: string; brandId: string; customerId: string }>(worker, 'conversations');
  expect(conversations.filter((c) => c.id.endsWith('1859000000000000105')).map((c) => [c.brandId, c.customerId]).sort()).toEqual([
    ['b-a', 'c-a'],
    ['b-b', 'c-b'],
  ]);
});

test('resolving offers a closing message and a confirm follow-up; the customer writing again offers a reopen', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const { tab, panel } = await openPage(context, network, xThread);
  await panel.getByRole('tab', { name: 'Case' }).click();
  await panel.getByRole('button', { name: 'Open a case' }).click();
  await expect(panel.getByTestId('case-reference')).toHaveText('ACME-0001');

  await panel.getByRole('button', { name: 'Resolve' }).click();
  const resolution = panel.getByTestId('resolution');
  await expect(resolution.getByRole('textbox')).toHaveValue(/^Hi Dana, we've marked your case ACME-0001 as resolved\./);
  // The closing message goes through the pre-insert checks like any reply: it lacks the brand's
  // signature (^AC), and the fix adds it.
  await expect(resolution.getByTestId('checks')).toContainText('signature');
  await resolution.getByTestId('fix-missing-signature').click();
  await expect(resolution.getByRole('textbox')).toHaveValue(/\^AC\s*$/);
  await expect(resolution.getByTestId('checks')).toHaveCount(0);
  await expect(resolution.getByRole('checkbox', { name: /confirm it’s fixed/ })).toBeChecked();
  const resolvedFrom = Date.now();
  await resolution.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolution).toBeHidden();
  await expect(panel.getByRole('combobox', { name: 'Status' })).toHaveValue('resolved');
  await expect(panel.getByTestId('open-case')).toHaveCount(0);
  const [kase] = await readTable<Case>(worker, 'cases');
  expect(kase).toMatchObject({ status: 'resolved', reference: 'ACME-0001' });
  const [confirm] = await readTable<FollowUp>(worker, 'followUps');
  expect(confirm).toMatchObject({ caseId: kase!.id, reason: 'Confirm ACME-0001 is still fixed', doneAt: null });
  // Proposed when "Resolve" was clicked, stored when confirmed a moment later: 3 days on.
  expect(confirm!.dueAt - kase!.resolvedAt!).toBeGreaterThan(3 * DAY - 60_000);
  expect(confirm!.dueAt - kase!.resolvedAt!).toBeLessThanOrEqual(3 * DAY);
  expect(kase!.resolvedAt).toBeGreaterThanOrEqual(resolvedFrom);
  await expect(panel.getByTestId('follow-up')).toContainText('Confirm ACME-0001 is still fixed');
  await expect(panel.getByTestId('reopen-offer')).toHaveCount(0);

  // Dana writes again in the thread: Caseside offers to reopen (and does not reopen by itself).
  const cell = tweetCell(xThread, {
    likeStatusId: '1859000000000000101',
    statusId: '1859000000000000120',
    sentAt: new Date().toISOString(),
    text: 'The new kettle leaks too 😞',
  });
  await tab.evaluate(({ html }) => {
    const anchor = document.querySelector('a[href$="/status/1859000000000000107"]')!.closest('[data-testid="cellInnerDiv"]')!;
    anchor.insertAdjacentHTML('afterend', html);
  }, { html: cell });
  const offer = panel.getByTestId('reopen-offer');
  await expect(offer).toContainText('ACME-0001');
  expect((await readTable<Case>(worker, 'cases'))[0]!.status).toBe('resolved');
  await offer.getByRole('button', { name: 'Reopen' }).click();
  await expect(offer).toBeHidden();
  await expect(panel.getByTestId('open-case')).toContainText('ACME-0001');
  expect((await readTable<Case>(worker, 'cases'))[0]!.status).toBe('open');
});

test('the work list shows overdue cases first', async ({ context, worker, network }) => {
  const now = Date.now();
  const people = ['Ana', 'Ben', 'Cleo', 'Dev'].map((n, i) =>
    customer('b-acme', `c-${i}`, { platform: 'x', handle: `${n.toLowerCase()}_example`, displayName: `${n} Example` }),
  );
  const kase = (n: number, priority: Case['priority'], openedDaysAgo: number): Case => ({
    id: `k-${n}`,
    brandId: 'b-acme',
    customerId: `c-${n}`,
    reference: `ACME-000${n + 1}`,
    title: '',
    status: 'open',
    priority,
    tags: [],
    openedAt: now - openedDaysAgo * DAY,
    updatedAt: now - DAY,
    resolvedAt: null,
    conversationIds: [],
    revision: 0,
  });
  const due = (n: number, dueAt: number): FollowUp => ({
    id: `f-${n}`,
    brandId: 'b-acme',
    caseId: `k-${n}`,
    customerId: `c-${n}`,
    conversationId: null,
    dueAt,
    reason: 'check',
    source: 'manual',
    doneAt: null,
    notifiedAt: null,
    createdAt: now - 5 * DAY,
  });
  await seedDatabase(worker, {
    brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])],
    customers: people,
    cases: [kase(0, 'urgent', 10), kase(1, 'low', 1), kase(2, 'normal', 20), kase(3, 'high', 2)],
    // Low-priority Ben is 1 h overdue, high-priority Dev 2 days; urgent Ana is due tomorrow; Cleo has none.
    followUps: [due(0, now + DAY), due(1, now - HOUR), due(3, now - 2 * DAY)],
  });
  const { panel } = await openPage(context, network, xThread);
  await panel.getByRole('tab', { name: 'Work list' }).click();
  const refs = panel.getByTestId('work-list').locator('li > strong');
  await expect(refs).toHaveText(['ACME-0004', 'ACME-0002', 'ACME-0001', 'ACME-0003']);
  await expect(panel.getByTestId('work-list').locator('li.cs-danger > strong')).toHaveText(['ACME-0004', 'ACME-0002']);
  await panel.getByRole('radio', { name: 'Overdue' }).check();
  await expect(refs).toHaveText(['ACME-0004', 'ACME-0002']);
});

test('each customer’s history opens at their newest message, also after a customer whose history had as many rows', async ({ context, worker, network }) => {
  const xOther = fixturePage('x', 'long-thread-a');
  const dana: SamplePerson = { platform: 'x', handle: 'dana_example', displayName: 'Dana Example 🌻' };
  const chris: SamplePerson = { platform: 'x', handle: 'chris_customer', displayName: 'Chris Customer' };
  // Older DMs (before both pages' threads), `n` messages each, oldest first.
  const earlier = (customerId: string, person: SamplePerson, n: number, from = 0) => {
    const conversationId = `conv-earlier-${customerId}`;
    return {
      conversations: [{ id: conversationId, brandId: 'b-a', customerId, platform: 'x', kind: 'x-dm', nativeId: conversationId, url: 'https://x.com/messages/1-2', lastMessageAt: T0 - DAY }],
      messages: Array.from({ length: n }, (_, k) => ({
        id: `${conversationId}-m${from + k}`, conversationId, customerId, brandId: 'b-a', platform: 'x', nativeId: `m${from + k}`,
        direction: k % 2 ? 'out' : 'in', author: k % 2 ? 'Acme' : person.displayName,
        text: `Earlier message ${from + k} of ${person.displayName}`, sentAt: T0 - 400 * DAY + (from + k) * HOUR, capturedAt: T0,
      })),
    };
  };
  const seedA = earlier('c-dana', dana, 30);
  const seedB = earlier('c-chris', chris, 30);
  await seedDatabase(worker, {
    brands: [brand('b-a', 'Acme Brand A', 'ACME', [{ platform: 'x', handle: 'acme_support' }])],
    customers: [customer('b-a', 'c-dana', dana), customer('b-a', 'c-chris', chris)],
    conversations: [...seedA.conversations, ...seedB.conversations],
    messages: [...seedA.messages, ...seedB.messages],
  });
  const { tab, panel, pages } = await openPage(context, network, xThread);
  pages.set(xOther.url, xOther.html);
  const goTo = (page: FixturePage) =>
    tab.evaluate(({ url, html }) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      history.pushState(null, '', url);
      document.querySelector('[data-testid="primaryColumn"]')!.innerHTML = doc.querySelector('[data-testid="primaryColumn"]')!.innerHTML;
    }, page);
  const count = async (name: string) => {
    await expect(panel.locator('.cs-card-name')).toHaveText(name);
    await expect(panel.getByTestId('timeline-message').first()).toBeVisible();
    return Number(await panel.getByTestId('message-count').textContent());
  };
  const log = panel.getByRole('log');
  const atBottom = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 2);

  // Each page's thread is recorded; then the shorter history gets as many earlier messages as
  // the other has more, so both show the same number of rows (2 conversation headers each).
  const danaCount = await count(dana.displayName);
  await goTo(xOther);
  const chrisCount = await count(chris.displayName);
  const pad = danaCount > chrisCount ? earlier('c-chris', chris, danaCount - chrisCount, 30) : earlier('c-dana', dana, chrisCount - danaCount, 30);
  await seedDatabase(worker, { messages: pad.messages });
  await goTo(xThread);
  await expect.poll(() => count(dana.displayName)).toBe(Math.max(danaCount, chrisCount));
  await expect.poll(atBottom).toBe(true);

  // The agent scrolls Dana's history up to her first message, then opens Chris's thread.
  await log.evaluate((el) => el.scrollTo(0, 0));
  await expect(log.getByText(`Earlier message 0 of ${dana.displayName}`)).toBeVisible();
  await goTo(xOther);
  await expect.poll(() => count(chris.displayName)).toBe(Math.max(danaCount, chrisCount));
  await expect.poll(atBottom, { message: "Chris's history opens at his newest message" }).toBe(true);
  await expect(log.getByText(`Earlier message 0 of ${chris.displayName}`)).toHaveCount(0);
});

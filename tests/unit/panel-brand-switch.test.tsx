/**
 * After the panel moves to another brand's (or another customer's) conversation, nothing of the
 * previous one stays on screen while the new one is read: not the customer card (name, counts,
 * open case), not a pending promise with its "Add follow-up" and "Dismiss" buttons. Their live
 * queries keep the previous result until the new one is read, which takes long when the database
 * is busy (a capture or an import writing); meanwhile the sections show nothing.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createDb, getDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { proposePromises } from '../../lib/db/repositories/promises';
import type { Case } from '../../lib/db/records';
import { emptyState } from '../../lib/background/tab-state';
import { usePanelStore } from '../../lib/store/panel-store';
import { App } from '../../entrypoints/panel/App';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { PromiseBanner } from '../../entrypoints/panel/PromiseBanner';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

// The panel's port to the background is not opened: the tests set the tab state themselves.
vi.mock(import('../../lib/panel/connection'), async (original) => ({ ...(await original()), usePanelConnection: () => undefined }));

const { render } = reactRoot();
afterEach(() => vi.restoreAllMocks());
const NOW = Date.now();

async function twoBrands(db = createDb(`t-${crypto.randomUUID()}`)) {
  const acme = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  const bolt = await saveBrand(db, { name: 'Bolt', referencePrefix: 'BOLT', accounts: [], signature: '' });
  await db.customers.put({ ...danaCustomer(acme.id, NOW), id: 'dana', displayName: 'Dana of Acme' });
  await db.customers.put({ ...danaCustomer(bolt.id, NOW), id: 'sam', displayName: 'Sam of Bolt', identities: [{ platform: 'x', handle: 'sam' }], identityKeys: ['x:sam'] });
  const openCase: Case = {
    id: 'case-a', brandId: acme.id, customerId: 'dana', reference: 'ACME-5521', title: '', status: 'open', priority: 'normal', tags: [],
    openedAt: NOW, updatedAt: NOW, resolvedAt: null, conversationIds: ['conv-a'], revision: 0,
  };
  await db.cases.put(openCase);
  await proposePromises(db, acme.id, [
    { messageId: 'm-a', conversationId: 'conv-a', customerId: 'dana', phrase: 'within 2 hours', dueAt: NOW + 7_200_000, reason: 'Acme refund', proposedAt: NOW },
  ]);
  return { db, acme: acme.id, bolt: bolt.id };
}

/** Holds the tables the header, the card and the banner read for `ms` (what a long capture or import does). */
const busy = (db: CasesideDb, ms: number) =>
  db.transaction('rw', [db.brands, db.customers, db.messages, db.conversations, db.meta, db.cases, db.followUps], async () => {
    const end = Date.now() + ms;
    while (Date.now() < end) await db.customers.get('nothing');
  });

const view = (db: CasesideDb, brandId: string, customerId: string, conversationId: string) => {
  const ctx = { db, brandId, customerId, conversationId, snapshot: { ...danaDm(), conversationId } };
  return (
    <>
      <CustomerSection {...ctx} />
      <PromiseBanner {...ctx} reopenOffer={null} />
    </>
  );
};

it("shows nothing of brand A's customer and promise while brand B's are read", async () => {
  const { db, acme, bolt } = await twoBrands();
  const el = render(view(db, acme, 'dana', 'conv-a'));
  await until(() => !!el.textContent?.includes('Dana of Acme') && !!el.textContent.includes('5521') && !!el.querySelector('[data-testid="promise-proposal"]'), () => el.textContent ?? '');

  const held = busy(db, 300);
  render(view(db, bolt, 'sam', 'conv-b'));
  await tick();
  await tick();
  const text = el.textContent ?? '';
  expect(text, "brand A's customer is still shown under brand B").not.toContain('Dana of Acme');
  expect(text, "brand A's open case is still shown under brand B").not.toContain('5521');
  expect(el.querySelector('[data-testid="promise-proposal"]'), "brand A's promise is still offered under brand B").toBeNull();

  await act(async () => held);
  await until(() => !!el.textContent?.includes('Sam of Bolt'), () => el.textContent ?? '');
  expect(el.textContent).not.toContain('Dana of Acme');
  expect(el.querySelector('[data-testid="promise-proposal"]')).toBeNull();
});

it("shows nothing of the previous customer while the next one's card is read (same brand)", async () => {
  const { db, acme } = await twoBrands();
  await db.customers.put({ ...danaCustomer(acme, NOW), id: 'lee', displayName: 'Lee of Acme', identities: [{ platform: 'x', handle: 'lee' }], identityKeys: ['x:lee'] });
  const el = render(view(db, acme, 'dana', 'conv-a'));
  await until(() => !!el.textContent?.includes('Dana of Acme') && !!el.querySelector('[data-testid="promise-proposal"]'), () => el.textContent ?? '');

  const held = busy(db, 300);
  render(view(db, acme, 'lee', 'conv-l'));
  await tick();
  await tick();
  expect(el.textContent).not.toContain('Dana of Acme');
  expect(el.textContent).not.toContain('5521');
  expect(el.querySelector('[data-testid="promise-proposal"]')).toBeNull();

  await act(async () => held);
  await until(() => !!el.textContent?.includes('Lee of Acme'), () => el.textContent ?? '');
});

it("the panel's header and card name brand B, never brand A, once the tab moved to B's conversation", async () => {
  const db = getDb();
  const { acme, bolt } = await twoBrands(db);
  const tabFor = (brandId: string, customerId: string, conversationId: string) => ({
    ...emptyState(`https://x.com/messages/${conversationId}`),
    result: { ok: true as const, snapshot: { ...danaDm(), conversationId } },
    brandId,
    customerId,
    conversationId,
  });
  act(() => usePanelStore.getState().setTab(tabFor(acme, 'dana', 'conv-a')));
  const el = render(<App />);
  const header = () => el.querySelector('[data-testid="active-brand"]')?.textContent ?? '';
  await until(() => header() === 'Acme' && !!el.textContent?.includes('Dana of Acme') && !!el.querySelector('[data-testid="promise-proposal"]'), () => el.textContent ?? '');

  const held = busy(db, 300);
  act(() => usePanelStore.getState().setTab(tabFor(bolt, 'sam', 'conv-b')));
  await tick();
  await tick();
  expect(header(), 'the header still names brand A').not.toBe('Acme');
  expect(el.textContent).not.toContain('Dana of Acme');
  expect(el.textContent).not.toContain('5521');
  expect(el.querySelector('[data-testid="promise-proposal"]')).toBeNull();

  await act(async () => held);
  await until(() => header() === 'Bolt' && !!el.textContent?.includes('Sam of Bolt'), () => `${header()} | ${el.textContent ?? ''}`);
  act(() => usePanelStore.setState({ tab: null }));
});

it('the card gives its tag editor and linked identities keys of their own (no duplicate-key warning)', async () => {
  const { db, acme } = await twoBrands();
  const errors = vi.spyOn(console, 'error');
  const el = render(view(db, acme, 'dana', 'conv-a'));
  await until(() => !!el.querySelector('input[aria-label="Customer tags"]') && !!el.querySelector('.cs-links'), () => el.textContent ?? '');
  const warnings = errors.mock.calls.map((args) => args.map(String).join(' ')).filter((m) => /same key/.test(m));
  expect(warnings).toEqual([]);
});

/**
 * The offer to reopen a resolved case (the customer wrote again on it) is made by the background
 * and withdrawn only at the next capture. When the agent opens another case on the conversation
 * instead, the offer goes at once, and reopening is refused by the repository anyway (a second
 * panel, a click racing the read): one conversation never has two active cases.
 */
import { afterEach, expect, it } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { getCase, openCase, transitionCase } from '../../lib/db/repositories/cases';
import { usePanelStore } from '../../lib/store/panel-store';
import { PromiseBanner } from '../../entrypoints/panel/PromiseBanner';
import { NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
afterEach(() => act(() => usePanelStore.setState({ notice: null, noticeFor: null, dismissed: {} })));
const NOW = Date.now();

/** Acme, its customer Dana in conv-1, and her resolved case ACME-0001 the customer wrote on again. */
async function resolvedCase(db: CasesideDb = createDb(`t-${crypto.randomUUID()}`)) {
  const acme = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(acme.id, NOW));
  await db.conversations.put({
    id: 'conv-1', brandId: acme.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: 'conv-1', url: 'https://x.com/messages/conv-1', lastMessageAt: NOW,
  });
  const opened = await openCase(db, { brandId: acme.id, customerId: 'dana', conversationId: 'conv-1' });
  const old = (await transitionCase(db, acme.id, opened.id, 'resolved', opened.revision)).case;
  return { db, brandId: acme.id, old };
}

const banner = (db: CasesideDb, brandId: string, offer: { caseId: string; reference: string }) => (
  <>
    <PromiseBanner db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={danaDm()} reopenOffer={offer} />
    <NoticeBar />
  </>
);
const offerShown = (el: HTMLElement) => !!el.querySelector('[data-testid="reopen-offer"]');

it('does not offer to reopen a resolved case once another case is going on in the conversation', async () => {
  const { db, brandId, old } = await resolvedCase();
  await openCase(db, { brandId, customerId: 'dana', conversationId: 'conv-1' });
  const el = render(banner(db, brandId, { caseId: old.id, reference: old.reference }));
  // The live queries settle (a few reads on fake-indexeddb).
  for (let i = 0; i < 10; i++) await tick();
  expect(offerShown(el), 'Reopen is offered while ACME-0002 is going on in the conversation').toBe(false);
});

it('withdraws the offer shown when the agent opens a case instead', async () => {
  const { db, brandId, old } = await resolvedCase();
  const el = render(banner(db, brandId, { caseId: old.id, reference: old.reference }));
  await until(() => offerShown(el), () => el.textContent ?? '');
  expect(el.textContent).toContain('ACME-0001');

  await act(() => openCase(db, { brandId, customerId: 'dana', conversationId: 'conv-1' }));
  await until(() => !offerShown(el), 'the offer to reopen ACME-0001 is still shown');
});

it('refuses a Reopen clicked before the offer went, and says why', async () => {
  const { db, brandId, old } = await resolvedCase();
  const el = render(banner(db, brandId, { caseId: old.id, reference: old.reference }));
  await until(() => offerShown(el), () => el.textContent ?? '');

  // Opened in another panel; the click comes before this panel has shown what it read since.
  const reopen = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="reopen-offer"] button')].find((b) => b.textContent === 'Reopen');
  expect(reopen).toBeDefined();
  const other = await act(async () => {
    const opened = await openCase(db, { brandId, customerId: 'dana', conversationId: 'conv-1' });
    reopen!.click();
    return opened;
  });
  await until(() => !!el.querySelector('[data-testid="notice"]'), 'no notice after the refused reopen');

  expect((await getCase(db, brandId, old.id))?.status).toBe('resolved');
  expect(el.querySelector('[data-testid="notice"]')?.textContent).toContain(
    `case ${other.reference} is already going on in this conversation, so ${old.reference} was not reopened`,
  );
});

it('reopens once on a double click, with no "changed elsewhere" error', async () => {
  const { db, brandId, old } = await resolvedCase();
  const el = render(banner(db, brandId, { caseId: old.id, reference: old.reference }));
  await until(() => offerShown(el), () => el.textContent ?? '');
  const reopen = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="reopen-offer"] button')].find((b) => b.textContent === 'Reopen')!;
  await act(async () => {
    reopen.click();
    reopen.click();
  });
  for (let i = 0; i < 20; i++) await tick();
  const reopened = await getCase(db, brandId, old.id);
  expect(reopened?.status).toBe('open');
  expect(reopened?.revision).toBe(old.revision + 1);
  expect(usePanelStore.getState().notice).toBeNull();
});

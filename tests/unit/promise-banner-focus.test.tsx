/**
 * Answering a banner (a promise's Add follow-up or Dismiss, a resolved case's Reopen or Dismiss)
 * removes it: focus moves to the next banner's first button, else to the customer card's
 * heading, never to the page's body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { proposePromises } from '../../lib/db/repositories/promises';
import { openCase, transitionCase } from '../../lib/db/repositories/cases';
import { usePanelStore } from '../../lib/store/panel-store';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { PromiseBanner } from '../../entrypoints/panel/PromiseBanner';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
afterEach(() => act(() => usePanelStore.setState({ notice: null, noticeFor: null, dismissed: {} })));
const NOW = Date.now();

async function setup(promises: number) {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const acme = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put({ ...danaCustomer(acme.id, NOW), displayName: 'Dana' });
  await db.conversations.put({ id: 'conv-1', brandId: acme.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: 'conv-1', url: 'https://x.com/messages/conv-1', lastMessageAt: NOW });
  await proposePromises(
    db,
    acme.id,
    Array.from({ length: promises }, (_, i) => ({
      messageId: `m-${i}`, conversationId: 'conv-1', customerId: 'dana', phrase: `promise ${i}`, dueAt: NOW + (i + 1) * 3_600_000, reason: `Reason ${i}`, proposedAt: NOW,
    })),
  );
  return { db, brandId: acme.id };
}

const view = (db: CasesideDb, brandId: string, reopenOffer: { caseId: string; reference: string } | null = null) => {
  const ctx = { db, brandId, customerId: 'dana', conversationId: 'conv-1', snapshot: danaDm() };
  return (
    <>
      <CustomerSection {...ctx} />
      <PromiseBanner {...ctx} reopenOffer={reopenOffer} />
    </>
  );
};
const banners = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-testid="promise-proposal"], [data-testid="reopen-offer"]')];
const buttonIn = (root: Element | undefined, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.startsWith(text));
const cardHeading = (el: Element) => el.querySelector('h2.cs-card-name');
async function press(b: HTMLButtonElement) {
  b.focus();
  await act(async () => b.click());
}
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

describe('promise banners', () => {
  it("Dismiss with two banners: focus goes to the other banner's first button", async () => {
    const { db, brandId } = await setup(2);
    const el = render(view(db, brandId));
    await until(() => banners(el).length === 2 && !!cardHeading(el), () => el.textContent ?? '');
    await press(buttonIn(banners(el)[0], 'Dismiss')!);
    await settle();
    expect(banners(el)).toHaveLength(1);
    expect(document.activeElement).toBe(banners(el)[0]!.querySelector('button'));
  });

  it('Add follow-up on the last of two: focus goes to the previous banner', async () => {
    const { db, brandId } = await setup(2);
    const el = render(view(db, brandId));
    await until(() => banners(el).length === 2 && !!cardHeading(el), () => el.textContent ?? '');
    await press(buttonIn(banners(el)[1], 'Add follow-up')!);
    await until(() => banners(el).length === 1, () => el.textContent ?? '');
    await settle();
    expect(await db.followUps.count()).toBe(1);
    expect(document.activeElement).toBe(banners(el)[0]!.querySelector('button'));
  });

  it("Dismiss with one banner: focus lands on the customer card's heading", async () => {
    const { db, brandId } = await setup(1);
    const el = render(view(db, brandId));
    await until(() => banners(el).length === 1 && !!cardHeading(el), () => el.textContent ?? '');
    await press(buttonIn(banners(el)[0], 'Dismiss')!);
    await settle();
    expect(banners(el)).toHaveLength(0);
    expect(document.activeElement).toBe(cardHeading(el));
  });

  it("Add follow-up with one banner: focus lands on the customer card's heading", async () => {
    const { db, brandId } = await setup(1);
    const el = render(view(db, brandId));
    await until(() => banners(el).length === 1 && !!cardHeading(el), () => el.textContent ?? '');
    await press(buttonIn(banners(el)[0], 'Add follow-up')!);
    await until(() => banners(el).length === 0, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement).toBe(cardHeading(el));
  });
});

describe('the offer to reopen a resolved case', () => {
  async function withResolved(promises: number) {
    const { db, brandId } = await setup(promises);
    const opened = await openCase(db, { brandId, customerId: 'dana', conversationId: 'conv-1' });
    const old = (await transitionCase(db, brandId, opened.id, 'resolved', opened.revision)).case;
    return { db, brandId, offer: { caseId: old.id, reference: old.reference } };
  }

  it("Reopen: focus lands on the customer card's heading", async () => {
    const { db, brandId, offer } = await withResolved(0);
    const el = render(view(db, brandId, offer));
    await until(() => banners(el).length === 1 && !!cardHeading(el), () => el.textContent ?? '');
    await press(buttonIn(banners(el)[0], 'Reopen')!);
    await until(() => banners(el).length === 0, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement).toBe(cardHeading(el));
  });

  it("Dismiss next to a promise: focus goes to the promise's first button", async () => {
    const { db, brandId, offer } = await withResolved(1);
    const el = render(view(db, brandId, offer));
    await until(() => banners(el).length === 2 && !!cardHeading(el), () => el.textContent ?? '');
    const reopen = el.querySelector<HTMLElement>('[data-testid="reopen-offer"]')!;
    await press(buttonIn(reopen, 'Dismiss')!);
    await settle();
    expect(banners(el)).toHaveLength(1);
    expect(document.activeElement).toBe(buttonIn(banners(el)[0], 'Add follow-up'));
  });
});

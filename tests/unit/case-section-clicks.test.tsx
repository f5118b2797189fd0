/**
 * The Case tab's buttons do what they say once: a double click on "Open a case" opens one case and
 * on "Add follow-up" adds one follow-up (one reminder); a double click on the resolution banner's
 * Resolve resolves once with one follow-up, and on "Add this conversation" adds it once, neither
 * with a false "changed elsewhere" error; "Snooze 1 hour" moves a follow-up an hour later than it
 * is due (an hour from now once overdue), never earlier.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { openCase } from '../../lib/db/repositories/cases';
import { usePanelStore } from '../../lib/store/panel-store';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const NOW = 1_750_000_000_000;

describe('opening a case', () => {
  const { render } = reactRoot();
  it('a double click opens one case', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
    await db.customers.put(danaCustomer(brand.id, NOW));
    await db.conversations.put({ id: 'conv-1', brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: '1', url: 'https://x.com/messages/1-2', lastMessageAt: NOW });
    const el = render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    const open = () => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Open a case');
    await until(() => !!open(), () => el.textContent ?? '');
    const button = open()!;
    await act(async () => {
      button.click();
      button.click();
    });
    await until(() => !!el.querySelector('[data-testid="case-reference"]'), () => el.textContent ?? '');
    for (let i = 0; i < 5; i++) await tick();
    expect((await db.cases.toArray()).map((c) => c.reference).sort()).toEqual(['ACME-0001']);
  });

  it('a double click on "Add follow-up" adds one follow-up (one reminder)', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
    await db.customers.put(danaCustomer(brand.id, NOW));
    await db.conversations.put({ id: 'conv-1', brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: '1', url: 'https://x.com/messages/1-2', lastMessageAt: NOW });
    const el = render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('input[aria-label^="When"]'), () => el.textContent ?? '');
    const when = el.querySelector<HTMLInputElement>('input[aria-label^="When"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(when, 'in 2 hours');
      when.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const add = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Add follow-up')!;
    expect(add.disabled).toBe(false);
    await act(async () => {
      add.click();
      add.click();
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(await db.followUps.count()).toBe(1);
  });
});

describe('resolving a case and adding a conversation to it', () => {
  const { render } = reactRoot();
  async function withOpenCase() {
    usePanelStore.getState().notify(null);
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
    await db.customers.put(danaCustomer(brand.id, NOW));
    for (const id of ['conv-1', 'conv-2'])
      await db.conversations.put({ id, brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: id, url: `https://x.com/messages/${id}`, lastMessageAt: NOW });
    const kase = await openCase(db, { brandId: brand.id, customerId: 'dana', conversationId: 'conv-1' });
    return { db, brandId: brand.id, kase };
  }
  const buttonIn = (root: Element | null, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === text);

  it("a double click on the banner's Resolve resolves once, with one follow-up and no error", async () => {
    const { db, brandId, kase } = await withOpenCase();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!buttonIn(el, 'Resolve'), () => el.textContent ?? '');
    await act(async () => buttonIn(el, 'Resolve')!.click());
    const banner = () => el.querySelector('[data-testid="resolution"]');
    await until(() => !!buttonIn(banner(), 'Resolve'), () => el.textContent ?? '');
    const confirm = buttonIn(banner(), 'Resolve')!;
    await act(async () => {
      confirm.click();
      confirm.click();
    });
    await until(() => !banner(), () => el.textContent ?? '');
    for (let i = 0; i < 5; i++) await tick();
    expect((await db.cases.get(kase.id))!.status).toBe('resolved');
    expect(await db.followUps.count()).toBe(1);
    expect(usePanelStore.getState().notice).toBeNull();
  });

  it('a double click on "Add this conversation" adds it once, with no error', async () => {
    const { db, brandId, kase } = await withOpenCase();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-2" snapshot={danaDm()} />);
    const add = () => buttonIn(el, '+ Add this conversation to the case');
    await until(() => !!add(), () => el.textContent ?? '');
    const button = add()!;
    await act(async () => {
      button.click();
      button.click();
    });
    await until(() => !add(), () => el.textContent ?? '');
    for (let i = 0; i < 5; i++) await tick();
    expect((await db.cases.get(kase.id))!.conversationIds).toEqual(['conv-1', 'conv-2']);
    expect(usePanelStore.getState().notice).toBeNull();
  });
});

describe('snoozing a follow-up', () => {
  const { render } = reactRoot();
  it('never moves it earlier', async () => {
    const now = Date.now();
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
    await db.customers.put(danaCustomer(brand.id, now));
    const due = now + 2 * 86_400_000;
    const f = await addFollowUp(db, { brandId: brand.id, customerId: 'dana', dueAt: due, reason: 'Call back about the refund' });
    const el = render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('[data-testid="follow-up"]'), () => el.textContent ?? '');
    const snooze = el.querySelector<HTMLButtonElement>('[data-testid="follow-up"] button[aria-label^="Snooze 1 hour"]')!;
    await act(async () => snooze.click());
    for (let i = 0; i < 3; i++) await tick();
    expect((await db.followUps.get(f.id))!.dueAt).toBe(due + 3_600_000);
  });

  it('puts an overdue one an hour from now', async () => {
    const now = Date.now();
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
    await db.customers.put(danaCustomer(brand.id, now));
    const f = await addFollowUp(db, { brandId: brand.id, customerId: 'dana', dueAt: now - 86_400_000, reason: 'Call back about the refund' });
    const el = render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('[data-testid="follow-up"]'), () => el.textContent ?? '');
    await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="follow-up"] button[aria-label^="Snooze 1 hour"]')!.click());
    for (let i = 0; i < 3; i++) await tick();
    const dueAt = (await db.followUps.get(f.id))!.dueAt;
    expect(dueAt).toBeGreaterThanOrEqual(now + 3_600_000);
    expect(dueAt).toBeLessThan(Date.now() + 3_600_000 + 1);
  });
});

/**
 * Keyboard focus on the Case tab never drops to the page's body after an action: the resolution
 * banner takes focus into its closing message and gives it back to Resolve (Cancel) or the status
 * (resolved); a note's Edit focuses its text and Save/Cancel go back to Edit; a follow-up's Done
 * moves to the next one's Done, the previous one's, or the Follow-ups heading; "Open a case" and
 * "Add this conversation" land on the case's status.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { addNote } from '../../lib/db/repositories/notes';
import { openCase } from '../../lib/db/repositories/cases';
import { usePanelStore } from '../../lib/store/panel-store';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const DAY = 86_400_000;
const { render } = reactRoot();

async function setup({ withCase = true, conversationId = 'conv-1' } = {}) {
  usePanelStore.getState().notify(null);
  const now = Date.now();
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(brand.id, now));
  for (const id of ['conv-1', 'conv-2'])
    await db.conversations.put({ id, brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: id, url: `https://x.com/messages/${id}`, lastMessageAt: now });
  const kase = withCase ? await openCase(db, { brandId: brand.id, customerId: 'dana', conversationId: 'conv-1' }) : null;
  const mount = () => render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId={conversationId} snapshot={danaDm()} />);
  return { db, brandId: brand.id, kase, mount };
}

const buttonIn = (root: Element | null, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === text);
const statusSelect = (el: Element) => el.querySelector<HTMLSelectElement>('select[aria-label="Status"]');
async function press(b: HTMLButtonElement) {
  b.focus();
  await act(async () => b.click());
}
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

describe('the resolution banner', () => {
  it('takes focus into the closing message; Cancel gives it back to Resolve', async () => {
    const { mount } = await setup();
    const el = mount();
    await until(() => !!buttonIn(el, 'Resolve'), () => el.textContent ?? '');
    await press(buttonIn(el, 'Resolve')!);
    const banner = () => el.querySelector('[data-testid="resolution"]');
    await until(() => !!banner(), () => el.textContent ?? '');
    expect(document.activeElement).toBe(banner()!.querySelector('textarea'));
    await press(buttonIn(banner(), 'Cancel')!);
    expect(banner()).toBeNull();
    expect(document.activeElement).toBe(buttonIn(el, 'Resolve'));
  });

  it('after resolving, focus is on the status select', async () => {
    const { db, kase, mount } = await setup();
    const el = mount();
    await until(() => !!buttonIn(el, 'Resolve'), () => el.textContent ?? '');
    await press(buttonIn(el, 'Resolve')!);
    const banner = () => el.querySelector('[data-testid="resolution"]');
    await until(() => !!banner(), () => el.textContent ?? '');
    await press(buttonIn(banner(), 'Resolve')!);
    await until(() => !banner(), () => el.textContent ?? '');
    await settle();
    expect((await db.cases.get(kase!.id))!.status).toBe('resolved');
    expect(document.activeElement).toBe(statusSelect(el));
  });
});

describe("a note's edit", () => {
  it('Edit focuses the text; Cancel and Save go back to Edit', async () => {
    const { db, brandId, kase, mount } = await setup();
    await addNote(db, { brandId, customerId: 'dana', caseId: kase!.id, body: 'Refund sent' });
    const el = mount();
    const note = () => el.querySelector('[data-testid="note"]');
    await until(() => !!buttonIn(note(), 'Edit'), () => el.textContent ?? '');
    await press(buttonIn(note(), 'Edit')!);
    expect(document.activeElement).toBe(note()!.querySelector('textarea'));
    await press(buttonIn(note(), 'Cancel')!);
    expect(document.activeElement).toBe(buttonIn(note(), 'Edit'));
    await press(buttonIn(note(), 'Edit')!);
    const text = note()!.querySelector('textarea')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(text, 'Refund sent on Monday');
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await press(buttonIn(note(), 'Save note')!);
    await until(() => !note()!.querySelector('textarea'), () => el.textContent ?? '');
    expect(document.activeElement).toBe(buttonIn(note(), 'Edit'));
  });
});

describe("a follow-up's Done", () => {
  const rows = (el: Element) => [...el.querySelectorAll('[data-testid="follow-up"]')];
  async function withFollowUps(reasons: string[]) {
    const { db, brandId, mount } = await setup({ withCase: false });
    for (const [i, reason] of reasons.entries()) await addFollowUp(db, { brandId, customerId: 'dana', dueAt: Date.now() + (i + 1) * DAY, reason });
    const el = mount();
    await until(() => rows(el).length === reasons.length, () => el.textContent ?? '');
    return el;
  }
  const done = (row: Element | undefined) => row?.querySelector<HTMLButtonElement>('button[aria-label^="Done"]') ?? null;

  it("moves focus to the next follow-up's Done", async () => {
    const el = await withFollowUps(['First', 'Second', 'Third']);
    await press(done(rows(el)[1])!);
    await until(() => rows(el).length === 2, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement).toBe(done(rows(el)[1]));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Done: follow-up “Third”');
  });

  it("moves to the previous one's Done when the last is done", async () => {
    const el = await withFollowUps(['First', 'Second']);
    await press(done(rows(el)[1])!);
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Done: follow-up “First”');
  });

  it('lands on the Follow-ups heading when none is left', async () => {
    const el = await withFollowUps(['Only one']);
    await press(done(rows(el)[0])!);
    await until(() => rows(el).length === 0, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement?.tagName).toBe('H3');
    expect(document.activeElement?.textContent).toBe('Follow-ups');
  });
});

describe('buttons that go once they have done their job', () => {
  it('"Open a case" lands focus on the new case\'s status', async () => {
    const { db, mount } = await setup({ withCase: false });
    const el = mount();
    await until(() => !!buttonIn(el, 'Open a case'), () => el.textContent ?? '');
    await press(buttonIn(el, 'Open a case')!);
    await until(() => !!statusSelect(el), () => el.textContent ?? '');
    await settle();
    expect(await db.cases.count()).toBe(1);
    expect(document.activeElement).toBe(statusSelect(el));
  });

  it('"Add this conversation" lands focus on the case\'s status', async () => {
    const { db, kase, mount } = await setup({ conversationId: 'conv-2' });
    const el = mount();
    const add = () => buttonIn(el, '+ Add this conversation to the case');
    await until(() => !!add(), () => el.textContent ?? '');
    await press(add()!);
    await until(() => !add(), () => el.textContent ?? '');
    await settle();
    expect((await db.cases.get(kase!.id))!.conversationIds).toEqual(['conv-1', 'conv-2']);
    expect(document.activeElement).toBe(statusSelect(el));
  });
});

/**
 * The Case tab's follow-ups can be fixed and removed: Edit takes a new time in the add form's
 * words ("in 3 days", left empty it stays) and a new reason; a time that has passed is refused
 * with a message; Escape leaves the edit without closing the panel, focus back on Edit; Delete
 * asks first, and a double click on its confirm deletes once with no error.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { usePanelStore } from '../../lib/store/panel-store';
import { panelKeyAction } from '../../lib/panel/keys';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const DAY = 86_400_000;
const { render } = reactRoot();

afterEach(() => {
  vi.useRealTimers();
});

async function withFollowUp(dueIn: number, reason = 'Call back on Friday') {
  usePanelStore.getState().notify(null);
  const now = Date.now();
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(brand.id, now));
  const f = await addFollowUp(db, { brandId: brand.id, customerId: 'dana', dueAt: now + dueIn, reason });
  const el = render(<CaseSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
  await until(() => !!row(el), () => el.textContent ?? '');
  return { db, el, f };
}

const row = (el: Element) => el.querySelector('[data-testid="follow-up"]');
const buttonIn = (root: Element | null, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === text);
const editor = (el: Element) => el.querySelector('[role="group"][aria-label="Edit follow-up"]');
const field = (el: Element, label: string) => editor(el)!.querySelector<HTMLInputElement>(`input[aria-label^="${label}"]`)!;
async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function press(b: HTMLButtonElement) {
  b.focus();
  await act(async () => b.click());
}

describe('editing a follow-up', () => {
  it('saves a new time said in words and a new reason; the reminder fires again; focus goes back to Edit', async () => {
    const { db, el, f } = await withFollowUp(2 * DAY);
    await db.followUps.update(f.id, { notifiedAt: f.dueAt });
    const edit = buttonIn(row(el), 'Edit')!;
    expect(edit.getAttribute('aria-label')).toBe('Edit follow-up “Call back on Friday”');
    await press(edit);
    expect(document.activeElement).toBe(field(el, 'New time'));
    expect(field(el, 'Reason').value).toBe('Call back on Friday');
    expect(el.querySelector('[data-testid="edit-when-preview"]')!.textContent).toMatch(/^Left empty, it stays due /);
    await type(field(el, 'New time'), 'in 3 days');
    expect(el.querySelector('[data-testid="edit-when-preview"]')!.textContent).not.toBe('?');
    await type(field(el, 'Reason'), 'Call back on Thursday');
    const before = Date.now();
    await press(buttonIn(editor(el), 'Save follow-up')!);
    await until(() => !editor(el), () => el.textContent ?? '');
    const saved = (await db.followUps.get(f.id))!;
    expect(saved.reason).toBe('Call back on Thursday');
    expect(saved.dueAt).toBeGreaterThanOrEqual(before + 3 * DAY - 60_000);
    expect(saved.dueAt).toBeLessThanOrEqual(Date.now() + 3 * DAY);
    expect(saved.notifiedAt).toBeNull();
    await until(() => row(el)!.textContent!.includes('Call back on Thursday'), () => el.textContent ?? '');
    expect(document.activeElement).toBe(buttonIn(row(el), 'Edit'));
    expect(usePanelStore.getState().notice).toBeNull();
  });

  it('left empty, the time stays: an overdue one gets its reason fixed', async () => {
    const { db, el, f } = await withFollowUp(-DAY, 'Cal back');
    await press(buttonIn(row(el), 'Edit')!);
    await type(field(el, 'Reason'), 'Call back');
    await press(buttonIn(editor(el), 'Save follow-up')!);
    await until(() => !editor(el), () => el.textContent ?? '');
    expect(await db.followUps.get(f.id)).toMatchObject({ dueAt: f.dueAt, reason: 'Call back' });
  });

  it('words that name no time, or an emptied reason, cannot be saved', async () => {
    const { el } = await withFollowUp(DAY);
    await press(buttonIn(row(el), 'Edit')!);
    await type(field(el, 'New time'), 'whenever');
    expect(el.querySelector('[data-testid="edit-when-preview"]')!.textContent).toBe('?');
    expect(buttonIn(editor(el), 'Save follow-up')!.disabled).toBe(true);
    await type(field(el, 'New time'), '');
    await type(field(el, 'Reason'), ' ');
    expect(buttonIn(editor(el), 'Save follow-up')!.disabled).toBe(true);
  });

  it('refuses a time that has passed by the time it is saved, with a message, and keeps the form', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 2, 10, 14, 50)); // the tests run in UTC
    const { db, el, f } = await withFollowUp(2 * DAY);
    await press(buttonIn(row(el), 'Edit')!);
    await type(field(el, 'New time'), 'today 3pm');
    expect(el.querySelector('[data-testid="edit-when-preview"]')!.textContent).toContain('3:00');
    vi.setSystemTime(Date.UTC(2026, 2, 10, 15, 1));
    await press(buttonIn(editor(el), 'Save follow-up')!);
    for (let i = 0; i < 3; i++) await tick();
    expect(usePanelStore.getState().notice).toMatchObject({ kind: 'error' });
    expect(usePanelStore.getState().notice!.text).toMatch(/^Not saved: .*3:00.* has already passed\. Pick a later time\.$/);
    expect(await db.followUps.get(f.id)).toEqual(f);
    expect(editor(el)).not.toBeNull();
  });

  it('Escape leaves the edit unsaved, does not close the panel, and puts focus back on Edit', async () => {
    const { db, el, f } = await withFollowUp(DAY);
    await press(buttonIn(row(el), 'Edit')!);
    await type(field(el, 'New time'), 'in 3 days');
    await type(field(el, 'Reason'), 'changed my mind');
    const panelSaw: unknown[] = [];
    const onKey = (e: KeyboardEvent) => panelSaw.push(panelKeyAction(e));
    window.addEventListener('keydown', onKey);
    try {
      await act(async () => field(el, 'Reason').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })));
    } finally {
      window.removeEventListener('keydown', onKey);
    }
    expect(editor(el)).toBeNull();
    // The panel's own Escape (close) never sees it, or sees it handled.
    expect(panelSaw.filter((a) => a !== null)).toEqual([]);
    expect(document.activeElement).toBe(buttonIn(row(el), 'Edit'));
    for (let i = 0; i < 3; i++) await tick();
    expect(await db.followUps.get(f.id)).toEqual(f);
  });
});

describe('deleting a follow-up', () => {
  it('asks first; a double click on the confirm deletes it once, with no error, and focus lands on the Follow-ups heading', async () => {
    const { db, el } = await withFollowUp(DAY, 'Added by mistake');
    const del = buttonIn(row(el), 'Delete')!;
    expect(del.getAttribute('aria-label')).toBe('Delete the follow-up “Added by mistake”');
    await press(del);
    expect(row(el)!.querySelector('[role="alertdialog"]')!.textContent).toContain('Delete the follow-up “Added by mistake”?');
    expect(await db.followUps.count()).toBe(1);
    const confirm = buttonIn(row(el), 'Yes, delete')!;
    await act(async () => {
      confirm.click();
      confirm.click();
    });
    await until(() => !row(el), () => el.textContent ?? '');
    for (let i = 0; i < 5; i++) await tick();
    expect(await db.followUps.count()).toBe(0);
    expect(usePanelStore.getState().notice).toBeNull();
    // Its own section: focus lands on the Follow-ups heading, not the Notes one above.
    expect(document.activeElement?.textContent).toBe('Follow-ups');
  });
});

describe('naming each follow-up to a screen reader', () => {
  it("gives Done and +1 h the follow-up's reason, so two rows' buttons are told apart", async () => {
    const { db, el } = await withFollowUp(2 * DAY, 'Call back on Friday');
    const brandId = (await db.brands.toArray())[0]!.id;
    await addFollowUp(db, { brandId, customerId: 'dana', dueAt: Date.now() + 3 * DAY, reason: 'Send the refund form' });
    await until(() => el.querySelectorAll('[data-testid="follow-up"]').length === 2, () => el.textContent ?? '');
    const rows = [...el.querySelectorAll('[data-testid="follow-up"]')];
    const done = rows.map((r) => buttonIn(r, 'Done')!.getAttribute('aria-label'));
    const snooze = rows.map((r) => buttonIn(r, '+1 h')!.getAttribute('aria-label'));
    expect(done).toEqual(['Done: follow-up “Call back on Friday”', 'Done: follow-up “Send the refund form”']);
    expect(snooze).toEqual(['Snooze 1 hour: follow-up “Call back on Friday”', 'Snooze 1 hour: follow-up “Send the refund form”']);
    for (let i = 0; i < 3; i++) await tick();
  });
});

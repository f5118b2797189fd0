/**
 * Options → Your data, by keyboard and screen reader: "Erase a customer" confirms in the row,
 * through the shared ConfirmDialog (named per customer, focus on the way out, Escape closes it
 * and focus goes back to that row's button; after the erase, focus lands on the part's heading),
 * and Cancel on "Apply now"'s confirm puts focus back on "Apply now".
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { DataSection } from '../../entrypoints/options/DataSection';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';
import { freshDb, seed } from '../fixtures/db/helpers';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const { render } = reactRoot();
const text = (el: HTMLElement) => el.textContent ?? '';
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);

async function searchAda(el: HTMLElement): Promise<HTMLButtonElement> {
  const search = () => el.querySelector<HTMLInputElement>('input[type="search"]');
  await until(() => !!search(), 'erase search');
  await act(async () => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(search()!, 'Ada');
    search()!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await until(() => !!button(el, 'Erase…'), () => text(el));
  return button(el, 'Erase…')!;
}

describe('Erase a customer', () => {
  it('names the row button by the customer, focuses inside the dialog, and Escape goes back to the button', async () => {
    const db = freshDb('erase-focus');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    const erase = await searchAda(el);
    expect(erase.getAttribute('aria-label') ?? '').toContain('Ada');
    erase.focus();
    await act(async () => erase.click());
    await until(() => !!el.querySelector('[role="alertdialog"]'), () => text(el));
    const dialog = el.querySelector('[role="alertdialog"]')!;
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Irreversible: focus starts on the way out.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await act(async () => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
    expect(document.activeElement).toBe(erase);
  });

  it('after the erase, focus lands on the heading, not the body', async () => {
    const db = freshDb('erase-focus-done');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    const erase = await searchAda(el);
    await act(async () => erase.click());
    await until(() => !!button(el, 'Erase everything'), () => text(el));
    await act(async () => button(el, 'Erase everything')!.click());
    await until(() => !button(el, 'Erase…') && !el.querySelector('[role="alertdialog"]'), () => text(el));
    for (let i = 0; i < 3; i++) await tick();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement?.textContent).toBe('Erase a customer');
  });
});

describe('"Apply now" for retention', () => {
  it('Cancel puts focus back on "Apply now"', async () => {
    const db = freshDb('apply-now-focus');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    await until(() => !!button(el, 'Apply now'), () => text(el));
    button(el, 'Apply now')!.focus();
    await act(async () => button(el, 'Apply now')!.click());
    await until(() => !!el.querySelector('[role="alertdialog"]'), () => text(el));
    await until(() => !button(el, 'Apply now')!.disabled, () => text(el));
    await act(async () => button(el, 'Cancel')!.click());
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
    expect(document.activeElement).toBe(button(el, 'Apply now'));
  });
});

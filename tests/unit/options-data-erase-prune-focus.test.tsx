/**
 * Options → Your data: a double click on "Erase everything" erases once; after "Apply now" →
 * "Delete old history", focus is never left on the busy (disabled) "Apply now" or the page's
 * body: it lands on the Retention heading while the delete runs, then on the result message.
 */
import { describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { DataSection } from '../../entrypoints/options/DataSection';
import { eraseCustomer } from '../../lib/db/retention';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';
import { freshDb, seed } from '../fixtures/db/helpers';

vi.mock(import('../../lib/db/retention'), async (original) => {
  const real = await original();
  return { ...real, eraseCustomer: vi.fn(real.eraseCustomer) };
});

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const { render } = reactRoot();
const text = (el: HTMLElement) => el.textContent ?? '';
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);
async function press(b: HTMLButtonElement) {
  b.focus();
  await act(async () => b.click());
}

describe('Erase a customer', () => {
  it('a double click on "Erase everything" erases once', async () => {
    vi.mocked(eraseCustomer).mockClear();
    const db = freshDb('erase-once');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    const search = () => el.querySelector<HTMLInputElement>('input[type="search"]');
    await until(() => !!search(), 'erase search');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search()!, 'Ada');
      search()!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => !!button(el, 'Erase…'), () => text(el));
    await press(button(el, 'Erase…')!);
    await until(() => !!button(el, 'Erase everything'), () => text(el));
    const confirm = button(el, 'Erase everything')!;
    await act(async () => {
      confirm.click();
      confirm.click();
    });
    await until(() => !el.querySelector('[role="alertdialog"]'), () => text(el));
    for (let i = 0; i < 5; i++) await tick();
    expect(vi.mocked(eraseCustomer)).toHaveBeenCalledTimes(1);
    expect(el.querySelector('[data-testid="data-message"]')?.textContent).toMatch(/erased/i);
  });
});

describe('"Apply now" → "Delete old history"', () => {
  it('lands focus on the result message, not on the busy "Apply now" or the body', async () => {
    const db = freshDb('prune-focus');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    await until(() => !!button(el, 'Apply now'), () => text(el));
    await press(button(el, 'Apply now')!);
    await until(() => !!button(el, 'Delete old history') && !button(el, 'Apply now')!.disabled, () => text(el));
    await press(button(el, 'Delete old history')!);
    // While the delete runs, "Apply now" is disabled: focus is on the Retention heading.
    expect(button(el, 'Apply now')!.disabled).toBe(true);
    expect(document.activeElement).not.toBe(button(el, 'Apply now'));
    expect(document.activeElement?.textContent).toBe('Retention');
    const message = () => el.querySelector('[data-testid="data-message"]');
    await until(() => /^Removed/.test(message()?.textContent ?? ''), () => text(el));
    for (let i = 0; i < 3; i++) await tick();
    expect(document.activeElement).toBe(message());
  });
});

/**
 * Options → Brands by keyboard: the brand form takes focus on its first field when it replaces
 * "Add brand" (or opens under Edit), Cancel and Save put focus back on the button that opened it,
 * and after "Delete everything" focus lands on the section heading, never the page's body.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { BrandsSection } from '../../entrypoints/options/BrandsSection';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
const { render } = reactRoot();
const text = (el: HTMLElement) => el.textContent ?? '';
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);

describe('brand form focus', () => {
  it('Add brand: focus on the name field; Cancel puts it back on Add brand', async () => {
    const el = render(<BrandsSection db={fresh()} />);
    await until(() => !!button(el, 'Add brand'), () => text(el));
    act(() => button(el, 'Add brand')!.focus());
    await act(async () => button(el, 'Add brand')!.click());
    expect(document.activeElement).toBe(el.querySelector('#brand-name'));
    await act(async () => button(el, 'Cancel')!.click());
    expect(el.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(el, 'Add brand'));
  });

  it('Edit: focus on the name field; Save puts it back on that Edit', async () => {
    const db = fresh();
    await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', retentionMonths: null });
    const el = render(<BrandsSection db={db} />);
    const edit = () => el.querySelector<HTMLButtonElement>('button[aria-label="Edit “Acme”"]');
    await until(() => !!edit(), () => text(el));
    act(() => edit()!.focus());
    await act(async () => edit()!.click());
    expect(document.activeElement).toBe(el.querySelector('#brand-name'));
    await act(async () => el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => !el.querySelector('form'), () => text(el));
    expect(document.activeElement).toBe(edit());
  });
});

it('after "Delete everything" the row goes and focus lands on the Brands heading', async () => {
  const db = fresh();
  await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', retentionMonths: null });
  const el = render(<BrandsSection db={db} />);
  await until(() => !!button(el, 'Delete…'), () => text(el));
  await act(async () => button(el, 'Delete…')!.click());
  await until(() => !!button(el, 'Delete everything'), () => text(el));
  await act(async () => button(el, 'Delete everything')!.click());
  await until(() => !el.querySelector('[data-testid="brand-row"]'), () => text(el));
  for (let i = 0; i < 3; i++) await tick();
  expect(document.activeElement).not.toBe(document.body);
  expect(document.activeElement).toBe(el.querySelector('#brands-h'));
});

/**
 * Options → Templates: clicking Edit on another template while a form is open shows that
 * template; saving never writes the first template's text over the second (it did when the form
 * was not keyed by template).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { until } from '../support/render-wait';
import { TemplatesSection } from '../../entrypoints/options/TemplatesSection';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveTemplate } from '../../lib/db/repositories/templates';

let db: CasesideDb;
let root: Root;
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});

describe('template edit form', () => {
  it('shows the template whose Edit was clicked last, and saving does not overwrite it with another', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`t-${crypto.randomUUID()}`);
    const refund = await saveTemplate(db, 'b1', { title: 'Refund', body: 'Your refund is on its way.', tags: [], language: 'en' });
    const shipping = await saveTemplate(db, 'b1', { title: 'Shipping', body: 'Orders ship in 2 days.', tags: [], language: 'en' });
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root.render(<TemplatesSection db={db} brandId="b1" />));
    await until(() => el.querySelectorAll('[data-testid="template-row"]').length === 2, 'rows');

    const edit = (title: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="Edit “${title}”"]`)!;
    await act(async () => edit('Refund').click());
    expect(el.querySelector<HTMLInputElement>('#tpl-title')!.value).toBe('Refund');
    // Changed their mind: edit Shipping instead.
    await act(async () => edit('Shipping').click());
    const titleShown = el.querySelector<HTMLInputElement>('#tpl-title')!.value;
    const form = el.querySelector<HTMLFormElement>('form')!;
    await act(async () => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => !el.querySelector('form'), 'form closed after save');
    const storedShipping = await db.templates.get(shipping.id);
    expect({ titleShown, storedTitle: storedShipping?.title, storedBody: storedShipping?.body }).toEqual({
      titleShown: 'Shipping',
      storedTitle: 'Shipping',
      storedBody: 'Orders ship in 2 days.',
    });
    expect((await db.templates.get(refund.id))?.title).toBe('Refund');
  });
  it('saving a template unchanged keeps a tag that holds a comma (one imported from JSON) whole', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`t-${crypto.randomUUID()}`);
    const tpl = await saveTemplate(db, 'b1', { title: 'Refund', body: 'Your refund is on its way.', tags: ['refund, partial', 'vip'], language: 'en' });
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root.render(<TemplatesSection db={db} brandId="b1" />));
    await until(() => el.querySelectorAll('[data-testid="template-row"]').length === 1, 'rows');
    await act(async () => el.querySelector<HTMLButtonElement>('button[aria-label="Edit “Refund”"]')!.click());
    expect(el.querySelector<HTMLInputElement>('#tpl-tags')!.value).toBe('"refund, partial", vip');
    await act(async () => {
      el.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => !el.querySelector('form'), 'form closed after save');
    expect((await db.templates.get(tpl.id))?.tags).toEqual(['refund, partial', 'vip']);
  });
});

/**
 * The options page in Spanish: rendered with the same data in English and in Spanish, every
 * heading, label, button, placeholder and accessible name must differ between the two, except
 * the customer and brand data shown and a few names that are the same in both languages.
 * (The browser picks the language: tests/e2e/options-i18n.spec.ts checks that path in Chromium.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { until } from '../support/render-wait';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { getDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { addArticle } from '../../lib/db/repositories/kb';
import { setLocale, type Locale } from '../../lib/i18n';
import type { Customer } from '../../lib/db/records';

/** What the seeded data shows, the same in any language. */
const DATA = {
  brand: 'Acme',
  prefix: 'ACME',
  signature: '^AS',
  account: 'x:acme_support',
  template: 'Refund timing',
  templateBody: 'Refunds take five working days.',
  tag: 'refund',
  article: 'Returns policy',
  articleUrl: 'https://help.acme.example/returns',
  articleExcerpt: 'Return anything within 30 days.',
  customer: 'Dana Example',
  handle: 'dana_example',
};

/** Shown in both languages on purpose: the product's name, and language names (each in its own language). */
const SAME_IN_BOTH = ['Caseside', 'English', 'Español'];


function typeInto(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Every string the page shows or announces: text, accessible names, placeholders, titles. */
function interfaceStrings(root: HTMLElement): string[] {
  const out = new Set<string>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent?.replace(/\s+/g, ' ').trim();
    if (text) out.add(text);
  }
  for (const el of root.querySelectorAll('*'))
    for (const attr of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(attr)?.trim();
      if (value) out.add(value);
    }
  return [...out];
}

async function renderOptions(locale: Locale) {
  setLocale(locale);
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  await act(async () => root.render(<OptionsApp />));
  await until(() => !!el.querySelector('[data-testid="template-row"]') && !!el.querySelector('[data-testid="kb-row"]'), () => `options page:\n${el.textContent}`);
  // Open the brand and template forms and find a customer to erase: more of the page to read.
  const primary = (section: string) => el.querySelector<HTMLButtonElement>(`#${section} button.primary`)!;
  await act(async () => primary('brands').click());
  await act(async () => primary('templates').click());
  await act(async () => typeInto(el.querySelector<HTMLInputElement>('#data input[type="search"]')!, 'dana'));
  await until(() => !!el.querySelector('#brands form') && !!el.querySelector('#templates form') && el.textContent!.includes(DATA.handle), () => `options page:\n${el.textContent}`);
  const headings = [...el.querySelectorAll('h2')].map((h) => h.textContent);
  const strings = interfaceStrings(el);
  await act(async () => root.unmount());
  el.remove();
  return { headings, strings };
}

describe('options page language', () => {
  beforeAll(async () => {
    const db = getDb();
    const brand = await saveBrand(db, {
      name: DATA.brand,
      referencePrefix: DATA.prefix,
      accounts: [{ platform: 'x', handle: 'acme_support' }],
      signature: DATA.signature,
    });
    await saveTemplate(db, brand.id, { title: DATA.template, body: DATA.templateBody, tags: [DATA.tag], language: 'en' });
    await addArticle(db, {
      id: 'kb-1',
      brandId: brand.id,
      url: DATA.articleUrl,
      title: DATA.article,
      excerpt: DATA.articleExcerpt,
      text: DATA.articleExcerpt,
      html: `<p>${DATA.articleExcerpt}</p>`,
      capturedAt: 1_700_000_000_000,
      customerId: null,
    });
    await db.customers.put({
      id: 'cust-1',
      brandId: brand.id,
      displayName: DATA.customer,
      identities: [{ platform: 'x', handle: DATA.handle }],
      identityKeys: [`x:${DATA.handle}`],
      tags: [],
      firstSeenAt: 1_700_000_000_000,
      lastSeenAt: 1_700_000_000_000,
      linkedCustomerIds: [],
    } satisfies Customer);
  });
  afterAll(() => setLocale('en'));

  it('shows its sections in the browser language', async () => {
    expect((await renderOptions('en')).headings).toEqual(['You', 'Brands', 'Templates', 'Knowledge base', 'Your data', 'Storage']);
    expect((await renderOptions('es')).headings).toEqual(['Tú', 'Marcas', 'Plantillas', 'Base de conocimiento', 'Tus datos', 'Almacenamiento']);
  });

  it('leaves no English in Spanish: only data and names read the same in both', async () => {
    const en = await renderOptions('en');
    const es = await renderOptions('es');
    // The English page did render the interface (labels, buttons), so the comparison means something.
    expect(en.strings).toEqual(expect.arrayContaining(['New brand', 'Save brand', 'Save template', 'Export everything', 'Erase…', 'Request persistent storage']));
    expect(es.strings).toEqual(expect.arrayContaining(['Guardar marca', 'Guardar plantilla', 'Exportar todo', 'Borrar…', 'Cancelar']));
    const data = new Set(Object.values(DATA));
    const same = es.strings.filter((s) => en.strings.includes(s) && /\p{L}{2}/u.test(s) && !data.has(s) && ![...data].some((d) => s.includes(d)));
    expect(same.sort()).toEqual([...SAME_IN_BOTH].sort());
  });
});

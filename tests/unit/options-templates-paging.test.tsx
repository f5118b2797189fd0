/**
 * The options page's templates table with a brand of thousands of templates (the benchmark has
 * 5,000): a page of rows at a time, "Show more" adds the next page, a search narrows the list and
 * starts again from one page. A templates import that fails on a full disk says so in the agent's
 * words and keeps what was stored.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { until } from '../support/render-wait';
import { createRoot, type Root } from 'react-dom/client';
import { TemplatesSection, TEMPLATE_PAGE } from '../../entrypoints/options/TemplatesSection';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { importTemplates } from '../../lib/db/repositories/templates';

let db: CasesideDb;
let root: Root;
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});


describe('templates table', () => {
  it('shows a page at a time, more on request, and restarts from one page when searching', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`t-${crypto.randomUUID()}`);
    const n = 2 * TEMPLATE_PAGE + 37;
    await importTemplates(
      db,
      'b-acme',
      Array.from({ length: n }, (_, i) => ({ title: `Template ${i}`, body: i % 10 === 0 ? `Refund answer ${i}` : `Other answer ${i}`, tags: [], language: 'en' })),
    );
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root.render(<TemplatesSection db={db} brandId="b-acme" />));
    const rows = () => el.querySelectorAll('[data-testid="template-row"]').length;
    const more = () => el.querySelector<HTMLElement>('[data-testid="template-more"]');
    await until(() => rows() > 0, 'rows');

    expect(rows()).toBe(TEMPLATE_PAGE);
    expect(more()?.textContent).toContain(`Showing ${TEMPLATE_PAGE} of ${n} templates`);
    expect(more()?.querySelector('button')?.textContent).toBe(`Show ${TEMPLATE_PAGE} more`);
    await act(async () => more()!.querySelector('button')!.click());
    expect(rows()).toBe(2 * TEMPLATE_PAGE);
    expect(more()?.querySelector('button')?.textContent).toBe('Show 37 more');
    await act(async () => more()!.querySelector('button')!.click());
    expect(rows()).toBe(n);
    expect(more()).toBeNull();

    // A search narrows to what matches, from the first page again.
    const search = el.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, 'refund');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rows()).toBe(Math.ceil(n / 10));
    expect(more()).toBeNull();
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, 'answer');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rows()).toBe(TEMPLATE_PAGE);
  });

  it('filters by a tag chip in one click, combines it with the search, and clicks back to all', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`t-${crypto.randomUUID()}`);
    await importTemplates(db, 'b-acme', [
      { title: 'Refund status', body: 'Refunds take a week.', tags: ['refund', 'billing'], language: 'en' },
      { title: 'Late refund', body: 'Sorry, it is late.', tags: ['Refund'], language: 'en' },
      { title: 'Invoice copy', body: 'Here is your invoice.', tags: ['billing'], language: 'en' },
      { title: 'Password', body: 'Reset it here.', tags: [], language: 'en' },
    ]);
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root.render(<TemplatesSection db={db} brandId="b-acme" />));
    const titles = () => [...el.querySelectorAll('[data-testid="template-row"] strong')].map((x) => x.textContent).sort();
    await until(() => titles().length === 4, 'rows');
    const chips = () => [...el.querySelectorAll<HTMLButtonElement>('button.cs-tag')];
    // Most used first, case-insensitive ("refund" and "Refund" are one tag, written as first listed), with their counts.
    expect(chips().map((b) => b.textContent)).toEqual(['billing 2', 'Refund 2']);
    expect(chips().every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);

    await act(async () => chips()[1]!.click());
    expect(titles()).toEqual(['Late refund', 'Refund status']);
    expect(chips()[1]!.getAttribute('aria-pressed')).toBe('true');

    const search = el.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, 'week');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(titles()).toEqual(['Refund status']);

    await act(async () => chips()[1]!.click());
    expect(titles()).toEqual(['Refund status']);
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, '');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(titles()).toHaveLength(4);
  });

  it('says a full disk during a templates import in its own words and keeps the templates already stored', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`t-${crypto.randomUUID()}`);
    await importTemplates(db, 'b-acme', [{ title: 'Kept', body: 'Already here.', tags: [], language: 'en' }]);
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root.render(<TemplatesSection db={db} brandId="b-acme" />));
    await until(() => el.querySelectorAll('[data-testid="template-row"]').length === 1, 'the stored template');

    vi.spyOn(db.templates, 'bulkAdd').mockImplementation(() => Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never);
    const input = el.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File([JSON.stringify({ format: 'caseside-templates', version: 1, templates: [{ title: 'New', body: 'Hello.' }] })], 'templates.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => input.dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => !!el.querySelector('[role="alert"]'), 'the error');
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(
      "Nothing was imported. Could not save: your browser's storage for Caseside is full. Export a backup and free space, then try again.",
    );
    vi.restoreAllMocks();
    expect((await db.templates.toArray()).map((x) => x.title)).toEqual(['Kept']);
  });
});

/**
 * The History tab lists the pages kept in the customer's history (right-click → "In the history of
 * the customer open in Caseside"), also those kept while a linked identity was open, newest
 * first; another customer's page, or one in the knowledge base, is not listed. Each page's saved
 * copy can be read there (sanitised again on display), and a page can be removed (after a
 * confirm) without erasing the whole customer.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { HistorySection } from '../../entrypoints/panel/HistorySection';
import type { KbArticle } from '../../lib/db/records';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();

const page = (id: string, customerId: string | null, title: string, capturedAt: number): KbArticle => ({
  id,
  brandId: 'b1',
  url: `https://blog.example/${id}`,
  title,
  excerpt: `${title}, the excerpt`,
  text: title,
  html: `<p>${title}</p>`,
  capturedAt,
  customerId,
});

describe('History tab: pages kept in the customer history', () => {
  it("lists the customer's and their linked identity's pages, newest first, and nobody else's", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([
      { ...danaCustomer('b1', 1), linkedCustomerIds: ['dana-fb'] },
      { ...danaCustomer('b1', 1), id: 'dana-fb', identities: [{ platform: 'facebook', handle: 'dana.example' }], identityKeys: ['facebook:dana.example'], linkedCustomerIds: ['dana'] },
      { ...danaCustomer('b1', 1), id: 'bob', displayName: 'Bob', identities: [], identityKeys: [] },
    ]);
    await db.kbArticles.bulkPut([
      page('p1', 'dana', 'My kettle saga', 100),
      page('p2', 'dana-fb', 'Kettle saga, part two', 200),
      page('p3', 'bob', "Bob's review", 300),
      page('p4', null, 'Returns policy', 400),
    ]);
    const el = render(<HistorySection db={db} brandId="b1" customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    const list = () => el.querySelector('[data-testid="customer-pages"]');
    await until(() => !!list(), () => el.textContent ?? '');
    expect(list()!.querySelector('summary')!.textContent).toContain('(2)');
    expect([...list()!.querySelectorAll('li a')].map((a) => a.textContent)).toEqual(['Kettle saga, part two', 'My kettle saga']);
  });

  it("shows a page's saved copy, sanitised, and removes a page filed here by mistake", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([danaCustomer('b1', 1), { ...danaCustomer('b1', 1), id: 'bob', displayName: 'Bob', identities: [], identityKeys: [] }]);
    await db.kbArticles.bulkPut([
      {
        ...page('p1', 'dana', 'My kettle saga', 100),
        // Wrapped as Readability wraps an article (happy-dom's DOMPurify unwraps a leading top-level element).
        html: '<div><p>Day one: the kettle would not boil.</p><script>window.pwned = 1</script><img src="x" onerror="window.pwned = 1"></div>',
      },
      page('p2', 'dana', "Bob's review, filed under Dana", 200),
      page('p3', 'bob', "Bob's own page", 300),
      page('p4', null, 'Returns policy', 400),
    ]);
    const el = render(<HistorySection db={db} brandId="b1" customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="customer-pages"] li')];
    const row = (title: string) => rows().find((r) => r.querySelector('a')!.textContent === title);
    const button = (r: HTMLElement | undefined, text: string) => [...(r?.querySelectorAll('button') ?? [])].find((b) => b.textContent === text);
    await until(() => rows().length === 2, () => el.textContent ?? '');

    // The saved copy, as stored when the page was kept: shown on request, never its script.
    const saga = row('My kettle saga')!;
    expect(saga.querySelector('[data-testid="saved-copy"]')).toBeNull();
    const read = button(saga, 'Read saved copy')!;
    expect(read.getAttribute('aria-label')).toBe('Read saved copy of “My kettle saga”');
    expect(read.getAttribute('aria-expanded')).toBe('false');
    act(() => read.click());
    const copy = saga.querySelector('[data-testid="saved-copy"]')!;
    expect(copy.querySelector('p')!.textContent).toBe('Day one: the kettle would not boil.');
    expect(copy.querySelector('script, [onerror]')).toBeNull();
    expect(button(saga, 'Hide saved copy')!.getAttribute('aria-expanded')).toBe('true');
    act(() => button(saga, 'Hide saved copy')!.click());
    expect(saga.querySelector('[data-testid="saved-copy"]')).toBeNull();

    // Removed from Dana's history after a confirm; nothing else is touched.
    const wrong = row("Bob's review, filed under Dana")!;
    const remove = button(wrong, 'Delete')!;
    expect(remove.getAttribute('aria-label')).toBe('Delete “Bob\'s review, filed under Dana”');
    act(() => remove.click());
    expect(await db.kbArticles.get('p2')).toBeDefined();
    await act(async () => button(wrong, 'Yes, delete')!.click());
    await until(() => rows().length === 1, () => el.textContent ?? '');
    expect(row('My kettle saga')).toBeDefined();
    expect((await db.kbArticles.toArray()).map((a) => a.id).sort()).toEqual(['p1', 'p3', 'p4']);
  });
});

/**
 * The History tab lists the pages kept in the customer's history (right-click → "In the history of
 * the customer open in Caseside"), also those kept while a linked identity was open, newest
 * first; another customer's page, or one in the knowledge base, is not listed.
 */
import { describe, expect, it } from 'vitest';
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
});

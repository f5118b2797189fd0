/**
 * The panel's history search says how many results came in a status line that stays mounted
 * (a screen reader hears it), and says so too when nothing matched.
 */
import { expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { addNote } from '../../lib/db/repositories/notes';
import { SearchBox } from '../../entrypoints/panel/SearchBox';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const view = reactRoot();

it('announces the number of results, and "nothing found" as a result too', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({ id: brandId, name: 'Acme', referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.customers.put({ id: 'ana', brandId, displayName: 'Ana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  await addNote(db, { brandId, customerId: 'ana', caseId: null, body: 'kettle arrived dented' });
  await addNote(db, { brandId, customerId: 'ana', caseId: null, body: 'second kettle also dented' });

  const el = view.render(<SearchBox db={db} brandId={brandId} />);
  const status = () => el.querySelector('[role="status"]');
  // Mounted before any search, empty: a live region must exist before its text changes.
  expect(status()?.textContent).toBe('');
  const type = (value: string) =>
    act(async () => {
      const input = el.querySelector<HTMLInputElement>('input[type="search"]')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  await type('kettle');
  // The count only: no timing figures for the agent.
  await until(() => status()?.textContent === 'Results: 2', () => status()?.textContent ?? '(none)');
  await type('zzzqqq');
  await until(() => /^Results: 0/.test(status()?.textContent ?? ''), () => status()?.textContent ?? '(none)');
  expect(el.querySelector('[data-testid="search-results"]')!.textContent).toContain('Nothing');
});

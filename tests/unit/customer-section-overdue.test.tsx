/**
 * The customer card's "Overdue follow-ups: n" follows the clock, not the time its live query last
 * ran: nothing is written when a follow-up falls due, yet the card on screen shows it then (as
 * the badge counts it), without waiting for an unrelated write.
 */
import { expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();

it('shows a follow-up as overdue once it falls due while the card is on screen', async () => {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(brand.id, Date.now()));
  // Due in a second: time for the card to render first, far sooner than the 30 s clock tick.
  const dueAt = Date.now() + 1_000;
  await addFollowUp(db, { brandId: brand.id, customerId: 'dana', dueAt, reason: 'call back' });
  const el = render(<CustomerSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
  await until(() => !!el.querySelector('.cs-card'), () => el.textContent ?? '');
  expect(Date.now() < dueAt, 'the card took too long to render for this test').toBe(true);
  expect(el.querySelector('[data-testid="overdue"]')).toBeNull();
  // Past the due time (the background's badge already counts it by now); no write happened.
  while (Date.now() < dueAt + 300) await tick();
  expect(el.querySelector('[data-testid="overdue"]')?.textContent, 'the card never says the follow-up is overdue').toBe('Overdue follow-ups: 1');
});

it('(control) a follow-up already due when the card first renders is shown as overdue', async () => {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(brand.id, Date.now()));
  await addFollowUp(db, { brandId: brand.id, customerId: 'dana', dueAt: Date.now() - 1000, reason: 'call back' });
  const el = render(<CustomerSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
  await until(() => !!el.querySelector('[data-testid="overdue"]'), () => el.textContent ?? '');
  expect(el.querySelector('[data-testid="overdue"]')?.textContent).toBe('Overdue follow-ups: 1');
});

/**
 * The card and the History tab follow the database as live queries: a message recorded, or a
 * linked identity added, while they are on screen shows without reopening the conversation; and
 * History heads a reply in someone else's thread with that thread.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { HistorySection } from '../../entrypoints/panel/HistorySection';
import type { Message } from '../../lib/db/records';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();
// jsdom lays nothing out: give the History's scroll box a height (what the virtual list reads), so its virtual list renders rows.
afterEach(() => vi.restoreAllMocks());
const withLayout = () =>
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('cs-timeline') ? 600 : 0;
  });

const message = (brandId: string, id: string, customerId: string, text: string, sentAt: number): Message => ({
  id,
  conversationId: 'conv-1',
  customerId,
  brandId,
  platform: 'x',
  nativeId: id,
  direction: 'in',
  author: 'Dana Example',
  text,
  sentAt,
  capturedAt: sentAt,
});

it('the card and the History tab show a message recorded and an identity linked while they are open', async () => {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  const now = Date.now();
  await db.customers.put(danaCustomer(brand.id, now));
  await db.conversations.put({ id: 'conv-1', brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: 'conv-1', url: 'https://x.com/messages/conv-1', lastMessageAt: now });
  await db.messages.put(message(brand.id, 'm0', 'dana', 'Hello', now - 3_000));
  await db.messages.put(message(brand.id, 'm1', 'dana', 'My kettle leaks', now - 2_000));
  const ctx = { db, brandId: brand.id, customerId: 'dana', conversationId: 'conv-1', snapshot: danaDm() };
  withLayout();
  const el = render(
    <>
      <CustomerSection {...ctx} />
      <HistorySection {...ctx} />
    </>,
  );
  const card = el;
  const history = el;
  const count = () => card.querySelector('[data-testid="message-count"]')?.textContent ?? '';
  const texts = () => [...history.querySelectorAll('[data-testid="timeline-message"] .cs-msg-text')].map((e) => e.textContent);
  await until(() => /\b2\b/.test(count()) && texts().length === 2, () => `${count()} | ${texts().join(' / ')}`);

  await db.messages.put(message(brand.id, 'm2', 'dana', 'Still leaking', now - 1_000));
  await until(() => /\b3\b/.test(count()) && texts().includes('Still leaking'), () => `${count()} | ${texts().join(' / ')}`);

  // A linked identity's messages join both views once the link is written.
  await db.customers.put({ ...danaCustomer(brand.id, now), id: 'dana-fb', identities: [{ platform: 'facebook', handle: 'dana.example' }], identityKeys: ['facebook:dana.example'], linkedCustomerIds: ['dana'] });
  await db.messages.put(message(brand.id, 'm3', 'dana-fb', 'Also wrote on Facebook', now));
  await db.customers.update('dana', { linkedCustomerIds: ['dana-fb'] });
  await until(() => /\b4\b/.test(count()) && texts().includes('Also wrote on Facebook'), () => `${count()} | ${texts().join(' / ')}`);
  expect(texts()).toEqual(['Hello', 'My kettle leaks', 'Still leaking', 'Also wrote on Facebook']);
});

it("heads the customer's reply in a thread another person started with that thread, not '…'", async () => {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  const now = Date.now();
  await db.customers.put(danaCustomer(brand.id, now));
  // Sam's public thread, in which Dana replied: the conversation is Sam's, the reply is Dana's.
  await db.conversations.put({ id: 'thread-sam', brandId: brand.id, customerId: 'sam', platform: 'x', kind: 'x-thread', nativeId: '100', url: 'https://x.com/sam/status/100', lastMessageAt: now });
  await db.messages.put({ ...message(brand.id, 'm1', 'dana', 'Same problem here', now), conversationId: 'thread-sam' });
  withLayout();
  const el = render(<HistorySection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
  await until(() => !!el.querySelector('[data-testid="timeline-message"]'), () => el.innerHTML);
  const header = el.querySelector('.cs-conv-header')!;
  expect(header.textContent).not.toBe('…');
  expect(header.querySelector('a')?.getAttribute('href')).toBe('https://x.com/sam/status/100');
});

/** The customer card speaks for the person: dates, like counts and history, cover linked identities. */
import { expect, it } from 'vitest';
import { reactRoot } from '../support/react-root';
import { CustomerCard, type CustomerCardLabels } from '../../components/CustomerCard';
import type { Customer } from '../../lib/db/records';

const view = reactRoot();

const person = (id: string, platform: 'x' | 'facebook', firstSeenAt: number, lastSeenAt: number): Customer => ({
  id, brandId: 'b1', displayName: 'Dana', identities: [{ platform, handle: id }], identityKeys: [], tags: [], linkedCustomerIds: [], firstSeenAt, lastSeenAt,
});
const labels: CustomerCardLabels = {
  firstContact: 'First contact!', firstSeen: 'First contact', lastSeen: 'Last contact', conversations: 'Conversations', messages: 'Messages',
  openCase: 'Open case', overdue: 'Overdue', tags: 'Tags', statusLabel: (s) => s, formatTime: (ms) => new Date(ms).toISOString().slice(0, 10),
};

it('first and last contact span the customer and their linked identities', () => {
  const onX = person('dana_x', 'x', Date.UTC(2026, 2, 9), Date.UTC(2026, 2, 20));
  const onFacebook = person('dana.fb', 'facebook', Date.UTC(2025, 0, 9), Date.UTC(2026, 3, 1));
  const el = view.render(<CustomerCard customer={onX} linked={[onFacebook]} conversationCount={2} messageCount={2} openCase={null} overdue={[]} labels={labels} />);
  expect(el.querySelector('[data-testid="first-seen"]')?.textContent).toBe('2025-01-09');
  expect(el.querySelector('[data-testid="last-seen"]')?.textContent).toBe('2026-04-01');
  // Alone, the card gives the customer's own dates.
  view.render(<CustomerCard customer={onX} linked={[]} conversationCount={2} messageCount={2} openCase={null} overdue={[]} labels={labels} />);
  expect(el.querySelector('[data-testid="first-seen"]')?.textContent).toBe('2026-03-09');
  expect(el.querySelector('[data-testid="last-seen"]')?.textContent).toBe('2026-03-20');
});

it('counts in the locale’s number style (12,345, not 12345)', () => {
  const el = view.render(
    <CustomerCard customer={person('dana_x', 'x', 0, 1)} linked={[]} conversationCount={1_234} messageCount={12_345} openCase={null} overdue={[]} labels={labels} />,
  );
  expect(el.querySelector('[data-testid="message-count"]')?.textContent).toBe((12_345).toLocaleString());
  expect(el.querySelector('[data-testid="message-count"]')?.textContent).not.toBe('12345');
  expect(el.querySelector('[data-testid="conversation-count"]')?.textContent).toBe((1_234).toLocaleString());
});

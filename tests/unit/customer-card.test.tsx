/** The customer card speaks for the person: dates, like counts and history, cover linked identities. */
import { expect, it } from 'vitest';
import { act } from 'react';
import { reactRoot } from '../support/react-root';
import { CustomerCard, type CustomerCardLabels } from '../../components/CustomerCard';
import type { Customer } from '../../lib/db/records';

const view = reactRoot();

const person = (id: string, platform: 'x' | 'facebook', firstSeenAt: number, lastSeenAt: number): Customer => ({
  id, brandId: 'b1', displayName: 'Dana', identities: [{ platform, handle: id }], identityKeys: [], tags: [], linkedCustomerIds: [], firstSeenAt, lastSeenAt,
});
const labels: CustomerCardLabels = {
  firstContact: 'First contact!', firstSeen: 'First contact', lastSeen: 'Last contact', conversations: 'Conversations', messages: 'Messages',
  openCase: 'Open case', overdue: 'Overdue', tags: 'Tags', showDetails: 'Show details', hideDetails: 'Hide details', statusLabel: (s) => s, formatTime: (ms) => new Date(ms).toISOString().slice(0, 10),
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

it('compact: keeps who, tags, open case and overdue count; leaves out dates and counts; the toggle asks for the other state', () => {
  const dana = { ...person('dana_x', 'x', Date.UTC(2025, 0, 9), Date.UTC(2026, 3, 1)), tags: ['vip'] };
  const openCase = { id: 'c1', reference: 'ACME-0042', status: 'waiting-us' } as Parameters<typeof CustomerCard>[0]['openCase'];
  const overdue = [{ id: 'f1' }] as Parameters<typeof CustomerCard>[0]['overdue'];
  const asked: boolean[] = [];
  const card = (compact: boolean) => (
    <CustomerCard customer={dana} linked={[]} conversationCount={3} messageCount={9} openCase={openCase} overdue={overdue} labels={labels} compact={compact} onCompactChange={(c) => asked.push(c)} />
  );
  const el = view.render(card(true));
  expect(el.querySelector('[data-testid="first-seen"]')).toBeNull();
  expect(el.querySelector('[data-testid="message-count"]')).toBeNull();
  expect(el.textContent).toContain('dana_x');
  expect(el.querySelector('.cs-tags')?.textContent).toBe('vip');
  expect(el.querySelector('[data-testid="open-case"]')?.textContent).toContain('ACME-0042');
  expect(el.querySelector('[data-testid="overdue"]')?.textContent).toBe('Overdue: 1');
  const toggle = el.querySelector<HTMLButtonElement>('button.cs-card-toggle')!;
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(toggle.getAttribute('aria-label')).toBe('Show details');
  act(() => toggle.click());
  expect(asked).toEqual([false]);

  view.render(card(false));
  expect(el.querySelector('[data-testid="first-seen"]')?.textContent).toBe('2025-01-09');
  expect(el.querySelector('button.cs-card-toggle')?.getAttribute('aria-expanded')).toBe('true');
  act(() => el.querySelector<HTMLButtonElement>('button.cs-card-toggle')!.click());
  expect(asked).toEqual([false, true]);
});

it('has no toggle where nobody can change it', () => {
  const el = view.render(<CustomerCard customer={person('dana_x', 'x', 0, 1)} linked={[]} conversationCount={1} messageCount={1} openCase={null} overdue={[]} labels={labels} />);
  expect(el.querySelector('button')).toBeNull();
});

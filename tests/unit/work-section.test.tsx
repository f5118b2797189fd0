/**
 * The panel's work list: follow-ups that belong to no case are listed beside the cases (the badge
 * counts them), and something becomes overdue on screen when its time passes, with no write.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { until } from '../support/render-wait';
import { WorkSection } from '../../entrypoints/panel/WorkSection';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';

let db: CasesideDb;
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let root: Root | undefined;
let el: HTMLDivElement;
afterEach(async () => {
  if (root) act(() => root!.unmount());
  root = undefined;
  el.remove();
  vi.useRealTimers();
  await db.delete();
});

it('lists follow-ups with no case, marks them overdue when their time comes, and keeps brands apart', async () => {
  db = createDb(`work-${crypto.randomUUID()}`);
  const brand = (id: string) => ({
    id, name: id, referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  await db.brands.bulkAdd([brand('acme'), brand('tel')]);
  const person = (id: string, brandId: string) => ({ id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  await db.customers.bulkAdd([person('Dana', 'acme'), person('Tel customer', 'tel')]);
  // Only setInterval and Date are faked: Dexie's promises and fake-indexeddb keep real timers.
  vi.useFakeTimers({ toFake: ['setInterval', 'Date'], now: Date.UTC(2026, 2, 10, 12) });
  const now = Date.now();
  await addFollowUp(db, { brandId: 'acme', customerId: 'Dana', caseId: null, dueAt: now + 20_000, reason: 'Promised: call back' }, now);
  await addFollowUp(db, { brandId: 'tel', customerId: 'Tel customer', caseId: null, dueAt: now - 1, reason: 'Promised: theirs' }, now);

  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<WorkSection db={db} brandId="acme" />));
  const rows = () => [...el.querySelectorAll('[data-testid="work-follow-ups"] li')];
  await until(() => rows().length === 1, () => el.textContent ?? '');
  expect(rows()[0]!.textContent).toContain('Dana · Promised: call back');
  expect(rows()[0]!.className).toBe('');
  expect(el.textContent).not.toContain('theirs');

  // "Overdue" lists it only once it is due; the clock moves on, nothing is written.
  const overdue = el.querySelector<HTMLInputElement>('input[type="radio"]')!;
  act(() => overdue.click());
  await until(() => rows().length === 0 && el.querySelector('[data-testid="work-list"] .cs-muted')?.textContent === 'Nothing overdue.', 'empty overdue list, said for that filter');
  expect(el.querySelector('[role="radiogroup"]')!.getAttribute('aria-labelledby')).toBe(el.querySelector('h3:not([id^="incidents-"])')?.id);
  act(() => vi.advanceTimersByTime(30_000));
  await until(() => rows().length === 1, 'the follow-up listed as overdue after its time');
  expect(rows()[0]!.className).toBe('cs-danger');
});

it('shows the 50 most urgent cases of many, then 50 more on request', async () => {
  db = createDb(`work-${crypto.randomUUID()}`);
  await db.brands.add({ id: 'acme', name: 'acme', referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.customers.add({ id: 'c', brandId: 'acme', displayName: 'Dana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  await db.cases.bulkAdd(
    Array.from({ length: 120 }, (_, i) => ({
      id: `k${i}`, brandId: 'acme', customerId: 'c', reference: `AC-${String(i).padStart(4, '0')}`, title: '', status: 'open' as const,
      priority: i === 119 ? ('urgent' as const) : ('normal' as const), tags: [], openedAt: i, updatedAt: i, resolvedAt: null, conversationIds: [], revision: 0,
    })),
  );
  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<WorkSection db={db} brandId="acme" />));
  const rows = () => el.querySelectorAll('[data-testid="work-list"] > li').length;
  await until(() => rows() === 50, () => `${rows()} rows`);
  // The most urgent one is among them, however old.
  expect(el.querySelector('[data-testid="work-list"]')!.textContent).toContain('AC-0119');
  expect(el.querySelector('[data-testid="work-more"]')!.textContent).toContain('Showing the 50 most urgent of 120');
  await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="work-more"] button')!.click());
  await until(() => rows() === 100, () => `${rows()} rows`);
});

it("links a case to the most recent of its conversations (a public complaint moved to DMs opens the DM)", async () => {
  db = createDb(`work-${crypto.randomUUID()}`);
  await db.brands.add({ id: 'acme', name: 'acme', referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.customers.add({ id: 'c', brandId: 'acme', displayName: 'Dana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  const conv = (id: string, url: string, lastMessageAt: number) => ({ id, brandId: 'acme', customerId: 'c', platform: 'x' as const, kind: 'x-thread' as const, nativeId: id, url, lastMessageAt });
  await db.conversations.bulkAdd([conv('thread', 'https://x.com/dana/status/1', 100), conv('dm', 'https://x.com/messages/1-2', 200)]);
  await db.cases.add({
    id: 'k', brandId: 'acme', customerId: 'c', reference: 'AC-0001', title: '', status: 'open', priority: 'normal', tags: [], openedAt: 1, updatedAt: 1,
    resolvedAt: null, conversationIds: ['thread', 'dm'], revision: 0,
  });
  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<WorkSection db={db} brandId="acme" />));
  const link = () => el.querySelector<HTMLAnchorElement>('[data-testid="work-list"] > li a');
  await until(() => !!link(), () => el.textContent ?? '');
  expect(link()!.href).toBe('https://x.com/messages/1-2');
});

/**
 * The work list's promises without a follow-up: each row's Add follow-up and Dismiss are named
 * with the promise and the customer (two rows' buttons are told apart by a screen reader), and
 * answering one moves focus to the next row's first button, else the previous row's, else the
 * work list's Cases heading, never to the page's body.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { pendingPromises, proposePromises } from '../../lib/db/repositories/promises';
import { usePanelStore } from '../../lib/store/panel-store';
import { WorkSection } from '../../entrypoints/panel/WorkSection';
import { danaCustomer } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
const NOW = Date.now();

async function setup(phrases: string[]) {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const acme = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put({ ...danaCustomer(acme.id, NOW), displayName: 'Dana' });
  await db.conversations.put({ id: 'conv-1', brandId: acme.id, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: 'conv-1', url: 'https://x.com/messages/conv-1', lastMessageAt: NOW });
  await proposePromises(
    db,
    acme.id,
    phrases.map((phrase, i) => ({ messageId: `m-${i}`, conversationId: 'conv-1', customerId: 'dana', phrase, dueAt: NOW + (i + 1) * 3_600_000, reason: phrase, proposedAt: NOW })),
  );
  const el = render(<WorkSection db={db} brandId={acme.id} />);
  await until(() => rows(el).length === phrases.length, () => el.textContent ?? '');
  return { db, brandId: acme.id, el };
}
const rows = (el: Element) => [...el.querySelectorAll('[data-testid="work-promises"] > li')];
const buttonIn = (root: Element | undefined, text: string) => [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.startsWith(text));
async function press(b: HTMLButtonElement) {
  b.focus();
  await act(async () => b.click());
}
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

describe('promises in the work list', () => {
  it('names each row\'s buttons with the promise and the customer', async () => {
    const { el } = await setup(['tomorrow', 'by Friday']);
    const names = rows(el).map((r) => [...r.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')));
    expect(names[0]![0]).toMatch(/^Add follow-up .+: promise “tomorrow” to Dana$/);
    expect(names[0]![1]).toBe('Dismiss: promise “tomorrow” to Dana');
    expect(names[1]![1]).toBe('Dismiss: promise “by Friday” to Dana');
  });

  it("Dismiss moves focus to the next row's first button", async () => {
    const { el } = await setup(['tomorrow', 'by Friday', 'next week']);
    await press(buttonIn(rows(el)[1], 'Dismiss')!);
    await until(() => rows(el).length === 2, () => el.textContent ?? '');
    await settle();
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/promise “next week”/);
  });

  it("Add follow-up on the last row moves focus to the previous row's first button", async () => {
    const { db, el } = await setup(['tomorrow', 'by Friday']);
    await press(buttonIn(rows(el)[1], 'Add follow-up')!);
    await until(() => rows(el).length === 1, () => JSON.stringify(usePanelStore.getState().notice) + el.textContent);
    await settle();
    expect(await db.followUps.count()).toBe(1);
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Add follow-up .+: promise “tomorrow”/);
  });

  it('answering the only one lands focus on the Cases heading', async () => {
    const { db, brandId, el } = await setup(['tomorrow']);
    await press(buttonIn(rows(el)[0], 'Dismiss')!);
    await until(() => rows(el).length === 0, () => el.textContent ?? '');
    await settle();
    expect(await pendingPromises(db, brandId)).toEqual([]);
    expect(document.activeElement?.tagName).toBe('H3');
    expect(document.activeElement?.textContent).toBe('Cases');
  });
});

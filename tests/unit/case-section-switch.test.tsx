/**
 * The Case tab stays mounted when the agent moves from one customer's conversation to another's
 * in the same tab (App.tsx keys it by brand). What the agent typed (and ticked) for the first
 * customer is never saved onto the second, and "keep personal data" holds for one note only.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const NOW = 1_750_000_000_000;

const setText = (el: HTMLTextAreaElement, value: string) =>
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
const button = (root: HTMLElement, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

async function seeded() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.put(danaCustomer(brand.id, NOW));
  await db.customers.put({ ...danaCustomer(brand.id, NOW), id: 'sam', displayName: 'Sam Other', identities: [{ platform: 'x', handle: 'sam_other' }], identityKeys: ['x:sam_other'] });
  return { db, brandId: brand.id };
}

describe('moving to another customer with the Case tab open', () => {
  const { render } = reactRoot();

  it("a note half-typed for Dana is not saved on Sam's record", async () => {
    const { db, brandId } = await seeded();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('textarea[aria-label="Add note"]'), () => el.textContent ?? '');
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Dana: refund promised for order 5521');
    // The agent clicks Sam's DM in X's sidebar: the tab state (and the panel's props) change.
    render(<CaseSection db={db} brandId={brandId} customerId="sam" conversationId="conv-2" snapshot={{ ...danaDm(), conversationId: 'conv-2' }} />);
    await tick();
    // One click on Save, as the field shows text: where does Dana's note go?
    await act(async () => button(el, 'Save note').click());
    for (let i = 0; i < 5; i++) await tick();
    const onSam = (await db.notes.where('customerId').equals('sam').toArray()).map((n) => n.body);
    expect(onSam, "Dana's half-typed note was carried over and saved on Sam's record").toEqual([]);
  });

  it('"keep personal data" ticked for one note does not stay ticked for the next customer', async () => {
    const { db, brandId } = await seeded();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('textarea[aria-label="Add note"]'), () => el.textContent ?? '');
    await tick();
    const keep = () => [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((i) => i.parentElement?.textContent?.includes('personal'))!;
    await act(async () => keep().click());
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Dana asked us to call 612 34 56 78');
    await act(async () => button(el, 'Save note').click());
    await until(() => el.querySelectorAll('[data-testid="note"]').length === 1, () => el.textContent ?? '');
    // Next conversation: Sam.
    render(<CaseSection db={db} brandId={brandId} customerId="sam" conversationId="conv-2" snapshot={{ ...danaDm(), conversationId: 'conv-2' }} />);
    await tick();
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Sam paid with 4111 1111 1111 1111');
    await act(async () => button(el, 'Save note').click());
    for (let i = 0; i < 5; i++) await tick();
    const sam = (await db.notes.where('customerId').equals('sam').toArray())[0];
    expect(sam?.body, "Sam's card number was stored unmasked").not.toContain('4111 1111 1111 1111');
  });

  it('"keep personal data" is unticked again after the note it was ticked for is saved', async () => {
    const { db, brandId } = await seeded();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={danaDm()} />);
    await until(() => !!el.querySelector('textarea[aria-label="Add note"]'), () => el.textContent ?? '');
    const keep = () => [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((i) => i.parentElement?.textContent?.includes('personal'))!;
    await act(async () => keep().click());
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Call back on 612 34 56 78');
    await act(async () => button(el, 'Save note').click());
    await until(() => el.querySelectorAll('[data-testid="note"]').length === 1, () => el.textContent ?? '');
    expect(keep().checked).toBe(false);
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Her card is 4111 1111 1111 1111');
    await act(async () => button(el, 'Save note').click());
    await until(() => el.querySelectorAll('[data-testid="note"]').length === 2, () => el.textContent ?? '');
    const bodies = (await db.notes.where('customerId').equals('dana').toArray()).map((n) => n.body);
    expect(bodies).toContain('Call back on 612 34 56 78');
    expect(bodies.join(' ')).not.toContain('4111 1111 1111 1111');
  });
});

/**
 * The Replies tab stays mounted when the agent opens another conversation of the same brand. A
 * card the agent edited (or whose question they answered) for one customer starts afresh for the
 * next one: Dana's edits and order number never go into Sam's reply.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { SuggestSection } from '../../entrypoints/panel/SuggestSection';
import type { SnapshotMessage } from '../../lib/platforms/snapshot';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();

describe('Replies tab: moving to another customer', () => {
  it("does not carry a card's edited text over to the next customer", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: '', accounts: [], signature: '' });
    await saveTemplate(db, brand.id, { title: 'Refund status', body: 'Hi {{customer.first_name}}, your refund is on its way.', tags: [], language: 'en' });
    await db.customers.put(danaCustomer(brand.id, 1));
    await db.customers.put({ ...danaCustomer(brand.id, 1), id: 'sam', displayName: 'Sam Other', identities: [{ platform: 'x', handle: 'sam_other' }], identityKeys: ['x:sam_other'] });
    const said = (who: { handle: string; displayName: string }, text: string): SnapshotMessage[] => [{ id: `${who.handle}-1`, author: who, text, sentAt: null, direction: 'in' }];
    const dana = { handle: 'dana_example', displayName: 'Dana Example' };
    const sam = { handle: 'sam_other', displayName: 'Sam Other' };
    const el = render(<SuggestSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm(said(dana, 'Where is my refund?'))} />);
    const card = () => el.querySelector<HTMLTextAreaElement>('[data-testid="suggestion"] textarea');
    await until(() => !!card()?.value.includes('refund'), () => el.textContent ?? '');
    expect(card()!.value).toContain('Hi Dana');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(card()!, 'Hi Dana, your refund for order 5521 left today.');
      card()!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(card()!.value).toContain('5521');

    const samDm = { ...danaDm(said(sam, 'Where is my refund?')), conversationId: 'conv-2', customer: sam };
    render(<SuggestSection db={db} brandId={brand.id} customerId="sam" conversationId="conv-2" snapshot={samDm} />);
    await until(() => !!card()?.value.includes('Hi Sam'), () => card()?.value ?? el.textContent ?? '');
    for (let i = 0; i < 3; i++) await tick();
    expect(card()!.value).not.toContain('5521');
  });
});

/**
 * Customer tags: set from the panel, saved when the field is left, applied as an edit so a
 * change made meanwhile elsewhere (another panel) is kept; never another brand's customer.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import type { Customer } from '../../lib/db/records';
import { editCustomerTags } from '../../lib/panel/queries';
import { applyTagEdit, parseTags } from '../../lib/panel/tags';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

async function eventually(check: () => Promise<boolean>, what: () => Promise<string>): Promise<void> {
  for (let i = 0; i < 250 && !(await check()); i++) await tick();
  if (!(await check())) throw new Error(`never: ${await what()}`);
}

const dana = (tags: string[] = [], brandId = 'b1'): Customer => ({
  id: 'c1', brandId, displayName: 'Dana Example', identities: [{ platform: 'x', handle: 'dana_example' }],
  identityKeys: identityKeys(brandId, { platform: 'x', handle: 'dana_example' }), tags, firstSeenAt: 1, lastSeenAt: 2, linkedCustomerIds: [],
});

describe('customer tags', () => {
  it('an edit adds what the agent added and removes what they removed, keeping what changed meanwhile', () => {
    expect(parseTags(' vip, , reseller ,vip')).toEqual(['vip', 'reseller']);
    // The agent saw [vip, late], removed late and added reseller; another panel added press.
    expect(applyTagEdit(['vip', 'late', 'press'], ['vip', 'late'], ['vip', 'reseller'])).toEqual(['vip', 'press', 'reseller']);
  });

  it('are stored for the brand only, validated, in one transaction', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.put(dana(['press']));
    expect(await editCustomerTags(db, 'b1', 'c1', [], ['vip'])).toEqual(['press', 'vip']);
    expect((await db.customers.get('c1'))!.tags).toEqual(['press', 'vip']);
    await expect(editCustomerTags(db, 'b2', 'c1', [], ['x'])).rejects.toThrow();
    await expect(editCustomerTags(db, 'b1', 'c1', [], ['x'.repeat(81)])).rejects.toThrow();
    expect((await db.customers.get('c1'))!.tags).toEqual(['press', 'vip']);
  });

  it('the panel field saves on leaving it, and follows a change made elsewhere while untouched', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.put(dana());
    const { render } = reactRoot();
    const el = render(
      <CustomerSection db={db} brandId="b1" customerId="c1" conversationId="b1/x:c:1" snapshot={{ platform: 'x', kind: 'x-dm', conversationId: '1', url: 'https://x.com/messages/1', state: 'ok', agent: null, customer: null, messages: [] }} />,
    );
    await until(() => !!el.querySelector('input[aria-label="Customer tags"]'), () => el.textContent ?? '');
    const field = el.querySelector<HTMLInputElement>('input[aria-label="Customer tags"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, 'vip, reseller');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    await eventually(async () => (await db.customers.get('c1'))!.tags.length === 2, async () => JSON.stringify((await db.customers.get('c1'))!.tags));
    expect((await db.customers.get('c1'))!.tags).toEqual(['vip', 'reseller']);

    // Another panel removes "reseller": the untouched field follows.
    await db.customers.update('c1', { tags: ['vip'] });
    await until(() => el.querySelector<HTMLInputElement>('input[aria-label="Customer tags"]')!.value === 'vip', () => el.querySelector<HTMLInputElement>('input[aria-label="Customer tags"]')!.value);
  });

  it('"find the same name" with no match says so, instead of the button just going away', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.put(dana());
    const { render } = reactRoot();
    const el = render(
      <CustomerSection db={db} brandId="b1" customerId="c1" conversationId="b1/x:c:1" snapshot={{ platform: 'x', kind: 'x-dm', conversationId: '1', url: 'https://x.com/messages/1', state: 'ok', agent: null, customer: null, messages: [] }} />,
    );
    const find = () => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.startsWith('Find'));
    await until(() => !!find(), () => el.textContent ?? '');
    await act(async () => find()!.click());
    await until(() => !!el.querySelector('[role="status"]'), () => el.textContent ?? '');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('No customer of this brand on another platform has this name.');
  });
});

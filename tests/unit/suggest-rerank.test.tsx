/**
 * The Replies tab ranks again as new messages arrive (issue #6: "Update as new messages arrive"):
 * the same conversation, re-rendered with the customer's next message, offers what that message
 * asks about, first.
 */
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { SuggestSection } from '../../entrypoints/panel/SuggestSection';
import type { SnapshotMessage } from '../../lib/platforms/snapshot';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();
const dana = { handle: 'dana_example', displayName: 'Dana Example' };
const said = (id: string, text: string): SnapshotMessage => ({ id, author: dana, text, sentAt: null, direction: 'in' });

describe('Replies tab: ranked again as messages arrive', () => {
  it("puts the template for the customer's newest question first", async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: 'Acme', referencePrefix: '', accounts: [], signature: '' });
    await saveTemplate(db, brand.id, { title: 'Refund status', body: 'Hi {{customer.first_name}}, your refund is on its way.', tags: [], language: 'en' });
    await saveTemplate(db, brand.id, { title: 'Reset password', body: 'Hi {{customer.first_name}}, you can reset your password from the login page.', tags: [], language: 'en' });
    await db.customers.put(danaCustomer(brand.id, 1));
    const first = [said('m1', 'Where is my refund?')];
    const section = (messages: SnapshotMessage[]) => <SuggestSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={danaDm(messages)} />;
    const el = render(section(first));
    const top = () => el.querySelector<HTMLTextAreaElement>('[data-testid="suggestion"] textarea')?.value ?? '';
    await until(() => top().includes('refund'), top);
    expect(el.textContent).not.toContain('reset your password');

    render(section([...first, said('m2', 'Also I cannot log in, how do I reset my password?')]));
    await until(() => top().includes('reset your password'), top);
  });
});

/**
 * The Replies tab checks a reply in the customer's language as eld reads it (as the engine does):
 * to a Spanish customer whose short message the tone lexicon reads as English, the "greet the
 * customer" fix writes "Hola Dana, …", not "Hi Dana, …".
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { checkReply } from '../../lib/suggest/checks';
import { detectLanguage } from '../../lib/suggest/language';
import { SuggestSection } from '../../entrypoints/panel/SuggestSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
const question = '¿Me podéis ayudar con una devolución?';

describe('Replies tab: checks in the customer’s language', () => {
  it('checkReply writes the fix in Spanish when given the language (the premise)', () => {
    expect(detectLanguage(question)).toBe('es');
    const input = { text: 'Claro, te ayudamos por mensaje privado. ^AN', platform: 'x', isPublic: true, customer: { displayName: 'Ana Pérez' }, customerMessages: [question], brand: { name: 'Acme', signature: '^AN' }, followUpSet: true } as const;
    expect(checkReply({ ...input, language: 'es' }).find((c) => c.id === 'missing-name')?.fix?.text).toMatch(/^Hola Ana, /u);
  });

  it('greets a Spanish customer in Spanish', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const brand = await saveBrand(db, { name: `Acme ${crypto.randomUUID().slice(0, 6)}`, referencePrefix: '', accounts: [], signature: '' });
    await saveTemplate(db, brand.id, { title: 'Ayuda con devoluciones', body: 'Claro, te ayudamos con la devolución por mensaje privado.', tags: ['devolución'], language: 'es' });
    await db.customers.put(danaCustomer(brand.id, 1));
    const snapshot = danaDm([{ id: 'm1', author: { handle: 'dana_example', displayName: 'Dana Example' }, text: question, sentAt: null, direction: 'in' }]);
    const el = render(<SuggestSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
    const card = () => [...el.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')].find((c) => c.querySelector('textarea')!.value.includes('devolución por mensaje'));
    await until(() => !!card(), () => el.textContent ?? '');
    const fix = () => card()!.querySelector('[data-check="missing-name"]')?.querySelector('button');
    // The detector loads asynchronously: wait for the check to be computed with it.
    await until(() => !!fix(), () => card()!.textContent ?? '');
    await tick();
    await tick();
    await act(async () => fix()!.click());
    await until(() => card()!.querySelector('textarea')!.value !== 'Claro, te ayudamos con la devolución por mensaje privado.', () => card()!.textContent ?? '');
    expect(card()!.querySelector('textarea')!.value).toMatch(/^Hola Dana, /u);
  });
});

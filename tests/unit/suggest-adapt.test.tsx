/**
 * Adapt (the browser's on-device model, when it is there): the Replies tab asks the model for the
 * customer's own language, read by eld from their last messages (German here, which the tone
 * lexicon, English/Spanish only, would read as English); the adapted text replaces the draft, and
 * a model that fails leaves the draft as it was and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { SuggestSection } from '../../entrypoints/panel/SuggestSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();
const scope = globalThis as { LanguageModel?: unknown };

/** A model that is ready for every language and records what each session was asked to write. */
function fakeModel(answer: (prompt: string) => Promise<string>) {
  const outputs: string[][] = [];
  scope.LanguageModel = {
    availability: async () => 'available',
    create: async (options: { expectedOutputs: { languages: string[] }[] }) => {
      outputs.push(options.expectedOutputs[0]!.languages);
      return { prompt: answer, destroy() {} };
    },
  };
  return outputs;
}

afterEach(() => {
  delete scope.LanguageModel;
});

async function openGerman() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: '', accounts: [], signature: '' });
  await saveTemplate(db, brand.id, { title: 'Wo ist meine Rückerstattung', body: 'Hallo {{customer.first_name}}, deine Rückerstattung ist unterwegs.', tags: [], language: 'de' });
  await db.customers.put(danaCustomer(brand.id, 1));
  const snapshot = danaDm([
    { id: 'm1', author: { handle: 'dana_example', displayName: 'Dana Example' }, text: 'Wo ist meine Rückerstattung? Ich warte seit zwei Wochen auf das Geld.', sentAt: null, direction: 'in' },
  ]);
  const el = render(<SuggestSection db={db} brandId={brand.id} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
  const find = () => [...el.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')].find((c) => c.querySelector('textarea')!.value.includes('Rückerstattung ist unterwegs'));
  const adaptIn = (c: HTMLElement | undefined) => c && [...c.querySelectorAll('button')].find((b) => b.textContent === 'Adapt');
  await until(() => !!adaptIn(find()), () => el.textContent ?? '');
  // The card as found now: adapting changes its text, not the element.
  const card = find()!;
  return { card: () => card, adapt: () => adaptIn(card)!, draft: () => card.querySelector('textarea')!.value };
}

describe('Replies tab: Adapt with the on-device model', () => {
  it("asks the model for the customer's language as eld reads it, and puts its text in the draft", async () => {
    const outputs = fakeModel(async () => 'Hallo Dana, es tut uns leid: deine Rückerstattung ist seit heute unterwegs.');
    const { adapt, draft } = await openGerman();
    expect(draft()).toBe('Hallo Dana, deine Rückerstattung ist unterwegs.');
    await act(async () => adapt().click());
    await until(() => draft().includes('seit heute'), draft);
    expect(outputs).toEqual([['de']]);
  });

  it('keeps the draft and says so when the model fails', async () => {
    const outputs = fakeModel(async () => Promise.reject(new Error('model crashed')));
    const { adapt, draft, card } = await openGerman();
    await act(async () => adapt().click());
    await until(() => !!card()!.querySelector('[role="status"]'), () => card()!.textContent ?? '');
    expect(card()!.querySelector('[role="status"]')!.textContent).toBe('The on-device model could not adapt this; the text is unchanged.');
    expect(draft()).toBe('Hallo Dana, deine Rückerstattung ist unterwegs.');
    expect(outputs).toEqual([['de']]);
  });
});

/**
 * The Replies tab fills the agent from this browser's profile: a brand signature
 * "^{{agent.initials}}" becomes "^AP" in the suggestion (the engine's fill) and in what Insert
 * would put in (the card's fill, also for {{agent.name}} typed into the draft); the signature
 * check looks for "^AP". With no profile, the signature is left out, Insert stays enabled and
 * the card says where to set the name. A profile saved while the panel is open is used at once.
 * The Case tab's closing message goes through the same filled-signature check.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { saveAgentProfile } from '../../lib/panel/agent-profile';
import { SuggestSection } from '../../entrypoints/panel/SuggestSection';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { openCase } from '../../lib/db/repositories/cases';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();

const snapshot = danaDm([
  { id: 'm1', author: { handle: 'dana_example', displayName: 'Dana Example' }, text: 'Where is my refund for the kettle?', sentAt: null, direction: 'in' },
]);

async function seeded(signature: string): Promise<{ db: CasesideDb; brandId: string }> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: `Acme ${crypto.randomUUID().slice(0, 6)}`, referencePrefix: '', accounts: [], signature });
  await saveTemplate(db, brand.id, { title: 'Refund on its way', body: 'Hi {{customer.first_name}}, your refund is on its way. {{agent.signature}}', tags: ['refund'], language: 'en' });
  await db.customers.put(danaCustomer(brand.id, 1));
  return { db, brandId: brand.id };
}

async function open(db: CasesideDb, brandId: string) {
  const el = render(<SuggestSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
  const card = () => [...el.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')].find((c) => c.querySelector('textarea')!.value.includes('refund is on its way'));
  await until(() => !!card(), () => el.textContent ?? '');
  await tick();
  const draft = () => card()!.querySelector('textarea')!;
  const insert = () => [...card()!.querySelectorAll('button')].find((b) => b.textContent === 'Insert')!;
  const checks = () => [...card()!.querySelectorAll<HTMLElement>('[data-check]')].map((c) => c.dataset.check);
  const setDraft = (value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(draft(), value);
      draft().dispatchEvent(new Event('input', { bubbles: true }));
    });
  return { el, card, draft, insert, checks, setDraft };
}

describe('Replies tab: the agent from the profile', () => {
  it("signs with the agent's initials, checks for them, and fills {{agent.name}} typed into the draft", async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const { db, brandId } = await seeded('^{{agent.initials}}');
    const { draft, insert, checks, setDraft, card } = await open(db, brandId);
    expect(draft().value).toBe('Hi Dana, your refund is on its way. ^AP');
    expect(checks()).not.toContain('missing-signature');
    expect(checks()).not.toContain('agent-not-set');
    expect(insert().disabled).toBe(false);
    // Without the signature, the check asks for "^AP" and its fix adds it.
    await setDraft('Hi Dana, your refund is on its way.');
    expect(card()!.querySelector('[data-check="missing-signature"]')!.textContent).toContain('The signature "^AP" is missing.');
    // The card's own fill knows the agent too: no "fill in {{agent.name}}" refusal.
    await setDraft('Hi Dana, {{agent.name}} here: your refund is on its way. ^AP');
    expect(card()!.querySelector('[role="alert"]')).toBeNull();
    expect(insert().disabled).toBe(false);
  });

  it('with no profile: leaves the signature out, keeps Insert enabled and says where to set the name; a name saved meanwhile is used', async () => {
    const { db, brandId } = await seeded('^{{agent.initials}}');
    const { el, draft, insert, checks } = await open(db, brandId);
    expect(draft().value).toBe('Hi Dana, your refund is on its way.');
    expect(insert().disabled).toBe(false);
    expect(checks()).toContain('agent-not-set');
    expect(checks()).not.toContain('missing-signature');
    expect(el.querySelector('[data-check="agent-not-set"]')!.textContent).toContain('Set them in Caseside’s options, under “You”.');

    await act(async () => void (await saveAgentProfile({ name: 'Ana Pérez', initials: '' })));
    await until(() => draft().value === 'Hi Dana, your refund is on its way. ^AP', () => draft().value);
    expect(checks()).not.toContain('agent-not-set');
  });
});

describe('Case tab: the closing message is checked against the filled signature too', () => {
  it('asks for "^AP", and its fix adds it', async () => {
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const { db, brandId } = await seeded('^{{agent.initials}}');
    await db.conversations.put({ id: 'conv-1', brandId, customerId: 'dana', platform: 'x', kind: 'x-dm', nativeId: 'conv-1', url: snapshot.url, lastMessageAt: 1 });
    await openCase(db, { brandId, customerId: 'dana', conversationId: 'conv-1' });
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
    const status = () => el.querySelector<HTMLSelectElement>('select[aria-label="Status"]');
    await until(() => !!status(), () => el.textContent ?? '');
    await tick();
    await act(async () => {
      status()!.value = 'resolved';
      status()!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => !!el.querySelector('[data-testid="resolution"] [data-check="missing-signature"]'), () => el.textContent ?? '');
    const check = el.querySelector('[data-testid="resolution"] [data-check="missing-signature"]')!;
    expect(check.textContent).toContain('The signature "^AP" is missing.');
    expect(el.querySelector('[data-check="agent-not-set"]')).toBeNull();
    await act(async () => check.querySelector('button')!.click());
    expect(el.querySelector<HTMLTextAreaElement>('[data-testid="resolution"] textarea')!.value).toMatch(/ \^AP$/u);
  });
});

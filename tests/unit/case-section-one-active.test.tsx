/**
 * One conversation has one active case of a brand at a time. In a public thread two customers
 * write in, the Case tab of the second one still offers "Open a case" and "Add this conversation"
 * (his cases do not hold the thread): the repository refuses, and the panel's notice names the
 * case already going on there, so the agent knows where to keep working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { casesForCustomer, getCase, openCase } from '../../lib/db/repositories/cases';
import { setLocale } from '../../lib/i18n';
import { usePanelStore } from '../../lib/store/panel-store';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const NOW = 1_750_000_000_000;

afterEach(() => {
  setLocale('en');
  act(() => usePanelStore.setState({ notice: null, noticeFor: null }));
});

/** Acme; Dana's case ACME-0001 in the public thread conv-1, where Sam writes too; Sam's own DM conv-2. */
async function sharedThread() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' });
  await db.customers.bulkPut([
    danaCustomer(brand.id, NOW),
    { ...danaCustomer(brand.id, NOW), id: 'sam', displayName: 'Sam Other', identities: [{ platform: 'x', handle: 'sam_other' }], identityKeys: ['x:sam_other'] },
  ]);
  await db.conversations.bulkPut([
    { id: 'conv-1', brandId: brand.id, customerId: 'dana', platform: 'x', kind: 'x-thread', nativeId: '1', url: 'https://x.com/dana_example/status/1', lastMessageAt: NOW },
    { id: 'conv-2', brandId: brand.id, customerId: 'sam', platform: 'x', kind: 'x-dm', nativeId: '2', url: 'https://x.com/messages/2', lastMessageAt: NOW },
  ]);
  const danas = await openCase(db, { brandId: brand.id, customerId: 'dana', conversationId: 'conv-1' }, NOW);
  return { db, brandId: brand.id, danas };
}

const buttonIn = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text);
const notice = (root: Element) => root.querySelector('[data-testid="notice"]')?.textContent ?? '';

describe("the Case tab of a second customer in a thread another customer's case is going on in", () => {
  const { render } = reactRoot();

  for (const [locale, open, said] of [
    ['en', 'Open a case', 'case ACME-0001 is already going on in this conversation, so no new case was opened'],
    ['es', 'Abrir un caso', 'el caso ACME-0001 ya está en curso en esta conversación, así que no se ha abierto un caso nuevo'],
  ] as const) {
    it(`"${open}" is refused, and the notice names the case going on (${locale})`, async () => {
      const { db, brandId } = await sharedThread();
      setLocale(locale);
      const el = render(
        <>
          <CaseSection db={db} brandId={brandId} customerId="sam" conversationId="conv-1" snapshot={danaDm()} />
          <NoticeBar />
        </>,
      );
      await until(() => !!buttonIn(el, open), () => el.textContent ?? '');
      await act(async () => buttonIn(el, open)!.click());
      await until(() => !!notice(el), 'no notice after the refused "Open a case"');
      expect(notice(el)).toContain(said);
      expect(await casesForCustomer(db, brandId, 'sam')).toEqual([]);
      expect(buttonIn(el, open)).toBeDefined();
    });
  }

  it('"Add this conversation to the case" is refused, and the notice names the case going on', async () => {
    const { db, brandId } = await sharedThread();
    const sams = await openCase(db, { brandId, customerId: 'sam', conversationId: 'conv-2' }, NOW);
    const el = render(
      <>
        <CaseSection db={db} brandId={brandId} customerId="sam" conversationId="conv-1" snapshot={danaDm()} />
        <NoticeBar />
      </>,
    );
    const add = () => buttonIn(el, '+ Add this conversation to the case');
    await until(() => !!add(), () => el.textContent ?? '');
    await act(async () => add()!.click());
    await until(() => !!notice(el), 'no notice after the refused "Add this conversation"');
    expect(notice(el)).toContain(`case ACME-0001 is already going on in this conversation, so the conversation was not added to ${sams.reference}`);
    expect((await getCase(db, brandId, sams.id))?.conversationIds).toEqual(['conv-2']);
  });
});

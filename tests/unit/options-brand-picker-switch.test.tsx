/**
 * The options page's brand picker: the Templates and Knowledge sections below it work on the
 * brand picked, and nothing the agent had open for one brand stays open for the next — not a
 * template's edit form (with its body), not a new template drafted for the first brand (saved
 * into the second), not a knowledge-base search.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { getDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { saveTemplate } from '../../lib/db/repositories/templates';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const { render } = reactRoot();
const db = getDb();
let acme: string;
let bolt: string;

beforeEach(async () => {
  await db.open();
  await Promise.all(db.tables.map((table) => table.clear()));
  acme = (await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '' })).id;
  bolt = (await saveBrand(db, { name: 'Bolt', referencePrefix: 'BOLT', accounts: [], signature: '' })).id;
  await saveTemplate(db, acme, { title: 'Acme refund', body: 'Your refund code is ACME40.', tags: [], language: 'en' });
  await saveTemplate(db, bolt, { title: 'Bolt shipping', body: 'Orders ship in 2 days.', tags: [], language: 'en' });
});

function setValue(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string, event = 'input') {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value);
  field.dispatchEvent(new Event(event, { bubbles: true }));
}

/** The options page, working on `brandId`, with its template list shown. */
async function optionsFor(brandId: string, title: string) {
  const el = render(<OptionsApp />);
  const rows = () => [...el.querySelectorAll('[data-testid="template-row"]')].map((r) => r.textContent ?? '');
  await until(() => !!el.querySelector('select[aria-label="Brand"]') && rows().length > 0, () => el.textContent ?? '');
  await pick(el, brandId);
  await until(() => rows().some((r) => r.includes(title)), () => rows().join(' / '));
  return el;
}

async function pick(el: HTMLElement, brandId: string) {
  await act(async () => setValue(el.querySelector<HTMLSelectElement>('select[aria-label="Brand"]')!, brandId, 'change'));
  await tick();
}

describe('switching brands on the options page', () => {
  it("an Acme template's edit form does not stay open (with its body) once Bolt is picked", async () => {
    const el = await optionsFor(acme, 'Acme refund');
    await act(async () => el.querySelector<HTMLButtonElement>('button[aria-label="Edit “Acme refund”"]')!.click());
    expect(el.querySelector<HTMLTextAreaElement>('#tpl-body')!.value).toContain('ACME40');

    await pick(el, bolt);
    await until(() => !!el.textContent?.includes('Bolt shipping'), () => el.textContent ?? '');
    expect(el.querySelector<HTMLTextAreaElement>('#tpl-body')?.value ?? '', "Acme's template is still open under Bolt").not.toContain('ACME40');
  });

  it('a new template drafted under Acme is not saved into Bolt', async () => {
    const el = await optionsFor(acme, 'Acme refund');
    await act(async () => el.querySelector<HTMLButtonElement>('#templates button.primary')!.click());
    await act(async () => {
      setValue(el.querySelector<HTMLInputElement>('#tpl-title')!, 'Acme voucher');
      setValue(el.querySelector<HTMLTextAreaElement>('#tpl-body')!, 'Use ACME40 at checkout.');
    });

    await pick(el, bolt);
    await until(() => !!el.textContent?.includes('Bolt shipping'), () => el.textContent ?? '');
    // One click on Save, if a form is still there.
    const form = el.querySelector<HTMLFormElement>('#templates form');
    if (form) await act(async () => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    for (let i = 0; i < 5; i++) await tick();
    const boltBodies = (await db.templates.where('brandId').equals(bolt).toArray()).map((tpl) => tpl.body);
    expect(boltBodies, "Acme's draft was saved into Bolt").toEqual(['Orders ship in 2 days.']);
  });

  it("a knowledge-base search typed under Acme is not applied to Bolt's pages", async () => {
    const el = await optionsFor(acme, 'Acme refund');
    const search = () => el.querySelector<HTMLInputElement>('#knowledge input[type="search"]')!;
    await act(async () => setValue(search(), 'refund'));
    expect(search().value).toBe('refund');
    await pick(el, bolt);
    await until(() => !!el.textContent?.includes('Bolt shipping'), () => el.textContent ?? '');
    expect(search().value).toBe('');
  });
});

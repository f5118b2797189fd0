/**
 * Options → Brands: a field the brand cannot have is said in the agent's words and language
 * (never zod's issue list), a second brand with the same name or case-reference prefix is refused,
 * an account listed twice or a line naming no account is refused, and a delete whose plan cannot
 * be read says so.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { BrandsSection, parseAccounts } from '../../entrypoints/options/BrandsSection';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand, type BrandInput } from '../../lib/db/repositories/brands';
import { setLocale } from '../../lib/i18n';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
const { render } = reactRoot();
afterEach(() => {
  setLocale('en');
  vi.restoreAllMocks();
});

const input = (over: Partial<BrandInput> = {}): BrandInput => ({ name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', retentionMonths: null, ...over });

describe('saveBrand refuses what the brand cannot hold, in the interface language', () => {
  it.each([
    [{ name: '   ' }, 'Name: write a name of up to 120 characters.'],
    [{ referencePrefix: 'be-ta' }, 'Case reference prefix: 1 to 8 letters (A–Z) or digits, without spaces or dashes (not “be-ta”).'],
    [{ signature: 'x'.repeat(201) }, 'Signature: at most 200 characters (this one has 201).'],
    [{ retentionMonths: 0 }, 'Keep history (months): a whole number from 1 to 600, or empty to keep history forever.'],
    [{ retentionMonths: Number.NaN }, 'Keep history (months): a whole number from 1 to 600, or empty to keep history forever.'],
  ])('%o', async (over, message) => {
    const db = fresh();
    await expect(saveBrand(db, input(over))).rejects.toThrow(message);
    expect(await db.brands.count()).toBe(0);
  });

  it('in Spanish too', async () => {
    setLocale('es');
    await expect(saveBrand(fresh(), input({ name: ' ', signature: 'x'.repeat(201) }))).rejects.toThrow(
      'Nombre: escribe un nombre de hasta 120 caracteres. Firma: como máximo 200 caracteres (esta tiene 201).',
    );
  });

  it('refuses a second brand of the same name or prefix, whatever the case; an unchosen prefix is made unique', async () => {
    const db = fresh();
    await saveBrand(db, input());
    await expect(saveBrand(db, input({ name: ' acme ', referencePrefix: 'OTHER' }))).rejects.toThrow('Another brand is already called “Acme”. Choose another name.');
    await expect(saveBrand(db, input({ name: 'Beta', referencePrefix: 'acme' }))).rejects.toThrow(
      'The case reference prefix ACME is already used by Acme, so case references would be ambiguous. Choose another prefix.',
    );
    const shoes = await saveBrand(db, input({ name: 'Acme Shoes', referencePrefix: '' }));
    expect(shoes.referencePrefix).toBe('ACME2');
    // Editing a brand keeps its own name and prefix.
    await expect(saveBrand(db, input({ signature: '^A' }), (await db.brands.toArray()).find((b) => b.name === 'Acme')!.id)).resolves.toMatchObject({ signature: '^A' });
  });

  it('refuses an account listed twice in one brand', async () => {
    await expect(
      saveBrand(fresh(), input({ accounts: [{ platform: 'x', handle: 'beta' }, { platform: 'x', handle: '@Beta' }] })),
    ).rejects.toThrow('The account “x:Beta” is listed twice.');
  });
});

describe('parseAccounts', () => {
  it('refuses a line naming no account and an account listed twice, instead of dropping or keeping them', () => {
    expect(() => parseAccounts('x:acme\nx:')).toThrow('“x:” names no account. Write x:handle or facebook:PageName#pageId.');
    expect(() => parseAccounts('x:beta\nx:Beta')).toThrow('The account “x:Beta” is listed twice.');
    expect(() => parseAccounts('facebook:Page#123\nfb:Other#123')).toThrow('listed twice');
    expect(parseAccounts('x:beta\nfacebook:beta')).toEqual([{ platform: 'x', handle: 'beta' }, { platform: 'facebook', handle: 'beta' }]);
  });
});

/** The Brands section, with the new-brand form open (`add`) or not; typing and saving in its form. */
async function openForm(db: CasesideDb, add = true) {
  const el = render(<BrandsSection db={db} />);
  await until(() => !!el.querySelector('button.primary'), () => el.textContent ?? '');
  if (add) await act(async () => el.querySelector<HTMLButtonElement>('button.primary')!.click());
  const type = (id: string, value: string) => {
    const field = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const submit = async () => {
    await act(async () => el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => !!el.querySelector('[role="alert"]') || !el.querySelector('form'), () => el.textContent ?? '');
  };
  return { el, type, submit };
}

describe('options page: brand form', () => {
  it("sets the brand's tone: first names in replies, and the words it avoids (kept once each, as the checks use them)", async () => {
    const db = fresh();
    const { el, type, submit } = await openForm(db);
    type('brand-name', 'Acme');
    type('brand-avoid', 'cheap, Unfortunately\n\n  ASAP \ncheap\nunfortunately');
    const firstName = Array.from(el.querySelectorAll('label')).find((l) => l.textContent?.includes('first name'))!.querySelector('input')!;
    expect(firstName.checked).toBe(true);
    await act(async () => firstName.click());
    await submit();
    expect(el.querySelector('form')).toBeNull();
    const [stored] = await db.brands.toArray();
    expect(stored!.tone).toMatchObject({ useFirstName: false, avoidWords: ['cheap', 'Unfortunately', 'ASAP'] });

    // Editing shows them again, and keeps them when other fields change.
    await act(async () => Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Edit')!.click());
    expect(el.querySelector<HTMLTextAreaElement>('#brand-avoid')!.value).toBe('cheap\nUnfortunately\nASAP');
    type('brand-signature', '^AS');
    await submit();
    expect((await db.brands.toArray())[0]!.tone).toMatchObject({ useFirstName: false, avoidWords: ['cheap', 'Unfortunately', 'ASAP'] });
  });

  it('refuses a word to avoid longer than the check can hold, in words', async () => {
    await expect(saveBrand(fresh(), input({ tone: { avoidWords: ['x'.repeat(81)] } }))).rejects.toThrow('Words the brand avoids: at most 200, each up to 80 characters.');
  });

  it('shows one sentence for a bad field, not zod issue JSON, and limits the inputs', async () => {
    const db = fresh();
    const { el, type, submit } = await openForm(db);
    expect(el.querySelector('#brand-name')!.getAttribute('maxlength')).toBe('120');
    expect(el.querySelector('#brand-prefix')!.getAttribute('maxlength')).toBe('8');
    expect(el.querySelector('#brand-prefix')!.getAttribute('pattern')).toBe('[A-Z0-9]{1,8}');
    expect(el.querySelector('#brand-signature')!.getAttribute('maxlength')).toBe('200');
    await act(async () => type('brand-name', '   '));
    await submit();
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('Name: write a name of up to 120 characters.');
    await act(async () => {
      type('brand-name', 'Beta');
      type('brand-prefix', 'be-ta');
    });
    await submit();
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('Case reference prefix: 1 to 8 letters (A–Z) or digits, without spaces or dashes (not “BE-TA”).');
    await act(async () => {
      type('brand-prefix', 'BETA');
      type('brand-accounts', 'x:beta\nx:Beta');
    });
    await submit();
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('The account “x:Beta” is listed twice.');
    expect(await db.brands.count()).toBe(0);
  });

  it('says why Delete… cannot go on when its plan cannot be read', async () => {
    const db = fresh();
    await saveBrand(db, input());
    const el = render(<BrandsSection db={db} />);
    const del = () => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Delete…');
    await until(() => !!del(), () => el.textContent ?? '');
    vi.spyOn(db, 'transaction').mockImplementationOnce((() => Promise.reject(new Error('The database is blocked'))) as never);
    await act(async () => del()!.click());
    await until(() => !!el.querySelector('[role="alert"]'), () => el.textContent ?? '');
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('Could not read what deleting Acme would delete, so nothing was deleted. The database is blocked');
    expect(await db.brands.count()).toBe(1);
  });

  it('Delete… names its brand, puts focus on Keep, and Keep or Escape puts it back on Delete…', async () => {
    const db = fresh();
    await saveBrand(db, input());
    const el = render(<BrandsSection db={db} />);
    const del = () => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Delete…');
    await until(() => !!del(), () => el.textContent ?? '');
    expect(del()!.getAttribute('aria-label')).toBe('Delete “Acme”…');
    await act(async () => del()!.click());
    await until(() => !!el.querySelector('[role="alertdialog"]'), () => el.textContent ?? '');
    expect(document.activeElement?.textContent).toBe('Keep');
    await act(async () => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
    expect(document.activeElement).toBe(del());
    await act(async () => del()!.click());
    await until(() => !!el.querySelector('[role="alertdialog"]'), () => el.textContent ?? '');
    await act(async () => (document.activeElement as HTMLButtonElement).click());
    expect(document.activeElement).toBe(del());
    expect(await db.brands.count()).toBe(1);
  });
});

describe('options page: editing one brand, then another', () => {
  const editButton = (el: HTMLElement, name: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="Edit “${name}”"]`)!;
  const value = (el: HTMLElement, id: string) => el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!.value;

  it("Edit on Bolt while Acme's form is open shows Bolt's settings, not Acme's", async () => {
    const db = fresh();
    await saveBrand(db, input({ accounts: [{ platform: 'x', handle: 'acme_help' }], signature: '^ACME', tone: { useFirstName: true, avoidWords: ['cheap'] } }));
    await saveBrand(db, input({ name: 'Bolt', referencePrefix: 'BOLT', accounts: [{ platform: 'x', handle: 'bolt_help' }], signature: '^BOLT', retentionMonths: 12 }));
    const { el } = await openForm(db, false);
    await until(() => !!editButton(el, 'Acme') && !!editButton(el, 'Bolt'), () => el.textContent ?? '');
    await act(async () => editButton(el, 'Acme').click());
    expect(value(el, 'brand-name')).toBe('Acme');
    await act(async () => editButton(el, 'Bolt').click());
    expect(el.querySelector('form')!.getAttribute('aria-label')).toContain('Bolt');
    expect(value(el, 'brand-name')).toBe('Bolt');
    expect(value(el, 'brand-prefix')).toBe('BOLT');
    expect(value(el, 'brand-accounts')).toBe('x:bolt_help');
    expect(value(el, 'brand-signature')).toBe('^BOLT');
    expect(value(el, 'brand-avoid')).toBe('');
  });

  it("saving Bolt's form after Acme's was open keeps Bolt's own accounts, signature and tone", async () => {
    const db = fresh();
    await saveBrand(db, input({ accounts: [], signature: '^ACME', tone: { useFirstName: false, avoidWords: ['cheap'] } }));
    const bolt = await saveBrand(db, input({ name: 'Bolt', referencePrefix: 'BOLT', accounts: [{ platform: 'x', handle: 'bolt_help' }], signature: '^BOLT' }));
    const { el, type, submit } = await openForm(db, false);
    await until(() => !!editButton(el, 'Acme') && !!editButton(el, 'Bolt'), () => el.textContent ?? '');
    await act(async () => editButton(el, 'Acme').click());
    await act(async () => editButton(el, 'Bolt').click());
    // The agent makes sure the name and prefix say Bolt, and saves.
    await act(async () => {
      type('brand-name', 'Bolt');
      type('brand-prefix', 'BOLT');
    });
    await submit();
    expect(el.querySelector('form'), el.querySelector('[role="alert"]')?.textContent ?? '').toBeNull();
    const stored = await db.brands.get(bolt.id);
    expect(stored).toMatchObject({ name: 'Bolt', referencePrefix: 'BOLT', accounts: [{ platform: 'x', handle: 'bolt_help' }], signature: '^BOLT' });
    expect(stored!.tone).toMatchObject({ useFirstName: true, avoidWords: [] });
  });
});

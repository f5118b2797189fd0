/**
 * The settings a signature is made of: a brand signature may hold only {{agent.name}},
 * {{agent.initials}} and {{brand.name}} (the form says so, in English and Spanish; an older backup
 * that has another still restores), initials are typed without the signature's symbol, hyphenated
 * first names give both initials, and the "You" section and README say what a backup carries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { browser } from 'wxt/browser';
import { BrandsSection } from '../../entrypoints/options/BrandsSection';
import { saveBrand, type BrandInput } from '../../lib/db/repositories/brands';
import { BrandSchema } from '../../lib/db/records';
import { createDb } from '../../lib/db/schema';
import { AGENT_PROFILE_KEY, agentVariables, checkAgentProfile, initialsOf, loadAgentProfile } from '../../lib/panel/agent-profile';
import { setLocale, t } from '../../lib/i18n';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
const { render } = reactRoot();
afterEach(() => setLocale('en'));

const input = (over: Partial<BrandInput> = {}): BrandInput => ({ name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '', retentionMonths: null, ...over });

describe('a brand signature holds only who signs and the brand', () => {
  it('saveBrand refuses another placeholder, naming it, in English and Spanish', async () => {
    const db = fresh();
    await expect(saveBrand(db, input({ signature: '^{{agent.signature}}' }))).rejects.toThrow(
      'Signature: it may hold only {{agent.name}}, {{agent.initials}} and {{brand.name}}, not {{agent.signature}}.',
    );
    await expect(saveBrand(db, input({ name: ' ', signature: '{{customer.name}} ^{{ask:initials}}' }))).rejects.toThrow(
      'Name: write a name of up to 120 characters. Signature: it may hold only {{agent.name}}, {{agent.initials}} and {{brand.name}}, not {{customer.name}}, {{ask:initials}}.',
    );
    setLocale('es');
    await expect(saveBrand(db, input({ signature: '^{{agent.signature}}' }))).rejects.toThrow(
      'Firma: solo puede llevar {{agent.name}}, {{agent.initials}} y {{brand.name}}, no {{agent.signature}}.',
    );
    expect(await db.brands.count()).toBe(0);
    await expect(saveBrand(db, input({ signature: '^{{agent.initials}} · {{ Brand.Name }} {{AGENT.NAME}}' }))).resolves.toMatchObject({
      signature: '^{{agent.initials}} · {{ Brand.Name }} {{AGENT.NAME}}',
    });
  });

  it('is not a rule of the stored brand: an older backup with one still restores', () => {
    const old = { id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '^{{agent.signature}}', tone: {}, retentionMonths: null, createdAt: 1 };
    expect(BrandSchema.safeParse(old).success).toBe(true);
  });

  it('the brand form says it when saving', async () => {
    const db = fresh();
    const el = render(<BrandsSection db={db} />);
    await until(() => !!el.querySelector('button.primary'), () => el.textContent ?? '');
    await act(async () => el.querySelector<HTMLButtonElement>('button.primary')!.click());
    const type = (id: string, value: string) => {
      const field = el.querySelector<HTMLInputElement>(`#${id}`)!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, value);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await act(async () => {
      type('brand-name', 'Acme');
      type('brand-signature', '^{{agent.signature}}');
    });
    await act(async () => el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => !!el.querySelector('[role="alert"]'), () => el.textContent ?? '');
    expect(el.querySelector('[role="alert"]')!.textContent).toBe(
      'Signature: it may hold only {{agent.name}}, {{agent.initials}} and {{brand.name}}, not {{agent.signature}}.',
    );
    expect(el.querySelector('#brand-signature-hint')!.textContent).toContain('{{brand.name}}');
    expect(await db.brands.count()).toBe(0);
  });
});

describe('initials', () => {
  it('are refused with the sign-off symbol in front, which the signature already has', () => {
    for (const symbol of ['^', '-', '~', '*']) {
      expect(checkAgentProfile({ name: 'Ana Pérez', initials: `${symbol}AP` })).toEqual({
        ok: false,
        problems: [{ field: 'initials', message: `Initials: without the “${symbol}” in front, which the brand’s signature already has (“^{{agent.initials}}” gives “^AP”).` }],
      });
    }
    setLocale('es');
    expect(checkAgentProfile({ name: 'Ana Pérez', initials: '^AP' })).toMatchObject({
      problems: [{ field: 'initials', message: 'Iniciales: sin el «^» delante, que ya lleva la firma de la marca («^{{agent.initials}}» da «^AP»).' }],
    });
    // Elsewhere a symbol is the agent's choice.
    expect(checkAgentProfile({ name: 'Ana Pérez', initials: 'A.P.' })).toEqual({ ok: true, profile: { name: 'Ana Pérez', initials: 'A.P.' } });
  });

  it('saved with the symbol before it was refused, sign without it ("^AP", not "^^AP")', async () => {
    await browser.storage.local.set({ [AGENT_PROFILE_KEY]: { name: 'Ana Pérez', initials: '^AP' } });
    const profile = await loadAgentProfile();
    expect(profile).toEqual({ name: 'Ana Pérez', initials: 'AP' });
    expect(agentVariables(profile, '^{{agent.initials}}').signature).toBe('^AP');
    await browser.storage.local.remove(AGENT_PROFILE_KEY);
  });

  it.each([
    ['Jean-Luc Picard', 'JLP'],
    ['Marie-Ève Côté', 'MÈC'],
    ['jean-luc picard', 'JLP'],
    ['Ana García-López', 'AG'],
    ['Ana Pérez', 'AP'],
  ])('from %s: %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('what a backup carries, as the "You" section and README say', () => {
  it('the profile does not travel; the notes you sign carry your name and keep it', () => {
    expect(t('agent.intro')).toContain('a backup does not carry them');
    expect(t('agent.intro')).toContain('The notes you sign do carry your name, in backups too, and keep it after you clear it here.');
    setLocale('es');
    expect(t('agent.intro')).toContain('una copia de seguridad no los lleva');
    expect(t('agent.intro')).toContain('Las notas que firmas sí llevan tu nombre, también en las copias, y lo conservan aunque lo borres aquí.');
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8').replace(/\s+/gu, ' ');
    expect(readme).toContain('a backup does not carry it and restoring one does not change who you are.');
    expect(readme).toContain('The notes you sign do carry your name (in backups too), and keep it after the profile is cleared.');
  });
});

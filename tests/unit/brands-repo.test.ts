/** Brand accounts: one account belongs to one brand, also when two saves race; the refusal in the agent's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

const input = (name: string) => ({ name, referencePrefix: 'AC', accounts: [{ platform: 'x' as const, handle: 'acme_support' }], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null });

describe('saveBrand', () => {
  it('two saves at once (a double click) cannot both claim an account', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const results = await Promise.allSettled([saveBrand(db, input('Acme')), saveBrand(db, input('Acme'))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await db.brands.count()).toBe(1);
  });

  it('says which accounts are taken, in Spanish too', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await saveBrand(db, input('Acme'));
    await expect(saveBrand(db, input('Otra'))).rejects.toThrow('These accounts already belong to another brand: acme_support (Acme).');
    setLocale('es');
    await expect(saveBrand(db, input('Otra'))).rejects.toThrow('Estas cuentas ya pertenecen a otra marca: acme_support (Acme).');
  });
});

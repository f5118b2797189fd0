import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import { findSameName, linkCustomers, LinkRefusedError, loadCustomerView, MAX_LINKED_CUSTOMERS, suggestLinks, unlinkCustomers } from '../../lib/panel/queries';
import { CustomerSchema, type Customer } from '../../lib/db/records';
import { StorageWriteError } from '../../lib/db/errors';
import { setLocale } from '../../lib/i18n';

const person = (id: string, brandId: string, platform: 'x' | 'facebook', handle: string, displayName: string): Customer => ({
  id, brandId, displayName, identities: [{ platform, handle }], identityKeys: identityKeys(brandId, { platform, handle }),
  tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [],
});

describe('linked identities', () => {
  it('suggests the same handle on the other platform of the same brand, never another brand', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([
      person('x1', 'b1', 'x', 'dana_example', 'Dana Example'),
      person('f1', 'b1', 'facebook', 'dana_example', 'Dana E.'),
      person('f2', 'b2', 'facebook', 'dana_example', 'Dana Example'),
      person('f3', 'b1', 'facebook', 'someone', 'Dana Example'),
    ]);
    const x1 = (await db.customers.get('x1'))!;
    expect((await suggestLinks(db, x1)).map((c) => c.id)).toEqual(['f1']);
    expect((await findSameName(db, x1)).map((c) => c.id)).toEqual(['f3']);
  });

  it('links and unlinks both ways; the view then counts both records', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([person('x1', 'b1', 'x', 'dana', 'Dana'), person('f1', 'b1', 'facebook', 'dana', 'Dana'), person('o', 'b2', 'x', 'dana', 'Dana')]);
    await linkCustomers(db, 'x1', 'f1');
    expect((await loadCustomerView(db, 'b1', 'x1'))!.linked.map((c) => c.id)).toEqual(['f1']);
    expect((await loadCustomerView(db, 'b1', 'f1'))!.linked.map((c) => c.id)).toEqual(['x1']);
    await expect(linkCustomers(db, 'x1', 'o')).rejects.toThrow(/cannot be linked/);
    await unlinkCustomers(db, 'f1', 'x1');
    expect((await loadCustomerView(db, 'b1', 'x1'))!.linked).toEqual([]);
    // Another brand's customer is invisible from this brand.
    expect(await loadCustomerView(db, 'b1', 'o')).toBeNull();
  });

  it('links form one group: linking a third identity to one of two links it to both; unlinking takes one out of all', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([person('x1', 'b1', 'x', 'dana', 'Dana'), person('f1', 'b1', 'facebook', 'dana', 'Dana'), person('x2', 'b1', 'x', 'dana_alt', 'Dana')]);
    await linkCustomers(db, 'x1', 'f1');
    await linkCustomers(db, 'f1', 'x2');
    const linked = async (id: string) => (await loadCustomerView(db, 'b1', id))!.linked.map((c) => c.id).sort();
    expect(await linked('x1')).toEqual(['f1', 'x2']);
    expect(await linked('f1')).toEqual(['x1', 'x2']);
    expect(await linked('x2')).toEqual(['f1', 'x1']);
    await unlinkCustomers(db, 'x1', 'f1');
    expect(await linked('f1')).toEqual([]);
    expect(await linked('x1')).toEqual(['x2']);
    expect(await linked('x2')).toEqual(['x1']);
  });
});

describe('linking: group size, old partial groups, errors', () => {
  const fresh = () => createDb(`t-${crypto.randomUUID()}`);
  /** `n` customers of b1 linked as one full group (each lists every other). */
  const fullGroup = (prefix: string, n: number): Customer[] => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    return ids.map((id) => ({ ...person(id, 'b1', 'facebook', id, id), linkedCustomerIds: ids.filter((o) => o !== id) }));
  };
  const links = async (db: CasesideDb, id: string) => [...((await db.customers.get(id))!.linkedCustomerIds ?? [])].sort();
  afterEach(() => {
    setLocale('en');
    vi.restoreAllMocks();
  });

  it('the limit is the schema’s: 50 linked ids are valid, 51 are not', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(MAX_LINKED_CUSTOMERS).toBe(50);
    expect(CustomerSchema.safeParse({ ...person('a', 'b1', 'x', 'a', 'A'), linkedCustomerIds: ids(MAX_LINKED_CUSTOMERS) }).success).toBe(true);
    expect(CustomerSchema.safeParse({ ...person('a', 'b1', 'x', 'a', 'A'), linkedCustomerIds: ids(MAX_LINKED_CUSTOMERS + 1) }).success).toBe(false);
  });

  it('refuses a group with more than 50 links per customer, in the agent’s language, and writes nothing', async () => {
    const db = fresh();
    const group = fullGroup('g', 51); // each lists 50: full
    const twins = [...fullGroup('p', 30), ...fullGroup('q', 25)];
    await db.customers.bulkPut([...group, ...twins, person('new', 'b1', 'x', 'new', 'New')]);
    const before = await db.customers.toArray();

    const refused = linkCustomers(db, 'g3', 'new');
    await expect(refused).rejects.toThrow('These customers cannot be linked: a customer can have at most 50 linked identities. Unlink some first.');
    await expect(refused).rejects.toBeInstanceOf(LinkRefusedError);
    setLocale('es');
    await expect(linkCustomers(db, 'p0', 'q7')).rejects.toThrow(
      'Estos clientes no se pueden vincular: un cliente puede tener como máximo 50 identidades vinculadas. Desvincula alguna primero.',
    );
    expect(await db.customers.toArray()).toEqual(before);
    // Every record still valid (a later write or an export of them would fail otherwise).
    for (const c of await db.customers.toArray()) expect(CustomerSchema.safeParse(c).success, c.id).toBe(true);
  });

  it('links up to the limit: a group of 50 and one more make 51, each linked to 50', async () => {
    const db = fresh();
    await db.customers.bulkPut([...fullGroup('g', 50), person('new', 'b1', 'x', 'new', 'New')]);
    await linkCustomers(db, 'new', 'g0');
    const all = await db.customers.toArray();
    expect(all.every((c) => c.linkedCustomerIds.length === 50)).toBe(true);
    for (const c of all) CustomerSchema.parse(c);
  });

  it('says "cannot be linked" across brands in the agent’s language', async () => {
    const db = fresh();
    await db.customers.bulkPut([person('x1', 'b1', 'x', 'dana', 'Dana'), person('o', 'b2', 'x', 'dana', 'Dana')]);
    await expect(linkCustomers(db, 'x1', 'o')).rejects.toThrow('These customers cannot be linked.');
    setLocale('es');
    await expect(linkCustomers(db, 'x1', 'o')).rejects.toThrow('Estos clientes no se pueden vincular.');
    await expect(linkCustomers(db, 'x1', 'x1')).rejects.toThrow('Estos clientes no se pueden vincular.');
    await expect(linkCustomers(db, 'x1', 'o')).rejects.toBeInstanceOf(LinkRefusedError);
  });

  it('turns a storage failure into the agent’s message (as other repository writes do)', async () => {
    const db = fresh();
    await db.customers.bulkPut([person('x1', 'b1', 'x', 'dana', 'Dana'), person('f1', 'b1', 'facebook', 'dana', 'Dana')]);
    vi.spyOn(db.customers, 'bulkPut').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const failed = linkCustomers(db, 'x1', 'f1');
    await expect(failed).rejects.toBeInstanceOf(StorageWriteError);
    await expect(failed).rejects.toMatchObject({ kind: 'quota' });
  });

  it('follows links stored in part (older versions, imported backups): A–B and B–C make one group with whoever is linked next', async () => {
    const db = fresh();
    const part = (id: string, linked: string[]) => ({ ...person(id, 'b1', 'x', id, id), linkedCustomerIds: linked });
    await db.customers.bulkPut([part('a', ['b']), part('b', ['a', 'c']), part('c', ['b']), part('d', []), part('e', [])]);
    await linkCustomers(db, 'c', 'd');
    expect(await links(db, 'a')).toEqual(['b', 'c', 'd']);
    expect(await links(db, 'b')).toEqual(['a', 'c', 'd']);
    expect(await links(db, 'c')).toEqual(['a', 'b', 'd']);
    expect(await links(db, 'd')).toEqual(['a', 'b', 'c']);
    expect(await links(db, 'e')).toEqual([]);
  });

  it('completes a group stored in part when two of its members are linked, writing only those that change', async () => {
    const db = fresh();
    const part = (id: string, linked: string[]) => ({ ...person(id, 'b1', 'x', id, id), linkedCustomerIds: linked });
    await db.customers.bulkPut([part('a', ['b']), part('b', ['a', 'c']), part('c', ['b'])]);
    const put = vi.spyOn(db.customers, 'bulkPut');
    await linkCustomers(db, 'a', 'c');
    expect(await links(db, 'a')).toEqual(['b', 'c']);
    expect(await links(db, 'c')).toEqual(['a', 'b']);
    expect(await links(db, 'b')).toEqual(['a', 'c']);
    expect(put.mock.calls.flatMap(([rows]) => rows.map((r) => r.id)).sort()).toEqual(['a', 'c']);
  });

  it('linking two already in one group writes nothing', async () => {
    const db = fresh();
    await db.customers.bulkPut(fullGroup('g', 3));
    const put = vi.spyOn(db.customers, 'bulkPut');
    const putOne = vi.spyOn(db.customers, 'put');
    await linkCustomers(db, 'g0', 'g2');
    expect(put).not.toHaveBeenCalled();
    expect(putOne).not.toHaveBeenCalled();
    expect(await links(db, 'g1')).toEqual(['g0', 'g2']);
  });
});

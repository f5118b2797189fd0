import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import { findSameName, linkCustomers, loadCustomerView, suggestLinks, unlinkCustomers } from '../../lib/panel/queries';
import type { Customer } from '../../lib/db/records';

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

/** Per-brand case references, allocated atomically with the case. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissingTransactionError, allocateReference, formatReference, referenceCounterKey } from '../../lib/cases/reference';
import { openCase } from '../../lib/db/repositories/cases';
import type { Brand, Customer } from '../../lib/db/records';
import { type CasesideDb, createDb } from '../../lib/db/schema';

let db: CasesideDb;

const brand = (id: string, prefix: string): Brand => ({
  id, name: id, referencePrefix: prefix, accounts: [], signature: '',
  tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
});
const customer = (id: string, brandId: string): Customer => ({
  id, brandId, displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [],
});

beforeEach(async () => {
  db = createDb('t-' + crypto.randomUUID());
  await db.brands.bulkAdd([brand('b1', 'ACME'), brand('b2', 'TEL')]);
  await db.customers.bulkAdd([customer('c1', 'b1'), customer('c2', 'b2')]);
});
afterEach(async () => {
  await db.delete();
});

describe('formatReference', () => {
  it('pads to four digits and grows past them', () => {
    expect(formatReference('ACME', 42)).toBe('ACME-0042');
    expect(formatReference('ACME', 12345)).toBe('ACME-12345');
  });
});

describe('allocateReference', () => {
  it('gives 50 concurrent case creations 50 different, consecutive references', async () => {
    const cases = await Promise.all(Array.from({ length: 50 }, () => openCase(db, { brandId: 'b1', customerId: 'c1' })));
    const refs = cases.map((c) => c.reference).sort();
    expect(new Set(refs).size).toBe(50);
    expect(refs[0]).toBe('ACME-0001');
    expect(refs[49]).toBe('ACME-0050');
    expect((await db.meta.get(referenceCounterKey('b1')))?.value).toBe(50);
  });

  it('keeps one counter per brand', async () => {
    await openCase(db, { brandId: 'b1', customerId: 'c1' });
    await openCase(db, { brandId: 'b1', customerId: 'c1' });
    const other = await openCase(db, { brandId: 'b2', customerId: 'c2' });
    expect(other.reference).toBe('TEL-0001');
  });

  it('skips numbers already taken (a counter behind restored cases)', async () => {
    const first = await openCase(db, { brandId: 'b1', customerId: 'c1' });
    await db.meta.put({ key: referenceCounterKey('b1'), value: 0 }); // e.g. an older backup's meta
    const second = await openCase(db, { brandId: 'b1', customerId: 'c1' });
    expect(first.reference).toBe('ACME-0001');
    expect(second.reference).toBe('ACME-0002');
  });

  it('refuses to run outside a read-write transaction over meta and cases', async () => {
    await expect(allocateReference(db, 'b1', 'ACME')).rejects.toBeInstanceOf(MissingTransactionError);
    await expect(db.transaction('r', db.meta, db.cases, () => allocateReference(db, 'b1', 'ACME'))).rejects.toBeInstanceOf(
      MissingTransactionError,
    );
  });

  it('leaves the counter untouched when the case write fails', async () => {
    await expect(openCase(db, { brandId: 'b1', customerId: 'c2' })).rejects.toThrow(/customer/);
    await expect(openCase(db, { brandId: 'b1', customerId: 'c1', conversationId: 'nope' })).rejects.toThrow(/conversation/);
    expect(await db.meta.get(referenceCounterKey('b1'))).toBeUndefined();
  });
});

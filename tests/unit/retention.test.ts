/** Retention, erasure and brand wipe (issue 7, part 5): what goes, and that nothing else moves. */
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../lib/import-export/backup-schema';
import { eraseCustomer, metaBelongsToBrand, planEraseCustomer, planWipeBrand, pruneBrand, retentionCutoff, wipeBrand } from '../../lib/db/retention';
import type { CasesideDb } from '../../lib/db/schema';
import type { Case } from '../../lib/db/records';
import { fixtureTables, freshDb, freshDbWithBrand, seed, type RawTables } from '../fixtures/db/helpers';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const B2 = 'b1a4c2e0-2222-4a5b-9c00-00000000b002';
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const DAY = 86_400_000;

async function tables(db: CasesideDb): Promise<RawTables> {
  const out = {} as RawTables;
  for (const t of TABLE_NAMES) out[t] = (await db.table(t).toArray()) as Array<Record<string, unknown>>;
  return out;
}
/** The stored tables minus the rows `gone` picks: what must remain, byte for byte. */
function without(all: RawTables, gone: (table: string, row: Record<string, unknown>) => boolean): string {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLE_NAMES) out[t] = all[t].filter((r) => !gone(t, r));
  return JSON.stringify(out);
}

describe('retentionCutoff', () => {
  it('goes back whole calendar months', () => {
    expect(retentionCutoff(Date.UTC(2025, 2, 15), 12)).toBe(Date.UTC(2024, 2, 15));
    expect(retentionCutoff(Date.UTC(2025, 0, 10), 1)).toBe(Date.UTC(2024, 11, 10));
  });

  it('clamps the day to the last day of the target month (no overflow on the 29th–31st)', () => {
    const mar31 = Date.UTC(2025, 2, 31, 12);
    const apr1 = Date.UTC(2025, 3, 1, 12);
    expect(retentionCutoff(mar31, 1)).toBe(Date.UTC(2025, 1, 28, 12));
    expect(retentionCutoff(mar31, 1)).toBeLessThanOrEqual(retentionCutoff(apr1, 1));
    expect(retentionCutoff(Date.UTC(2024, 2, 30, 8), 1)).toBe(Date.UTC(2024, 1, 29, 8)); // leap year
    expect(retentionCutoff(Date.UTC(2025, 4, 31), 1)).toBe(Date.UTC(2025, 3, 30));
    expect(retentionCutoff(Date.UTC(2024, 1, 29), 12)).toBe(Date.UTC(2023, 1, 28));
    expect(retentionCutoff(Date.UTC(2025, 0, 31), 13)).toBe(Date.UTC(2023, 11, 31));
    // Day by day through a year, the cutoff never moves backwards.
    let prev = -Infinity;
    for (let t = Date.UTC(2024, 0, 1, 12); t < Date.UTC(2025, 0, 1, 12); t += 86_400_000) {
      const c = retentionCutoff(t, 1);
      expect(c).toBeGreaterThanOrEqual(prev);
      prev = c;
    }
  });
});

describe('pruneBrand', () => {
  async function setUp() {
    const db = freshDb('prune');
    const fx = fixtureTables();
    const old = fx.messages.find((m) => m.id === `${B1}/x:m:9000000000000000101`)!;
    // A B1 customer with one old message and nothing else, and a B2 message just as old.
    fx.customers.push({ ...fx.customers[1]!, id: 'c-gone', identityKeys: [`${B1}|x:gone`], firstSeenAt: T0 - 500 * DAY, lastSeenAt: T0 - 500 * DAY });
    fx.conversations.push({ ...fx.conversations[2]!, id: `${B1}/x:c:old1`, nativeId: 'old1', customerId: 'c-gone', lastMessageAt: T0 - 500 * DAY });
    fx.messages.push({ ...old, id: `${B1}/x:m:old1`, nativeId: 'old1', conversationId: `${B1}/x:c:old1`, customerId: 'c-gone', sentAt: T0 - 500 * DAY });
    const b2 = fx.messages.find((m) => m.brandId === B2)!;
    fx.messages.push({ ...b2, id: `${B2}/facebook:m:old-b2`, nativeId: 'old-b2', sentAt: T0 - 900 * DAY });
    await seed(db, fx);
    return db;
  }

  it("deletes the brand's messages older than its retention, then empty conversations and customers with nothing left", async () => {
    const db = await setUp();
    const before = await tables(db);
    const now = T0 + 10 * DAY;
    const result = await pruneBrand(db, B1, now);
    expect(result).toEqual({ messages: 3, conversations: 2, customers: 1, cutoff: retentionCutoff(now, 12) });
    const gone = new Set([`${B1}/facebook:m:mid.$old1`, `${B1}/facebook:m:mid.$old2`, `${B1}/x:m:old1`, `${B1}/facebook:c:t_3000000001`, `${B1}/x:c:old1`, 'c-gone']);
    expect(JSON.stringify(await tables(db))).toBe(without(before, (_, r) => gone.has(r.id as string)));
    // c-0003 lost every message but keeps a case: kept.
    expect(await db.customers.get('c-0003')).toBeDefined();
  });

  it('keeps the record of an old conversation that an unresolved case still points to (its messages go)', async () => {
    const db = await setUp();
    const fx = fixtureTables();
    const base = fx.cases.find((c) => c.brandId === B1)!;
    await db.cases.put({ ...base, id: 'case-old', reference: 'ACME-0999', customerId: 'c-gone', status: 'waiting-us', resolvedAt: null, conversationIds: [`${B1}/x:c:old1`] } as unknown as Case);
    const result = await pruneBrand(db, B1, T0 + 10 * DAY);
    expect(result.messages).toBe(3);
    expect(await db.messages.get(`${B1}/x:m:old1`)).toBeUndefined();
    expect(await db.conversations.get(`${B1}/x:c:old1`)).toBeDefined();
    expect(await db.customers.get('c-gone')).toBeDefined();
    // Once the case is resolved, the next prune removes it.
    await db.cases.update('case-old', { status: 'resolved' });
    await db.messages.put({ ...(await db.messages.toCollection().first())!, id: `${B1}/x:m:old2`, nativeId: 'old2', brandId: B1, conversationId: `${B1}/x:c:old1`, customerId: 'c-gone', sentAt: T0 - 600 * DAY });
    await pruneBrand(db, B1, T0 + 10 * DAY);
    expect(await db.conversations.get(`${B1}/x:c:old1`)).toBeUndefined();
  });

  it('leaves a brand that keeps history forever untouched', async () => {
    const db = await setUp();
    const before = JSON.stringify(await tables(db));
    expect(await pruneBrand(db, B2, T0 + 10_000 * DAY)).toEqual({ messages: 0, conversations: 0, customers: 0, cutoff: null });
    expect(JSON.stringify(await tables(db))).toBe(before);
  });

  it('does not delete a message 29 days old under a 1-month retention on the 31st', async () => {
    const db = await freshDbWithBrand('prune-month-end', { id: 'b1', name: 'Acme', referencePrefix: 'ACME' });
    await db.brands.update('b1', { retentionMonths: 1 });
    const now = Date.UTC(2025, 2, 31, 12);
    const sentAt = Date.UTC(2025, 2, 2, 12); // 29 days before
    await db.messages.put({
      id: 'b1/x:m:1', conversationId: 'b1/x:c:1', customerId: 'c1', brandId: 'b1', platform: 'x', nativeId: '1',
      direction: 'in', author: 'bob', text: 'hello', sentAt, capturedAt: sentAt,
    });
    const result = await pruneBrand(db, 'b1', now);
    expect(result.messages).toBe(0);
    expect(await db.messages.count()).toBe(1);
  });
});

describe('eraseCustomer', () => {
  it('shows the counts first, then deletes everything about that customer and nothing else', async () => {
    const db = freshDb('erase');
    await seed(db);
    const before = await tables(db);
    const expected = { customers: 1, conversations: 2, messages: 5, cases: 1, notes: 1, followUps: 1, kbArticles: 1 };
    expect(await planEraseCustomer(db, 'c-0001')).toEqual(expected);
    expect(JSON.stringify(await tables(db))).toBe(JSON.stringify(before));
    expect(await eraseCustomer(db, 'c-0001')).toEqual(expected);
    expect(JSON.stringify(await tables(db))).toBe(
      without(before, (t, r) => (t === 'customers' ? r.id === 'c-0001' : r.customerId === 'c-0001')),
    );
    expect(await planEraseCustomer(db, 'c-0001')).toEqual({ customers: 0, conversations: 0, messages: 0, cases: 0, notes: 0, followUps: 0, kbArticles: 0 });
  });

  it("also removes notes and follow-ups filed under the customer's cases", async () => {
    const db = freshDb('erase-case');
    const fx = fixtureTables();
    fx.notes.push({ ...fx.notes[0]!, id: 'note-odd', customerId: 'c-0002' }); // on c-0001's case
    await seed(db, fx);
    expect((await eraseCustomer(db, 'c-0001')).notes).toBe(2);
    expect(await db.notes.get('note-odd')).toBeUndefined();
    expect(await db.notes.get('note-0002')).toBeDefined();
  });
});

describe('wipeBrand', () => {
  it("deletes the brand and all its rows, including its meta rows, and nothing of another brand", async () => {
    const db = freshDb('wipe');
    await seed(db);
    const before = await tables(db);
    const expected = { brands: 1, customers: 3, conversations: 4, messages: 9, cases: 2, notes: 2, followUps: 1, templates: 1, kbArticles: 2, meta: 2 };
    expect(await planWipeBrand(db, B1)).toEqual(expected);
    expect(await wipeBrand(db, B1)).toEqual(expected);
    const isB1 = (t: string, r: Record<string, unknown>) =>
      t === 'brands' ? r.id === B1 : t === 'meta' ? metaBelongsToBrand(r as { key: string; value: unknown }, B1) : r.brandId === B1;
    expect(JSON.stringify(await tables(db))).toBe(without(before, isB1));
    expect(await db.meta.get('settings:panel')).toBeDefined();
    expect(await db.brands.get(B2)).toBeDefined();
  });
});

describe('storage health', () => {
  it('reads persistence and quota, and is null-safe without navigator.storage', async () => {
    const { readStorageHealth, requestPersistence } = await import('../../lib/db/storage-health');
    const storage = { persisted: async () => false, persist: async () => true, estimate: async () => ({ usage: 1234, quota: 10_000 }) };
    expect(await readStorageHealth(storage)).toEqual({ persisted: false, usage: 1234, quota: 10_000 });
    expect(await requestPersistence(storage)).toBe(true);
    expect(await readStorageHealth({})).toEqual({ persisted: null, usage: null, quota: null });
    expect(await requestPersistence({})).toBeNull();
    const broken = { persisted: () => Promise.reject(new Error('denied')), persist: () => Promise.reject(new Error('denied')) };
    expect(await readStorageHealth(broken)).toEqual({ persisted: null, usage: null, quota: null });
    expect(await requestPersistence(broken)).toBe(false);
  });
});

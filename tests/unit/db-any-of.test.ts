import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import { anyOfRows } from '../../lib/db/any-of';
import { loadCustomerView, suggestLinks } from '../../lib/panel/queries';
import type { Customer } from '../../lib/db/records';

const person = (id: string, brandId: string, handles: Array<['x' | 'facebook', string]>): Customer => ({
  id, brandId, displayName: id,
  identities: handles.map(([platform, handle]) => ({ platform, handle })),
  identityKeys: handles.flatMap(([platform, handle]) => identityKeys(brandId, { platform, handle })),
  tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [],
});

const sorted = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

afterEach(() => vi.restoreAllMocks());

describe('anyOfRows', () => {
  it('returns what anyOf returns: every row matching any key, a row matching several keys once', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([
      person('both', 'b1', [['x', 'dana'], ['facebook', 'dana']]),
      person('one', 'b1', [['x', 'sam']]),
      person('none', 'b1', [['x', 'lee']]),
    ]);
    const keys = [...identityKeys('b1', { platform: 'x', handle: 'dana' }), ...identityKeys('b1', { platform: 'facebook', handle: 'dana' }), ...identityKeys('b1', { platform: 'x', handle: 'sam' })];
    const expected = sorted(await db.customers.where('identityKeys').anyOf(keys).distinct().toArray());
    expect(expected).toEqual(['both', 'one']);
    expect(sorted(await anyOfRows(db.customers, 'identityKeys', keys))).toEqual(expected);
    expect(sorted(await anyOfRows(db.customers, 'identityKeys', [...keys, ...keys]))).toEqual(expected);
    expect(await anyOfRows(db.customers, 'identityKeys', [])).toEqual([]);
  });

  it('caps the rows read for each key', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.cases.bulkPut(
      Array.from({ length: 5 }, (_, i) => ({
        id: `k${i}`, brandId: 'b1', customerId: 'c1', reference: `B-000${i}`, title: '', status: 'open' as const, priority: 'normal' as const,
        tags: [], conversationIds: [], openedAt: i, updatedAt: i, resolvedAt: null, revision: 1,
      })),
    );
    expect(await anyOfRows(db.cases, 'customerId', ['c1'], 2)).toHaveLength(2);
    expect(await anyOfRows(db.cases, 'customerId', ['c1'])).toHaveLength(5);
  });

  it('opening a customer reads their rows without walking a cursor', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([person('x1', 'b1', [['x', 'dana']]), person('f1', 'b1', [['facebook', 'dana']])]);
    await db.conversations.put({ id: 'conv', brandId: 'b1', customerId: 'x1', platform: 'x', kind: 'x-dm', nativeId: '1-2', url: 'https://x.com/messages/1-2', lastMessageAt: 1 });
    const cursors = [vi.spyOn(IDBIndex.prototype, 'openCursor'), vi.spyOn(IDBObjectStore.prototype, 'openCursor')];
    const view = await loadCustomerView(db, 'b1', 'x1');
    const links = await suggestLinks(db, view!.customer);
    expect(view!.conversations.map((c) => c.id)).toEqual(['conv']);
    expect(links.map((c) => c.id)).toEqual(['f1']);
    for (const spy of cursors) expect(spy).not.toHaveBeenCalled();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, Message, Note } from '../../lib/db/records';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { customerDoc, messageDoc, noteDoc } from '../../lib/search/documents';
import { HistorySearch } from '../../lib/search/history-search';
import { HISTORY_INDEX_VERSION } from '../../lib/search/history-index';
import { persistIndex, restoreIndex, restoreOrBuild } from '../../lib/search/persist';
import { historyIndexKey } from '../../lib/db/ids';

const T0 = Date.UTC(2025, 0, 1);

const customer = (brandId: string, id: string, displayName: string, handle: string, tags: string[] = []): Customer => ({
  id,
  brandId,
  displayName,
  identities: [{ platform: 'x', handle }],
  identityKeys: [`${brandId}|x:${handle}`],
  tags,
  firstSeenAt: T0,
  lastSeenAt: T0,
  linkedCustomerIds: [],
});

let seq = 0;
const message = (brandId: string, customerId: string, text: string, author = 'someone'): Message => {
  seq += 1;
  return {
    id: `${brandId}/x:m:${seq}`,
    conversationId: `${brandId}/x:c:${customerId}`,
    customerId,
    brandId,
    platform: 'x',
    nativeId: String(seq),
    direction: 'in',
    author,
    text,
    sentAt: T0 + seq * 1000,
    capturedAt: T0 + seq * 1000,
  };
};

const note = (brandId: string, customerId: string, id: string, body: string): Note => ({
  id,
  brandId,
  caseId: null,
  customerId,
  body,
  createdAt: T0,
  updatedAt: T0 + 5,
});

let db: CasesideDb;
let search: HistorySearch;

async function seed() {
  await db.customers.bulkPut([
    customer('acme', 'c-ana', 'Ana García', 'ana_g', ['vip']),
    customer('acme', 'c-bob', 'Bob Stone', 'bobstone'),
    customer('globex', 'c-gina', 'Gina Router', 'gina'),
  ]);
  await db.messages.bulkPut([
    message('acme', 'c-ana', 'Mi router no tiene conexión desde ayer', 'Ana García'),
    message('acme', 'c-ana', 'The refund for order 4471 never arrived'),
    message('acme', 'c-bob', 'My router keeps rebooting every hour', 'Bob Stone'),
    message('globex', 'c-gina', 'Router refund please, secret globex order', 'Gina Router'),
  ]);
  await db.notes.bulkPut([
    note('acme', 'c-ana', 'n-1', 'Promised a technician visit on Tuesday'),
    note('globex', 'c-gina', 'n-2', 'Globex technician visit confidential'),
  ]);
}

beforeEach(async () => {
  db = createDb(`search-${crypto.randomUUID()}`);
  search = new HistorySearch();
  await seed();
  await search.loadBrand(db, 'acme', { chunkSize: 2 });
  await search.loadBrand(db, 'globex');
});

afterEach(async () => {
  await db.delete();
});

describe('brand isolation', () => {
  it('never returns another brand’s documents, whatever the query', () => {
    for (const q of ['router', 'refund', 'technician visit', 'globex', 'gina', 'secret', 'confidential']) {
      for (const hit of search.search('acme', q, { limit: 200 })) {
        expect(hit.id.startsWith('globex') || hit.customerId === 'c-gina' || hit.id === 'n-2').toBe(false);
      }
    }
    expect(search.search('acme', 'globex')).toEqual([]);
    expect(search.search('acme', 'confidential')).toEqual([]);
    expect(search.search('globex', 'router').map((h) => h.customerId)).toEqual(['c-gina', 'c-gina']);
  });

  it('a customer filter naming another brand’s customer finds nothing', () => {
    expect(search.search('acme', 'router', { customerId: 'c-gina' })).toEqual([]);
  });

  it('an incremental add for brand B does not reach brand A', () => {
    search.add(messageDoc(message('globex', 'c-gina', 'zebra crossing outage')));
    expect(search.search('acme', 'zebra')).toEqual([]);
    expect(search.search('globex', 'zebra')).toHaveLength(1);
  });

  it('a brand that is not loaded returns nothing and ignores incremental adds', () => {
    search.add(messageDoc(message('initech', 'c-x', 'router')));
    expect(search.isLoaded('initech')).toBe(false);
    expect(search.search('initech', 'router')).toEqual([]);
  });
});

describe('search', () => {
  it('finds customers by name, handle and tag; messages by text and author; notes by body', () => {
    expect(search.search('acme', 'bobstone')[0]).toMatchObject({ kind: 'customer', id: 'c-bob' });
    expect(search.search('acme', 'vip')[0]).toMatchObject({ kind: 'customer', id: 'c-ana' });
    const refund = search.search('acme', 'refund');
    expect(refund).toHaveLength(1);
    expect(refund[0]).toMatchObject({ kind: 'message', customerId: 'c-ana', conversationId: 'acme/x:c:c-ana' });
    expect(search.search('acme', 'technician')[0]).toMatchObject({ kind: 'note', id: 'n-1', customerId: 'c-ana' });
  });

  it('filters by kind and by customer', () => {
    const kinds = new Set(search.search('acme', 'router', { kinds: ['message'] }).map((h) => h.kind));
    expect([...kinds]).toEqual(['message']);
    const forBob = search.search('acme', 'router', { customerId: 'c-bob' });
    expect(forBob.length).toBeGreaterThan(0);
    expect(forBob.every((h) => h.customerId === 'c-bob')).toBe(true);
    expect(search.search('acme', 'router', { customerId: 'c-ana' }).map((h) => h.customerId)).toEqual(['c-ana']);
    expect(search.search('acme', 'ana', { kinds: ['note'] })).toEqual([]);
  });

  it('is accent-insensitive both ways (é = e, ñ = n)', () => {
    const a = search.search('acme', 'conexion');
    const b = search.search('acme', 'conexión');
    expect(a).toHaveLength(1);
    // Same hit with the same score: an exact match on the folded term, not a fuzzy near-miss.
    expect(b).toEqual(a);
    expect(a[0]!.terms).toEqual(['conexion']);
    expect(search.search('acme', 'GARCIA')[0]?.id).toBe('c-ana');
    search.add(messageDoc(message('acme', 'c-bob', 'Quiero cambiar la contrasena')));
    expect(search.search('acme', 'contraseña')).toHaveLength(1);
  });

  it('matches prefixes and small typos', () => {
    expect(search.search('acme', 'rebo')[0]?.customerId).toBe('c-bob');
    expect(search.search('acme', 'techncian')[0]?.id).toBe('n-1');
    // Short terms stay exact: two letters only as the last (typed) term.
    expect(search.search('acme', 'ro', { kinds: ['message'] }).length).toBeGreaterThan(0);
  });

  it('reads a question typed as a sentence by its content words', () => {
    search.add(messageDoc(message('acme', 'c-ana', 'Refund for order 5531 still not received')));
    // "where", "is", "my": not required (every word must match, and these say nothing).
    expect(search.search('acme', 'where is my refund', { kinds: ['message'] }).length).toBeGreaterThan(0);
    expect(search.search('acme', 'when does my refund come', { kinds: ['message'] })).toEqual([]); // "come" is not in it
    expect(search.search('acme', 'why did my order 5531 not come', { kinds: ['message'] })).toEqual([]);
    expect(search.search('acme', 'why did my order 5531', { kinds: ['message'] }).length).toBeGreaterThan(0);
    expect(search.search('acme', 'my')).toEqual([]);
  });

  it('finds a customer whose name or handle is a stop word ("Will", @al); message text still drops them', () => {
    const names = new HistorySearch();
    names.loadDocuments('b', [
      { kind: 'customer', id: 'c1', brandId: 'b', customerId: 'c1', name: 'Will', handles: 'will', tags: '', body: '', time: 1 },
      { kind: 'customer', id: 'c2', brandId: 'b', customerId: 'c2', name: 'Al', handles: 'al', tags: '', body: '', time: 1 },
      { kind: 'customer', id: 'c3', brandId: 'b', customerId: 'c3', name: 'Ann Lee', handles: 'the_doctor', tags: '', body: '', time: 1 },
      { kind: 'message', id: 'm1', brandId: 'b', customerId: 'c3', name: 'Ann Lee', handles: '', tags: '', body: 'I will call you when it is fixed', time: 1 },
    ]);
    expect(names.search('b', 'will').map((h) => h.id)).toEqual(['c1']);
    expect(names.search('b', 'Al').map((h) => h.id)).toEqual(['c2']);
    expect(names.search('b', '@al').map((h) => h.id)).toEqual(['c2']);
    expect(names.search('b', 'the').map((h) => h.id)).toEqual(['c3']); // handle the_doctor
    // With a content word the query searches everything, stop words ignored, as before.
    expect(names.search('b', 'will call').map((h) => h.id)).toEqual(['m1']);
    expect(names.search('b', 'when is it').map((h) => h.id)).toEqual([]);
  });

  it('requires every term (AND) and respects the limit', () => {
    expect(search.search('acme', 'router rebooting').map((h) => h.customerId)).toEqual(['c-bob']);
    expect(search.search('acme', 'router', { limit: 1 })).toHaveLength(1);
  });

  it('survives hostile queries', () => {
    const hostile = ['', '   ', '*', '"', '""', '\'', '(', ')', 'AND OR NOT', '\\', '%', '.*', '[a-z]+', '\u0000', '💥', 'x'.repeat(10_240), 'router '.repeat(2_000)];
    for (const q of hostile) {
      const started = performance.now();
      const hits = search.search('acme', q);
      expect(Array.isArray(hits)).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    expect(search.search('acme', '*')).toEqual([]);
    expect(search.search('acme', '')).toEqual([]);
    expect(search.search('acme', '"router"').length).toBeGreaterThan(0);
    // Only the first terms of a huge query count.
    expect(search.search('acme', `router ${'zzzq '.repeat(3_000)}`)).toEqual([]);
    expect(search.search('acme', undefined as unknown as string)).toEqual([]);
  });
});

describe('incremental updates', () => {
  it('adds, updates and removes documents', () => {
    const m = message('acme', 'c-bob', 'Parcel damaged in transit');
    search.add(messageDoc(m));
    expect(search.search('acme', 'parcel')).toHaveLength(1);
    search.update(messageDoc({ ...m, text: 'Box crushed in transit' }));
    expect(search.search('acme', 'parcel')).toEqual([]);
    expect(search.search('acme', 'crushed')).toHaveLength(1);
    search.remove('acme', 'message', m.id);
    expect(search.search('acme', 'crushed')).toEqual([]);
    expect(search.search('acme', 'transit')).toEqual([]);
    // Removing something absent, or adding twice, is harmless.
    search.remove('acme', 'message', 'nope');
    search.add(noteDoc(note('acme', 'c-bob', 'n-9', 'call back Friday')));
    search.add(noteDoc(note('acme', 'c-bob', 'n-9', 'call back Friday')));
    expect(search.search('acme', 'friday')).toHaveLength(1);
  });

  it('updates customers (renamed, re-tagged)', () => {
    const bob = customer('acme', 'c-bob', 'Robert Stone', 'bobstone', ['churn-risk']);
    search.update(customerDoc(bob));
    expect(search.search('acme', 'robert')[0]?.id).toBe('c-bob');
    expect(search.search('acme', 'churn')[0]?.id).toBe('c-bob');
  });

  it('keeps changes reported while the brand is still loading', async () => {
    const fresh = new HistorySearch();
    const loading = fresh.loadBrand(db, 'acme', { chunkSize: 1 });
    const added = message('acme', 'c-bob', 'warranty claim pending');
    fresh.add(messageDoc(added));
    const stored = (await db.messages.where('customerId').equals('c-ana').toArray())[0]!;
    fresh.remove('acme', 'message', stored.id);
    await loading;
    expect(fresh.search('acme', 'warranty')).toHaveLength(1);
    expect(fresh.search('acme', stored.text.split(' ')[1]!, { kinds: ['message'], customerId: 'c-ana' }).map((h) => h.id)).not.toContain(stored.id);
  });
});

describe('snippets', () => {
  it('cuts a snippet from the stored record with highlight positions on the original text', async () => {
    const results = await search.searchWithSnippets(db, 'acme', 'conexion');
    expect(results).toHaveLength(1);
    const { snippet } = results[0]!;
    const [range] = snippet.matches;
    expect(range).toBeDefined();
    expect(snippet.text.slice(range!.start, range!.end)).toBe('conexión');
  });

  it('drops hits whose record was deleted since indexing', async () => {
    const bob = await db.messages.where('customerId').equals('c-bob').first();
    await db.messages.delete(bob!.id);
    expect(search.search('acme', 'rebooting')).toHaveLength(1);
    expect(await search.searchWithSnippets(db, 'acme', 'rebooting')).toEqual([]);
    // …and they leave the index.
    expect(search.search('acme', 'rebooting')).toEqual([]);
  });

  it('deleted records never take the places of live ones under the limit', async () => {
    const gone = Array.from({ length: 5 }, () => message('acme', 'c-bob', 'refund for the kettle'));
    for (const m of gone) search.update(messageDoc(m)); // indexed, never stored (or deleted since)
    const live = message('acme', 'c-ana', 'refund for the kettle please');
    await db.messages.put(live);
    search.update(messageDoc(live));
    const found = await search.searchWithSnippets(db, 'acme', 'kettle', { limit: 3 });
    expect(found.map((r) => r.id)).toEqual([live.id]);
  });

  it("erasing a customer or pruning drops the brand's cached index (it holds their words); exports leave it out", async () => {
    const { eraseCustomer } = await import('../../lib/db/retention');
    const { keysInScope } = await import('../../lib/import-export/export');
    await persistIndex(db, search, 'acme');
    await persistIndex(db, search, 'globex');
    expect(await db.meta.get(historyIndexKey('acme'))).toBeDefined();
    expect(await keysInScope(db, 'meta', { kind: 'all' })).not.toContain(historyIndexKey('acme'));
    await eraseCustomer(db, 'c-bob');
    expect(await db.meta.get(historyIndexKey('acme'))).toBeUndefined();
    expect(await db.meta.get(historyIndexKey('globex'))).toBeDefined();
  });
});

describe('serialisation and the meta cache', () => {
  it('round-trips through serialize/deserialize', () => {
    const json = search.serialize('acme');
    const other = new HistorySearch();
    other.deserialize('acme', json);
    expect(other.search('acme', 'conexión')).toEqual(search.search('acme', 'conexión'));
    expect(other.search('globex', 'router')).toEqual([]);
  });

  it('persists and restores when counts match; rebuilds when they do not', async () => {
    expect(await persistIndex(db, search, 'acme')).toBe(true);
    const restored = new HistorySearch();
    expect(await restoreIndex(db, restored, 'acme')).toBe('restored');
    expect(restored.search('acme', 'refund')).toHaveLength(1);

    // The background captured a message while the panel was closed.
    await db.messages.put(message('acme', 'c-bob', 'new complaint about billing'));
    const stale = new HistorySearch();
    expect(await restoreIndex(db, stale, 'acme')).toBe('stale-counts');
    expect(stale.isLoaded('acme')).toBe(false);
    expect(await restoreOrBuild(db, stale, 'acme')).toBe('built');
    expect(stale.search('acme', 'billing')).toHaveLength(1);
    expect(await restoreIndex(db, new HistorySearch(), 'acme')).toBe('restored');
  });

  it('rejects a cache of another version, a corrupt cache, and an index out of step', async () => {
    const key = historyIndexKey('acme');
    await persistIndex(db, search, 'acme');
    const row = await db.meta.get(key);
    const value = row!.value as { version: number; json: string };
    await db.meta.put({ key, value: { ...value, version: HISTORY_INDEX_VERSION + 1 } });
    expect(await restoreIndex(db, new HistorySearch(), 'acme')).toBe('stale-version');
    await db.meta.put({ key, value: { ...value, json: '{not json' } });
    expect(await restoreIndex(db, new HistorySearch(), 'acme')).toBe('corrupt');
    await db.meta.put({ key, value: 'garbage' });
    expect(await restoreIndex(db, new HistorySearch(), 'acme')).toBe('corrupt');
    expect(await restoreIndex(db, new HistorySearch(), 'nobody')).toBe('missing');

    search.add(messageDoc(message('acme', 'c-bob', 'only in memory')));
    expect(await persistIndex(db, search, 'acme')).toBe(false);
  });

  it('each brand has its own cache row', async () => {
    await persistIndex(db, search, 'acme');
    await persistIndex(db, search, 'globex');
    const s = new HistorySearch();
    await restoreIndex(db, s, 'acme');
    expect(s.search('acme', 'globex')).toEqual([]);
    expect(s.isLoaded('globex')).toBe(false);
  });
});

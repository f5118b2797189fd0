/**
 * "Link another customer…": the agent's search for the same person under another name or handle.
 * Only this brand's customers, never the customer or those already linked, best matches first,
 * a few at a time, and without reading the whole brand when it has many matches.
 */
import { describe, expect, it } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import { findCustomersToLink } from '../../lib/panel/queries';
import type { Customer, Identity } from '../../lib/db/records';

const person = (
  id: string,
  displayName: string,
  identity: Identity,
  lastSeenAt = 1_000,
  brandId = 'b1',
  linkedCustomerIds: string[] = [],
): Customer => ({
  id, brandId, displayName, identities: [identity], identityKeys: identityKeys(brandId, identity),
  tags: [], firstSeenAt: 0, lastSeenAt, linkedCustomerIds,
});

const fresh = () => createDb(`t-${crypto.randomUUID()}`);
const ids = async (db: CasesideDb, who: Customer, text: string, limit?: number) =>
  (await findCustomersToLink(db, who, text, limit)).map((c) => c.id);

// The agent is talking to @mgarcia_88 on X; on Facebook she is "María G.".
const onX = person('x1', 'mgarcia_88', { platform: 'x', handle: 'mgarcia_88', userId: '111' }, 5_000);

describe('findCustomersToLink', () => {
  it('matches part of a display name or handle, ignoring case, accents and a leading @; a user id only whole', async () => {
    const db = fresh();
    const maria = person('f1', 'María G.', { platform: 'facebook', handle: 'maria.g.1987', userId: '100044' }, 3_000);
    const jose = person('f2', 'JOSÉ Núñez', { platform: 'facebook', handle: 'jnunez' }, 2_000);
    const other = person('x2', 'Someone Else', { platform: 'x', handle: 'someone_else', userId: '987654' }, 1_000);
    await db.customers.bulkPut([onX, maria, jose, other]);

    expect(await ids(db, onX, 'maria')).toEqual(['f1']); // "María"
    expect(await ids(db, onX, 'MARÍA g')).toEqual(['f1']);
    expect(await ids(db, onX, 'jose nun')).toEqual(['f2']); // "JOSÉ Núñez"
    expect(await ids(db, onX, 'núñez')).toEqual(['f2']);
    expect(await ids(db, onX, '@jnun')).toEqual(['f2']); // handle, with @
    expect(await ids(db, onX, 'g.1987')).toEqual(['f1']); // handle substring, without @
    expect(await ids(db, onX, '  @SOMEONE_  ')).toEqual(['x2']);
    expect(await ids(db, onX, '987654')).toEqual(['x2']); // numeric user id, exact
    expect(await ids(db, onX, '98765')).toEqual([]); // never part of one
    expect(await ids(db, onX, '100044')).toEqual(['f1']);
    expect(await ids(db, onX, 'nobody here')).toEqual([]);
  });

  it('needs at least 2 characters (a lone @ does not count)', async () => {
    const db = fresh();
    await db.customers.bulkPut([onX, person('f1', 'María G.', { platform: 'facebook', handle: 'mg' })]);
    expect(await ids(db, onX, 'm')).toEqual([]);
    expect(await ids(db, onX, '@m')).toEqual([]);
    expect(await ids(db, onX, ' m ')).toEqual([]);
    expect(await ids(db, onX, '@@')).toEqual([]);
    expect(await ids(db, onX, 'mg')).toEqual(['f1']);
  });

  it('never returns another brand’s customer, by name, handle or user id', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      person('f1', 'María G.', { platform: 'facebook', handle: 'maria.g', userId: '4242' }, 1_000, 'b1'),
      person('o1', 'María G.', { platform: 'facebook', handle: 'maria.g', userId: '4242' }, 9_000, 'b2'),
      person('o2', 'María García', { platform: 'x', handle: 'mgarcia_88' }, 9_000, 'b2'),
    ]);
    expect(await ids(db, onX, 'maria')).toEqual(['f1']);
    expect(await ids(db, onX, 'maria.g')).toEqual(['f1']); // exact handle in both brands
    expect(await ids(db, onX, '4242')).toEqual(['f1']);
    expect(await ids(db, onX, 'garcia')).toEqual([]); // only b2 has "García"
    // And from the other brand's side, only its own.
    const b2Customer = person('o3', 'Agent view', { platform: 'x', handle: 'agent_view' }, 1, 'b2');
    await db.customers.put(b2Customer);
    expect((await ids(db, b2Customer, 'maria')).sort()).toEqual(['o1', 'o2']);
  });

  it('leaves out the customer themself and everyone already linked to them', async () => {
    const db = fresh();
    const me = person('x1', 'Maria Garcia', { platform: 'x', handle: 'mgarcia_88' }, 5_000, 'b1', ['f1']);
    await db.customers.bulkPut([
      me,
      person('f1', 'Maria G.', { platform: 'facebook', handle: 'maria.g' }, 4_000, 'b1', ['x1']),
      person('f2', 'Maria Gomez', { platform: 'facebook', handle: 'mgomez' }, 3_000),
    ]);
    expect(await ids(db, me, 'maria')).toEqual(['f2']);
    expect(await ids(db, me, 'mgarcia_88')).toEqual([]); // own exact handle
    expect(await ids(db, me, 'maria.g')).toEqual([]); // a linked one's exact handle
  });

  it('ranks exact, then prefix (of the name, a word of it or a handle), then anywhere; newest first within each', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      person('sub-new', 'Anna Smith', { platform: 'x', handle: 'xx_annalee' }, 900), // "lee" inside the handle
      person('sub-old', 'Ashlee Kim', { platform: 'facebook' }, 100), // inside a word
      person('word', 'Sam Lee Park', { platform: 'facebook', handle: 'sam.park' }, 200), // a word starts with it
      person('pre-new', 'Leena Ortiz', { platform: 'facebook', handle: 'leena.o' }, 800),
      person('pre-handle', 'Marco', { platform: 'x', handle: 'Leeroy' }, 300),
      person('exact', 'Sam', { platform: 'x', handle: 'lee' }, 50), // exact handle, oldest of all
      person('exact-name', 'LEE', { platform: 'facebook' }, 40),
    ]);
    expect(await ids(db, onX, 'lee')).toEqual(['exact', 'exact-name', 'pre-new', 'pre-handle', 'word', 'sub-new', 'sub-old']);
  });

  it('returns at most 8 (or the limit asked), the most recently seen of equal matches', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      ...Array.from({ length: 20 }, (_, n) => person(`c${n}`, `Customer ${n}`, { platform: 'facebook', handle: `cust${n}` }, 10_000 + n)),
    ]);
    const found = await ids(db, onX, 'customer');
    expect(found).toHaveLength(8);
    expect(found).toEqual(Array.from({ length: 8 }, (_, n) => `c${19 - n}`));
    expect(await ids(db, onX, 'customer', 3)).toEqual(['c19', 'c18', 'c17']);
  });

  it('walks the brand newest first and stops early when many match, yet finds an old exact handle', async () => {
    const db = fresh();
    const many = Array.from({ length: 1_500 }, (_, n) =>
      person(`c${n}`, `Pat ${n}`, { platform: 'facebook', handle: `pat_${n}` }, 100_000 + n),
    );
    // The one the agent means: exact handle, seen long before all the others.
    const old = person('old', 'P.', { platform: 'facebook', handle: 'pat' }, 1);
    await db.customers.bulkPut([onX, ...many, old, person('o', 'Pat', { platform: 'x', handle: 'pat' }, 1, 'b2')]);
    let read = 0;
    db.customers.hook('reading', (c) => {
      read++;
      return c;
    });
    const found = await ids(db, onX, '@pat');
    expect(found[0]).toBe('old');
    expect(found.slice(1)).toEqual(['c1499', 'c1498', 'c1497', 'c1496', 'c1495', 'c1494', 'c1493']);
    // Far fewer rows than the brand holds.
    expect(read).toBeLessThan(200);
  });
});

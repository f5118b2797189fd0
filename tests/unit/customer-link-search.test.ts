/**
 * "Link another customer…": the agent's search for the same person under another name or handle.
 * Only this brand's customers, never the customer or those already linked, best matches first,
 * a few at a time, and without reading the whole brand: the walk stops at enough good matches, at
 * the 3,000 most recent customers, or when the search is abandoned.
 */
import { describe, expect, it } from 'vitest';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import { findCustomersToLink, LINK_SEARCH_MAX_SCAN } from '../../lib/panel/queries';
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

  it('walks the brand newest first and stops once it holds the limit of exact or prefix matches, yet finds an old exact handle', async () => {
    const db = fresh();
    const many = Array.from({ length: 1_500 }, (_, n) =>
      person(`c${n}`, `Pat ${n}`, { platform: 'facebook', handle: `pat_${n}` }, 100_000 + n),
    );
    // The one the agent means: exact handle, seen long before all the others.
    const old = person('old', 'P.', { platform: 'facebook', handle: 'pat' }, 1);
    await db.customers.bulkPut([onX, ...many, old, person('o', 'Pat', { platform: 'x', handle: 'pat' }, 1, 'b2')]);
    // Asked once per customer the walk reads (Dexie's reading hook would see only the rows returned).
    let scanned = 0;
    const found = await findCustomersToLink(db, onX, '@pat', 8, { isCurrent: () => (scanned++, true) });
    expect(found.map((c) => c.id)).toEqual(['old', 'c1499', 'c1498', 'c1497', 'c1496', 'c1495', 'c1494', 'c1493']);
    expect(found.capped).toBeFalsy();
    // "Pat 1499" … "Pat 1492" start with it: the walk ends after 8 of the brand's 1,502.
    expect(scanned).toBe(8);
  });

  it('reads at most the brand’s 3,000 most recent customers when few match, and says so', async () => {
    const db = fresh();
    const now = 10_000_000;
    const crowd = Array.from({ length: 3_100 }, (_, n) =>
      person(`c${n}`, `Customer ${n}`, { platform: 'facebook', handle: `cust_${n}` }, now - n),
    );
    crowd[10] = person('recent', 'Zed Quinn', { platform: 'facebook', handle: 'zquinn' }, now - 10); // among the newest
    crowd[3_050] = person('older', 'Zed Older', { platform: 'facebook', handle: 'zolder' }, now - 3_050); // past the cap
    await db.customers.bulkPut([onX, ...crowd]);

    // Asked once per customer the walk reads (Dexie's reading hook would see only the rows returned).
    let scanned = 0;
    const found = await findCustomersToLink(db, onX, 'zed', 8, { isCurrent: () => (scanned++, true) });
    expect(found.map((c) => c.id)).toEqual(['recent']); // "Zed Older" is past the cap: missed…
    expect(found.capped).toBe(true); // … and the picker says so
    expect(scanned).toBe(3_000);
    expect(LINK_SEARCH_MAX_SCAN).toBe(3_000);
  });

  it('finds an exact handle or user id however old, whatever the cap', async () => {
    const db = fresh();
    const crowd = Array.from({ length: 200 }, (_, n) => person(`c${n}`, `Customer ${n}`, { platform: 'facebook', handle: `cust_${n}` }, 10_000 - n));
    const oldest = person('old-exact', 'Someone', { platform: 'x', handle: 'quiet_one', userId: '5550001' }, 1);
    await db.customers.bulkPut([onX, ...crowd, oldest]);
    let scanned = 0;
    const options = { maxScan: 50, isCurrent: () => (scanned++, true) };
    const handle = await findCustomersToLink(db, onX, '@quiet_one', 8, options);
    expect(handle.map((c) => c.id)).toEqual(['old-exact']);
    expect(scanned).toBe(50);
    expect((await findCustomersToLink(db, onX, '5550001', 8, options)).map((c) => c.id)).toEqual(['old-exact']);
    expect((await findCustomersToLink(db, onX, 'quiet_o', 8, options)).capped).toBe(true); // part of it: past the cap
    // Enough good matches within the cap: not capped.
    const many = await findCustomersToLink(db, onX, 'customer', 8, options);
    expect(many).toHaveLength(8);
    expect(many.capped).toBeFalsy();
  });

  it('is capped only when customers were left unread', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      ...Array.from({ length: 5 }, (_, n) => person(`c${n}`, `Customer ${n}`, { platform: 'facebook', handle: `cust${n}` }, 100 + n)),
    ]);
    // 6 customers in the brand, onX (the newest) included: all read, none left.
    const all = await findCustomersToLink(db, onX, 'ustomer', 8, { maxScan: 6 });
    expect(all.map((c) => c.id)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
    expect(all.capped).toBeFalsy();
    const five = await findCustomersToLink(db, onX, 'ustomer', 8, { maxScan: 5 });
    expect(five.map((c) => c.id)).toEqual(['c4', 'c3', 'c2', 'c1']);
    expect(five.capped).toBe(true);
  });

  it('stops walking as soon as the search is no longer current, and answers nothing', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      ...Array.from({ length: 500 }, (_, n) => person(`c${n}`, `Customer ${n}`, { platform: 'facebook', handle: `cust${n}` }, 100 + n)),
    ]);
    let asked = 0;
    // The agent typed on after 10 rows.
    const found = await findCustomersToLink(db, onX, 'ustomer', 8, { isCurrent: () => ++asked <= 10 });
    expect(asked).toBe(11);
    expect(found).toEqual([]);
  });

  it('keeps walking past partial matches until it holds the limit of exact or prefix ones: an older exact name is not hidden', async () => {
    const db = fresh();
    const joannas = Array.from({ length: 45 }, (_, n) => person(`j${n}`, `Joanna ${n}`, { platform: 'facebook', handle: `jo_${n}` }, 10_000 + n));
    const ann = person('ann', 'Ann', { platform: 'facebook', handle: 'a.b.1990' }, 500);
    const anna = person('anna', 'Anna Berg', { platform: 'x', handle: 'aberg' }, 400);
    await db.customers.bulkPut([onX, ...joannas, ann, anna]);
    expect(await ids(db, onX, 'ann')).toEqual(['ann', 'anna', 'j44', 'j43', 'j42', 'j41', 'j40', 'j39']);
  });

  it('finds styled letters and letters without a decomposition (𝐌𝐚𝐫𝐢𝐚, ł, ø, ß) as they are typed', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      person('bold', '𝐌𝐚𝐫𝐢𝐚 𝐆𝐨𝐦𝐞𝐳 ✨', { platform: 'facebook', handle: 'mgomez.shop' }, 900),
      person('wide', 'ｐｅｄｒｏ', { platform: 'facebook' }, 800),
      person('pl', 'Łukasz Żółw', { platform: 'facebook', handle: 'lzolw' }, 700),
      person('dk', 'Søren Kierkegaard', { platform: 'x', handle: 'skierk' }, 600),
      person('de', 'STRAẞE Shop', { platform: 'facebook' }, 500),
    ]);
    expect(await ids(db, onX, 'maria')).toEqual(['bold']);
    expect(await ids(db, onX, 'gómez')).toEqual(['bold']);
    expect(await ids(db, onX, '𝐦𝐚𝐫𝐢𝐚')).toEqual(['bold']);
    expect(await ids(db, onX, 'pedro')).toEqual(['wide']);
    expect(await ids(db, onX, 'lukasz')).toEqual(['pl']);
    expect(await ids(db, onX, 'zolw')).toEqual(['pl']);
    expect(await ids(db, onX, 'soren')).toEqual(['dk']);
    expect(await ids(db, onX, 'strasse')).toEqual(['de']);
  });

  it('counts a word start after a hyphen, an apostrophe or a dot as a prefix match', async () => {
    const db = fresh();
    await db.customers.bulkPut([
      onX,
      person('inside', 'Maluca Store', { platform: 'facebook' }, 900), // inside a word: last
      person('hyphen', 'Jean-Luc Martin', { platform: 'facebook' }, 300),
      person('apostrophe', 'Ana D’Lucca', { platform: 'facebook' }, 200),
      person('dot', 'St.Lucia Rentals', { platform: 'facebook' }, 100),
    ]);
    expect(await ids(db, onX, 'luc')).toEqual(['hyphen', 'apostrophe', 'dot', 'inside']);
  });
});

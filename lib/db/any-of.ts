import type { IndexableType, Table } from 'dexie';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the row type is read
type AnyTable = Table<any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RowOf<Tb> = Tb extends Table<infer T, any, any> ? T : never;

/**
 * The rows whose `index` holds any of `keys`, each row once, in no particular order: what
 * `table.where(index).anyOf(keys).toArray()` returns, read with one `getAll` per key instead
 * of a cursor. Dexie walks `anyOf` with a cursor (one `continue()` round trip per row, even for a
 * single key), which showed in the panel's CPU profile of opening a conversation; these lookups
 * hold one to a few keys, each matching a few rows. `perKey` caps the rows read for each key.
 */
export async function anyOfRows<Tb extends AnyTable, K extends IndexableType>(
  table: Tb,
  index: string,
  keys: readonly K[],
  perKey = Infinity,
): Promise<RowOf<Tb>[]> {
  const distinct = [...new Set(keys)];
  const lists: RowOf<Tb>[][] = await Promise.all(distinct.map((k) => table.where(index).equals(k).limit(perKey).toArray()));
  if (lists.length === 1) return lists[0]!;
  // A multi-entry index (identityKeys) can match one row under several keys.
  const pk = table.schema.primKey.keyPath as string;
  const seen = new Set<unknown>();
  return lists.flat().filter((row) => {
    const id = (row as Record<string, unknown>)[pk];
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A list kept in one meta row (a brand's pending promises, its known issues): what is read back
 * is the list's valid entries only, so a row damaged by hand (an edited backup) loses the bad
 * entries, not the whole list, and a row that is not a list reads as empty.
 */
import type { z } from 'zod';

export function validEntries<T>(schema: z.ZodType<T>, value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Two copies of one list row (what is stored, what a backup holds) merged entry by entry, the
 * way a restore treats records: an entry only one side has is kept; for one both have, the
 * backup's wins under `replace`, or under `keep-newer` when it is strictly newer. The stored
 * order is kept, the backup's new entries follow.
 */
export function mergeEntries<T>(stored: readonly T[], incoming: readonly T[], idOf: (entry: T) => string, freshness: (entry: T) => number, policy: 'replace' | 'keep-newer'): T[] {
  const fromBackup = new Map(incoming.map((e) => [idOf(e), e]));
  const merged = stored.map((e) => {
    const other = fromBackup.get(idOf(e));
    fromBackup.delete(idOf(e));
    return other !== undefined && (policy === 'replace' || freshness(other) > freshness(e)) ? other : e;
  });
  return [...merged, ...fromBackup.values()];
}

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

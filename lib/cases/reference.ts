/**
 * Human-readable case references per brand ("ACME-0042"), so a customer and the colleague who
 * picks up tomorrow can name the case. The counter lives in `meta` under `ref:<brandId>` and
 * is read and bumped inside the transaction that creates the case: IndexedDB runs
 * read-write transactions over the same stores one after another, so two panels opening cases
 * at once never get the same number.
 */
import Dexie from 'dexie';
import type { CasesideDb } from '../db/schema';

export const referenceCounterKey = (brandId: string) => `ref:${brandId}`;

export function formatReference(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/** The brand's first reference numbered after `after` that `taken` does not hold, and its number. */
export async function nextFreeReference(
  prefix: string,
  after: number,
  taken: (reference: string) => boolean | Promise<boolean>,
): Promise<{ reference: string; n: number }> {
  let n = after;
  let reference: string;
  do {
    n += 1;
    reference = formatReference(prefix, n);
  } while (await taken(reference));
  return { reference, n };
}

export class MissingTransactionError extends Error {
  override readonly name = 'MissingTransactionError';
}

/**
 * Allocates the brand's next reference. Must run inside a read-write transaction over
 * `meta` and `cases` (the caller's, which also writes the case). Skips numbers already used,
 * e.g. by cases restored from a backup taken after the counter.
 */
export async function allocateReference(db: CasesideDb, brandId: string, prefix: string): Promise<string> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.db !== db || tx.mode !== 'readwrite' || !['meta', 'cases'].every((s) => tx.storeNames.includes(s))) {
    throw new MissingTransactionError('allocateReference must run inside a rw transaction over meta and cases.');
  }
  const key = referenceCounterKey(brandId);
  const row = await db.meta.get(key);
  const { reference, n } = await nextFreeReference(
    prefix,
    typeof row?.value === 'number' ? row.value : 0,
    async (ref) => (await db.cases.where('[brandId+reference]').equals([brandId, ref]).count()) > 0,
  );
  await db.meta.put({ key, value: n });
  return reference;
}

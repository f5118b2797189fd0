/**
 * Storage health for the options page (issue 7): is the database protected from eviction, and
 * how full is the origin's quota. navigator.storage is absent in some contexts (older browsers,
 * tests); every value is then `null` rather than a guess.
 */
export type StorageHealth = {
  /** true: the browser will not evict this origin's data under storage pressure. */
  persisted: boolean | null;
  /** Bytes used by this origin, as the browser estimates them. */
  usage: number | null;
  /** Bytes this origin may use. */
  quota: number | null;
};

type StorageLike = Partial<Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>>;

const storageManager = (): StorageLike | undefined =>
  (globalThis.navigator as (Navigator & { storage?: StorageLike }) | undefined)?.storage;

export async function readStorageHealth(storage: StorageLike | undefined = storageManager()): Promise<StorageHealth> {
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/**
 * Asks the browser to keep this origin's data (call from a user gesture in the options page).
 * Resolves true when granted, false when refused, null when the API is missing.
 */
export async function requestPersistence(storage: StorageLike | undefined = storageManager()): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

/**
 * Stable keys. Every stored row that comes from a platform is keyed by its brand too, so two
 * brands that happen to see the same thread never share (or overwrite) a row.
 */
import type { Platform } from '../platforms/snapshot';

export const conversationKey = (brandId: string, platform: Platform, nativeId: string) =>
  `${brandId}/${platform}:c:${nativeId}`;

export const messageKey = (brandId: string, platform: Platform, nativeId: string) =>
  `${brandId}/${platform}:m:${nativeId}`;

/** Lookup keys stored in customers.identityKeys (multiEntry index). */
export function identityKeys(
  brandId: string,
  identity: { platform: Platform; handle?: string; userId?: string },
): string[] {
  const keys: string[] = [];
  if (identity.handle) keys.push(`${brandId}|${identity.platform}:${identity.handle.toLowerCase()}`);
  if (identity.userId) keys.push(`${brandId}|${identity.platform}#${identity.userId}`);
  return keys;
}

export const newId = (): string => crypto.randomUUID();

/**
 * Whether a meta row belongs to a brand, so export, wipe and erase can find it (and a brand's
 * backup may hold it). The keys in use end with the brand id (`kb:revision:<brandId>`,
 * `search:history:<brandId>`); conversation tracking rows (`track:<platform>:<id>`) hold the
 * brand id as their value. Brand ids are UUIDs, so a whole `:`-separated segment equal to one is
 * never a coincidence.
 * TODO(lead): keep new brand-owned meta keys to this rule.
 */
export function metaBelongsToBrand(row: { key: string; value: unknown }, brandId: string): boolean {
  return row.key.split(':').includes(brandId) || row.value === brandId;
}

/** Meta keys of the brands' cached history-search indexes (lib/search/persist.ts): a cache, not data. */
export const HISTORY_INDEX_PREFIX = 'search:history:';
export const historyIndexKey = (brandId: string) => `${HISTORY_INDEX_PREFIX}${brandId}`;

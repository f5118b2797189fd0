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

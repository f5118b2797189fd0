/**
 * Which brand a page belongs to: the brand that lists the account the agent is logged in as
 * (X handle, Facebook Page vanity name or Page id). Pure.
 */
import type { Brand } from '../db/records';
import type { Agent } from '../platforms/snapshot';

const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function brandForAgent(brands: readonly Brand[], agent: Agent | null): Brand | null {
  if (!agent) return null;
  for (const brand of brands) {
    for (const account of brand.accounts) {
      if (account.platform !== agent.platform) continue;
      if (same(account.handle?.replace(/^@/, ''), agent.handle?.replace(/^@/, ''))) return brand;
      if (account.pageId && account.pageId === agent.pageId) return brand;
    }
  }
  return null;
}

/** Key under which a conversation the agent chose to track (outside any brand account) is remembered. */
export const trackKey = (platform: string, nativeId: string) => `track:${platform}:${nativeId}`;

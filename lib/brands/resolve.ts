/**
 * Which brand a page belongs to: the brand that lists the account the agent is logged in as
 * (X handle, Facebook Page vanity name or Page id). Pure.
 */
import type { Brand } from '../db/records';
import { PUBLIC_KINDS, type Agent, type ConversationSnapshot } from '../platforms/snapshot';

const bare = (handle?: string) => handle?.trim().replace(/^@/, '').toLowerCase() || undefined;

/**
 * The brands that list any account the agent stands for: by Page id (or numeric id), and by
 * handle (X handle, Facebook vanity name), compared as accounts are keyed (no "@", any case).
 */
export function brandsClaimingAgent(brands: readonly Brand[], agent: Agent | null): { byPageId: Brand[]; byHandle: Brand[] } {
  const byPageId: Brand[] = [];
  const byHandle: Brand[] = [];
  if (!agent) return { byPageId, byHandle };
  const handle = bare(agent.handle);
  for (const brand of brands) {
    const accounts = brand.accounts.filter((a) => a.platform === agent.platform);
    if (agent.pageId && accounts.some((a) => a.pageId === agent.pageId)) byPageId.push(brand);
    if (handle && accounts.some((a) => bare(a.handle) === handle)) byHandle.push(brand);
  }
  return { byPageId, byHandle };
}

/**
 * The brand of the account the agent is logged in as: the one brand its Page id and its handle
 * point at. Both are looked up across all brands (never brand by brand, where the first brand
 * listing either would win). An agent whose ids point at different brands — its Page id at one,
 * its handle at another (a Page's name shown or read for another Page) — or at two brands has
 * no brand: nothing is recorded under either until the page says which.
 */
export function brandForAgent(brands: readonly Brand[], agent: Agent | null): Brand | null {
  const { byPageId, byHandle } = brandsClaimingAgent(brands, agent);
  const claimants = new Set([...byPageId, ...byHandle]);
  return claimants.size === 1 ? [...claimants][0]! : null;
}

/** Key under which a conversation the agent chose to track (outside any brand account) is remembered. */
export const trackKey = (platform: string, nativeId: string) => `track:${platform}:${nativeId}`;

const MENTION = /(?:^|[^A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})\b/g;

/**
 * Whether a conversation read while logged in as one of `brand`'s accounts involves the brand
 * (product.md: only those are recorded automatically; any other only when the agent asks). A
 * DM, chat or reply being composed does. A public thread or post does when one of the brand's
 * accounts wrote in it (the post itself, a reply) or, on X, when a message mentions one of its
 * handles. Browsing someone else's thread or post does not: nothing of it is kept unless the
 * agent tracks it. Pure.
 */
export function involvesBrand(brand: Brand, snapshot: ConversationSnapshot): boolean {
  // Its DMs and chats (every private kind), and a reply it is composing, by their nature.
  if (!PUBLIC_KINDS.has(snapshot.kind) || snapshot.kind === 'x-compose') return true;
  const accounts = brand.accounts.filter((a) => a.platform === snapshot.platform);
  const handles = new Set(accounts.flatMap((a) => (a.handle ? [a.handle.replace(/^@/, '').toLowerCase()] : [])));
  const pageIds = new Set(accounts.flatMap((a) => (a.pageId ? [a.pageId] : [])));
  return snapshot.messages.some((m) => {
    if (m.direction === 'out') return true;
    if (m.author.handle && handles.has(m.author.handle.replace(/^@/, '').toLowerCase())) return true;
    if (m.author.userId && pageIds.has(m.author.userId)) return true;
    if (snapshot.platform !== 'x') return false;
    for (const match of m.text.matchAll(MENTION)) if (handles.has(match[1]!.toLowerCase())) return true;
    return false;
  });
}

/**
 * Stable ids for DM messages where the DOM carries none (legacy DMs): derived from the
 * conversation, direction, time and text, so the same message gets the same id from any scroll
 * position. Identical messages within one snapshot get a `~2`, `~3` suffix in order.
 */
import { stableHash } from './dom';

export function derivedIdMaker(conversationId: string): (parts: { direction: string; sentAt: string | null; text: string }) => string {
  const seen = new Map<string, number>();
  return ({ direction, sentAt, text }) => {
    const base = `${conversationId}:${stableHash(`${direction}|${sentAt ?? ''}|${text}`)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  };
}

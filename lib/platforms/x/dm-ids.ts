/**
 * Stable ids for DM messages where the DOM carries none (legacy DMs): derived from the
 * conversation, direction, time and text, so the same message gets the same id from any scroll
 * position. Identical messages within one snapshot get a `~2`, `~3` suffix in order.
 */
import { stableHash } from './dom';

export interface DmContent {
  direction: string;
  sentAt: string | null;
  text: string;
}

/**
 * What a derived id is made of, as a short key (8 hex digits, whatever the text's length): the
 * same message gives the same key under any conversation. The content script's accumulator keeps
 * these keys, not the texts, to recognise the conversation just left (lib/content/accumulate.ts).
 */
export const dmContentKey = ({ direction, sentAt, text }: DmContent): string => stableHash(`${direction}|${sentAt ?? ''}|${text}`);

export function derivedIdMaker(conversationId: string): (parts: DmContent) => string {
  const seen = new Map<string, number>();
  return (parts) => {
    const base = `${conversationId}:${dmContentKey(parts)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  };
}

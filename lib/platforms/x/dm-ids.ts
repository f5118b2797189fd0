/**
 * Stable ids for legacy DM messages, whose DOM carries none: the same for every reading of a
 * message from any scroll position, different for two messages that look alike.
 *
 * A row with a time: `dm:<conv>:<content key>` (direction, time and text). The same text sent
 * twice in the same minute gets `~2`, `~3` in reading order (unchanged from the first scheme).
 *
 * A row without a time: direction and text say too little ("ok", "ok"). The first scheme numbered
 * identical rows among those read, so in a virtualised list a later "ok" read after the earlier
 * one had scrolled out took its id and was dropped as already seen (by the content script's
 * accumulator and by the database). What tells them apart is where they stand. Evidence weighed:
 * - rows below: they change while the conversation goes on, and the newest message (the "ok"
 *   most likely to repeat an earlier one) has none yet;
 * - the nearest timed row above: unique, but possibly many rows up, so every untimed row before
 *   the first timed row rendered would be unidentifiable (how often X shows a time is not known
 *   from any saved page);
 * - the accumulator's memory of earlier readings: gone after a reload, and the database must
 *   tell the two apart as well;
 * - the rows directly above (chosen): messages are only ever added below the last one, so what
 *   is above a message never changes once it exists, and it is rendered with every row but the
 *   first ones of the rendered run.
 * So an untimed row's id is `dm:<conv>:<content key>-<context>`, the context being the nearest
 * row above with other content (its content key: direction, time and text — a timed row there
 * makes the id unique) and how many rows identical to this one stand between (`ok`, `ok` → 1, 2).
 * The first rows rendered (the first, and the rows identical to it right below) have no visible
 * context: they are held back (`null`) until the row above is rendered, and meanwhile the
 * accumulator still holds them if an earlier reading showed them. Any id given them instead would
 * be either a second id for a message read elsewhere with its context (stored twice on every
 * reopening of a long DM) or the ambiguous first-scheme id. Exception: when the pane shows the
 * conversation's start (the profile card above its first message; the caller decides), the
 * start is their context.
 *
 * The first-scheme id of an untimed row (`~n` among the rows of the reading, as that scheme
 * numbered them) comes back as its former id: a message an earlier Caseside stored is found under
 * it rather than stored again (lib/db/capture.ts), as on Messenger (facebook/message-id.ts).
 *
 * Not told apart: the same untimed text after the same untimed row twice in one conversation
 * ("Anything else?" then "no", twice, the question untimed too): within one reading the second
 * gets `~2`; read without the first, it takes the first's id (the first scheme's limit, now only
 * for repeated pairs). A message whose row above is deleted or edited gets a new id, as does a
 * row whose own time the page stops showing (the first scheme had the latter too).
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

/** The id scheme before untimed rows had a context (still the ids of timed rows). */
export function derivedIdMaker(conversationId: string): (parts: DmContent) => string {
  const seen = new Map<string, number>();
  return (parts) => {
    const base = `${conversationId}:${dmContentKey(parts)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  };
}

export interface DmRowId {
  id: string;
  /** The id the row had under the scheme before (untimed rows only). */
  formerIds?: string[];
}

/**
 * Ids of the rows of one reading, in page order (`rows`: every message row rendered, top to
 * bottom). `startShown`: the first row is the conversation's first message. Null for a row held
 * back (an untimed row whose context is not rendered).
 */
export function dmRowIds(conversationId: string, rows: readonly DmContent[], startShown: boolean): (DmRowId | null)[] {
  const legacy = derivedIdMaker(conversationId);
  const seen = new Map<string, number>();
  const keys = rows.map(dmContentKey);
  /** Per row, the index of the nearest row above with other content (-1: none rendered). */
  const aboveOf: number[] = [];
  return rows.map((row, i) => {
    const above = i > 0 && keys[i - 1] === keys[i] ? aboveOf[i - 1]! : i - 1;
    aboveOf.push(above);
    const former = legacy(row);
    if (row.sentAt !== null) return { id: former };
    if (above < 0 && !startShown) return null;
    const context = `${above < 0 ? 'start' : keys[above]}|${i - above}`;
    const base = `${conversationId}:${keys[i]}-${stableHash(context)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}~${n}`, formerIds: [former] };
  });
}

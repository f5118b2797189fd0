/**
 * Builds the short excerpt shown under a search result, with the ranges to highlight.
 * Matching is done on folded words (see normalize.ts), positions on the original text, so
 * "atención" is highlighted for the query "atencion".
 */
import { foldTerm, TERM_RUN } from './normalize';

export type Snippet = {
  text: string;
  /** Half-open [start, end) ranges in `text`. */
  matches: { start: number; end: number }[];
};

// The tokenizer's own word definition: a word with an emoji joined by ZWJ ("gracias🤷‍♀️") is one
// term in the index, so it is one word here, or its match would not be highlighted.
const WORD = TERM_RUN;

/**
 * @param terms document terms that matched (MiniSearch `result.terms`, already folded).
 */
export function makeSnippet(text: string, terms: readonly string[], maxLength = 160): Snippet {
  const wanted = new Set(terms);
  const hits: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    if (wanted.has(foldTerm(m[0]))) hits.push({ start: m.index, end: m.index + m[0].length });
  }
  const first = hits[0];
  let from = 0;
  if (text.length > maxLength && first) {
    // Put the first match about a third into the window, and start on a word boundary.
    from = Math.max(0, Math.min(first.start - Math.floor(maxLength / 3), text.length - maxLength));
    if (from > 0) {
      const space = text.indexOf(' ', from);
      if (space !== -1 && space < first.start) from = space + 1;
    }
  }
  const to = Math.min(text.length, from + maxLength);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const body = text.slice(from, to);
  return {
    text: prefix + body.replace(/\s+/g, ' ') + suffix,
    matches: whitespaceSafe(body, hits, from, prefix.length),
  };
}

/** Maps match ranges through the whitespace collapse applied to the snippet body. */
function whitespaceSafe(
  body: string,
  hits: { start: number; end: number }[],
  from: number,
  offset: number,
) {
  // Position map from body index to collapsed index.
  const map: number[] = new Array(body.length + 1);
  let out = 0;
  for (let i = 0; i < body.length; i++) {
    map[i] = out;
    const isSpace = /\s/.test(body[i]!);
    if (!isSpace || i === 0 || !/\s/.test(body[i - 1]!)) out++;
  }
  map[body.length] = out;
  return hits
    .filter((h) => h.start >= from && h.end <= from + body.length)
    .map((h) => ({ start: map[h.start - from]! + offset, end: map[h.end - from]! + offset }));
}

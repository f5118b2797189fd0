/**
 * Pure text comparison for insertion checks. Editors render the same reply differently
 * (Draft.js splits lines into blocks, Lexical into <br>s, X shows emoji as <img alt>, NBSP
 * for trailing spaces, zero-width characters as caret anchors), so both sides are reduced to
 * the visible characters before comparing.
 */

/** Zero-width characters and emoji variation selectors that editors add or drop silently. */
// An alternation, not a class: a class holding the ZWJ and selectors reads as a combined glyph.
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\uFE0E|\uFE0F/gu;

/**
 * NFC, no zero-width characters, every whitespace run reduced to one "\n" when it holds a line
 * break (block boundaries, <br>, blank lines) or to one space otherwise (NBSP included).
 * Line breaks still count: an editor that joins the lines has not inserted the reply.
 */
export function normaliseForCompare(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, (run) => (/[\n\r\u2028\u2029]/u.test(run) ? '\n' : ' '))
    .trim();
}

/** Non-overlapping occurrences of `needle` in `haystack` (both already normalised). */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

/**
 * What an insertion did to the editor:
 * - present: the reply appears exactly once more than before (replace: the editor holds just the reply)
 * - absent: nothing changed — safe to try the next strategy
 * - partial: the editor changed but does not hold the reply as given — never retry over it
 * - duplicated: the reply appears more than once more — the editor handled the insertion twice
 * - kept-old: replace mode, the reply is there but the previous text was not replaced
 */
export type InsertionState = 'present' | 'absent' | 'partial' | 'duplicated' | 'kept-old';

export function classifyInsertion(
  before: string,
  after: string,
  reply: string,
  mode: 'caret' | 'replace',
): InsertionState {
  const wanted = normaliseForCompare(reply);
  const was = normaliseForCompare(before);
  const now = normaliseForCompare(after);
  const added = countOccurrences(now, wanted) - (mode === 'replace' ? 0 : countOccurrences(was, wanted));
  if (mode === 'replace' && added >= 1) {
    if (now === wanted) return 'present';
    return added > 1 ? 'duplicated' : 'kept-old';
  }
  if (added === 1) return 'present';
  if (added > 1) return 'duplicated';
  return now === was ? 'absent' : 'partial';
}

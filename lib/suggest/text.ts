/**
 * Text normalisation shared by the suggestion engine, the tone reader and the checks.
 * Pure functions, no state. English and Spanish (accents are folded so "mañana" == "manana").
 */

/** http(s) links, bare www. links and t.co short links. */
export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
/** @handles (X allows letters, digits and underscore, up to 15; Facebook vanity names are longer). */
export const MENTION_PATTERN = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]{1,50}/gu;
/** A trailing agent initial sign-off such as "^JD" / "^Madison" at the very end of a reply. */
export const TRAILING_CARET_SIGNATURE = /\s*\^[\p{L}]{1,20}\s*$/u;

/** `s` as literal text inside a regular expression. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** `value` as a whole token: not run into a letter or digit on either side ("^AP", not "^APX"). */
export const wholeToken = (value: string, flags = 'u'): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, flags);

/** Lower-case and fold accents (NFD, drop combining marks). "Mañana" → "manana". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words: runs of letters/digits (apostrophes inside words kept: "don't"). */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

// Function words of English and Spanish: they carry no topic, and dropping them keeps both BM25
// and the "matched words" explanation meaningful.
const STOP = new Set(
  (
    'a an the and or but if then than so to of in on at by for from with without into onto over under ' +
    'is are was were be been being am do does did done doing have has had having can could will would ' +
    'shall should may might must i me my mine we us our ours you your yours he him his she her hers it its ' +
    'they them their theirs this that these those there here what which who whom whose when where why how ' +
    'all any both each few more most other some such no nor not only own same too very just also as up out ' +
    'about again once off further get got im ive id dont didnt doesnt cant wont isnt arent wasnt hi hello hey ' +
    'thanks thank please pls plz yes ok okay oh s t re ll ve d m u ur r rt amp via http https www com ' +
    'el la los las un una unos unas y o pero si de del al en con sin por para que es son fue ser estar esta ' +
    'este esto estos estas eso esa ese lo le les se me mi mis te tu tus su sus nos nuestro nuestra ya muy mas ' +
    'hola gracias como cuando donde porque pues hay ha han he hemos tengo tiene tienen'
  ).split(/\s+/),
);

/** Very light suffix stripping (EN plurals/-ing/-ed, ES plurals). Enough to join "refunds"/"refund". */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}

/** Index/query terms: folded words, without stop words and 1-letter tokens, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(stripLinksAndMentions(text))) {
    if (w.length < 2 || STOP.has(w.replace(/['’]/gu, ''))) continue;
    const s = stem(w);
    if (s.length >= 2 && !STOP.has(s)) out.push(s);
  }
  return out;
}

/** Processes one token the way {@link terms} does (minisearch `processTerm`). */
export function processTerm(token: string): string | null {
  const w = fold(token);
  if (w.length < 2 || STOP.has(w.replace(/['’]/gu, ''))) return null;
  const s = stem(w);
  return s.length >= 2 && !STOP.has(s) ? s : null;
}

/** minisearch `tokenize`: links and @handles are not topic words. */
export function tokenizeForIndex(text: string): string[] {
  return stripLinksAndMentions(text).split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);
}

export function stripLinksAndMentions(text: string): string {
  return text.replace(URL_PATTERN, ' ').replace(MENTION_PATTERN, '$1 ');
}

/**
 * The comparison form used by the replay evaluation (docs/evaluation.md §2): lower-cased,
 * without @mentions, URLs and a trailing ^XY signature.
 */
export function comparisonWords(text: string): string[] {
  const cleaned = stripLinksAndMentions(text).replace(TRAILING_CARET_SIGNATURE, '');
  return words(cleaned);
}

/** SQuAD-style token F1 over multisets. */
export function tokenF1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const c = counts.get(t);
    if (c) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / a.length;
  const r = common / b.length;
  return (2 * p * r) / (p + r);
}

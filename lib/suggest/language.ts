/**
 * Which language a message or a past reply is written in, so a customer writing in English is not
 * offered the brand's German or Japanese replies (brands such as Amazon answer in many languages
 * from one account).
 *
 * eld ("efficient language detector", Apache-2.0, n-gram model; the extra-small model, ~280 KB
 * gzipped, 60 languages): about 0.03 ms per short text and reliable on tweet-length messages where
 * trigram detectors such as franc mistake "my order is late" for Dutch. Links, @handles, #tags and
 * `{{placeholders}}` are removed first; a text with too few letters gets no language.
 */
import { eld } from 'eld/extrasmall';

const NOISE = /\{\{[^{}]*\}\}|\b(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_]+|\^[\p{L}]{1,20}/gu;
const MIN_LETTERS = 12;

/** ISO 639-1 code, or undefined when the text is too short or the detector is not sure. */
export function detectLanguage(text: string): string | undefined {
  const clean = text.replace(NOISE, ' ');
  if ((clean.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return undefined;
  const r = eld.detect(clean);
  return r.language && r.isReliable() ? r.language : undefined;
}

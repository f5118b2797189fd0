/**
 * Facebook shows comment times as short relative text ("2h", "3 d", "1 sem", "Hier"). Resolve
 * what can be resolved against a fixed `now` (approximate to the unit shown) and return null for
 * anything else (absolute dates are rendered in the viewer's locale and timezone; guessing them
 * would store wrong times). English, French and Spanish forms; other locales give null.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: [RegExp, number][] = [
  [/^(s|sec|secs|seconds?|seg|segundos?|secondes?)$/, 1000],
  [/^(m|min|mins|minutes?|mn|minutos?)$/, MINUTE],
  [/^(h|hr|hrs|hours?|heures?|horas?)$/, HOUR],
  [/^(d|j|days?|jours?|días?|dias?)$/, DAY],
  [/^(w|wk|wks|weeks?|sem|semaines?|semanas?|sem\.)$/, 7 * DAY],
  [/^(y|yr|yrs|years?|a|an|ans|años?)$/, 365 * DAY],
];

const NOW_WORDS = /^(just now|now|à l[’']instant|maintenant|justo ahora|ahora)$/;
const YESTERDAY_WORDS = /^(yesterday|hier|ayer)$/;

/** ISO time for a relative label, or null when the label is not a relative time we know. */
export const resolveRelativeTime = (label: string | null | undefined, now: Date | undefined): string | null => {
  if (!label || !now || Number.isNaN(now.getTime())) return null;
  const text = label.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NOW_WORDS.test(text)) return now.toISOString();
  if (YESTERDAY_WORDS.test(text)) return new Date(now.getTime() - DAY).toISOString();
  const match = /^(?:il y a |hace )?(\d{1,4}) ?([a-zà-ÿ.]{1,9})(?: ago)?$/.exec(text);
  if (!match) return null;
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ''));
  return unit ? new Date(now.getTime() - Number(match[1]) * unit[1]).toISOString() : null;
};

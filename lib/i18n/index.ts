/**
 * Interface language: English and Spanish, chosen from the browser's UI language. Dates and
 * times use the browser's locale through Intl.
 */
import { en, type MessageKey } from './en';
import { es } from './es';

export type { MessageKey };
export type Locale = 'en' | 'es';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, es };

export function detectLocale(language: string | undefined = globalThis.navigator?.language): Locale {
  return language?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

let current: Locale = detectLocale();
export const setLocale = (locale: Locale) => {
  current = locale;
};
export const getLocale = () => current;

/** Translate a key, filling `{name}` placeholders. Values are inserted as text by React. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[current][key] ?? en[key];
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}

const browserLocale = () => globalThis.navigator?.language || 'en';

// Building an Intl formatter costs ~0.2 ms (locale data lookup); formatting with a built one is
// microseconds. The panel formats a time per history row, so formatters are built once per locale
// (the profile of `npm run bench -- --only open --profile` showed half of opening a conversation
// spent constructing them).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

export const formatDateTime = (ms: number) => {
  const locale = browserLocale();
  let f = dateTimeFormats.get(locale);
  if (!f) dateTimeFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(ms);
};

/** The local calendar day of an instant, as a count of days (the user's timezone). */
const localDay = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
};

/**
 * "in 5 minutes", "3 hours ago" under a day; from a day on, the difference of calendar days in
 * the user's timezone: due Wednesday 10:00 seen Monday 23:00 is "in 2 days", not "tomorrow"
 * (35 hours would round to one day), and "yesterday" is the day before today.
 */
export const formatRelative = (ms: number, now = Date.now()) => {
  const locale = browserLocale();
  let rtf = relativeFormats.get(locale);
  if (!rtf) relativeFormats.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  const days = localDay(ms) - localDay(now);
  // A 25-hour day (clocks going back) can hold more than 24 hours of the same date.
  if (abs < 86_400_000 || days === 0) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(days, 'day');
};

/**
 * A size in bytes for people: kB below a megabyte, MB below a gigabyte, else GB (binary units, as
 * browsers report quota), in the browser's number style ("65.8 GB", "65,8 GB").
 */
export function formatBytes(bytes: number): string {
  const [value, unit] =
    bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'gigabyte'] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(browserLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

const languageNames = new Map<string, Intl.DisplayNames>();
/** A language code ("es", "pt-BR") as a name in the interface language; an unknown code as written. */
export function languageName(code: string): string {
  let names = languageNames.get(current);
  if (!names) languageNames.set(current, (names = new Intl.DisplayNames([current], { type: 'language' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag (imported data)
  }
}

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

export const formatDateTime = (ms: number) =>
  new Intl.DateTimeFormat(browserLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

export const formatRelative = (ms: number, now = Date.now()) => {
  const rtf = new Intl.RelativeTimeFormat(browserLocale(), { numeric: 'auto' });
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
};

/**
 * Dates and relative times in the browser's locale (lib/i18n). Formatters are built once per
 * locale and reused; a change of the browser's language must still be honoured.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatRelative } from '../../lib/i18n';

const AT = Date.UTC(2026, 2, 10, 14, 5);
const setLanguage = (language: string) => vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
afterEach(() => vi.restoreAllMocks());

describe('formatDateTime / formatRelative', () => {
  it('formats in the browser locale, as Intl does', () => {
    setLanguage('en-US');
    expect(formatDateTime(AT)).toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(AT));
    expect(formatRelative(AT - 2 * 3_600_000, AT)).toBe('2 hours ago');
    expect(formatRelative(AT + 86_400_000, AT)).toBe('tomorrow');
  });

  it('follows a change of the browser language (one formatter per locale, not one for all)', () => {
    setLanguage('en-US');
    const english = formatDateTime(AT);
    setLanguage('es-ES');
    expect(formatDateTime(AT)).toBe(new Intl.DateTimeFormat('es-ES', { dateStyle: 'medium', timeStyle: 'short' }).format(AT));
    expect(formatDateTime(AT)).not.toBe(english);
    expect(formatRelative(AT - 86_400_000, AT)).toBe('ayer');
  });

  it('builds each formatter once, however many rows are formatted', () => {
    setLanguage('fr-FR');
    const Real = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(Real, {
      construct: (target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) => (built++, new target(...args)),
    });
    try {
      for (let i = 0; i < 50; i++) formatDateTime(AT + i * 60_000);
    } finally {
      Intl.DateTimeFormat = Real;
    }
    expect(built).toBe(1);
  });
});

describe('languageName', () => {
  it('names a language in the interface language, and leaves an unknown or malformed code as written', async () => {
    const { languageName, setLocale } = await import('../../lib/i18n');
    try {
      setLocale('en');
      expect(languageName('es')).toBe('Spanish');
      setLocale('es');
      expect(languageName('en')).toBe('inglés');
      expect(languageName('not a tag!')).toBe('not a tag!');
    } finally {
      setLocale('en');
    }
  });
});

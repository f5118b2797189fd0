import { afterEach, describe, expect, it } from 'vitest';
import { detectLocale, setLocale, t } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { es } from '../../lib/i18n/es';

afterEach(() => setLocale('en'));

describe('interface language', () => {
  it('follows the browser language: Spanish for any es-* locale, English otherwise', () => {
    expect(detectLocale('es-MX')).toBe('es');
    expect(detectLocale('es')).toBe('es');
    expect(detectLocale('en-GB')).toBe('en');
    expect(detectLocale('fr-FR')).toBe('en');
    expect(detectLocale(undefined)).toBe('en');
  });

  it('has every string in Spanish, each with the same placeholders as the English one', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key], key).toBeTruthy();
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and switches language', () => {
    expect(t('promise.detected', { phrase: 'we will call you' })).toBe('You promised: “we will call you”');
    setLocale('es');
    expect(t('promise.detected', { phrase: 'te llamamos' })).toBe('Has prometido: «te llamamos»');
    expect(t('tabs.history')).toBe('Historial');
  });
});

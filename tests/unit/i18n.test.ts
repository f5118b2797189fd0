import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectLocale, formatBytes, setLocale, t } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { es } from '../../lib/i18n/es';
import { ConflictError, StorageWriteError, toStorageError } from '../../lib/db/errors';

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

  it('writes sizes in the unit people read (kB, MB, GB) and the browser\'s number style', () => {
    const language = vi.spyOn(navigator, 'language', 'get');
    language.mockReturnValue('en-US');
    expect(formatBytes(70_686_000_000)).toBe('65.8 GB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(512 * 1024)).toBe('512 kB');
    language.mockReturnValue('es-ES');
    expect(formatBytes(70_686_000_000)).toBe('65,8 GB');
    language.mockRestore();
  });

  it('fills placeholders and switches language', () => {
    expect(t('promise.detected', { phrase: 'we will call you' })).toBe('You promised: “we will call you”');
    setLocale('es');
    expect(t('promise.detected', { phrase: 'te llamamos' })).toBe('Has prometido: «te llamamos»');
    expect(t('tabs.history')).toBe('Historial');
  });
});

describe('messages made outside the interface code follow the interface language too', () => {
  it('storage errors (shown by the panel, the options page and the background)', () => {
    expect(new StorageWriteError('quota').message).toMatch(/^Could not save: your browser's storage for Caseside is full/);
    setLocale('es');
    expect(new StorageWriteError('quota').message).toMatch(/^No se pudo guardar: el almacenamiento del navegador para Caseside está lleno/);
    expect(toStorageError(new ConflictError('case', 'c1', 1, 2)).message).toMatch(/^No se pudo guardar: /);
  });
});

/** "1 brand, 3 messages": counts in delete and erase plans agree with their number, in both languages. */
import { afterEach, expect, it } from 'vitest';
import { countsText } from '../../entrypoints/options/counts';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

it('uses the singular for one, the plural otherwise, and leaves zeros out', () => {
  expect(countsText({ brands: 1, messages: 3, notes: 0, followUps: 1 }, 'nothing')).toBe('1 brand, 3 messages, 1 follow-up');
  expect(countsText({ brands: 0 }, 'nothing')).toBe('nothing');
  setLocale('es');
  expect(countsText({ brands: 1, conversations: 2 }, 'nada')).toBe('1 marca, 2 conversaciones');
});

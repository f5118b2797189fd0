import { describe, expect, it } from 'vitest';
import { classifyInsertion, countOccurrences, normaliseForCompare } from '../../lib/platforms/insert/text-compare';

const REPLY = 'Hi Dana 👋\nYour order #1234 ships today.\n— Acme';

describe('normaliseForCompare', () => {
  it.each([
    ['NBSP and runs of spaces become one space', 'Hi\u00A0 Dana', 'Hi Dana'],
    ['CRLF, <br>+block breaks and blank lines become one line break', 'a\r\n\n \nb', 'a\nb'],
    ['emoji variation selectors and zero-width characters vanish', '👋\uFE0F\u200B ok\uFEFF', '👋 ok'],
    ['decomposed accents compose (NFC)', 'Cafe\u0301', 'Café'],
    ['outer whitespace is trimmed', '\n  Hi  \n', 'Hi'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseForCompare(input)).toBe(expected);
  });

  it('keeps line breaks distinct from spaces', () => {
    expect(normaliseForCompare('a\nb')).not.toBe(normaliseForCompare('a b'));
  });
});

describe('countOccurrences', () => {
  it('counts non-overlapping matches and nothing for an empty needle', () => {
    expect(countOccurrences('abab ab', 'ab')).toBe(3);
    expect(countOccurrences('aaaa', 'aa')).toBe(2);
    expect(countOccurrences('abc', '')).toBe(0);
  });
});

describe('classifyInsertion', () => {
  it.each([
    ['into an empty editor', '', REPLY, 'caret', 'present'],
    ['mid-text, as the DOM shows it (blocks)', 'Hello there', `\nHello Hi Dana 👋\n\nYour order #1234 ships today.\n\n— Acmethere\n`, 'caret', 'present'],
    ['with NBSP and emoji presentation selector', '', 'Hi\u00A0Dana 👋\uFE0F\nYour order #1234 ships today.\n— Acme', 'caret', 'present'],
    ['nothing changed', 'Hello', 'Hello', 'caret', 'absent'],
    ['only the first line arrived', '', 'Hi Dana 👋', 'caret', 'partial'],
    ['the lines were joined', '', 'Hi Dana 👋Your order #1234 ships today.— Acme', 'caret', 'partial'],
    ['inserted twice', '', `${REPLY}${REPLY}`, 'caret', 'duplicated'],
    ['a second copy next to one the agent already had', REPLY, `${REPLY}\n${REPLY}`, 'caret', 'present'],
    ['replace: only the reply remains', 'Old draft', REPLY, 'replace', 'present'],
    ['replace: old text kept', 'Old draft', `Old draft${REPLY}`, 'replace', 'kept-old'],
    ['replace: nothing happened', 'Old draft', 'Old draft', 'replace', 'absent'],
  ] as const)('%s → %s', (_label, before, after, mode, expected) => {
    expect(classifyInsertion(before, after, REPLY, mode)).toBe(expected);
  });
});

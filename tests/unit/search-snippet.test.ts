import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../lib/search/snippet';
import { foldTerm, processTerm, queryTerms } from '../../lib/search/normalize';

const marked = (s: { text: string; matches: { start: number; end: number }[] }) =>
  s.matches.map((m) => s.text.slice(m.start, m.end));

describe('makeSnippet', () => {
  it('highlights every matching word, accent-insensitively', () => {
    const s = makeSnippet('Atención: la atencion al cliente', ['atencion']);
    expect(marked(s)).toEqual(['Atención', 'atencion']);
  });

  it('centres a long text on the first match and keeps positions right after whitespace collapsing', () => {
    const text = `${'lorem ipsum '.repeat(40)}the   refund\n\nwas sent ${'dolor sit '.repeat(40)}`;
    const s = makeSnippet(text, ['refund'], 80);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(82);
    expect(marked(s)).toEqual(['refund']);
    expect(s.text).toContain('the refund was sent');
  });

  it('returns the start of the text when nothing matches', () => {
    const s = makeSnippet('short text', ['zzz']);
    expect(s).toEqual({ text: 'short text', matches: [] });
  });
});

describe('query terms', () => {
  it('folds, drops stop words and punctuation, and caps the number of terms', () => {
    expect(queryTerms('  "Señal"  de *la* RED! ')).toEqual(['senal', 'red']);
    expect(queryTerms('a b c d e f g h i j k l m n o p').length).toBeLessThanOrEqual(8);
    expect(processTerm('x'.repeat(41))).toBeNull();
  });
});

describe('makeSnippet and the tokenizer agree on words', () => {
  it('highlights a word with a ZWJ emoji sequence attached, as the index matched it', () => {
    const text = 'Mil gracias🤷‍♀️ por todo';
    const s = makeSnippet(text, [foldTerm('gracias🤷‍♀️')]);
    expect(s.matches.map((m) => text.slice(m.start, m.end))).toEqual(['gracias🤷‍♀️']);
  });
});

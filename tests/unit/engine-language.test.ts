/**
 * Article suggestions are worded in the customer's language as the detector (eld) reads it: short
 * Spanish that the tone lexicon reads as English ("¿Me podéis ayudar con una devolución?") still
 * gets "Este artículo te puede ayudar", in the finder (findArticles) and in suggest's list.
 */
import { describe, expect, it } from 'vitest';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';
import { detectLanguage } from '../../lib/suggest/language';
import { readTone } from '../../lib/suggest/tone';

const customerMessages = ['¿Me podéis ayudar con una devolución?'];
const conv: ConversationInput = { customerMessages, platform: 'x', isPublic: true, customer: { displayName: 'Ana Pérez' } };
const articles = [{ url: 'https://help.acme.example/devoluciones', title: 'Devoluciones y reembolsos', text: 'Cómo pedir una devolución' }];

describe('article suggestions in the customer’s language', () => {
  it('reads the message as Spanish where the tone lexicon reads English (the premise)', () => {
    expect(detectLanguage(customerMessages[0]!)).toBe('es');
    expect(readTone(customerMessages).language).toBe('en');
  });

  it('findArticles writes to a Spanish customer in Spanish', () => {
    const s = createSuggester({ brand: { name: 'Acme' }, articles, detectLanguage });
    const [hit] = s.findArticles('devoluciones', conv);
    expect(hit?.text).toBe('Este artículo te puede ayudar: https://help.acme.example/devoluciones');
    // To an English customer, in English.
    const [en] = s.findArticles('devoluciones', { ...conv, customerMessages: ['Can you help me with a return for my order please?'] });
    expect(en?.text).toBe('This article should help: https://help.acme.example/devoluciones');
  });

  it('suggest writes the article suggestion in Spanish too', () => {
    const s = createSuggester({ brand: { name: 'Acme' }, articles, detectLanguage });
    const art = s.suggest(conv, 5).find((x) => x.source === 'article');
    expect(art?.text).toBe('Este artículo te puede ayudar: https://help.acme.example/devoluciones');
  });
});

/**
 * Why-lines and tone signals follow the interface language: a Spanish-speaking agent reads why a
 * suggestion is offered in Spanish (the data quoted in it — titles, the customer's words — stays
 * as written).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';
import { readTone } from '../../lib/suggest/tone';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

const ENGLISH = /\b(?:template|matches|similar past message|matched|frequent reply|recent reply|sent to this customer|already sent|customer seems upset|first because|apology|article|linked|title matches|negative|positive|upset emoji|happy emoji|urgency|messages in a row)\b/;

function whyLines(): { why: string[]; signals: string[] } {
  const s = createSuggester({
    brand: { name: 'Acme', signature: '^AC' },
    templates: [{ id: 'refund', title: 'Refund status', body: 'Refunds take 5 days.', tags: ['refund'] }],
    pairs: [
      { id: 'p1', customerText: 'my refund never arrived', replyText: 'Sorry! Refunds take 5 business days. ^JD', customerHandle: 'bo', at: 1 },
      { id: 'p2', customerText: 'where is my parcel', replyText: 'Please DM us the tracking number. ^JD', customerHandle: 'ana', at: 2 },
      { id: 'p3', customerText: 'thanks!', replyText: 'Happy to help! ^JD', at: 3 },
    ],
    articles: [{ id: 'a', url: 'https://help.acme.example/refunds', title: 'Refunds', text: 'Refunds reach your card in 5 business days.' }],
  });
  const conv: ConversationInput = {
    customerMessages: ['This is TERRIBLE, my refund STILL has not arrived 😡 urgent'],
    platform: 'x',
    isPublic: true,
    customer: { displayName: 'Ana Pérez', handle: 'ana' },
    caseTags: ['refund'],
    alreadySent: ['Please DM us the tracking number. ^JD'],
  };
  return { why: s.suggest(conv, 6).map((x) => x.why), signals: readTone(conv.customerMessages).signals };
}

describe('why-lines in the interface language', () => {
  it('are English by default and Spanish when the interface is', () => {
    const en = whyLines();
    // The English run covers the kinds of why-line being translated.
    expect(en.why.join('\n')).toMatch(/template "Refund status" matches/);
    expect(en.why.join('\n')).toMatch(/customer seems upset/);
    expect(en.why.join('\n')).toMatch(/similar past message|frequent reply|recent reply/);
    expect(en.signals.join(' ')).toMatch(/negative|emoji|urgency/);

    setLocale('es');
    const es = whyLines();
    expect(es.why).toHaveLength(en.why.length);
    for (const line of [...es.why, ...es.signals]) expect(line, line).not.toMatch(ENGLISH);
    expect(es.why.join('\n')).toMatch(/la plantilla "Refund status" coincide/);
    expect(es.why.join('\n')).toMatch(/el cliente parece molesto/);
    expect(es.signals.join(' ')).toMatch(/negativo|emoji de enfado|urgencia/);
  });
});

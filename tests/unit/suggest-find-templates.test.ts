/**
 * The Replies tab's template finder (engine.findTemplates / templateTags) and the tag helpers the
 * options page shares with it.
 */
import { describe, expect, it } from 'vitest';
import { createSuggester, type ConversationInput } from '../../lib/suggest/engine';
import { countTags, hasTag, liveTag } from '../../lib/suggest/template-tags';
import { detectLanguage } from '../../lib/suggest/language';

const templates = [
  { id: 'refund', title: 'Refund status', body: 'Hi {{customer.first_name}}, refunds take 5–7 business days. {{agent.signature}}', tags: ['Refund', 'billing'], useCount: 3 },
  { id: 'refund-late', title: 'Late refund', body: 'Sorry {{customer.first_name}}, your refund is late: order {{ask:order number}}.', tags: ['refund'], useCount: 9 },
  { id: 'password', title: 'Reset password', body: 'You can reset your password from the login page.', tags: ['account'] },
  { id: 'delivery', title: 'Delivery times', body: 'Standard delivery takes 3 days.', tags: ['shipping', 'billing'] },
];
const conv: ConversationInput = { customerMessages: ['where is my money'], platform: 'x', isPublic: true, customer: { displayName: 'Ana Pérez', handle: 'ana' } };
const ids = (list: { templateId?: string }[]) => list.map((s) => s.templateId);

describe('findTemplates', () => {
  const s = createSuggester({ brand: { name: 'Acme', signature: '^AC' }, templates });

  it('finds by a half-typed last word and fills the template for this conversation', () => {
    const found = s.findTemplates('refu', conv);
    expect(ids(found).sort()).toEqual(['refund', 'refund-late']);
    const status = found.find((x) => x.templateId === 'refund')!;
    expect(status.text).toBe('Hi Ana, refunds take 5–7 business days. ^AC');
    expect(status.source).toBe('template');
    expect(status.why).toBe('template "Refund status" found by "refund"');
    // A fill-in field stays open for the card's small form.
    expect(found.find((x) => x.templateId === 'refund-late')!.unresolved).toEqual(['ask:order number']);
  });

  it('counts a use at once: the template used more comes first from the next ranking on', () => {
    const twins = [
      { id: 'a', title: 'Refund timing', body: 'Refunds take 5 days.', tags: ['refund'], useCount: 4 },
      { id: 'b', title: 'Refund timing', body: 'Refunds take 5 days.', tags: ['refund'], useCount: 3 },
    ];
    const t = createSuggester({ brand: { name: 'Acme' }, templates: twins });
    expect(ids(t.findTemplates('', conv, { tag: 'refund' }))).toEqual(['a', 'b']);
    t.noteTemplateUse('b');
    t.noteTemplateUse('b');
    expect(ids(t.findTemplates('', conv, { tag: 'refund' }))).toEqual(['b', 'a']);
    expect(ids(t.suggest({ ...conv, customerMessages: ['how long does a refund take?'] }, 3)).filter(Boolean)).toEqual(['b', 'a']);
    // The caller's records are left as they were; an unknown id is ignored.
    expect(twins[1]!.useCount).toBe(3);
    expect(() => t.noteTemplateUse('gone')).not.toThrow();
  });

  it('needs every word (AND), forgives one typo in a long word, and finds nothing for unknown words', () => {
    expect(ids(s.findTemplates('refund late', conv))).toEqual(['refund-late']);
    expect(ids(s.findTemplates('pasword', conv))).toEqual(['password']);
    expect(s.findTemplates('winnipeg', conv)).toEqual([]);
    expect(s.findTemplates('   ', conv)).toEqual([]);
  });

  it('narrows words to a tag, lists a tag alone most used first, and caps the list', () => {
    expect(ids(s.findTemplates('refund', conv, { tag: 'billing' }))).toEqual(['refund']);
    expect(ids(s.findTemplates('', conv, { tag: 'REFUND' }))).toEqual(['refund-late', 'refund']);
    expect(s.findTemplates('', conv, { tag: 'refund' })[0]!.why).toBe('template "Late refund" tagged "refund"');
    expect(ids(s.findTemplates('', conv, { tag: 'billing', limit: 1 }))).toEqual(['refund']);
    expect(s.findTemplates('', conv, { tag: 'nope' })).toEqual([]);
  });

  it('reads only the first 8 words of a long or pasted query, and survives hostile ones', () => {
    const t = createSuggester({ brand: { name: 'Acme' }, templates: [{ id: 'long', title: 'one two three four five six seven eight', body: 'x', tags: [] }] });
    expect(ids(t.findTemplates('one two three four five six seven eight', conv))).toEqual(['long']);
    // A ninth word no template has does not count (AND over all of them would find nothing).
    expect(ids(t.findTemplates('one two three four five six seven eight winnipeg', conv))).toEqual(['long']);
    expect(t.findTemplates('winnipeg one two three four five six seven eight', conv)).toEqual([]);
    for (const q of ['*', '"', '\\', '((', '💥', 'x'.repeat(10_240), 'refund '.repeat(2_000), '{{customer.first_name}}']) {
      expect(Array.isArray(s.findTemplates(q, conv))).toBe(true);
    }
    expect(ids(s.findTemplates('refund '.repeat(2_000), conv)).sort()).toEqual(['refund', 'refund-late']);
  });

  it('follows templates added and removed', () => {
    const t = createSuggester({ brand: { name: 'Acme' }, templates });
    t.removeTemplate('password');
    expect(t.findTemplates('password', conv)).toEqual([]);
    t.addTemplate({ id: 'pw2', title: 'Password help', body: 'Use the reset link.', tags: ['account'] });
    expect(ids(t.findTemplates('passw', conv))).toEqual(['pw2']);
    expect(t.templateTags().find((x) => x.tag === 'account')).toEqual({ tag: 'account', count: 1 });
  });
});

describe('findTemplates in a bilingual brand', () => {
  const both = [
    { id: 'en', title: 'Refund status', body: 'Your refund reaches your card in 5 days.', tags: ['refund'], language: 'en', useCount: 50 },
    { id: 'es', title: 'Refund status (ES)', body: 'El reembolso llega a tu tarjeta en 5 días.', tags: ['refund'], language: 'es', useCount: 1 },
  ];
  const s = createSuggester({ brand: { name: 'Acme' }, templates: both, detectLanguage });
  const spanish: ConversationInput = { ...conv, customerMessages: ['¿Cuándo llega el reembolso de mi pedido? Ya pasó una semana'] };
  const english: ConversationInput = { ...conv, customerMessages: ['When does my refund for the order arrive? It has been a week'] };

  it("lists the customer's language first, by tag and by words, and keeps the other", () => {
    expect(ids(s.findTemplates('', spanish, { tag: 'refund' }))).toEqual(['es', 'en']);
    expect(ids(s.findTemplates('', english, { tag: 'refund' }))).toEqual(['en', 'es']);
    expect(ids(s.findTemplates('refund status', spanish))).toEqual(['es', 'en']);
    expect(ids(s.findTemplates('refund status', spanish, { limit: 1 }))).toEqual(['es']);
  });
});

describe('template tags', () => {
  it('counts tags case-insensitively, most used first, as first written', () => {
    expect(countTags(templates)).toEqual([
      { tag: 'billing', count: 2 },
      { tag: 'Refund', count: 2 },
      { tag: 'account', count: 1 },
      { tag: 'shipping', count: 1 },
    ]);
    expect(countTags([{ tags: ['a', 'A', ' a '] }])).toEqual([{ tag: 'a', count: 1 }]);
    expect(createSuggester({ brand: { name: 'Acme' }, templates }).templateTags()).toEqual(countTags(templates));
  });

  it('matches a tag whatever its case and forgets a tag no template carries any more', () => {
    expect(hasTag(templates[0]!, 'refund')).toBe(true);
    expect(hasTag(templates[2]!, 'refund')).toBe(false);
    expect(hasTag(templates[2]!, null)).toBe(true);
    expect(liveTag(countTags(templates), 'SHIPPING')).toBe('SHIPPING');
    expect(liveTag(countTags(templates), 'other-brand-tag')).toBeNull();
    expect(liveTag([], null)).toBeNull();
  });
});

describe('findArticles', () => {
  const articles = [
    { url: 'https://help.acme.example/refunds', title: 'Refunds and returns', text: 'Refunds reach your card within 5 business days.' },
    { url: 'https://help.acme.example/shipping', title: 'Shipping times', text: 'Parcels leave the warehouse within 2 days; refunds of shipping are automatic.' },
  ];
  const s = createSuggester({ brand: { name: 'Acme' }, articles });
  const urls = (list: { articleUrl?: string }[]) => list.map((x) => x.articleUrl);

  it('finds by words (AND, last one half typed, a typo forgiven), the title counting double, and says why', () => {
    expect(urls(s.findArticles('refunds', conv))).toEqual(['https://help.acme.example/refunds', 'https://help.acme.example/shipping']);
    expect(urls(s.findArticles('refunds warehou', conv))).toEqual(['https://help.acme.example/shipping']);
    expect(urls(s.findArticles('warehose', conv))).toEqual(['https://help.acme.example/shipping']);
    expect(s.findArticles('winnipeg', conv)).toEqual([]);
    expect(s.findArticles('  ', conv)).toEqual([]);
    const [top] = s.findArticles('returns', conv);
    expect(top).toMatchObject({ source: 'article', text: 'This article should help: https://help.acme.example/refunds', unresolved: [] });
    expect(top?.why).toBe('article "Refunds and returns" found by "returns"');
    expect(s.findArticles('refunds', conv, 1)).toHaveLength(1);
  });

  it('words the link in the customer\'s language', () => {
    const spanish = { ...conv, customerMessages: ['¿Dónde está mi reembolso? Lo pedí hace una semana y no me ha llegado nada'] };
    expect(s.findArticles('refunds', spanish)[0]?.text).toBe('Este artículo te puede ayudar: https://help.acme.example/refunds');
  });
});


import { describe, expect, it, vi } from 'vitest';
import { ReplyMemory } from '../../lib/suggest/reply-memory';
import { apologyOpener, createSuggester, withApology, type ConversationInput } from '../../lib/suggest/engine';
import { detectPromises } from '../../lib/cases/promises';
import { detectLanguage } from '../../lib/suggest/language';

const brand = { name: 'Acme', signature: '^AC' };
const templates = [
  { id: 'refund', title: 'Refund status', body: 'Hi {{customer.first_name}}, refunds take 5–7 business days to reach your card. {{agent.signature}}', tags: ['refund'] },
  { id: 'password', title: 'Reset password', body: 'Hi {{customer.first_name}}, you can reset your password from the login page.', tags: ['account'] },
  { id: 'shipping', title: 'Shipping times', body: 'Standard shipping takes 3 days.', tags: ['shipping'] },
];
const conv = (text: string, extra: Partial<ConversationInput> = {}): ConversationInput => ({
  customerMessages: [text],
  platform: 'x',
  isPublic: true,
  customer: { displayName: 'Ana Pérez', handle: 'ana' },
  ...extra,
});

describe('createSuggester', () => {
  it('ranks the obviously matching template first and says which words matched', () => {
    const s = createSuggester({ brand, templates });
    const [top] = s.suggest(conv('How do I reset my password? I forgot it'));
    expect(top?.templateId).toBe('password');
    expect(top?.text).toBe('Hi Ana, you can reset your password from the login page.');
    expect(top?.why).toContain('"reset"');
    expect(top?.why).toContain('"password"');
  });

  it('offers a template tagged like the open case even when the latest messages share no word with it', () => {
    const s = createSuggester({ brand, templates });
    const c = conv('Tracking says it is stuck in Winnipeg', { caseTags: ['Shipping'] });
    expect(s.suggest(conv('Tracking says it is stuck in Winnipeg')).some((x) => x.templateId === 'shipping')).toBe(false);
    const hit = s.suggest(c).find((x) => x.templateId === 'shipping');
    expect(hit?.why).toBe('template "Shipping times" matches the case tags');
    expect(hit?.text).toBe('Standard shipping takes 3 days.');
  });

  it('suggests a generalised past reply, filled for this customer, with the similar message as why', () => {
    const s = createSuggester({
      brand,
      pairs: [
        { id: 'p1', customerText: 'my parcel tracking is stuck', replyText: '@bob Hi Bob, tracking can pause for 24h, it will move soon. ^JD', customerHandle: 'bob' },
        { id: 'p2', customerText: 'app crashes on startup', replyText: '@eve Please reinstall the app. ^JD', customerHandle: 'eve' },
      ],
    });
    const out = s.suggest(conv('parcel tracking not updating'), 3);
    const reply = out.find((x) => x.source === 'past-reply' && x.text.includes('tracking'));
    // The old agent's "^JD" became {{agent.signature}}, filled with this brand's signature.
    expect(reply?.text).toBe('Hi Ana, tracking can pause for 24h, it will move soon. ^AC');
    expect(reply?.why).toContain('similar past message "my parcel tracking is stuck"');
  });

  it("quotes the matched words as the customer wrote them, not as the index keeps them", () => {
    const s = createSuggester({
      brand,
      templates: [{ id: 'delay', title: 'Delivery delays', body: 'Deliveries are delayed this week.', tags: [] }],
      pairs: [{ id: 'p1', customerText: 'nothing arrived, deliveries delayed', replyText: 'Sorry, we are checking. ^JD', customerHandle: 'bob' }],
    });
    const out = s.suggest(conv('Still nothing since Monday, are deliveries delayed?'), 3);
    const reply = out.find((x) => x.source === 'past-reply')!;
    expect(reply.why).toMatch(/matched .*"nothing"/);
    expect(reply.why).toMatch(/"deliveries"/);
    expect(reply.why).not.toMatch(/"noth"|"delivery"|"delay"/);
    const template = out.find((x) => x.templateId === 'delay')!;
    expect(template.why).toMatch(/"deliveries"/);
    expect(template.why).toMatch(/"delayed"/);
  });

  it('offers a reply already sent in this conversation again, but never first, and says so', () => {
    const pairs = [
      { id: 'p1', customerText: 'my parcel tracking is stuck', replyText: '@bob Hi Bob, tracking can pause for 24h, it will move soon. ^JD', customerHandle: 'bob', customerName: 'Bob' },
      { id: 'p2', customerText: 'tracking has not moved for days', replyText: 'Please DM us the tracking number and we will chase the courier.' },
      { id: 'p3', customerText: 'app crashes on startup', replyText: 'Please reinstall the app. ^JD' },
    ];
    const s = createSuggester({ brand, pairs });
    const c = conv('my parcel tracking is stuck');
    const before = s.suggest(c, 3);
    expect(before[0]?.text).toBe('Hi Ana, tracking can pause for 24h, it will move soon. ^AC');
    expect(before.some((x) => x.alreadySent)).toBe(false);
    // Sent earlier in this conversation, to Ana, in her name: the same generalised reply.
    const after = s.suggest({ ...c, alreadySent: ['@ana Hi Ana, tracking can pause for 24h, it will move soon. ^JD'] }, 3);
    expect(after.map((x) => x.text).sort()).toEqual(before.map((x) => x.text).sort());
    expect(after[0]?.text).not.toBe(before[0]?.text);
    const again = after.find((x) => x.text === before[0]!.text);
    expect(again?.alreadySent).toBe(true);
    expect(again?.why).toMatch(/; already sent in this conversation$/);
    expect(after.filter((x) => x.alreadySent)).toHaveLength(1);
    // Two replies sent here already: only one of them comes back (tuning.maxAlreadySent), and the
    // freed slot goes to the next best reply.
    const both = s.suggest({ ...c, alreadySent: ['Hi Ana, tracking can pause for 24h, it will move soon.', 'Please DM us the tracking number and we will chase the courier.'] }, 3);
    expect(both.filter((x) => x.alreadySent)).toHaveLength(1);
    expect(both).toHaveLength(2);
    expect(both[0]?.alreadySent).toBeUndefined();
  });

  it('generalises each reply already sent once, not on every re-rank of a long thread', () => {
    const s = createSuggester({ brand, pairs: [{ id: 'p1', customerText: 'parcel late', replyText: 'Sorry, it ships Friday.' }] });
    const keyOf = vi.spyOn(ReplyMemory.prototype, 'keyOf');
    const sent = Array.from({ length: 40 }, (_, i) => `Reply number ${i} about the parcel.`);
    for (let r = 0; r < 5; r++) s.suggest(conv('my parcel is late', { alreadySent: sent }), 3);
    expect(keyOf).toHaveBeenCalledTimes(40);
    keyOf.mockRestore();
  });

  it("prefers past replies in the customer's language (one account answering in several)", () => {
    const german = 'Das tut uns leid! Bitte schick uns deine Bestellnummer per DM, dann schauen wir sofort nach.';
    const english = 'Thanks for asking! Please DM us your order number and we will check on it right away.';
    const pairs = [
      ...[1, 2, 3].map((i) => ({ id: `de${i}`, customerText: 'Lieferung today, wo ist mein parcel?', replyText: german })),
      { id: 'en1', customerText: 'question about a delivery', replyText: english },
    ];
    const top = (tuning: { otherLanguageWeight?: number }, text: string): string | undefined =>
      createSuggester({ brand, pairs, tuning, detectLanguage }).suggest(conv(text), 3).find((x) => x.source === 'past-reply')?.text;
    const customer = 'Hi, where is my parcel? The delivery was due today';
    // Without the language factor the German reply wins on use count alone.
    expect(top({ otherLanguageWeight: 1 }, customer)).toBe(german);
    expect(top({}, customer)).toBe(english);
    expect(top({}, 'Hallo, wo ist mein Paket? Die Lieferung war für heute angekündigt')).toBe(german);
  });

  it('the apology opener owns the problem without promising anything (else every reply with it would propose a follow-up)', () => {
    for (const spanish of [false, true]) {
      const opener = apologyOpener({ customer: { displayName: 'Ana López' } }, spanish);
      expect(opener).toContain('Ana');
      expect(detectPromises(opener, new Date('2026-03-10T10:00:00Z'))).toEqual([]);
    }
  });

  it('puts an apology first for an upset customer (template if there is one, else an opener)', () => {
    const withTemplate = createSuggester({
      brand,
      templates: [...templates, { id: 'sorry', title: 'Apology', body: 'Hi {{customer.first_name}}, we are very sorry about this.', tags: ['apology'] }],
    });
    const upset = conv('This is terrible, my refund never arrived and nobody answers!!');
    expect(withTemplate.suggest(upset)[0]?.templateId).toBe('sorry');
    const noTemplate = createSuggester({ brand, pairs: [{ id: 'p', customerText: 'refund missing', replyText: 'Refunds take 5 days.' }] });
    const first = noTemplate.suggest(upset)[0];
    expect(first?.text).toMatch(/^We're sorry about this, Ana, and we're on it\. /u);
    expect(noTemplate.suggest(conv('When will my refund arrive?'))[0]?.text).toBe('Refunds take 5 days.');
    // The apology template is looked up once, and again whenever the templates change.
    noTemplate.addTemplate({ id: 'sorry2', title: 'Lo sentimos', body: 'We are so sorry, {{customer.first_name}}.', tags: ['sorry'] });
    expect(noTemplate.suggest(upset)[0]?.templateId).toBe('sorry2');
    noTemplate.removeTemplate('sorry2');
    expect(noTemplate.suggest(upset)[0]?.text).toMatch(/^We're sorry about this, Ana/u);
  });

  it('puts the apology after a greeting, without the name twice, and capitalises what follows', () => {
    const ctx = { customer: { displayName: 'Ana Pérez' } };
    expect(withApology('Hi Ana, orders placed Nov 10–12 are held.', ctx, false)).toBe("Hi Ana, we're sorry about this and we're on it. Orders placed Nov 10–12 are held.");
    expect(withApology('Hola Ana, los pedidos salen el lunes.', ctx, true)).toBe('Hola Ana, lamentamos mucho lo ocurrido y nos encargamos. Los pedidos salen el lunes.');
    expect(withApology('Refunds take 5 days.', ctx, false)).toBe("We're sorry about this, Ana, and we're on it. Refunds take 5 days.");
    // Not a greeting: a sentence that happens to start with "Hi" and has no comma soon after.
    expect(withApology('Hiking boots ship on Monday, with tracking.', ctx, false)).toMatch(/^We're sorry about this, Ana/);
    const s = createSuggester({ brand, pairs: [{ id: 'p', customerText: 'refund missing', replyText: '@bob Hi Bob, refunds take 5 days.', customerHandle: 'bob' }] });
    expect(s.suggest(conv('This is terrible, my refund never arrived and nobody answers!!'))[0]?.text).toBe("Hi Ana, we're sorry about this and we're on it. Refunds take 5 days.");
  });

  it('an upset customer writing a short message in Spanish gets the opener in Spanish', () => {
    const pairs = [{ id: 'p', customerText: 'reembolso', replyText: 'Revisamos tu reembolso ahora mismo.' }];
    for (const detect of [detectLanguage, undefined]) {
      const s = createSuggester({ brand, pairs, ...(detect ? { detectLanguage: detect } : {}) });
      expect(s.suggest(conv('Pésimo servicio, sigo sin mi reembolso'))[0]?.text).toMatch(/^Lamentamos mucho lo ocurrido, Ana, y nos encargamos\. /u);
    }
  });

  it('ranks articles from similar conversations and from URL titles', () => {
    const s = createSuggester({
      brand,
      articles: [
        { id: '1', url: 'https://web.archive.org/web/2020/https://help.acme.com/kb/reset-two-factor-authentication.html' },
        { id: '2', url: 'https://help.acme.com/kb/change-billing-address' },
      ],
      pairs: [{ id: 'p', customerText: 'my invoice shows the old street', replyText: 'See https://help.acme.com/kb/change-billing-address/' }],
    });
    expect(s.rankArticles(conv('how do I turn off two factor authentication'))[0]?.id).toBe('1');
    const byVote = s.rankArticles(conv('the invoice has my old street on it'));
    expect(byVote[0]?.id).toBe('2');
    expect(byVote[0]?.why).toContain('linked after 1 similar conversation');
  });

  it('a past reply linking an article with tracking parameters counts for the article', () => {
    const s = createSuggester({
      brand,
      articles: [
        { id: '1', url: 'https://help.acme.com/kb/reset-two-factor-authentication' },
        { id: '2', url: 'https://help.acme.com/kb/change-billing-address' },
      ],
      pairs: [{ id: 'p', customerText: 'my invoice shows the old street', replyText: 'See https://help.acme.com/kb/change-billing-address?utm_source=twitter&fbclid=IwAR0abc' }],
    });
    const byVote = s.rankArticles(conv('the invoice has my old street on it'));
    expect(byVote[0]?.id).toBe('2');
    expect(byVote[0]?.why).toContain('linked after 1 similar conversation');
  });

  it('adds incrementally: new template, pair and article are found without rebuilding; replacing and removing work', () => {
    const s = createSuggester({ brand, templates });
    expect(s.suggest(conv('my voucher code is invalid')).some((x) => x.templateId === 'voucher')).toBe(false);
    s.addTemplate({ id: 'voucher', title: 'Voucher code invalid', body: 'Voucher codes expire after 30 days.', tags: [] });
    expect(s.suggest(conv('my voucher code is invalid'))[0]?.templateId).toBe('voucher');
    s.addTemplate({ id: 'voucher', title: 'Voucher code invalid', body: 'Voucher codes expire after 60 days.', tags: [] });
    expect(s.size.templates).toBe(4);
    expect(s.suggest(conv('my voucher code is invalid'))[0]?.text).toBe('Voucher codes expire after 60 days.');
    s.removeTemplate('voucher');
    expect(s.suggest(conv('my voucher code is invalid')).some((x) => x.templateId === 'voucher')).toBe(false);

    s.addPair({ id: 'q1', customerText: 'loyalty points missing', replyText: 'Points appear within 48 hours.' });
    expect(s.suggest(conv('where are my loyalty points')).some((x) => x.text === 'Points appear within 48 hours.')).toBe(true);
    s.addArticle({ url: 'https://help.acme.com/loyalty-points-explained' });
    expect(s.rankArticles(conv('loyalty points'))[0]?.url).toBe('https://help.acme.com/loyalty-points-explained');
    expect(s.size).toEqual({ templates: 3, pairs: 1, articles: 1 });
  });

  it('survives empty and hostile input', () => {
    const s = createSuggester({ brand, templates: [{ id: 'x', title: '{{constructor}}', body: '{{__proto__}} {{ask:constructor}}', tags: [] }] });
    expect(s.suggest(conv(''))).toEqual([]);
    expect(() => s.suggest(conv('constructor __proto__ toString'))).not.toThrow();
  });
});

describe('a bilingual brand: templates in the customer language', () => {
  const bilingual = [
    { id: 'refund-en', title: 'Refund status', body: 'Hi {{customer.first_name}}, your refund reaches your card in 5 business days.', tags: ['refund'], language: 'en' },
    { id: 'refund-es', title: 'Estado del reembolso', body: 'Hola {{customer.first_name}}, el reembolso llega a tu tarjeta en 5 días hábiles.', tags: ['refund'], language: 'es' },
    { id: 'sorry-en', title: 'Apology', body: 'We are very sorry, {{customer.first_name}}.', tags: ['apology'], language: 'en' },
    { id: 'sorry-es', title: 'Disculpa', body: 'Lo sentimos muchísimo, {{customer.first_name}}.', tags: ['disculpa'], language: 'es-MX' },
  ];
  const s = createSuggester({
    brand,
    templates: bilingual,
    pairs: [{ id: 'p1', customerText: 'mi pedido no ha llegado todavía', replyText: 'Lo revisamos ahora mismo y te escribimos por DM.' }],
    detectLanguage,
  });
  const es = (text: string, extra: Partial<ConversationInput> = {}) => conv(text, { caseTags: ['refund'], ...extra });

  it('offers the Spanish template for a Spanish message tagged like the case, and not the English one', () => {
    const out = s.suggest(es('¿Cuándo me devuelven el dinero de mi pedido? Ya pasó una semana y sigo esperando'));
    const ids = out.map((x) => x.templateId).filter(Boolean);
    expect(ids).toContain('refund-es');
    expect(ids).not.toContain('refund-en');
    // And the other way round for an English message.
    const en = s.suggest(es('When will I get my money back for the order? It has been a week')).map((x) => x.templateId).filter(Boolean);
    expect(en).toContain('refund-en');
    expect(en).not.toContain('refund-es');
  });

  it('puts an apology template in the customer language first for an upset customer', () => {
    const angry = s.suggest(conv('¡Es una vergüenza! Llevo tres semanas esperando mi pedido y nadie me responde. Estoy harta 😡'));
    expect(angry[0]?.templateId).toBe('sorry-es');
    expect(angry[0]?.text).toBe('Lo sentimos muchísimo, Ana.');
    const angryEn = s.suggest(conv('This is a disgrace! Three weeks waiting for my order and nobody answers. I am furious 😡'));
    expect(angryEn[0]?.templateId).toBe('sorry-en');
  });

  it('in a bilingual brand, a template in the other language matched by words comes after the first reply', () => {
    const out = s.suggest(conv('Refund status por favor: ¿cuándo llega el dinero a mi tarjeta? ya pasó una semana'));
    expect(out[0]?.templateId).toBe('refund-es');
    const at = out.findIndex((x) => x.templateId === 'refund-en');
    if (at >= 0) expect(at).toBeGreaterThan(1);
  });

  it('a brand whose templates are all in one language offers them to every customer, by words and by case tags', () => {
    const englishOnly = createSuggester({
      brand,
      templates: [bilingual[0]!],
      pairs: [{ id: 'p1', customerText: 'refund reembolso tarjeta', replyText: 'Lo revisamos ahora mismo y te escribimos por DM.' }],
      detectLanguage,
    });
    const byWords = englishOnly.suggest(conv('¿Cuándo llega el reembolso a mi tarjeta? Refund status por favor, ya pasó una semana'));
    expect(byWords[0]?.templateId).toBe('refund-en');
    const byTags = englishOnly.suggest(es('¿Cuándo me devuelven el dinero de mi pedido? Ya pasó una semana y sigo esperando'));
    expect(byTags.map((x) => x.templateId)).toContain('refund-en');
  });
});

describe('the postings budget', () => {
  // Ten past messages say "order"; one also says "kettle".
  const pairs = Array.from({ length: 10 }, (_, i) => ({
    id: `p${i}`,
    customerText: i === 3 ? 'my kettle order is late' : `my order ${i} is late`,
    replyText: i === 3 ? 'Kettles ship from a separate warehouse, give it two more days.' : `Reply number ${i} about the order.`,
  }));
  const why = (tuning: Parameters<typeof createSuggester>[0]['tuning']) =>
    createSuggester({ brand, pairs, tuning }).suggest(conv('where is my kettle order'), 3).find((x) => x.text.startsWith('Kettles'))?.why;

  it('keeps a common word while the budget allows it, and cuts it when the share of the index is small', () => {
    expect(why({})).toMatch(/matched "kettle", "order"/);
    // 0.05 of 10 messages: 1 posting, so only the rarest word ("kettle", in 1 message) is searched.
    expect(why({ postingsShare: 0.05 })).toMatch(/\(matched "kettle"\)/);
    expect(why({ postingsShare: 0.05 })).not.toMatch(/"order"/);
    // The absolute budget does the same.
    expect(why({ postingsBudget: 1 })).not.toMatch(/"order"/);
  });
});

/**
 * Several agents share a brand, each signing as themselves. A past reply signed by a colleague
 * ("-Laura García", "^lg") must become {{agent.signature}} when it is generalised, so the agent
 * using it signs as themselves, and the missing-signature check replaces a sign-off already there
 * instead of adding a second one. Also: a signature with {{brand.name}}, and the placeholders a
 * brand signature may hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findSignOff, generaliseReply, signOff } from '../../lib/suggest/generalise';
import { ReplyMemory } from '../../lib/suggest/reply-memory';
import { createSuggester } from '../../lib/suggest/engine';
import { checkReply, type CheckInput } from '../../lib/suggest/checks';
import { fillSignature, fillTemplate, signatureProblems } from '../../lib/suggest/variables';
import { agentVariables } from '../../lib/panel/agent-profile';
import { setLocale } from '../../lib/i18n';

afterEach(() => setLocale('en'));

const ana = { name: 'Ana Pérez', initials: 'AP' };

describe('generaliseReply: a colleague’s sign-off, read from the brand’s signature', () => {
  const g = (text: string, brandSignature?: string, brandName?: string) => generaliseReply(text, { brandSignature, brandName }).body;

  it.each([
    ['-{{agent.name}}', 'Your refund is on its way -Laura García'],
    ['- {{agent.name}}', 'Your refund is on its way - Laura García'],
    ['{{agent.name}} · Acme support', 'Your refund is on its way. Laura García · Acme support'],
    ['{{agent.name}} · Acme support', 'Your refund is on its way Laura García · Acme Support'],
    ['— {{agent.name}}, Acme Support', 'Your refund is on its way — Laura García, Acme Support'],
    ['— {{agent.name}}, {{brand.name}} Support', 'Your refund is on its way — Ana de la Fuente, Acme Support.'],
    ['^{{agent.initials}}', 'Your refund is on its way ^lg'],
    ['^{{agent.initials}}', 'Your refund is on its way ^A.P.'],
    ['^{{agent.initials}}', 'Your refund is on its way ^LG2'],
    ['^{{agent.initials}}', 'Your refund is on its way ^李'],
    ['^{{agent.initials}} · {{brand.name}}', 'Your refund is on its way ^LG · Acme'],
  ])('%s: %s', (signature, reply) => {
    expect(g(reply, signature, 'Acme')).toBe(`Your refund is on its way${reply.includes('way.') ? '.' : ''} {{agent.signature}}`);
  });

  it('looks for it before trailing links, and keeps the links', () => {
    expect(g('Your refund is on its way -Laura García https://t.co/x', '-{{agent.name}}')).toBe('Your refund is on its way {{agent.signature}} https://t.co/x');
  });

  it('keeps the words of a reply that only look like a name', () => {
    // Nothing to anchor on: "{{agent.name}}" alone would take any capitalised words at the end.
    expect(g('We ship with UPS Ground', '{{agent.name}}')).toBe('We ship with UPS Ground');
    // Not the signature's text: left alone (and the older fallback does not take "Acme Ltd" either).
    expect(g('Your refund is on its way, Laura García from Acme Ltd', '{{agent.name}} · Acme support')).toBe(
      'Your refund is on its way, Laura García from Acme Ltd',
    );
    // A name starts a word ("McDonald", not "Donald"), and words before it stay.
    expect(g('Ask for McDonald · Acme support', '{{agent.name}} · Acme support')).toBe('Ask for {{agent.signature}}');
    expect(g('Thanks Laura García · Acme support', '{{agent.name}} · Acme support')).toBe('Thanks {{agent.signature}}');
    expect(g('Call us at Laura de la Fuente · Acme support', '{{agent.name}} · Acme support')).toBe('Call us at {{agent.signature}}');
    // A reply that is only a signature keeps it.
    expect(g('-Laura García', '-{{agent.name}}')).toBe('-Laura García');
    // A signature holding a placeholder it may not hold is not used to read replies.
    expect(g('All done ~Laura García', '~{{customer.name}}')).toBe('All done ~Laura García');
  });

  it('falls back, without the brand’s signature, on initials after "^" in any case, with digits, dots or any script', () => {
    for (const sig of ['^lg', '^A.P.', '^LG2', '^李', '^JD']) {
      expect(g(`Your refund is on its way ${sig}`)).toBe('Your refund is on its way {{agent.signature}}');
      expect(signOff(`Your refund is on its way ${sig} https://t.co/x`)).toBe(sig);
    }
    // A caret inside a word, or maths, is not a sign-off.
    expect(g('Area is x^2')).toBe('Area is x^2');
  });

  it('says where the sign-off is in the text as written', () => {
    const text = 'Done -Laura García https://t.co/x';
    const found = findSignOff(text, { brandSignature: '-{{agent.name}}' })!;
    expect(text.slice(found.start, found.end)).toBe('-Laura García');
    expect(findSignOff('No signature here.', { brandSignature: '-{{agent.name}}' })).toBeUndefined();
  });
});

describe('the brand’s signature reaches the generaliser through memory and engine', () => {
  it('groups replies signed by different agents as one', () => {
    const m = new ReplyMemory();
    const ctx = { brandSignature: '-{{agent.name}}' };
    const a = m.add('Please DM us your order number -Laura García', ctx);
    const b = m.add('Please DM us your order number -Luis Gómez', ctx);
    expect(b).toBe(a);
    expect(a.count).toBe(2);
    expect(a.body).toBe('Please DM us your order number {{agent.signature}}');
  });

  it('offers a colleague’s past reply signed as the agent using it, not as the colleague', () => {
    const s = createSuggester({
      brand: { name: 'Acme', signature: '-{{agent.name}}' },
      pairs: [{ id: 'p1', customerText: 'my parcel tracking is stuck', replyText: '@bob Tracking can pause for 24h, it will move soon -Laura García', customerHandle: 'bob' }],
    });
    const out = s.suggest(
      {
        customerMessages: ['parcel tracking not updating'],
        platform: 'x',
        isPublic: true,
        agent: agentVariables(ana, '-{{agent.name}}'),
      },
      3,
    );
    const reply = out.find((x) => x.source === 'past-reply');
    expect(reply?.text).toBe('Tracking can pause for 24h, it will move soon -Ana Pérez');
    expect(reply?.generalised).toBe('Tracking can pause for 24h, it will move soon {{agent.signature}}');
  });
});

const check = (over: Partial<CheckInput>) =>
  checkReply({
    text: 'Your refund is on its way.',
    platform: 'x',
    isPublic: false,
    brand: { name: 'Acme', signature: '^{{agent.initials}}', tone: { useFirstName: false } },
    agent: ana,
    followUpSet: false,
    ...over,
  }).find((c) => c.id === 'missing-signature');

describe('a signature "{{agent.name}} · {{brand.name}}"', () => {
  const ctx = { brandSignature: '{{agent.name}} · {{brand.name}}', brandName: 'Acme' };
  it('is found with the brand name as its fixed text, and a thanks word before it is not taken for a name', () => {
    expect(generaliseReply('Your refund is on its way. Laura García · Acme', ctx).body).toBe('Your refund is on its way. {{agent.signature}}');
    expect(generaliseReply('Please wait. Thanks Laura García · Acme', ctx).body).toBe('Please wait. Thanks {{agent.signature}}');
    expect(generaliseReply('Gracias y Saludos Laura · Acme', ctx).body).toBe('Gracias y Saludos {{agent.signature}}');
  });
});

describe("checkReply's fix never removes the reply's own words", () => {
  it('adds the signature after an ending that only looks like a sign-off', () => {
    expect(check({ text: 'Let us know if you need anything else - Thanks' })?.fix?.text).toBe('Let us know if you need anything else - Thanks ^AP');
    expect(check({ text: 'We are open Mon - Fri' })?.fix?.text).toBe('We are open Mon - Fri ^AP');
    expect(check({ text: 'Your order ships today — Acme' })?.fix?.text).toBe('Your order ships today — Acme ^AP');
  });

  it('a signature with no fixed word or mark ("{{agent.name}}.") is not looked for at the end of replies: it would take the customer\'s name', () => {
    expect(generaliseReply('Te llamamos mañana, Laura García.', { brandSignature: '{{agent.name}}.' }).body).toBe('Te llamamos mañana, Laura García.');
  });
});

describe('checkReply: the signature as a whole, and a fix that replaces a sign-off already there', () => {
  it('does not take "^APX" for "^AP", and replaces it', () => {
    expect(check({ text: 'Your refund is on its way ^APX' })?.fix?.text).toBe('Your refund is on its way ^AP');
    expect(check({ text: 'Your refund is on its way XX^AP' })).toBeDefined();
    expect(check({ text: 'Your refund is on its way ^AP' })).toBeUndefined();
    expect(check({ text: 'Your refund is on its way ^AP.' })).toBeUndefined();
    expect(check({ text: 'Your refund is on its way ^AP https://t.co/x' })).toBeUndefined();
  });

  it("replaces a colleague's sign-off instead of adding a second one", () => {
    const brand = { name: 'Acme', signature: '-{{agent.name}}', tone: { useFirstName: false } };
    expect(check({ brand, text: 'Your refund is on its way -Laura García' })?.fix?.text).toBe('Your refund is on its way -Ana Pérez');
    // Found by the fallback too, whatever the brand's signature.
    expect(check({ text: 'Your refund is on its way ^lg https://t.co/x' })?.fix?.text).toBe('Your refund is on its way ^AP https://t.co/x');
    // No sign-off: the signature is added at the end, as before.
    expect(check({ text: 'Your refund is on its way.' })?.fix?.text).toBe('Your refund is on its way. ^AP');
  });
});

describe('a signature with {{brand.name}}', () => {
  const signature = '^{{agent.initials}} · {{brand.name}}';

  it('fillSignature fills the brand’s name', () => {
    expect(fillSignature(signature, ana, 'Acme')).toEqual({ text: '^AP · Acme', missing: [] });
    expect(fillSignature('{{ Brand.Name }} team', undefined, 'Acme')).toEqual({ text: 'Acme team', missing: [] });
  });

  it('fills in templates, whether or not the agent part was filled without the brand', () => {
    expect(fillTemplate('Done {{agent.signature}}', { agent: ana, brand: { name: 'Acme', signature } })).toEqual({ text: 'Done ^AP · Acme', unresolved: [] });
    // The panel fills the agent part first (agentVariables without the brand's name).
    expect(fillTemplate('Done {{agent.signature}}', { agent: agentVariables(ana, signature), brand: { name: 'Acme', signature } })).toEqual({
      text: 'Done ^AP · Acme',
      unresolved: [],
    });
    expect(agentVariables(ana, signature, 'Acme').signature).toBe('^AP · Acme');
  });

  it('is what the check asks for and adds', () => {
    const missing = check({ brand: { name: 'Acme', signature, tone: { useFirstName: false } } });
    expect(missing?.message).toBe('The signature "^AP · Acme" is missing.');
    expect(missing?.fix?.text).toBe('Your refund is on its way. ^AP · Acme');
  });

  it('signatureProblems names the placeholders a signature may not hold', () => {
    expect(signatureProblems('^{{agent.initials}} · {{ Brand.Name }} {{AGENT.NAME}}')).toEqual([]);
    expect(signatureProblems('^{{agent.signature}} {{customer.name}} {{ask:x}} {{agent.signature}}')).toEqual(['agent.signature', 'customer.name', 'ask:x']);
    expect(signatureProblems(undefined)).toEqual([]);
  });
});

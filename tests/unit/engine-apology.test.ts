/**
 * The apology an upset customer gets first: only a template tagged as one (apology, sorry,
 * disculpa) is the apology template; one whose title merely says sorry ("Sorry, out of stock",
 * "Lamentablemente…") answers something else and is not put first. Without an apology template,
 * the generated opener goes after the reply's greeting, also one ending in "!" or opening with "¡",
 * and does not name the customer a second time.
 */
import { describe, expect, it } from 'vitest';
import { createSuggester, withApology, type ConversationInput } from '../../lib/suggest/engine';

const upset = (text: string): ConversationInput => ({ customerMessages: [text], platform: 'x', isPublic: true, customer: { displayName: 'Ana' } });
const late = { id: 'late', title: 'Late delivery', body: 'Hi {{customer.first_name}}, deliveries are running late this week; yours arrives within 3 days.', tags: ['delivery'] };

describe('the apology template', () => {
  it('is not a template whose title says sorry about something else', () => {
    const s = createSuggester({
      brand: { name: 'Acme' },
      templates: [
        { id: 'oos', title: 'Sorry, out of stock', body: 'Hi {{customer.first_name}}, that item is out of stock and we have no restock date.', tags: ['stock'] },
        { id: 'nostock', title: 'Lamentablemente sin stock', body: 'Hola {{customer.first_name}}, no nos queda ese artículo.', tags: ['stock'] },
        late,
      ],
    });
    const out = s.suggest(upset('My delivery is two weeks late, this is unacceptable'), 3);
    expect(out[0]?.templateId).not.toBe('oos');
    expect(out[0]?.templateId).not.toBe('nostock');
    expect(out[0]?.score).not.toBe(10);
    // The late-delivery answer comes first, with the generated apology after its greeting.
    expect(out[0]?.text).toBe("Hi Ana, we're sorry about this and we're on it. Deliveries are running late this week; yours arrives within 3 days.");
  });

  it('is a template tagged apology, sorry or disculpa(s), put first with score 10', () => {
    for (const tag of ['apology', 'Sorry', 'disculpa', 'disculpas']) {
      const s = createSuggester({
        brand: { name: 'Acme' },
        templates: [{ id: 'ap', title: 'We own it', body: 'Hi {{customer.first_name}}, we let you down and we are fixing it now.', tags: [tag] }, late],
      });
      const [first] = s.suggest(upset('My delivery is two weeks late, this is unacceptable'), 3);
      expect(first?.templateId, tag).toBe('ap');
      expect(first?.score).toBe(10);
    }
  });
});

describe('withApology after a greeting', () => {
  const ctx = { customer: { displayName: 'Ana Pérez' } };
  it('keeps a greeting ending in "!" first, in English and in Spanish ("¡Hola Ana!")', () => {
    expect(withApology('¡Hola Ana! Tu pedido sale mañana.', ctx, true)).toBe('¡Hola Ana! Lamentamos mucho lo ocurrido y nos encargamos. Tu pedido sale mañana.');
    expect(withApology('Hi Ana! Your order ships tomorrow.', ctx, false)).toBe("Hi Ana! We're sorry about this and we're on it. Your order ships tomorrow.");
    expect(withApology('¡Hola! Tu pedido sale mañana.', ctx, true)).toMatch(/^¡Hola! Lamentamos mucho/u);
  });

  it('keeps a greeting ending in a comma first, as before, and puts the named opener first otherwise', () => {
    expect(withApology('¡Hola Ana, tu pedido sale mañana.', ctx, true)).toBe('¡Hola Ana, lamentamos mucho lo ocurrido y nos encargamos. Tu pedido sale mañana.');
    expect(withApology('Hi Ana, your order ships tomorrow.', ctx, false)).toBe("Hi Ana, we're sorry about this and we're on it. Your order ships tomorrow.");
    expect(withApology('Your order ships tomorrow.', ctx, false)).toBe("We're sorry about this, Ana, and we're on it. Your order ships tomorrow.");
  });

  it('never names the customer twice', () => {
    for (const [text, es] of [['¡Hola Ana! Tu pedido sale mañana.', true], ['Hi Ana! Your order ships tomorrow.', false]] as const) {
      expect(withApology(text, ctx, es).match(/Ana/gu)).toHaveLength(1);
    }
  });
});

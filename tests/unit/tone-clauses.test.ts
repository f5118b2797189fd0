/**
 * readTone: a negator only negates within its own clause ("No worries, thanks!" is thanks), and a
 * few readings that went the wrong way (greetings, negated time words, "cobrado", a bare "today").
 */
import { describe, expect, it } from 'vitest';
import { readTone } from '../../lib/suggest/tone';

describe('readTone: negation stays in its clause', () => {
  it.each(['No worries, thanks!', "No, that's all, thanks!", 'Not yet, but thanks for checking', 'No hace falta, gracias', 'Nada más, muchas gracias'])(
    '%s is not upset',
    (m) => {
      expect(readTone([m]).mood).not.toBe('upset');
      expect(readTone([m]).score).toBeGreaterThan(0);
    },
  );

  it('a negator in the same clause still negates', () => {
    expect(readTone(['I am not happy with this at all']).mood).toBe('upset');
    expect(readTone(['not happy, not great']).score).toBeLessThan(0);
    expect(readTone(['no estoy nada contento, la verdad']).score).toBeLessThan(0);
  });
});

describe('readTone: other readings', () => {
  it('"Buenas tardes" is a greeting, not a complaint', () => {
    expect(readTone(['Buenas tardes']).score).toBe(0);
    expect(readTone(['Hola, buenas']).score).toBe(0);
    expect(readTone(['Good morning']).score).toBe(0);
    expect(readTone(['Buenas tardes, me habéis cobrado dos veces']).score).toBeLessThan(0);
    expect(readTone(['Buenas tardes, ¿a qué hora abrís?']).mood).toBe('neutral');
    // "llega tarde" is still late.
    expect(readTone(['El pedido llega tarde otra vez']).score).toBeLessThan(0);
  });

  it('a negated time or neutral word does not turn positive', () => {
    expect(readTone(['Mi pedido no ha llegado todavía']).mood).not.toBe('positive');
    expect(readTone(['Mi pedido no ha llegado todavía']).score).toBeLessThanOrEqual(0);
    expect(readTone(['My order has not arrived and it is still not here']).score).toBeLessThanOrEqual(0);
  });

  it('"cobrado" is a charge complaint', () => {
    expect(readTone(['Me habéis cobrado dos veces']).score).toBeLessThan(0);
    expect(readTone(['Me habéis cobrado dos veces']).mood).toBe('upset');
    expect(readTone(['Me cobraron dos veces']).mood).toBe('upset');
    expect(readTone(['I was charged twice for one order']).mood).toBe('upset');
  });

  it('a bare "today"/"hoy" is not urgent; a need or a problem with it is', () => {
    expect(readTone(['Thanks, I got it today!']).urgency).toBe('normal');
    expect(readTone(['¡Gracias, hoy me ha llegado!']).urgency).toBe('normal');
    expect(readTone(['I need it today, my order is missing']).urgency).toBe('high');
    expect(readTone(['Necesito el pedido hoy, no ha llegado']).urgency).toBe('high');
    expect(readTone(['My flight leaves in 2 hours']).urgency).toBe('high');
  });
});

import { describe, expect, it } from 'vitest';
import { readTone } from '../../lib/suggest/tone';

describe('readTone', () => {
  it.each([
    ['This is terrible, my order never arrived and nobody answers!!', 'upset'],
    ['Still waiting for my refund, absolutely ridiculous', 'upset'],
    ['I am not happy with this at all', 'upset'],
    ['Es una vergüenza, llevo 3 días esperando y nadie responde', 'upset'],
    ['No funciona la app, estoy harta 😡', 'upset'],
    ['Thanks so much, that worked!', 'positive'],
    ['Muchas gracias, ya funciona 🙂', 'positive'],
    ['How do I change my plan?', 'neutral'],
    ['¿Cómo cambio mi dirección de envío?', 'neutral'],
    ["It's not bad", 'neutral'],
  ])('%s → %s', (text, mood) => {
    expect(readTone([text]).mood).toBe(mood);
  });

  it('handles negation of positive words (EN + ES)', () => {
    expect(readTone(['not happy, not great']).score).toBeLessThan(0);
    expect(readTone(['no estoy contento']).score).toBeLessThan(0);
    expect(readTone(['not happy']).signals).toContain('negated "not happy"');
  });

  it('reads urgency in both languages', () => {
    expect(readTone(['Need help ASAP, my flight leaves in 2 hours']).urgency).toBe('high');
    expect(readTone(['Es urgente, me hackearon la cuenta']).urgency).toBe('high');
    expect(readTone(['no rush, just wondering about the new plan']).urgency).toBe('low');
    expect(readTone(['sin prisa, cuando puedas me cuentas']).urgency).toBe('low');
    expect(readTone(['What are your opening hours?']).urgency).toBe('normal');
  });

  it('detects Spanish', () => {
    expect(readTone(['Hola, no me llega el pedido y nadie me responde']).language).toBe('es');
    expect(readTone(['Hello, my parcel has not arrived']).language).toBe('en');
    // Short Spanish complaints, and English that shares a word or two with Spanish.
    expect(readTone(['Pésimo servicio, sigo sin mi reembolso']).language).toBe('es');
    expect(readTone(['¿Cuándo llega mi pedido?']).language).toBe('es');
    expect(readTone(['I have no idea where my order is, es that normal?']).language).toBe('en');
  });
});

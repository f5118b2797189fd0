/**
 * Personal data written the way people write it in notes: "passport number is …", "su
 * pasaporte es …", "phone number: …", "mi móvil es …" — a linking word or a second noun between
 * the label and the number. The number still needs a digit (passports) or 7–15 digits (phones),
 * so "passport photo attached" and "su pasaporte está caducado" stay as written.
 */
import { describe, expect, it } from 'vitest';
import { maskPii } from '../../lib/cases/pii';

describe('passport numbers after "is" / "es" / ":"', () => {
  it.each([
    ['passport number is X1234567', 'passport number is ••••••67'],
    ['Her passport is AB1234567', 'Her passport is •••••••67'],
    ['su pasaporte es PAA123456', 'su pasaporte es •••••••56'],
    ['pasaporte número: PAA123456', 'pasaporte número: •••••••56'],
    ['passport no. is X1234567', 'passport no. is ••••••67'],
    ['her passport: AB1234567.', 'her passport: •••••••67.'],
  ])('%j is masked', (text, masked) => {
    expect(maskPii(text)).toEqual({ text: masked, masked: [{ kind: 'passport', count: 1 }] });
  });

  it.each([
    'passport photo attached',
    'su pasaporte está caducado',
    'passport number is not valid',
    'the passport is valid until 2030',
    'passport is 2 weeks late',
    'passport is being renewed',
  ])('%j is left alone (no number with a digit)', (text) => {
    expect(maskPii(text)).toEqual({ text, masked: [] });
  });
});

describe('phone numbers after a phone word and "is" / "es" / "number:"', () => {
  it.each([
    ['phone is 612345678', 'phone is •••••••78'],
    ['su teléfono es 612345678', 'su teléfono es •••••••78'],
    ['mi móvil es 612345678', 'mi móvil es •••••••78'],
    ['whatsapp is 5551234567', 'whatsapp is ••••••••67'],
    ['phone number: 5551234567', 'phone number: ••••••••67'],
  ])('%j is masked', (text, masked) => {
    expect(maskPii(text)).toEqual({ text: masked, masked: [{ kind: 'phone', count: 1 }] });
  });

  it('a short number after "phone is" is not a phone', () => {
    expect(maskPii('the phone is 2 years old')).toEqual({ text: 'the phone is 2 years old', masked: [] });
  });
});

describe('the other kinds already ignore the words before them', () => {
  it.each([
    ['my DNI is 12345678Z', 'national-id'],
    ['su DNI es 12345678Z', 'national-id'],
    ['SSN is 123-45-6789', 'national-id'],
    ['IBAN: ES91 2100 0418 4502 0005 1332', 'iban'],
    ['IBAN is ES9121000418450200051332', 'iban'],
    ['card number is 4242 4242 4242 4242', 'card'],
    ['tarjeta: 4242-4242-4242-4242', 'card'],
  ] as const)('%j → %s', (text, kind) => {
    expect(maskPii(text).masked).toEqual([{ kind, count: 1 }]);
  });
});
